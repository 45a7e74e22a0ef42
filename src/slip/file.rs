//! Writing slips to files (owner-only) and handing them to the printer.

use super::Slip;

/// Writes the slip as `<service>-<date>.html` and `.txt` into `dir` (created private if needed),
/// each file readable by the owner only; a second slip for the same service on the same day
/// gets `-2`, `-3` … and never overwrites the first. Returns the HTML path.
pub fn save(dir: &std::path::Path, slip: &Slip<'_>) -> std::io::Result<std::path::PathBuf> {
    let base = format!("{}-{}", slip.service.id, slip.today);
    save_pages(dir, &base, &[("html", &slip.html()), ("txt", &slip.text())])
}

/// Writes a written copy as `copy-<date>.html` into `dir`, like a slip. Returns its path.
pub fn save_copy(
    dir: &std::path::Path,
    copy: &super::WrittenCopy<'_>,
) -> std::io::Result<std::path::PathBuf> {
    save_pages(
        dir,
        &format!("copy-{}", copy.today),
        &[("html", &copy.html())],
    )
}

/// Writes the pages `<base>.<ext>` (the first numbered `-2`, `-3` … where the name is taken),
/// owner-only; returns the first page's path.
fn save_pages(
    dir: &std::path::Path,
    base: &str,
    pages: &[(&str, &str)],
) -> std::io::Result<std::path::PathBuf> {
    crate::paths::create_private_dir(dir)?;
    'names: for n in 1.. {
        let stem = if n == 1 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        };
        let paths: Vec<std::path::PathBuf> = pages
            .iter()
            .map(|(ext, _)| dir.join(format!("{stem}.{ext}")))
            .collect();
        if paths.iter().any(|p| p.exists()) {
            continue;
        }
        // Creating a file claims the name: a desk writing the same page at the same moment
        // gets the next number, not this file.
        for (at, ((_, content), path)) in pages.iter().zip(&paths).enumerate() {
            match write_new_private(path, content) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    for written in &paths[..at] {
                        std::fs::remove_file(written)?;
                    }
                    continue 'names;
                }
                other => other?,
            }
        }
        return Ok(paths[0].clone());
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
