//! What the keys do beyond a screen's own: a modal keymap's counts and search line, `/` with
//! `n`/`N` in the lists without a search line, undo, the palette's commands with arguments,
//! and the word when an action belongs to another screen.

use super::App;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Context, Key, Resolution};
use crate::tui::screens::ScreenId;

/// How long a destructive list action can be taken back.
const UNDO_FOR: std::time::Duration = std::time::Duration::from_secs(300);

/// A visitor noted as gone unseen, who can be put back in the queue.
#[derive(Debug, Clone)]
pub(super) struct Undoable {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) at: std::time::Instant,
}

impl App {
    /// A digit before a movement in a modal keymap's list context: a count, not a command.
    pub(super) fn counted(&mut self, key: &Key) -> bool {
        let Some(digit) = key.typed_char().and_then(|c| c.to_digit(10)) else {
            return false;
        };
        if !self.shared.keymap.modal()
            || !self.pending.is_empty()
            || self.context() != Context::List
            || (digit == 0 && self.count.is_none())
            || self
                .shared
                .keymap
                .resolve(Context::List, std::slice::from_ref(key))
                != Resolution::Unbound
        {
            return false;
        }
        let count = self
            .count
            .unwrap_or(0)
            .saturating_mul(10)
            .saturating_add(digit);
        self.count = Some(count.min(9999));
        true
    }

    /// An action with the count typed before it: movements repeat, others forget the count.
    pub(super) fn update_counted(&mut self, action: Action) -> Vec<Effect> {
        let times = self.count.take().unwrap_or(1);
        let moves = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::HalfPageUp
                | Action::HalfPageDown
        );
        if !moves || times <= 1 {
            return self.update(action);
        }
        let mut effects = Vec::new();
        for _ in 0..times {
            effects.extend(self.update(action));
        }
        effects
    }

    /// A modal keymap's search line: `/` goes in, `Esc` and `Enter` come out (keeping the
    /// query); `None` when `action` is not about it.
    pub(super) fn search_mode(&mut self, action: Action) -> Option<Vec<Effect>> {
        if !self.shared.keymap.modal() || self.overlay.is_some() {
            return None;
        }
        let has_search = self.screen.context() == Context::Picker;
        match action {
            // `i` inserts on a screen with a search line, as `/` does.
            Action::FocusSearch | Action::StartIntake
                if has_search && !self.shared.search_focused =>
            {
                self.shared.search_focused = true;
                Some(Vec::new())
            }
            Action::Close | Action::Confirm if has_search && self.shared.search_focused => {
                self.shared.search_focused = false;
                Some(Vec::new())
            }
            _ => None,
        }
    }

    /// Selects the next (or previous) row of the Queue or the Export list holding what `/`
    /// looked for; `at_selection` lets the selected row itself count (a new search).
    pub(super) fn find_in_list(&mut self, forward: bool, at_selection: bool) {
        let Some(query) = self.find.clone() else {
            self.message = Some(self.t("find.nothing_yet"));
            return;
        };
        let (rows, selected): (Vec<String>, &mut usize) = match self.screen {
            ScreenId::Queue => (
                self.screens
                    .queue
                    .entries
                    .iter()
                    .map(|e| format!("{} {}", e.label, e.reason))
                    .collect(),
                &mut self.screens.queue.selected,
            ),
            ScreenId::Export => (
                self.screens
                    .export
                    .batches
                    .iter()
                    .map(|b| format!("{} {} {} {}", b.id, b.created_at, b.format, b.target))
                    .collect(),
                &mut self.screens.export.selected,
            ),
            _ => {
                self.message = Some(self.t("message.no_search"));
                return;
            }
        };
        // A new search may stay on the selected row; n and N move on from it.
        let from = if at_selection && !rows.is_empty() {
            (*selected + rows.len() - 1) % rows.len()
        } else {
            *selected
        };
        match crate::tui::find::next_match(&rows, &query, from, forward) {
            Some(at) => *selected = at,
            None => self.message = Some(self.tf("find.none", &[("query", &query)])),
        }
    }

    /// A palette command with its argument.
    pub(super) fn run_command(
        &mut self,
        command: crate::tui::overlays::palette_command::Command,
    ) -> Vec<Effect> {
        use crate::tui::overlays::palette_command::Command;
        match command {
            Command::Report(period) => {
                self.screens.reports.period = Some(period);
                self.screens.reports.scroll = 0;
                self.update(Action::ScreenReports)
            }
            Command::Language(code) => {
                self.shared.lang = code;
                self.message = Some(self.tf(
                    "message.language_changed",
                    &[("language", &self.t("meta.name"))],
                ));
                vec![Effect::SaveLanguage(self.shared.lang.clone())]
            }
            Command::Goto(screen) => self.update(screen.action()),
            Command::Export => {
                let mut effects = self.update(Action::ScreenExport);
                if self.screen == ScreenId::Export {
                    effects.extend(self.update(Action::Confirm));
                }
                effects
            }
        }
    }

    /// Takes back the last visitor noted as gone unseen, for [`UNDO_FOR`] after.
    pub(super) fn undo(&mut self) -> Vec<Effect> {
        match self.undo.take() {
            Some(undo) if self.shared.now.instant.duration_since(undo.at) <= UNDO_FOR => {
                vec![Effect::ReopenQueueEntry {
                    id: undo.id,
                    label: undo.label,
                }]
            }
            _ => {
                self.message = Some(self.t("message.nothing_to_undo"));
                Vec::new()
            }
        }
    }

    /// An action of other screens, asked for here (from the palette, a key of another screen):
    /// says where it works rather than doing nothing without a word.
    pub(super) fn not_here(&mut self, action: Action) {
        if self.screens.get(self.screen).actions().contains(&action) {
            return;
        }
        let elsewhere: Vec<String> = ScreenId::ALL
            .into_iter()
            .filter(|s| *s != self.screen && self.screens.get(*s).actions().contains(&action))
            .map(|s| self.t(&s.title_key()))
            .collect();
        if elsewhere.is_empty() {
            return;
        }
        self.message = Some(self.tf(
            "message.not_here",
            &[
                ("action", &self.t(&action.label_key())),
                ("screens", &elsewhere.join(", ")),
            ],
        ));
    }
}
