//! A screen that a later issue fills: its title and a plain statement of what it will hold.

use super::ScreenId;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn render(app: &App, screen: ScreenId, frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from(Span::styled(
            app.t("placeholder.coming"),
            Style::default().add_modifier(Modifier::ITALIC),
        )),
        Line::default(),
        Line::from(app.t(&format!("placeholder.{}", screen.key())).to_string()),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", app.t(&screen.title_key())));
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
