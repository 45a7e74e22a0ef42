//! Persons whose responsibility changes soon: each person's latest competence answer worked out
//! again for today from the dates it was found from, so the SMZ can prepare the handover (a B
//! refugee reaching the fifth anniversary of the asylum application, an F refugee at seven
//! years since entry).

use crate::catalog::Catalog;
use crate::domain::competence::Body;
use crate::store::{LatestCompetence, PersonRecord};
use chrono::NaiveDate;

/// A change of responsibility coming for a person.
#[derive(Debug, Clone)]
pub struct Change<'c> {
    pub person: PersonRecord,
    /// The day the new body takes over.
    pub on: NaiveDate,
    /// Responsible until then, and from then on.
    pub now: &'c Body,
    pub next: &'c Body,
    /// The visit the facts come from (RFC 3339).
    pub seen_at: String,
}

/// The changes of responsibility from `today` to `today + within_days`, read from the store and
/// worked out again: the worklist of `persons changes` and the Reports screen.
pub fn worklist<'c>(
    store: &crate::store::Store,
    catalog: &'c Catalog,
    today: NaiveDate,
    within_days: u32,
) -> crate::store::Result<Vec<Change<'c>>> {
    let until = today + chrono::Days::new(within_days.into());
    let latest = store.latest_competence_by_person(today, until)?;
    Ok(upcoming(catalog, latest, today, within_days))
}

/// The changes falling from `today` to `today + within_days`, both included, soonest first.
/// A record whose facts no longer give an answer (a commune gone, a status unknown) is left out.
pub fn upcoming<'c>(
    catalog: &'c Catalog,
    latest: Vec<LatestCompetence>,
    today: NaiveDate,
    within_days: u32,
) -> Vec<Change<'c>> {
    let until = today + chrono::Days::new(within_days.into());
    // Worked out for the day before, so a change falling today is still listed (on its day the
    // new body is already responsible and no change would be left to show).
    let before = today.pred_opt().unwrap_or(today);
    let mut changes: Vec<Change<'c>> = latest
        .into_iter()
        .filter_map(|latest| {
            let (on, now, next) = next_change(catalog, &latest.competence, before)?;
            (today..=until).contains(&on).then_some(Change {
                now,
                next,
                on,
                seen_at: latest.seen_at,
                person: latest.person,
            })
        })
        .collect();
    changes.sort_by(|a, b| {
        (a.on, &a.person.official_name, &a.person.first_name).cmp(&(
            b.on,
            &b.person.official_name,
            &b.person.first_name,
        ))
    });
    changes
}

/// The next change of responsibility after `on` for a competence answer, worked out again from
/// the facts it kept: the day, the body responsible until then and the one from then on.
pub fn next_change<'c>(
    catalog: &'c Catalog,
    competence: &crate::store::CompetenceRecord,
    on: NaiveDate,
) -> Option<(NaiveDate, &'c Body, &'c Body)> {
    let inputs = competence.inputs.as_ref()?;
    let commune = inputs.commune.map(|c| c.to_string());
    let on_text = on.to_string();
    let input = crate::check::Input {
        canton: &competence.canton,
        status: &inputs.status,
        asylum_date: inputs.asylum_date.as_deref(),
        entry_date: inputs.entry_date.as_deref(),
        c_entitled: inputs.c_entitled,
        b_granted: inputs.b_granted,
        resident_in_commune: inputs.resident_in_commune,
        commune: commune.as_deref(),
        on: Some(&on_text),
    };
    let outcome = crate::check::check(catalog, &input, on).ok()?;
    let (day, next) = outcome.answer.next_change?;
    Some((day, outcome.answer.primary(), next))
}

/// A change of responsibility as the Reports screen keeps it (the bodies by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    pub on: NaiveDate,
    pub person: PersonRecord,
    pub now: String,
    pub next: String,
}

impl Change<'_> {
    pub fn owned(&self) -> Upcoming {
        Upcoming {
            on: self.on,
            person: self.person.clone(),
            now: self.now.id.clone(),
            next: self.next.id.clone(),
        }
    }
}
