//! Nationality as eCH-0011 has it: unknown (not given), stateless, or a country known by its
//! ISO 3166-1 alpha-2 code, checked against the real list (`XX` is refused). Kosovo's `XK`, not
//! in ISO 3166-1 but used by the Swiss federal offices for Kosovar nationals, is accepted too.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nationality {
    Stateless,
    /// Two uppercase letters from the list.
    Country([u8; 2]),
}

/// How a stateless person is stored and typed (besides the words of each language).
const STATELESS: &str = "stateless";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a country code of ISO 3166-1 (two letters, e.g. CH, ER, SY) nor \"stateless\""
)]
pub struct NationalityError(pub String);

impl Nationality {
    /// eCH-0011 `nationalityStatus`: "1" stateless, "2" known ("0", unknown, is no nationality).
    pub fn ech0011_status(self) -> &'static str {
        match self {
            Nationality::Stateless => "1",
            Nationality::Country(_) => "2",
        }
    }

    /// The country code, for a known nationality.
    pub fn country(&self) -> Option<&str> {
        match self {
            Nationality::Stateless => None,
            Nationality::Country(code) => Some(std::str::from_utf8(code).expect("ASCII")),
        }
    }
}

/// eCH-0011 `nationalityStatus` of a stored nationality (`None`: not given, "0").
pub fn ech0011_status_of(stored: Option<&str>) -> &'static str {
    stored
        .and_then(|s| s.parse::<Nationality>().ok())
        .map_or("0", Nationality::ech0011_status)
}

impl FromStr for Nationality {
    type Err = NationalityError;

    /// A code in any case, or "stateless" in English, German, French or Italian.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim();
        let folded = crate::text::fold(text);
        if [STATELESS, "staatenlos", "apatride", "apolide"].contains(&folded.as_str()) {
            return Ok(Nationality::Stateless);
        }
        let upper = text.to_ascii_uppercase();
        let known = upper == "XK" || isocountry::CountryCode::for_alpha2(&upper).is_ok();
        match upper.as_bytes() {
            [a, b] if known => Ok(Nationality::Country([*a, *b])),
            _ => Err(NationalityError(input.to_string())),
        }
    }
}

impl fmt::Display for Nationality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.country().unwrap_or(STATELESS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_codes_and_stateless_pass_and_invented_ones_do_not() {
        for (typed, stored) in [
            ("ch", "CH"),
            (" ER ", "ER"),
            ("XK", "XK"),
            ("Staatenlos", "stateless"),
            ("apatride", "stateless"),
        ] {
            assert_eq!(typed.parse::<Nationality>().unwrap().to_string(), stored);
        }
        for bad in ["XX", "ZZ", "C", "CHE", "", "1"] {
            assert!(bad.parse::<Nationality>().is_err(), "{bad}");
        }
        assert_eq!(ech0011_status_of(Some("SY")), "2");
        assert_eq!(ech0011_status_of(Some("stateless")), "1");
        assert_eq!(ech0011_status_of(None), "0");
    }
}
