//! `intake-desk demo --visits N [--seed S]`: synthetic visits for trying the app and for benchmarks.

use super::Cli;
use super::setup::{Setup, setup};
use crate::demo::{self, DEMO_DESK_PREFIX, DemoOptions};
use crate::error::{Error, Result};
use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveTime, TimeZone};
use std::io::Write;
use std::time::Instant;

/// The most visits one run adds (about 9 GB of database, 15 minutes).
pub const MAX_VISITS: usize = 10_000_000;
/// The earliest end of a demo year: its twelve months must lie after 1970, where the time-ordered
/// visit ids (UUIDv7) begin.
const EARLIEST_UNTIL: (i32, u32, u32) = (1971, 1, 1);

pub fn run(cli: &Cli, visits: usize, seed: u64, until: Option<NaiveDate>) -> Result<()> {
    let mut out = super::stdout_for(true);
    if !(1..=MAX_VISITS).contains(&visits) {
        return Err(Error::Usage(format!(
            "--visits {visits}: give a number from 1 to {MAX_VISITS}"
        )));
    }
    let (y, m, d) = EARLIEST_UNTIL;
    let earliest = NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    if let Some(day) = until.filter(|day| *day < earliest) {
        return Err(Error::Usage(format!(
            "--until {day}: give a day from {earliest} to today"
        )));
    }
    let setup = setup(cli)?;
    let mut store = Setup::open_store(cli)?;
    // Demo data must never mix with real visits.
    if store.has_visits_outside(DEMO_DESK_PREFIX)? {
        return Err(Error::Usage(format!(
            "{} holds real visits; demo data goes into a database of its own (use --db PATH)",
            store.path().display()
        )));
    }
    let started = Instant::now();
    let options = DemoOptions {
        visits,
        seed,
        now: end_of(until)?,
        communes: setup.catalog.communes.iter().map(|c| c.bfs_nr).collect(),
        catalog: Some(setup.catalog.clone()),
    };
    let audit_entry =
        crate::store::NewAuditEntry::new("demo", crate::store::AuditAction::Demo, "visits")
            .detail("seed", seed);
    let added = match store.insert_visits_in_bulk(demo::visits(options), audit_entry) {
        // The same seed and end give the same ids: a second run collides on the first of them.
        Err(e) if e.is_duplicate("visits.id") || e.is_duplicate("people.id") => {
            return Err(Error::Usage(format!(
                "the demo visits of --seed {seed} for this --until are already in {}; nothing was added. Give another --seed",
                store.path().display()
            )));
        }
        other => other?,
    };
    writeln!(
        out,
        "added {added} synthetic visits to {} in {:.1} s",
        store.path().display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}

/// The moment the demo year ends: now, or the last second of the given day (local time).
fn end_of(until: Option<NaiveDate>) -> Result<DateTime<FixedOffset>> {
    let now = Local::now().fixed_offset();
    let Some(day) = until else { return Ok(now) };
    let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("valid time"));
    let at = Local
        .from_local_datetime(&end)
        .earliest()
        .map(|t| t.fixed_offset())
        .ok_or_else(|| Error::Usage(format!("--until {day}: that moment does not exist here")))?;
    if at.date_naive() > now.date_naive() {
        return Err(Error::Usage(format!(
            "--until {day} lies in the future; demo visits are in the past"
        )));
    }
    Ok(at)
}
