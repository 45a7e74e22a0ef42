//! Choosing from a list by typing part of a name: in the staff's language, in German, or by
//! code ("tigr" or "tir" finds Tigrinya; "vorl" or "provisional" the provisionally admitted).

use super::context::Ctx;
use crate::domain::{LanguageCode, ResidenceStatus};
use strum::IntoEnumIterator;

/// The visitor language whose name best matches what was typed.
pub fn language(cx: &Ctx<'_>, typed: &str) -> Option<LanguageCode> {
    let i18n = &cx.catalog.i18n;
    let items = crate::domain::language::VISITOR_LANGUAGES
        .iter()
        .map(|code| {
            let key = format!("language.{code}");
            (
                *code,
                format!(
                    "{} {} {code}",
                    i18n.text(cx.lang, &key),
                    i18n.text("de", &key)
                ),
            )
        });
    crate::search::rank(typed, items).first().copied()
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
    }
}
