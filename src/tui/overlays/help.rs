//! The `?` overlay: the live bindings of the screen underneath, generated from the keymap itself,
//! with the labels in the interface language.

use super::centered;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::{Context, format_sequence};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpState {
    /// The context whose bindings are shown.
    pub context: Context,
    /// What the screen underneath does: its keys are listed first, and no key of the context
    /// that does nothing there.
    pub actions: Vec<Action>,
    pub scroll: usize,
}

impl HelpState {
    pub fn new(context: Context, actions: Vec<Action>) -> HelpState {
        HelpState {
            context,
            actions,
            scroll: 0,
        }
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

/// One row per action: all its keys, then its label; the screen's own actions first, in the
/// screen's order, then a heading and what works everywhere.
pub fn rows(cx: &Ctx<'_>, context: Context, actions: &[Action]) -> Vec<(String, String)> {
    let mut own: Vec<(Action, Vec<String>)> = actions.iter().map(|a| (*a, Vec::new())).collect();
    let mut everywhere: Vec<(Action, Vec<String>)> = Vec::new();
    for binding in cx.keymap.live_bindings(context) {
        let keys = crate::tui::hints::key_label(cx, &format_sequence(&binding.keys));
        let list = if actions.contains(&binding.action) {
            &mut own
        } else if binding.context == Context::Global || binding.action.is_shell() {
            &mut everywhere
        } else {
            // Bound in this context but of no use on this screen.
            continue;
        };
        match list.iter_mut().find(|(a, _)| *a == binding.action) {
            Some((_, keys_of)) => keys_of.push(keys),
            None => list.push((binding.action, vec![keys])),
        }
    }
    let row = |(action, keys): (Action, Vec<String>)| {
        (keys.join(", "), cx.t(&action.label_key()).to_string())
    };
    let mut rows: Vec<(String, String)> = own
        .into_iter()
        .filter(|(_, keys)| !keys.is_empty())
        .map(row)
        .collect();
    rows.push((String::new(), String::new()));
    rows.push((String::new(), cx.t("help.everywhere")));
    rows.extend(everywhere.into_iter().map(row));
    rows
}

pub fn render(cx: &Ctx<'_>, state: &HelpState, frame: &mut Frame, area: Rect) {
    use crate::tui::form::{Row, label_width, lay_out};
    let rows = rows(cx, state.context, &state.actions);
    let width = area.width.saturating_sub(8).min(90);
    let height = area.height.saturating_sub(4);
    let popup = centered(area, width, height, 2);
    let title = cx.tf("help.title", &[("screen", &cx.t(&cx.screen.title_key()))]);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_bottom(format!(
            " {} ",
            crate::tui::hints::footer(
                cx,
                Context::Help,
                &[(Action::Close, "close"), (Action::Down, "scroll")],
                (popup.width as usize).saturating_sub(4),
            )
        ));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let bold_underlined = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    // Keys in a column as wide as the longest, the action beside it wrapping: nothing is cut;
    // the right column is left for the marks of where the list continues.
    let text_width = inner.width.saturating_sub(1) as usize;
    let as_rows: Vec<Row> = std::iter::once((cx.t("help.key"), cx.t("help.action")))
        .chain(rows)
        .enumerate()
        .map(|(n, (keys, label))| Row {
            label: keys,
            value: label,
            value_style: if n == 0 {
                bold_underlined
            } else {
                Style::default()
            },
            note: None,
            focused: false,
            text: false,
        })
        .collect();
    let keys_width = label_width(as_rows.iter().map(|r| r.label.as_str()), text_width);
    let laid = lay_out(&as_rows, text_width, keys_width);
    let mut lines = laid.lines;
    let header = lines.remove(0);
    let [head, body] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(header), head);
    let shown = body.height as usize;
    let scroll = state.scroll.min(lines.len().saturating_sub(shown));
    let total = lines.len();
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), body);
    crate::tui::fit::scroll_marks(frame, body, scroll, shown, total);
}
