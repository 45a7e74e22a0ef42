//! Drawing the whole interface from the state alone: tab bar, screen, status bar, overlays.

use super::app::App;
use super::fit::fit_titles;
use super::overlays;
use super::overlays::Overlay;
use super::screens::ScreenId;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Paragraph, Tabs, Wrap};

mod status;
use status::{notice_lines, render_status};

/// Below this the layout cannot show a form and its labels; a message is shown instead.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(app, frame, area);
        return;
    }
    // Signed out or locked: the sign-in alone, nothing of any visitor.
    if let Some(gate) = app.gate() {
        super::gate::render(&app.ctx(), gate, frame, area);
        return;
    }
    if app.shows_visitor_view() {
        render_screen(app, frame, area);
        return;
    }
    // A notice longer than the line takes up to three: it is what must be read now.
    let status_height =
        app.message()
            .map_or(1, |m| notice_lines(app, m, area.width).len().clamp(1, 3)) as u16;
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_height),
    ])
    .areas(area);
    render_tabs(app, frame, tabs);
    render_screen(app, frame, body);
    render_status(app, frame, status);
    match app.overlay() {
        Some(Overlay::Help(state)) => overlays::help::render(&app.ctx(), state, frame, body),
        Some(Overlay::Palette(state)) => overlays::palette::render(&app.ctx(), state, frame, body),
        Some(Overlay::Prompt(state)) => overlays::prompt::render(&app.ctx(), state, frame, body),
        Some(Overlay::CheckIn(form)) => {
            super::screens::queue::check_in_render(&app.ctx(), form, frame, body)
        }
        Some(Overlay::RestoreDraft(draft)) => {
            overlays::draft::render(&app.ctx(), draft, frame, body)
        }
        Some(Overlay::Confirm(state)) => overlays::confirm::render(&app.ctx(), state, frame, body),
        Some(Overlay::Minutes(form)) => overlays::minutes::render(&app.ctx(), form, frame, body),
        Some(Overlay::LanguagePick(picker)) => {
            overlays::language_pick::render(&app.ctx(), picker, frame, body)
        }
        Some(Overlay::Dossier(state)) => overlays::dossier::render(&app.ctx(), state, frame, body),
        Some(Overlay::ServiceEdit(form)) => {
            overlays::service_edit::render(&app.ctx(), form, frame, body)
        }
        Some(Overlay::SamePerson(state)) => {
            overlays::same_person::render(&app.ctx(), state, frame, body)
        }
        None => {}
    }
}

fn render_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = app.tf(
        "small.message",
        &[
            ("width", &area.width.to_string()),
            ("height", &area.height.to_string()),
            ("min_width", &MIN_WIDTH.to_string()),
            ("min_height", &MIN_HEIGHT.to_string()),
        ],
    );
    let top = area.height / 3;
    let [_, middle] = Layout::vertical([Constraint::Length(top), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
}

/// The tab bar is the same on every screen: each tab with the key that reaches it from
/// anywhere (a global key), shortened alike, so it never jumps; the screen's own title stands
/// whole in its frame.
fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let titles: Vec<String> = ScreenId::ALL
        .iter()
        .map(|s| {
            let keymap = app.ctx().keymap;
            let key = keymap
                .keys_for(crate::tui::keymap::Context::Global, s.action())
                .into_iter()
                .next()
                .or_else(|| {
                    keymap
                        .keys_for(app.screen().context(), s.action())
                        .into_iter()
                        .next()
                });
            let name = app.t(&s.title_key());
            key.map_or_else(
                || name.to_string(),
                |k| format!("{} {name}", crate::tui::hints::key_label(&app.ctx(), &k)),
            )
        })
        .collect();
    let selected = ScreenId::ALL
        .iter()
        .position(|s| *s == app.screen())
        .unwrap_or(0);
    let titles = fit_titles(&titles, usize::MAX, area.width as usize, 1);
    frame.render_widget(
        Tabs::new(titles)
            .select(selected)
            .highlight_style(Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD))
            .divider("│")
            .padding("", ""),
        area,
    );
}

/// The screen shown, from its own state and what every screen may read.
fn render_screen(app: &App, frame: &mut Frame, area: Rect) {
    app.screens()
        .get(app.screen())
        .render(&app.ctx(), frame, area);
}

/// The screen as text, drawn at `width`×`height`: for tests.
#[cfg(test)]
pub(crate) fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen with its styles: each run of cells drawn in a style other than the plain one is
/// written `⟦style│text⟧`, so a snapshot shows the colours and marks a theme gives.
#[cfg(test)]
pub(crate) fn styled_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let describe = |cell: &ratatui::buffer::Cell| {
        let mut parts = Vec::new();
        if cell.fg != ratatui::style::Color::Reset {
            parts.push(format!("fg:{:?}", cell.fg));
        }
        if cell.bg != ratatui::style::Color::Reset {
            parts.push(format!("bg:{:?}", cell.bg));
        }
        if !cell.modifier.is_empty() {
            parts.push(format!("{:?}", cell.modifier));
        }
        parts.join(",")
    };
    (0..height)
        .map(|y| {
            let mut line = String::new();
            let mut open: Option<String> = None;
            for x in 0..width {
                let cell = &buffer[(x, y)];
                let style = describe(cell);
                if open.as_deref() != Some(style.as_str()) {
                    if open.as_deref().is_some_and(|s| !s.is_empty()) {
                        line.push('⟧');
                    }
                    if !style.is_empty() {
                        line.push_str(&format!("⟦{style}│"));
                    }
                    open = Some(style);
                }
                line.push_str(cell.symbol());
            }
            if open.as_deref().is_some_and(|s| !s.is_empty()) {
                line.push('⟧');
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
