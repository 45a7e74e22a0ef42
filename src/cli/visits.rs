//! `intake-desk visits list [--since D] [--until D] [--format text|json]` and
//! `intake-desk visits show ID [--format json]`, for scripting.

use super::Cli;
use super::directory::ListFormat;
use super::setup::{Setup, setup};
use super::sign_in::{record, require};
use crate::domain::PartialDate;
use crate::error::{Error, Result};
use crate::staff::Needs;
use crate::store::{AuditAction, Correction, CorrectionError, NewAuditEntry};
use chrono::{Local, NaiveDate, TimeZone};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// First day (inclusive)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Last day (inclusive)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The visit id (a UUID, see `visits list`)
    pub id: String,
    #[arg(long, value_enum, default_value_t = ListFormat::Json)]
    pub format: ListFormat,
}

/// Milliseconds (UTC) at local midnight starting `day`.
pub(super) fn day_start_ms(day: NaiveDate) -> i64 {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    Local.from_local_datetime(&midnight).earliest().map_or_else(
        || midnight.and_utc().timestamp_millis(),
        |t| t.timestamp_millis(),
    )
}

pub fn list(cli: &Cli, args: &ListArgs) -> Result<()> {
    let mut out = super::stdout_for(args.format == ListFormat::Text);
    let setup = setup(cli)?;
    let lang = setup.language(cli, None)?;
    let mut store = Setup::read_store(cli)?;
    let who = require(cli, &mut store, Needs::Intake)?;
    let since = args.since.map_or(i64::MIN, day_start_ms);
    let until = args
        .until
        .and_then(|d| d.succ_opt())
        .map_or(i64::MAX, day_start_ms);
    if since >= until {
        return Err(Error::Usage("--since lies after --until".into()));
    }
    let mut visits = store.visit_records(since, until)?;
    // What only a social worker may read of an urgent handover is left out for the others.
    for visit in &mut visits {
        if who.may(Needs::to_read_visit(&visit.kind)).is_err() {
            visit.withhold_free_text();
        }
    }
    record(
        &mut store,
        &NewAuditEntry::new(who.id.as_str(), AuditAction::Read, "visits")
            .records(visits.iter().filter(|v| !v.anonymous).map(|v| v.id.clone()))
            .detail("since", args.since.map(|d| d.to_string()))
            .detail("until", args.until.map(|d| d.to_string()))
            .detail("count", visits.len()),
    )?;
    match args.format {
        ListFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&visits).expect("plain data serialises")
        )?,
        ListFormat::Text => {
            for v in &visits {
                let topics: Vec<String> = v
                    .topics
                    .iter()
                    .map(|t| {
                        setup
                            .catalog
                            .topics
                            .get(t, &lang)
                            .map_or(t.clone(), |(topic, _)| topic.title.clone())
                    })
                    .collect();
                writeln!(
                    out,
                    "{}  {}  {:<18} {:<10} {}",
                    v.id,
                    v.started_at
                        .get(..16)
                        .unwrap_or(&v.started_at)
                        .replace('T', " "),
                    v.kind,
                    if v.anonymous {
                        "anonymous"
                    } else {
                        "identified"
                    },
                    topics.join(", ")
                )?;
            }
        }
    }
    Ok(())
}

pub fn show(cli: &Cli, args: &ShowArgs) -> Result<()> {
    let mut out = super::stdout_for(args.format == ListFormat::Text);
    let mut store = Setup::read_store(cli)?;
    let who = require(cli, &mut store, Needs::Intake)?;
    let visit = store
        .visit_record(&args.id)?
        .ok_or_else(|| Error::Usage(format!("no visit with the id {}", args.id)))?;
    who.may(Needs::to_read_visit(&visit.kind))
        .map_err(|e| Error::Denied(e.to_string()))?;
    record(
        &mut store,
        &NewAuditEntry::new(who.id.as_str(), AuditAction::Read, "visit")
            .record(visit.id.clone())
            .records(visit.person.as_ref().and_then(|p| p.stable_id.clone())),
    )?;
    let mut value = serde_json::to_value(&visit).expect("plain data serialises");
    // Corrections keep every earlier version, oldest first.
    value["revisions"] =
        serde_json::to_value(store.revisions(&args.id)?).expect("plain data serialises");
    match args.format {
        ListFormat::Json => writeln!(out, "{value}")?,
        ListFormat::Text => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).expect("plain data serialises")
        )?,
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    /// The visit id
    pub id: String,
    /// The follow-up note
    pub text: String,
}

#[derive(Debug, clap::Args)]
pub struct CorrectArgs {
    /// The visit id
    pub id: String,
    /// Corrected official name (give --first-name too)
    #[arg(long, requires = "first_name")]
    pub name: Option<String>,
    /// Corrected first name (give --name too)
    #[arg(long, requires = "name")]
    pub first_name: Option<String>,
    /// Corrected birth date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub birth_date: Option<String>,
}

fn apply(cli: &Cli, id: &str, corrections: Vec<Correction>) -> Result<()> {
    let mut out = super::stdout_for(true);
    if corrections.is_empty() {
        return Err(Error::Usage(
            "nothing to correct: give --name and --first-name, or --birth-date".into(),
        ));
    }
    let mut store = Setup::open_store(cli)?;
    let who = require(cli, &mut store, Needs::Intake)?;
    let mut revision = 0;
    for correction in &corrections {
        revision = store
            .correct_visit(id, correction, who.id.as_str())
            .map_err(|e| match e {
                CorrectionError::Database(db) => Error::from(db),
                other => Error::Usage(other.to_string()),
            })?;
    }
    writeln!(
        out,
        "visit {id} is now at revision {revision}; the earlier versions are kept"
    )?;
    Ok(())
}

pub fn note(cli: &Cli, args: &NoteArgs) -> Result<()> {
    apply(
        cli,
        &args.id,
        vec![Correction::FollowUpNote(args.text.clone())],
    )
}

pub fn correct(cli: &Cli, args: &CorrectArgs) -> Result<()> {
    let mut corrections = Vec::new();
    if let (Some(name), Some(first)) = (&args.name, &args.first_name) {
        corrections.push(Correction::Names {
            official_name: name.clone(),
            first_name: first.clone(),
        });
    }
    if let Some(date) = &args.birth_date {
        let today = crate::desk_time::today();
        let date = PartialDate::parse_birth_date(date, today)
            .map_err(|e| Error::Usage(format!("--birth-date {date}: {e}")))?;
        corrections.push(Correction::BirthDate(date));
    }
    apply(cli, &args.id, corrections)
}
