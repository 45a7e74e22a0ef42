//! The question at start when an intake was left unfinished: continue it, or discard it.

use super::centered;
use crate::store::Draft;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn render(cx: &Ctx<'_>, draft: &Draft, frame: &mut Frame, area: Rect) {
    let popup = centered(area, area.width.saturating_sub(10).min(70), 7, 4);
    let saved = short_time(&draft.updated_at);
    let (who, started) = summary(draft, &cx.t("history.anonymous"));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(crate::tui::hints::with_keys_and(
            cx,
            "draft.text",
            crate::tui::keymap::Context::Form,
            &[
                ("confirm", crate::tui::action::Action::Confirm),
                ("close", crate::tui::action::Action::Close),
            ],
            &[("saved", &saved), ("who", &who), ("started", &started)],
        ))
        .wrap(Wrap { trim: true })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", cx.t("draft.title"))),
        ),
        popup,
    );
}

/// Whose intake a draft holds and when it began, as the questions about it say.
pub fn summary(draft: &crate::store::Draft, anonymous: &str) -> (String, String) {
    let intake = crate::tui::screens::intake::IntakeState::from_draft(&draft.data).ok();
    let who = intake
        .as_ref()
        .and_then(crate::tui::screens::intake::IntakeState::who)
        .unwrap_or_else(|| anonymous.to_string());
    let started = intake.and_then(|i| i.information.started_at).map_or_else(
        || short_time(&draft.updated_at),
        |at| at.format("%d.%m.%Y %H:%M").to_string(),
    );
    (who, started)
}

/// `2026-11-25T09:12:00+01:00` as `25.11.2026 09:12`, as the start beside it is written.
pub fn short_time(stamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(at) => at.format("%d.%m.%Y %H:%M").to_string(),
        Err(_) => stamp.get(..16).unwrap_or(stamp).replace('T', " "),
    }
}
