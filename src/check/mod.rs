//! The competence check as people ask it, from the command line or the Competence screen:
//! raw inputs are resolved against the catalog, evaluated, and explained in the UI language.

mod input;
mod output;

pub use input::{Field, Input, InputError};
pub use output::Summary;

use crate::catalog::{Catalog, Commune, Region, communes};
use crate::domain::ResidenceStatus;
use crate::domain::competence::{Answer, Case, CheckError, DateKind, evaluate};
use chrono::NaiveDate;
use strum::IntoEnumIterator;

/// The answer with what was resolved on the way: the day and the commune and its SMZ.
#[derive(Debug, Clone)]
pub struct Outcome<'c> {
    pub on: NaiveDate,
    pub answer: Answer<'c>,
    pub commune: Option<&'c Commune>,
    /// The SMZ region of the commune, when the commune is responsible.
    pub smz: Option<&'c Region>,
    /// The facts the answer was found from, as resolved.
    pub case: Case,
}

pub fn check<'c>(
    catalog: &'c Catalog,
    input: &Input<'_>,
    today: NaiveDate,
) -> Result<Outcome<'c>, InputError> {
    let pack = catalog.rule_pack(input.canton.trim()).ok_or_else(|| {
        InputError::UnknownCanton(
            input.canton.to_string(),
            catalog.rules.iter().map(|p| p.canton.clone()).collect(),
        )
    })?;
    let status = resolve_status(input.status)?;
    let date = |field: Field, text: Option<&str>| -> Result<Option<NaiveDate>, InputError> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(None),
            Some(t) => t
                .parse::<NaiveDate>()
                .map(Some)
                .map_err(|_| InputError::BadDate(field, t.to_string())),
        }
    };
    let on = date(Field::On, input.on)?.unwrap_or(today);
    let case = Case {
        status,
        asylum_date: date(Field::AsylumDate, input.asylum_date)?,
        entry_date: date(Field::EntryDate, input.entry_date)?,
        c_entitled: input.c_entitled,
        b_granted: input.b_granted,
        resident_in_commune: input.resident_in_commune,
        on,
    };
    let commune = match input.commune.map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(_) if !pack.canton.eq_ignore_ascii_case("VS") => {
            return Err(InputError::CommuneOutsideCanton(pack.canton.clone()));
        }
        Some(query) => Some(
            communes::find(&catalog.communes, query)
                .map_err(|e| InputError::from_lookup(query, e))?,
        ),
    };
    // Nothing to go on: no status and no commune. An answer would only be the default rule.
    if status == ResidenceStatus::None && commune.is_none() {
        return Err(InputError::NothingGiven);
    }
    let answer = evaluate(pack, &case).map_err(|e| match e {
        CheckError::MissingDate(kind) => InputError::MissingDate(Field::from(kind)),
        CheckError::DateAfterCheck(kind, date) => {
            InputError::DateAfter(Field::from(kind), date, on)
        }
        CheckError::NoRule | CheckError::Ambiguous(_) => InputError::NoRule(e.to_string()),
    })?;
    let smz = commune
        .filter(|_| answer.commune_responsible())
        .and_then(|c| catalog.region(&c.region));
    Ok(Outcome {
        on,
        answer,
        commune,
        smz,
        case,
    })
}

/// A status by its name (`refugee-b`) or the unique start of one (`asylum`).
fn resolve_status(text: &str) -> Result<ResidenceStatus, InputError> {
    let text = text.trim().to_ascii_lowercase();
    if let Ok(status) = text.parse::<ResidenceStatus>() {
        return Ok(status);
    }
    let starting: Vec<ResidenceStatus> = ResidenceStatus::iter()
        .filter(|s| !text.is_empty() && s.as_str().starts_with(&text))
        .collect();
    match starting.as_slice() {
        [one] => Ok(*one),
        [] => Err(InputError::UnknownStatus(text)),
        many => Err(InputError::AmbiguousStatus(
            text,
            many.iter().map(|s| s.as_str().to_string()).collect(),
        )),
    }
}

impl From<DateKind> for Field {
    fn from(kind: DateKind) -> Field {
        match kind {
            DateKind::AsylumDate => Field::AsylumDate,
            DateKind::EntryDate => Field::EntryDate,
        }
    }
}
