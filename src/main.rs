fn main() -> std::process::ExitCode {
    intake_desk::cli::main()
}
