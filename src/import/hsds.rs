//! Importing an Open Referral HSDS 3.0 tabular package (CSV files) as services.
//!
//! `services.csv` is required; `organizations.csv`, `phones.csv`, `locations.csv`, `addresses.csv`,
//! `service_at_location.csv`, `languages.csv` and `schedules.csv` are used when present. Every
//! problem is reported as file:line:column with the field; nothing is written unless all is well.

use crate::catalog::csv_table::CsvTable;
use crate::catalog::error::DataError;
use crate::catalog::services::{CATEGORIES, Service};
use crate::catalog::source::DataFile;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// How the package's services become ours.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The language the package is written in (`de` or `fr`).
    pub lang: String,
    /// Our category for every imported service.
    pub category: String,
    /// SMZ/CMS regions the services serve.
    pub regions: Vec<String>,
    /// The day of the import, recorded as `last_checked`.
    pub today: chrono::NaiveDate,
}

/// One optional table: its rows by a key column.
type Rows = Vec<HashMap<String, String>>;

fn read(dir: &Path, name: &str) -> Result<Option<DataFile>, DataError> {
    let path = dir.join(name);
    if !path.is_file() {
        return Ok(None);
    }
    Ok(
        crate::catalog::text_file::read(&path)?.map(|text| DataFile {
            display_name: path.display().to_string(),
            text,
        }),
    )
}

