//! The CSV layout: one row per visit, flattened; lists are joined with `|`. The columns are
//! documented in docs/export.md (a test keeps the two in step).

use super::line::{DateOfBirth, VisitLine};
use crate::store::LineSchema;

/// The columns of a version-1 batch, in order; version 2 adds [`ADDED_IN_V2`] after them.
pub const COLUMNS: [&str; 40] = [
    "schema",
    "action",
    "visitId",
    "revision",
    "originalId",
    "originalBatchId",
    "startedAt",
    "endedAt",
    "kind",
    "urgency",
    "deskId",
    "staffId",
    "vn",
    "localPersonId",
    "officialName",
    "firstName",
    "sex",
    "dateOfBirth",
    "nationality",
    "language",
    "residencePermit",
    "refugee",
    "residenceStatus",
    "communeOfStay",
    "supportDomicile",
    "phone",
    "topics",
    "informationLanguages",
    "referrals",
    "competencePrimary",
    "competenceRule",
    "interpreterLanguage",
    "interpreterMode",
    "interpreterProvider",
    "interpreterMinutes",
    "financialReceivedOn",
    "financialDecideBy",
    "financialMissingDocuments",
    "waitingSeconds",
    "note",
];

/// The columns version 2 added, after the 40 of version 1.
pub const ADDED_IN_V2: [&str; 11] = [
    "reason",
    "interpreterNeeded",
    "visitorLanguage",
    "competenceResidenceStatus",
    "competenceAsylumDate",
    "competenceEntryDate",
    "competenceFlags",
    "competenceCommune",
    "competenceSince",
    "competenceNextChange",
    "referralSlips",
];

/// The columns version 4 added, after those of version 2.
pub const ADDED_IN_V4: [&str; 2] = ["nationalityStatus", "languageOfCorrespondence"];

/// The header row of a batch of `schema`.
pub fn columns(schema: LineSchema) -> Vec<&'static str> {
    let mut columns = COLUMNS.to_vec();
    if schema >= LineSchema::V2 {
        columns.extend(ADDED_IN_V2);
    }
    if schema >= LineSchema::V4 {
        columns.extend(ADDED_IN_V4);
    }
    columns
}

/// The row's cells; any that a spreadsheet would run as a formula gets a leading `'` (names,
/// phones and notes are typed by people; the JSON Lines keep them as typed). A CSV laid out for
/// a spreadsheet (`spreadsheet`) keeps, from version 5, the AHV number and the permit code as
/// text there: see [`keep_as_text`].
pub fn values(v: &VisitLine<'_>, spreadsheet: bool) -> Vec<String> {
    let mut cells: Vec<String> = cells(v)
        .into_iter()
        .map(|cell| match crate::text::neutralise_formula(&cell) {
            std::borrow::Cow::Borrowed(_) => cell,
            std::borrow::Cow::Owned(safe) => safe,
        })
        .collect();
    if spreadsheet && v.version >= LineSchema::V5 {
        keep_as_text(&mut cells);
    }
    cells
}

/// Where `vn` and `residencePermit` stand in [`COLUMNS`].
const VN: usize = 12;
const PERMIT: usize = 20;

/// A spreadsheet reads `7561234567897` as 7.56E+12 and `05` as 5, and saving back keeps the
/// damage. The AHV number is written as on the card, `756.1234.5678.97`, which no spreadsheet
/// takes for a number; the permit code as `="05"`, which Excel shows as the text `05`. Both are
/// checked values (13 digits with a valid check digit, two digits), never typed text, so this
/// formula is a constant and cannot run anything.
fn keep_as_text(cells: &mut [String]) {
    if let Some(vn) = cells.get_mut(VN)
        && let Ok(number) = vn.parse::<crate::domain::Ahvn13>()
    {
        *vn = number.to_string();
    }
    if let Some(permit) = cells.get_mut(PERMIT)
        && permit.len() == 2
        && permit.bytes().all(|b| b.is_ascii_digit())
    {
        *permit = format!("=\"{permit}\"");
    }
}

/// The row's cells as recorded, one per column of [`columns`] (a workbook writes them as typed
/// cells, never as formulas, so they need no neutralising).
pub fn cells(v: &VisitLine<'_>) -> Vec<String> {
    let mut cells = raw_values(v).to_vec();
    // The fields version 2 added are present in its lines only.
    if v.interpreter_needed.is_some() {
        cells.extend(added_values(v));
    }
    if v.version >= LineSchema::V4 {
        let p = v.person.as_ref();
        cells.push(
            p.and_then(|p| p.nationality_status)
                .unwrap_or_default()
                .to_string(),
        );
        cells.push(
            p.and_then(|p| p.language_of_correspondence.flatten())
                .unwrap_or_default()
                .to_string(),
        );
    }
    cells
}

