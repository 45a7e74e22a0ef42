// mimalloc: exports and reports allocate many small strings per visit; it is markedly faster
// at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    intake_desk::cli::main()
}
