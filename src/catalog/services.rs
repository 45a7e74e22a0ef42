//! The specialist services a Valais desk refers to (`data/services.csv`). Only facts from public
//! sources: a missing phone or address stays empty and the screen says "not known".

use super::csv_table::CsvTable;
use super::error::DataError;
use super::source::DataFile;
use std::collections::HashSet;

pub const FILE: &str = "services.csv";
const COLUMNS: &[&str] = &[
    "id",
    "name_de",
    "name_fr",
    "categories",
    "description_de",
    "description_fr",
    "phone",
    "email",
    "web",
    "address",
    "hours",
    "languages",
    "regions",
    "keywords_de",
    "keywords_fr",
    "bring_de",
    "bring_fr",
    "source",
    "last_checked",
    "note",
];

/// Columns a file may leave out (added after the first layout): written last.
const OPTIONAL_COLUMNS: &[&str] = &["hours_fr", "address_fr", "phone_note_de", "phone_note_fr"];

/// An entry not compared with its source for longer than this is flagged.
pub const STALE_MONTHS: u32 = 12;

/// The categories a service may have; their labels are `category.<id>` in the UI strings.
pub const CATEGORIES: &[&str] = &[
    "smz",
    "asylum",
    "aid",
    "addiction",
    "elderly",
    "disability",
    "debt",
    "victims",
    "shelter",
    "violence",
    "employment",
    "social-insurance",
    "career",
    "tenancy",
    "integration",
    "interpreting",
    "protection",
    "youth",
    "psychiatry",
    "health",
    "emergency",
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Service {
    pub id: String,
    pub name_de: String,
    pub name_fr: String,
    pub categories: Vec<String>,
    pub description_de: Option<String>,
    pub description_fr: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    /// The address as the (German) source gives it.
    pub address: Option<String>,
    /// The address in French, where its words differ (place names, "secret address").
    pub address_fr: Option<String>,
    /// Opening hours as the (German) source gives them.
    pub hours: Option<String>,
    /// The opening hours in French.
    pub hours_fr: Option<String>,
    /// The fields staff corrected at the desk (laid over this entry from the database), with
    /// who and when; empty for the entry as shipped or imported.
    pub local: Vec<crate::store::ServiceCorrection>,
    /// What the number is, where it is not the service's own line ("emergency line", "contact
    /// point set up in 2022"), in German and French.
    pub phone_note_de: Option<String>,
    pub phone_note_fr: Option<String>,
    /// Languages the service works in (two-letter codes).
    pub languages: Vec<String>,
    /// SMZ/CMS regions served.
    pub regions: Vec<String>,
    pub keywords_de: String,
    pub keywords_fr: String,
    /// What to bring to the first appointment, where the service says so.
    pub bring_de: Option<String>,
    pub bring_fr: Option<String>,
    pub source: String,
    /// When the entry was last compared with its source (`YYYY-MM` or `YYYY-MM-DD`).
    pub last_checked: String,
    /// What is stale, missing or unsure about the entry.
    pub note: Option<String>,
}

impl Service {
    /// The name in German or French; in any other language the service's own name (a French-
    /// speaking service is not known by its German name).
    pub fn name(&self, lang: &str) -> &str {
        match lang {
            "fr" => &self.name_fr,
            "de" => &self.name_de,
            _ if self.own_language() == "fr" => &self.name_fr,
            _ => &self.name_de,
        }
    }

    /// The description in the language asked, else the other one; `true` when it is a fallback.
    pub fn description(&self, lang: &str) -> Option<(&str, bool)> {
        let (text, shown) = self.description_in(lang)?;
        Some((text, shown != lang))
    }

    /// The description in the language asked where the directory has it (German, French),
    /// else in the other, with the language (ISO 639-1) it is in.
    pub fn description_in(&self, lang: &str) -> Option<(&str, &'static str)> {
        in_language(
            &self.description_de,
            &self.description_fr,
            self.kept_in(lang),
        )
    }

    /// The directory language to show for `lang`: itself for German and French; for any other
    /// the service's own language, the one its texts were written in.
    fn kept_in<'a>(&self, lang: &'a str) -> &'a str {
        match lang {
            "de" | "fr" => lang,
            _ => self.own_language(),
        }
    }

    /// The address in French where the directory has one, else as the source gives it (an
    /// address is mostly names, which need no marker).
    pub fn address(&self, lang: &str) -> Option<&str> {
        match (lang, &self.address_fr) {
            ("fr", Some(fr)) => Some(fr),
            _ => self.address.as_deref(),
        }
    }

    /// The day the entry was last compared with its source: `YYYY-MM` counts as the month's
    /// last day (the entry may have been checked on any day of it).
    pub fn checked_on(&self) -> Option<chrono::NaiveDate> {
        let text = self.last_checked.trim();
        if let Ok(day) = text.parse::<chrono::NaiveDate>() {
            return Some(day);
        }
        let first = chrono::NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok()?;
        (first + chrono::Months::new(1)).pred_opt()
    }

    /// Not checked for more than `months` months on `today` (an entry whose date does not read
    /// counts as not checked).
    pub fn is_stale(&self, today: chrono::NaiveDate, months: u32) -> bool {
        self.checked_on()
            .is_none_or(|on| on + chrono::Months::new(months) < today)
    }

    /// What the phone number is, like [`Service::description_in`].
    pub fn phone_note_in(&self, lang: &str) -> Option<(&str, &'static str)> {
        in_language(&self.phone_note_de, &self.phone_note_fr, self.kept_in(lang))
    }

    /// The phone as staff and visitors read it: the number with what it is, or, where none is
    /// known, how to reach the service instead (its website, else through the SMZ/CMS).
    pub fn phone_line(&self, lang: &str, i18n: &crate::catalog::I18n) -> String {
        match &self.phone {
            Some(number) => match self.phone_note_in(lang) {
                // A note kept in another language says which (an English desk reads German).
                Some((note, shown)) if shown != lang => {
                    let key = format!("language.{shown}");
                    let name = i18n.text(lang, &key);
                    let marker = i18n.format(lang, "directory.fallback", &[("lang", name)]);
                    format!("{number} ({note} {marker})")
                }
                Some((note, _)) => format!("{number} ({note})"),
                None => number.clone(),
            },
            None => match &self.web {
                Some(web) => i18n.format(lang, "slip.phone_reach_web", &[("web", web)]),
                None => i18n.text(lang, "slip.phone_reach_smz").to_string(),
            },
        }
    }

    /// The opening hours like [`Service::description_in`].
    pub fn hours_in(&self, lang: &str) -> Option<(&str, &'static str)> {
        in_language(&self.hours, &self.hours_fr, self.kept_in(lang))
    }

    /// The language the service works in first (`de` or `fr`): its own texts are in it.
    pub fn own_language(&self) -> &'static str {
        match self.languages.first().map(String::as_str) {
            Some("fr") => "fr",
            _ => "de",
        }
    }

    /// What to bring, like [`Service::description_in`].
    pub fn bring_in(&self, lang: &str) -> Option<(&str, &'static str)> {
        in_language(&self.bring_de, &self.bring_fr, self.kept_in(lang))
    }

    pub fn serves(&self, region: &str) -> bool {
        self.regions.iter().any(|r| r == region)
    }
}

