//! Stage 1 of the intake, reception (Empfang): who is here, why, how urgent. Every field is
//! checked as it is typed, with the reason next to it; nothing typed is ever thrown away.

use crate::catalog::{Catalog, communes};
use crate::domain::language::VISITOR_LANGUAGES;
use crate::domain::person::validate_name;
use crate::domain::{
    Ahvn13, DocumentStatus, FinancialRequest, LanguageCode, PartialDate, ResidenceStatus, Sex,
    Urgency,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::IntoEnumIterator;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ReceptionField {
    Anonymous,
    OfficialName,
    FirstName,
    BirthDate,
    Ahv,
    Sex,
    Nationality,
    Language,
    /// An interpreter is needed.
    Interpreter,
    Status,
    CommuneOfStay,
    SupportDomicile,
    Phone,
    Consent,
    Reason,
    Urgency,
    /// A request for financial support: opens the date received and the document checklist.
    Financial,
    ReceivedOn,
    /// The n-th document of the checklist.
    Document(u8),
}

impl ReceptionField {
    /// Every field but the financial request's own, in Tab order.
    pub const ALL: [ReceptionField; 17] = [
        ReceptionField::Anonymous,
        ReceptionField::OfficialName,
        ReceptionField::FirstName,
        ReceptionField::BirthDate,
        ReceptionField::Ahv,
        ReceptionField::Sex,
        ReceptionField::Nationality,
        ReceptionField::Language,
        ReceptionField::Interpreter,
        ReceptionField::Status,
        ReceptionField::CommuneOfStay,
        ReceptionField::SupportDomicile,
        ReceptionField::Phone,
        ReceptionField::Consent,
        ReceptionField::Reason,
        ReceptionField::Urgency,
        ReceptionField::Financial,
    ];

    /// Fields about the person, skipped for an anonymous visit.
    pub fn personal(self) -> bool {
        !matches!(
            self,
            ReceptionField::Anonymous | ReceptionField::Reason | ReceptionField::Urgency
        )
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ReceptionField::Anonymous => "intake.anonymous",
            ReceptionField::OfficialName => "intake.official_name",
            ReceptionField::FirstName => "intake.first_name",
            ReceptionField::BirthDate => "intake.birth_date",
            ReceptionField::Ahv => "intake.ahv",
            ReceptionField::Sex => "intake.sex",
            ReceptionField::Nationality => "intake.nationality",
            ReceptionField::Language => "intake.language",
            ReceptionField::Interpreter => "queue.interpreter",
            ReceptionField::Status => "check.status",
            ReceptionField::CommuneOfStay => "intake.commune_of_stay",
            ReceptionField::SupportDomicile => "intake.support_domicile",
            ReceptionField::Phone => "intake.phone",
            ReceptionField::Consent => "intake.consent",
            ReceptionField::Reason => "queue.reason",
            ReceptionField::Urgency => "queue.urgency",
            ReceptionField::Financial => "intake.financial",
            ReceptionField::ReceivedOn => "intake.received_on",
            ReceptionField::Document(_) => "intake.document",
        }
    }
}

/// What stage 1 holds; serialised as the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reception {
    pub focus: ReceptionField,
    pub anonymous: bool,
    pub official_name: String,
    pub first_name: String,
    pub birth_date: String,
    pub ahv: String,
    /// eCH-0044 sex; stored as its code, 0 when not given.
    #[serde(with = "crate::domain::person::optional_sex")]
    pub sex: Option<Sex>,
    pub status: ResidenceStatus,
    pub commune_of_stay: String,
    pub support_domicile: String,
    pub phone: String,
    pub consent: bool,
    pub reason: String,
    pub urgency: Urgency,
    /// ISO 3166-1 alpha-2, as typed.
    #[serde(default)]
    pub nationality: String,
    /// The visitor's language (ISO 639-3); stored as `""` when not given.
    #[serde(default, with = "crate::domain::language::optional_code")]
    pub language: Option<LanguageCode>,
    /// An interpreter is needed (from the check-in, or ticked here).
    #[serde(default)]
    pub interpreter_needed: bool,
    #[serde(default)]
    pub financial: bool,
    #[serde(default)]
    pub received_on: String,
    /// The checklist, filled from the catalog when the financial request is ticked.
    #[serde(default)]
    pub documents: Vec<DocumentStatus>,
    /// Fields left at least once, or all after a save was tried: only their problems are shown,
    /// so an untouched form is not red before anything was typed.
    /// The returning visitor taken over from the suggestions: the visit will be theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returning: Option<uuid::Uuid>,
    #[serde(skip)]
    pub left: std::collections::BTreeSet<ReceptionField>,
}

