//! Typing the interpreter's minutes: for interpreting that was not timed, or to correct the timer.

use super::centered;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The most minutes one visit records (ten hours).
pub const MAX_MINUTES: u32 = 600;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MinutesForm {
    pub text: String,
    /// The minutes shown are what was counted: the first digit typed replaces them.
    pub replace: bool,
}

impl MinutesForm {
    /// The form with what is counted so far, replaced by what is typed.
    pub fn counted(minutes: u32) -> MinutesForm {
        MinutesForm {
            text: minutes.to_string(),
            replace: true,
        }
    }

    pub fn type_char(&mut self, c: char) {
        if std::mem::take(&mut self.replace) {
            self.text.clear();
        }
        // A few characters are enough for 600; more is a typing slip.
        if self.text.chars().count() < 6 {
            self.text.push(c);
        }
    }

    /// The minutes typed, or what is wrong with them.
    pub fn minutes(&self) -> Result<u32, String> {
        let text = self.text.trim();
        text.parse::<u32>()
            .ok()
            .filter(|m| *m <= MAX_MINUTES)
            .ok_or_else(|| text.to_string())
    }
}

pub fn render(cx: &Ctx<'_>, form: &MinutesForm, frame: &mut Frame, area: Rect) {
    let popup = centered(area, area.width.saturating_sub(10).min(50), 5, 4);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("info.minutes_title")))
        .title_bottom(format!(
            " {} ",
            super::prompt::save_or_cancel(cx, popup.width)
        ));
    let inner = block.inner(popup);
    let label = format!("{}: ", cx.t("info.minutes_prompt"));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), bold),
            Span::raw(form.text.clone()),
        ])),
        inner,
    );
    let x = inner.x + (label.width() + form.text.width()) as u16;
    if x < inner.right() {
        frame.set_cursor_position(Position::new(x, inner.y));
    }
}
