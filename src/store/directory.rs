//! Corrections staff make to the directory at the desk: kept in the database beside the shipped
//! and imported data, never written into them, each with who and when; the latest of a field
//! counts, and an empty value takes a correction back.

use super::{Store, now_rfc3339};

/// A field of a service staff may correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceField {
    Phone,
    Address,
    Hours,
    /// Languages the service works in, `;`-separated codes.
    Languages,
    Note,
    /// The day the entry was compared with its source (YYYY-MM-DD).
    Checked,
}

impl ServiceField {
    pub const ALL: [ServiceField; 6] = [
        ServiceField::Phone,
        ServiceField::Address,
        ServiceField::Hours,
        ServiceField::Languages,
        ServiceField::Note,
        ServiceField::Checked,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ServiceField::Phone => "phone",
            ServiceField::Address => "address",
            ServiceField::Hours => "hours",
            ServiceField::Languages => "languages",
            ServiceField::Note => "note",
            ServiceField::Checked => "checked",
        }
    }

    pub fn from_name(name: &str) -> Option<ServiceField> {
        ServiceField::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Why a corrected value cannot be kept, if it cannot: one line of text without control
    /// characters; languages as codes.
    pub fn check(self, value: &str) -> Result<(), String> {
        if let Some(why) = crate::text::forbidden_in_input(value, false) {
            return Err(why);
        }
        if self == ServiceField::Languages {
            let bad: Vec<&str> = value
                .split([';', ',', ' '])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .filter(|l| {
                    !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_alphabetic())
                })
                .collect();
            if !bad.is_empty() {
                return Err(format!(
                    "{} are not language codes (e.g. de;fr;ti)",
                    bad.join(", ")
                ));
            }
        }
        Ok(())
    }
}

/// The correction of one field in force: its value (empty: taken back), by whom, when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServiceCorrection {
    pub service_id: String,
    pub field: ServiceField,
    pub value: String,
    pub staff: String,
    /// RFC 3339.
    pub at: String,
}

impl Store {
    /// Records a correction of a service's field (the earlier ones stay, for the record).
    pub fn correct_service(
        &mut self,
        service_id: &str,
        field: ServiceField,
        value: &str,
        staff: &str,
    ) -> super::Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO service_corrections (service_id, field, value, staff, at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            (service_id, field.name(), value.trim(), staff, now_rfc3339()),
        )?;
        super::audit::append(
            &tx,
            &super::NewAuditEntry::new(staff, super::AuditAction::Correct, "service")
                .record(service_id)
                .detail("field", field.name()),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The corrections in force: the latest of each field of each service (fields a later
    /// version does not know are left out).
    pub fn service_corrections(&self) -> super::Result<Vec<ServiceCorrection>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.service_id, c.field, c.value, c.staff, c.at FROM service_corrections c
             WHERE c.id = (SELECT max(id) FROM service_corrections
                           WHERE service_id = c.service_id AND field = c.field)
             ORDER BY c.service_id, c.field",
        )?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut corrections = Vec::new();
        for row in rows {
            let (service_id, field, value, staff, at) = row?;
            if let Some(field) = ServiceField::from_name(&field) {
                corrections.push(ServiceCorrection {
                    service_id,
                    field,
                    value,
                    staff,
                    at,
                });
            }
        }
        Ok(corrections)
    }
}
