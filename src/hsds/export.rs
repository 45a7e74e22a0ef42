//! The effective directory (shipped + imported + the desk's corrections) as an HSDS 3.0 tabular
//! package: one organisation per service (our entries name no provider apart from the service),
//! a location and address for each address that can be split into street, postal code and place,
//! and the phones, languages, hours, areas served and documents to bring of each service.
//! Ids are UUIDs derived from ours, so the same directory exported twice has the same ids.

use super::extension;
use super::package::{self, Field, Table};
use crate::catalog::Service;
use crate::catalog::regions::Region;
use crate::store::{ServiceCorrection, ServiceField};
use std::collections::HashMap;

/// The namespace of the UUIDs derived from intake-desk ids (a fixed, random UUID).
const NAMESPACE: uuid::Uuid = uuid::uuid!("5b0d6c0e-8f7e-4a53-9d2c-6a3e1f0b7c41");

/// A UUID for one thing of one service (`"service"`, `"phone:1"`, …): the same every export.
fn uuid_of(service: &Service, what: &str) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, format!("{what}:{}", service.id).as_bytes()).to_string()
}

/// The description of every package written here; a folder whose `datapackage.json` says it
/// holds an earlier export of ours.
pub const DESCRIPTION: &str = "The service directory of an intake-desk reception desk (SMZ/CMS \
     Valais), as HSDS 3.0 tables. The columns named intake_desk_* are additions described below.";

/// What to write and in which language the standard's one-language fields are.
pub struct Directory<'a> {
    /// The services as the desk sees them (corrections laid over).
    pub services: &'a [Service],
    /// The same services without the corrections (the values before them, for `metadata.csv`).
    pub shipped: &'a [Service],
    pub regions: &'a [Region],
    /// `de` or `fr`: the language of `name`, `description` and the other one-language fields.
    pub lang: &'a str,
}

