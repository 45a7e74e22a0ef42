//! The questions asked before work is destroyed or sent, what "yes" does, and the state they
//! read across screens: who is served, a running interpreter timer.

use super::{App, Effect};
use crate::tui::action::Action;
use crate::tui::overlays::Overlay;
use crate::tui::screens::ScreenId;

impl App {
    /// The information of the visit on screen: the intake's stage 2, or the Information screen's.
    pub(super) fn visit_information_mut(
        &mut self,
    ) -> &mut crate::tui::screens::information::InformationState {
        if self.screen == ScreenId::Intake {
            &mut self.screens.intake.information
        } else {
            &mut self.screens.information
        }
    }

    /// Minutes typed for the interpreter of the visit on screen (the intake keeps them in its draft).
    pub(super) fn set_interpreter_minutes(&mut self, minutes: u32) -> Vec<Effect> {
        if let Some(interpreter) = self.visit_information_mut().interpreter.as_mut() {
            interpreter.set_minutes(minutes);
        }
        if self.screen == ScreenId::Intake {
            vec![self.screens.intake.save_draft()]
        } else {
            Vec::new()
        }
    }

    /// The picker for the visitor's language of the visit on screen, with what is chosen so far.
    pub(super) fn language_picker(&self) -> Overlay {
        let (current, second) = match self.screen {
            ScreenId::Intake => {
                let i = &self.screens.intake.information;
                (i.visitor_lang, i.visitor_second)
            }
            ScreenId::Directory => (self.screens.directory.visitor_lang, None),
            _ => {
                let i = &self.screens.information;
                (i.visitor_lang, i.visitor_second)
            }
        };
        Overlay::LanguagePick(crate::tui::overlays::language_pick::LanguagePicker::new(
            current, second,
        ))
    }

    /// The visitor's language chosen for the visit on screen: its texts, its slips, and the
    /// interpreter's language where none is chosen yet. The intake keeps it in its draft.
    pub(super) fn set_visitor_language(
        &mut self,
        picked: crate::tui::overlays::language_pick::Picked,
    ) -> Vec<Effect> {
        use crate::tui::overlays::language_pick::Picked;
        if self.screen == ScreenId::Directory {
            if let Picked::Visitor(code) = picked {
                self.screens.directory.visitor_lang = code;
            }
            return Vec::new();
        }
        let information = self.visit_information_mut();
        match picked {
            Picked::Visitor(code) => information.choose_visitor_language(code),
            Picked::Second(code) => information.visitor_second = code,
        }
        if self.screen == ScreenId::Intake {
            let intake = &mut self.screens.intake;
            intake.directory.visitor_lang = intake.information.visitor_lang;
            vec![intake.save_draft()]
        } else {
            Vec::new()
        }
    }

    /// Who is being served: the visitor of the intake or of the Information screen.
    pub fn serving(&self) -> Option<String> {
        let intake = &self.screens.intake;
        if intake.in_progress()
            && let Some(who) = intake.who()
        {
            return Some(who);
        }
        self.screens.information.arrival.label.clone()
    }

    /// The interpreter's running timer, minutes and seconds, wherever the visit is shown from.
    pub fn running_timer(&self) -> Option<String> {
        let now = self.shared.now.instant;
        [&self.screens.intake.information, &self.screens.information]
            .into_iter()
            .filter_map(|i| i.interpreter.as_ref())
            .find(|i| i.running_since.is_some())
            .map(|i| {
                let seconds = i.elapsed(now).as_secs();
                format!("⏱ {:02}:{:02}", seconds / 60, seconds % 60)
            })
    }

