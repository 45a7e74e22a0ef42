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
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
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
    /// Edits the query or moves among the `count` matches; `false` for any other action.
    pub fn handle(&mut self, action: Action, count: usize) -> bool {
        // Kept within the matches, so ↑ after ↓ past the end moves at once.
        if let Some(at) =
            crate::tui::list::moved(self.selected.min(count.saturating_sub(1)), action, count)
        {
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
    // A command with its argument: what it will do, or why it cannot.
    if let Some(command) =
        super::palette_command::parse(&state.query, &cx.catalog.i18n, cx.lang, cx.session.today)
    {
        let text = match command {
            Ok(command) => command_text(cx, &command),
            Err(refusal) => cx.tf(refusal.key, &[("arg", &refusal.arg)]),
        };
        frame.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
            list_area,
        );
        return;
    }
    if matches.is_empty() {
        frame.render_widget(
            Paragraph::new(crate::tui::hints::with_keys(
                cx,
                "palette.no_match",
                Context::Palette,
                &[("tab", Action::NextField)],
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            list_area,
        );
        return;
    }
    let under = cx.screen.context();
    // The keys in a column as wide as the longest shown (never cut), the label gives way with "…".
    let keys: Vec<String> = matches.iter().map(|a| keys_hint(cx, under, *a)).collect();
    let keys_width = keys.iter().map(|k| k.width()).max().unwrap_or(0) as u16;
    let selected = state.selected.min(matches.len() - 1);
    // The selected command whole under the list, with its keys.
    let detail = format!(
        "{}  {}",
        cx.t(&matches[selected].label_key()),
        keys[selected]
    );
    let rows = matches
        .iter()
        .zip(keys)
        .map(|(action, keys)| crate::tui::table::Cells::new(vec![cx.t(&action.label_key()), keys]))
        .collect();
    crate::tui::table::draw_with_detail(
        frame,
        list_area,
        None,
        &[Constraint::Fill(1), Constraint::Length(keys_width)],
        rows,
        Some(selected),
        &detail,
    );
}

/// What Enter will do with a command, in words.
fn command_text(cx: &Ctx<'_>, command: &super::palette_command::Command) -> String {
    use super::palette_command::Command;
    let key = crate::tui::hints::key_for(cx, Context::Palette, Action::Confirm)
        .unwrap_or_else(|| cx.t("hint.unbound"));
    match command {
        Command::Report(period) => cx.tf(
            "palette.run_report",
            &[("key", &key), ("month", &period.label())],
        ),
        Command::Language(code) => cx.tf(
            "palette.run_language",
            &[
                ("key", &key),
                ("language", cx.catalog.i18n.text(code, "meta.name")),
            ],
        ),
        Command::Goto(screen) => cx.tf(
            "palette.run_goto",
            &[("key", &key), ("screen", &cx.t(&screen.title_key()))],
        ),
        Command::Export => cx.tf("palette.run_export", &[("key", &key)]),
    }
}

fn keys_hint(cx: &Ctx<'_>, context: Context, action: Action) -> String {
    cx.keymap
        .keys_for(context, action)
        .into_iter()
        .take(2)
        .map(|k| crate::tui::hints::key_label(cx, &k))
        .collect::<Vec<_>>()
        .join(", ")
}
