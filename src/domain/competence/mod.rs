//! The quick competence check (Zuständigkeitsabklärung): who is responsible for a person.
//! Rules are data (`data/rules/<canton>.toml`); this module holds their types, the evaluator and
//! the check that a rule pack answers every case exactly once.

mod evaluate;
mod pack_check;
mod record;

pub use evaluate::{Answer, CheckError, evaluate};
pub use pack_check::{PackIssue, check_pack};
pub use record::{
    CompetenceInputs, CompetenceRecord, NextChangeRecord, ResponsibleRecord, SmzRecord,
};

use super::ResidenceStatus;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use strum::{EnumIter, EnumString, IntoStaticStr};

/// What a body is responsible for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumString, IntoStaticStr, EnumIter,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Domain {
    /// Support and care (Betreuung / Unterstützung), including social assistance unless split.
    Support,
    /// Economic aid (wirtschaftliche Sozialhilfe) where the source names it apart.
    EconomicAid,
    /// Linguistic, professional and social integration.
    Integration,
}

impl Domain {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The date a period in years is counted from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumString, IntoStaticStr, EnumIter,
)]
#[strum(serialize_all = "kebab-case")]
pub enum DateKind {
    /// The day the asylum application was filed.
    AsylumDate,
    /// The day of entry into Switzerland.
    EntryDate,
}

impl DateKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Texts per language (`de`, `fr`, `en`); German is the fallback.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts(pub BTreeMap<String, String>);

impl Texts {
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("de"))
            .map_or("", String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub id: String,
    pub name: Texts,
    /// The body is the person's commune; the answer then names the commune's SMZ.
    pub is_commune: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub issuer: String,
    /// As the document gives it ("1. Mai 2020", "25. Januar 2016").
    pub date: String,
    /// The last day the document applies; a rule resting on it after that needs checking.
    pub valid_until: Option<chrono::NaiveDate>,
}

impl Source {
    /// Title, issuer and date, as a citation.
    pub fn citation(&self) -> String {
        format!("{} — {}, {}", self.title, self.issuer, self.date)
    }

    /// Whether the document no longer applies on `day`.
    pub fn expired_on(&self, day: chrono::NaiveDate) -> bool {
        self.valid_until.is_some_and(|last| day > last)
    }
}

/// Flags a rule may require; `None` means the rule does not look at the flag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlagConditions {
    pub c_entitled: Option<bool>,
    pub b_granted: Option<bool>,
    pub resident_in_commune: Option<bool>,
}

/// "n years since a date": holds from the `from_year`-th anniversary until the `before_year`-th.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: DateKind,
    pub from_year: Option<u32>,
    pub before_year: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    pub statuses: Vec<ResidenceStatus>,
    pub flags: FlagConditions,
    pub period: Option<Period>,
    /// The responsible body per domain, in the order the rule lists them.
    pub responsible: Vec<(Domain, String)>,
    /// The body the desk deals with first.
    pub primary: String,
    /// False where the source does not settle the case: the answer is then the likely body.
    pub covered: bool,
    pub source: String,
    /// The sentence of the source the rule rests on.
    pub quote: String,
    pub reason: Texts,
    /// Line of the rule in its file, for error messages.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePack {
    /// `VS`, `AG`, `LU`.
    pub canton: String,
    pub name: Texts,
    pub bodies: Vec<Body>,
    pub sources: Vec<Source>,
    pub rules: Vec<Rule>,
}

impl RulePack {
    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// The facts about a person the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub status: ResidenceStatus,
    pub asylum_date: Option<NaiveDate>,
    pub entry_date: Option<NaiveDate>,
    /// A recognised refugee entitled to a settlement permit C.
    pub c_entitled: bool,
    /// A provisionally admitted refugee who has been granted a B permit.
    pub b_granted: bool,
    /// The person has taken residence in a commune (left the asylum structures).
    pub resident_in_commune: bool,
    /// The day the question is asked for.
    pub on: NaiveDate,
}

impl Case {
    pub fn date(&self, kind: DateKind) -> Option<NaiveDate> {
        match kind {
            DateKind::AsylumDate => self.asylum_date,
            DateKind::EntryDate => self.entry_date,
        }
    }
}

impl Rule {
    /// Status and flags hold; the period is checked apart because it may lack its date.
    fn applies_to(&self, case: &Case) -> bool {
        let flag = |required: Option<bool>, actual: bool| required.is_none_or(|r| r == actual);
        self.statuses.contains(&case.status)
            && flag(self.flags.c_entitled, case.c_entitled)
            && flag(self.flags.b_granted, case.b_granted)
            && flag(self.flags.resident_in_commune, case.resident_in_commune)
    }

    fn period_holds(&self, case: &Case, on: NaiveDate) -> bool {
        match self.period {
            None => true,
            Some(period) => case.date(period.since).is_some_and(|since| {
                super::period::within_years(since, on, period.from_year, period.before_year)
            }),
        }
    }
}
