//! Residence status: the eCH-0006 permit category plus whether the person is a refugee,
//! because the competence rules of the DGSK directive of 2020 depend on both.

use strum::{EnumIter, EnumString, IntoStaticStr};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    EnumString,
    IntoStaticStr,
    EnumIter,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum ResidenceStatus {
    Swiss,
    /// Settlement permit C.
    C,
    /// Residence permit B (not a refugee).
    B,
    /// Short-stay permit L.
    L,
    /// Cross-border commuter G.
    G,
    /// Family members of international officials, gainfully employed (Ci).
    Ci,
    /// Recognised refugee with permit B.
    RefugeeB,
    /// Provisionally admitted refugee, permit F.
    RefugeeF,
    /// Provisionally admitted foreigner (not a refugee), permit F.
    ProvisionalF,
    /// Asylum seeker, permit N.
    AsylumSeeker,
    /// Protection status S.
    ProtectionS,
    /// Not known or not asked.
    #[default]
    None,
}

impl ResidenceStatus {
    /// The eCH-0006 v2 `residencePermitCategoryType` code; `None` for Swiss citizens and unknown status.
    pub fn ech0006_category(self) -> Option<&'static str> {
        use ResidenceStatus::*;
        match self {
            B | RefugeeB => Some("02"),
            C => Some("03"),
            Ci => Some("04"),
            RefugeeF | ProvisionalF => Some("05"),
            G => Some("06"),
            L => Some("07"),
            AsylumSeeker => Some("08"),
            ProtectionS => Some("09"),
            Swiss | None => Option::None,
        }
    }

    /// The refugee flag that eCH-0006 does not carry.
    pub fn is_refugee(self) -> bool {
        matches!(self, ResidenceStatus::RefugeeB | ResidenceStatus::RefugeeF)
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn names_round_trip_as_the_cli_spells_them() {
        for status in ResidenceStatus::iter() {
            assert_eq!(status.as_str().parse::<ResidenceStatus>().unwrap(), status);
        }
        assert_eq!("refugee-b".parse(), Ok(ResidenceStatus::RefugeeB));
        assert_eq!("asylum-seeker".parse(), Ok(ResidenceStatus::AsylumSeeker));
    }

    #[test]
    fn refugee_flag_separates_the_two_f_permits() {
        assert_eq!(ResidenceStatus::RefugeeF.ech0006_category(), Some("05"));
        assert_eq!(ResidenceStatus::ProvisionalF.ech0006_category(), Some("05"));
        assert!(ResidenceStatus::RefugeeF.is_refugee());
        assert!(!ResidenceStatus::ProvisionalF.is_refugee());
        assert_eq!(ResidenceStatus::Swiss.ech0006_category(), None);
    }
}
