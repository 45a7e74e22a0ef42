//! Visits read back as plain records, for `intake-desk visits list|show` and later the export.

use super::Store;
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitRecord {
    pub id: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub kind: String,
    pub anonymous: bool,
    pub urgency: String,
    pub desk_id: String,
    pub staff_id: String,
    pub topics: Vec<String>,
    /// How each topic was given: language, written copy.
    pub information: Vec<crate::domain::TopicGiven>,
    pub referrals: Vec<ReferralRecord>,
    /// The competence check made during the visit, with its rule id (null when none was made).
    pub competence: Option<CompetenceRecord>,
    pub interpreter: Option<InterpreterRecord>,
    /// A financial request: received_on, decide_by (30 days later), documents present/missing.
    #[serde(default)]
    pub financial_request: Option<FinancialRecord>,
    pub waiting_seconds: Option<u32>,
    pub consent_to_export: bool,
    /// 1 for a visit as first saved; each correction adds one.
    pub revision: u32,
    /// The staff's note, with follow-up notes added later.
    pub note: Option<String>,
    /// Why the visitor came (check-in or reception).
    #[serde(default)]
    pub reason: Option<String>,
    /// An interpreter was asked for.
    #[serde(default)]
    pub interpreter_needed: bool,
    /// The visitor's language (ISO 639-3), as the visit recorded it.
    #[serde(default)]
    pub visitor_language: Option<String>,
    /// Only in `show`: the visitor, when identified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonRecord>,
    /// The slips of the referrals as stored, until they are put on their referrals.
    #[serde(skip)]
    slips: Vec<(String, crate::domain::SlipWritten)>,
}

pub use crate::domain::competence::CompetenceRecord;

impl VisitRecord {
    /// Leaves out the person and the free text (note, reason) for a reader whose role may not.
    pub fn withhold_free_text(&mut self) {
        self.note = None;
        self.reason = None;
        self.person = None;
    }

    /// Puts each stored slip on the referral to its service.
    pub(super) fn attach_slips(&mut self) {
        for (service_id, slip) in std::mem::take(&mut self.slips) {
            if let Some(referral) = self
                .referrals
                .iter_mut()
                .find(|r| r.service_id == service_id)
            {
                referral.slip = Some(slip);
            }
        }
    }
}

/// A financial request: when handed in, the commune's 30-day date, each document present or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancialRecord {
    pub received_on: String,
    pub decide_by: String,
    #[serde(default)]
    pub documents: Vec<crate::domain::DocumentStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralRecord {
    pub service_id: String,
    pub reason: String,
    pub status: String,
    pub appointment_on: Option<String>,
    pub consent_to_share: bool,
    /// The slip written for the visitor, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slip: Option<crate::domain::SlipWritten>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterpreterRecord {
    pub language: String,
    pub mode: String,
    pub provider: Option<String>,
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    /// The person record's own id (the `localPersonId` of the export).
    #[serde(default)]
    pub id: String,
    pub official_name: String,
    pub first_name: String,
    pub birth_date: Option<String>,
    pub vn: Option<String>,
    pub sex: Option<u8>,
    pub nationality: Option<String>,
    pub language: Option<String>,
    pub residence_status: String,
    pub commune_of_stay: Option<u32>,
    pub support_domicile: Option<u32>,
    pub phone: Option<String>,
    /// The person's stable id across visits (the same at every visit of theirs).
    #[serde(default)]
    pub stable_id: Option<String>,
}

/// Columns of a complete visit record, in the order [`record_at`] reads them: the visit (`v`,
/// [`VISIT_COLUMN_COUNT`] columns), its person (`p`, [`PERSON_COLUMN_COUNT`]), interpreter (`t`)
/// and referrals as one JSON array.
pub(super) const RECORD_COLUMNS: &str = "v.id, v.started_at, v.ended_at, v.kind, v.person_id, v.urgency,
    v.desk_id, v.staff_id, v.topics, v.stage_data, v.waiting_seconds, v.consent_to_export, v.revision,
    v.note, p.official_name, p.first_name, p.birth_date, p.vn, p.sex, p.nationality, p.language,
    p.residence_status, p.commune_of_stay, p.support_domicile, p.phone, p.person_key, t.language,
    t.mode, t.provider, t.minutes,
    (SELECT json_group_array(json_array(r.service_id, r.reason, r.status, r.appointment_on,
                                        r.consent_to_share))
     FROM (SELECT * FROM referrals WHERE visit_id = v.id ORDER BY id) r)";

