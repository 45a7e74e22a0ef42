//! Drawing the waiting list: waited time, who, why, urgency, language, interpreter.

use super::QueueState;
use super::check_in::language_label;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::fit::shorten_right;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};

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
            Paragraph::new(cx.t("queue.empty"))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let now = cx.now.epoch_ms();
    let name_width = (area.width as usize).saturating_sub(60).max(12);
    let rows = state.entries.iter().map(|e| {
        let waited = (now - e.checked_in_ms).max(0) / 1000;
        let urgency = cx.t(&format!("urgency.{}", <&str>::from(e.urgency)));
        let style = match e.urgency {
            crate::domain::Urgency::Today => {
                Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
            }
            crate::domain::Urgency::ThisWeek => Style::default().fg(Color::Yellow),
            crate::domain::Urgency::Normal => Style::default(),
        };
        Row::new(vec![
            format!("{:>3}:{:02}", waited / 60, waited % 60),
            shorten_right(&e.label, name_width),
            e.reason.clone(),
            urgency,
            e.language
                .map_or_else(String::new, |l| language_label(cx, l.as_str())),
            if e.interpreter_needed {
                "✓".into()
            } else {
                String::new()
            },
        ])
        .style(style)
    });
    let header = Row::new(vec![
        cx.t("queue.waited"),
        cx.t("queue.label"),
        cx.t("queue.reason"),
        cx.t("queue.urgency"),
        cx.t("queue.language"),
        cx.t("queue.interpreter"),
    ])
    .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let widths = [
        Constraint::Length(7),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(12),
        Constraint::Length(18),
        Constraint::Length(11),
    ];
    let mut table_state =
        TableState::default().with_selected(Some(state.selected.min(state.entries.len() - 1)));
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block)
            .column_spacing(1)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED)),
        area,
        &mut table_state,
    );
}
