//! One visit as the case system receives it (`intake-desk/visit/5`; a batch first written as
//! `intake-desk/visit/1` is written again as it was, without the fields version 2 added: those
//! are `Option`s left out when `None`). Field names after eCH-0044
//! (person identification), eCH-0011 and eCH-0006 (permit codes, with our own refugee flag, since
//! eCH-0006 cannot tell a provisionally admitted refugee from other provisionally admitted people).
//! Built only from the stored record, never from the catalog, so a batch written again is the
//! same byte for byte.

use crate::domain::{ResidenceStatus, TopicGiven};
use crate::store::{BatchAction, LineSchema};
use crate::store::{BatchLine, CompetenceRecord, FinancialRecord, PersonRecord};
use serde::Serialize;
use std::borrow::Cow;

/// A field version 2 added: left out of a version-1 line (`None`), else its value or null.
type Added<T> = Option<Option<T>>;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitLine<'a> {
    pub schema: &'static str,
    /// The version the line is written in (its fields follow it).
    #[serde(skip)]
    pub version: LineSchema,
    /// eCH-0058 action: 1 new, 4 correction.
    pub action: BatchAction,
    pub visit_id: &'a str,
    /// The version of the visit: 1 as first saved, one more for each correction.
    pub revision: u32,
    /// For a correction: the id of the visit it corrects (the same visit) and the batch that
    /// carried the version before.
    pub original_id: Option<&'a str>,
    pub original_batch_id: Option<&'a str>,
    /// In the desks' time with its offset from version 5, as stored (UTC) before.
    pub started_at: Cow<'a, str>,
    pub ended_at: Option<Cow<'a, str>>,
    pub kind: &'a str,
    pub urgency: &'a str,
    /// Why the visitor came (version 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Added<&'a str>,
    pub desk_id: &'a str,
    pub staff_id: &'a str,
    pub person: Option<PersonLine<'a>>,
    pub topics: &'a [String],
    pub information: Vec<InformationLine<'a>>,
    /// The competence answer: who is responsible and by which rule (the reasons and sources
    /// stand in the rule pack under the rule's id); null when none was made.
    pub competence: Option<CompetenceLine<'a>>,
    pub referrals: Vec<ReferralLine<'a>>,
    pub interpreter: Option<InterpreterLine<'a>>,
    /// An interpreter was asked for (version 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interpreter_needed: Option<bool>,
    /// The visitor's language, ISO 639-3 (version 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visitor_language: Added<&'a str>,
    pub financial_request: Option<FinancialLine<'a>>,
    pub waiting_seconds: Option<u32>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonLine<'a> {
    /// AHVN13, 13 digits without dots (eCH-0044 `vn`).
    pub vn: Option<&'a str>,
    pub local_person_id: LocalPersonId<'a>,
    pub official_name: &'a str,
    pub first_name: &'a str,
    /// eCH-0044 `sexType`: "1" male, "2" female, "3" unknown.
    pub sex: Option<String>,
    /// eCH-0044 `datePartiallyKnown`.
    pub date_of_birth: Option<DateOfBirth<'a>>,
    /// ISO 3166-1 alpha-2 (eCH-0011 `countryIdISO2`); from version 4 only a known nationality.
    pub nationality: Option<&'a str>,
    /// eCH-0011 `nationalityStatus`: "0" unknown, "1" stateless, "2" known (version 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nationality_status: Option<&'static str>,
    /// The spoken language, ISO 639-3 (interpreting needs the three-letter codes).
    pub language: Option<&'a str>,
    /// eCH-0011 `languageOfCorrespondance`: the spoken language as ISO 639-1 where it has a
    /// two-letter code, else null (version 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language_of_correspondence: Added<&'static str>,
    /// eCH-0006 `residencePermitCategoryType` ("02" B, "05" F ...); null for Swiss or unknown.
    pub residence_permit: Option<&'static str>,
    pub refugee: bool,
    /// The status as recorded at the desk (`b`, `refugee-b`, `provisional-f` ...).
    pub residence_status: &'a str,
    /// BFS commune numbers (eCH-0007 `municipalityId`).
    pub commune_of_stay: Option<u32>,
    pub support_domicile: Option<u32>,
    pub phone: Option<&'a str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalPersonId<'a> {
    pub person_id_category: &'static str,
    pub person_id: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DateOfBirth<'a> {
    YearMonthDay(&'a str),
    YearMonth(&'a str),
    Year(&'a str),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompetenceLine<'a> {
    pub canton: &'a str,
    /// The date the answer holds for.
    pub on: &'a str,
    /// The body primarily responsible (`commune-smz`, `red-cross`, `canton-asylum` ...).
    pub primary: &'a str,
    pub rule: &'a str,
    /// False when the rules do not cover the case (staff decide).
    pub covered: bool,
    /// Every responsible body by domain (support, asylum ...).
    pub responsible: Vec<ResponsibleLine<'a>>,
    /// The SMZ region of the commune, when the commune is responsible.
    pub smz: Option<&'a str>,
    /// What the answer was found from (version 2; null for visits saved before it was kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inputs: Added<InputsLine<'a>>,
    /// Since when `primary` is responsible, where a date decides it (version 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Added<&'a str>,
    /// When and to whom the responsibility passes next (version 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_change: Added<NextChangeLine<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputsLine<'a> {
    pub residence_status: &'a str,
    pub asylum_date: Option<&'a str>,
    pub entry_date: Option<&'a str>,
    pub c_entitled: bool,
    pub b_granted: bool,
    pub resident_in_commune: bool,
    /// BFS number.
    pub commune: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct NextChangeLine<'a> {
    pub on: &'a str,
    pub body: &'a str,
}

#[derive(Debug, Serialize)]
pub struct SlipLine<'a> {
    pub at: String,
    pub languages: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct ResponsibleLine<'a> {
    pub domain: &'a str,
    pub id: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InformationLine<'a> {
    pub topic: &'a str,
    pub language: &'a str,
    pub written_copy: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralLine<'a> {
    pub service_id: &'a str,
    pub reason: &'a str,
    pub status: &'a str,
    pub appointment_on: Option<&'a str>,
    pub consent_to_share: bool,
    /// The slip handed over: when, in which languages (version 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slip: Added<SlipLine<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InterpreterLine<'a> {
    pub language: &'a str,
    pub mode: &'a str,
    pub provider: Option<&'a str>,
    pub minutes: u32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinancialLine<'a> {
    pub received_on: &'a str,
    pub decide_by: &'a str,
    pub documents: Vec<DocumentLine<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DocumentLine<'a> {
    pub id: &'a str,
    pub present: bool,
}

impl<'a> VisitLine<'a> {
    pub fn new(line: &'a BatchLine, action: BatchAction, schema: LineSchema) -> VisitLine<'a> {
        let r = &line.record;
        let correction = action == crate::store::BatchAction::Correction;
        // What version 2 added, for lines of that version.
        let v2 = schema >= LineSchema::V2;
        // Version 5 gives moments in the desks' time; earlier versions as they were stored.
        let moment = |at: &'a str| -> Cow<'a, str> {
            if schema >= LineSchema::V5 {
                crate::desk_time::with_offset(at)
            } else {
                Cow::Borrowed(at)
            }
        };
        VisitLine {
            schema: schema.name(),
            version: schema,
            action,
            visit_id: &r.id,
            revision: line.revision,
            original_id: correction.then_some(r.id.as_str()),
            original_batch_id: if correction {
                line.previous_batch.as_deref()
            } else {
                None
            },
            started_at: moment(&r.started_at),
            ended_at: r.ended_at.as_deref().map(moment),
            kind: &r.kind,
            urgency: &r.urgency,
            reason: added(v2, r.reason.as_deref()),
            desk_id: &r.desk_id,
            staff_id: &r.staff_id,
            person: r.person.as_ref().map(|p| person(p, schema)),
            topics: &r.topics,
            information: information(&r.information),
            competence: competence(r.competence.as_ref(), v2),
            referrals: r
                .referrals
                .iter()
                .map(|x| ReferralLine {
                    service_id: &x.service_id,
                    reason: &x.reason,
                    status: &x.status,
                    appointment_on: x.appointment_on.as_deref(),
                    consent_to_share: x.consent_to_share,
                    slip: added(
                        v2,
                        x.slip.as_ref().map(|s| SlipLine {
                            at: if schema >= LineSchema::V5 {
                                crate::desk_time::rfc3339_at_desk(&s.at)
                            } else {
                                s.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                            },
                            languages: &s.languages,
                        }),
                    ),
                })
                .collect(),
            interpreter: r.interpreter.as_ref().map(|i| InterpreterLine {
                language: &i.language,
                mode: &i.mode,
                provider: i.provider.as_deref(),
                minutes: i.minutes,
            }),
            interpreter_needed: v2.then_some(r.interpreter_needed),
            visitor_language: added(v2, r.visitor_language.as_deref()),
            financial_request: financial(r.financial_request.as_ref()),
            waiting_seconds: r.waiting_seconds,
            note: r.note.as_deref(),
        }
    }
}

fn person(p: &PersonRecord, schema: LineSchema) -> PersonLine<'_> {
    // eCH-0044 allows 36 characters: a UUID. From version 3 the person's own id, the same at
    // every visit; before, the id of the visit's person record without our "p-" prefix.
    let record_id = p.id.strip_prefix("p-").unwrap_or(&p.id);
    let person_id = match (&p.stable_id, schema >= LineSchema::V3) {
        (Some(stable), true) => stable.as_str(),
        _ => record_id,
    };
    // A status this version does not know gives no permit code and no refugee flag (not those
    // of another status); the line still carries it as recorded.
    let status: Option<ResidenceStatus> = p.residence_status.parse().ok();
    let v4 = schema >= LineSchema::V4;
    PersonLine {
        vn: p.vn.as_deref(),
        local_person_id: LocalPersonId {
            person_id_category: "LOC.intake-desk",
            person_id,
        },
        official_name: &p.official_name,
        first_name: &p.first_name,
        sex: p.sex.map(|s| s.to_string()),
        date_of_birth: p.birth_date.as_deref().map(|d| match d.len() {
            4 => DateOfBirth::Year(d),
            7 => DateOfBirth::YearMonth(d),
            _ => DateOfBirth::YearMonthDay(d),
        }),
        nationality: p
            .nationality
            .as_deref()
            .filter(|n| !v4 || crate::domain::nationality::ech0011_status_of(Some(n)) == "2"),
        nationality_status: v4
            .then(|| crate::domain::nationality::ech0011_status_of(p.nationality.as_deref())),
        language: p.language.as_deref(),
        language_of_correspondence: added(
            v4,
            p.language
                .as_deref()
                .and_then(crate::domain::language::iso_639_1_of),
        ),
        residence_permit: status.and_then(ResidenceStatus::ech0006_category),
        refugee: status.is_some_and(ResidenceStatus::is_refugee),
        residence_status: &p.residence_status,
        commune_of_stay: p.commune_of_stay,
        support_domicile: p.support_domicile,
        phone: p.phone.as_deref(),
    }
}

/// A field version 2 added, for a line of that version.
fn added<T>(v2: bool, value: T) -> Option<T> {
    v2.then_some(value)
}

fn competence(record: Option<&CompetenceRecord>, v2: bool) -> Option<CompetenceLine<'_>> {
    let c = record?;
    Some(CompetenceLine {
        canton: &c.canton,
        on: &c.on,
        primary: &c.primary,
        rule: &c.rule,
        covered: c.covered,
        responsible: c
            .responsible
            .iter()
            .map(|b| ResponsibleLine {
                domain: &b.domain,
                id: &b.id,
            })
            .collect(),
        smz: c.smz.as_ref().map(|s| s.id.as_str()),
        inputs: added(
            v2,
            c.inputs.as_ref().map(|i| InputsLine {
                residence_status: &i.status,
                asylum_date: i.asylum_date.as_deref(),
                entry_date: i.entry_date.as_deref(),
                c_entitled: i.c_entitled,
                b_granted: i.b_granted,
                resident_in_commune: i.resident_in_commune,
                commune: i.commune,
            }),
        ),
        since: added(v2, c.since.as_deref()),
        next_change: added(
            v2,
            c.next_change.as_ref().map(|n| NextChangeLine {
                on: &n.on,
                body: &n.body,
            }),
        ),
    })
}

fn information(given: &[TopicGiven]) -> Vec<InformationLine<'_>> {
    given
        .iter()
        .map(|g| InformationLine {
            topic: &g.topic,
            language: &g.language,
            written_copy: g.written_copy,
        })
        .collect()
}

fn financial(record: Option<&FinancialRecord>) -> Option<FinancialLine<'_>> {
    let f = record?;
    Some(FinancialLine {
        received_on: &f.received_on,
        decide_by: &f.decide_by,
        documents: f
            .documents
            .iter()
            .map(|d| DocumentLine {
                id: &d.id,
                present: d.present,
            })
            .collect(),
    })
}
