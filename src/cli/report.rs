//! `intake-desk report --month YYYY-MM [--from D --to D] [--format text|csv|json]`: the
//! statistics of a period, for the SMZ and the cantonal social service.

use super::Cli;
use super::setup::{Setup, setup};
use crate::error::{Error, Result};
use crate::report::format::{self, Names};
use crate::report::{self as report_figures, Period};
use chrono::NaiveDate;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The calendar month [default: the current month]
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    pub month: Option<String>,
    /// First day of another period (with --to)
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    pub from: Option<NaiveDate>,
    /// Last day of the period, included (with --from)
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// CSV: separate fields with a semicolon (for spreadsheets set to Swiss German)
    #[arg(long)]
    pub semicolon: bool,
    /// CSV: start with a UTF-8 byte-order mark, so spreadsheets detect the encoding
    #[arg(long)]
    pub bom: bool,
}

pub fn run(cli: &Cli, args: &ReportArgs) -> Result<()> {
    let setup = setup(cli)?;
    let today = chrono::Local::now().date_naive();
    let period = match (&args.month, args.from, args.to) {
        (Some(month), _, _) => Period::month(month).ok_or_else(|| {
            Error::Usage(format!(
                "--month {month}: write the month as YYYY-MM, e.g. 2026-11"
            ))
        })?,
        (None, Some(from), Some(to)) if from <= to => Period { from, to },
        (None, Some(from), Some(to)) => {
            return Err(Error::Usage(format!("--from {from} lies after --to {to}")));
        }
        _ => Period::of_day(today),
    };
    let store = Setup::read_store(cli)?;
    let figures = report_figures::figures(&store, &setup.catalog, period, today)?;
    let lang = setup.language(cli, store.setting(crate::UI_LANGUAGE_SETTING)?)?;
    let mut out = super::stdout_for(args.format == ReportFormat::Text);
    match args.format {
        ReportFormat::Text => {
            let names = Names {
                catalog: &setup.catalog,
                lang: &lang,
            };
            out.write_all(format::text(&figures, &names).as_bytes())?;
        }
        ReportFormat::Csv => {
            let names = Names {
                catalog: &setup.catalog,
                lang: &lang,
            };
            let separator = if args.semicolon { b';' } else { b',' };
            out.write_all(
                &format::csv(&figures, &names, separator, args.bom).map_err(Error::Other)?,
            )?;
        }
        ReportFormat::Json => writeln!(out, "{}", format::json(&figures))?,
    }
    Ok(())
}
