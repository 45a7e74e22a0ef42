//! Evaluating a rule pack for one case.

use super::{Body, Case, DateKind, Rule, RulePack};
use crate::domain::period::anniversary;
use chrono::NaiveDate;

/// The answer: the rule that applies and, where a date decides it, when and to whom the
/// responsibility passes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer<'p> {
    pub pack: &'p RulePack,
    pub rule: &'p Rule,
    pub next_change: Option<(NaiveDate, &'p Body)>,
    /// When the rule's period began, where a date decides it ("Red Cross since 2026-03-10").
    pub since: Option<NaiveDate>,
}

impl<'p> Answer<'p> {
    pub fn primary(&self) -> &'p Body {
        self.pack
            .body(&self.rule.primary)
            .expect("validated when the pack was loaded")
    }

    /// The responsible bodies per domain, in the rule's order.
    pub fn responsible(&self) -> impl Iterator<Item = (super::Domain, &'p Body)> + '_ {
        self.rule.responsible.iter().map(|(domain, id)| {
            (
                *domain,
                self.pack
                    .body(id)
                    .expect("validated when the pack was loaded"),
            )
        })
    }

    /// Whether the person's commune is responsible (so its SMZ is worth naming).
    pub fn commune_responsible(&self) -> bool {
        self.responsible().any(|(_, body)| body.is_commune)
    }

    /// The document the rule rests on (its id is checked when the pack is read).
    pub fn source(&self) -> Option<&'p super::Source> {
        self.pack.source(&self.rule.source)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    #[error("the {} is needed for this status", .0.as_str())]
    MissingDate(DateKind),
    #[error("the {kind} {date} lies after the day of the check", kind = .0.as_str(), date = .1)]
    DateAfterCheck(DateKind, NaiveDate),
    #[error("no rule answers this case")]
    NoRule,
    #[error("several rules answer this case: {}", .0.join(", "))]
    Ambiguous(Vec<String>),
}

pub fn evaluate<'p>(pack: &'p RulePack, case: &Case) -> Result<Answer<'p>, CheckError> {
    for kind in [DateKind::AsylumDate, DateKind::EntryDate] {
        if let Some(date) = case.date(kind)
            && date > case.on
        {
            return Err(CheckError::DateAfterCheck(kind, date));
        }
    }
    let candidates: Vec<&Rule> = pack.rules.iter().filter(|r| r.applies_to(case)).collect();
    if let Some(period) = candidates
        .iter()
        .filter_map(|r| r.period)
        .find(|p| case.date(p.since).is_none())
    {
        return Err(CheckError::MissingDate(period.since));
    }
    let rule = rule_on(&candidates, case, case.on)?;
    let next_change = rule.period.and_then(|period| {
        let since = case.date(period.since)?;
        let change = anniversary(since, period.before_year?);
        let next = rule_on(&candidates, case, change).ok()?;
        Some((change, pack.body(&next.primary)?))
    });
    let since = rule
        .period
        .and_then(|period| Some(anniversary(case.date(period.since)?, period.from_year?)));
    Ok(Answer {
        pack,
        rule,
        next_change,
        since,
    })
}

/// The one candidate whose period holds on `on`.
fn rule_on<'p>(
    candidates: &[&'p Rule],
    case: &Case,
    on: NaiveDate,
) -> Result<&'p Rule, CheckError> {
    let matching: Vec<&Rule> = candidates
        .iter()
        .copied()
        .filter(|r| r.period_holds(case, on))
        .collect();
    match matching.as_slice() {
        [] => Err(CheckError::NoRule),
        [rule] => Ok(rule),
        many => Err(CheckError::Ambiguous(
            many.iter().map(|r| r.id.clone()).collect(),
        )),
    }
}

/// All rules that answer a case on its day, for the pack check.
pub(super) fn all_matching<'p>(pack: &'p RulePack, case: &Case) -> Vec<&'p Rule> {
    pack.rules
        .iter()
        .filter(|r| r.applies_to(case) && r.period_holds(case, case.on))
        .collect()
}
