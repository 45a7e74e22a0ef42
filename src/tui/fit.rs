//! Fitting text into a width measured in terminal columns (wide and combining characters count
//! as they display, not as chars).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Keeps the end of `text` within `width` columns, marking the cut with an ellipsis.
pub fn shorten_left(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Keeps the start of `text` within `width` columns, marking the cut with an ellipsis.
pub fn shorten_right(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = String::new();
    let mut used = 1;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    kept.push('…');
    kept
}

/// What a one-line search field shows of `text` after its `label` in `width` columns, and
/// the cursor's column: a long text keeps its end (where typing goes on), its start marked `…`.
pub fn typed(label: &str, text: &str, width: u16) -> (String, u16) {
    let room = (width as usize).saturating_sub(label.width() + 1);
    let shown = shorten_left(text, room);
    let cursor = (label.width() + shown.width()) as u16;
    (shown, cursor.min(width.saturating_sub(1)))
}

/// Shortens the longest titles, never the `keep` one, until all fit in `width` columns
/// with `gap` columns between neighbours.
pub fn fit_titles(titles: &[String], keep: usize, width: usize, gap: usize) -> Vec<String> {
    let mut widths: Vec<usize> = titles.iter().map(|t| t.width()).collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + gap * w.len().saturating_sub(1);
    while total(&widths) > width {
        let longest = widths
            .iter()
            .enumerate()
            .filter(|(i, w)| *i != keep && **w > 2)
            .max_by_key(|(i, w)| (**w, usize::MAX - i))
            .map(|(i, _)| i);
        match longest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    titles
        .iter()
        .zip(widths)
        .map(|(t, w)| shorten_right(t, w))
        .collect()
}

/// A stored time (RFC 3339) in the desk's local time as staff read it: `25.11.2026 14:15`.
/// A stamp that does not read is shown as stored.
pub fn local_time(stamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(at) => at
            .with_timezone(&chrono::Local)
            .format("%d.%m.%Y %H:%M")
            .to_string(),
        Err(_) => stamp.to_string(),
    }
}

/// Columns a scrolled pane keeps free on its right: a gap and the mark.
pub const MARKS: u16 = 2;

/// Marks on the right edge of `area` where scrolled content continues: `▲` above, `▼` below.
pub fn scroll_marks(
    frame: &mut ratatui::Frame,
    area: ratatui::layout::Rect,
    first: usize,
    shown: usize,
    total: usize,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let x = area.right() - 1;
    let style = ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::BOLD);
    if first > 0 {
        frame.buffer_mut().set_string(x, area.y, "▲", style);
    }
    if first + shown < total {
        frame
            .buffer_mut()
            .set_string(x, area.bottom() - 1, "▼", style);
    }
}

/// How far a text longer than its pane is scrolled. The pane clamps it when drawn (it alone
/// knows how many lines the text wraps to), so PgUp after PgDn past the end moves at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextScroll {
    first: std::cell::Cell<usize>,
    /// Whether the last drawing left lines below (false until drawn).
    more_below: std::cell::Cell<bool>,
    /// The pane's height at the last drawing: a page is that less one line, kept for context.
    height: std::cell::Cell<usize>,
}

impl TextScroll {
    /// A page before the pane was ever drawn.
    pub const PAGE: usize = 5;

    fn page(&self) -> usize {
        match self.height.get() {
            0 => Self::PAGE,
            height => height.saturating_sub(1).max(1),
        }
    }

    pub fn down(&self) {
        self.first.set(self.first.get() + self.page());
    }

    pub fn up(&self) {
        self.first.set(self.first.get().saturating_sub(self.page()));
    }

    pub fn line_down(&self) {
        self.first.set(self.first.get() + 1);
    }

    pub fn line_up(&self) {
        self.first.set(self.first.get().saturating_sub(1));
    }

    /// Shows the end at the next drawing (where text is being typed).
    pub fn to_end(&self) {
        self.first.set(usize::MAX / 2);
    }

    pub fn reset(&self) {
        self.first.set(0);
        self.more_below.set(false);
    }

    pub fn at_top(&self) -> bool {
        self.first.get() == 0
    }

    /// The last drawing left lines below to read.
    pub fn more_below(&self) -> bool {
        self.more_below.get()
    }

    /// Draws the wrapped paragraph in `area` from the remembered line; when it is longer than
    /// the pane, its two right columns are left for a gap and the marks of where it continues.
    pub fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        paragraph: ratatui::widgets::Paragraph<'_>,
    ) {
        let height = area.height as usize;
        self.height.set(height);
        let full = paragraph.line_count(area.width);
        let (area, total) = if full > height && area.width > MARKS {
            let narrower = ratatui::layout::Rect {
                width: area.width - MARKS,
                ..area
            };
            (narrower, paragraph.line_count(narrower.width))
        } else {
            (area, full)
        };
        let first = self.first.get().min(total.saturating_sub(height));
        self.first.set(first);
        self.more_below.set(first + height < total);
        frame.render_widget(paragraph.scroll((first as u16, 0)), area);
        let marks = ratatui::layout::Rect {
            width: area.width + if total > height { MARKS } else { 0 },
            ..area
        };
        scroll_marks(frame, marks, first, height, total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_the_meaningful_end() {
        assert_eq!(shorten_left("/a/b/visits.db", 20), "/a/b/visits.db");
        assert_eq!(shorten_left("/a/b/visits.db", 10), "…visits.db");
        assert_eq!(shorten_right("Zuständigkeit", 6), "Zustä…");
        assert_eq!(shorten_left("abc", 0), "");
    }

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(shorten_right("東京都庁", 5), "東京…");
    }

    #[test]
    fn titles_shrink_longest_first_and_keep_the_selected_one() {
        let titles: Vec<String> = ["1 Warteschlange", "2 Aufnahme", "9 Einstellungen"]
            .map(String::from)
            .to_vec();
        let fitted = fit_titles(&titles, 2, 34, 1);
        assert_eq!(fitted[2], "9 Einstellungen");
        let total: usize = fitted.iter().map(|t| t.width()).sum::<usize>() + 2;
        assert!(total <= 34, "{fitted:?}");
        assert_eq!(fit_titles(&titles, 0, 200, 1), titles);
    }
}
