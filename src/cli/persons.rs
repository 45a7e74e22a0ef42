//! `intake-desk persons changes [--within 30d] [--on DATE] [--format text|json|csv]`: the persons
//! whose responsibility changes soon, so the SMZ prepares the handover in time;
//! `intake-desk persons duplicates [--format text|json]`: persons who may be one;
//! `intake-desk persons merge A B` and `persons split B`: joining them, and undoing that.

use super::Cli;
use super::setup::{Setup, setup};
use super::sign_in::{record, require};
use crate::error::{Error, Result};
use crate::staff::Needs;
use crate::store::{AuditAction, NewAuditEntry, PersonRecord};
use chrono::NaiveDate;

/// The person's id across visits, else the record's own.
fn stable_id(p: &PersonRecord) -> String {
    p.stable_id.clone().unwrap_or_else(|| p.id.clone())
}
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChangesFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// How far ahead to look: days, as `30d` or `30`
    #[arg(long, value_name = "DAYS", default_value = "30d", value_parser = days)]
    pub within: u32,
    /// The day to look from [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = ChangesFormat::Text)]
    pub format: ChangesFormat,
}

/// `30d` or `30`: a number of days.
fn days(text: &str) -> std::result::Result<u32, String> {
    let number = text.strip_suffix('d').unwrap_or(text);
    number
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= 3660)
        .ok_or_else(|| format!("{text:?} is not a number of days (e.g. 30d, at most 3660)"))
}

#[derive(serde::Serialize)]
struct ChangeLine<'a> {
    on: String,
    person_id: &'a str,
    official_name: &'a str,
    first_name: &'a str,
    birth_date: Option<&'a str>,
    now: &'a str,
    now_name: &'a str,
    next: &'a str,
    next_name: &'a str,
    seen_at: &'a str,
}

pub fn changes(cli: &Cli, args: &ChangesArgs) -> Result<()> {
    let setup = setup(cli)?;
    let lang = setup.language(cli, None)?;
    // A worklist read often (a cron job, a desk each morning): without the whole-file damage
    // check, which takes seconds on a million visits; damage met while reading is reported.
    let mut store = Setup::inspect_store(cli)?;
    let who = require(cli, &mut store, Needs::Dossiers)?;
    let today = args.on.unwrap_or_else(crate::desk_time::today);
    let changes = crate::persons::worklist(&store, &setup.catalog, today, args.within)?;
    record(
        &mut store,
        &NewAuditEntry::new(who.id.as_str(), AuditAction::Read, "persons")
            .records(changes.iter().map(|c| stable_id(&c.person)))
            .detail("list", "changes")
            .detail("count", changes.len()),
    )?;
    let lines: Vec<ChangeLine> = changes
        .iter()
        .map(|c| ChangeLine {
            on: c.on.to_string(),
            person_id: c.person.stable_id.as_deref().unwrap_or(&c.person.id),
            official_name: &c.person.official_name,
            first_name: &c.person.first_name,
            birth_date: c.person.birth_date.as_deref(),
            now: &c.now.id,
            now_name: c.now.name.get(&lang),
            next: &c.next.id,
            next_name: c.next.name.get(&lang),
            seen_at: &c.seen_at,
        })
        .collect();
    let mut out = super::stdout_for(args.format == ChangesFormat::Text);
    match args.format {
        ChangesFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&lines).expect("plain data serialises")
        )?,
        ChangesFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            for line in &lines {
                // Names typed by people reach a spreadsheet: no cell starts a formula.
                let cells = [
                    line.on.clone(),
                    line.person_id.to_string(),
                    line.official_name.to_string(),
                    line.first_name.to_string(),
                    line.birth_date.unwrap_or_default().to_string(),
                    line.now.to_string(),
                    line.now_name.to_string(),
                    line.next.to_string(),
                    line.next_name.to_string(),
                    line.seen_at.to_string(),
                ]
                .map(|c| crate::text::neutralise_formula(&c).into_owned());
                writer
                    .serialize(cells)
                    .map_err(|e| Error::Other(e.into()))?;
            }
            let header = "on,person_id,official_name,first_name,birth_date,now,now_name,next,next_name,seen_at\n";
            let body = writer
                .into_inner()
                .map_err(|e| Error::Other(anyhow::anyhow!(e.to_string())))?;
            out.write_all(header.as_bytes())?;
            out.write_all(&body)?;
        }
        ChangesFormat::Text => {
            if lines.is_empty() {
                writeln!(
                    out,
                    "{}",
                    setup.catalog.i18n.format(
                        &lang,
                        "persons.no_changes",
                        &[
                            ("days", &args.within.to_string()),
                            ("on", &today.to_string())
                        ]
                    )
                )?;
            }
            for line in &lines {
                writeln!(
                    out,
                    "{}  {}, {}{}  {} → {}",
                    line.on,
                    line.official_name,
                    line.first_name,
                    line.birth_date
                        .map_or_else(String::new, |b| format!(" ({b})")),
                    line.now_name,
                    line.next_name
                )?;
            }
        }
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct DuplicatesArgs {
    #[arg(long, value_enum, default_value_t = super::directory::ListFormat::Text)]
    pub format: super::directory::ListFormat,
}

