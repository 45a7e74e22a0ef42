//! `intake-desk directory export DIR`: the effective directory as an HSDS 3.0 tabular package.

use super::Cli;
use super::setup::setup;
use crate::error::{Error, Result};
use crate::hsds::export::{self, Directory};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Folder to write the package into (created when missing)
    pub dir: PathBuf,
    /// Language of the standard's one-language fields (name, description, hours); both languages
    /// are in the intake_desk_* columns [default: the interface language if de or fr, else de]
    #[arg(long, value_name = "de|fr")]
    pub texts: Option<String>,
    /// Write over an HSDS package that intake-desk did not write
    #[arg(long)]
    pub force: bool,
}

pub fn run(cli: &Cli, args: &ExportArgs) -> Result<()> {
    let mut setup = setup(cli)?;
    let shipped = setup.catalog.services.clone();
    setup.with_local_directory(cli)?;
    let lang = match &args.texts {
        Some(lang) if lang == "de" || lang == "fr" => lang.clone(),
        Some(other) => {
            return Err(Error::Usage(format!("--texts {other}: write de or fr")));
        }
        None => {
            let ui = setup.language(cli, None)?;
            if ui == "fr" { ui } else { "de".into() }
        }
    };
    let files = export::package(&Directory {
        services: &setup.catalog.services,
        shipped: &shipped,
        regions: &setup.catalog.regions,
        lang: &lang,
    });
    if args.dir.exists() && !args.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file: give a folder for the package",
            args.dir.display()
        )));
    }
    refuse_foreign_package(&args.dir, &files, args.force)?;
    use anyhow::Context;
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create the folder {}", args.dir.display()))?;
    // The descriptor first: it marks the folder as ours, so an export running beside this one
    // never takes the tables this one has written already for another system's.
    let descriptor_first = files
        .iter()
        .filter(|(name, _)| *name == "datapackage.json")
        .chain(files.iter().filter(|(name, _)| *name != "datapackage.json"));
    for (name, contents) in descriptor_first {
        let path = args.dir.join(name);
        write_replacing(&path, contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let rows = |name: &str| {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, text)| text.lines().count().saturating_sub(1))
    };
    writeln!(
        super::stdout_for(true),
        "exported {} services ({} phones, {} addresses, {} corrections made at this desk) as an \
         HSDS 3.0 package into {}",
        rows("services.csv"),
        rows("phones.csv"),
        rows("addresses.csv"),
        rows("metadata.csv"),
        args.dir.display()
    )?;
    Ok(())
}

/// Refuses to write over the tables of a package another system wrote, unless forced.
fn refuse_foreign_package(dir: &Path, files: &[(&str, String)], force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    let descriptor = std::fs::read_to_string(dir.join("datapackage.json")).unwrap_or_default();
    // An earlier export of ours is written over; another package is not (it could be the very
    // package a desk imported from).
    if descriptor.contains(&serde_json::to_string(export::DESCRIPTION).expect("text serialises")) {
        return Ok(());
    }
    let taken: Vec<&str> = files
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| dir.join(name).exists())
        .collect();
    if taken.is_empty() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} already holds {} of a package intake-desk did not write: choose an empty folder, or add --force to write over them",
        dir.display(),
        taken.join(", ")
    )))
}

/// Writes a file whole or not at all: a reader (or a second export) never sees half of it.
fn write_replacing(path: &Path, contents: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path)?;
    Ok(())
}