/// The text in `lang` where the directory has it (German, French), else in the other, with
/// the language it is in.
fn in_language<'a>(
    de: &'a Option<String>,
    fr: &'a Option<String>,
    lang: &str,
) -> Option<(&'a str, &'static str)> {
    let (wanted, other) = if lang == "fr" {
        ((fr, "fr"), (de, "de"))
    } else {
        ((de, "de"), (fr, "fr"))
    };
    wanted
        .0
        .as_deref()
        .map(|d| (d, wanted.1))
        .or_else(|| other.0.as_deref().map(|d| (d, other.1)))
}

fn list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn parse(
    file: &DataFile,
    region_ids: &HashSet<String>,
) -> Result<Vec<Service>, Vec<DataError>> {
    let table = CsvTable::parse_rows(file, COLUMNS).map_err(|e| vec![e])?;
    let mut services = Vec::new();
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for row in table.rows() {
        let before = errors.len();
        let id = row.get("id");
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            errors.push(row.error(
                "id",
                format!("{id:?} is not a service id"),
                "use lowercase letters, digits and dashes",
            ));
        } else if !ids.insert(id.to_string()) {
            errors.push(row.error(
                "id",
                format!("service id {id:?} appears twice"),
                "keep one row per service",
            ));
        }
        for column in ["name_de", "name_fr"] {
            if row.get(column).is_empty() {
                errors.push(row.error(
                    column,
                    "the service has no name",
                    "write its name; use the same text in both columns if it has one name",
                ));
            }
        }
        let categories = list(row.get("categories"));
        if categories.is_empty() {
            errors.push(row.error(
                "categories",
                "the service has no category",
                format!("use one or more of: {}", CATEGORIES.join(", ")),
            ));
        }
        for category in categories
            .iter()
            .filter(|c| !CATEGORIES.contains(&c.as_str()))
        {
            errors.push(row.error(
                "categories",
                format!("unknown category {category:?}"),
                format!("use one of: {}", CATEGORIES.join(", ")),
            ));
        }
        let regions = list(row.get("regions"));
        if regions.is_empty() {
            errors.push(row.error(
                "regions",
                "the service serves no region",
                "list the SMZ/CMS region ids it serves, separated by ;",
            ));
        }
        for region in regions.iter().filter(|r| !region_ids.contains(*r)) {
            let mut known: Vec<&str> = region_ids.iter().map(String::as_str).collect();
            known.sort();
            errors.push(row.error(
                "regions",
                format!("unknown region {region:?}"),
                format!("use ids from regions.csv: {}", known.join(", ")),
            ));
        }
        let languages = list(row.get("languages"));
        if languages
            .iter()
            .any(|l| !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_lowercase()))
        {
            errors.push(row.error(
                "languages",
                "languages are ISO 639-1 codes (or ISO 639-3 where a language has no two-letter code)",
                "write e.g. de;fr;gsw",
            ));
        }
        if row.get("source").is_empty() {
            errors.push(row.error(
                "source",
                "the service names no source",
                "name the public source of its facts",
            ));
        }
        let checked = row.get("last_checked");
        let well_formed = checked.len() >= 7
            && chrono::NaiveDate::parse_from_str(&format!("{}-01", &checked[..7]), "%Y-%m-%d")
                .is_ok();
        if !well_formed {
            errors.push(row.error(
                "last_checked",
                format!("{checked:?} is not a month or a date"),
                "write YYYY-MM or YYYY-MM-DD",
            ));
        }
        if errors.len() > before {
            continue;
        }
        services.push(Service {
            id: id.to_string(),
            name_de: row.get("name_de").to_string(),
            name_fr: row.get("name_fr").to_string(),
            categories,
            description_de: row.optional("description_de"),
            description_fr: row.optional("description_fr"),
            phone: row.optional("phone"),
            email: row.optional("email"),
            web: row.optional("web"),
            address: row.optional("address"),
            address_fr: row.optional("address_fr"),
            hours: row.optional("hours"),
            hours_fr: row.optional("hours_fr"),
            local: Vec::new(),
            phone_note_de: row.optional("phone_note_de"),
            phone_note_fr: row.optional("phone_note_fr"),
            languages,
            regions,
            keywords_de: row.get("keywords_de").to_string(),
            keywords_fr: row.get("keywords_fr").to_string(),
            bring_de: row.optional("bring_de"),
            bring_fr: row.optional("bring_fr"),
            source: row.get("source").to_string(),
            last_checked: checked.to_string(),
            note: row.optional("note"),
        });
    }
    if errors.is_empty() {
        Ok(services)
    } else {
        Err(errors)
    }
}

