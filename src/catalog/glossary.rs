//! Terms that must be translated the same way every time (`data/glossary.csv`): German, French,
//! English and Italian, with a one-line explanation.

use super::csv_table::CsvTable;
use super::error::DataError;
use super::source::DataFile;
use std::collections::HashSet;

pub const FILE: &str = "glossary.csv";
const COLUMNS: &[&str] = &[
    "id",
    "de",
    "fr",
    "en",
    "it",
    "explanation_de",
    "explanation_fr",
    "explanation_en",
    "source",
];
/// Languages every term must have.
pub const TERM_LANGUAGES: [&str; 4] = ["de", "fr", "en", "it"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub id: String,
    /// The term in de, fr, en, it (in that order).
    pub terms: [String; 4],
    pub explanation_de: String,
    pub explanation_fr: String,
    pub explanation_en: String,
    /// Other forms of the term in any language, which a search finds it by too ("vorläufig
    /// aufgenommen" for "vorläufige Aufnahme"): the optional column `forms`, `;` between them.
    pub forms: Vec<String>,
    pub source: String,
}

impl Term {
    pub fn term(&self, lang: &str) -> Option<&str> {
        TERM_LANGUAGES
            .iter()
            .position(|l| *l == lang)
            .map(|i| self.terms[i].as_str())
    }

    /// The explanation in the UI language (French or English where asked, else German).
    /// What a search looks at: the term in every language and its other forms.
    pub fn search_text(&self) -> String {
        self.terms
            .iter()
            .chain(&self.forms)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn explanation(&self, lang: &str) -> &str {
        match lang {
            "fr" => &self.explanation_fr,
            "en" => &self.explanation_en,
            _ => &self.explanation_de,
        }
    }
}

pub fn parse(file: &DataFile) -> Result<Vec<Term>, Vec<DataError>> {
    let table = CsvTable::parse_rows(file, COLUMNS).map_err(|e| vec![e])?;
    let mut terms = Vec::new();
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for row in table.rows() {
        let required: Vec<&str> = TERM_LANGUAGES
            .iter()
            .copied()
            .chain([
                "explanation_de",
                "explanation_fr",
                "explanation_en",
                "source",
            ])
            .collect();
        let problems = row.check_id_and_required(
            &mut ids,
            &required,
            "term",
            "every term needs de, fr, en, it, the explanations and a source",
        );
        if !problems.is_empty() {
            errors.extend(problems);
            continue;
        }
        let id = row.get("id");
        terms.push(Term {
            id: id.to_string(),
            terms: TERM_LANGUAGES.map(|l| row.get(l).to_string()),
            explanation_de: row.get("explanation_de").to_string(),
            explanation_fr: row.get("explanation_fr").to_string(),
            explanation_en: row.get("explanation_en").to_string(),
            forms: row
                .get("forms")
                .split(';')
                .map(str::trim)
                .filter(|form| !form.is_empty())
                .map(str::to_string)
                .collect(),
            source: row.get("source").to_string(),
        });
    }
    if errors.is_empty() {
        Ok(terms)
    } else {
        Err(errors)
    }
}
