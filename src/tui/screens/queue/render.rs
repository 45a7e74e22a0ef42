//! Drawing the waiting list: waited time, who, why, urgency, language, interpreter.

use super::QueueState;
use super::check_in::language_label;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::table::Cells;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn render(cx: &Ctx<'_>, state: &QueueState, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} ({}) ",
            cx.t("screen.queue"),
            state.entries.len()
        ))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
                (Action::CheckIn, "check_in"),
                (Action::Confirm, "take"),
                (Action::StartIntake, "intake"),
                (Action::UrgentHandover, "urgent"),
                (Action::LeftUnseen, "left_unseen"),
            ],
            area,
        ));
    if state.entries.is_empty() {
        frame.render_widget(
            Paragraph::new(crate::tui::hints::with_keys(
                cx,
                "queue.empty",
                crate::tui::keymap::Context::List,
                &[("key", Action::CheckIn)],
            ))
            .wrap(Wrap { trim: true })
            .block(block),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let now = cx.now.epoch_ms();
    let selected = state.selected.min(state.entries.len() - 1);
    // A symbol with the word, so urgency never rests on colour alone (high contrast, NO_COLOR).
    let urgency_of = |e: &crate::store::QueueEntry| {
        let word = cx.t(&format!("urgency.{}", <&str>::from(e.urgency)));
        match e.urgency {
            crate::domain::Urgency::Today => format!("‼ {word}"),
            crate::domain::Urgency::ThisWeek => format!("! {word}"),
            crate::domain::Urgency::Normal => word,
        }
    };
    let language_of = |e: &crate::store::QueueEntry| {
        e.language
            .map_or_else(String::new, |l| language_label(cx, l.as_str()))
    };
    let rows = state
        .entries
        .iter()
        .map(|e| {
            let waited = (now - e.checked_in_ms).max(0) / 1000;
            let style = match e.urgency {
                crate::domain::Urgency::Today => cx.theme().urgent,
                crate::domain::Urgency::ThisWeek => cx.theme().soon,
                crate::domain::Urgency::Normal => Style::default(),
            };
            Cells::new(vec![
                format!("{:>3}:{:02}", waited / 60, waited % 60),
                e.label.clone(),
                e.reason.clone(),
                urgency_of(e),
                language_of(e),
                if e.interpreter_needed {
                    "✓".into()
                } else {
                    String::new()
                },
            ])
            .style(style)
        })
        .collect();
    let header = vec![
        cx.t("queue.waited"),
        cx.t("queue.label"),
        cx.t("queue.reason"),
        cx.t("queue.urgency"),
        cx.t("queue.language"),
        cx.t("queue.interpreter"),
    ];
    let widths = [
        Constraint::Length(7),
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(4),
    ];
    // The selected visitor in full under the list: what a cell had to cut.
    let e = &state.entries[selected];
    let detail = crate::tui::table::labelled(
        cx,
        &[
            (header[1].clone(), e.label.clone()),
            (header[2].clone(), e.reason.clone()),
            (header[3].clone(), urgency_of(e)),
            (header[4].clone(), language_of(e)),
            (
                header[5].clone(),
                if e.interpreter_needed {
                    cx.t("history.yes")
                } else {
                    String::new()
                },
            ),
        ],
    );
    crate::tui::table::draw_with_detail(
        frame,
        inner,
        Some(header),
        &widths,
        rows,
        Some(selected),
        &detail,
    );
}