/// Writes services in the column layout of `services.csv`.
pub fn to_csv(services: &[Service]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer
        .write_record(COLUMNS.iter().chain(OPTIONAL_COLUMNS))
        .expect("writing to memory");
    for s in services {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        writer
            .write_record([
                s.id.clone(),
                s.name_de.clone(),
                s.name_fr.clone(),
                s.categories.join(";"),
                opt(&s.description_de),
                opt(&s.description_fr),
                opt(&s.phone),
                opt(&s.email),
                opt(&s.web),
                opt(&s.address),
                opt(&s.hours),
                s.languages.join(";"),
                s.regions.join(";"),
                s.keywords_de.clone(),
                s.keywords_fr.clone(),
                opt(&s.bring_de),
                opt(&s.bring_fr),
                s.source.clone(),
                s.last_checked.clone(),
                opt(&s.note),
                opt(&s.hours_fr),
                opt(&s.address_fr),
                opt(&s.phone_note_de),
                opt(&s.phone_note_fr),
            ])
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// Lays the corrections made at the desk over the services: a corrected field replaces what
/// the data holds (an empty correction takes the field back to it), and each service notes its
/// local fields. Corrections of a service no longer in the data are left aside.
pub fn apply_local(services: &mut [Service], corrections: &[crate::store::ServiceCorrection]) {
    use crate::store::ServiceField;
    let by_id: std::collections::HashMap<String, usize> = services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    for correction in corrections {
        let Some(&at) = by_id.get(&correction.service_id) else {
            continue;
        };
        let service = &mut services[at];
        let value = Some(correction.value.clone()).filter(|v| !v.is_empty());
        let Some(value) = value else {
            continue;
        };
        match correction.field {
            ServiceField::Phone => {
                service.phone = Some(value);
                // A note said what the old number was, not this one.
                service.phone_note_de = None;
                service.phone_note_fr = None;
            }
            ServiceField::Address => {
                service.address = Some(value);
                service.address_fr = None;
            }
            ServiceField::Hours => {
                service.hours = Some(value.clone());
                service.hours_fr = Some(value);
            }
            ServiceField::Languages => {
                service.languages = value
                    .split([';', ',', ' '])
                    .map(|l| l.trim().to_ascii_lowercase())
                    .filter(|l| !l.is_empty())
                    .collect();
            }
            ServiceField::Note => service.note = Some(value),
            ServiceField::Checked => service.last_checked = value,
        }
        service.local.push(correction.clone());
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    #[test]
    fn a_phone_says_what_it_is_and_a_missing_one_how_to_reach_the_service() {
        let catalog = Catalog::embedded();
        let line =
            |id: &str, lang: &str| catalog.service(id).unwrap().phone_line(lang, &catalog.i18n);
        assert_eq!(
            line("pzo", "de"),
            "027 604 35 50 (Psychiatrische Notfallambulanz des Spitalzentrums Oberwallis (Notfalllinie))"
        );
        assert!(line("pzo", "fr").contains("ligne d’urgence"));
        // In English the German note says it is German.
        assert!(
            line("pzo", "en").contains("(only German)"),
            "{}",
            line("pzo", "en")
        );
        // A number that is the service's own line stands alone.
        let plain = catalog
            .services
            .iter()
            .find(|s| s.phone.is_some() && s.phone_note_de.is_none())
            .unwrap();
        assert_eq!(line(&plain.id, "fr"), plain.phone.clone().unwrap());
        // No number in any public source: never invented; the web, else the SMZ.
        let without: Vec<&crate::catalog::Service> = catalog
            .services
            .iter()
            .filter(|s| s.phone.is_none())
            .collect();
        assert!(!without.is_empty());
        for s in without {
            let text = s.phone_line("en", &catalog.i18n);
            assert!(text.starts_with("not known; "), "{}: {text}", s.id);
            if let Some(web) = &s.web {
                assert!(text.contains(web.as_str()), "{}: {text}", s.id);
            }
        }
    }
}
