//! What a topics file says besides its topics: who translated it and whether a qualified
//! interpreter reviewed it (`[about]`), the few texts a visitor reads around the topics
//! (`[texts]`), and, for a language the interface does not speak, the slip's texts (`[slip]`) and
//! the glossary (`[glossary.<id>]`).

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The sections of a topics file that are not topics; no topic may take these ids.
pub const RESERVED: [&str; 4] = ["about", "texts", "slip", "glossary"];

/// Who made a language's texts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct About {
    pub translated_by: String,
    /// The qualified interpreter who checked the texts; none: not reviewed yet.
    pub reviewed_by: Option<String>,
    pub reviewed_on: Option<toml::value::Datetime>,
}

impl About {
    /// Reviewed means by someone, on a day: a name alone is not a review.
    pub fn reviewed(&self) -> bool {
        self.reviewed_by
            .as_ref()
            .is_some_and(|b| !b.trim().is_empty())
            && self.reviewed_on.is_some()
    }

    pub fn reviewed_on(&self) -> Option<NaiveDate> {
        let date = self.reviewed_on?.date?;
        NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
    }
}

/// The texts a visitor reads around the topics, in their language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitorTexts {
    /// "This text is not available in this language yet", in that language.
    pub missing: String,
    /// The marker of a translation no interpreter has checked yet.
    pub unreviewed: String,
    /// The heading of the written copy.
    pub copy_title: String,
    /// "Received on {date}".
    pub copy_given: String,
    pub glossary_title: String,
    /// The label of the German text printed beside an unreviewed one.
    pub original: String,
}

/// A glossary term in a language the glossary table does not have a column for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryText {
    pub term: String,
    pub explanation: String,
}

/// A language's texts other than its topics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageTexts {
    pub about: Option<About>,
    pub texts: Option<VisitorTexts>,
    /// The slip's texts by their key in the interface files (`title`, `phone`, …).
    pub slip: BTreeMap<String, String>,
    pub glossary: BTreeMap<String, GlossaryText>,
}

/// The slip keys a language without an interface file must have, with the placeholders each keeps.
pub const SLIP_KEYS: [(&str, &[&str]); 16] = [
    ("title", &[]),
    ("for", &[]),
    ("reason", &[]),
    ("appointment", &[]),
    ("phone", &[]),
    ("address", &[]),
    ("hours", &[]),
    ("email", &[]),
    ("web", &[]),
    ("bring", &[]),
    ("bring_default", &[]),
    ("issued_by", &[]),
    ("not_known", &[]),
    ("footer", &["{date}", "{checked}"]),
    ("phone_reach_web", &["{web}"]),
    ("phone_reach_smz", &[]),
];