    /// Quitting keeps everything, but an open intake or waiting visitors are worth a question.
    pub(super) fn ask_to_quit(&mut self) -> Vec<Effect> {
        let intake = self.screens.intake.in_progress();
        let information = self.screens.information.in_progress();
        let waiting = self.screens.queue.entries.len();
        if !intake && !information && waiting == 0 {
            return self.confirmed(crate::tui::overlays::Confirmed::Quit);
        }
        let mut parts = Vec::new();
        if intake {
            let who = self
                .screens
                .intake
                .who()
                .unwrap_or_else(|| self.t("history.anonymous"));
            parts.push(self.tf("confirm.quit_intake", &[("who", &who)]));
        }
        if information {
            // An Information visit has no draft: what it would lose is said before it goes.
            let state = &self.screens.information;
            let who = state
                .arrival
                .label
                .clone()
                .unwrap_or_else(|| self.t("history.anonymous"));
            let key = crate::tui::hints::key_for(
                &self.ctx(),
                crate::tui::keymap::Context::Form,
                Action::SaveVisit,
            )
            .unwrap_or_default();
            parts.push(self.shared.catalog.i18n.format_count(
                &self.shared.lang,
                "confirm.quit_information",
                state.given.len() as u64,
                &[("who", &who), ("save", &key)],
            ));
            if state.arrival.queue_entry().is_some() {
                parts.push(self.tf("confirm.quit_information_queue", &[("who", &who)]));
            }
        }
        if waiting > 0 {
            parts.push(self.shared.catalog.i18n.format_count(
                &self.shared.lang,
                "confirm.quit_waiting",
                waiting as u64,
                &[],
            ));
        }
        parts.push(self.t("confirm.quit"));
        self.overlay = Some(Overlay::Confirm(crate::tui::overlays::ConfirmState {
            title: self.t("confirm.quit_title"),
            question: parts.join(" "),
            then: crate::tui::overlays::Confirmed::Quit,
        }));
        Vec::new()
    }

    /// The question before an unfinished intake is thrown away: whose, and since when.
    pub(super) fn discard_question(
        &self,
        draft: &crate::store::Draft,
    ) -> crate::tui::overlays::ConfirmState {
        let (who, started) =
            crate::tui::overlays::draft::summary(draft, &self.t("history.anonymous"));
        crate::tui::overlays::ConfirmState {
            title: self.t("confirm.discard_title"),
            question: self.tf("confirm.discard", &[("who", &who), ("started", &started)]),
            then: crate::tui::overlays::Confirmed::DiscardDraft(draft.clone()),
        }
    }

    /// What "yes" does.
    pub(super) fn confirmed(&mut self, then: crate::tui::overlays::Confirmed) -> Vec<Effect> {
        use crate::tui::overlays::Confirmed;
        match then {
            Confirmed::Quit => {
                self.quit = true;
                // What was typed since the last draft goes into it before the program ends, and
                // a visitor taken from the queue to Information waits in it again.
                let mut effects: Vec<Effect> =
                    self.screens.intake.unsaved_draft().into_iter().collect();
                effects.extend(
                    self.screens
                        .information
                        .arrival
                        .queue_entry()
                        .map(Effect::CheckIn),
                );
                effects
            }
            Confirmed::DiscardDraft(draft) => {
                self.message = Some(self.t("confirm.discarded"));
                vec![Effect::DiscardDraft(draft.id)]
            }
            Confirmed::Export => vec![Effect::StartExport],
            Confirmed::MergePersons { kept, merged } => {
                vec![Effect::MergePersons { kept, merged }]
            }
            Confirmed::StopTimerAndSave => {
                let now = self.shared.now.instant;
                if let Some(interpreter) = self.visit_information_mut().interpreter.as_mut() {
                    interpreter.stop(now);
                }
                self.update(Action::SaveVisit)
            }
            Confirmed::PutBack => {
                let information = std::mem::take(&mut self.screens.information);
                self.screen = ScreenId::Queue;
                self.putting_back = information.arrival.label.clone();
                // The check-in's answer says the visitor is waiting again.
                information
                    .arrival
                    .queue_entry()
                    .map(Effect::CheckIn)
                    .into_iter()
                    .collect()
            }
        }
    }
}
