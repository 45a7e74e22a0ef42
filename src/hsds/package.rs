//! A tabular data package as HSDS 3.0 lays it out: CSV tables with a `datapackage.json` that
//! describes every column (the standard's and the ones we add).

use serde_json::{Value, json};

/// One column of a table, as its `datapackage.json` entry describes it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    /// Frictionless type: `string`, `date`, `number`.
    pub kind: &'static str,
    /// Frictionless format: `uuid`, `email`, `uri`, or none.
    pub format: Option<&'static str>,
    pub required: bool,
    /// Said only for the columns HSDS does not define (the standard documents its own).
    pub description: Option<&'static str>,
}

impl Field {
    pub const fn text(name: &'static str) -> Field {
        Field {
            name,
            kind: "string",
            format: None,
            required: false,
            description: None,
        }
    }

    pub const fn id(name: &'static str) -> Field {
        Field {
            format: Some("uuid"),
            ..Field::text(name)
        }
    }

    pub const fn date(name: &'static str) -> Field {
        Field {
            kind: "date",
            ..Field::text(name)
        }
    }

    pub const fn formatted(name: &'static str, format: &'static str) -> Field {
        Field {
            format: Some(format),
            ..Field::text(name)
        }
    }

    pub const fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }

    pub const fn described(self, description: &'static str) -> Field {
        Field {
            description: Some(description),
            ..self
        }
    }
}

/// One table of the package: its rows hold a value for every field, in the fields' order.
#[derive(Debug, Clone)]
pub struct Table {
    /// The resource name of the HSDS schema (`service`, `phone`, …).
    pub resource: &'static str,
    pub path: &'static str,
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(resource: &'static str, path: &'static str, fields: Vec<Field>) -> Table {
        Table {
            resource,
            path,
            fields,
            rows: Vec::new(),
        }
    }

    /// Adds a row from `(column, value)` pairs; columns not named stay empty.
    pub fn push(&mut self, values: &[(&str, String)]) {
        let row = self
            .fields
            .iter()
            .map(|field| {
                values
                    .iter()
                    .find(|(column, _)| *column == field.name)
                    .map(|(_, value)| value.clone())
                    .unwrap_or_default()
            })
            .collect();
        debug_assert!(
            values
                .iter()
                .all(|(column, _)| self.fields.iter().any(|f| f.name == *column)),
            "every value has its column in {}",
            self.path
        );
        self.rows.push(row);
    }

    /// The table as CSV, with CRLF line ends as the specification's own examples have.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer
            .write_record(self.fields.iter().map(|f| f.name))
            .expect("writing to memory");
        for row in &self.rows {
            writer.write_record(row).expect("writing to memory");
        }
        String::from_utf8(writer.into_inner().expect("writing to memory"))
            .expect("UTF-8 in, UTF-8 out")
    }

    fn descriptor(&self) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                let mut field = json!({
                    "name": f.name,
                    "type": f.kind,
                    "constraints": { "required": f.required, "unique": f.name == "id" },
                });
                if let Some(format) = f.format {
                    field["format"] = json!(format);
                }
                if let Some(description) = f.description {
                    field["description"] = json!(description);
                }
                field
            })
            .collect();
        json!({
            "name": self.resource,
            "path": self.path,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": { "primaryKey": "id", "fields": fields },
        })
    }
}

/// `datapackage.json` for the tables: HSDS 3.0's package descriptor with the resources written.
pub fn descriptor(tables: &[Table], description: &str) -> String {
    let package = json!({
        "name": "human_services_data",
        "title": "Human Services Data Specification",
        "description": description,
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "homepage": "http://docs.openreferral.org",
        "resources": tables.iter().map(Table::descriptor).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&package).expect("plain data serialises") + "\n"
}
