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

/// The ISO 639-3 code of a language the topics and the interface use (ISO 639-1).
pub fn iso_639_3_of(code: &str) -> Option<&'static str> {
    match code {
        "de" => Some("deu"),
        "fr" => Some("fra"),
        "en" => Some("eng"),
        "it" => Some("ita"),
        _ => None,
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

/// Interpreter languages most asked for at Swiss desks, first in pickers (ISO 639-3):
/// Arabic, Tigrinya, Dari, Farsi, Turkish, Albanian, Tamil, Somali, Ukrainian, Russian, Kurdish
/// (Kurmanji), Pashto, Portuguese, Spanish, English. Names are UI strings (`language.<code>`).
pub const COMMON_INTERPRETER_LANGUAGES: &[&str] = &[
    "ara", "tir", "prs", "pes", "tur", "sqi", "tam", "som", "ukr", "rus", "kmr", "pus", "por",
    "spa", "eng",
];

#[cfg(test)]
mod common_tests {
    use super::*;

    #[test]
    fn the_common_languages_are_valid_codes() {
        for code in COMMON_INTERPRETER_LANGUAGES {
            assert!(code.parse::<LanguageCode>().is_ok(), "{code}");
        }
    }
}