/// The package's files, `datapackage.json` last: (file name, contents).
pub fn package(directory: &Directory) -> Vec<(&'static str, String)> {
    let mut tables = Tables::new();
    let shipped: HashMap<&str, &Service> = directory
        .shipped
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    for service in directory.services {
        tables.add(
            directory,
            service,
            shipped.get(service.id.as_str()).copied(),
        );
    }
    let all = tables.into_vec();
    let mut files: Vec<(&'static str, String)> = all.iter().map(|t| (t.path, t.to_csv())).collect();
    files.push(("datapackage.json", package::descriptor(&all, DESCRIPTION)));
    files
}

struct Tables {
    organizations: Table,
    services: Table,
    locations: Table,
    addresses: Table,
    service_at_location: Table,
    phones: Table,
    schedules: Table,
    languages: Table,
    service_areas: Table,
    required_documents: Table,
    metadata: Table,
}

impl Tables {
    fn new() -> Tables {
        let mut service_fields = vec![
            Field::id("id").required(),
            Field::id("organization_id").required(),
            Field::text("name").required(),
            Field::text("alternate_name"),
            Field::text("description"),
            Field::formatted("url", "uri"),
            Field::formatted("email", "email"),
            Field::text("status").required(),
            Field::date("assured_date"),
        ];
        service_fields.extend(
            extension::COLUMNS
                .iter()
                .map(|c| Field::text(c.name).described(c.description)),
        );
        Tables {
            organizations: Table::new(
                "organization",
                "organizations.csv",
                vec![
                    Field::id("id").required(),
                    Field::text("name").required(),
                    Field::text("description").required(),
                    Field::formatted("email", "email"),
                    Field::formatted("website", "uri"),
                ],
            ),
            services: Table::new("service", "services.csv", service_fields),
            locations: Table::new(
                "location",
                "locations.csv",
                vec![
                    Field::id("id").required(),
                    Field::text("location_type").required(),
                    Field::id("organization_id"),
                    Field::text("name"),
                ],
            ),
            addresses: Table::new(
                "address",
                "addresses.csv",
                vec![
                    Field::id("id").required(),
                    Field::id("location_id"),
                    Field::text("address_1").required(),
                    Field::text("address_2"),
                    Field::text("city").required(),
                    Field::text("state_province").required(),
                    Field::text("postal_code").required(),
                    Field::text("country").required(),
                    Field::text("address_type").required(),
                ],
            ),
            service_at_location: Table::new(
                "service_at_location",
                "service_at_location.csv",
                vec![
                    Field::id("id").required(),
                    Field::id("service_id").required(),
                    Field::id("location_id").required(),
                ],
            ),
            phones: Table::new(
                "phone",
                "phones.csv",
                vec![
                    Field::id("id").required(),
                    Field::id("service_id"),
                    Field::text("number").required(),
                    Field::text("type"),
                    Field::text("description"),
                ],
            ),
            schedules: Table::new(
                "schedule",
                "schedules.csv",
                vec![
                    Field::id("id").required(),
                    Field::id("service_id"),
                    Field::text("description"),
                ],
            ),
            languages: Table::new(
                "language",
                "languages.csv",
                vec![
                    Field::id("id").required(),
                    Field::id("service_id"),
                    Field::text("name"),
                    Field::text("code"),
                ],
            ),
            service_areas: Table::new(
                "service_area",
                "service_areas.csv",
                vec![
                    Field::id("id").required(),
                    Field::id("service_id"),
                    Field::text("name"),
                    Field::text("description"),
                ],
            ),
            required_documents: Table::new(
                "required_document",
                "required_documents.csv",
                vec![
                    Field::id("id").required(),
                    Field::id("service_id"),
                    Field::text("document"),
                ],
            ),
            metadata: Table::new(
                "metadata",
                "metadata.csv",
                vec![
                    Field::id("id").required(),
                    Field::id("resource_id").required(),
                    Field::text("resource_type").required(),
                    Field::date("last_action_date").required(),
                    Field::text("last_action_type").required(),
                    Field::text("field_name").required(),
                    Field::text("previous_value").required(),
                    Field::text("replacement_value").required(),
                    Field::text("updated_by").required(),
                ],
            ),
        }
    }

    fn into_vec(self) -> Vec<Table> {
        vec![
            self.organizations,
            self.services,
            self.locations,
            self.addresses,
            self.service_at_location,
            self.phones,
            self.schedules,
            self.languages,
            self.service_areas,
            self.required_documents,
            self.metadata,
        ]
    }

    fn add(&mut self, directory: &Directory, service: &Service, shipped: Option<&Service>) {
        let lang = directory.lang;
        let id = uuid_of(service, "service");
        let organization = uuid_of(service, "organization");
        let name = service.name(lang).to_string();
        let other_name = if lang == "fr" {
            &service.name_de
        } else {
            &service.name_fr
        };
        let description = service
            .description_in(lang)
            .map(|(text, _)| text.to_string());
        self.organizations.push(&[
            ("id", organization.clone()),
            ("name", name.clone()),
            ("description", description.clone().unwrap_or(name.clone())),
            ("email", service.email.clone().unwrap_or_default()),
            ("website", uri(&service.web)),
        ]);
        let mut row = vec![
            ("id", id.clone()),
            ("organization_id", organization.clone()),
            ("name", name.clone()),
            (
                "alternate_name",
                Some(other_name.clone())
                    .filter(|n| *n != name)
                    .unwrap_or_default(),
            ),
            ("description", description.unwrap_or_default()),
            ("url", uri(&service.web)),
            ("email", service.email.clone().unwrap_or_default()),
            ("status", "active".into()),
            ("assured_date", assured_date(&service.last_checked)),
        ];
        row.extend(extension::values(service));
        self.services.push(&row);
        let address = if lang == "fr" {
            service.address_fr.as_ref().or(service.address.as_ref())
        } else {
            service.address.as_ref()
        };
        let parts = address.map(|a| split_list(a)).unwrap_or_default();
        for (i, part) in parts.iter().enumerate() {
            let Some(parsed) = PostalAddress::parse(part) else {
                continue;
            };
            let location = uuid_of(service, &format!("location:{i}"));
            self.locations.push(&[
                ("id", location.clone()),
                ("location_type", "physical".into()),
                ("organization_id", organization.clone()),
                ("name", name.clone()),
            ]);
            self.addresses.push(&[
                ("id", uuid_of(service, &format!("address:{i}"))),
                ("location_id", location.clone()),
                ("address_1", parsed.street),
                ("address_2", parsed.more),
                ("city", parsed.city),
                // Every entry of a Valais desk's directory is in the canton.
                ("state_province", "VS".into()),
                ("postal_code", parsed.postal_code),
                ("country", "CH".into()),
                ("address_type", "physical".into()),
            ]);
            self.service_at_location.push(&[
                ("id", uuid_of(service, &format!("service_at_location:{i}"))),
                ("service_id", id.clone()),
                ("location_id", location),
            ]);
        }
        let phone_note = service
            .phone_note_in(lang)
            .map(|(text, _)| text.to_string());
        for (i, number) in service
            .phone
            .as_deref()
            .map(split_list)
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            self.phones.push(&[
                ("id", uuid_of(service, &format!("phone:{i}"))),
                ("service_id", id.clone()),
                ("number", number),
                ("type", "voice".into()),
                ("description", phone_note.clone().unwrap_or_default()),
            ]);
        }
        let hours = if lang == "fr" {
            service.hours_fr.as_ref().or(service.hours.as_ref())
        } else {
            service.hours.as_ref().or(service.hours_fr.as_ref())
        };
        if let Some(hours) = hours {
            self.schedules.push(&[
                ("id", uuid_of(service, "schedule")),
                ("service_id", id.clone()),
                ("description", hours.clone()),
            ]);
        }
        for (i, code) in service.languages.iter().enumerate() {
            let language = match code.len() {
                2 => isolang::Language::from_639_1(code),
                _ => isolang::Language::from_639_3(code),
            };
            self.languages.push(&[
                ("id", uuid_of(service, &format!("language:{i}"))),
                ("service_id", id.clone()),
                (
                    "name",
                    language
                        .map(|l| l.to_name().to_string())
                        .unwrap_or_default(),
                ),
                ("code", code.clone()),
            ]);
        }
        for region_id in &service.regions {
            let region = directory.regions.iter().find(|r| &r.id == region_id);
            self.service_areas.push(&[
                ("id", uuid_of(service, &format!("service_area:{region_id}"))),
                ("service_id", id.clone()),
                (
                    "name",
                    region
                        .map(|r| {
                            if lang == "fr" {
                                r.name_fr.clone()
                            } else {
                                r.name_de.clone()
                            }
                        })
                        .unwrap_or_else(|| region_id.clone()),
                ),
                (
                    "description",
                    region.map(|r| r.area.clone()).unwrap_or_default(),
                ),
            ]);
        }
        let bring = if lang == "fr" {
            service.bring_fr.as_ref().or(service.bring_de.as_ref())
        } else {
            service.bring_de.as_ref().or(service.bring_fr.as_ref())
        };
        if let Some(bring) = bring {
            self.required_documents.push(&[
                ("id", uuid_of(service, "required_document")),
                ("service_id", id.clone()),
                ("document", bring.clone()),
            ]);
        }
        for correction in &service.local {
            self.metadata
                .push(&metadata_row(service, shipped, correction, &id));
        }
    }
}

