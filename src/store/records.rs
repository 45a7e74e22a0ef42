//! Visits read back as plain records, for `intake-desk visits list|show` and later the export.

use super::Store;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub information: serde_json::Value,
    pub referrals: Vec<ReferralRecord>,
    /// The competence check made during the visit, with its rule id (null when none was made).
    pub competence: serde_json::Value,
    pub interpreter: Option<InterpreterRecord>,
    /// A financial request: received_on, decide_by (30 days later), documents present/missing.
    pub financial_request: serde_json::Value,
    pub waiting_seconds: Option<u32>,
    pub consent_to_export: bool,
    /// 1 for a visit as first saved; each correction adds one.
    pub revision: u32,
    /// The staff's note, with follow-up notes added later.
    pub note: Option<String>,
    /// Only in `show`: the visitor, when identified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferralRecord {
    pub service_id: String,
    pub reason: String,
    pub status: String,
    pub appointment_on: Option<String>,
    pub consent_to_share: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterpreterRecord {
    pub language: String,
    pub mode: String,
    pub provider: Option<String>,
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRecord {
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
}

const SELECT: &str =
    "SELECT id, started_at, ended_at, kind, person_id, urgency, desk_id, staff_id, topics,
                             stage_data, waiting_seconds, consent_to_export, revision, note
                      FROM visits";

fn visit(row: &Row<'_>) -> rusqlite::Result<(VisitRecord, Option<String>)> {
    let person_id: Option<String> = row.get(4)?;
    let topics: String = row.get(8)?;
    let stage: String = row.get(9)?;
    let stage: serde_json::Value = serde_json::from_str(&stage).unwrap_or_default();
    Ok((
        VisitRecord {
            id: row.get(0)?,
            started_at: row.get(1)?,
            ended_at: row.get(2)?,
            kind: row.get(3)?,
            anonymous: person_id.is_none(),
            urgency: row.get(5)?,
            desk_id: row.get(6)?,
            staff_id: row.get(7)?,
            topics: serde_json::from_str(&topics).unwrap_or_default(),
            information: stage
                .get("information")
                .cloned()
                .unwrap_or(serde_json::json!([])),
            referrals: Vec::new(),
            competence: stage
                .get("competence")
                .cloned()
                .unwrap_or(serde_json::Value::Null),
            interpreter: None,
            financial_request: stage
                .get("financial_request")
                .cloned()
                .unwrap_or(serde_json::Value::Null),
            waiting_seconds: row.get(10)?,
            consent_to_export: row.get(11)?,
            revision: row.get(12)?,
            note: row.get(13)?,
            person: None,
        },
        person_id,
    ))
}

impl Store {
    /// Visits started in `[since_ms, until_ms)`, oldest first, with referrals and interpreter.
    pub fn visit_records(
        &self,
        since_ms: i64,
        until_ms: i64,
    ) -> rusqlite::Result<Vec<VisitRecord>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE started_ms >= ?1 AND started_ms < ?2 ORDER BY started_ms, id"
        ))?;
        let rows: Vec<(VisitRecord, Option<String>)> = statement
            .query_map(params![since_ms, until_ms], visit)?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(record, _)| self.complete(record))
            .collect()
    }

    /// One visit with everything, the person included.
    pub fn visit_record(&self, id: &str) -> rusqlite::Result<Option<VisitRecord>> {
        let found = self
            .conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], visit)
            .optional()?;
        let Some((record, person_id)) = found else {
            return Ok(None);
        };
        let mut record = self.complete(record)?;
        if let Some(person_id) = person_id {
            record.person = self.person_record(&person_id)?;
        }
        Ok(Some(record))
    }

    fn complete(&self, mut record: VisitRecord) -> rusqlite::Result<VisitRecord> {
        let mut referrals = self.conn.prepare_cached(
            "SELECT service_id, reason, status, appointment_on, consent_to_share FROM referrals WHERE visit_id = ?1 ORDER BY id",
        )?;
        record.referrals = referrals
            .query_map([&record.id], |r| {
                Ok(ReferralRecord {
                    service_id: r.get(0)?,
                    reason: r.get(1)?,
                    status: r.get(2)?,
                    appointment_on: r.get(3)?,
                    consent_to_share: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        record.interpreter = self
            .conn
            .prepare_cached(
                "SELECT language, mode, provider, minutes FROM interpreter_use WHERE visit_id = ?1",
            )?
            .query_row([&record.id], |r| {
                Ok(InterpreterRecord {
                    language: r.get(0)?,
                    mode: r.get(1)?,
                    provider: r.get(2)?,
                    minutes: r.get(3)?,
                })
            })
            .optional()?;
        Ok(record)
    }

    fn person_record(&self, id: &str) -> rusqlite::Result<Option<PersonRecord>> {
        self.conn
            .query_row(
                "SELECT official_name, first_name, birth_date, vn, sex, nationality, language, residence_status,
                        commune_of_stay, support_domicile, phone
                 FROM people WHERE id = ?1",
                [id],
                |r| {
                    Ok(PersonRecord {
                        official_name: r.get(0)?,
                        first_name: r.get(1)?,
                        birth_date: r.get(2)?,
                        vn: r.get(3)?,
                        sex: r.get(4)?,
                        nationality: r.get(5)?,
                        language: r.get(6)?,
                        residence_status: r.get(7)?,
                        commune_of_stay: r.get(8)?,
                        support_domicile: r.get(9)?,
                        phone: r.get(10)?,
                    })
                },
            )
            .optional()
    }
}
