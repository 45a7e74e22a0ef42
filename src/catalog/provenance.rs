//! Where a fact in the shipped data comes from and how sure we are of it.
//! An entry that is not verified is shown as such, never dressed up as fact.

use super::csv_table::CsvRow;
use super::error::DataError;
use strum::{EnumString, IntoStaticStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumString, IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Confidence {
    /// Read in a public source that states it directly.
    High,
    /// Inferred from a public source that does not state it completely.
    Medium,
    /// Not verified: a plausible assumption.
    Low,
}

impl Confidence {
    pub fn is_verified(self) -> bool {
        self == Confidence::High
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub source: String,
    pub confidence: Confidence,
}

impl Provenance {
    /// Reads the `confidence` and `source` columns of a data row; both are required.
    pub fn from_row(row: &CsvRow<'_, '_>) -> Result<Provenance, Vec<DataError>> {
        let mut errors = Vec::new();
        let confidence = row.get("confidence").parse::<Confidence>().map_err(|_| {
            errors.push(row.error(
                "confidence",
                format!("{:?} is not a confidence level", row.get("confidence")),
                "write high, medium or low",
            ))
        });
        let source = row.get("source");
        if source.is_empty() {
            errors.push(row.error(
                "source",
                "the row names no source",
                "name the public source, or write NOT VERIFIED with confidence low",
            ));
        }
        match confidence {
            Ok(confidence) if errors.is_empty() => Ok(Provenance {
                source: source.to_string(),
                confidence,
            }),
            _ => Err(errors),
        }
    }
}
