//! The status line: the desk, who is served, the export count, the database, and notices.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::fit::shorten_left;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// "Serving: … │ 12:30 │ ": who is served and a running interpreter timer, within `room`.
fn serving_text(app: &App, room: usize) -> String {
    let mut serving = app.serving().map_or_else(String::new, |who| {
        let who = crate::tui::fit::shorten_right(&crate::text::escape_control(&who), room);
        format!("{} │ ", app.tf("status.serving", &[("who", &who)]))
    });
    // A running interpreter timer shows on every screen, so it is not forgotten.
    if let Some(timer) = app.running_timer() {
        serving.push_str(&format!("{timer} │ "));
    }
    serving
}

/// A notice with who is served before it, wrapped to the width: never cut at its start.
pub(super) fn notice_lines(app: &App, message: &str, width: u16) -> Vec<String> {
    let serving = serving_text(app, (width as usize * 2 / 5).max(20));
    crate::tui::form::wrap(
        &format!(" {serving}{message}"),
        (width as usize).saturating_sub(1),
    )
}

pub(super) fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let reversed = Style::default().add_modifier(Modifier::REVERSED);
    if let Some(message) = app.message() {
        let lines: Vec<Line> = notice_lines(app, message, area.width)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(
            Paragraph::new(lines).style(reversed.add_modifier(Modifier::BOLD)),
            area,
        );
        return;
    }
    // Who is being served stands first, shortened if need be (the screen has the name whole).
    let mut serving = serving_text(app, (area.width as usize * 2 / 5).max(20));
    let session = app.session();
    // Short enough for 80 columns in every language; `db check` lists the damage itself.
    if session.damaged.is_some() {
        let text = app.t("status.damaged");
        frame.render_widget(
            Paragraph::new(Span::raw(format!(" {text}"))).style(app.ctx().theme().alarm),
            area,
        );
        return;
    }
    let first_key = |action| {
        app.ctx()
            .keymap
            // The keys that work now: in a modal keymap's normal mode, those of a list.
            .keys_for(app.ctx().context(), action)
            .into_iter()
            .next()
            .map_or_else(
                || "-".into(),
                |k| crate::tui::hints::key_label(&app.ctx(), &k),
            )
    };
    let hints = app.tf(
        "status.hints",
        &[
            ("help", &first_key(Action::Help)),
            ("palette", &first_key(Action::Palette)),
        ],
    );
    let pending = app.tf(
        "status.pending_exports",
        &[("count", &session.pending_exports.to_string())],
    );
    // "label: value" as each language writes it (French puts a space before the colon); a long
    // desk name gives way (Settings shows it whole). Who is signed in stands beside it.
    let mut desk_value = crate::tui::fit::shorten_right(&session.desk, 24);
    if !session.staff.is_empty() {
        desk_value = format!(
            "{desk_value} · {}",
            crate::tui::fit::shorten_right(&session.staff, 12)
        );
    }
    let desk = app.tf(
        "check.line",
        &[("label", &app.t("status.desk")), ("value", &desk_value)],
    );
    let working = app.working().then(|| app.t("status.working"));
    // Parts by importance; what does not fit leaves from the least important, so the help
    // key is always on the line.
    let mut parts: Vec<(u8, String)> =
        vec![(0, desk), (3, app.lang().to_uppercase()), (2, pending)];
    if let Some(working) = working {
        parts.insert(0, (1, working));
    }
    let hints_width = hints.width() + 1;
    let width = |parts: &[(u8, String)]| {
        1 + serving.width() + parts.iter().map(|(_, p)| p.width() + 3).sum::<usize>() + hints_width
    };
    while width(&parts) > area.width as usize {
        let Some(least) = parts
            .iter()
            .enumerate()
            .max_by_key(|(_, (rank, _))| *rank)
            .map(|(i, _)| i)
        else {
            break;
        };
        if parts[least].0 == 0 {
            break;
        }
        parts.remove(least);
    }
    // Still too long: the name gives way further, down to a few letters.
    let over = width(&parts).saturating_sub(area.width as usize);
    if over > 0 && app.serving().is_some() {
        let room = (area.width as usize * 2 / 5)
            .max(20)
            .saturating_sub(over)
            .max(6);
        serving = serving_text(app, room);
    }
    let fixed = format!(
        " {serving}{}",
        parts
            .iter()
            .map(|(_, p)| format!("{p} │ "))
            .collect::<String>()
    );
    // The database path gets what is left and is shortened from the left: its end says most.
    let room = (area.width as usize).saturating_sub(fixed.width() + hints_width + 3);
    // Too little room for a path that says anything: leave it out (Settings shows it whole).
    let path = if room >= 12 {
        vec![
            Span::raw(shorten_left(&session.db_path, room)),
            Span::raw(" │ "),
        ]
    } else {
        Vec::new()
    };
    let line = Line::from(
        std::iter::once(Span::raw(fixed))
            .chain(path)
            .chain([Span::styled(
                hints,
                Style::default().add_modifier(Modifier::BOLD),
            )])
            .collect::<Vec<_>>(),
    );
    frame.render_widget(Paragraph::new(line).style(reversed), area);
}
