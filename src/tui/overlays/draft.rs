//! The question at start when an intake was left unfinished: continue it, or discard it.

use super::centered;
use crate::store::Draft;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn render(app: &App, draft: &Draft, frame: &mut Frame, area: Rect) {
    let popup = centered(area, area.width.saturating_sub(10).min(70), 6, 4);
    let saved = draft
        .updated_at
        .get(..16)
        .unwrap_or(&draft.updated_at)
        .replace('T', " ");
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(app.tf("draft.text", &[("saved", &saved)]))
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" {} ", app.t("draft.title"))),
            ),
        popup,
    );
}
