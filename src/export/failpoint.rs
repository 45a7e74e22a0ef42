//! Crash points for the tests that kill an export half-way: `INTAKE_DESK_FAILPOINT=<name>` makes
//! the process abort there, like a power cut (no destructor runs, no transaction commits).

/// The points: `before-rename`, `after-rename`, `before-commit`.
pub fn failpoint(name: &str) {
    if std::env::var("INTAKE_DESK_FAILPOINT").is_ok_and(|wanted| wanted == name) {
        std::process::abort();
    }
}
