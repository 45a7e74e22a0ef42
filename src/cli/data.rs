//! `intake-desk data check [DIR]`: validate data files and say what they hold.

use super::Cli;
use crate::catalog::{Catalog, Commune, DataSource};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

pub fn check(cli: &Cli, dir: Option<&Path>) -> Result<()> {
    let mut out = super::stdout_for(true);
    let dir = dir.or(cli.data.as_deref());
    let source = match dir {
        Some(dir) if !dir.is_dir() => {
            return Err(Error::Usage(format!("{}: no such folder", dir.display())));
        }
        Some(dir) => DataSource::with_overlay(dir),
        None => DataSource::embedded(),
    };
    // Here every problem is the output, one a line; the last line counts them.
    let catalog = Catalog::load(&source).map_err(listed)?;
    let unverified = catalog
        .communes
        .iter()
        .filter(|c| !c.provenance.confidence.is_verified())
        .count();
    writeln!(
        out,
        "{}: ok. {} communes ({} with a region mapping that is not verified), {} SMZ/CMS regions, competence rules for {} ({} rules, each case answered exactly once), interface languages {}",
        dir.map_or_else(|| "embedded data".to_string(), |d| d.display().to_string()),
        catalog.communes.len(),
        unverified,
        catalog.regions.len(),
        catalog
            .rules
            .iter()
            .map(|p| p.canton.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        catalog.rules.iter().map(|p| p.rules.len()).sum::<usize>(),
        catalog.i18n.languages().join(", "),
    )?;
    for region in &catalog.regions {
        let unverified: Vec<&Commune> = catalog
            .communes
            .iter()
            .filter(|c| c.region == region.id && !c.provenance.confidence.is_verified())
            .collect();
        let Some(first) = unverified.first() else {
            continue;
        };
        let names: Vec<&str> = unverified.iter().map(|c| c.name.as_str()).collect();
        writeln!(
            out,
            "not verified: {} serves {} ({} confidence; source: {})",
            region.id,
            names.join(", "),
            <&str>::from(first.provenance.confidence),
            first.provenance.source,
        )?;
    }
    Ok(())
}

/// Every problem on its own line (the listing is what `data check` and `import` are for), then
/// one line that counts them; a single problem is just that line.
pub fn listed(errors: crate::catalog::DataErrors) -> Error {
    if errors.0.len() == 1 {
        return Error::Data(errors);
    }
    for error in &errors.0 {
        eprintln!("{}", crate::text::escape_control(&error.to_string()));
    }
    Error::Usage(format!("{} problem(s) in the data", errors.0.len()))
}
