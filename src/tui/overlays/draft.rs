//! The question at start when an intake was left unfinished: continue it, or discard it.

use super::centered;
use crate::store::Draft;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn render(cx: &Ctx<'_>, draft: &Draft, frame: &mut Frame, area: Rect) {
    let popup = centered(area, area.width.saturating_sub(10).min(70), 6, 4);
    let saved = draft
        .updated_at
        .get(..16)
        .unwrap_or(&draft.updated_at)
        .replace('T', " ");
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(cx.tf("draft.text", &[("saved", &saved)]))
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" {} ", cx.t("draft.title"))),
            ),
        popup,
    );
}
