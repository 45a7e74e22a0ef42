//! Crash points for the tests that kill an export half-way: `INTAKE_DESK_FAILPOINT=<name>` makes
//! the process abort there, like a power cut (no destructor runs, no transaction commits).
//! `INTAKE_DESK_FAILPOINT=pause-while-writing` holds an export for two seconds after its first
//! line, so a test can act while the batch is being written.

/// The points: `before-rename`, `after-rename`, `before-commit`.
pub fn failpoint(name: &str) {
    if std::env::var("INTAKE_DESK_FAILPOINT").is_ok_and(|wanted| wanted == name) {
        std::process::abort();
    }
}

/// Sleeps at the point when the tests ask for it (see the module's comment).
pub fn pause(name: &str) {
    if std::env::var("INTAKE_DESK_FAILPOINT").is_ok_and(|wanted| wanted == format!("pause-{name}"))
    {
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
}
