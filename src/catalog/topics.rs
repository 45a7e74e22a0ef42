//! Information topics (`data/topics/<lang>.toml`): a title and a short text per topic and language.
//! German is the reference and fixes the topics and their order; another language may lack a
//! topic, which is then shown in German with a marker. A new language is a new file, named by
//! its ISO 639-1 code, or its ISO 639-3 code where it has none or shares it (Dari: `prs`).
//! Besides its topics a file says who translated it (`[about]`), and holds the texts a visitor
//! reads around the topics (`[texts]`); a language the interface does not speak also brings the
//! slip's texts (`[slip]`) and the glossary (`[glossary.<id>]`).

use super::error::{DataError, line_column};
use super::source::{DataFile, DataSource};
use super::visitor_texts::{self, About, GlossaryText, LanguageTexts, VisitorTexts};
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
    around: HashMap<String, LanguageTexts>,
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

    /// The topic in exactly `lang`, without falling back.
    pub fn get_exact(&self, id: &str, lang: &str) -> Option<&Topic> {
        self.texts.get(lang).and_then(|m| m.get(id))
    }

    /// Who translated `lang` and whether it was reviewed (German, the original, has none).
    pub fn about(&self, lang: &str) -> Option<&About> {
        self.around.get(lang)?.about.as_ref()
    }

    /// Whether a text in `lang` can be given without the German beside it: German itself, or a
    /// translation a qualified interpreter checked.
    pub fn reviewed(&self, lang: &str) -> bool {
        lang == REFERENCE || self.about(lang).is_some_and(About::reviewed)
    }

    /// The texts a visitor reads around the topics, in `lang`.
    pub fn visitor_texts(&self, lang: &str) -> Option<&VisitorTexts> {
        self.around.get(lang)?.texts.as_ref()
    }

    /// A slip text of a language the interface does not speak.
    pub fn slip_text(&self, lang: &str, key: &str) -> Option<&str> {
        self.around.get(lang)?.slip.get(key).map(String::as_str)
    }

    /// A glossary term in a language the glossary table has no column for.
    pub fn glossary(&self, lang: &str, id: &str) -> Option<&GlossaryText> {
        self.around.get(lang)?.glossary.get(id)
    }

    /// The glossary's terms in every language of a topics file, with the language.
    pub fn glossary_everywhere<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a GlossaryText)> + 'a {
        self.languages
            .iter()
            .filter_map(move |l| Some((l.as_str(), self.glossary(l, id)?)))
    }

    /// The file language for a visitor's language (ISO 639-3): its own file (`prs`), else that of
    /// its two-letter code or macrolanguage (`tir` → `ti`, `pes` → `fa`).
    pub fn language_for(&self, code: &str) -> Option<&str> {
        let has = |l: &str| self.languages.iter().find(|k| *k == l).map(String::as_str);
        has(code).or_else(|| has(crate::domain::language::iso_639_1_of(code)?))
    }
}

type RawFile = BTreeMap<String, Spanned<toml::Value>>;

/// One language's file: its topics in file order, each with its byte position, and what it
/// says besides.
struct LanguageFile {
    file: DataFile,
    topics: Vec<(String, Topic, usize)>,
    around: LanguageTexts,
}

/// An error at a byte of a file, with its line and column.
fn error_at(file: &DataFile, byte: usize, message: String, fix: &str) -> DataError {
    let (line, column) = line_column(&file.text, byte);
    DataError {
        file: file.display_name.clone(),
        line,
        column,
        message,
        fix: fix.to_string(),
    }
}

/// A section as the type it must be, or an error at it.
fn section<T: serde::de::DeserializeOwned>(
    value: toml::Value,
    at: impl Fn(String, &str) -> DataError,
    fix: &str,
) -> Result<T, DataError> {
    value
        .try_into()
        .map_err(|e: toml::de::Error| at(e.message().trim().to_string(), fix))
}

