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
