//! The Glossary screen: find a term in any of its languages and see it in all four, so that an
//! interpreter and the desk use the same words.

use crate::catalog::{Catalog, Term};
use crate::search;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::screens::Outcome;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlossaryState {
    pub query: String,
    pub selected: usize,
}

impl GlossaryState {
    /// Terms matching the query in any language, best first.
    pub fn hits<'c>(&self, catalog: &'c Catalog) -> Vec<&'c Term> {
        search::rank(
            &self.query,
            catalog.glossary.iter().map(|t| (t, t.terms.join(" "))),
        )
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.selected = 0;
    }

    pub fn handle(&mut self, action: Action, catalog: &Catalog) -> bool {
        let count = self.hits(catalog).len();
        if let Some(at) = crate::tui::list::moved(self.selected, action, count) {
            self.selected = at;
            return true;
        }
        match action {
            Action::DeleteChar => {
                self.query.pop();
                self.selected = 0;
            }
            Action::ClearInput => {
                self.query.clear();
                self.selected = 0;
            }
            _ => return false,
        }
        true
    }
}

pub fn render(cx: &Ctx<'_>, state: &GlossaryState, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.glossary")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search_area, table_area, explanation_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(4),
    ])
    .areas(inner);
    let label = format!("{}: ", cx.t("info.search"));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(state.query.clone()),
        ])),
        search_area,
    );
    let x = search_area.x + (label.width() + state.query.width()) as u16;
    frame.set_cursor_position(Position::new(
        x.min(search_area.right().saturating_sub(1)),
        search_area.y,
    ));
    let hits = state.hits(cx.catalog);
    let header = Row::new(["Deutsch", "Français", "English", "Italiano"])
        .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let rows = hits.iter().map(|t| Row::new(t.terms.clone()));
    let mut table_state = TableState::default()
        .with_selected((!hits.is_empty()).then(|| state.selected.min(hits.len() - 1)));
    frame.render_stateful_widget(
        Table::new(rows, [Constraint::Ratio(1, 4); 4])
            .header(header)
            .column_spacing(1)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED)),
        table_area,
        &mut table_state,
    );
    if let Some(term) = hits.get(crate::tui::list::clamped(state.selected, hits.len())) {
        frame.render_widget(
            Paragraph::new(term.explanation(cx.lang).to_string())
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP)),
            explanation_area,
        );
    }
}

impl crate::tui::screens::Screen for GlossaryState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        vec![
            Up, Down, PageUp, PageDown, First, Last, DeleteChar, ClearInput,
        ]
    }

    fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Outcome {
        Outcome::taken(GlossaryState::handle(self, action, cx.catalog))
    }

    fn type_char(&mut self, c: char, _cx: &Ctx<'_>) -> Outcome {
        GlossaryState::type_char(self, c);
        Outcome::Handled
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut Frame, area: Rect) {
        render(cx, self, frame, area)
    }
}
