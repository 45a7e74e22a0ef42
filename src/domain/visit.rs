//! A visit at the desk and what it records: topics, urgency, referrals, interpreter use.

use super::{LanguageCode, Person};
use chrono::{DateTime, FixedOffset, NaiveDate};
use strum::{EnumIter, EnumString, IntoStaticStr};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumString, IntoStaticStr, EnumIter)]
#[strum(serialize_all = "kebab-case")]
pub enum VisitKind {
    /// General information only; usually anonymous.
    Information,
    /// An identified visitor (competence check, referral, ...).
    Identified,
    /// A request for financial support, with the 30-day decision date.
    FinancialRequest,
    /// Urgent need handed over to the social worker on duty.
    UrgentHandover,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    EnumString,
    IntoStaticStr,
    EnumIter,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    Today,
    ThisWeek,
    #[default]
    Normal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralStatus {
    Referred,
    HandedOverByPhone,
    AppointmentMade(NaiveDate),
}

impl ReferralStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            ReferralStatus::Referred => "referred",
            ReferralStatus::HandedOverByPhone => "handed-over-by-phone",
            ReferralStatus::AppointmentMade(_) => "appointment-made",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub service_id: String,
    pub reason: String,
    pub status: ReferralStatus,
    /// The visitor agreed that data may be passed to the service.
    pub consent_to_share: bool,
    /// The referral slip handed over, if one was written.
    pub slip: Option<SlipWritten>,
}

/// A referral slip written for the visitor: when, and in which languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SlipWritten {
    pub at: DateTime<FixedOffset>,
    /// The staff language, then the visitor's when the slip had a second part.
    pub languages: Vec<String>,
}

/// A topic explained at the desk: in which language, and whether a written copy was handed over.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TopicGiven {
    pub topic: String,
    pub language: String,
    pub written_copy: bool,
    /// The printed copy handed over: when, and in which languages (visitor's, staff's …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<SlipWritten>,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumString,
    IntoStaticStr,
    EnumIter,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum InterpreterMode {
    OnSite,
    Phone,
    Video,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterpreterUse {
    pub language: LanguageCode,
    pub mode: InterpreterMode,
    pub provider: Option<String>,
    pub minutes: u32,
}

/// Days the competent commune has to decide on a financial request (SMZ service mandate, Anhang II: "innert 30 Tagen
/// nach dem Einreichen des Gesuches").
pub const DECISION_DAYS: u64 = 30;

/// A request for financial support: when it was handed in and which documents are there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FinancialRequest {
    pub received_on: NaiveDate,
    /// Every document of the checklist, present or missing.
    pub documents: Vec<DocumentStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentStatus {
    pub id: String,
    pub present: bool,
}

impl FinancialRequest {
    /// The date by which the commune must have decided.
    pub fn decide_by(&self) -> NaiveDate {
        self.received_on + chrono::Days::new(DECISION_DAYS)
    }

    pub fn missing(&self) -> impl Iterator<Item = &DocumentStatus> {
        self.documents.iter().filter(|d| !d.present)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// UUIDv7: time-ordered, so ids sort like visits.
    pub id: Uuid,
    pub desk_id: String,
    pub staff_id: String,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
    pub kind: VisitKind,
    pub urgency: Urgency,
    /// `None` for anonymous visits.
    pub person: Option<Person>,
    pub topics: Vec<String>,
    /// How each topic was given (language, written copy); empty when not recorded.
    pub information: Vec<TopicGiven>,
    /// The competence check made during the visit.
    pub competence: Option<super::competence::CompetenceRecord>,
    pub referrals: Vec<Referral>,
    pub interpreter: Option<InterpreterUse>,
    /// The visitor agreed that the visit may be passed to the case system.
    pub consent_to_export: bool,
    pub waiting_seconds: Option<u32>,
    pub note: Option<String>,
    /// Only for a financial request.
    pub financial: Option<FinancialRequest>,
    /// Why the visitor came, as given at check-in or reception ("Miete").
    pub reason: Option<String>,
    /// An interpreter was asked for at check-in or reception (whether or not one was reached).
    pub interpreter_needed: bool,
    /// The visitor's language as chosen for the visit (check-in, reception or information),
    /// whatever language the texts were shown in.
    pub visitor_language: Option<crate::domain::LanguageCode>,
}

impl Visit {
    pub fn is_anonymous(&self) -> bool {
        self.person.is_none()
    }

    /// Only identified visits with consent ever leave for the case system.
    pub fn is_exportable(&self) -> bool {
        !self.is_anonymous() && self.consent_to_export
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResidenceStatus;

    fn visit(person: Option<Person>, consent: bool) -> Visit {
        Visit {
            id: Uuid::now_v7(),
            desk_id: "desk".into(),
            staff_id: "staff".into(),
            started_at: DateTime::parse_from_rfc3339("2026-11-02T09:15:00+01:00").unwrap(),
            ended_at: None,
            kind: VisitKind::Information,
            urgency: Urgency::Normal,
            person,
            topics: vec![],
            information: vec![],
            competence: None,
            referrals: vec![],
            interpreter: None,
            consent_to_export: consent,
            waiting_seconds: None,
            note: None,
            financial: None,
            reason: None,
            interpreter_needed: false,
            visitor_language: None,
        }
    }

    fn person() -> Person {
        Person {
            key: None,
            official_name: "Muster".into(),
            first_name: "Anna".into(),
            birth_date: None,
            vn: None,
            sex: None,
            nationality: None,
            language: None,
            residence: ResidenceStatus::None,
            commune_of_stay: None,
            support_domicile: None,
            phone: None,
        }
    }

    #[test]
    fn anonymous_visits_never_count_as_exportable() {
        assert!(!visit(None, true).is_exportable());
        assert!(!visit(Some(person()), false).is_exportable());
        assert!(visit(Some(person()), true).is_exportable());
    }
}