pub use crate::domain::period::parse_day;

impl Default for Reception {
    fn default() -> Self {
        Reception {
            focus: ReceptionField::Anonymous,
            anonymous: true,
            official_name: String::new(),
            first_name: String::new(),
            birth_date: String::new(),
            ahv: String::new(),
            sex: None,
            status: ResidenceStatus::None,
            commune_of_stay: String::new(),
            support_domicile: String::new(),
            phone: String::new(),
            consent: false,
            reason: String::new(),
            returning: None,
            urgency: Urgency::Normal,
            nationality: String::new(),
            language: None,
            interpreter_needed: false,
            financial: false,
            received_on: String::new(),
            documents: Vec::new(),
            left: Default::default(),
        }
    }
}

/// Why a field's value cannot be used: a UI-string key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub key: String,
    pub args: Vec<(String, String)>,
}

impl FieldProblem {
    fn of(key: &str) -> FieldProblem {
        FieldProblem {
            key: format!("validation.{key}"),
            args: Vec::new(),
        }
    }
}

impl Reception {
    /// The fields in Tab order for the current kind of visit.
    pub fn fields(&self) -> Vec<ReceptionField> {
        let mut fields: Vec<ReceptionField> = ReceptionField::ALL
            .into_iter()
            .filter(|f| !self.anonymous || !f.personal())
            .collect();
        if self.financial && !self.anonymous {
            fields.push(ReceptionField::ReceivedOn);
            fields.extend((0..self.documents.len()).map(|i| ReceptionField::Document(i as u8)));
        }
        fields
    }

    /// Opens the financial request: today as the date received, every document missing.
    pub fn open_financial_request(&mut self, catalog: &Catalog, today: NaiveDate) {
        if self.received_on.trim().is_empty() {
            self.received_on = today.to_string();
        }
        if self.documents.is_empty() {
            self.documents = catalog
                .documents
                .iter()
                .map(|d| DocumentStatus {
                    id: d.id.clone(),
                    present: false,
                })
                .collect();
        }
    }

    /// The financial request as entered, when it is ticked and its date is valid.
    pub fn financial_request(&self) -> Option<FinancialRequest> {
        (self.financial && !self.anonymous).then_some(())?;
        Some(FinancialRequest {
            received_on: parse_day(&self.received_on)?,
            documents: self.documents.clone(),
        })
    }

    pub fn text_mut(&mut self, field: ReceptionField) -> Option<&mut String> {
        Some(match field {
            ReceptionField::OfficialName => &mut self.official_name,
            ReceptionField::FirstName => &mut self.first_name,
            ReceptionField::BirthDate => &mut self.birth_date,
            ReceptionField::Ahv => &mut self.ahv,
            ReceptionField::CommuneOfStay => &mut self.commune_of_stay,
            ReceptionField::SupportDomicile => &mut self.support_domicile,
            ReceptionField::Phone => &mut self.phone,
            ReceptionField::Reason => &mut self.reason,
            ReceptionField::Nationality => &mut self.nationality,
            ReceptionField::ReceivedOn => &mut self.received_on,
            _ => return None,
        })
    }

    /// Nothing entered: only moved through (where the focus is, which fields were left).
    pub fn is_blank(&self) -> bool {
        let mut entered = self.clone();
        entered.focus = ReceptionField::Anonymous;
        entered.left.clear();
        entered == Reception::default()
    }

