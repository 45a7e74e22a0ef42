//! Proving a rule pack answers every case exactly once. Conditions are few (status, three flags,
//! years since two dates), so every combination is tried: for the dates, each year boundary any
//! rule names, one year either side, and far beyond.

use super::evaluate::all_matching;
use super::{Case, Rule, RulePack};
use crate::domain::ResidenceStatus;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;
use strum::IntoEnumIterator;

/// A problem in a pack, with the lines of the rules involved (none for a gap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackIssue {
    pub lines: Vec<usize>,
    pub message: String,
}

pub fn check_pack(pack: &RulePack) -> Vec<PackIssue> {
    let on = NaiveDate::from_ymd_opt(2100, 6, 15).expect("valid date");
    let years = sample_years(pack);
    let mut overlaps: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut gaps: BTreeSet<String> = BTreeSet::new();
    let mut issues = Vec::new();
    for status in ResidenceStatus::iter() {
        for flags in 0..8u8 {
            for &asylum in &years {
                for &entry in &years {
                    let case = Case {
                        status,
                        asylum_date: Some(years_before(on, asylum)),
                        entry_date: Some(years_before(on, entry)),
                        c_entitled: flags & 1 != 0,
                        b_granted: flags & 2 != 0,
                        resident_in_commune: flags & 4 != 0,
                        on,
                    };
                    match all_matching(pack, &case).as_slice() {
                        [] => {
                            if gaps.insert(status.as_str().to_string()) {
                                issues.push(PackIssue {
                                    lines: Vec::new(),
                                    message: format!(
                                        "no rule answers status {} ({}, {asylum} years since the asylum application, {entry} since entry)",
                                        status.as_str(),
                                        describe_flags(&case)
                                    ),
                                });
                            }
                        }
                        [_] => {}
                        [first, second, ..] => {
                            if overlaps.insert((first.line, second.line)) {
                                issues.push(overlap(first, second, &case, asylum, entry));
                            }
                        }
                    }
                }
            }
        }
    }
    issues
}

fn overlap(first: &Rule, second: &Rule, case: &Case, asylum: u32, entry: u32) -> PackIssue {
    PackIssue {
        lines: vec![second.line, first.line],
        message: format!(
            "rules {} (line {}) and {} (line {}) both answer status {} ({}, {asylum} years since the asylum application, {entry} since entry); make their conditions exclusive",
            first.id,
            first.line,
            second.id,
            second.line,
            case.status.as_str(),
            describe_flags(case)
        ),
    }
}

fn describe_flags(case: &Case) -> String {
    let mut set = Vec::new();
    for (on, name) in [
        (case.c_entitled, "c-entitled"),
        (case.b_granted, "b-granted"),
        (case.resident_in_commune, "resident-in-commune"),
    ] {
        if on {
            set.push(name);
        }
    }
    if set.is_empty() {
        "no flags".into()
    } else {
        set.join(", ")
    }
}

/// Whole years to try: 0, each boundary and the year before it, and far beyond all.
fn sample_years(pack: &RulePack) -> Vec<u32> {
    let mut years: BTreeSet<u32> = [0, 60].into_iter().collect();
    for period in pack.rules.iter().filter_map(|r| r.period) {
        for year in [period.from_year, period.before_year].into_iter().flatten() {
            years.insert(year);
            years.insert(year.saturating_sub(1));
        }
    }
    years.into_iter().collect()
}

/// A date exactly `years` before `on`, so that `years` whole years have passed on `on`.
fn years_before(on: NaiveDate, years: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(on.year() - years as i32, on.month(), on.day())
        .expect("mid-June exists every year")
}
