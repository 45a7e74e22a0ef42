//! Writing slips to files (owner-only) and handing them to the printer.

use super::Slip;

/// Writes the slip as `<service>-<date>.html` and `.txt` into `dir` (created private if needed),
/// each file readable by the owner only; a second slip for the same service on the same day
/// gets `-2`, `-3` … and never overwrites the first. Returns the HTML path.
pub fn save(dir: &std::path::Path, slip: &Slip<'_>) -> std::io::Result<std::path::PathBuf> {
    crate::paths::create_private_dir(dir)?;
    let base = format!("{}-{}", slip.service.id, slip.today);
    let (html, text) = (slip.html(), slip.text());
    for n in 1.. {
        let stem = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let html_path = dir.join(format!("{stem}.html"));
        let text_path = dir.join(format!("{stem}.txt"));
        if text_path.exists() {
            continue;
        }
        // Creating the file claims the name: a desk writing the same slip at the same moment
        // gets the next number, not this file.
        match write_new_private(&html_path, &html) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            other => other?,
        }
        match write_new_private(&text_path, &text) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::remove_file(&html_path)?;
                continue;
            }
            other => other?,
        }
        return Ok(html_path);
    }
    unreachable!("some number is free")
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
