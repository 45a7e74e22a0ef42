//! The documents a financial request needs (`data/financial_documents.csv`), ticked present or
//! missing at the desk. The SMZ service mandate (Anhang II) asks that "die Liste der für das Dossier unerlässlichen
//! Informationen liegt vor"; the list follows the topic `documents-financial-request`.

use super::csv_table::CsvTable;
use super::error::DataError;
use super::source::DataFile;
use std::collections::HashSet;

pub const FILE: &str = "financial_documents.csv";
const COLUMNS: &[&str] = &["id", "de", "fr", "en", "source"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredDocument {
    pub id: String,
    pub de: String,
    pub fr: String,
    pub en: String,
    pub source: String,
}

impl RequiredDocument {
    /// The label in the UI language (German unless French or English is asked for).
    pub fn label(&self, lang: &str) -> &str {
        match lang {
            "fr" => &self.fr,
            "en" => &self.en,
            _ => &self.de,
        }
    }
}

pub fn parse(file: &DataFile) -> Result<Vec<RequiredDocument>, Vec<DataError>> {
    let table = CsvTable::parse_rows(file, COLUMNS).map_err(|e| vec![e])?;
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for row in table.rows() {
        let problems = row.check_id_and_required(
            &mut ids,
            &["de", "fr", "en", "source"],
            "document",
            "every document needs de, fr, en and a source",
        );
        let id = row.get("id");
        if problems.is_empty() {
            documents.push(RequiredDocument {
                id: id.to_string(),
                de: row.get("de").to_string(),
                fr: row.get("fr").to_string(),
                en: row.get("en").to_string(),
                source: row.get("source").to_string(),
            });
        }
        errors.extend(problems);
    }
    if errors.is_empty() {
        Ok(documents)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_without_french_is_refused_at_its_line() {
        let file = DataFile {
            display_name: FILE.into(),
            text: "id,de,fr,en,source\nlease,Mietvertrag,,Lease,Leistungsauftrag SMZ\n".into(),
        };
        let errors = parse(&file).unwrap_err();
        assert_eq!(errors.len(), 1);
        let text = errors[0].to_string();
        assert!(text.starts_with("financial_documents.csv:2:"), "{text}");
        assert!(text.contains("no fr"), "{text}");
    }
}
