//! Where files live by default: the platform's data and config folders.

use directories::ProjectDirs;
use std::path::{Path, PathBuf};

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "intake-desk")
}

/// `~/.local/share/intake-desk/visits.db` on Linux; the platform equivalent elsewhere.
pub fn default_db_path() -> PathBuf {
    project_dirs()
        .map(|d| d.data_dir().join("visits.db"))
        .unwrap_or_else(|| PathBuf::from("visits.db"))
}

/// Where slips and written copies go unless the config says otherwise: a `slips` folder beside
/// the database (`~/.local/share/intake-desk/slips` for the default one), so a desk started on
/// another database (`--db`) keeps its printouts with that database's visits.
pub fn default_slips_dir(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.join("slips"),
        _ => PathBuf::from("slips"),
    }
}

/// Where HTTP batches of a database wait until the server accepts them: a folder beside it,
/// `visits.db-outbox` (one per database, so no database's clean-up touches another's batches).
pub fn outbox_dir(db_path: &Path) -> PathBuf {
    let mut name = db_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "visits.db".into());
    name.push("-outbox");
    db_path.with_file_name(name)
}

/// `~/.config/intake-desk` on Linux: holds `config.toml` and `keymap.toml`.
pub fn default_config_dir() -> PathBuf {
    project_dirs()
        .map(|d| d.config_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Creates a folder (and its parents) readable by the owner only.
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Creates (or empties) a file readable and writable by the owner only.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
