//! What a check is asked with, and why it may be refused.

use crate::catalog::I18n;
use crate::catalog::communes::CommuneLookup;
use crate::domain::ResidenceStatus;
use chrono::NaiveDate;
use strum::IntoEnumIterator;

/// The inputs as typed; empty texts count as not given.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    pub canton: &'a str,
    pub status: &'a str,
    pub asylum_date: Option<&'a str>,
    pub entry_date: Option<&'a str>,
    pub c_entitled: bool,
    pub b_granted: bool,
    pub resident_in_commune: bool,
    pub commune: Option<&'a str>,
    /// The reference date; today when not given.
    pub on: Option<&'a str>,
}

/// The input an error is about, so the screen can mark the field and the CLI name its flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Canton,
    Status,
    AsylumDate,
    EntryDate,
    Commune,
    On,
}

impl Field {
    pub fn cli_flag(self) -> &'static str {
        match self {
            Field::Canton => "--canton",
            Field::Status => "--status",
            Field::AsylumDate => "--asylum-date",
            Field::EntryDate => "--entry-date",
            Field::Commune => "--commune",
            Field::On => "--on",
        }
    }

    /// Key of the field's label in the UI strings.
    pub fn label_key(self) -> &'static str {
        match self {
            Field::Canton => "check.canton",
            Field::Status => "check.status",
            Field::AsylumDate => "check.asylum_date",
            Field::EntryDate => "check.entry_date",
            Field::Commune => "check.commune",
            Field::On => "check.on",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    UnknownCanton(String, Vec<String>),
    UnknownStatus(String),
    AmbiguousStatus(String, Vec<String>),
    BadDate(Field, String),
    MissingDate(Field),
    /// The date, and the reference date it lies after.
    DateAfter(Field, NaiveDate, NaiveDate),
    UnknownCommune(String, Vec<String>),
    AmbiguousCommune(String, Vec<String>),
    CommuneOutsideCanton(String),
    /// The rule pack has no single answer: a data error that validation should have caught.
    NoRule(String),
    /// Neither a status nor a commune: the rules have nothing to go on.
    NothingGiven,
}

impl InputError {
    pub fn from_lookup(query: &str, lookup: CommuneLookup<'_>) -> InputError {
        let names = |list: Vec<&crate::catalog::Commune>| {
            list.iter()
                .map(|c| format!("{} ({})", c.name, c.bfs_nr))
                .collect()
        };
        match lookup {
            CommuneLookup::Unknown(similar) => {
                InputError::UnknownCommune(query.to_string(), names(similar))
            }
            CommuneLookup::Ambiguous(candidates) => {
                InputError::AmbiguousCommune(query.to_string(), names(candidates))
            }
        }
    }

    /// The input to correct.
    pub fn field(&self) -> Option<Field> {
        match self {
            InputError::UnknownCanton(..) => Some(Field::Canton),
            InputError::UnknownStatus(_) | InputError::AmbiguousStatus(..) => Some(Field::Status),
            InputError::BadDate(field, _)
            | InputError::MissingDate(field)
            | InputError::DateAfter(field, ..) => Some(*field),
            InputError::UnknownCommune(..)
            | InputError::AmbiguousCommune(..)
            | InputError::CommuneOutsideCanton(_) => Some(Field::Commune),
            InputError::NoRule(_) => None,
            InputError::NothingGiven => Some(Field::Status),
        }
    }

    /// One line in the UI language; `name` says how a field is called (a CLI flag or a label).
    pub fn message(&self, i18n: &I18n, lang: &str, name: impl Fn(Field) -> String) -> String {
        let f = |key: &str, args: &[(&str, &str)]| i18n.format(lang, key, args);
        let list = |items: &[String]| items.join(", ");
        match self {
            InputError::UnknownCanton(value, known) => f(
                "check.error_unknown_canton",
                &[("value", value), ("candidates", &list(known))],
            ),
            InputError::UnknownStatus(value) => {
                let known: Vec<String> = ResidenceStatus::iter()
                    .map(|s| s.as_str().to_string())
                    .collect();
                f(
                    "check.error_unknown_status",
                    &[("value", value), ("candidates", &list(&known))],
                )
            }
            InputError::AmbiguousStatus(value, candidates) => f(
                "check.error_ambiguous_status",
                &[("value", value), ("candidates", &list(candidates))],
            ),
            InputError::BadDate(field, value) => f(
                "check.error_bad_date",
                &[("flag", &name(*field)), ("value", value)],
            ),
            InputError::MissingDate(field) => {
                f("check.error_missing_date", &[("flag", &name(*field))])
            }
            InputError::DateAfter(field, date, on) => f(
                "check.error_date_after",
                &[
                    ("flag", &name(*field)),
                    ("date", &date.to_string()),
                    ("on", &on.to_string()),
                ],
            ),
            InputError::UnknownCommune(value, similar) if similar.is_empty() => {
                f("check.error_unknown_commune_none", &[("value", value)])
            }
            InputError::UnknownCommune(value, similar) => f(
                "check.error_unknown_commune",
                &[("value", value), ("candidates", &list(similar))],
            ),
            InputError::AmbiguousCommune(value, candidates) => f(
                "check.error_ambiguous_commune",
                &[("value", value), ("candidates", &list(candidates))],
            ),
            InputError::CommuneOutsideCanton(canton) => {
                f("check.error_commune_canton", &[("canton", canton)])
            }
            InputError::NoRule(detail) => f("check.error_no_rule", &[("detail", detail)]),
            InputError::NothingGiven => f(
                "check.error_nothing_given",
                &[
                    ("status", &name(Field::Status)),
                    ("commune", &name(Field::Commune)),
                ],
            ),
        }
    }
}
