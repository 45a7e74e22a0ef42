//! The `?` overlay: the live bindings of the screen underneath, generated from the keymap itself,
//! with the labels in the interface language.

use super::centered;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::{Context, format_sequence};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Row, Table};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpState {
    /// The context whose bindings are shown.
    pub context: Context,
    pub scroll: usize,
}

impl HelpState {
    pub fn new(context: Context) -> HelpState {
        HelpState { context, scroll: 0 }
    }

    /// Scrolls; returns whether the action was a scroll.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll += 1,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll += 10,
            Action::First => self.scroll = 0,
            Action::Last => self.scroll = usize::MAX / 2,
            _ => return false,
        }
        true
    }
}

/// One row per action: all its keys, then its label.
pub fn rows(cx: &Ctx<'_>, context: Context) -> Vec<(String, String)> {
    let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
    for binding in cx.keymap.live_bindings(context) {
        let keys = format_sequence(&binding.keys);
        match rows.iter_mut().find(|(a, _)| *a == binding.action) {
            Some((_, list)) => list.push(keys),
            None => rows.push((binding.action, vec![keys])),
        }
    }
    rows.into_iter()
        .map(|(action, keys)| (keys.join(", "), cx.t(&action.label_key()).to_string()))
        .collect()
}

pub fn render(cx: &Ctx<'_>, state: &HelpState, frame: &mut Frame, area: Rect) {
    let rows = rows(cx, state.context);
    let width = area.width.saturating_sub(8).min(90);
    let height = area.height.saturating_sub(4);
    let popup = centered(area, width, height, 2);
    let visible = popup.height.saturating_sub(3) as usize;
    let scroll = state.scroll.min(rows.len().saturating_sub(visible));
    let title = cx.tf("help.title", &[("screen", &cx.t(&cx.screen.title_key()))]);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_bottom(format!(" {} ", cx.t("help.footer")));
    let header = Row::new(vec![
        cx.t("help.key").to_string(),
        cx.t("help.action").to_string(),
    ])
    .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let body = rows
        .into_iter()
        .skip(scroll)
        .map(|(keys, label)| Row::new(vec![keys, label]));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Table::new(body, [Constraint::Length(24), Constraint::Min(10)])
            .header(header)
            .block(block)
            .column_spacing(2),
        popup,
    );
}
