//! A desk for tests of whole screens: a demo database behind the state, keys through the state,
//! effects carried out at once by the real jobs, the screen drawn on a test backend.

use super::action::Action;
use super::app::{App, Session};
use super::effect::Effect;
use crate::catalog::Catalog;
use crate::store::{QueueEntry, Store};

/// A desk with a demo database behind it: keys go through the state and its effects are
/// carried out at once by the real jobs.
pub struct Desk {
    pub app: App,
    pub store: Store,
    pub catalog: Catalog,
    _dir: tempfile::TempDir,
}

impl Desk {
    pub fn new(lang: &str) -> Desk {
        Desk::with_keymap(lang, super::keymap::load_builtin("default").unwrap())
    }

    /// A desk whose keys are those of `keymap`.
    pub fn with_keymap(lang: &str, keymap: super::keymap::Keymap) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("visits.db")).unwrap();
        let catalog = Catalog::embedded();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").unwrap();
        store
            .insert_visits(crate::demo::visits(crate::demo::DemoOptions {
                visits: 120,
                seed: 7,
                now,
                communes: catalog.communes.iter().map(|c| c.bfs_nr).collect(),
                catalog: Some(catalog.clone()),
            }))
            .unwrap();
        // Waiting visitors with the longest names and reasons a desk sees.
        for (n, (label, reason)) in [
            (
                "Von Hohenberg-Schwarzenbach-Oberländer, Maximilian-Alexander Friedrich",
                "Demande de prestations complémentaires et aide au logement urgente",
            ),
            ("Ticket 12", "Mietschulden"),
        ]
        .into_iter()
        .enumerate()
        {
            let entry = QueueEntry {
                id: format!("q-{n}"),
                label: label.into(),
                reason: reason.into(),
                urgency: crate::domain::Urgency::ThisWeek,
                language: "kmr".parse().ok(),
                interpreter_needed: true,
                checked_in_ms: now.timestamp_millis() - 600_000,
            };
            store.queue_add("desk-1", &entry).unwrap();
        }
        let session = Session {
            desk: "Visp 1".into(),
            staff: "mb".into(),
            db_path: dir.path().join("visits.db").display().to_string(),
            config_path: "/home/desk/.config/intake-desk/config.toml".into(),
            keymap: "default".into(),
            today: now.date_naive(),
            ..Session::default()
        };
        let mut app = App::new(catalog.clone(), keymap, session, lang.into());
        app.set_now(super::context::Now::at(now));
        let queue = store.queue_waiting().unwrap();
        app.starting_with(queue, None);
        Desk {
            app,
            store,
            catalog,
            _dir: dir,
        }
    }

    pub fn press(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.carry(effects);
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let key: super::keymap::Key = if c == ' ' {
                "space".parse().unwrap()
            } else {
                c.to_string().parse().unwrap()
            };
            let effects = self.app.handle_key(key);
            self.carry(effects);
        }
    }

    pub fn carry(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            super::effects::apply_now(effect, &mut self.app, &mut self.store, &self.catalog);
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.app.t(key)
    }

    pub fn text(&self, width: u16, height: u16) -> String {
        super::render::screen_text(&self.app, width, height)
    }
}
