//! Saving visits with their person, referrals and interpreter use, and the counts the shell shows.

use super::audit::{self, AuditAction, NewAuditEntry};
use super::{Store, now_rfc3339};
use crate::domain::{Person, Visit};
use chrono::SecondsFormat;
use rusqlite::{Transaction, params};
use std::borrow::Borrow;

impl Store {
    /// Saves visits in one transaction: all of them or none, each with its audit entry (by the
    /// visit's staff).
    pub fn insert_visits<V: Borrow<Visit>>(
        &mut self,
        visits: impl IntoIterator<Item = V>,
    ) -> super::Result<usize> {
        let tx = self.conn.transaction()?;
        let mut count = 0;
        for visit in visits {
            let visit = visit.borrow();
            insert_visit(&tx, visit)?;
            audit::append(
                &tx,
                &NewAuditEntry::new(&visit.staff_id, AuditAction::Create, "visit")
                    .record(visit.id.to_string()),
            )?;
            count += 1;
        }
        tx.commit()?;
        Ok(count)
    }

    /// Saves many visits at once with one audit entry for them all (demo data), the count in it.
    pub fn insert_visits_in_bulk<V: Borrow<Visit>>(
        &mut self,
        visits: impl IntoIterator<Item = V>,
        entry: NewAuditEntry,
    ) -> super::Result<usize> {
        let tx = self.conn.transaction()?;
        let mut count = 0;
        for visit in visits {
            insert_visit(&tx, visit.borrow())?;
            count += 1;
        }
        audit::append(&tx, &entry.detail("count", count))?;
        tx.commit()?;
        Ok(count)
    }

    pub fn visit_count(&self) -> super::Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)?)
    }

    /// Whether any visit was recorded at a desk whose id does not start with `prefix`.
    pub fn has_visits_outside(&self, desk_prefix: &str) -> super::Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM visits WHERE substr(desk_id, 1, length(?1)) <> ?1)",
            [desk_prefix],
            |r| r.get(0),
        )?)
    }
}

fn insert_visit(tx: &Transaction<'_>, visit: &Visit) -> rusqlite::Result<()> {
    let now = now_rfc3339();
    // Identified visits with consent are numbered in the order saved, for export; the number
    // goes on the visit and on its person, interpreter and referral rows.
    let export_seq: Option<i64> =
        if visit.is_exportable() {
            Some(tx.prepare_cached(
            "SELECT coalesce(max(export_seq), 0) + 1 FROM visits WHERE export_seq IS NOT NULL",
        )?
        .query_row([], |r| r.get(0))?)
        } else {
            None
        };
    let (person_id, person_key) = match &visit.person {
        Some(person) => {
            let (id, key) = insert_person(tx, visit, person, &now, export_seq)?;
            (Some(id), Some(key))
        }
        None => (None, None),
    };
    let topics = serde_json::to_string(&visit.topics).expect("a list of strings serialises");
    let competence: Option<serde_json::Value> = visit
        .competence
        .as_ref()
        .map(|record| serde_json::to_value(record).expect("plain data serialises"));
    let financial = visit.financial.as_ref().map(|f| {
        serde_json::json!({
            "received_on": f.received_on,
            "decide_by": f.decide_by(),
            "documents": f.documents,
        })
    });
    let stage_data = serde_json::json!({
        "information": visit.information,
        "competence": competence,
        "financial_request": financial,
        // Kept with the visit so the reports by language survive a purge of personal data.
        "visitor_language": visitor_language(visit),
        "reason": visit.reason,
        "interpreter_needed": visit.interpreter_needed,
        // The slips written, by service, in the order of the referrals.
        "referral_slips": visit
            .referrals
            .iter()
            .filter_map(|r| Some(serde_json::json!({"service_id": r.service_id, "slip": r.slip.as_ref()?})))
            .collect::<Vec<_>>(),
    })
    .to_string();
    tx.prepare_cached(
        "INSERT INTO visits (id, desk_id, staff_id, started_at, started_ms, ended_at, kind, urgency,
                             person_id, topics, consent_to_export, waiting_seconds, note, updated_at, stage_data,
                             export_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        visit.id.to_string(),
        visit.desk_id,
        visit.staff_id,
        visit.started_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        visit.started_at.timestamp_millis(),
        visit.ended_at.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
        <&str>::from(visit.kind),
        <&str>::from(visit.urgency),
        person_id,
        topics,
        visit.consent_to_export,
        visit.waiting_seconds,
        visit.note,
        now,
        stage_data,
        export_seq,
    ])?;
    // The person keeps the answer of their latest visit that can be worked out again.
    if let Some(key) = person_key
        && visit
            .competence
            .as_ref()
            .is_some_and(|c| c.inputs.is_some())
    {
        tx.prepare_cached(&format!(
            "UPDATE persons SET {} WHERE id = ?1",
            super::persons::LATEST_COMPETENCE
        ))?
        .execute([key])?;
    }
    for referral in &visit.referrals {
        let appointment = match &referral.status {
            crate::domain::ReferralStatus::AppointmentMade(date) => Some(date.to_string()),
            _ => None,
        };
        tx.prepare_cached(
            "INSERT INTO referrals (visit_id, service_id, reason, status, appointment_on, consent_to_share,
                                    export_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            visit.id.to_string(),
            referral.service_id,
            referral.reason,
            referral.status.as_str(),
            appointment,
            referral.consent_to_share,
            export_seq,
        ])?;
    }
    if let Some(interpreter) = &visit.interpreter {
        tx.prepare_cached(
            "INSERT INTO interpreter_use (visit_id, language, mode, provider, minutes, export_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            visit.id.to_string(),
            interpreter.language.as_str(),
            <&str>::from(interpreter.mode),
            interpreter.provider,
            interpreter.minutes,
            export_seq,
        ])?;
    }
    Ok(())
}

