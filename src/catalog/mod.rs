//! Reference data: communes, SMZ/CMS regions and UI strings, loaded from `data/`
//! (embedded at build time, overridable file by file with `--data DIR`) and validated.
//! Services, topics, rules and the glossary join this catalog in later issues.

pub mod communes;
pub mod csv_table;
pub mod documents;
pub mod error;
pub mod glossary;
pub mod i18n;
pub mod provenance;
pub mod regions;
pub mod rules;
pub mod services;
pub mod source;
pub mod text_file;
pub mod topics;
pub mod visitor_texts;

pub use crate::domain::competence::RulePack;
pub use communes::{Commune, CommuneLookup};
pub use documents::RequiredDocument;
pub use error::{DataError, DataErrors};
pub use glossary::Term;
pub use i18n::I18n;
pub use provenance::{Confidence, Provenance};
pub use regions::Region;
pub use services::Service;
pub use source::DataSource;
pub use topics::{Topic, Topics};

use std::collections::HashSet;

#[derive(Debug, Clone)]
pub struct Catalog {
    pub communes: Vec<Commune>,
    pub regions: Vec<Region>,
    /// Competence rule packs, one per canton.
    pub rules: Vec<RulePack>,
    pub services: Vec<Service>,
    pub topics: Topics,
    pub glossary: Vec<Term>,
    /// What a financial request needs, in checklist order.
    pub documents: Vec<RequiredDocument>,
    pub i18n: I18n,
}

impl Catalog {
    /// Loads and validates every data file, reporting all problems at once.
    pub fn load(source: &DataSource) -> Result<Catalog, DataErrors> {
        let mut errors = unknown_files(source);
        let before = errors.len();
        let regions = read(source, regions::FILE, &mut errors)
            .and_then(|file| regions::parse(&file).map_err(|e| errors.extend(e)).ok())
            .unwrap_or_default();
        // Communes and services name regions: without the regions they would each be refused
        // for it, hundreds of lines that only repeat the one problem.
        let regions_read = errors.len() == before;
        let region_ids: HashSet<String> = regions.iter().map(|r| r.id.clone()).collect();
        let communes = read(source, communes::FILE, &mut errors)
            .filter(|_| regions_read)
            .and_then(|file| {
                communes::parse(&file, &region_ids)
                    .map_err(|e| errors.extend(e))
                    .ok()
            })
            .unwrap_or_default();
        let services = read(source, services::FILE, &mut errors)
            .filter(|_| regions_read)
            .and_then(|file| {
                services::parse(&file, &region_ids)
                    .map_err(|e| errors.extend(e))
                    .ok()
            })
            .unwrap_or_default();
        let glossary = read(source, glossary::FILE, &mut errors)
            .and_then(|file| glossary::parse(&file).map_err(|e| errors.extend(e)).ok())
            .unwrap_or_default();
        let documents = read(source, documents::FILE, &mut errors)
            .and_then(|file| documents::parse(&file).map_err(|e| errors.extend(e)).ok())
            .unwrap_or_default();
        let term_ids: Vec<String> = glossary.iter().map(|t| t.id.clone()).collect();
        let topics = topics::load(source, &term_ids)
            .map_err(|e| errors.extend(e))
            .unwrap_or_default();
        let rules = rules::load(source)
            .map_err(|e| errors.extend(e))
            .unwrap_or_default();
        let i18n = i18n::load(source)
            .map_err(|e| errors.extend(e))
            .unwrap_or_default();
        if errors.is_empty() {
            Ok(Catalog {
                communes,
                regions,
                rules,
                services,
                topics,
                glossary,
                documents,
                i18n,
            })
        } else {
            Err(DataErrors(errors))
        }
    }

    /// The shipped data, which tests prove valid; loading it cannot fail at run time.
    pub fn embedded() -> Catalog {
        Catalog::load(&DataSource::embedded())
            .expect("the embedded data is validated by the test suite")
    }

