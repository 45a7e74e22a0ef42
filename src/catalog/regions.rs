//! The SMZ/CMS regions (`data/regions.csv`): the social-medical centres communes delegate to.

use super::csv_table::CsvTable;
use super::error::DataError;
use super::provenance::Provenance;
use super::source::DataFile;
use std::collections::HashSet;

pub const FILE: &str = "regions.csv";
const COLUMNS: &[&str] = &[
    "id",
    "name_de",
    "name_fr",
    "address",
    "phone",
    "hours",
    "web",
    "area",
    "confidence",
    "source",
    "note",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub id: String,
    pub name_de: String,
    pub name_fr: String,
    /// Missing contact data stays missing: `None` is shown as "not known", never guessed.
    pub address: Option<String>,
    pub phone: Option<String>,
    pub hours: Option<String>,
    pub web: Option<String>,
    /// The area served, as the source describes it.
    pub area: String,
    pub provenance: Provenance,
    pub note: Option<String>,
}

impl Region {
    pub fn name(&self, lang: &str) -> &str {
        if lang == "fr" {
            &self.name_fr
        } else {
            &self.name_de
        }
    }
}

pub fn parse(file: &DataFile) -> Result<Vec<Region>, Vec<DataError>> {
    let table = CsvTable::parse_rows(file, COLUMNS).map_err(|e| vec![e])?;
    let mut regions = Vec::new();
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for row in table.rows() {
        let id = row.get("id");
        let well_formed = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            errors.push(row.error(
                "id",
                format!("{id:?} is not a region id"),
                "use lowercase letters, digits and dashes (e.g. cms-sierre)",
            ));
        } else if !ids.insert(id.to_string()) {
            errors.push(row.error(
                "id",
                format!("region id {id:?} appears twice"),
                "keep one row per region",
            ));
        }
        for column in ["name_de", "name_fr"] {
            if row.get(column).is_empty() {
                errors.push(row.error(column, "the region has no name", "write its official name"));
            }
        }
        let provenance = match Provenance::from_row(&row) {
            Ok(p) => p,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        regions.push(Region {
            id: id.to_string(),
            name_de: row.get("name_de").to_string(),
            name_fr: row.get("name_fr").to_string(),
            address: row.optional("address"),
            phone: row.optional("phone"),
            hours: row.optional("hours"),
            web: row.optional("web"),
            area: row.get("area").to_string(),
            provenance,
            note: row.optional("note"),
        });
    }
    if errors.is_empty() {
        Ok(regions)
    } else {
        Err(errors)
    }
}