/// The visit's own columns at the start of [`RECORD_COLUMNS`].
pub(super) const VISIT_COLUMNS: &str = "v.id, v.started_at, v.ended_at, v.kind, v.person_id, v.urgency,
    v.desk_id, v.staff_id, v.topics, v.stage_data, v.waiting_seconds, v.consent_to_export, v.revision,
    v.note";
pub(super) const VISIT_COLUMN_COUNT: usize = 14;
/// The person's columns, as they follow the visit's in [`RECORD_COLUMNS`].
pub(super) const PERSON_COLUMNS: &str = "p.official_name, p.first_name, p.birth_date, p.vn, p.sex,
    p.nationality, p.language, p.residence_status, p.commune_of_stay, p.support_domicile, p.phone,
    p.person_key";
pub(super) const PERSON_COLUMN_COUNT: usize = 12;
pub(super) const INTERPRETER_COLUMNS: &str = "t.language, t.mode, t.provider, t.minutes";

/// The joins [`RECORD_COLUMNS`] needs, after `FROM visits v` (or a join to it).
pub(super) const RECORD_JOINS: &str = "LEFT JOIN people p ON p.id = v.person_id
    LEFT JOIN interpreter_use t ON t.visit_id = v.id";

/// The per-stage data kept as JSON in `visits.stage_data`, taken apart without copies.
#[derive(Debug, Default, Deserialize)]
struct StageData {
    #[serde(default)]
    information: Vec<crate::domain::TopicGiven>,
    #[serde(default)]
    competence: Option<CompetenceRecord>,
    #[serde(default)]
    financial_request: Option<FinancialRecord>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    interpreter_needed: bool,
    #[serde(default)]
    visitor_language: Option<String>,
    #[serde(default)]
    referral_slips: Vec<ReferralSlip>,
}

#[derive(Debug, Deserialize)]
struct ReferralSlip {
    service_id: String,
    slip: crate::domain::SlipWritten,
}

/// The visit's own part (no person, interpreter or referrals yet) from [`VISIT_COLUMNS`].
pub(super) fn visit_at(row: &Row<'_>, base: usize) -> rusqlite::Result<VisitRecord> {
    let c = |i: usize| base + i;
    let person_id: Option<String> = row.get(c(4))?;
    // Stored JSON that does not read is an error, never an empty default: a visit would
    // otherwise lose its topics or stages without a word.
    let json = |index: usize| -> rusqlite::Result<&str> { Ok(row.get_ref(index)?.as_str()?) };
    let unreadable = |index: usize, e: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    };
    let topics: Vec<String> = serde_json::from_str(json(c(8))?).map_err(|e| unreadable(c(8), e))?;
    let stage: StageData = serde_json::from_str(json(c(9))?).map_err(|e| unreadable(c(9), e))?;
    Ok(VisitRecord {
        id: row.get(c(0))?,
        started_at: row.get(c(1))?,
        ended_at: row.get(c(2))?,
        kind: row.get(c(3))?,
        anonymous: person_id.is_none(),
        urgency: row.get(c(5))?,
        desk_id: row.get(c(6))?,
        staff_id: row.get(c(7))?,
        topics,
        information: stage.information,
        referrals: Vec::new(),
        competence: stage.competence,
        interpreter: None,
        financial_request: stage.financial_request,
        waiting_seconds: row.get(c(10))?,
        consent_to_export: row.get(c(11))?,
        revision: row.get(c(12))?,
        note: row.get(c(13))?,
        reason: stage.reason,
        interpreter_needed: stage.interpreter_needed,
        visitor_language: stage.visitor_language,
        slips: stage
            .referral_slips
            .into_iter()
            .map(|s| (s.service_id, s.slip))
            .collect(),
        person: None,
    })
}