    pub fn commune_by_bfs(&self, bfs_nr: u32) -> Option<&Commune> {
        self.communes.iter().find(|c| c.bfs_nr == bfs_nr)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// A glossary term and its explanation in `lang`: the glossary table's columns where it has
    /// them, else the topics file of that language.
    pub fn term_in(&self, term: &Term, lang: &str) -> Option<(String, String)> {
        let from_file = self.topics.glossary(lang, &term.id);
        let name = term
            .term(lang)
            .map(str::to_string)
            .or_else(|| from_file.map(|g| g.term.clone()))?;
        let explanation = match lang {
            "de" | "fr" | "en" => term.explanation(lang).to_string(),
            _ => from_file?.explanation.clone(),
        };
        Some((name, explanation))
    }

    /// The glossary terms a topic speaks of: those whose German term, or one of its forms,
    /// stands in the topic's German text.
    pub fn terms_in_topic(&self, id: &str) -> Vec<&Term> {
        let Some((topic, _)) = self.topics.get(id, "de") else {
            return Vec::new();
        };
        let text = crate::text::fold(&format!("{} {}", topic.title, topic.text));
        self.glossary
            .iter()
            .filter(|t| {
                std::iter::once(&t.terms[0])
                    .chain(&t.forms)
                    .any(|form| text.contains(&crate::text::fold(form)))
            })
            .collect()
    }

    /// What a glossary search looks at: the term in every language it exists in, its forms.
    pub fn term_search_text(&self, term: &Term) -> String {
        let mut text = term.search_text();
        for (_, g) in self.topics.glossary_everywhere(&term.id) {
            text.push(' ');
            text.push_str(&g.term);
        }
        text
    }

    /// The rule pack of a canton (`VS`, `AG`, `LU`), any case.
    pub fn rule_pack(&self, canton: &str) -> Option<&RulePack> {
        self.rules
            .iter()
            .find(|p| p.canton.eq_ignore_ascii_case(canton))
    }
}

/// Whether the catalog reads a file at this path relative to the data folder.
fn is_known_file(relative: &str) -> bool {
    let toml_in = |folder: &str| {
        relative
            .strip_prefix(&format!("{folder}/"))
            .is_some_and(|name| name.ends_with(".toml") && !name.contains('/'))
    };
    [
        communes::FILE,
        regions::FILE,
        services::FILE,
        glossary::FILE,
        documents::FILE,
    ]
    .contains(&relative)
        || toml_in(i18n::FOLDER)
        || toml_in(rules::FOLDER)
        || toml_in(topics::FOLDER)
}

/// A file in the overlay that nothing reads is most likely misnamed: say so rather than ignore it.
fn unknown_files(source: &DataSource) -> Vec<DataError> {
    let Some(dir) = source.overlay() else {
        return Vec::new();
    };
    let files = match source.overlay_files() {
        Ok(files) => files,
        Err(e) => {
            return vec![DataError {
                file: dir.display().to_string(),
                line: 1,
                column: 1,
                message: format!("cannot read the data folder: {e}"),
                fix: "check that the folder is readable".into(),
            }];
        }
    };
    files
        .into_iter()
        .filter(|f| !is_known_file(f))
        .map(|f| DataError {
            file: dir.join(&f).display().to_string(),
            line: 1,
            column: 1,
            message: "intake-desk does not read this file".into(),
            fix: format!(
                "name it after a data file ({}, {}, {}, {}/<language>.toml, {}/<canton>.toml, {}/<language>.toml) or move it out of the folder",
                communes::FILE,
                regions::FILE,
                services::FILE,
                i18n::FOLDER,
                rules::FOLDER,
                topics::FOLDER
            ),
        })
        .collect()
}

fn read(
    source: &DataSource,
    relative: &str,
    errors: &mut Vec<DataError>,
) -> Option<source::DataFile> {
    match source.read(relative) {
        Ok(Some(file)) => Some(file),
        Ok(None) => {
            errors.push(DataError {
                file: format!("data/{relative}"),
                line: 1,
                column: 1,
                message: "the file is missing".into(),
                fix: "restore it from the shipped data/ folder".into(),
            });
            None
        }
        Err(e) => {
            errors.push(e);
            None
        }
    }
}
