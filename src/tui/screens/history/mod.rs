//! The History screen, first part: the latest visits as a table. Search, reading a visit,
//! follow-up notes and corrections come with the intake flow.

use crate::store::VisitSummary;
use crate::tui::app::App;
use crate::tui::fit::shorten_right;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Row, Table, TableState};

/// How many visits the list holds.
pub const LIMIT: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryState {
    pub visits: Vec<VisitSummary>,
    pub selected: usize,
}

impl HistoryState {
    pub fn handle(&mut self, action: crate::tui::Action) -> bool {
        use crate::tui::Action;
        let last = self.visits.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            _ => return false,
        }
        true
    }
}

pub fn render(app: &App, state: &HistoryState, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", app.t("screen.history")));
    if state.visits.is_empty() {
        frame.render_widget(
            ratatui::widgets::Paragraph::new(app.t("history.empty")).block(block),
            area,
        );
        return;
    }
    let widths = [
        Constraint::Length(16),
        Constraint::Length(14),
        Constraint::Fill(2),
        Constraint::Fill(3),
        Constraint::Length(10),
    ];
    let name_width = (area.width as usize).saturating_sub(16 + 14 + 10 + 8) * 2 / 5;
    let rows = state.visits.iter().map(|v| {
        let when = v
            .started_at
            .get(..16)
            .unwrap_or(&v.started_at)
            .replace('T', " ");
        let kind = app.t(&format!("history.kind_{}", v.kind.replace('-', "_")));
        let name = v.name.clone().unwrap_or_else(|| app.t("history.anonymous"));
        let topics: Vec<String> = v
            .topics
            .iter()
            .map(|t| {
                app.catalog
                    .topics
                    .get(t, &app.lang)
                    .map_or(t.clone(), |(topic, _)| topic.title.clone())
            })
            .collect();
        Row::new(vec![
            when,
            kind,
            // Cut by display width: names in any script keep the columns straight.
            shorten_right(&name, name_width),
            topics.join(", "),
            v.interpreter_language.clone().unwrap_or_default(),
        ])
    });
    let header = Row::new(vec![
        app.t("history.when"),
        app.t("history.kind"),
        app.t("history.name"),
        app.t("history.topics"),
        app.t("history.interpreter"),
    ])
    .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let mut table_state = TableState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block)
            .column_spacing(1)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED)),
        area,
        &mut table_state,
    );
}
