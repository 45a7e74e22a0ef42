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
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlossaryState {
    pub query: String,
    pub selected: usize,
    /// Where a long explanation is scrolled to (it marks where it continues).
    pub explanation_scroll: crate::tui::fit::TextScroll,
    /// The language of the visitor being served, when a visit is under way.
    pub visitor: Option<crate::domain::LanguageCode>,
    /// The selected term fills the screen, in the visitor's language, for the visitor.
    pub client_view: bool,
}

impl GlossaryState {
    /// Terms matching the query in any language, best first.
    pub fn hits<'c>(&self, catalog: &'c Catalog) -> Vec<&'c Term> {
        search::rank(
            &self.query,
            catalog
                .glossary
                .iter()
                .map(|t| (t, catalog.term_search_text(t))),
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
            Action::ClientView => self.client_view = !self.client_view,
            Action::Close if self.client_view => self.client_view = false,
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

/// The topics file language of the visitor, where it has a glossary.
fn visitor_file<'c>(cx: &Ctx<'c>, state: &GlossaryState) -> Option<&'c str> {
    let code = state.visitor?;
    cx.catalog.topics.language_for(code.as_str())
}

pub fn render(cx: &Ctx<'_>, state: &GlossaryState, frame: &mut Frame, area: Rect) {
    if state.client_view {
        return render_client_view(cx, state, frame, area);
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.glossary")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search_area, table_area, explanation_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(7),
    ])
    .areas(inner);
    let label = format!("{}: ", cx.t("info.search"));
    let (query, cursor) = crate::tui::fit::typed(&label, &state.query, search_area.width);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label, Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(query),
        ])),
        search_area,
    );
    frame.set_cursor_position(Position::new(search_area.x + cursor, search_area.y));
    let hits = state.hits(cx.catalog);
    let header = ["Deutsch", "Français", "English", "Italiano"];
    let rows = hits
        .iter()
        .map(|t| crate::tui::table::Cells::new(t.terms.to_vec()))
        .collect();
    let selected =
        (!hits.is_empty()).then(|| crate::tui::list::clamped(state.selected, hits.len()));
    crate::tui::table::draw(
        frame,
        table_area,
        Some(header.iter().map(|h| h.to_string()).collect()),
        &[Constraint::Fill(1); 4],
        rows,
        selected,
    );
    // The selected term whole in each language, then what it means: what a cell had to cut.
    if let Some(term) = selected.and_then(|i| hits.get(i)) {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut terms = Vec::new();
        for (n, (language, name)) in header.iter().zip(&term.terms).enumerate() {
            if n > 0 {
                terms.push(Span::raw(" · "));
            }
            terms.push(Span::raw(format!("{language}: ")));
            terms.push(Span::styled(name.clone(), bold));
        }
        let mut lines = vec![
            Line::from(terms),
            Line::from(term.explanation(cx.lang).to_string()),
        ];
        // The visitor's language beside, where the glossary has it.
        if let Some(file) = visitor_file(cx, state).filter(|f| !matches!(*f, "de" | "fr" | "en"))
            && let Some((name, explanation)) = cx.catalog.term_in(term, file)
        {
            let language =
                crate::tui::screens::information::file_language_name(cx.catalog, cx.lang, file);
            lines.push(Line::from(vec![
                Span::raw(format!("{language}: ")),
                Span::styled(name, bold),
                Span::raw(format!(" — {explanation}")),
            ]));
        }
        let block = Block::default().borders(Borders::TOP);
        let inner = block.inner(explanation_area);
        frame.render_widget(block, explanation_area);
        state.explanation_scroll.draw(
            frame,
            inner,
            Paragraph::new(lines).wrap(Wrap { trim: true }),
        );
    }
}

/// The selected term for the visitor across the desk: in their language, large, and in German
/// below for the interpreter.
fn render_client_view(cx: &Ctx<'_>, state: &GlossaryState, frame: &mut Frame, area: Rect) {
    let hits = state.hits(cx.catalog);
    let Some(term) = hits.get(crate::tui::list::clamped(state.selected, hits.len())) else {
        return;
    };
    let lang = visitor_file(cx, state).unwrap_or(cx.lang);
    let Some((name, explanation)) = cx
        .catalog
        .term_in(term, lang)
        .or_else(|| cx.catalog.term_in(term, cx.lang))
    else {
        return;
    };
    let inner = area.inner(ratatui::layout::Margin {
        horizontal: (area.width / 8).max(2),
        vertical: 1,
    });
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let dim = Style::default().add_modifier(Modifier::DIM);
    let heading = cx
        .catalog
        .topics
        .visitor_texts(lang)
        .map_or_else(|| cx.t("screen.glossary"), |t| t.glossary_title.clone());
    let mut lines = vec![
        Line::from(Span::styled(heading, dim)),
        Line::default(),
        Line::from(Span::styled(
            name.to_uppercase(),
            bold.add_modifier(Modifier::UNDERLINED),
        )),
        Line::default(),
        Line::from(Span::styled(explanation, bold)),
    ];
    if lang != "de"
        && let Some((german, meaning)) = cx.catalog.term_in(term, "de")
    {
        lines.extend([
            Line::default(),
            Line::default(),
            Line::from(Span::styled(format!("Deutsch: {german}"), dim)),
            Line::from(Span::styled(meaning, dim)),
        ]);
    }
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let paragraph = if crate::domain::language::direction_of(lang) == "rtl" {
        paragraph.alignment(ratatui::layout::Alignment::Right)
    } else {
        paragraph
    };
    state.explanation_scroll.draw(frame, inner, paragraph);
}

impl crate::tui::screens::Screen for GlossaryState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        let mut actions = vec![FocusSearch, DeleteChar, ClearInput, ClientView, Close];
        actions.extend(crate::tui::list::MOVES);
        actions
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

#[cfg(test)]
mod tests {
    use super::GlossaryState;
    use crate::catalog::Catalog;

    fn first_hit(query: &str) -> Option<String> {
        let catalog = Catalog::embedded();
        let state = GlossaryState {
            query: query.into(),
            ..GlossaryState::default()
        };
        state.hits(&catalog).first().map(|t| t.id.clone())
    }

    #[test]
    fn a_term_is_found_by_its_other_forms_in_any_language() {
        for query in [
            "vorläufig aufgenommen",
            "vorlaufig aufgenommene",
            "admis provisoirement",
            "provisionally admitted",
        ] {
            assert_eq!(
                first_hit(query).as_deref(),
                Some("vorlaeufige-aufnahme"),
                "{query}"
            );
        }
        assert_eq!(first_hit("Zahlungsbefehl").as_deref(), Some("betreibung"));
        assert_eq!(
            first_hit("vorläufige Aufnahme").as_deref(),
            Some("vorlaeufige-aufnahme"),
            "the term itself still comes first"
        );
    }
}