/// The desk's correction of a field, as HSDS's change log records one.
fn metadata_row(
    service: &Service,
    shipped: Option<&Service>,
    correction: &ServiceCorrection,
    service_uuid: &str,
) -> Vec<(&'static str, String)> {
    let before = shipped
        .map(|s| field_value(s, correction.field))
        .filter(|v| !v.is_empty());
    vec![
        (
            "id",
            uuid_of(
                service,
                &format!("metadata:{}:{}", correction.field.name(), correction.at),
            ),
        ),
        ("resource_id", service_uuid.to_string()),
        ("resource_type", "service".into()),
        (
            "last_action_date",
            correction.at.chars().take(10).collect::<String>(),
        ),
        // A field the desk completed had no value before; the standard wants one written.
        (
            "last_action_type",
            if before.is_some() { "update" } else { "create" }.into(),
        ),
        ("field_name", hsds_field(correction.field).into()),
        ("previous_value", before.unwrap_or_else(|| "(none)".into())),
        ("replacement_value", field_value(service, correction.field)),
        ("updated_by", correction.staff.clone()),
    ]
}

/// Where a corrected field stands in the package.
fn hsds_field(field: ServiceField) -> &'static str {
    match field {
        ServiceField::Phone => "phones.number",
        ServiceField::Address => "intake_desk_address",
        ServiceField::Hours => "schedules.description",
        ServiceField::Languages => "languages.code",
        ServiceField::Note => "intake_desk_note",
        ServiceField::Checked => "assured_date",
    }
}

