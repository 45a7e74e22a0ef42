//! The competence answer as a visit keeps it: who is responsible, by which rule, on which day.
//! Names, reasons and sources stand in the rule pack under the rule id, so a record stays small
//! and reads the same after the texts change.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceRecord {
    pub canton: String,
    pub on: String,
    pub primary: String,
    #[serde(default)]
    pub responsible: Vec<ResponsibleRecord>,
    pub rule: String,
    #[serde(default = "covered_by_default")]
    pub covered: bool,
    #[serde(default)]
    pub smz: Option<SmzRecord>,
    /// What the answer was found from (absent in visits saved before they were kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<CompetenceInputs>,
    /// When the responsibility passed to `primary`, where a date decides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// When and to whom it passes next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_change: Option<NextChangeRecord>,
}

/// The facts a competence answer was found from, as the visit keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceInputs {
    /// The residence status (`refugee-b`, `provisional-f` ...).
    pub status: String,
    pub asylum_date: Option<String>,
    pub entry_date: Option<String>,
    pub c_entitled: bool,
    pub b_granted: bool,
    pub resident_in_commune: bool,
    /// BFS number of the commune of support domicile or stay.
    pub commune: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextChangeRecord {
    pub on: String,
    /// The body responsible from then on.
    pub body: String,
}

fn covered_by_default() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsibleRecord {
    pub domain: String,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmzRecord {
    pub id: String,
}
