//! Choosing from a list by typing part of a name: in the staff's language, in German, or by
//! code ("tigr" or "tir" finds Tigrinya; "vorl" or "provisional" the provisionally admitted).

use super::context::Ctx;
use crate::domain::{LanguageCode, ResidenceStatus};
use strum::IntoEnumIterator;

/// The visitor language whose name best matches what was typed.
pub fn language(cx: &Ctx<'_>, typed: &str) -> Option<LanguageCode> {
    languages(cx, typed, 1).first().copied()
}

/// Languages whose names match what was typed, best first, at most `limit`: the common ones by
/// their names in the staff language, in German and in themselves; then every other language
/// of ISO 639-3 whose reference or own name, or code, begins with it ("tigre", "ትግ").
pub fn languages(cx: &Ctx<'_>, typed: &str, limit: usize) -> Vec<LanguageCode> {
    use crate::domain::language::{VISITOR_LANGUAGES, autonym_of};
    let i18n = &cx.catalog.i18n;
    let common = VISITOR_LANGUAGES.iter().map(|code| {
        let key = format!("language.{code}");
        (
            *code,
            format!(
                "{} {} {} {code}",
                i18n.text(cx.lang, &key),
                i18n.text("de", &key),
                autonym_of(*code).unwrap_or_default()
            ),
        )
    });
    let mut found = crate::search::rank(typed, common);
    let typed = crate::text::fold(typed.trim());
    if typed.chars().count() >= 2 {
        found.extend(
            other_languages()
                .iter()
                .filter(|(_, names)| names.split(' ').any(|w| w.starts_with(&typed)))
                .map(|(code, _)| *code),
        );
    }
    found.truncate(limit);
    found
}

/// The languages beyond the common ones, each with its names folded once for the whole session.
fn other_languages() -> &'static [(LanguageCode, String)] {
    static OTHERS: std::sync::OnceLock<Vec<(LanguageCode, String)>> = std::sync::OnceLock::new();
    OTHERS.get_or_init(|| {
        crate::domain::language::all_languages()
            .skip(crate::domain::language::VISITOR_LANGUAGES.len())
            .filter_map(|code| {
                let language = isolang::Language::from_639_3(code.as_str())?;
                let names = format!(
                    "{} {} {code}",
                    language.to_name(),
                    language.to_autonym().unwrap_or_default()
                );
                Some((code, crate::text::fold(&names)))
            })
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
}
