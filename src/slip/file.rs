//! Writing slips to files (owner-only) and handing them to the printer.

use super::{html, text};
use crate::catalog::{I18n, Service};
use chrono::NaiveDate;

/// Writes the slip as `<service>-<date>.html` and `.txt` into `dir` (created private if needed),
/// each file readable by the owner only. Returns the HTML path.
pub fn save(
    dir: &std::path::Path,
    service: &Service,
    i18n: &I18n,
    staff: &str,
    visitor: Option<&str>,
    today: NaiveDate,
) -> std::io::Result<std::path::PathBuf> {
    crate::paths::create_private_dir(dir)?;
    let stem = format!("{}-{today}", service.id);
    let html_path = dir.join(format!("{stem}.html"));
    write_private(&html_path, &html(service, i18n, staff, visitor, today))?;
    write_private(
        &dir.join(format!("{stem}.txt")),
        &text(service, i18n, staff, visitor, today),
    )?;
    Ok(html_path)
}

fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    crate::paths::create_private_file(path)?.write_all(content.as_bytes())
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
