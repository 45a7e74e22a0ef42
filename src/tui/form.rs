//! Laying out a form of labelled fields so that nothing is cut: the label column is as wide as
//! the longest label shown (at most half the width; a longer label wraps), a value wraps within
//! its column, and a note (a validation message, a date worked out) stands beside the value when
//! there is room, else on its own lines under it. The form scrolls to keep the focused field in
//! view and marks where it continues.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// One field as the form shows it.
pub struct Row {
    pub label: String,
    pub value: String,
    pub value_style: Style,
    /// Shown beside the value, or under it when there is no room.
    pub note: Option<(String, Style)>,
    pub focused: bool,
    /// The value is text being typed: the cursor stands at its end.
    pub text: bool,
}

/// The form's lines, the line the focused field begins on, and where the cursor goes.
pub struct Laid {
    pub lines: Vec<Line<'static>>,
    pub focus_line: usize,
    /// The focused field's lines (its value and note may take several).
    pub focus_lines: usize,
    /// (column, line) of the cursor within the form, for a text field.
    pub cursor: Option<(u16, usize)>,
    pub label_width: usize,
}

/// The label column for these labels in `width` columns.
pub fn label_width<'a>(labels: impl Iterator<Item = &'a str>, width: usize) -> usize {
    labels
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .min(width / 2)
        .max(1)
}

/// Wraps at word ends within `width` columns (a word longer than the width is broken).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    textwrap::wrap(text, textwrap::Options::new(width.max(1)).break_words(true))
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

pub fn lay_out(rows: &[Row], width: usize, label_width: usize) -> Laid {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    // "›" or " ", the label, a space.
    let indent = label_width + 2;
    let value_room = width.saturating_sub(indent).max(1);
    let mut lines = Vec::new();
    let mut focus_line = 0;
    let mut focus_lines = 1;
    let mut cursor = None;
    for row in rows {
        let first = lines.len();
        let labels = wrap(&row.label, label_width);
        let values = wrap(&row.value, value_room);
        let last_value_width = values.last().map_or(0, |v| v.width());
        // The note beside the last value line when it fits there with a gap, else below.
        let (beside, below) = match &row.note {
            Some((note, style)) if last_value_width + 2 + note.width() <= value_room => {
                (Some((note.clone(), *style)), Vec::new())
            }
            Some((note, style)) => (
                None,
                wrap(note, value_room)
                    .into_iter()
                    .map(|l| (l, *style))
                    .collect(),
            ),
            None => (None, Vec::new()),
        };
        let top = labels.len().max(values.len());
        for i in 0..top {
            let marker = if i == 0 && row.focused { "›" } else { " " };
            let label = labels.get(i).map_or("", String::as_str);
            let mut spans = vec![Span::styled(
                format!(
                    "{marker}{label}{} ",
                    " ".repeat(label_width.saturating_sub(label.width()))
                ),
                bold,
            )];
            if let Some(value) = values.get(i) {
                spans.push(Span::styled(value.clone(), row.value_style));
                if i + 1 == values.len()
                    && let Some((note, style)) = &beside
                {
                    spans.push(Span::raw("  "));
                    spans.push(Span::styled(note.clone(), *style));
                }
            }
            lines.push(Line::from(spans));
        }
        for (note, style) in &below {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(note.clone(), *style),
            ]));
        }
        let height = top + below.len();
        if row.focused {
            focus_line = first;
            focus_lines = height;
            if row.text {
                let line = first + values.len() - 1;
                cursor = Some(((indent + last_value_width) as u16, line));
            }
        }
    }
    Laid {
        lines,
        focus_line,
        focus_lines,
        cursor,
        label_width,
    }
}

/// The first line to show of `total` in `height` rows so the focused field is in view.
pub fn scroll_for(focus_line: usize, focus_lines: usize, height: usize, total: usize) -> usize {
    if total <= height {
        return 0;
    }
    let end = focus_line + focus_lines;
    end.saturating_sub(height).min(total - height)
}

/// Where a drawn form's focused field stands on screen.
pub struct Drawn {
    /// The screen row of the focused field's first line (it may be scrolled away).
    pub focus_y: u16,
}

/// Lays the rows out in `area` with the label column given, scrolls the focused field into view,
/// marks where the form continues and puts the cursor at the end of a text being typed.
pub fn draw(
    frame: &mut ratatui::Frame,
    area: ratatui::layout::Rect,
    rows: &[Row],
    label_width: usize,
) -> Drawn {
    let height = area.height as usize;
    let mut laid = lay_out(rows, area.width as usize, label_width);
    // Longer than the pane: laid out again leaving the gap and the column of the marks.
    if laid.lines.len() > height {
        let width = (area.width.saturating_sub(super::fit::MARKS) as usize).max(1);
        laid = lay_out(rows, width, label_width);
    }
    let total = laid.lines.len();
    let scroll = scroll_for(laid.focus_line, laid.focus_lines, height, total);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(laid.lines).scroll((scroll as u16, 0)),
        area,
    );
    super::fit::scroll_marks(frame, area, scroll, height, total);
    if let Some((x, line)) = laid.cursor
        && line >= scroll
        && line < scroll + height
    {
        frame.set_cursor_position(ratatui::layout::Position::new(
            (area.x + x).min(area.right().saturating_sub(1)),
            area.y + (line - scroll) as u16,
        ));
    }
    Drawn {
        focus_y: area.y + laid.focus_line.saturating_sub(scroll) as u16,
    }
}
