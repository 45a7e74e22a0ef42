//! Choosing from a list by typing part of a name: in the staff's language, in German, or by
//! code ("tigr" or "tir" finds Tigrinya; "vorl" or "provisional" the provisionally admitted).

use super::context::Ctx;
use crate::domain::{LanguageCode, ResidenceStatus};
use strum::IntoEnumIterator;

/// The visitor language whose name best matches what was typed.
pub fn language(cx: &Ctx<'_>, typed: &str) -> Option<LanguageCode> {
    languages(cx, typed, 1).first().copied()
}

/// Languages whose names match what was typed, best first, at most `limit`: a name typed whole
/// ("wolof" before "Gambian Wolof"), then names that begin with it, then names with a word that
/// does; the common languages before the rest of ISO 639-3 within each. Their names in the staff
/// language, in German, in English and in themselves count, and the code. Only when nothing
/// matches so does a fuzzy match among the common ones (a typo), so "tigr" never offers Portuguese.
pub fn languages(cx: &Ctx<'_>, typed: &str, limit: usize) -> Vec<LanguageCode> {
    use crate::domain::language::VISITOR_LANGUAGES;
    let query = crate::text::fold(typed.trim());
    let i18n = &cx.catalog.i18n;
    let common: Vec<(LanguageCode, Names)> = VISITOR_LANGUAGES
        .iter()
        .map(|code| {
            let key = format!("language.{code}");
            let mut names = reference_names(*code);
            names
                .staff
                .push(crate::text::fold(i18n.text(cx.lang, &key)));
            names.staff.push(crate::text::fold(i18n.text("de", &key)));
            (*code, names)
        })
        .collect();
    if query.is_empty() {
        return common.into_iter().map(|(c, _)| c).take(limit).collect();
    }
    let mut tiers: [Vec<LanguageCode>; 4] = Default::default();
    for (code, names) in common.iter().chain(other_languages()) {
        if let Some(tier) = name_match(names, &query) {
            tiers[tier].push(*code);
        }
    }
    let mut found: Vec<LanguageCode> = tiers.into_iter().flatten().collect();
    if found.is_empty() {
        found = crate::search::rank(
            &query,
            common
                .into_iter()
                .map(|(code, names)| (code, names.joined())),
        );
    }
    found.truncate(limit);
    found
}

/// How a language's folded names answer a folded query: 0 a name staff use is it (or the
/// code), 1 its own name is it (Gambian Wolof calls itself "Wolof": after Wolof), 2 a name
/// begins with it, 3 every word of it begins a word of one name; `None` otherwise.
fn name_match(names: &Names, query: &str) -> Option<usize> {
    let all = || names.staff.iter().chain(&names.own);
    if names.staff.iter().any(|n| n == query) {
        return Some(0);
    }
    if names.own.as_deref() == Some(query) {
        return Some(1);
    }
    if all().any(|n| n.starts_with(query)) {
        return Some(2);
    }
    let words_begin = |name: &String| {
        let words: Vec<&str> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        query
            .split_whitespace()
            .all(|q| words.iter().any(|w| w.starts_with(q)))
    };
    all().any(words_begin).then_some(3)
}

/// A language's names, folded: the code and the names staff use; its name in itself.
#[derive(Debug, Clone)]
struct Names {
    staff: Vec<String>,
    own: Option<String>,
}

impl Names {
    fn joined(&self) -> String {
        self.staff
            .iter()
            .chain(&self.own)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A language's code, reference (English) name and own name, folded.
fn reference_names(code: LanguageCode) -> Names {
    let language = isolang::Language::from_639_3(code.as_str());
    let mut staff = vec![code.to_string()];
    staff.extend(language.map(|l| crate::text::fold(l.to_name())));
    Names {
        staff,
        own: language.and_then(|l| l.to_autonym()).map(crate::text::fold),
    }
}

/// The languages beyond the common ones, each with its names folded once for the whole session.
fn other_languages() -> &'static [(LanguageCode, Names)] {
    static OTHERS: std::sync::OnceLock<Vec<(LanguageCode, Names)>> = std::sync::OnceLock::new();
    OTHERS.get_or_init(|| {
        crate::domain::language::all_languages()
            .skip(crate::domain::language::VISITOR_LANGUAGES.len())
            .map(|code| (code, reference_names(code)))
            .collect()
    })
}

/// The residence status whose name best matches what was typed.
pub fn status(cx: &Ctx<'_>, typed: &str) -> Option<ResidenceStatus> {
    let i18n = &cx.catalog.i18n;
    let items = ResidenceStatus::iter().map(|status| {
        let key = format!("residence.{}", status.as_str());
        (
            status,
            format!(
                "{} {} {}",
                i18n.text(cx.lang, &key),
                i18n.text("de", &key),
                status.as_str()
            ),
        )
    });
    crate::search::rank(typed, items).first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_of_a_name_in_either_language_or_the_code_finds_the_choice() {
        let shared = crate::tui::context::test_shared();
        let cx = shared.ctx(crate::tui::screens::ScreenId::Intake);
        assert_eq!(
            language(&cx, "tigr").map(|c| c.to_string()).as_deref(),
            Some("tir")
        );
        assert_eq!(
            language(&cx, "tir").map(|c| c.to_string()).as_deref(),
            Some("tir")
        );
        assert_eq!(status(&cx, "asyl"), Some(ResidenceStatus::AsylumSeeker));
        assert_eq!(status(&cx, "refugee-f"), Some(ResidenceStatus::RefugeeF));
        assert_eq!(status(&cx, "schutz"), Some(ResidenceStatus::ProtectionS));
        assert_eq!(language(&cx, "zzzz"), None);
        assert_eq!(
            language(&cx, "ትግርኛ").map(|c| c.to_string()).as_deref(),
            Some("tir"),
            "by its own name"
        );
        // Beyond the common list: the whole of ISO 639-3 (Tigre, Lingala, Wolof).
        for (typed, code) in [("tigre", "tig"), ("lingala", "lin"), ("wolof", "wol")] {
            assert!(
                languages(&cx, typed, 10).iter().any(|c| c.as_str() == code),
                "{typed} finds {code}"
            );
        }
    }

    #[test]
    fn a_name_typed_whole_comes_first_and_no_unrelated_language_is_offered() {
        let shared = crate::tui::context::test_shared();
        let cx = shared.ctx(crate::tui::screens::ScreenId::Intake);
        let codes = |typed: &str| -> Vec<String> {
            languages(&cx, typed, 10)
                .iter()
                .map(|c| c.to_string())
                .collect()
        };
        assert_eq!(codes("wolof").first().map(String::as_str), Some("wol"));
        assert!(
            codes("wolof").contains(&"wof".to_string()),
            "Gambian Wolof after"
        );
        assert_eq!(codes("tigr").first().map(String::as_str), Some("tir"));
        assert!(
            !codes("tigr").contains(&"por".to_string()),
            "{:?}",
            codes("tigr")
        );
        // A typo still finds the common language.
        assert_eq!(codes("tigrnya").first().map(String::as_str), Some("tir"));
    }
}