/// People get their own id, derived from the visit's, so one visit's data stays together.
fn insert_person(
    tx: &Transaction<'_>,
    visit: &Visit,
    person: &Person,
    now: &str,
    export_seq: Option<i64>,
) -> rusqlite::Result<(String, String)> {
    let id = format!("p-{}", visit.id);
    // The visit of a person recognised is theirs (and if that person was merged into another
    // since, the other's); anyone else is a person new to the desk.
    let key = match person.key {
        Some(key) => super::persons::surviving(tx, &key.to_string())?,
        None => uuid::Uuid::now_v7().to_string(),
    };
    tx.prepare_cached("INSERT OR IGNORE INTO persons (id, created_at) VALUES (?1, ?2)")?
        .execute(params![key, now])?;
    tx.prepare_cached(
        "INSERT INTO people (id, official_name, first_name, birth_date, vn, sex, nationality, language,
                             residence_status, commune_of_stay, support_domicile, phone, created_at,
                             export_seq, person_key, name_key, latin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        id,
        person.official_name,
        person.first_name,
        person.birth_date.map(|d| d.to_string()),
        person.vn.map(|n| n.digits()),
        person.sex.map(|s| s.code()),
        person.nationality.map(|n| n.to_string()),
        person.language.map(|l| l.to_string()),
        person.residence.as_str(),
        person.commune_of_stay,
        person.support_domicile,
        person.phone,
        now,
        export_seq,
        key,
        super::persons::name_key(&person.official_name, &person.first_name),
        super::persons::latin_of(&person.official_name, &person.first_name),
    ])?;
    // A returning person whose details changed (a new phone, a corrected spelling) is at a new
    // revision; their earlier records stay with the visits that had them. The inner query names
    // `persons.id`, not `?1`: a parameter there made SQLite compile the statement again at each
    // save (it weighs the partial indexes against the bound value).
    if person.key.is_some() {
        tx.prepare_cached(
            "UPDATE persons SET revision = revision + 1
             WHERE id = ?1 AND EXISTS (
                SELECT 1 FROM people n, people a
                WHERE n.rowid = last_insert_rowid()
                  AND a.rowid = (SELECT max(rowid) FROM people
                                 WHERE person_key = persons.id AND rowid < n.rowid)
                  AND (a.official_name, a.first_name, a.birth_date, a.vn, a.sex, a.nationality,
                       a.language, a.residence_status, a.commune_of_stay, a.support_domicile,
                       a.phone)
                      IS NOT (n.official_name, n.first_name, n.birth_date, n.vn, n.sex,
                              n.nationality, n.language, n.residence_status, n.commune_of_stay,
                              n.support_domicile, n.phone))",
        )?
        .execute([&key])?;
    }
    Ok((id, key))
}

/// The visitor's language (ISO 639-3): as chosen for the visit, else as recorded for the
/// person, else the interpreter's, else the language the first topic was given in.
fn visitor_language(visit: &Visit) -> Option<String> {
    if let Some(chosen) = visit.visitor_language {
        return Some(chosen.to_string());
    }
    let from_topic = || {
        visit.information.first().and_then(|given| {
            crate::domain::language::iso_639_3_of(&given.language).map(str::to_string)
        })
    };
    visit
        .person
        .as_ref()
        .and_then(|p| p.language.map(|l| l.to_string()))
        .or_else(|| visit.interpreter.as_ref().map(|i| i.language.to_string()))
        .or_else(from_topic)
}
