//! The Settings screen: what this desk runs with, and where its files are.

use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};

pub fn render(cx: &Ctx<'_>, frame: &mut Frame, area: Rect) {
    let session = &cx.session;
    let language = format!("{} ({})", cx.t("meta.name"), cx.lang);
    let data = session
        .data_dir
        .clone()
        .unwrap_or_else(|| cx.t("settings.data_embedded").to_string());
    let visits = session.visit_count.to_string();
    let rows = [
        ("settings.language", language.as_str()),
        ("settings.desk", session.desk.as_str()),
        ("settings.staff", session.staff.as_str()),
        ("settings.keymap", session.keymap.as_str()),
        ("settings.database", session.db_path.as_str()),
        ("settings.visits", visits.as_str()),
        ("settings.data", data.as_str()),
        ("settings.config", session.config_path.as_str()),
    ]
    .map(|(label, value)| {
        Row::new(vec![
            Line::from(cx.t(label).to_string())
                .style(Style::default().add_modifier(Modifier::BOLD)),
            Line::from(value.to_string()),
        ])
    });
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.settings")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let table_height = rows.len() as u16 + 1;
    let [table_area, note_area] =
        ratatui::layout::Layout::vertical([Constraint::Length(table_height), Constraint::Min(0)])
            .areas(inner);
    frame.render_widget(
        Table::new(rows, [Constraint::Length(26), Constraint::Min(10)]).column_spacing(2),
        table_area,
    );
    frame.render_widget(
        Paragraph::new(cx.t("placeholder.settings").to_string()).wrap(Wrap { trim: true }),
        note_area,
    );
}

/// The Settings screen has no state of its own: it shows the session.
#[derive(Debug, Default)]
pub struct SettingsScreen;

impl crate::tui::screens::Screen for SettingsScreen {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        Vec::new()
    }

    fn handle(
        &mut self,
        _action: crate::tui::Action,
        _cx: &Ctx<'_>,
    ) -> crate::tui::screens::Outcome {
        crate::tui::screens::Outcome::Ignored
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut Frame, area: Rect) {
        render(cx, frame, area)
    }
}
