//! `intake-desk keymap check FILE` and `intake-desk keymap show [--context C]`.

use super::Cli;
use super::setup::setup;
use crate::error::{Error, Result};
use crate::tui::Action;
use crate::tui::keymap::{self, Context, format_sequence};
use std::io::Write;
use std::path::Path;
use strum::IntoEnumIterator;

pub fn check(file: &Path) -> Result<()> {
    let mut out = super::stdout_for(true);
    // Every problem of the file, one a line, as `data check` lists a data folder's.
    let map = keymap::load(Some(file))
        .map_err(|e| super::data::listed(crate::catalog::DataErrors(e.0)))?;
    writeln!(
        out,
        "{}: ok. {} bindings over the {} keymap",
        file.display(),
        map.bindings.len(),
        map.base
    )?;
    Ok(())
}

pub fn show(cli: &Cli, context: Option<&str>) -> Result<()> {
    let mut out = super::stdout_for(true);
    let setup = setup(cli)?;
    let (map, description) = setup.keymap(cli)?;
    let lang = setup.language(cli, None)?;
    let i18n = &setup.catalog.i18n;
    let contexts: Vec<Context> = match context {
        Some(name) => vec![name.parse().map_err(|_| {
            let names: Vec<&str> = Context::iter().map(Context::name).collect();
            Error::Usage(format!(
                "unknown context {name:?}; contexts: {}",
                names.join(", ")
            ))
        })?],
        None => Context::iter().collect(),
    };
    writeln!(out, "# keymap: {description}")?;
    for context in &contexts {
        writeln!(out, "\n[{}]", context.name())?;
        for binding in map.bindings.iter().filter(|b| b.context == *context) {
            writeln!(
                out,
                "  {:<14} {:<20} {}",
                format_sequence(&binding.keys),
                binding.action.name(),
                i18n.text(&lang, &binding.action.label_key())
            )?;
        }
    }
    if context.is_none() {
        let unbound: Vec<Action> = Action::all()
            .filter(|a| !map.bindings.iter().any(|b| b.action == *a))
            .collect();
        if !unbound.is_empty() {
            writeln!(out, "\n# actions without a key")?;
            for action in unbound {
                writeln!(
                    out,
                    "  {:<20} {}",
                    action.name(),
                    i18n.text(&lang, &action.label_key())
                )?;
            }
        }
    }
    Ok(())
}
