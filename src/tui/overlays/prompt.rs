//! A one-line question over the screen: why no service fits ("no suitable service"), or a
//! follow-up note to a saved visit.

use super::centered;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptState {
    /// What was searched for in the directory (for a follow-up note: who the visit was).
    pub searched_for: String,
    /// The text typed.
    pub reason: String,
    /// Set when the prompt asks for a follow-up note to this visit.
    pub note_for_visit: Option<String>,
}

impl PromptState {
    pub fn type_char(&mut self, c: char) {
        self.reason.push(c);
    }

    /// Edits; on Confirm returns the effect to save, when a reason was given.
    pub fn handle(&mut self, action: Action) -> Option<Vec<Effect>> {
        match action {
            Action::DeleteChar => {
                self.reason.pop();
            }
            Action::ClearInput => self.reason.clear(),
            Action::Confirm => {
                let text = self.reason.trim().to_string();
                return Some(vec![match &self.note_for_visit {
                    Some(id) => Effect::AddFollowUpNote {
                        visit_id: id.clone(),
                        text,
                    },
                    None => Effect::RecordUnmetNeed {
                        searched_for: self.searched_for.clone(),
                        reason: text,
                    },
                }]);
            }
            _ => return None,
        }
        Some(Vec::new())
    }
}

pub fn render(cx: &Ctx<'_>, state: &PromptState, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(10).min(70);
    let popup = centered(area, width, 7, 4);
    let (title, searched, reason) = if state.note_for_visit.is_some() {
        ("history.note_title", "intake.person", "intake.note")
    } else {
        ("unmet.title", "unmet.searched", "unmet.reason")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t(title)))
        .title_bottom(format!(" {} ", cx.t("unmet.footer")));
    let inner = block.inner(popup);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let label = format!("{}: ", cx.t(reason));
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", cx.t(searched)), bold),
            Span::raw(state.searched_for.clone()),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled(label.clone(), bold),
            Span::raw(state.reason.clone()),
        ]),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        popup,
    );
    let x = inner.x + (label.width() + state.reason.width()) as u16;
    frame.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1)),
        inner.y + 2,
    ));
}
