//! Importing an Open Referral HSDS 3.0 tabular package (CSV files) as services.
//!
//! `services.csv` is required; `organizations.csv`, `phones.csv`, `locations.csv`, `addresses.csv`,
//! `service_at_location.csv`, `languages.csv` and `schedules.csv` are used when present. Only the
//! columns the specification requires are required; phones, languages and schedules reach a
//! service directly, through a service at a location, or through its location. Every problem is
//! reported as file:line:column with the field; nothing is written unless all is well.

use crate::catalog::csv_table::CsvTable;
use crate::catalog::error::DataError;
use crate::catalog::services::{CATEGORIES, Service};
use crate::catalog::source::DataFile;
use crate::hsds::extension;
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
    /// The region ids of this desk (rows intake-desk wrote name their own).
    pub known_regions: HashSet<String>,
}

/// One row of a table: its fields by column, and where its `id` stands (for errors found later).
#[derive(Debug, Clone)]
struct Rec {
    fields: HashMap<String, String>,
    at: DataError,
    /// Where each column's field stands, for the errors found once all tables are read.
    columns: HashMap<String, DataError>,
}

impl Rec {
    /// A field's text as one line (newlines and tabs of a package would break one-line output),
    /// `None` when empty.
    fn get(&self, key: &str) -> Option<String> {
        let value = self.fields.get(key)?;
        let line = value.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(line).filter(|v| !v.is_empty())
    }

    fn error(&self, message: String, fix: &str) -> DataError {
        self.error_at("id", message, fix)
    }

    /// An error pointing at a column's field in this row.
    fn error_at(&self, column: &str, message: String, fix: &str) -> DataError {
        DataError {
            message,
            fix: fix.into(),
            ..self.columns.get(column).unwrap_or(&self.at).clone()
        }
    }
}

type Rows = Vec<Rec>;

/// A column pointing at another table: checked only when that table is in the package (a
/// foreign key to an absent table is no error: the spec makes every table but services optional).
type Ref<'r> = (&'r str, Option<&'r HashSet<String>>, &'r str);

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

/// Reads a table: the `required` columns present, ids unique, `refs` pointing at known ids.
fn table(file: &DataFile, required: &[&str], refs: &[Ref], errors: &mut Vec<DataError>) -> Rows {
    let parsed = match CsvTable::parse(file, required) {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
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
        let at = row.error("id", "", "");
        let id = row.get("id");
        if !id.is_empty() {
            match first_line.get(id) {
                Some(line) => errors.push(row.error(
                    "id",
                    format!("the id {id:?} appears twice (first on line {line})"),
                    "give each row its own id",
                )),
                None => {
                    first_line.insert(id.to_string(), at.line);
                }
            }
        }
        for (column, known, table_name) in refs {
            let value = row.get(column);
            if let Some(known) = known
                && !value.is_empty()
                && !known.contains(value)
            {
                errors.push(row.error(
                    column,
                    format!("{column} {value:?} is not the id of a row in {table_name}"),
                    format!("use an id from {table_name}, or leave the field empty"),
                ));
            }
        }
        let fields = row.fields();
        let columns = fields
            .keys()
            .map(|column| (column.clone(), row.error(column, "", "")))
            .collect();
        rows.push(Rec {
            fields,
            at,
            columns,
        });
    }
    rows
}

fn ids(rows: &Rows) -> HashSet<String> {
    rows.iter().filter_map(|r| r.get("id")).collect()
}

/// An optional table of the package: its rows, or `None` when the file is absent.
fn optional_table(
    dir: &Path,
    name: &str,
    required: &[&str],
    refs: &[Ref],
    errors: &mut Vec<DataError>,
) -> Option<Rows> {
    match read(dir, name) {
        Ok(Some(file)) => Some(table(&file, required, refs, errors)),
        Ok(None) => None,
        Err(e) => {
            errors.push(e);
            Some(Vec::new())
        }
    }
}

/// A language code of the package as ours: ISO 639-1 where the language has one (`spa` → `es`,
/// `deu` → `de`), else its ISO 639-3 code (`gsw`, `prs`); `None` for what is neither.
fn language_code(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_lowercase();
    match code.len() {
        2 => isolang::Language::from_639_1(&code).map(|_| code),
        3 => isolang::Language::from_639_3(&code)
            .map(|l| l.to_639_1().map_or(code.clone(), str::to_string)),
        _ => None,
    }
}