/// A person from [`PERSON_COLUMNS`] at `base`, with its id.
pub(super) fn person_at(row: &Row<'_>, base: usize, id: String) -> rusqlite::Result<PersonRecord> {
    let c = |i: usize| base + i;
    Ok(PersonRecord {
        id,
        official_name: row.get(c(0))?,
        first_name: row.get(c(1))?,
        birth_date: row.get(c(2))?,
        vn: row.get(c(3))?,
        sex: row.get(c(4))?,
        nationality: row.get(c(5))?,
        language: row.get(c(6))?,
        residence_status: row.get(c(7))?,
        commune_of_stay: row.get(c(8))?,
        support_domicile: row.get(c(9))?,
        phone: row.get(c(10))?,
        stable_id: row.get(c(11))?,
    })
}

/// The interpreter from [`INTERPRETER_COLUMNS`] at `base`, if there was one.
pub(super) fn interpreter_at(
    row: &Row<'_>,
    base: usize,
) -> rusqlite::Result<Option<InterpreterRecord>> {
    let language: Option<String> = row.get(base)?;
    language
        .map(|language| {
            Ok(InterpreterRecord {
                language,
                mode: row.get(base + 1)?,
                provider: row.get(base + 2)?,
                minutes: row.get(base + 3)?,
            })
        })
        .transpose()
}

/// Reads a complete record from `RECORD_COLUMNS` starting at column `base`.
pub(super) fn record_at(row: &Row<'_>, base: usize) -> rusqlite::Result<VisitRecord> {
    let mut record = visit_at(row, base)?;
    let person_id: Option<String> = row.get(base + 4)?;
    if let Some(id) = person_id {
        record.person = Some(person_at(row, base + VISIT_COLUMN_COUNT, id)?);
    }
    let after_person = base + VISIT_COLUMN_COUNT + PERSON_COLUMN_COUNT;
    record.interpreter = interpreter_at(row, after_person)?;
    let referrals: String = row.get(after_person + 4)?;
    // SQLite keeps the consent flag as 0/1.
    let referrals: Vec<(String, String, String, Option<String>, i64)> =
        serde_json::from_str(&referrals).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                after_person + 4,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        })?;
    record.referrals = referrals
        .into_iter()
        .map(
            |(service_id, reason, status, appointment_on, consent)| ReferralRecord {
                service_id,
                reason,
                status,
                appointment_on,
                consent_to_share: consent != 0,
                slip: None,
            },
        )
        .collect();
    record.attach_slips();
    Ok(record)
}

impl Store {
    /// Visits started in `[since_ms, until_ms)`, oldest first, with referrals and interpreter
    /// (the person is left out: lists are for counting and scripting, `show` gives the person).
    pub fn visit_records(&self, since_ms: i64, until_ms: i64) -> super::Result<Vec<VisitRecord>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM visits v {RECORD_JOINS}
             WHERE v.started_ms >= ?1 AND v.started_ms < ?2 ORDER BY v.started_ms, v.id"
        ))?;
        let rows = statement.query_map(params![since_ms, until_ms], |row| {
            let mut record = record_at(row, 0)?;
            record.person = None;
            Ok(record)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One visit with everything, the person included.
    pub fn visit_record(&self, id: &str) -> super::Result<Option<VisitRecord>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} FROM visits v {RECORD_JOINS} WHERE v.id = ?1"
            ))?
            .query_row([id], |row| record_at(row, 0))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_the_visit_then_the_person_columns_in_their_order() {
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let expected = words(&format!("{VISIT_COLUMNS}, {PERSON_COLUMNS},"));
        assert!(
            words(RECORD_COLUMNS).starts_with(&expected),
            "{RECORD_COLUMNS}"
        );
        assert_eq!(PERSON_COLUMNS.split(',').count(), PERSON_COLUMN_COUNT);
        assert_eq!(VISIT_COLUMNS.split(',').count(), VISIT_COLUMN_COUNT);
    }
}
