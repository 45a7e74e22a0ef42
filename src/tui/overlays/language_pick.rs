//! Choosing the visitor's language from the whole of ISO 639-3 by typing part of its name, in
//! the staff language or in the language itself ("tigr", "ትግ"). Enter makes it the visitor's
//! language; the next-field key makes it the language texts fall back to when the first has none.

use super::centered;
use crate::domain::LanguageCode;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// How many matches the window lists.
const SHOWN: usize = 8;

/// What the picker was asked for and what is typed in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguagePicker {
    pub query: String,
    pub selected: usize,
    /// The languages chosen so far, shown so staff see what they change.
    pub current: Option<LanguageCode>,
    pub second: Option<LanguageCode>,
}

/// A choice made in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// The visitor's language (`None`: not known).
    Visitor(Option<LanguageCode>),
    /// The language texts fall back to.
    Second(Option<LanguageCode>),
}

impl LanguagePicker {
    pub fn new(current: Option<LanguageCode>, second: Option<LanguageCode>) -> LanguagePicker {
        LanguagePicker {
            current,
            second,
            ..LanguagePicker::default()
        }
    }

    /// The choices for what is typed: with nothing typed, "not known" first, then the common
    /// languages.
    pub fn choices(&self, cx: &Ctx<'_>) -> Vec<Option<LanguageCode>> {
        let found = crate::tui::choose::languages(cx, &self.query, 50);
        let none = self.query.trim().is_empty().then_some(None);
        none.into_iter()
            .chain(found.into_iter().map(Some))
            .collect()
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.selected = 0;
    }

    /// What an action does in the picker: a choice, or `None` while choosing.
    pub fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Option<Picked> {
        let choices = self.choices(cx);
        match action {
            Action::Down
            | Action::Up
            | Action::First
            | Action::Last
            | Action::PageDown
            | Action::PageUp => {
                if let Some(at) = crate::tui::list::moved(self.selected, action, choices.len()) {
                    self.selected = at;
                }
            }
            Action::DeleteChar => {
                self.query.pop();
                self.selected = 0;
            }
            Action::ClearInput => {
                self.query.clear();
                self.selected = 0;
            }
            Action::Confirm => {
                return choices.get(self.selected).map(|c| Picked::Visitor(*c));
            }
            Action::NextField => {
                return choices.get(self.selected).map(|c| Picked::Second(*c));
            }
            _ => {}
        }
        None
    }
}

fn label(cx: &Ctx<'_>, code: Option<LanguageCode>) -> String {
    code.map_or_else(
        || cx.t("info.none"),
        |c| crate::domain::language::label_of(&cx.catalog.i18n, cx.lang, c),
    )
}

pub fn render(cx: &Ctx<'_>, picker: &LanguagePicker, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(6).min(64);
    let popup = centered(area, width, SHOWN as u16 + 6, 3);
    let footer = crate::tui::hints::footer(
        cx,
        Context::Form,
        &[
            (Action::Confirm, "pick_language"),
            (Action::NextField, "pick_second"),
            (Action::Close, "cancel"),
        ],
        (popup.width as usize).saturating_sub(4),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("pick.title")))
        .title_bottom(format!(" {footer} "));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let search = format!("{}: ", cx.t("info.search"));
    let (query, cursor) = crate::tui::fit::typed(&search, &picker.query, inner.width);
    let mut lines = vec![
        Line::from(vec![Span::styled(search.clone(), bold), Span::raw(query)]),
        Line::from(format!(
            "{}: {} · {}: {}",
            cx.t("info.visitor_lang"),
            label(cx, picker.current),
            cx.t("pick.second"),
            label(cx, picker.second)
        )),
        Line::default(),
    ];
    let choices = picker.choices(cx);
    let selected = crate::tui::list::clamped(picker.selected, choices.len());
    let first = selected.saturating_sub(SHOWN - 1);
    for (i, choice) in choices.iter().enumerate().skip(first).take(SHOWN) {
        let text = format!(
            "{} {}",
            if i == selected { "›" } else { " " },
            label(cx, *choice)
        );
        let style = if i == selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if choices.is_empty() {
        lines.push(Line::from(cx.t("pick.nothing")));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
    let x = inner.x + cursor;
    if x < inner.right() {
        frame.set_cursor_position(Position::new(x, inner.y));
    }
}