/// Reads a table, checking `required` columns and that `refs` columns point at known ids.
fn table(
    file: &DataFile,
    required: &[&str],
    refs: &[(&str, &HashSet<String>, &str)],
    errors: &mut Vec<DataError>,
) -> Rows {
    let parsed = match CsvTable::parse(file, required) {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    for row in parsed.rows() {
        for column in required {
            if row.get(column).is_empty()
                && (*column == "id" || *column == "name" || *column == "number")
            {
                errors.push(row.error(
                    column,
                    format!("the field {column} is empty"),
                    format!("every row needs a {column}"),
                ));
            }
        }
        for (column, known, table_name) in refs {
            let value = row.get(column);
            if !value.is_empty() && !known.contains(value) {
                errors.push(row.error(
                    column,
                    format!("{column} {value:?} is not the id of a row in {table_name}"),
                    format!("use an id from {table_name}, or leave the field empty"),
                ));
            }
        }
        rows.push(row.fields());
    }
    rows
}

fn ids(rows: &Rows) -> HashSet<String> {
    rows.iter().filter_map(|r| r.get("id").cloned()).collect()
}

/// An optional table of the package: its rows, or none when the file is absent.
fn optional_table(
    dir: &Path,
    name: &str,
    required: &[&str],
    refs: &[(&str, &HashSet<String>, &str)],
    errors: &mut Vec<DataError>,
) -> Rows {
    match read(dir, name) {
        Ok(Some(file)) => table(&file, required, refs, errors),
        Ok(None) => Vec::new(),
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    }
}

/// Reads and checks a package; returns our services, or every problem found.
pub fn import(dir: &Path, options: &ImportOptions) -> Result<Vec<Service>, Vec<DataError>> {
    let mut errors = Vec::new();
    let file = |name: &str, errors: &mut Vec<DataError>| {
        read(dir, name).unwrap_or_else(|e| {
            errors.push(e);
            None
        })
    };
    if !CATEGORIES.contains(&options.category.as_str()) {
        errors.push(DataError {
            file: "--category".into(),
            line: 1,
            column: 1,
            message: format!("unknown category {:?}", options.category),
            fix: format!("use one of: {}", CATEGORIES.join(", ")),
        });
    }
    let read_errors = errors.len();
    let Some(services_file) = file("services.csv", &mut errors) else {
        if errors.len() > read_errors {
            // It is there but could not be read: that problem is already named.
            return Err(errors);
        }
        errors.push(DataError {
            file: dir.join("services.csv").display().to_string(),
            line: 1,
            column: 1,
            message: "an HSDS package needs services.csv".into(),
            fix: "give the folder that holds the package's CSV files".into(),
        });
        return Err(errors);
    };
    let organizations = optional_table(dir, "organizations.csv", &["id", "name"], &[], &mut errors);
    let organization_ids = ids(&organizations);
    let services = table(
        &services_file,
        &["id", "name"],
        &[("organization_id", &organization_ids, "organizations.csv")],
        &mut errors,
    );
    let service_ids = ids(&services);
    let duplicates: Vec<&String> = {
        let mut seen = HashSet::new();
        services
            .iter()
            .filter_map(|s| s.get("id"))
            .filter(|id| !seen.insert(*id))
            .collect()
    };
    for id in duplicates {
        errors.push(DataError {
            file: services_file.display_name.clone(),
            line: 1,
            column: 1,
            message: format!("service id {id:?} appears twice"),
            fix: "give each service its own id".into(),
        });
    }
    let locations = optional_table(dir, "locations.csv", &["id"], &[], &mut errors);
    let location_ids = ids(&locations);
    let addresses = optional_table(
        dir,
        "addresses.csv",
        &["location_id", "address_1"],
        &[("location_id", &location_ids, "locations.csv")],
        &mut errors,
    );
    let at_location = optional_table(
        dir,
        "service_at_location.csv",
        &["service_id", "location_id"],
        &[
            ("service_id", &service_ids, "services.csv"),
            ("location_id", &location_ids, "locations.csv"),
        ],
        &mut errors,
    );
    let phones = optional_table(
        dir,
        "phones.csv",
        &["number"],
        &[
            ("service_id", &service_ids, "services.csv"),
            ("organization_id", &organization_ids, "organizations.csv"),
        ],
        &mut errors,
    );
    let languages = optional_table(
        dir,
        "languages.csv",
        &["service_id"],
        &[("service_id", &service_ids, "services.csv")],
        &mut errors,
    );
    let schedules = optional_table(
        dir,
        "schedules.csv",
        &["service_id"],
        &[("service_id", &service_ids, "services.csv")],
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let by = |rows: &Rows, key: &str| -> BTreeMap<String, Vec<HashMap<String, String>>> {
        let mut map: BTreeMap<String, Vec<HashMap<String, String>>> = BTreeMap::new();
        for row in rows {
            if let Some(k) = row.get(key).filter(|k| !k.is_empty()) {
                map.entry(k.clone()).or_default().push(row.clone());
            }
        }
        map
    };
    let org_by_id = by(&organizations, "id");
    let phones_by_service = by(&phones, "service_id");
    let phones_by_org = by(&phones, "organization_id");
    let addresses_by_location = by(&addresses, "location_id");
    let locations_by_service = by(&at_location, "service_id");
    let languages_by_service = by(&languages, "service_id");
    let schedules_by_service = by(&schedules, "service_id");
    let get =
        |row: &HashMap<String, String>, key: &str| row.get(key).filter(|v| !v.is_empty()).cloned();
    let joined = |values: Vec<String>| Some(values.join("; ")).filter(|s| !s.is_empty());
    let imported = services
        .iter()
        .filter(|s| get(s, "status").is_none_or(|status| status == "active"))
        .map(|s| {
            let id = s["id"].clone();
            let org = get(s, "organization_id")
                .and_then(|o| org_by_id.get(&o))
                .and_then(|v| v.first());
            let numbers = |rows: Option<&Vec<HashMap<String, String>>>| {
                rows.into_iter()
                    .flatten()
                    .filter_map(|p| get(p, "number"))
                    .collect::<Vec<_>>()
            };
            let mut phone = numbers(phones_by_service.get(&id));
            if phone.is_empty() {
                phone = numbers(
                    get(s, "organization_id")
                        .and_then(|o| phones_by_org.get(&o).cloned())
                        .as_ref(),
                );
            }
            let address = locations_by_service
                .get(&id)
                .into_iter()
                .flatten()
                .filter_map(|l| get(l, "location_id"))
                .flat_map(|l| addresses_by_location.get(&l).cloned().unwrap_or_default())
                .map(|a| {
                    let place = [get(&a, "postal_code"), get(&a, "city")]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ");
                    [get(&a, "address_1"), Some(place).filter(|p| !p.is_empty())]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            let mut langs: Vec<String> = languages_by_service
                .get(&id)
                .into_iter()
                .flatten()
                .filter_map(|l| get(l, "code"))
                .map(|c| c.chars().take(2).collect::<String>().to_lowercase())
                .filter(|c| c.len() == 2 && c.chars().all(|x| x.is_ascii_lowercase()))
                .collect();
            if langs.is_empty() {
                langs.push(options.lang.clone());
            }
            langs.dedup();
            let name = s["name"].clone();
            let description = get(s, "description");
            let (description_de, description_fr) = if options.lang == "fr" {
                (None, description)
            } else {
                (description, None)
            };
            let hours = joined(
                schedules_by_service
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .filter_map(|r| get(r, "description"))
                    .collect(),
            );
            // The package's texts are in one language: its hours go where that language's do.
            let (hours_de, hours_fr) = if options.lang == "fr" {
                (None, hours)
            } else {
                (hours, None)
            };
            Service {
                id: format!("hsds-{}", slug(&id)),
                name_de: name.clone(),
                name_fr: name,
                categories: vec![options.category.clone()],
                description_de,
                description_fr,
                phone: joined(phone),
                email: get(s, "email").or_else(|| org.and_then(|o| get(o, "email"))),
                web: get(s, "url").or_else(|| org.and_then(|o| get(o, "website"))),
                address: joined(address),
                address_fr: None,
                hours: hours_de,
                hours_fr,
                languages: langs,
                regions: options.regions.clone(),
                keywords_de: String::new(),
                keywords_fr: String::new(),
                bring_de: None,
                bring_fr: None,
                source: format!("HSDS import of {}", dir.display()),
                last_checked: options.today.to_string(),
                note: Some("imported from an HSDS package".into()),
            }
        })
        .collect();
    Ok(imported)
}

/// Lowercase letters, digits and dashes, as our ids are.
fn slug(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}