/// Reads the sections that are not topics into `around`; returns the topics.
fn split_sections(
    raw: RawFile,
    file: &DataFile,
    lang: &str,
    errors: &mut Vec<DataError>,
) -> (Vec<(String, Topic, usize)>, LanguageTexts) {
    let at_byte = |byte: usize, message: String, fix: &str| error_at(file, byte, message, fix);
    // A section's header, where it has one, is where a person looks for it.
    let header =
        |name: &str, fallback: usize| file.text.find(&format!("[{name}]")).unwrap_or(fallback);
    let mut topics = Vec::new();
    let mut around = LanguageTexts::default();
    for (id, value) in raw {
        let span = value.span().start;
        let value = value.into_inner();
        let here = header(&id, span);
        let at = |message: String, fix: &str| at_byte(here, message, fix);
        match id.as_str() {
            "about" => match section::<About>(
                value,
                at,
                "[about] has translated_by = \"...\", and reviewed_by and reviewed_on once a qualified interpreter checked the texts",
            ) {
                Ok(about) => around.about = Some(about),
                Err(e) => errors.push(e),
            },
            "texts" => match section::<VisitorTexts>(
                value,
                at,
                "[texts] has missing, unreviewed, copy_title, copy_given, glossary_title and original",
            ) {
                Ok(texts) => around.texts = Some(texts),
                Err(e) => errors.push(e),
            },
            "slip" => match section::<BTreeMap<String, String>>(
                value,
                at,
                "[slip] holds texts: key = \"...\"",
            ) {
                Ok(slip) => {
                    for (key, text) in &slip {
                        match visitor_texts::SLIP_KEYS.iter().find(|(k, _)| k == key) {
                            None => errors.push(at_byte(here, format!("[slip] has no text {key:?}"), "use the keys of [slip] in the interface files (title, phone, footer …)")),
                            Some((_, placeholders)) => {
                                for p in placeholders.iter().filter(|p| !text.contains(**p)) {
                                    errors.push(at_byte(here, format!("[slip].{key} lacks {p}"), "keep the placeholders of the German text"));
                                }
                            }
                        }
                    }
                    around.slip = slip;
                }
                Err(e) => errors.push(e),
            },
            "glossary" => match section::<BTreeMap<String, GlossaryText>>(
                value,
                at,
                "each term is a [glossary.<id>] with term = \"...\" and explanation = \"...\"",
            ) {
                Ok(glossary) => around.glossary = glossary,
                Err(e) => errors.push(e),
            },
            _ => match section::<Topic>(
                value,
                at,
                "each topic is a [section] with title = \"...\" and text = \"\"\"...\"\"\"",
            ) {
                Ok(topic) => topics.push((id, topic, span)),
                Err(e) => errors.push(e),
            },
        }
    }
    if lang != REFERENCE && around.about.is_none() {
        errors.push(at_byte(
            0,
            "the file does not say who translated it".into(),
            "add [about] with translated_by = \"...\" (and reviewed_by, reviewed_on once reviewed)",
        ));
    }
    (topics, around)
}

/// Loads every topics file; `terms` are the glossary's ids, which a file's glossary may use.
pub fn load(source: &DataSource, terms: &[String]) -> Result<Topics, Vec<DataError>> {
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
        let at = |byte: usize, message: String, fix: &str| error_at(&file, byte, message, fix);
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
                let (mut topics, around) = split_sections(raw, &file, &lang, &mut errors);
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
                parsed.insert(
                    lang,
                    LanguageFile {
                        file,
                        topics,
                        around,
                    },
                );
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
    for (
        lang,
        LanguageFile {
            file,
            topics,
            around,
        },
    ) in &parsed
    {
        for id in around.glossary.keys().filter(|id| !terms.contains(id)) {
            let byte = file.text.find(&format!("[glossary.{id}]")).unwrap_or(0);
            let (line, column) = line_column(&file.text, byte);
            errors.push(DataError {
                file: file.display_name.clone(),
                line,
                column,
                message: format!("glossary term {id:?} is not in glossary.csv"),
                fix: format!(
                    "use the ids of the glossary ({lang} may leave terms out, not add new ones)"
                ),
            });
        }
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
    let mut texts = HashMap::new();
    let mut around = HashMap::new();
    for (lang, language) in parsed {
        let topics = language
            .topics
            .into_iter()
            .map(|(id, t, _)| (id, t))
            .collect();
        texts.insert(lang.clone(), topics);
        around.insert(lang, language.around);
    }
    Ok(Topics {
        order,
        languages,
        texts,
        around,
    })
}