    /// Moves the focus by `step` through the visible fields.
    pub fn move_focus(&mut self, step: isize) {
        // A field left is checked from now on (see `shown_problem`).
        self.left.insert(self.focus);
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        self.focus = fields[(at + step).rem_euclid(fields.len() as isize) as usize];
    }

    /// Steps a choice or flips a flag of the focused field.
    pub fn step(&mut self, forward: bool) {
        let cycle = |len: usize, at: usize| {
            if forward {
                (at + 1) % len
            } else {
                (at + len - 1) % len
            }
        };
        match self.focus {
            ReceptionField::Anonymous => {
                self.anonymous = !self.anonymous;
                // An anonymous visit is nobody's.
                if self.anonymous {
                    self.returning = None;
                }
            }
            ReceptionField::Consent => self.consent = !self.consent,
            ReceptionField::Interpreter => self.interpreter_needed = !self.interpreter_needed,
            ReceptionField::Financial => self.financial = !self.financial,
            ReceptionField::Document(i) => {
                if let Some(document) = self.documents.get_mut(i as usize) {
                    document.present = !document.present;
                }
            }
            ReceptionField::Language => {
                self.language =
                    crate::domain::language::cycle(VISITOR_LANGUAGES, self.language, forward)
            }
            ReceptionField::Sex => {
                let code = self.sex.map_or(0, Sex::code);
                self.sex = Sex::from_code(cycle(4, code as usize) as u8);
            }
            ReceptionField::Status => {
                let all: Vec<ResidenceStatus> = ResidenceStatus::iter().collect();
                let at = all.iter().position(|s| *s == self.status).unwrap_or(0);
                self.status = all[cycle(all.len(), at)];
            }
            ReceptionField::Urgency => {
                let all: Vec<Urgency> = Urgency::iter().collect();
                let at = all.iter().position(|u| *u == self.urgency).unwrap_or(0);
                self.urgency = all[cycle(all.len(), at)];
            }
            _ => {}
        }
    }

