//! Tables and lists that never cut without a mark: every cell is shortened with `…` to its
//! column (the full value is in the row's detail), columns stand two spaces apart, the rows
//! scroll to keep the selection in view, and `▲`/`▼` in a column of their own say where the
//! list continues.

use super::fit::{scroll_marks, shorten_right};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

/// Columns stand this far apart.
pub const GAP: u16 = 2;

/// Before the selected row.
const SELECTED: &str = "› ";
/// The columns it takes.
pub const SELECTED_WIDTH: u16 = 2;

/// One row: its cells and its style.
pub struct Cells {
    pub cells: Vec<String>,
    pub style: Style,
}

impl Cells {
    pub fn new(cells: Vec<String>) -> Cells {
        Cells {
            cells,
            style: Style::default(),
        }
    }

    pub fn style(mut self, style: Style) -> Cells {
        self.style = style;
        self
    }
}

/// Draws a table of `rows` under `header` (when given) in `area` (inside any border), with
/// `selected` highlighted.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    header: Option<Vec<String>>,
    widths: &[Constraint],
    rows: Vec<Cells>,
    selected: Option<usize>,
) {
    if area.width <= super::fit::MARKS || area.height == 0 {
        return;
    }
    // The last columns of the area are a gap and the marks'; the selected row is marked "› "
    // (read without colour too), which the columns leave room for.
    let body = Rect {
        width: area.width.saturating_sub(super::fit::MARKS),
        ..area
    };
    let cells = Rect {
        width: body.width.saturating_sub(SELECTED.width() as u16),
        ..body
    };
    let columns: Vec<u16> = Layout::horizontal(widths.to_vec())
        .spacing(GAP)
        .split(cells)
        .iter()
        .map(|r| r.width)
        .collect();
    let fit = |cells: Vec<String>| -> Vec<Line<'static>> {
        cells
            .iter()
            .zip(&columns)
            .map(|(cell, width)| Line::from(shorten_right(cell, *width as usize)))
            .collect()
    };
    let header_height = u16::from(header.is_some());
    let shown = area.height.saturating_sub(header_height) as usize;
    let count = rows.len();
    let first = selected.map_or(0, |s| super::list::window_start(s, shown, count));
    let visible: Vec<Row> = rows
        .into_iter()
        .skip(first)
        .take(shown)
        .map(|row| Row::new(fit(row.cells)).style(row.style))
        .collect();
    let fixed: Vec<Constraint> = columns.iter().map(|w| Constraint::Length(*w)).collect();
    let mut table = Table::new(visible, fixed)
        .column_spacing(GAP)
        .highlight_symbol(SELECTED)
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
    if let Some(header) = header {
        table = table.header(
            Row::new(fit(header))
                .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)),
        );
    }
    let mut state = TableState::default().with_selected(selected.map(|s| s - first));
    frame.render_stateful_widget(table, body, &mut state);
    let list = Rect {
        y: area.y + header_height,
        height: shown as u16,
        ..area
    };
    scroll_marks(frame, list, first, shown, count);
}

/// A table with the selected row whole under it (`detail`, up to three lines): what its cells
/// had to cut, with the column names the header may have shortened.
pub fn draw_with_detail(
    frame: &mut Frame,
    area: Rect,
    header: Option<Vec<String>>,
    widths: &[Constraint],
    rows: Vec<Cells>,
    selected: Option<usize>,
    detail: &str,
) {
    let lines = super::form::wrap(detail, area.width as usize).len().min(3) as u16;
    let [list, _, below] = Layout::vertical([
        Constraint::Min(2),
        Constraint::Length(1),
        Constraint::Length(lines),
    ])
    .areas(area);
    draw(frame, list, header, widths, rows, selected);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(detail.to_string())
            .style(Style::default().add_modifier(Modifier::BOLD))
            .wrap(ratatui::widgets::Wrap { trim: true }),
        below,
    );
}

/// "Label: value · Label: value", the labels in the language's own way (`check.line`).
pub fn labelled(cx: &super::context::Ctx<'_>, pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| cx.tf("check.line", &[("label", label), ("value", value)]))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The pane of a list beside a detail: a divider on its right (with `title` above the list)
/// and a space before it; returns where the list goes.
pub fn beside(frame: &mut Frame, area: Rect, title: Option<String>) -> Rect {
    let mut block = ratatui::widgets::Block::default().borders(ratatui::widgets::Borders::RIGHT);
    if let Some(title) = title {
        block = block.title(title);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

/// Draws a one-column list of `items` (each shortened with `…`), `selected` highlighted.
pub fn draw_list(frame: &mut Frame, area: Rect, items: Vec<Cells>, selected: Option<usize>) {
    draw(frame, area, None, &[Constraint::Fill(1)], items, selected);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn drawn(width: u16, height: u16, rows: usize, selected: usize) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| {
                let rows = (0..rows)
                    .map(|i| Cells::new(vec![format!("row {i}"), "a long cell value".into()]))
                    .collect();
                draw(
                    frame,
                    frame.area(),
                    Some(vec!["Name".into(), "Value".into()]),
                    &[Constraint::Length(6), Constraint::Fill(1)],
                    rows,
                    Some(selected),
                );
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cells_are_cut_with_a_mark_apart_from_each_other_and_the_list_says_it_continues() {
        let lines = drawn(20, 4, 10, 5);
        assert!(lines[1].starts_with("  row 3   a long …"), "{lines:?}");
        assert!(lines[1].ends_with('▲'), "{lines:?}");
        assert!(
            lines[3].starts_with("› row 5 ") && lines[3].ends_with('▼'),
            "{lines:?}"
        );
        // Everything fits: nothing cut, no marks.
        let lines = drawn(40, 4, 2, 0);
        assert!(lines[1].contains("a long cell value"), "{lines:?}");
        assert!(!lines.concat().contains(['▲', '▼', '…']), "{lines:?}");
    }
}
