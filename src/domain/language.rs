//! ISO 639-3 language codes (three lowercase letters), as the interpreter record uses them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageCode([u8; 3]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an ISO 639-3 code (three lowercase letters, e.g. tir, ara, prs)")]
pub struct LanguageCodeError(pub String);

impl LanguageCode {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII by construction")
    }
}

impl FromStr for LanguageCode {
    type Err = LanguageCodeError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let bytes = input.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_lowercase) {
            Ok(LanguageCode([bytes[0], bytes[1], bytes[2]]))
        } else {
            Err(LanguageCodeError(input.to_string()))
        }
    }
}

impl TryFrom<String> for LanguageCode {
    type Error = LanguageCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<LanguageCode> for String {
    fn from(code: LanguageCode) -> String {
        code.as_str().to_string()
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_three_lowercase_letters_only() {
        assert_eq!("tir".parse::<LanguageCode>().unwrap().as_str(), "tir");
        for bad in ["ti", "TIR", "tirr", "t1r", ""] {
            assert!(bad.parse::<LanguageCode>().is_err(), "{bad}");
        }
    }
}