    /// The problem with a field's current value, if any (empty optional fields are fine).
    pub fn problem(
        &self,
        field: ReceptionField,
        catalog: &Catalog,
        today: NaiveDate,
    ) -> Option<FieldProblem> {
        if self.anonymous && field.personal() {
            return None;
        }
        let error_key = |code: &str| Some(FieldProblem::of(code));
        match field {
            ReceptionField::OfficialName | ReceptionField::FirstName => {
                let text = if field == ReceptionField::OfficialName {
                    &self.official_name
                } else {
                    &self.first_name
                };
                validate_name(text).err().and_then(|e| error_key(e.code()))
            }
            ReceptionField::BirthDate if !self.birth_date.trim().is_empty() => {
                PartialDate::parse_birth_date(&self.birth_date, today)
                    .err()
                    .and_then(|e| error_key(e.code()))
            }
            ReceptionField::Ahv if !self.ahv.trim().is_empty() => {
                match self.ahv.parse::<Ahvn13>() {
                    Ok(_) => None,
                    Err(crate::domain::AhvError::CheckDigit { expected }) => Some(FieldProblem {
                        key: "validation.ahv_check_digit".into(),
                        args: vec![("expected".into(), expected.to_string())],
                    }),
                    Err(e) => error_key(e.code()),
                }
            }
            // Data passed on must identify the person as eCH-0044 asks: names, sex, birth date
            // (a year is enough); the names are required anyway.
            ReceptionField::Consent if self.consent => {
                let mut missing = Vec::new();
                if self.sex.is_none() {
                    missing.push("sex");
                }
                if self.birth_date.trim().is_empty() {
                    missing.push("birth_date");
                }
                (!missing.is_empty()).then(|| FieldProblem {
                    key: "validation.consent_needs".into(),
                    args: vec![(
                        "fields".into(),
                        missing
                            .iter()
                            .map(|f| format!("intake.{f}"))
                            .collect::<Vec<_>>()
                            .join(","),
                    )],
                })
            }
            ReceptionField::Nationality if !self.nationality.trim().is_empty() => self
                .nationality
                .parse::<crate::domain::Nationality>()
                .is_err()
                .then(|| FieldProblem::of("nationality")),
            ReceptionField::ReceivedOn if self.financial => match parse_day(&self.received_on) {
                None => error_key("day_format"),
                Some(day) if day > today => error_key("date_in_future"),
                Some(_) => None,
            },
            ReceptionField::CommuneOfStay | ReceptionField::SupportDomicile => {
                let text = if field == ReceptionField::CommuneOfStay {
                    &self.commune_of_stay
                } else {
                    &self.support_domicile
                };
                if text.trim().is_empty() {
                    return None;
                }
                match communes::find(&catalog.communes, text) {
                    Ok(_) => None,
                    Err(lookup) => {
                        let (key, list) = match lookup {
                            communes::CommuneLookup::Unknown(similar) => {
                                ("validation.commune_unknown", similar)
                            }
                            communes::CommuneLookup::Ambiguous(candidates) => {
                                ("validation.commune_ambiguous", candidates)
                            }
                        };
                        let names: Vec<String> =
                            list.iter().take(5).map(|c| c.name.clone()).collect();
                        Some(FieldProblem {
                            key: key.into(),
                            args: vec![("candidates".into(), names.join(", "))],
                        })
                    }
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_as_the_earlier_version_wrote_it_reads_into_typed_sex_and_language() {
        // The reception part of a draft written before sex and language were typed.
        let earlier = serde_json::json!({
            "focus": "Language", "anonymous": false, "official_name": "Tesfay",
            "first_name": "Selam", "birth_date": "1990", "ahv": "", "sex": 2,
            "status": "refugee-b", "commune_of_stay": "Visp", "support_domicile": "",
            "phone": "", "consent": true, "reason": "Miete", "urgency": "today",
            "nationality": "ER", "language": "tir"
        });
        let loaded: Reception = serde_json::from_value(earlier.clone()).unwrap();
        assert_eq!(loaded.sex, Some(Sex::Female));
        assert_eq!(loaded.language, Some("tir".parse().unwrap()));
        assert_eq!(loaded.urgency, Urgency::Today);
        // Written back the same way, so an earlier version reads it too.
        let written = serde_json::to_value(&loaded).unwrap();
        assert_eq!(
            (&written["sex"], &written["language"]),
            (&earlier["sex"], &earlier["language"])
        );
        let mut none_given = earlier.clone();
        none_given["sex"] = 0.into();
        none_given["language"] = "".into();
        let loaded: Reception = serde_json::from_value(none_given).unwrap();
        assert_eq!((loaded.sex, loaded.language), (None, None));
        for (field, bad) in [
            ("sex", serde_json::json!(7)),
            ("language", serde_json::json!("Tigrinya")),
        ] {
            let mut broken = earlier.clone();
            broken[field] = bad;
            assert!(
                serde_json::from_value::<Reception>(broken).is_err(),
                "{field} is refused, not defaulted"
            );
        }
    }

    #[test]
    fn a_reception_draft_keeps_its_status_and_urgency_names_and_refuses_unknown_ones() {
        let mut reception = Reception {
            status: ResidenceStatus::RefugeeB,
            urgency: Urgency::ThisWeek,
            ..Reception::default()
        };
        let saved = serde_json::to_value(&reception).unwrap();
        assert_eq!(saved["status"], "refugee-b");
        assert_eq!(saved["urgency"], "this-week");
        let loaded: Reception = serde_json::from_value(saved.clone()).unwrap();
        assert_eq!(loaded, reception);
        let mut unknown = saved;
        unknown["urgency"] = "someday".into();
        assert!(serde_json::from_value::<Reception>(unknown).is_err());
        reception.focus = ReceptionField::Urgency;
        reception.step(true);
        assert_ne!(reception.urgency, Urgency::ThisWeek, "the choice moves on");
    }

    fn today() -> NaiveDate {
        "2026-11-25".parse().unwrap()
    }

    fn identified() -> Reception {
        Reception {
            anonymous: false,
            official_name: "Muster".into(),
            first_name: "Anna".into(),
            ..Reception::default()
        }
    }

    #[test]
    fn an_anonymous_visit_skips_the_personal_fields() {
        let r = Reception::default();
        assert_eq!(
            r.fields(),
            [
                ReceptionField::Anonymous,
                ReceptionField::Reason,
                ReceptionField::Urgency
            ]
        );
        assert_eq!(identified().fields().len(), 17);
    }

    #[test]
    fn each_validation_names_its_reason() {
        let catalog = Catalog::embedded();
        let problem = |r: &Reception, f| r.problem(f, &catalog, today()).map(|p| p.key);
        let mut r = identified();
        assert_eq!(problem(&r, ReceptionField::OfficialName), None);
        r.official_name = "  ".into();
        assert_eq!(
            problem(&r, ReceptionField::OfficialName).as_deref(),
            Some("validation.name_empty")
        );
        r.birth_date = "2030-01-01".into();
        assert_eq!(
            problem(&r, ReceptionField::BirthDate).as_deref(),
            Some("validation.date_in_future")
        );
        r.birth_date = "1980-02-30".into();
        assert_eq!(
            problem(&r, ReceptionField::BirthDate).as_deref(),
            Some("validation.date_no_such_date")
        );
        r.birth_date = "1980-07".into();
        assert_eq!(problem(&r, ReceptionField::BirthDate), None);
        // Checked against ISO 3166-1, not just two letters; stateless in the desk's words.
        for (typed, refused) in [("XX", true), ("er", false), ("staatenlos", false)] {
            r.nationality = typed.into();
            assert_eq!(
                problem(&r, ReceptionField::Nationality).is_some(),
                refused,
                "{typed}"
            );
        }
        r.ahv = "756.9217.0769.84".into();
        let p = r.problem(ReceptionField::Ahv, &catalog, today()).unwrap();
        assert_eq!(p.key, "validation.ahv_check_digit");
        assert_eq!(p.args, vec![("expected".to_string(), "5".to_string())]);
        r.ahv = "756.9217.0769.85".into();
        assert_eq!(problem(&r, ReceptionField::Ahv), None);
        r.commune_of_stay = "Atlantis".into();
        assert_eq!(
            problem(&r, ReceptionField::CommuneOfStay).as_deref(),
            Some("validation.commune_unknown")
        );
        r.commune_of_stay = "Saint-M".into();
        assert_eq!(
            problem(&r, ReceptionField::CommuneOfStay).as_deref(),
            Some("validation.commune_ambiguous")
        );
        r.commune_of_stay = "sitten".into();
        assert_eq!(problem(&r, ReceptionField::CommuneOfStay), None);
        // Nothing typed is thrown away by a failed validation.
        assert_eq!(r.ahv, "756.9217.0769.85");
    }

    #[test]
    fn the_draft_round_trips_through_json() {
        let mut r = identified();
        r.birth_date = "1980".into();
        r.focus = ReceptionField::Ahv;
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Reception>(&json).unwrap(), r);
    }

    #[test]
    fn consent_to_pass_data_on_asks_for_what_ech_0044_needs() {
        let catalog = Catalog::embedded();
        let mut r = Reception {
            anonymous: false,
            official_name: "Tesfay".into(),
            first_name: "Selam".into(),
            consent: true,
            ..Reception::default()
        };
        let p = r
            .problem(ReceptionField::Consent, &catalog, today())
            .unwrap();
        assert_eq!(p.key, "validation.consent_needs");
        assert_eq!(p.args[0].1, "intake.sex,intake.birth_date");
        r.sex = Some(crate::domain::Sex::Unknown);
        r.birth_date = "1990".into();
        assert_eq!(r.problem(ReceptionField::Consent, &catalog, today()), None);
        r.consent = false;
        r.sex = None;
        assert_eq!(r.problem(ReceptionField::Consent, &catalog, today()), None);
    }
}