/// A phone number as typed in the package, without the quotes the spec's example keeps.
fn phone_number(number: &str) -> String {
    number
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .to_string()
}

/// The services of the data with the imported ones in, replacing those of the same id; and how
/// many were replaced.
pub fn merged(existing: &[Service], imported: &[Service]) -> (Vec<Service>, usize) {
    let new_ids: HashSet<&str> = imported.iter().map(|s| s.id.as_str()).collect();
    let replaced = existing
        .iter()
        .filter(|s| new_ids.contains(s.id.as_str()))
        .count();
    let merged = existing
        .iter()
        .filter(|s| !new_ids.contains(s.id.as_str()))
        .chain(imported)
        .cloned()
        .collect();
    (merged, replaced)
}

/// Reads and checks a package; returns our services, or every problem found.
pub fn import(dir: &Path, options: &ImportOptions) -> Result<Vec<Service>, Vec<DataError>> {
    let mut errors = Vec::new();
    if !CATEGORIES.contains(&options.category.as_str()) {
        errors.push(DataError {
            file: "--category".into(),
            line: 1,
            column: 1,
            message: format!("unknown category {:?}", options.category),
            fix: format!("use one of: {}", CATEGORIES.join(", ")),
        });
    }
    let services_file = match read(dir, "services.csv") {
        Ok(Some(file)) => file,
        // It is there but could not be read: that problem is named.
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
        Ok(None) => {
            errors.push(DataError {
                file: dir.join("services.csv").display().to_string(),
                line: 1,
                column: 1,
                message: "an HSDS package needs services.csv".into(),
                fix: "give the folder that holds the package's CSV files".into(),
            });
            return Err(errors);
        }
    };
    let organizations = optional_table(dir, "organizations.csv", &["id", "name"], &[], &mut errors);
    let organization_ids = organizations.as_ref().map(ids);
    let services = table(
        &services_file,
        &["id", "name"],
        &[(
            "organization_id",
            organization_ids.as_ref(),
            "organizations.csv",
        )],
        &mut errors,
    );
    let service_ids = ids(&services);
    let locations = optional_table(dir, "locations.csv", &["id"], &[], &mut errors);
    let location_ids = locations.as_ref().map(ids);
    let addresses = optional_table(
        dir,
        "addresses.csv",
        &["location_id", "address_1"],
        &[("location_id", location_ids.as_ref(), "locations.csv")],
        &mut errors,
    )
    .unwrap_or_default();
    let at_location = optional_table(
        dir,
        "service_at_location.csv",
        &["service_id", "location_id"],
        &[
            ("service_id", Some(&service_ids), "services.csv"),
            ("location_id", location_ids.as_ref(), "locations.csv"),
        ],
        &mut errors,
    );
    let at_location_ids = at_location.as_ref().map(ids);
    let at_location = at_location.unwrap_or_default();
    // Phones, languages and schedules may belong to a service, a location or a service at a
    // location (or an organisation, for phones): each link is checked where its table is there.
    let links = [
        ("service_id", Some(&service_ids), "services.csv"),
        ("location_id", location_ids.as_ref(), "locations.csv"),
        (
            "service_at_location_id",
            at_location_ids.as_ref(),
            "service_at_location.csv",
        ),
    ];
    let mut phone_links = links.to_vec();
    phone_links.push((
        "organization_id",
        organization_ids.as_ref(),
        "organizations.csv",
    ));
    let phones = optional_table(dir, "phones.csv", &["number"], &phone_links, &mut errors)
        .unwrap_or_default();
    let languages =
        optional_table(dir, "languages.csv", &[], &links, &mut errors).unwrap_or_default();
    let schedules =
        optional_table(dir, "schedules.csv", &[], &links, &mut errors).unwrap_or_default();
    // A row intake-desk wrote carries our fields: they are checked where they stand.
    for service in &services {
        errors.extend(check_ours(service, options));
    }
    // Two ids that become one of ours (`ABC_1` and `abc-1`) are named where they stand.
    let mut ours: HashMap<String, &Rec> = HashMap::new();
    for service in &services {
        let Some(target) = target_id(service) else {
            continue;
        };
        match ours.get(&target) {
            Some(first) => errors.push(service.error(
                format!(
                    "the id {:?} becomes {target} as {:?} on line {} does",
                    service.get("id").unwrap_or_default(),
                    first.get("id").unwrap_or_default(),
                    first.at.line
                ),
                "give the services ids that differ in more than case and punctuation",
            )),
            None => {
                ours.insert(target, service);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let organizations = organizations.unwrap_or_default();
    let by = |rows: &Rows, key: &str| -> BTreeMap<String, Vec<Rec>> {
        let mut map: BTreeMap<String, Vec<Rec>> = BTreeMap::new();
        for row in rows {
            if let Some(k) = row.get(key) {
                map.entry(k).or_default().push(row.clone());
            }
        }
        map
    };
    let org_by_id = by(&organizations, "id");
    let addresses_by_location = by(&addresses, "location_id");
    let sal_by_service = by(&at_location, "service_id");
    // What belongs to a service: its own rows, then those of its places.
    let of_service = |rows: &Rows, id: &str| -> Vec<Rec> {
        let sal = sal_by_service.get(id).cloned().unwrap_or_default();
        let sal_ids: HashSet<String> = sal.iter().filter_map(|r| r.get("id")).collect();
        let location_ids: HashSet<String> =
            sal.iter().filter_map(|r| r.get("location_id")).collect();
        let mut own: Vec<Rec> = Vec::new();
        let mut placed: Vec<Rec> = Vec::new();
        for row in rows {
            if row.get("service_id").as_deref() == Some(id) {
                own.push(row.clone());
            } else if row
                .get("service_at_location_id")
                .is_some_and(|s| sal_ids.contains(&s))
                || (row.get("service_id").is_none()
                    && row
                        .get("location_id")
                        .is_some_and(|l| location_ids.contains(&l)))
            {
                placed.push(row.clone());
            }
        }
        own.extend(placed);
        own
    };
    let joined = |values: Vec<String>| Some(values.join("; ")).filter(|s| !s.is_empty());
    let imported = services
        .iter()
        .filter(|s| s.get("status").is_none_or(|status| status == "active"))
        .filter_map(|s| {
            let id = s.get("id")?;
            let org = s
                .get("organization_id")
                .and_then(|o| org_by_id.get(&o))
                .and_then(|v| v.first());
            let mut phone: Vec<String> = of_service(&phones, &id)
                .iter()
                .filter_map(|p| p.get("number"))
                .map(|n| phone_number(&n))
                .filter(|n| !n.is_empty())
                .collect();
            if phone.is_empty()
                && let Some(org) = s.get("organization_id")
            {
                phone = phones
                    .iter()
                    .filter(|p| p.get("organization_id").as_deref() == Some(&org))
                    .filter(|p| p.get("service_id").is_none())
                    .filter_map(|p| p.get("number"))
                    .map(|n| phone_number(&n))
                    .collect();
            }
            phone.dedup();
            let address = sal_by_service
                .get(&id)
                .into_iter()
                .flatten()
                .filter_map(|l| l.get("location_id"))
                .flat_map(|l| addresses_by_location.get(&l).cloned().unwrap_or_default())
                .map(|a| {
                    let place = [a.get("postal_code"), a.get("city")]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ");
                    [a.get("address_1"), Some(place).filter(|p| !p.is_empty())]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            let mut langs: Vec<String> = of_service(&languages, &id)
                .iter()
                .filter_map(|l| l.get("code"))
                .filter_map(|c| language_code(&c))
                .collect();
            let mut seen = HashSet::new();
            langs.retain(|l| seen.insert(l.clone()));
            if s.get(extension::ID).is_some() {
                let mut service = Service {
                    phone: joined(phone),
                    email: s.get("email"),
                    web: s.get("url"),
                    languages: langs,
                    ..Service::default()
                };
                // Every text of ours from its own column, exactly as it was written.
                for column in extension::COLUMNS {
                    (column.set)(&mut service, s.get(column.name).unwrap_or_default());
                }
                return Some(service);
            }
            if langs.is_empty() {
                langs.push(options.lang.clone());
            }
            let name = s.get("name")?;
            let description = s.get("description");
            let (description_de, description_fr) = if options.lang == "fr" {
                (None, description)
            } else {
                (description, None)
            };
            let hours = joined(
                of_service(&schedules, &id)
                    .iter()
                    .filter_map(|r| r.get("description"))
                    .collect(),
            );
            // The package's texts are in one language: its hours go where that language's do.
            let (hours_de, hours_fr) = if options.lang == "fr" {
                (None, hours)
            } else {
                (hours, None)
            };
            Some(Service {
                id: target_id(s)?,
                name_de: name.clone(),
                name_fr: name,
                categories: vec![options.category.clone()],
                description_de,
                description_fr,
                phone: joined(phone),
                email: s.get("email").or_else(|| org.and_then(|o| o.get("email"))),
                web: s.get("url").or_else(|| org.and_then(|o| o.get("website"))),
                address: joined(address),
                address_fr: None,
                hours: hours_de,
                hours_fr,
                local: Vec::new(),
                phone_note_de: None,
                phone_note_fr: None,
                languages: langs,
                regions: options.regions.clone(),
                keywords_de: String::new(),
                keywords_fr: String::new(),
                bring_de: None,
                bring_fr: None,
                source: format!("HSDS import of {}", dir.display()),
                last_checked: options.today.to_string(),
                note: Some("imported from an HSDS package".into()),
            })
        })
        .collect();
    Ok(imported)
}

/// The id a service row becomes: the one intake-desk wrote, else `hsds-` and the package's id.
fn target_id(service: &Rec) -> Option<String> {
    service
        .get(extension::ID)
        .or_else(|| service.get("id").map(|id| format!("hsds-{}", slug(&id))))
}

/// What is wrong with the intake-desk fields of a row (none for a row another system wrote).
fn check_ours(service: &Rec, options: &ImportOptions) -> Vec<DataError> {
    let mut errors = Vec::new();
    let Some(id) = service.get(extension::ID) else {
        return errors;
    };
    if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.push(service.error_at(
            extension::ID,
            format!("{id:?} is not a service id"),
            "use lowercase letters, digits and dashes",
        ));
    }
    let list = |column: &str| -> Vec<String> {
        service
            .get(column)
            .unwrap_or_default()
            .split(';')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    };
    let categories = list("intake_desk_categories");
    if categories.is_empty() {
        errors.push(service.error_at(
            "intake_desk_categories",
            "the service has no category".into(),
            &format!("use one or more of: {}", CATEGORIES.join(", ")),
        ));
    }
    for category in categories
        .iter()
        .filter(|c| !CATEGORIES.contains(&c.as_str()))
    {
        errors.push(service.error_at(
            "intake_desk_categories",
            format!("unknown category {category:?}"),
            &format!("use one of: {}", CATEGORIES.join(", ")),
        ));
    }
    let regions = list("intake_desk_regions");
    if regions.is_empty() {
        errors.push(service.error_at(
            "intake_desk_regions",
            "the service serves no region".into(),
            "list the SMZ/CMS region ids it serves, separated by ;",
        ));
    }
    for region in regions
        .iter()
        .filter(|r| !options.known_regions.contains(*r))
    {
        let mut known: Vec<&str> = options.known_regions.iter().map(String::as_str).collect();
        known.sort();
        errors.push(service.error_at(
            "intake_desk_regions",
            format!("unknown region {region:?}"),
            &format!("use ids of this desk's regions: {}", known.join(", ")),
        ));
    }
    for column in [
        "intake_desk_name_de",
        "intake_desk_name_fr",
        "intake_desk_source",
    ] {
        if service.get(column).is_none() {
            errors.push(service.error_at(
                column,
                format!("the field {column} is empty"),
                "an intake-desk row names its service in both languages and its source",
            ));
        }
    }
    let checked = service.get("intake_desk_last_checked").unwrap_or_default();
    let well_formed = checked.len() >= 7
        && checked.is_char_boundary(7)
        && chrono::NaiveDate::parse_from_str(&format!("{}-01", &checked[..7]), "%Y-%m-%d").is_ok();
    if !well_formed {
        errors.push(service.error_at(
            "intake_desk_last_checked",
            format!("{checked:?} is not a month or a date"),
            "write YYYY-MM or YYYY-MM-DD",
        ));
    }
    errors
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
