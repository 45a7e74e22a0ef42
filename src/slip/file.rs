//! Writing slips to files (owner-only) and handing them to the printer.

use super::{SlipFor, html, text};
use crate::catalog::{I18n, Service};
use chrono::NaiveDate;

/// Writes the slip as `<service>-<date>.html` and `.txt` into `dir` (created private if needed),
/// each file readable by the owner only; a second slip for the same service on the same day
/// gets `-2`, `-3` … and never overwrites the first. Returns the HTML path.
pub fn save(
    dir: &std::path::Path,
    service: &Service,
    i18n: &I18n,
    staff: &str,
    visitor: Option<&str>,
    recipient: &SlipFor,
    today: NaiveDate,
) -> std::io::Result<std::path::PathBuf> {
    crate::paths::create_private_dir(dir)?;
    let base = format!("{}-{today}", service.id);
    let stem = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|stem| {
            !dir.join(format!("{stem}.html")).exists() && !dir.join(format!("{stem}.txt")).exists()
        })
        .expect("some number is free");
    let html_path = dir.join(format!("{stem}.html"));
    write_new_private(
        &html_path,
        &html(service, i18n, staff, visitor, recipient, today),
    )?;
    write_new_private(
        &dir.join(format!("{stem}.txt")),
        &text(service, i18n, staff, visitor, recipient, today),
    )?;
    Ok(html_path)
}

/// Creates a file that must not exist yet (two desks writing the same slip at once get two).
fn write_new_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(content.as_bytes())
}

/// Runs the configured print command (e.g. `lp` or `lp -d desk-printer`) on a file.
pub fn print(command: &str, file: &std::path::Path) -> Result<(), String> {
    let mut words = command.split_whitespace();
    let program = words
        .next()
        .ok_or_else(|| "the print command is empty".to_string())?;
    let status = std::process::Command::new(program)
        .args(words)
        .arg(file)
        .status()
        .map_err(|e| format!("{program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command} ended with {status}"))
    }
}
