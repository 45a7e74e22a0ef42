//! Information topics (`data/topics/<lang>.toml`): a title and a short text per topic and language.
//! German is the reference and fixes the topics and their order; another language may lack a
//! topic, which is then shown in German with a marker. A new language is a new file.

use super::error::{DataError, line_column};
use super::source::{DataFile, DataSource};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

pub const FOLDER: &str = "topics";
const REFERENCE: &str = "de";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Topics {
    /// Topic ids in the order of the German file.
    order: Vec<String>,
    languages: Vec<String>,
    texts: HashMap<String, HashMap<String, Topic>>,
}

impl Topics {
    pub fn ids(&self) -> &[String] {
        &self.order
    }

    /// Languages with a topics file, German, French, English first.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// The topic in `lang`, else in German; with the language it is actually shown in.
    pub fn get<'a>(&'a self, id: &str, lang: &str) -> Option<(&'a Topic, &'a str)> {
        let find = |l: &str| self.texts.get(l).and_then(|m| m.get(id));
        if let Some(topic) = find(lang) {
            let shown = self
                .languages
                .iter()
                .find(|l| *l == lang)
                .map_or(REFERENCE, String::as_str);
            return Some((topic, shown));
        }
        find(REFERENCE).map(|t| (t, REFERENCE))
    }
}

type RawFile = BTreeMap<String, Spanned<Topic>>;

/// One language's file: its topics in file order, each with its byte position.
struct LanguageFile {
    file: DataFile,
    topics: Vec<(String, Topic, usize)>,
}

pub fn load(source: &DataSource) -> Result<Topics, Vec<DataError>> {
    let io_error = |path: String, e: std::io::Error| DataError {
        file: path,
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
        fix: "check that the file is readable".into(),
    };
    let names = source
        .list(FOLDER)
        .map_err(|e| vec![io_error(FOLDER.into(), e)])?;
    let mut errors = Vec::new();
    let mut parsed: BTreeMap<String, LanguageFile> = BTreeMap::new();
    for name in names.iter().filter(|n| n.ends_with(".toml")) {
        let lang = name.trim_end_matches(".toml").to_string();
        let file = match source.read(&format!("{FOLDER}/{name}")) {
            Ok(Some(file)) => file,
            Ok(None) => continue,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let at = |byte: usize, message: String, fix: &str| {
            let (line, column) = line_column(&file.text, byte);
            DataError {
                file: file.display_name.clone(),
                line,
                column,
                message,
                fix: fix.to_string(),
            }
        };
        if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_lowercase()) {
            errors.push(at(
                0,
                "the file name is not a language code".into(),
                "name it after the language: de.toml, it.toml, ti.toml ...",
            ));
            continue;
        }
        match toml::from_str::<RawFile>(&file.text) {
            Err(e) => errors.push(at(
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_string(),
                "each topic is a [section] with title = \"...\" and text = \"\"\"...\"\"\"",
            )),
            Ok(raw) => {
                let mut topics: Vec<(String, Topic, usize)> = raw
                    .into_iter()
                    .map(|(id, t)| {
                        let span = t.span().start;
                        (id, t.into_inner(), span)
                    })
                    .collect();
                topics.sort_by_key(|(_, _, span)| *span);
                for (id, topic, span) in &topics {
                    if topic.title.trim().is_empty() || topic.text.trim().is_empty() {
                        errors.push(at(
                            *span,
                            format!("topic {id} has an empty title or text"),
                            "write both, or leave the topic out to fall back to German",
                        ));
                    }
                }
                parsed.insert(lang, LanguageFile { file, topics });
            }
        }
    }
    let Some(LanguageFile {
        topics: reference, ..
    }) = parsed.get(REFERENCE)
    else {
        if errors.is_empty() {
            errors.push(DataError {
                file: format!("{FOLDER}/{REFERENCE}.toml"),
                line: 1,
                column: 1,
                message: "the German topics are missing".into(),
                fix: "German is the reference language; keep topics/de.toml".into(),
            });
        }
        return Err(errors);
    };
    let order: Vec<String> = reference.iter().map(|(id, _, _)| id.clone()).collect();
    for (lang, LanguageFile { file, topics }) in &parsed {
        for (id, _, span) in topics {
            if !order.contains(id) {
                let (line, column) = line_column(&file.text, *span);
                errors.push(DataError {
                    file: file.display_name.clone(),
                    line,
                    column,
                    message: format!("topic {id:?} is not in the German file"),
                    fix: format!("use the ids of topics/de.toml ({lang} may leave topics out, not add new ones)"),
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut languages: Vec<String> = parsed.keys().cloned().collect();
    languages.sort_by_key(|l| {
        (
            ["de", "fr", "en"].iter().position(|c| c == l).unwrap_or(9),
            l.clone(),
        )
    });
    let texts = parsed
        .into_iter()
        .map(|(lang, language)| {
            (
                lang,
                language
                    .topics
                    .into_iter()
                    .map(|(id, t, _)| (id, t))
                    .collect(),
            )
        })
        .collect();
    Ok(Topics {
        order,
        languages,
        texts,
    })
}
