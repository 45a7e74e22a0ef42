//! What the visitor is shown of a topic: in their language, the one they read second, or the
//! desk's, and the notes that say why and whether a translation was checked.

use super::InformationState;
use crate::catalog::Catalog;
use crate::domain::LanguageCode;

/// A topic as the visitor is shown it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitorText<'c> {
    pub topic: &'c crate::catalog::Topic,
    /// The topics file it is shown from.
    pub lang: &'c str,
    /// Why it is not in the visitor's language, in theirs where the app has the words.
    pub missing: Option<String>,
    /// The marker of a translation no interpreter has checked, in its language.
    pub unreviewed: Option<String>,
}

/// "No text in Wolof; shown in French", in the language `note`.
fn not_in_language(catalog: &Catalog, note: &str, visitor: LanguageCode, shown: &str) -> String {
    let language = crate::domain::language::name_of(&catalog.i18n, note, visitor);
    let mut shown = file_language_name(catalog, note, shown);
    // French writes language names small inside a sentence ("affiché en français").
    if note == "fr" {
        shown = shown.to_lowercase();
    }
    catalog.i18n.format(
        note,
        "info.not_in_language",
        &[("language", &language), ("shown", &shown)],
    )
}

/// The name, for staff, of the language of a topics file (`ti`, `prs`).
pub fn file_language_name(catalog: &Catalog, staff: &str, file: &str) -> String {
    LanguageCode::parse_any(file).map_or_else(
        |_| file.to_string(),
        |code| crate::domain::language::name_of(&catalog.i18n, staff, code),
    )
}

impl InformationState {
    /// The languages of the topics files to show the visitor, in order of preference: their
    /// language, then the one they read second.
    pub fn visitor_files<'c>(&self, catalog: &'c Catalog) -> Vec<&'c str> {
        [self.visitor_lang, self.visitor_second]
            .into_iter()
            .flatten()
            .filter_map(|code| catalog.topics.language_for(code.as_str()))
            .collect()
    }

    /// What the visitor is shown of a topic: in their language, else in the one they read
    /// second, else in the staff language (German where that has none), saying so in their
    /// language where it can.
    pub fn visitor_text<'c>(
        &self,
        catalog: &'c Catalog,
        id: &str,
        staff: &str,
    ) -> Option<VisitorText<'c>> {
        let files = self.visitor_files(catalog);
        let topics = &catalog.topics;
        let (topic, lang) = files
            .iter()
            .find_map(|l| Some((topics.get_exact(id, l)?, *l)))
            // Without either, the desk's language: staff can read it out, and a visitor at a
            // French-speaking desk reads French more likely than German.
            .or_else(|| topics.get(id, staff))?;
        let own = self
            .visitor_lang
            .and_then(|v| topics.language_for(v.as_str()));
        let missing = match self.visitor_lang {
            None => None,
            Some(_) if own == Some(lang) => None,
            // The visitor's own file says it in their language; without one, staff are told.
            Some(visitor) => Some(own.and_then(|o| topics.visitor_texts(o)).map_or_else(
                || not_in_language(catalog, staff, visitor, lang),
                |t| t.missing.clone(),
            )),
        };
        let unreviewed = (!topics.reviewed(lang))
            .then(|| topics.visitor_texts(lang).map(|t| t.unreviewed.clone()))
            .flatten();
        Some(VisitorText {
            topic,
            lang,
            missing,
            unreviewed,
        })
    }

    /// The visitor's text as the visitor view shows it: where the visitor's language has no
    /// file at all, the note says so in the language the text is shown in (which the visitor
    /// chose to read), or not at all where the interface does not speak that language.
    pub fn visitor_text_for_visitor<'c>(
        &self,
        catalog: &'c Catalog,
        id: &str,
        staff: &str,
    ) -> Option<VisitorText<'c>> {
        let mut shown = self.visitor_text(catalog, id, staff)?;
        let own_file = self
            .visitor_lang
            .and_then(|v| catalog.topics.language_for(v.as_str()))
            .and_then(|o| catalog.topics.visitor_texts(o));
        if let (None, Some(visitor)) = (own_file, self.visitor_lang)
            && shown.missing.is_some()
        {
            shown.missing = catalog
                .i18n
                .has_language(shown.lang)
                .then(|| not_in_language(catalog, shown.lang, visitor, shown.lang));
        }
        Some(shown)
    }
}
