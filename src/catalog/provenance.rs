//! Where a fact in the shipped data comes from and how sure we are of it.
//! An entry that is not verified is shown as such, never dressed up as fact.

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
