//! Checking a visitor in: a name or ticket number, the reason, urgency, language, interpreter.
//! Only the name or ticket is required, so a check-in takes a few keys.

use crate::domain::LanguageCode;
use crate::domain::Urgency;
use crate::domain::language::{self, VISITOR_LANGUAGES};
use crate::store::QueueEntry;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::overlays::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear};
use strum::IntoEnumIterator;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInField {
    Label,
    Reason,
    Urgency,
    Language,
    Interpreter,
}

const FIELDS: [CheckInField; 5] = [
    CheckInField::Label,
    CheckInField::Reason,
    CheckInField::Urgency,
    CheckInField::Language,
    CheckInField::Interpreter,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInForm {
    pub focus: CheckInField,
    pub label: String,
    pub reason: String,
    pub urgency: Urgency,
    /// The visitor's language, if known.
    pub language: Option<LanguageCode>,
    pub interpreter_needed: bool,
    /// Letters typed on the language field to find a language by name.
    pub language_query: String,
}

impl Default for CheckInForm {
    fn default() -> Self {
        CheckInForm {
            focus: CheckInField::Label,
            label: String::new(),
            reason: String::new(),
            urgency: Urgency::Normal,
            language: None,
            interpreter_needed: false,
            language_query: String::new(),
        }
    }
}

impl CheckInForm {
    pub fn type_char(&mut self, c: char, cx: &Ctx<'_>) {
        match self.focus {
            CheckInField::Label => self.label.push(c),
            CheckInField::Reason => self.reason.push(c),
            // Part of a name picks the language: "tigr" finds Tigrinya.
            CheckInField::Language if c != ' ' => {
                self.language_query.push(c);
                if let Some(best) = crate::tui::choose::language(cx, &self.language_query) {
                    self.language = Some(best);
                }
            }
            CheckInField::Interpreter if c == ' ' => {
                self.interpreter_needed = !self.interpreter_needed
            }
            _ => {}
        }
    }

    /// Handles an action; Confirm returns the entry to add when a name or ticket was given.
    pub fn handle(&mut self, action: Action, now_ms: i64) -> Option<Vec<Effect>> {
        let step = |list_len: usize, at: usize, forward: bool| {
            if forward {
                (at + 1) % list_len
            } else {
                (at + list_len - 1) % list_len
            }
        };
        // Leaving the field, or stepping the choice, starts a new search.
        if action != Action::DeleteChar {
            self.language_query.clear();
        }
        let index = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        match action {
            Action::NextField | Action::Down => {
                self.focus = FIELDS[step(FIELDS.len(), index, true)]
            }
            Action::PrevField | Action::Up => self.focus = FIELDS[step(FIELDS.len(), index, false)],
            Action::Left | Action::Right => {
                let forward = action == Action::Right;
                match self.focus {
                    CheckInField::Urgency => {
                        let all: Vec<Urgency> = Urgency::iter().collect();
                        let at = all.iter().position(|u| *u == self.urgency).unwrap_or(0);
                        self.urgency = all[step(all.len(), at, forward)];
                    }
                    CheckInField::Language => {
                        self.language = language::cycle(VISITOR_LANGUAGES, self.language, forward)
                    }
                    CheckInField::Interpreter => self.interpreter_needed = !self.interpreter_needed,
                    _ => {}
                }
            }
            Action::DeleteChar => match self.focus {
                CheckInField::Label => {
                    self.label.pop();
                }
                CheckInField::Reason => {
                    self.reason.pop();
                }
                _ => {}
            },
            Action::Confirm => {
                return Some(vec![Effect::CheckIn(QueueEntry {
                    id: uuid::Uuid::now_v7().to_string(),
                    label: self.label.trim().to_string(),
                    reason: self.reason.trim().to_string(),
                    urgency: self.urgency,
                    language: self.language,
                    interpreter_needed: self.interpreter_needed,
                    checked_in_ms: now_ms,
                })]);
            }
            _ => return None,
        }
        Some(Vec::new())
    }
}

pub fn render(cx: &Ctx<'_>, form: &CheckInForm, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(10).min(72);
    let language = form
        .language
        .map_or_else(|| cx.t("queue.unknown"), |l| language_label(cx, l.as_str()));
    let values = [
        (CheckInField::Label, "queue.label", form.label.clone()),
        (CheckInField::Reason, "queue.reason", form.reason.clone()),
        (
            CheckInField::Urgency,
            "queue.urgency",
            format!(
                "‹ {} ›",
                cx.t(&format!("urgency.{}", <&str>::from(form.urgency)))
            ),
        ),
        (
            CheckInField::Language,
            "queue.language",
            format!("‹ {language} ›"),
        ),
        (
            CheckInField::Interpreter,
            "queue.interpreter",
            if form.interpreter_needed {
                "[x]".into()
            } else {
                "[ ]".into()
            },
        ),
    ];
    // A long name or reason wraps in its field and the window grows with it: nothing typed
    // runs under the border.
    let rows: Vec<crate::tui::form::Row> = values
        .into_iter()
        .map(|(field, key, value)| {
            let focused = form.focus == field;
            crate::tui::form::Row {
                label: cx.t(key),
                value,
                value_style: if focused {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                },
                note: None,
                focused,
                text: focused && matches!(field, CheckInField::Label | CheckInField::Reason),
            }
        })
        .collect();
    let text_width = width.saturating_sub(2) as usize;
    let label_width =
        crate::tui::form::label_width(rows.iter().map(|r| r.label.as_str()), text_width);
    let lines = crate::tui::form::lay_out(&rows, text_width, label_width)
        .lines
        .len() as u16;
    let popup = centered(
        area,
        width,
        (lines + 4).clamp(9, area.height.saturating_sub(2)),
        3,
    );
    let footer = crate::tui::hints::footer(
        cx,
        crate::tui::keymap::Context::Form,
        &[
            (Action::Confirm, "check_in"),
            (Action::Close, "cancel"),
            (Action::NextField, "next_field"),
            (Action::Right, "choose"),
        ],
        (popup.width as usize).saturating_sub(4),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("queue.check_in")))
        .title_bottom(format!(" {footer} "));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    crate::tui::form::draw(frame, inner, &rows, label_width);
}

/// A language's name in the UI language where the app has one, else its code.
pub fn language_label(cx: &Ctx<'_>, code: &str) -> String {
    let name = cx.language_name(code);
    if name == code {
        code.to_string()
    } else {
        format!("{name} ({code})")
    }
}
