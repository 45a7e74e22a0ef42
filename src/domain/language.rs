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

impl LanguageCode {
    /// A code as stored by earlier versions, which wrote the UI languages as ISO 639-1
    /// (`de`, `fr`, `en`, `it`) in the queue.
    pub fn from_stored(text: &str) -> Result<LanguageCode, LanguageCodeError> {
        iso_639_3_of(text).unwrap_or(text).parse()
    }

    /// A language as people type it on the command line: its ISO 639-3 code (`tir`) or its
    /// ISO 639-1 code (`ti`); the code must be in ISO 639.
    pub fn parse_any(text: &str) -> Result<LanguageCode, LanguageCodeError> {
        let text = text.trim().to_ascii_lowercase();
        let language = match text.len() {
            2 => isolang::Language::from_639_1(&text),
            _ => isolang::Language::from_639_3(&text),
        };
        language
            .ok_or_else(|| LanguageCodeError(text.clone()))?
            .to_639_3()
            .parse()
    }

    /// The language of the topics and the interface (ISO 639-1) this is, if one.
    pub fn topic_language(&self) -> Option<&'static str> {
        match self.as_str() {
            "deu" => Some("de"),
            "fra" => Some("fr"),
            "eng" => Some("en"),
            "ita" => Some("it"),
            _ => None,
        }
    }
}

/// A language that may not be given, as a draft stores it: `""` for none, as earlier versions
/// wrote it (`#[serde(with = "optional_code")]`).
pub mod optional_code {
    use super::LanguageCode;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(code: &Option<LanguageCode>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(code.as_ref().map_or("", LanguageCode::as_str))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<LanguageCode>, D::Error> {
        let text = String::deserialize(d)?;
        if text.is_empty() {
            return Ok(None);
        }
        text.parse().map(Some).map_err(serde::de::Error::custom)
    }
}

/// A language that may not be given, in a draft: `null`, `""`, an ISO 639-3 code, or a
/// two-letter code as earlier versions wrote the visitor's language (`"fr"`).
pub mod stored_optional {
    use super::LanguageCode;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(code: &Option<LanguageCode>, s: S) -> Result<S::Ok, S::Error> {
        code.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<LanguageCode>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) if text.is_empty() => Ok(None),
            Some(text) => LanguageCode::from_stored(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
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

/// The ISO 639-1 code of an ISO 639-3 language, where it has one (`tir` → `ti`), or that of the
/// macrolanguage it belongs to, which is how one writes to its speakers (Kurmanji, `kmr`, and
/// Sorani are Kurdish, `ku`; Dari, `prs`, is Persian, `fa`). Swiss German, `gsw`, has none.
pub fn iso_639_1_of(code: &str) -> Option<&'static str> {
    let macrolanguage = match code {
        "kmr" | "ckb" | "sdh" => "kur",
        "prs" | "pes" => "fas",
        "arb" | "apc" | "ajp" | "arz" | "ary" | "arq" | "acm" | "aeb" | "apd" => "ara",
        "als" | "aln" => "sqi",
        "cmn" | "yue" => "zho",
        "pbu" | "pbt" | "pst" => "pus",
        "swh" => "swa",
        "gaz" | "hae" => "orm",
        "uzn" => "uzb",
        "ekk" => "est",
        "lvs" => "lav",
        "zsm" => "msa",
        _ => code,
    };
    isolang::Language::from_639_3(macrolanguage)?.to_639_1()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_letter_codes_where_the_language_has_one() {
        assert_eq!(iso_639_1_of("tir"), Some("ti"));
        assert_eq!(iso_639_1_of("deu"), Some("de"));
        assert_eq!(
            iso_639_1_of("prs"),
            Some("fa"),
            "Dari is written to as Persian"
        );
        assert_eq!(iso_639_1_of("kmr"), Some("ku"), "Kurmanji as Kurdish");
        assert_eq!(iso_639_1_of("gsw"), None);
        assert_eq!(iso_639_1_of("xyz"), None);
    }

    #[test]
    fn accepts_three_lowercase_letters_only() {
        assert_eq!("tir".parse::<LanguageCode>().unwrap().as_str(), "tir");
        for bad in ["ti", "TIR", "tirr", "t1r", ""] {
            assert!(bad.parse::<LanguageCode>().is_err(), "{bad}");
        }
    }
}

/// How a language's text runs (`ltr`, `rtl`), by the code of its topics file or ISO 639-3.
pub fn direction_of(lang: &str) -> &'static str {
    const RIGHT_TO_LEFT: [&str; 14] = [
        "ar", "ara", "fa", "fas", "pes", "prs", "ps", "pus", "ur", "urd", "he", "heb", "ckb", "arb",
    ];
    if RIGHT_TO_LEFT.contains(&lang) {
        "rtl"
    } else {
        "ltr"
    }
}

/// A language's name for staff: the interface's own name for it where it has one (`language.<code>`
/// in the staff language), else the ISO 639-3 reference name (in English).
pub fn name_of(i18n: &crate::catalog::I18n, ui: &str, code: LanguageCode) -> String {
    let key = format!("language.{code}");
    let name = i18n.text(ui, &key);
    if name != key {
        return name.to_string();
    }
    isolang::Language::from_639_3(code.as_str())
        .map_or_else(|| code.to_string(), |l| l.to_name().to_string())
}

/// The language's name in itself ("ትግርኛ" for Tigrinya), where the reference list has one.
pub fn autonym_of(code: LanguageCode) -> Option<&'static str> {
    isolang::Language::from_639_3(code.as_str())?.to_autonym()
}

