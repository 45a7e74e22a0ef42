//! `intake-desk report --month YYYY-MM [--from D --to D] [--format text|csv|json|xlsx]
//! [--out FILE]`: the statistics of a period, for the SMZ and the cantonal social service.

use super::Cli;
use super::setup::{Setup, setup};
use crate::error::{Error, Result};
use crate::report::format::{self, Names};
use crate::report::{self as report_figures, Period};
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Csv,
    Json,
    /// An Excel workbook: a summary and one sheet per section
    Xlsx,
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
    /// Write the report into this file (readable by you alone) instead of the terminal
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

pub fn run(cli: &Cli, args: &ReportArgs) -> Result<()> {
    let setup = setup(cli)?;
    let today = crate::desk_time::today();
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
    let names = Names {
        catalog: &setup.catalog,
        lang: &lang,
    };
    let bytes = match args.format {
        ReportFormat::Text => format::text(&figures, &names).into_bytes(),
        ReportFormat::Csv => {
            let separator = if args.semicolon { b';' } else { b',' };
            format::csv(&figures, &names, separator, args.bom).map_err(Error::Other)?
        }
        ReportFormat::Json => format!("{}\n", format::json(&figures)).into_bytes(),
        ReportFormat::Xlsx => {
            if args.out.is_none() && std::io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "a workbook is not for the terminal: add --out report.xlsx (or send the output to a file, > report.xlsx)".into(),
                ));
            }
            let made_at = crate::store::now_rfc3339();
            crate::report::xlsx::workbook(&figures, &names, &made_at).map_err(Error::Other)?
        }
    };
    match &args.out {
        Some(path) => {
            crate::export::folder::write_atomically(path, None, |out| Ok(out.write_all(&bytes)?))
                .map_err(|e| Error::Other(e.context(format!("cannot write {}", path.display()))))?;
        }
        None => super::stdout_for(args.format == ReportFormat::Text).write_all(&bytes)?,
    }
    Ok(())
}
