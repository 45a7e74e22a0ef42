//! A visitor who chose to be identified. Field names follow eCH-0044 where one exists.

use super::{Ahvn13, LanguageCode, PartialDate, ResidenceStatus};

/// Longest name accepted, as eCH-0044 allows for `officialName` and `firstName`.
pub const MAX_NAME_CHARS: usize = 100;

/// eCH-0044 `sexType`: 1 male, 2 female, 3 unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    Male = 1,
    Female = 2,
    Unknown = 3,
}

impl Sex {
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Sex> {
        match code {
            1 => Some(Sex::Male),
            2 => Some(Sex::Female),
            3 => Some(Sex::Unknown),
            _ => None,
        }
    }
}

/// A sex that may not be given, as a draft stores it: the eCH-0044 code, 0 for none, as earlier
/// versions wrote it (`#[serde(with = "optional_sex")]`); another number is refused.
pub mod optional_sex {
    use super::Sex;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(sex: &Option<Sex>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(sex.map_or(0, Sex::code))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Sex>, D::Error> {
        match u8::deserialize(d)? {
            0 => Ok(None),
            code => Sex::from_code(code).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!("{code} is not an eCH-0044 sex code"))
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonError {
    #[error("the name is empty")]
    EmptyName,
    #[error("a name has at most {MAX_NAME_CHARS} characters, this one has {0}")]
    NameTooLong(usize),
    #[error("a name cannot contain control characters or text-direction overrides")]
    ControlCharacter,
}

impl PersonError {
    pub fn code(&self) -> &'static str {
        match self {
            PersonError::EmptyName => "name_empty",
            PersonError::NameTooLong(_) => "name_too_long",
            PersonError::ControlCharacter => "name_control",
        }
    }
}

/// Trims a name and checks it: any script is fine, control characters and over-long names are not.
pub fn validate_name(input: &str) -> Result<String, PersonError> {
    let name = input.trim();
    if name.is_empty() {
        return Err(PersonError::EmptyName);
    }
    if crate::text::forbidden_in_input(name, false).is_some() {
        return Err(PersonError::ControlCharacter);
    }
    let count = name.chars().count();
    if count > MAX_NAME_CHARS {
        return Err(PersonError::NameTooLong(count));
    }
    Ok(name.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The person's stable id across visits, where the visit was recognised as theirs (a
    /// returning visitor taken over); `None`: a person new to this desk, given an id when saved.
    pub key: Option<uuid::Uuid>,
    pub official_name: String,
    pub first_name: String,
    pub birth_date: Option<PartialDate>,
    pub vn: Option<Ahvn13>,
    pub sex: Option<Sex>,
    /// Stateless or a country (ISO 3166-1 alpha-2, as eCH-0008 uses it); `None`: not known.
    pub nationality: Option<super::Nationality>,
    pub language: Option<LanguageCode>,
    pub residence: ResidenceStatus,
    /// BFS numbers of the commune where the person stays and of the support domicile.
    pub commune_of_stay: Option<u32>,
    pub support_domicile: Option<u32>,
    pub phone: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_are_accepted_and_trimmed() {
        for name in [
            "Müller",
            "  Favre ",
            "ተስፋይ",
            "حداد",
            "Gonçalves",
            "Krasniqi",
        ] {
            assert_eq!(validate_name(name).unwrap(), name.trim());
        }
    }

    #[test]
    fn empty_long_and_control_names_are_refused() {
        assert_eq!(validate_name("   "), Err(PersonError::EmptyName));
        assert_eq!(
            validate_name(&"é".repeat(101)),
            Err(PersonError::NameTooLong(101))
        );
        assert!(validate_name(&"é".repeat(100)).is_ok());
        assert_eq!(
            validate_name("Ann\u{202e}a"),
            Err(PersonError::ControlCharacter),
            "a bidirectional override would make the name read as another"
        );
        assert_eq!(
            validate_name("A\u{1b}[2J"),
            Err(PersonError::ControlCharacter)
        );
        assert_eq!(validate_name("A\u{7}B"), Err(PersonError::ControlCharacter));
    }

    #[test]
    fn sex_codes_round_trip_as_ech_0044() {
        for sex in [Sex::Male, Sex::Female, Sex::Unknown] {
            assert_eq!(Sex::from_code(sex.code()), Some(sex));
        }
        assert_eq!(Sex::from_code(0), None);
    }
}