/// The name staff read, then the language's own name where it differs: "Tigrinya — ትግርኛ".
pub fn label_of(i18n: &crate::catalog::I18n, ui: &str, code: LanguageCode) -> String {
    let name = name_of(i18n, ui, code);
    match autonym_of(code) {
        Some(own) if !own.eq_ignore_ascii_case(&name) => format!("{name} — {own}"),
        _ => name,
    }
}

/// Every language of ISO 639-3, the common ones first (for a picker).
pub fn all_languages() -> impl Iterator<Item = LanguageCode> {
    VISITOR_LANGUAGES.iter().copied().chain(
        isolang::languages()
            .filter_map(|l| l.to_639_3().parse::<LanguageCode>().ok())
            .filter(|c| !VISITOR_LANGUAGES.contains(c)),
    )
}

/// A code written in the source, checked when compiled.
const fn code(letters: &[u8; 3]) -> LanguageCode {
    let mut i = 0;
    while i < 3 {
        assert!(letters[i].is_ascii_lowercase(), "three lowercase letters");
        i += 1;
    }
    LanguageCode(*letters)
}

/// Interpreter languages most asked for at Swiss desks, first in pickers (ISO 639-3):
/// Arabic, Tigrinya, Dari, Farsi, Turkish, Albanian, Tamil, Somali, Ukrainian, Russian, Kurdish
/// (Kurmanji), Pashto, Portuguese, Spanish, English. Names are UI strings (`language.<code>`).
pub const INTERPRETER_LANGUAGES: &[LanguageCode] = &INTERPRETERS;

const INTERPRETERS: [LanguageCode; 15] = [
    code(b"ara"),
    code(b"tir"),
    code(b"prs"),
    code(b"pes"),
    code(b"tur"),
    code(b"sqi"),
    code(b"tam"),
    code(b"som"),
    code(b"ukr"),
    code(b"rus"),
    code(b"kmr"),
    code(b"pus"),
    code(b"por"),
    code(b"spa"),
    code(b"eng"),
];

const NATIONAL: [LanguageCode; 3] = [code(b"deu"), code(b"fra"), code(b"ita")];

/// The languages offered for a visitor, everywhere one is chosen (check-in, reception): the
/// national languages first, then the interpreter languages.
pub const VISITOR_LANGUAGES: &[LanguageCode] = &visitor_languages();

const fn visitor_languages() -> [LanguageCode; NATIONAL.len() + INTERPRETERS.len()] {
    let mut all = [NATIONAL[0]; NATIONAL.len() + INTERPRETERS.len()];
    let mut i = 0;
    while i < all.len() {
        all[i] = if i < NATIONAL.len() {
            NATIONAL[i]
        } else {
            INTERPRETERS[i - NATIONAL.len()]
        };
        i += 1;
    }
    all
}

pub fn interpreter_languages() -> &'static [LanguageCode] {
    INTERPRETER_LANGUAGES
}

/// The next choice in a cycle through `list` with "not given" (`None`) before the first.
pub fn cycle(
    list: &[LanguageCode],
    current: Option<LanguageCode>,
    forward: bool,
) -> Option<LanguageCode> {
    let at = current.and_then(|c| list.iter().position(|l| *l == c));
    let count = list.len() + 1;
    let index = at.map_or(0, |i| i + 1);
    let next = if forward {
        (index + 1) % count
    } else {
        (index + count - 1) % count
    };
    next.checked_sub(1).map(|i| list[i])
}

#[cfg(test)]
mod common_tests {
    use super::*;

    #[test]
    fn every_visitor_language_has_a_name_and_the_cycle_passes_not_given() {
        let names = crate::catalog::Catalog::embedded();
        for code in VISITOR_LANGUAGES {
            let key = format!("language.{code}");
            assert_ne!(names.i18n.text("de", &key), key, "{code} has a name");
        }
        assert_eq!(
            cycle(VISITOR_LANGUAGES, None, true),
            Some(VISITOR_LANGUAGES[0])
        );
        assert_eq!(
            cycle(VISITOR_LANGUAGES, None, false),
            VISITOR_LANGUAGES.last().copied()
        );
        assert_eq!(
            cycle(VISITOR_LANGUAGES, VISITOR_LANGUAGES.last().copied(), true),
            None
        );
    }
}
