//! A one-line question over the screen: here, why no service fits ("no suitable service").

use super::centered;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptState {
    /// What was searched for in the directory.
    pub searched_for: String,
    pub reason: String,
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
                return Some(vec![Effect::RecordUnmetNeed {
                    searched_for: self.searched_for.clone(),
                    reason: self.reason.trim().to_string(),
                }]);
            }
            _ => return None,
        }
        Some(Vec::new())
    }
}

pub fn render(app: &App, state: &PromptState, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(10).min(70);
    let popup = centered(area, width, 7, 4);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", app.t("unmet.title")))
        .title_bottom(format!(" {} ", app.t("unmet.footer")));
    let inner = block.inner(popup);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let label = format!("{}: ", app.t("unmet.reason"));
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", app.t("unmet.searched")), bold),
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
