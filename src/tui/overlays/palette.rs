//! The command palette: fuzzy search over every command by its name in the interface language.

use super::centered;
use crate::catalog::I18n;
use crate::search;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaletteState {
    pub query: String,
    pub selected: usize,
}

impl PaletteState {
    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.selected = 0;
    }

    /// Edits and moves; returns whether the action was one of those.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::DeleteChar => {
                self.query.pop();
                self.selected = 0;
            }
            Action::ClearInput => {
                self.query.clear();
                self.selected = 0;
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected += 1,
            _ => return false,
        }
        true
    }

    /// Commands matching the query, best first. Both the label and the action name are searched.
    pub fn matches(&self, i18n: &I18n, lang: &str) -> Vec<Action> {
        let items = Action::all().filter(|a| a.in_palette()).map(|a| {
            let text = format!("{} {}", i18n.text(lang, &a.label_key()), a.name());
            (a, text)
        });
        search::rank(&self.query, items)
    }

    pub fn selected_action(&self, i18n: &I18n, lang: &str) -> Option<Action> {
        let matches = self.matches(i18n, lang);
        let last = matches.len().checked_sub(1)?;
        matches.get(self.selected.min(last)).copied()
    }
}

pub fn render(cx: &Ctx<'_>, state: &PaletteState, frame: &mut Frame, area: Rect) {
    let matches = state.matches(&cx.catalog.i18n, cx.lang);
    let width = area.width.saturating_sub(10).min(70);
    let popup = centered(area, width, 16, 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("palette.title")));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [input_area, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let prompt = cx.t("palette.prompt");
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                prompt.as_str(),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::raw(state.query.as_str()),
        ])),
        input_area,
    );
    let cursor_x = input_area.x + (prompt.width() + state.query.width()) as u16;
    frame.set_cursor_position(Position::new(
        cursor_x.min(input_area.right().saturating_sub(1)),
        input_area.y,
    ));
    if matches.is_empty() {
        frame.render_widget(Paragraph::new(cx.t("palette.no_match")), list_area);
        return;
    }
    let under = cx.screen.context();
    let label_width = list_area.width.saturating_sub(14) as usize;
    let items: Vec<ListItem> = matches
        .iter()
        .map(|action| {
            let label_key = action.label_key();
            let label = cx.t(&label_key);
            let keys = keys_hint(cx, under, *action);
            let pad = label_width.saturating_sub(label.width());
            ListItem::new(Line::from(vec![
                Span::raw(label.to_string()),
                Span::raw(" ".repeat(pad + 1)),
                Span::styled(keys, Style::default().add_modifier(Modifier::DIM)),
            ]))
        })
        .collect();
    let mut list_state =
        ListState::default().with_selected(Some(state.selected.min(matches.len() - 1)));
    frame.render_stateful_widget(
        List::new(items).highlight_style(Style::default().add_modifier(Modifier::REVERSED)),
        list_area,
        &mut list_state,
    );
}

fn keys_hint(cx: &Ctx<'_>, context: Context, action: Action) -> String {
    cx.keymap
        .keys_for(context, action)
        .into_iter()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}
