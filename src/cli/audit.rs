//! `intake-desk audit [--since D] [--by STAFF] [--record ID] [--format text|json|csv]` and
//! `intake-desk audit verify`: the trail of who did what to which record.

use super::Cli;
use super::setup::Setup;
use super::sign_in::require;
use crate::error::{Error, Result};
use crate::staff::Needs;
use crate::store::{AuditEntry, AuditFilter};
use crate::text::neutralise_formula;
use chrono::NaiveDate;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// Entries from this day on
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Entries of this staff member (`--staff` is who signs in)
    #[arg(long, value_name = "STAFF")]
    pub by: Option<String>,
    /// Entries about this record (a visit, person, batch, service or staff id)
    #[arg(long, value_name = "ID")]
    pub record: Option<String>,
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    pub format: AuditFormat,
}

#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Recompute every entry's hash and link: exit 1 naming each entry changed or missing
    Verify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    Text,
    Json,
    Csv,
}

pub fn run(cli: &Cli, args: &AuditArgs) -> Result<()> {
    let mut store = Setup::open_store(cli)?;
    require(cli, &mut store, Needs::Administer)?;
    if let Some(AuditCommand::Verify) = args.command {
        return verify(&store);
    }
    let filter = AuditFilter {
        since_ms: args.since.map(super::visits::day_start_ms),
        staff: args.by.clone(),
        record: args.record.clone(),
    };
    let entries = store.audit_entries(&filter)?;
    let mut out = super::stdout_for(args.format == AuditFormat::Text);
    match args.format {
        AuditFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&entries).expect("plain data serialises")
        )?,
        AuditFormat::Csv => write_csv(&mut out, &entries)?,
        AuditFormat::Text => {
            for e in &entries {
                writeln!(out, "{}", text_line(e))?;
            }
        }
    }
    Ok(())
}

fn text_line(e: &AuditEntry) -> String {
    let detail = match &e.detail {
        serde_json::Value::Object(map) if map.is_empty() => String::new(),
        other => format!(" {other}"),
    };
    format!(
        "{:>6}  {}  {:<10} {:<14} {} {}{detail}",
        e.seq,
        e.at,
        e.staff,
        e.action,
        e.entity,
        e.record_ids.join(",")
    )
}

fn write_csv(out: &mut dyn Write, entries: &[AuditEntry]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record([
            "seq",
            "at",
            "staff",
            "action",
            "entity",
            "record_ids",
            "detail",
            "prev_hash",
            "hash",
        ])
        .map_err(|e| Error::Other(e.into()))?;
    for e in entries {
        let seq = e.seq.to_string();
        let records = e.record_ids.join(" ");
        let detail = e.detail.to_string();
        let cells = [
            seq.as_str(),
            &e.at,
            &e.staff,
            &e.action,
            &e.entity,
            &records,
            &detail,
            &e.prev_hash,
            &e.hash,
        ];
        writer
            .write_record(cells.iter().map(|c| neutralise_formula(c).into_owned()))
            .map_err(|e| Error::Other(e.into()))?;
    }
    writer.flush()?;
    Ok(())
}

fn verify(store: &crate::store::Store) -> Result<()> {
    let check = store.verify_audit()?;
    let mut out = super::stdout_for(true);
    if check.problems.is_empty() {
        writeln!(
            out,
            "audit trail intact: {} entries, each following the one before; last hash {}",
            check.entries, check.head
        )?;
        return Ok(());
    }
    for problem in &check.problems {
        writeln!(out, "{problem}")?;
    }
    Err(Error::Other(anyhow::anyhow!(
        "the audit trail of {} was tampered with: {} problem(s) in {} entries",
        store.path().display(),
        check.problems.len(),
        check.entries
    )))
}