pub fn duplicates(cli: &Cli, args: &DuplicatesArgs) -> Result<()> {
    use super::directory::ListFormat;
    // A worklist read often (a cron job, a desk each morning): without the whole-file damage
    // check, which takes seconds on a million visits; damage met while reading is reported.
    let mut store = Setup::inspect_store(cli)?;
    let who = require(cli, &mut store, Needs::Dossiers)?;
    let pairs = store.duplicate_candidates()?;
    record(
        &mut store,
        &NewAuditEntry::new(who.id.as_str(), AuditAction::Read, "persons")
            .records(
                pairs
                    .iter()
                    .flat_map(|p| [stable_id(&p.a), stable_id(&p.b)]),
            )
            .detail("list", "duplicates")
            .detail("count", pairs.len()),
    )?;
    let mut out = super::stdout_for(args.format == ListFormat::Text);
    match args.format {
        ListFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&pairs).expect("plain data serialises")
        )?,
        ListFormat::Text => {
            let who = |p: &crate::store::PersonRecord| {
                format!(
                    "{}, {} ({}) {}",
                    p.official_name,
                    p.first_name,
                    p.birth_date.as_deref().unwrap_or("–"),
                    p.stable_id.as_deref().unwrap_or("")
                )
            };
            if pairs.is_empty() {
                writeln!(out, "no persons resemble each other")?;
            }
            for pair in &pairs {
                writeln!(
                    out,
                    "{}  |  {}  [{}]",
                    who(&pair.a),
                    who(&pair.b),
                    pair.rule
                )?;
            }
        }
    }
    Ok(())
}

fn merge_error(e: crate::store::MergeError) -> Error {
    match e {
        crate::store::MergeError::Database(db) => Error::from(db),
        other => Error::Usage(other.to_string()),
    }
}

pub fn merge(cli: &Cli, kept: &str, merged: &str, unlike: bool) -> Result<()> {
    let mut store = Setup::open_store(cli)?;
    let staff = require(cli, &mut store, Needs::Merge)?.id.to_string();
    let (kept, merged) = (kept.trim(), merged.trim());
    // Two persons who resemble by no rule are likely a mistyped id: merged only when asked for.
    if !unlike
        && kept != merged
        && !store
            .resembling_person(kept, merged)
            .map_err(Error::from)?
            .unwrap_or(true)
    {
        return Err(Error::Usage(format!(
            "{merged} and {kept} resemble by none of the rules (AHV number; names and birth \
             date; names, birth year and commune): check the ids with `intake-desk persons \
             duplicates`, or give --unlike to merge them all the same"
        )));
    }
    let merge = store
        .merge_persons(kept, merged, &staff)
        .map_err(merge_error)?;
    writeln!(
        super::stdout_for(true),
        "merged {} into {}: {} visit(s) moved, each revised for the next export (merge {}); \
         `intake-desk persons split {}` undoes it",
        merge.merged,
        merge.kept,
        merge.records.len(),
        merge.id,
        merge.merged
    )?;
    Ok(())
}

pub fn split(cli: &Cli, merged: &str) -> Result<()> {
    let mut store = Setup::open_store(cli)?;
    let staff = require(cli, &mut store, Needs::Merge)?.id.to_string();
    let split = store
        .split_person(merged.trim(), &staff)
        .map_err(merge_error)?;
    writeln!(
        super::stdout_for(true),
        "split {} from {}: {} visit(s) are theirs again (merge {} undone)",
        split.merged,
        split.kept,
        split.records.len(),
        split.id
    )?;
    Ok(())
}
