//! `intake-desk visits list [--since D] [--until D] [--format text|json]` and
//! `intake-desk visits show ID [--format json]`, for scripting.

use super::Cli;
use super::directory::ListFormat;
use super::setup::{Setup, setup};
use crate::error::{Error, Result};
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
fn day_start_ms(day: NaiveDate) -> i64 {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    Local.from_local_datetime(&midnight).earliest().map_or_else(
        || midnight.and_utc().timestamp_millis(),
        |t| t.timestamp_millis(),
    )
}

pub fn list(cli: &Cli, args: &ListArgs) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let setup = setup(cli)?;
    let lang = setup.language(cli, None)?;
    let store = Setup::open_store(cli)?;
    let since = args.since.map_or(i64::MIN, day_start_ms);
    let until = args
        .until
        .and_then(|d| d.succ_opt())
        .map_or(i64::MAX, day_start_ms);
    if since >= until {
        return Err(Error::Usage("--since lies after --until".into()));
    }
    let visits = store.visit_records(since, until)?;
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
    let mut out = std::io::stdout().lock();
    let store = Setup::open_store(cli)?;
    let visit = store
        .visit_record(&args.id)?
        .ok_or_else(|| Error::Usage(format!("no visit with the id {}", args.id)))?;
    let mut value = serde_json::to_value(&visit).expect("plain data serialises");
    // Corrections keep every earlier version; none are recorded yet.
    value["revisions"] = serde_json::json!([]);
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