fn added_values(v: &VisitLine<'_>) -> [String; 11] {
    let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
    let competence = v.competence.as_ref();
    let inputs = competence
        .and_then(|c| c.inputs.as_ref())
        .and_then(Option::as_ref);
    let flags = inputs.map_or_else(String::new, |i| {
        [
            (i.c_entitled, "c-entitled"),
            (i.b_granted, "b-granted"),
            (i.resident_in_commune, "resident-in-commune"),
        ]
        .iter()
        .filter(|(set, _)| *set)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join("|")
    });
    [
        opt(v.reason.flatten()),
        v.interpreter_needed.unwrap_or(false).to_string(),
        opt(v.visitor_language.flatten()),
        opt(inputs.map(|i| i.residence_status)),
        opt(inputs.and_then(|i| i.asylum_date)),
        opt(inputs.and_then(|i| i.entry_date)),
        flags,
        inputs
            .and_then(|i| i.commune)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        opt(competence.and_then(|c| c.since.flatten())),
        competence
            .and_then(|c| c.next_change.as_ref())
            .and_then(Option::as_ref)
            .map(|n| format!("{}:{}", n.on, n.body))
            .unwrap_or_default(),
        v.referrals
            .iter()
            .filter_map(|r| {
                let slip = r.slip.as_ref()?.as_ref()?;
                Some(format!(
                    "{}:{}:{}",
                    r.service_id,
                    slip.at,
                    slip.languages.join("+")
                ))
            })
            .collect::<Vec<_>>()
            .join("|"),
    ]
}

fn raw_values(v: &VisitLine<'_>) -> [String; 40] {
    let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let p = v.person.as_ref();
    let i = v.interpreter.as_ref();
    let f = v.financial_request.as_ref();
    let competence = v.competence.as_ref();
    [
        v.schema.to_string(),
        v.action.to_string(),
        v.visit_id.to_string(),
        v.revision.to_string(),
        opt(v.original_id),
        opt(v.original_batch_id),
        v.started_at.to_string(),
        opt(v.ended_at.as_deref()),
        v.kind.to_string(),
        v.urgency.to_string(),
        v.desk_id.to_string(),
        v.staff_id.to_string(),
        opt(p.and_then(|p| p.vn)),
        p.map(|p| p.local_person_id.person_id.to_string())
            .unwrap_or_default(),
        p.map(|p| p.official_name.to_string()).unwrap_or_default(),
        p.map(|p| p.first_name.to_string()).unwrap_or_default(),
        p.and_then(|p| p.sex.clone()).unwrap_or_default(),
        p.and_then(|p| p.date_of_birth.as_ref())
            .map(|d| match d {
                DateOfBirth::YearMonthDay(s) | DateOfBirth::YearMonth(s) | DateOfBirth::Year(s) => {
                    s.to_string()
                }
            })
            .unwrap_or_default(),
        opt(p.and_then(|p| p.nationality)),
        opt(p.and_then(|p| p.language)),
        opt(p.and_then(|p| p.residence_permit)),
        p.map(|p| p.refugee.to_string()).unwrap_or_default(),
        p.map(|p| p.residence_status.to_string())
            .unwrap_or_default(),
        num(p.and_then(|p| p.commune_of_stay)),
        num(p.and_then(|p| p.support_domicile)),
        opt(p.and_then(|p| p.phone)),
        v.topics.join("|"),
        v.information
            .iter()
            .map(|x| format!("{}:{}", x.topic, x.language))
            .collect::<Vec<_>>()
            .join("|"),
        v.referrals
            .iter()
            .map(|x| format!("{}:{}", x.service_id, x.status))
            .collect::<Vec<_>>()
            .join("|"),
        competence
            .map(|c| c.primary.to_string())
            .unwrap_or_default(),
        competence.map(|c| c.rule.to_string()).unwrap_or_default(),
        i.map(|i| i.language.to_string()).unwrap_or_default(),
        i.map(|i| i.mode.to_string()).unwrap_or_default(),
        opt(i.and_then(|i| i.provider)),
        num(i.map(|i| i.minutes)),
        f.map(|f| f.received_on.to_string()).unwrap_or_default(),
        f.map(|f| f.decide_by.to_string()).unwrap_or_default(),
        f.map(|f| {
            f.documents
                .iter()
                .filter(|d| !d.present)
                .map(|d| d.id)
                .collect::<Vec<_>>()
                .join("|")
        })
        .unwrap_or_default(),
        num(v.waiting_seconds),
        opt(v.note),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cells_kept_as_text_are_the_ahv_number_and_the_permit_code() {
        assert_eq!(COLUMNS[VN], "vn");
        assert_eq!(COLUMNS[PERMIT], "residencePermit");
        let mut cells = vec![String::new(); COLUMNS.len()];
        cells[VN] = "7569217076985".into();
        cells[PERMIT] = "05".into();
        keep_as_text(&mut cells);
        assert_eq!(cells[VN], "756.9217.0769.85");
        assert_eq!(cells[PERMIT], "=\"05\"");
        // Anything else is left as it is (and was neutralised before).
        let mut odd = vec![String::new(); COLUMNS.len()];
        odd[VN] = "'=1+1".into();
        odd[PERMIT] = "'=HYPERLINK(1)".into();
        keep_as_text(&mut odd);
        assert_eq!(odd[VN], "'=1+1");
        assert_eq!(odd[PERMIT], "'=HYPERLINK(1)");
    }
}
