//! UI strings per language (`data/i18n/<lang>.toml`). German is the reference: German, French and
//! English must be complete; a language file added later may be partial and falls back to German.

use super::error::{DataError, line_column};
use super::source::{DataFile, DataSource};
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

pub const FOLDER: &str = "i18n";
pub const REFERENCE_LANGUAGE: &str = "de";
/// Languages the product promises in full.
pub const COMPLETE_LANGUAGES: &[&str] = &["de", "fr", "en"];

type RawFile = BTreeMap<String, BTreeMap<String, Spanned<String>>>;

#[derive(Debug, Clone, Default)]
pub struct I18n {
    languages: Vec<String>,
    strings: HashMap<String, HashMap<String, String>>,
}

impl I18n {
    /// Language codes with a file, German, French and English first.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    pub fn has_language(&self, lang: &str) -> bool {
        self.strings.contains_key(lang)
    }

    /// The text for `key` (`section.name`) in `lang`, else German, else the key itself,
    /// so a gap shows up on screen instead of a blank.
    pub fn text<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.strings
            .get(lang)
            .and_then(|m| m.get(key))
            .or_else(|| self.strings.get(REFERENCE_LANGUAGE)?.get(key))
            .map_or(key, String::as_str)
    }

    /// Like [`I18n::text`], replacing `{name}` placeholders.
    pub fn format(&self, lang: &str, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.text(lang, key).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A text about `count` things, in the form the language uses for that number (CLDR plural
    /// rules: "1 topic" and "2 topics"; in French "0 thème" and "1 thème" too). A key may have a
    /// `<key>_one` form beside `<key>` (every other number); `{count}` is replaced.
    pub fn format_count(&self, lang: &str, key: &str, count: u64, args: &[(&str, &str)]) -> String {
        let one = format!("{key}_one");
        let has_one = self.text(lang, &one) != one;
        let key = if has_one && is_one(lang, count) {
            one.as_str()
        } else {
            key
        };
        let count = count.to_string();
        let mut args = args.to_vec();
        args.push(("count", &count));
        self.format(lang, key, &args)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.strings
            .get(REFERENCE_LANGUAGE)
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
    }
}

struct Parsed {
    file: DataFile,
    entries: BTreeMap<String, (String, usize)>,
}

pub fn load(source: &DataSource) -> Result<I18n, Vec<DataError>> {
    let names = source
        .list(FOLDER)
        .map_err(|e| vec![io_error(FOLDER, &e)])?;
    let mut errors = Vec::new();
    let mut parsed: BTreeMap<String, Parsed> = BTreeMap::new();
    for name in names.iter().filter(|n| n.ends_with(".toml")) {
        let lang = name.trim_end_matches(".toml").to_string();
        let relative = format!("{FOLDER}/{name}");
        let file = match source.read(&relative) {
            Ok(Some(file)) => file,
            Ok(None) => continue,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_lowercase()) {
            errors.push(at(
                &file,
                0,
                "the file name is not a language code",
                "name it after the language: de.toml, fr.toml, it.toml ...",
            ));
            continue;
        }
        match toml::from_str::<RawFile>(&file.text) {
            Ok(raw) => {
                let entries = raw
                    .into_iter()
                    .flat_map(|(section, keys)| {
                        keys.into_iter().map(move |(key, value)| {
                            let span = value.span().start;
                            (format!("{section}.{key}"), (value.into_inner(), span))
                        })
                    })
                    .collect();
                parsed.insert(lang, Parsed { file, entries });
            }
            Err(e) => {
                let start = e.span().map_or(0, |s| s.start);
                errors.push(at(
                    &file,
                    start,
                    e.message().trim(),
                    "each section holds lines of the form key = \"text\"",
                ));
            }
        }
    }
    let Some(reference) = parsed.get(REFERENCE_LANGUAGE) else {
        if errors.is_empty() {
            errors.push(DataError {
                file: format!("{FOLDER}/{REFERENCE_LANGUAGE}.toml"),
                line: 1,
                column: 1,
                message: "the German UI strings are missing".into(),
                fix: "German is the reference language; keep de.toml".into(),
            });
        }
        return Err(errors);
    };
    // An empty file is one problem, not one for each of its hundreds of keys.
    for file in parsed.values() {
        if file.entries.is_empty() {
            errors.push(at(
                &file.file,
                0,
                "the file holds no texts",
                "restore it from the shipped data/i18n folder, or remove it",
            ));
        }
    }
    if reference.entries.is_empty() {
        return Err(errors);
    }
    for (lang, file) in parsed.iter().filter(|(_, f)| !f.entries.is_empty()) {
        check_against_reference(lang, file, reference, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut languages: Vec<String> = parsed.keys().cloned().collect();
    languages.sort_by_key(|l| {
        (
            COMPLETE_LANGUAGES.iter().position(|c| c == l).unwrap_or(99),
            l.clone(),
        )
    });
    let strings = parsed
        .into_iter()
        .map(|(lang, p)| {
            (
                lang,
                p.entries.into_iter().map(|(k, (v, _))| (k, v)).collect(),
            )
        })
        .collect();
    Ok(I18n { languages, strings })
}

fn check_against_reference(
    lang: &str,
    file: &Parsed,
    reference: &Parsed,
    errors: &mut Vec<DataError>,
) {
    for (key, (text, span)) in &file.entries {
        match reference.entries.get(key) {
            None => errors.push(at(
                &file.file,
                *span,
                &format!("unknown key `{key}`"),
                "remove it or correct its name; the keys are those of de.toml",
            )),
            Some((german, _)) if placeholders(german) != placeholders(text) => errors.push(at(
                &file.file,
                *span,
                &format!(
                    "`{key}` must use the placeholders {:?}",
                    placeholders(german)
                ),
                "keep every {name} of the German text, without adding others",
            )),
            Some(_) => {}
        }
    }
    if COMPLETE_LANGUAGES.contains(&lang) {
        for (key, (german, _)) in &reference.entries {
            if !file.entries.contains_key(key) {
                let (section, name) = key.split_once('.').unwrap_or(("", key));
                errors.push(DataError {
                    file: file.file.display_name.clone(),
                    line: 1,
                    column: 1,
                    message: format!("the translation of `{key}` is missing"),
                    fix: format!("add {name} = \"...\" under [{section}] (German: {german:?})"),
                });
            }
        }
    }
}

fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    found.sort_unstable();
    found
}

fn at(file: &DataFile, byte: usize, message: &str, fix: &str) -> DataError {
    let (line, column) = line_column(&file.text, byte);
    DataError {
        file: file.display_name.clone(),
        line,
        column,
        message: message.to_string(),
        fix: fix.to_string(),
    }
}

fn io_error(path: &str, error: &std::io::Error) -> DataError {
    DataError {
        file: path.to_string(),
        line: 1,
        column: 1,
        message: format!("cannot read: {error}"),
        fix: "check that the file exists and is readable".into(),
    }
}

/// Whether `count` takes the "one" form in `lang` (CLDR cardinal rules); a language the rules do
/// not know takes it for 1 only.
fn is_one(lang: &str, count: u64) -> bool {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let rules = lang
        .parse::<unic_langid::LanguageIdentifier>()
        .ok()
        .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
    match rules {
        Some(rules) => rules.select(count) == Ok(PluralCategory::ONE),
        None => count == 1,
    }
}

#[cfg(test)]
mod plural_tests {
    #[test]
    fn counts_take_the_form_each_language_uses() {
        let catalog = crate::catalog::Catalog::embedded();
        let i18n = &catalog.i18n;
        let saved = |lang: &str, n: u64| i18n.format_count(lang, "info.saved", n, &[]);
        assert_eq!(saved("de", 0), "Besuch gespeichert: 0 Themen");
        assert_eq!(saved("de", 1), "Besuch gespeichert: 1 Thema");
        assert_eq!(saved("de", 2), "Besuch gespeichert: 2 Themen");
        assert_eq!(saved("en", 0), "Visit saved: 0 topics");
        assert_eq!(saved("en", 1), "Visit saved: 1 topic");
        assert_eq!(saved("en", 2), "Visit saved: 2 topics");
        // French counts 0 and 1 alike.
        assert_eq!(saved("fr", 0), "Visite enregistrée : 0 thème");
        assert_eq!(saved("fr", 1), "Visite enregistrée : 1 thème");
        assert_eq!(saved("fr", 2), "Visite enregistrée : 2 thèmes");
        let waiting = |lang: &str, n: u64| i18n.format_count(lang, "confirm.quit_waiting", n, &[]);
        assert!(
            waiting("en", 1).starts_with("1 person is waiting"),
            "{}",
            waiting("en", 1)
        );
        assert!(waiting("de", 1).starts_with("1 Person wartet"));
        assert!(waiting("fr", 1).starts_with("1 personne attend"));
        assert!(waiting("en", 2).starts_with("2 people are waiting"));
    }
}
