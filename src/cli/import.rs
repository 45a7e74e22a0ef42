//! `intake-desk --data DIR import services PACKAGE`: bring an HSDS package into a data folder.

use super::Cli;
use super::setup::setup;
use crate::catalog::DataErrors;
use crate::catalog::services;
use crate::catalog::source::DataFile;
use crate::error::{Error, Result};
use crate::import::hsds::{self, ImportOptions};
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ImportServicesArgs {
    /// Folder of the HSDS 3.0 tabular package (services.csv and friends)
    pub package: PathBuf,
    /// Language the package is written in
    #[arg(long, value_name = "de|fr", default_value = "fr")]
    pub lang: String,
    /// Category given to every imported service
    #[arg(long, value_name = "K", default_value = "aid")]
    pub category: String,
    /// SMZ/CMS regions the services serve, separated by ; [default: all]
    #[arg(long, value_name = "IDS")]
    pub regions: Option<String>,
    /// Check and report, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn services(cli: &Cli, args: &ImportServicesArgs) -> Result<()> {
    let mut out = super::stdout_for(true);
    let target = cli.data.clone().ok_or_else(|| {
        Error::Usage("give the data folder to import into with --data DIR (its services.csv is created or updated)".into())
    })?;
    let setup = setup(cli)?;
    let catalog = &setup.catalog;
    if args.lang != "de" && args.lang != "fr" {
        return Err(Error::Usage(format!(
            "--lang {}: write de or fr",
            args.lang
        )));
    }
    let regions: Vec<String> = match &args.regions {
        None => catalog.regions.iter().map(|r| r.id.clone()).collect(),
        Some(list) => list
            .split(';')
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect(),
    };
    let options = ImportOptions {
        lang: args.lang.clone(),
        category: args.category.clone(),
        regions,
        today: crate::desk_time::today(),
        known_regions: catalog.regions.iter().map(|r| r.id.clone()).collect(),
    };
    let imported =
        hsds::import(&args.package, &options).map_err(|e| super::data::listed(DataErrors(e)))?;
    let (merged, replaced) = hsds::merged(&catalog.services, &imported);
    // Prove the result loads before anything is written.
    let path = target.join(services::FILE);
    let text = services::to_csv(&merged);
    let region_ids: HashSet<String> = catalog.regions.iter().map(|r| r.id.clone()).collect();
    services::parse(
        &DataFile {
            display_name: path.display().to_string(),
            text: text.clone(),
        },
        &region_ids,
    )
    .map_err(|e| super::data::listed(DataErrors(e)))?;
    if !args.dry_run {
        let temporary = target.join(format!(".{}.tmp", services::FILE));
        std::fs::write(&temporary, &text)?;
        std::fs::rename(&temporary, &path)?;
    }
    writeln!(
        out,
        "{} {} services ({replaced} replacing entries of the same id) into {}",
        if args.dry_run {
            "would import"
        } else {
            "imported"
        },
        imported.len(),
        path.display()
    )?;
    Ok(())
}
