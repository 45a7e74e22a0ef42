//! Keys given to the window open over the screen: the palette, a prompt, the draft offer, the
//! check-in form, a question, the minutes, help.

use super::{App, Effect};
use crate::tui::action::Action;
use crate::tui::overlays::Overlay;
use crate::tui::screens::ScreenId;
use crate::tui::screens::intake::IntakeState;

impl App {
    /// An action given to the open window; `None` when the window leaves it to the shell.
    pub(super) fn overlay_update(&mut self, action: Action) -> Option<Vec<Effect>> {
        let now = self.shared.now.epoch_ms();
        let overlay = self.overlay.as_mut()?;
        match overlay {
            Overlay::Palette(palette) => match action {
                Action::Close | Action::Palette => self.overlay = None,
                Action::NextField => {
                    if let Some(done) = super::super::overlays::palette_command::complete(
                        &palette.query,
                        &self.shared.catalog.i18n,
                        self.shared.session.today,
                    ) {
                        palette.query = done;
                        palette.selected = 0;
                    }
                }
                Action::Confirm => {
                    if let Some(command) = super::super::overlays::palette_command::parse(
                        &palette.query,
                        &self.shared.catalog.i18n,
                        &self.shared.lang,
                        self.shared.session.today,
                    ) {
                        // A command that cannot run keeps the palette open with the reason.
                        let Ok(command) = command else {
                            return Some(Vec::new());
                        };
                        self.overlay = None;
                        return Some(self.run_command(command));
                    }
                    let chosen =
                        palette.selected_action(&self.shared.catalog.i18n, &self.shared.lang);
                    self.overlay = None;
                    return Some(match chosen {
                        Some(action) => self.update(action),
                        None => Vec::new(),
                    });
                }
                _ if {
                    let count = palette
                        .matches(&self.shared.catalog.i18n, &self.shared.lang)
                        .len();
                    palette.handle(action, count)
                } => {}
                _ => return None,
            },
            Overlay::Prompt(prompt) => match action {
                Action::Close => self.overlay = None,
                _ => {
                    let effects = prompt.handle(action, self.shared.session.today)?;
                    if prompt.answered(&effects) {
                        self.overlay = None;
                    }
                    return Some(effects);
                }
            },
            Overlay::RestoreDraft(draft) => match action {
                Action::Confirm => {
                    match IntakeState::from_draft(&draft.data) {
                        Ok(intake) => {
                            self.screens.intake = intake;
                            self.screen = ScreenId::Intake;
                        }
                        // It stays in the database: nothing typed is thrown away.
                        Err(e) => {
                            self.message =
                                Some(self.tf("draft.unreadable", &[("error", &e.to_string())]))
                        }
                    }
                    self.overlay = None;
                }
                Action::Close => {
                    let draft = draft.clone();
                    let question = self.discard_question(&draft);
                    self.overlay = Some(Overlay::Confirm(question));
                }
                Action::Quit => return None,
                _ => {}
            },
            Overlay::CheckIn(form) => match action {
                Action::Close => self.overlay = None,
                Action::Confirm if form.label.trim().is_empty() => {
                    self.message = Some(self.t("queue.label_needed"));
                }
                _ => {
                    let effects = form.handle(action, now)?;
                    if action == Action::Confirm {
                        self.overlay = None;
                    }
                    return Some(effects);
                }
            },
            Overlay::Minutes(form) => match action {
                Action::Close => self.overlay = None,
                Action::DeleteChar => {
                    form.replace = false;
                    form.text.pop();
                }
                Action::ClearInput => form.text.clear(),
                Action::Confirm => match form.minutes() {
                    Ok(minutes) => {
                        self.overlay = None;
                        return Some(self.set_interpreter_minutes(minutes));
                    }
                    Err(value) => {
                        self.message = Some(self.tf("info.minutes_bad", &[("value", &value)]));
                    }
                },
                _ => {}
            },
            Overlay::LanguagePick(picker) => match action {
                Action::Close => self.overlay = None,
                _ => {
                    let cx = self.shared.ctx(self.screen);
                    if let Some(picked) = picker.handle(action, &cx) {
                        self.overlay = None;
                        return Some(self.set_visitor_language(picked));
                    }
                }
            },
            Overlay::Confirm(confirm) => match action {
                // Enter alone does not destroy work (see `Confirmed::destroys`).
                Action::Confirm if confirm.then.destroys() => {}
                Action::Confirm => {
                    let then = confirm.then.clone();
                    self.overlay = None;
                    return Some(self.confirmed(then));
                }
                Action::Close => {
                    // "No" to discarding goes back to the question it came from.
                    self.overlay = match &confirm.then {
                        crate::tui::overlays::Confirmed::DiscardDraft(draft) => {
                            Some(Overlay::RestoreDraft(draft.clone()))
                        }
                        _ => None,
                    };
                }
                _ => {}
            },
            Overlay::ServiceEdit(form) => match action {
                Action::Close => self.overlay = None,
                Action::Quit => return None,
                _ => {
                    if let Some(effects) = form.handle(action) {
                        self.overlay = None;
                        return Some(effects);
                    }
                }
            },
            Overlay::SamePerson(question) => match action {
                // Back to the intake: nothing is saved and nothing typed is lost.
                Action::Close => {
                    self.overlay = None;
                    self.message = Some(self.t("same_person.not_saved"));
                }
                Action::Quit => return None,
                _ => {
                    if let Some(effects) = question.handle(action) {
                        self.overlay = None;
                        return Some(effects);
                    }
                }
            },
            Overlay::Dossier(dossier) => match action {
                Action::Close if dossier.merging.is_some() => dossier.merging = None,
                Action::Close | Action::Dossier => self.overlay = None,
                Action::MergePerson => {
                    let key = dossier.key();
                    let person = dossier.person().cloned();
                    let (Some(key), Some(person)) = (key, person) else {
                        return Some(Vec::new());
                    };
                    let likeness = crate::store::Likeness::of_record(&person);
                    return Some(vec![Effect::FindLookAlikes { key, likeness }]);
                }
                Action::Confirm if dossier.merging.is_some() => {
                    let kept = dossier.person().cloned();
                    let chosen = dossier
                        .merging
                        .as_ref()
                        .and_then(|m| m.candidates.get(m.selected).cloned());
                    if let (Some(kept), Some(chosen)) = (kept, chosen)
                        && let (Some(kept_key), Some(merged_key)) =
                            (kept.stable_id.clone(), chosen.person.stable_id.clone())
                    {
                        // With the birth date: two records of one name must be told apart.
                        let who = |p: &crate::store::PersonRecord| {
                            let born = p
                                .birth_date
                                .as_deref()
                                .map_or_else(String::new, |b| format!(", {b}"));
                            format!("{}, {}{born}", p.official_name, p.first_name)
                        };
                        let question = crate::tui::overlays::ConfirmState {
                            title: self.t("dossier.merge_title"),
                            question: self.shared.catalog.i18n.format_count(
                                &self.shared.lang,
                                "dossier.merge_question",
                                chosen.visits.into(),
                                &[("merged", &who(&chosen.person)), ("kept", &who(&kept))],
                            ),
                            then: crate::tui::overlays::Confirmed::MergePersons {
                                kept: kept_key,
                                merged: merged_key,
                            },
                        };
                        // "No" gives the dossier back as it was.
                        self.beneath = self.overlay.take();
                        self.overlay = Some(Overlay::Confirm(question));
                    }
                }
                _ if dossier.handle(action) => {}
                Action::Confirm => {}
                _ => return None,
            },
            Overlay::Help(help) => match action {
                Action::Close | Action::Help => self.overlay = None,
                // Keys of the dossier, which shares these bindings, do nothing in help (and
                // never reach the screen beneath).
                Action::Confirm | Action::MergePerson => {}
                _ if help.handle(action) => {}
                _ => return None,
            },
        }
        Some(Vec::new())
    }
}
