//! A synthetic identified visit for tests that save visits through the library: every field
//! set to "nothing given" but the person's names and birth date; tests change what they need.

use intake_desk::domain::{Person, ResidenceStatus, Urgency, Visit, VisitKind};

pub fn identified(official_name: &str, first_name: &str, born: &str) -> Visit {
    Visit {
        id: uuid::Uuid::now_v7(),
        desk_id: "desk-1".into(),
        staff_id: "mb".into(),
        started_at: chrono::DateTime::parse_from_rfc3339("2026-10-01T10:00:00+02:00").unwrap(),
        ended_at: None,
        kind: VisitKind::Identified,
        urgency: Urgency::Normal,
        person: Some(Person {
            key: None,
            official_name: official_name.into(),
            first_name: first_name.into(),
            birth_date: Some(born.parse().unwrap()),
            vn: None,
            sex: None,
            nationality: None,
            language: None,
            residence: ResidenceStatus::None,
            commune_of_stay: None,
            support_domicile: None,
            phone: None,
        }),
        topics: vec![],
        information: vec![],
        competence: None,
        referrals: vec![],
        interpreter: None,
        consent_to_export: false,
        waiting_seconds: None,
        note: None,
        financial: None,
        reason: None,
        interpreter_needed: false,
        visitor_language: None,
    }
}

/// The visit's person, to change what a test needs.
pub fn person(visit: &mut Visit) -> &mut Person {
    visit.person.as_mut().expect("an identified visit")
}
