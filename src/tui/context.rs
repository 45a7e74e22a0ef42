//! What a screen may read while it handles a key or draws: the catalog, the texts in the
//! interface language, the session, the keymap, the screen shown and the time. Screens get this,
//! never the `App`.

use super::keymap::Keymap;
use super::screens::ScreenId;
use super::session::Session;
use crate::catalog::Catalog;
use crate::search::directory::DirectoryIndex;
use crate::staff::Needs;
use std::time::Instant;

/// The time as the interface sees it: set by the loop before each key and each frame, fixed in
/// tests, so that neither `update` nor drawing reads a clock of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// For timers (the interpreter's minutes).
    pub instant: Instant,
    /// For what is saved and shown: the visit's start, a check-in, the queue's waiting times.
    pub local: chrono::DateTime<chrono::FixedOffset>,
}

impl Now {
    pub fn system() -> Now {
        Now {
            instant: Instant::now(),
            local: chrono::Local::now().fixed_offset(),
        }
    }

    /// A given moment (tests, benchmarks): the timers start from it.
    pub fn at(local: chrono::DateTime<chrono::FixedOffset>) -> Now {
        Now {
            instant: Instant::now(),
            local,
        }
    }

    /// Milliseconds since the epoch, as the queue stores times.
    pub fn epoch_ms(&self) -> i64 {
        self.local.timestamp_millis()
    }
}

/// The parts of the state every screen reads and none changes: kept apart from the screens so a
/// screen can be changed while it reads them.
pub struct Shared {
    pub catalog: Catalog,
    pub keymap: Keymap,
    pub session: Session,
    pub lang: String,
    /// Built once: a keystroke only compares prepared text.
    pub directory_index: DirectoryIndex,
    pub now: Now,
    /// Keys go into the screen's search line (always, but in a modal keymap's normal mode).
    pub search_focused: bool,
}

impl Shared {
    pub fn ctx(&self, screen: ScreenId) -> Ctx<'_> {
        Ctx {
            catalog: &self.catalog,
            lang: &self.lang,
            session: &self.session,
            keymap: &self.keymap,
            screen,
            directory_index: &self.directory_index,
            now: self.now,
            search_focused: self.search_focused,
        }
    }
}

pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub lang: &'a str,
    pub session: &'a Session,
    pub keymap: &'a Keymap,
    pub screen: ScreenId,
    pub directory_index: &'a DirectoryIndex,
    pub now: Now,
    pub search_focused: bool,
}

impl Ctx<'_> {
    /// The keymap context of the screen: a screen with a search line is a list while a modal
    /// keymap is in its normal mode.
    pub fn context(&self) -> super::keymap::Context {
        let own = self.screen.context();
        if own == super::keymap::Context::Picker && self.keymap.modal() && !self.search_focused {
            super::keymap::Context::List
        } else {
            own
        }
    }

    /// A UI string in the interface language.
    /// The titles of topics in the staff language (an unknown id as it is).
    pub fn topic_titles(&self, ids: &[String]) -> Vec<String> {
        ids.iter()
            .map(|t| {
                self.catalog
                    .topics
                    .get(t, self.lang)
                    .map_or(t.clone(), |(topic, _)| topic.title.clone())
            })
            .collect()
    }

    /// Why the signed-in role may not do what `needs` asks, in the interface language
    /// (`None` when it may, or where no one signs in).
    pub fn refusal(&self, needs: Needs) -> Option<String> {
        let role = self.session.role?;
        if role.covers(needs.role()) {
            return None;
        }
        Some(self.tf(
            "signin.refused",
            &[
                ("what", &self.t(&format!("needs.{}", needs_code(needs)))),
                ("role", &self.t(&format!("role.{}", needs.role().code()))),
                ("staff", &self.session.staff),
                ("current", &self.t(&format!("role.{}", role.code()))),
            ],
        ))
    }

    pub fn t(&self, key: &str) -> String {
        self.catalog.i18n.text(self.lang, key).to_string()
    }

    /// The styles of the theme in use.
    pub fn theme(&self) -> super::theme::Theme {
        self.session.theme.styles()
    }

    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.catalog.i18n.format(self.lang, key, args)
    }

    /// A language's name for staff (an ISO 639-3 code; the code itself if it is none).
    pub fn language_name(&self, code: &str) -> String {
        code.parse::<crate::domain::LanguageCode>().map_or_else(
            |_| code.to_string(),
            |c| crate::domain::language::name_of(&self.catalog.i18n, self.lang, c),
        )
    }
}

/// A context for unit tests of one screen: the embedded catalog, the default keymap, German,
/// 25 November 2026 at 10:00 in Valais.
#[cfg(test)]
pub fn test_shared() -> Shared {
    let catalog = Catalog::embedded();
    let directory_index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
    let local = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").expect("fixed");
    Shared {
        catalog,
        keymap: super::keymap::load_builtin("default").expect("built in"),
        session: Session {
            today: local.date_naive(),
            ..Session::default()
        },
        lang: "de".into(),
        directory_index,
        now: Now::at(local),
        search_focused: true,
    }
}

fn needs_code(needs: Needs) -> &'static str {
    match needs {
        Needs::Intake => "intake",
        Needs::Dossiers => "dossiers",
        Needs::Export => "export",
        Needs::Purge => "purge",
        Needs::Merge => "merge",
        Needs::ManageStaff => "manage_staff",
        Needs::Administer => "administer",
    }
}
