//! A one-line question over the screen: why no service fits ("no suitable service"), a
//! follow-up note to a saved visit, or the day of an appointment made with a service.

use super::centered;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear};

/// What the prompt asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Asks {
    /// Why no service fits what was searched for.
    #[default]
    UnmetNeed,
    /// A note added to this saved visit.
    FollowUpNote { visit_id: String },
    /// The day of the appointment made with this service.
    Appointment { service_id: String },
    /// What to look for in the list shown (`/`).
    Find,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptState {
    pub asks: Asks,
    /// What the answer is about: what was searched for, who the visit was, the service.
    pub about: String,
    /// The text typed.
    pub reason: String,
    /// Why the last answer was refused (a UI string key), shown until the next key.
    pub problem: Option<&'static str>,
}

impl PromptState {
    pub fn type_char(&mut self, c: char) {
        self.problem = None;
        self.reason.push(c);
    }

    /// Edits; on Confirm returns the effect to carry out, or keeps the prompt open with the
    /// problem when the answer cannot be taken (`today` decides whether a day is past).
    pub fn handle(&mut self, action: Action, today: chrono::NaiveDate) -> Option<Vec<Effect>> {
        self.problem = None;
        match action {
            Action::DeleteChar => {
                self.reason.pop();
            }
            Action::ClearInput => self.reason.clear(),
            Action::Confirm => {
                let text = self.reason.trim().to_string();
                if text.is_empty() {
                    self.problem = Some(match self.asks {
                        Asks::UnmetNeed => "unmet.reason_needed",
                        Asks::FollowUpNote { .. } => "history.note_needed",
                        Asks::Appointment { .. } => "appointment.needed",
                        Asks::Find => "find.needed",
                    });
                    return Some(Vec::new());
                }
                return Some(vec![match &self.asks {
                    Asks::Find => Effect::Find(text),
                    Asks::FollowUpNote { visit_id } => Effect::AddFollowUpNote {
                        visit_id: visit_id.clone(),
                        text,
                    },
                    Asks::UnmetNeed => Effect::RecordUnmetNeed {
                        searched_for: self.about.clone(),
                        reason: text,
                    },
                    Asks::Appointment { service_id } => {
                        match crate::domain::period::parse_day(&text) {
                            None => {
                                self.problem = Some("appointment.not_a_date");
                                return Some(Vec::new());
                            }
                            Some(day) if day < today => {
                                self.problem = Some("appointment.past");
                                return Some(Vec::new());
                            }
                            Some(on) => Effect::SetAppointment {
                                service_id: service_id.clone(),
                                on,
                            },
                        }
                    }
                }]);
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// The answer was taken: the prompt closes.
    pub fn answered(&self, effects: &[Effect]) -> bool {
        !effects.is_empty()
    }
}

/// "Enter: save · Esc: cancel" with the keys of the keymap: the footer of a small window.
pub fn save_or_cancel(cx: &Ctx<'_>, width: u16) -> String {
    crate::tui::hints::footer(
        cx,
        crate::tui::keymap::Context::Form,
        &[(Action::Confirm, "save"), (Action::Close, "cancel")],
        (width as usize).saturating_sub(4),
    )
}

pub fn render(cx: &Ctx<'_>, state: &PromptState, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(10).min(70);
    let (title, about, answer) = match state.asks {
        Asks::FollowUpNote { .. } => ("history.note_title", "intake.person", "intake.note"),
        Asks::UnmetNeed => ("unmet.title", "unmet.searched", "unmet.reason"),
        Asks::Appointment { .. } => (
            "appointment.title",
            "appointment.service",
            "appointment.day",
        ),
        Asks::Find => ("find.title", "find.in", "find.what"),
    };
    // What it is about, then the answer being typed, laid out like a form: a long answer
    // wraps, the window grows with it to the screen's edge and then scrolls, the cursor follows.
    let rows = [
        crate::tui::form::Row {
            label: cx.t(about),
            value: state.about.clone(),
            value_style: Style::default(),
            note: None,
            focused: false,
            text: false,
        },
        crate::tui::form::Row {
            label: cx.t(answer),
            value: state.reason.clone(),
            value_style: Style::default(),
            note: state.problem.map(|key| (cx.t(key), cx.theme().error)),
            focused: true,
            text: true,
        },
    ];
    let room = width.saturating_sub(2) as usize;
    let label_width = crate::tui::form::label_width(rows.iter().map(|r| r.label.as_str()), room);
    let lines = crate::tui::form::lay_out(&rows, room, label_width)
        .lines
        .len() as u16;
    let top = 4.min(area.height / 6);
    let popup = centered(area, width, (lines + 2).max(5), top);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t(title)))
        .title_bottom(format!(" {} ", save_or_cancel(cx, width)));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    crate::tui::form::draw(frame, inner, &rows, label_width);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appointment_must_be_a_day_today_or_later() {
        let today: chrono::NaiveDate = "2026-12-02".parse().unwrap();
        let mut prompt = PromptState {
            asks: Asks::Appointment {
                service_id: "lavi".into(),
            },
            ..Default::default()
        };
        for c in "morgen".chars() {
            prompt.type_char(c);
        }
        assert_eq!(prompt.handle(Action::Confirm, today), Some(Vec::new()));
        assert_eq!(prompt.problem, Some("appointment.not_a_date"));
        prompt.reason = "01.12.2026".into();
        prompt.handle(Action::Confirm, today);
        assert_eq!(prompt.problem, Some("appointment.past"));
        prompt.reason = "03.12.2026".into();
        assert_eq!(
            prompt.handle(Action::Confirm, today),
            Some(vec![Effect::SetAppointment {
                service_id: "lavi".into(),
                on: "2026-12-03".parse().unwrap(),
            }])
        );
    }
}