fn field_value(service: &Service, field: ServiceField) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    match field {
        ServiceField::Phone => text(&service.phone),
        ServiceField::Address => text(&service.address),
        ServiceField::Hours => text(&service.hours),
        ServiceField::Languages => service.languages.join(";"),
        ServiceField::Note => text(&service.note),
        ServiceField::Checked => service.last_checked.clone(),
    }
}

/// The standard's `assured_date` is a day: a month checked counts from its first day (an entry
/// then looks older, never newer, than it is). The exact value is in `intake_desk_last_checked`.
fn assured_date(last_checked: &str) -> String {
    match last_checked.len() {
        7 => format!("{last_checked}-01"),
        _ => last_checked.to_string(),
    }
}

/// A web address as the standard's `uri` format has it: with its scheme (`www.smzo.ch` is
/// `https://www.smzo.ch`).
fn uri(web: &Option<String>) -> String {
    match web.as_deref().map(str::trim) {
        None | Some("") => String::new(),
        Some(web) if web.contains("://") => web.to_string(),
        Some(web) => format!("https://{web}"),
    }
}

/// Parts of a field that lists several values with `; `.
fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A Swiss address written on one line ("Street 1, CP 310, 1951 Sion"), in the standard's parts.
#[derive(Debug, PartialEq)]
struct PostalAddress {
    street: String,
    more: String,
    postal_code: String,
    city: String,
}

impl PostalAddress {
    /// `None` where the text is no postal address ("Adresse geheim", "Spital Siders", "Brig").
    fn parse(text: &str) -> Option<PostalAddress> {
        let mut segments: Vec<&str> = text.split(',').map(str::trim).collect();
        let place = segments.pop()?;
        let (postal_code, city) = place.split_once(' ')?;
        let is_postal = postal_code.len() == 4 && postal_code.chars().all(|c| c.is_ascii_digit());
        if !is_postal || city.trim().is_empty() || segments.is_empty() || segments[0].is_empty() {
            return None;
        }
        Some(PostalAddress {
            street: segments[0].to_string(),
            more: segments[1..].join(", "),
            postal_code: postal_code.to_string(),
            city: city.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_address_is_split_into_the_standards_parts() {
        assert_eq!(
            PostalAddress::parse("Rue du Chanoine-Berchtold 10, CP 310, 1951 Sion"),
            Some(PostalAddress {
                street: "Rue du Chanoine-Berchtold 10".into(),
                more: "CP 310".into(),
                postal_code: "1951".into(),
                city: "Sion".into(),
            })
        );
        for not_postal in [
            "Adresse geheim",
            "3900 Brig",
            "Brig",
            "Rue 1, Vouvry",
            "x, 39 Brig",
        ] {
            assert_eq!(PostalAddress::parse(not_postal), None, "{not_postal}");
        }
    }

    #[test]
    fn a_month_checked_is_assured_from_its_first_day() {
        assert_eq!(assured_date("2026-11"), "2026-11-01");
        assert_eq!(assured_date("2026-11-20"), "2026-11-20");
    }
}
