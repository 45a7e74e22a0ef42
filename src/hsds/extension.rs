//! The columns intake-desk adds to an HSDS `services.csv` (the standard allows additional
//! properties when they are documented: each is described in the package's `datapackage.json`).
//! They carry what the standard's tables cannot hold exactly: our id, both languages of every
//! text, our categories and regions, and the provenance of each entry. Phones, languages and e-mail
//! travel in the standard's own columns only.

use crate::catalog::Service;

/// The column that marks a row as written by intake-desk, holding the service's id.
pub const ID: &str = "intake_desk_id";

/// One added column: how it is read from and laid into a service.
pub struct Column {
    pub name: &'static str,
    pub description: &'static str,
    pub get: fn(&Service) -> String,
    pub set: fn(&mut Service, String),
}

fn optional(value: String) -> Option<String> {
    Some(value).filter(|v| !v.is_empty())
}

fn list(value: &str) -> Vec<String> {
    value
        .split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

macro_rules! text_column {
    ($name:literal, $field:ident, $description:literal) => {
        Column {
            name: $name,
            description: $description,
            get: |s| s.$field.clone(),
            set: |s, v| s.$field = v,
        }
    };
}

macro_rules! optional_column {
    ($name:literal, $field:ident, $description:literal) => {
        Column {
            name: $name,
            description: $description,
            get: |s| s.$field.clone().unwrap_or_default(),
            set: |s, v| s.$field = optional(v),
        }
    };
}

/// Every added column, in the order they are written.
pub const COLUMNS: &[Column] = &[
    text_column!(
        "intake_desk_id",
        id,
        "intake-desk: the service's id (lowercase letters, digits and dashes); an import keeps it"
    ),
    text_column!(
        "intake_desk_name_de",
        name_de,
        "intake-desk: the name in German"
    ),
    text_column!(
        "intake_desk_name_fr",
        name_fr,
        "intake-desk: the name in French"
    ),
    Column {
        name: "intake_desk_categories",
        description: "intake-desk: the service's categories, separated by ; (smz, asylum, aid, debt, …)",
        get: |s| s.categories.join(";"),
        set: |s, v| s.categories = list(&v),
    },
    Column {
        name: "intake_desk_regions",
        description: "intake-desk: the ids of the SMZ/CMS regions served, separated by ;",
        get: |s| s.regions.join(";"),
        set: |s, v| s.regions = list(&v),
    },
    optional_column!(
        "intake_desk_description_de",
        description_de,
        "intake-desk: the description in German"
    ),
    optional_column!(
        "intake_desk_description_fr",
        description_fr,
        "intake-desk: the description in French"
    ),
    optional_column!(
        "intake_desk_address",
        address,
        "intake-desk: the address as its (German) source writes it; addresses.csv holds it in parts where it can be split"
    ),
    optional_column!(
        "intake_desk_address_fr",
        address_fr,
        "intake-desk: the address in French, where its words differ"
    ),
    optional_column!(
        "intake_desk_hours",
        hours,
        "intake-desk: the opening hours as the (German) source gives them"
    ),
    optional_column!(
        "intake_desk_hours_fr",
        hours_fr,
        "intake-desk: the opening hours in French"
    ),
    optional_column!(
        "intake_desk_phone_note_de",
        phone_note_de,
        "intake-desk: what the phone number is, where it is not the service's own line (German)"
    ),
    optional_column!(
        "intake_desk_phone_note_fr",
        phone_note_fr,
        "intake-desk: what the phone number is, where it is not the service's own line (French)"
    ),
    text_column!(
        "intake_desk_keywords_de",
        keywords_de,
        "intake-desk: German search words that find the service"
    ),
    text_column!(
        "intake_desk_keywords_fr",
        keywords_fr,
        "intake-desk: French search words that find the service"
    ),
    optional_column!(
        "intake_desk_bring_de",
        bring_de,
        "intake-desk: what to bring to the first appointment (German)"
    ),
    optional_column!(
        "intake_desk_bring_fr",
        bring_fr,
        "intake-desk: what to bring to the first appointment (French)"
    ),
    optional_column!(
        "intake_desk_web",
        web,
        "intake-desk: the web address as the directory writes it (url holds it with its scheme)"
    ),
    text_column!(
        "intake_desk_source",
        source,
        "intake-desk: the public source of the entry's facts"
    ),
    text_column!(
        "intake_desk_last_checked",
        last_checked,
        "intake-desk: when the entry was last compared with its source (YYYY-MM or YYYY-MM-DD)"
    ),
    optional_column!(
        "intake_desk_note",
        note,
        "intake-desk: what is stale, missing or unsure about the entry"
    ),
];

/// The added columns' values for a service, in the order of [`COLUMNS`].
pub fn values(service: &Service) -> Vec<(&'static str, String)> {
    COLUMNS.iter().map(|c| (c.name, (c.get)(service))).collect()
}
