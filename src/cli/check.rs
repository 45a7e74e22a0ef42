//! `intake-desk check ...`: the competence check for scripts and quick questions.

use super::Cli;
use super::setup::setup;
use crate::check::{self, Field, Input};
use crate::error::{Error, Result};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Canton whose rules apply: VS, AG or LU
    #[arg(long)]
    pub canton: String,
    /// swiss, c, b, l, g, ci, refugee-b, refugee-f, provisional-f, asylum-seeker, protection-s, none
    #[arg(long)]
    pub status: String,
    /// Day the asylum application was filed
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub asylum_date: Option<String>,
    /// Day of entry into Switzerland
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub entry_date: Option<String>,
    /// The refugee is entitled to a settlement permit C
    #[arg(long)]
    pub c_entitled: bool,
    /// The provisionally admitted refugee has been granted a B permit
    #[arg(long)]
    pub b_granted: bool,
    /// The person has taken residence in a commune
    #[arg(long)]
    pub resident_in_commune: bool,
    /// Commune of support domicile or stay (Valais): name or BFS number
    #[arg(long, value_name = "NAME|BFS")]
    pub commune: Option<String>,
    /// Day to answer for [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<()> {
    let mut out = super::stdout_for(args.format == Format::Text);
    let setup = setup(cli)?;
    let lang = setup.language(cli, None)?;
    if args.commune.as_deref().is_some_and(|c| c.trim().is_empty()) {
        return Err(Error::Usage(
            "--commune is empty: give a commune's name or BFS number, or leave --commune out"
                .into(),
        ));
    }
    let input = Input {
        canton: &args.canton,
        status: &args.status,
        asylum_date: args.asylum_date.as_deref(),
        entry_date: args.entry_date.as_deref(),
        c_entitled: args.c_entitled,
        b_granted: args.b_granted,
        resident_in_commune: args.resident_in_commune,
        commune: args.commune.as_deref(),
        on: args.on.as_deref(),
    };
    let today = crate::desk_time::today();
    let outcome = check::check(&setup.catalog, &input, today).map_err(|e| {
        Error::Usage(e.message(&setup.catalog.i18n, &lang, |f: Field| {
            f.cli_flag().to_string()
        }))
    })?;
    match args.format {
        Format::Json => writeln!(out, "{}", outcome.json(&lang))?,
        Format::Text => write!(out, "{}", outcome.text(&setup.catalog.i18n, &lang))?,
    }
    Ok(())
}
