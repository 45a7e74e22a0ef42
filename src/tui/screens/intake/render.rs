//! Drawing the intake: the stage bar, then the current stage.

use super::{IntakeState, ReceptionField, STAGES};
use crate::domain::Sex;
use crate::tui::app::App;
use crate::tui::fit::shorten_right;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, state: &IntakeState, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", app.t("screen.intake")))
        .title_bottom(format!(" {} ", app.t("intake.hint")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [bar, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let stages: Vec<Span> = (0..STAGES)
        .flat_map(|i| {
            let name = format!(" {} {} ", i + 1, app.t(&format!("intake.stage_{}", i + 1)));
            let style = if i == state.stage {
                Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                Style::default().add_modifier(Modifier::DIM)
            };
            [Span::styled(name, style), Span::raw(" › ")]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(stages)), bar);
    match state.stage {
        0 => render_reception(app, state, frame, body),
        1 => crate::tui::screens::information::render(app, &state.information, frame, body),
        2 => {
            if let Some(form) = &state.competence {
                crate::tui::screens::competence::render(app, form, frame, body);
            }
        }
        3 => {
            let [referrals, directory] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(body);
            frame.render_widget(
                Paragraph::new(referral_line(app, state)).wrap(Wrap { trim: true }),
                referrals,
            );
            crate::tui::screens::directory::render(app, &state.directory, frame, directory);
        }
        _ => render_close(app, state, frame, body),
    }
}

/// "Referrals: Caritas (referred), LAVI (handed over by phone)".
fn referral_line(app: &App, state: &IntakeState) -> Line<'static> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let list: Vec<String> = state
        .referrals
        .iter()
        .map(|r| {
            let name = app
                .catalog
                .service(&r.service_id)
                .map_or(r.service_id.clone(), |s| s.name(&app.lang).to_string());
            format!(
                "{name} ({})",
                app.t(&format!("intake.referral_{}", r.status.replace('-', "_")))
            )
        })
        .collect();
    let text = if list.is_empty() {
        app.t("intake.no_referrals")
    } else {
        list.join(", ")
    };
    Line::from(vec![
        Span::styled(format!("{}: ", app.t("intake.referrals")), bold),
        Span::raw(text),
    ])
}

fn render_close(app: &App, state: &IntakeState, frame: &mut Frame, area: Rect) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let r = &state.reception;
    let who = if r.anonymous {
        app.t("history.anonymous")
    } else {
        format!("{}, {}", r.official_name.trim(), r.first_name.trim())
    };
    let topics: Vec<String> = state
        .information
        .given
        .iter()
        .map(|g| {
            app.catalog
                .topics
                .get(&g.topic, &app.lang)
                .map_or(g.topic.clone(), |(t, _)| t.title.clone())
        })
        .collect();
    let competence = state
        .competence
        .as_ref()
        .and_then(|form| {
            crate::check::check(&app.catalog, &form.input(&app.catalog), app.session.today).ok()
        })
        .map(|outcome| outcome.answer.primary().name.get(&app.lang).to_string())
        .unwrap_or_else(|| app.t("intake.not_checked"));
    let interpreter = state
        .information
        .interpreter
        .as_ref()
        .map(|i| {
            format!(
                "{} · {}",
                app.t(&format!("language.{}", i.language)),
                app.t(&format!(
                    "info.mode_{}",
                    <&str>::from(i.mode).replace('-', "_")
                ))
            )
        })
        .unwrap_or_else(|| app.t("info.no_interpreter"));
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{}: ", app.t(label)), bold),
            Span::raw(value),
        ])
    };
    let lines = vec![
        row("intake.person", who),
        row(
            "info.topics",
            if topics.is_empty() {
                "–".into()
            } else {
                topics.join(", ")
            },
        ),
        row("info.interpreter", interpreter),
        row("check.responsible", competence),
        referral_line(app, state),
        Line::default(),
        row("intake.note", state.note.clone()),
        Line::default(),
        Line::from(Span::styled(
            app.t("intake.save_hint"),
            Style::default().add_modifier(Modifier::DIM),
        )),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn render_reception(app: &App, state: &IntakeState, frame: &mut Frame, area: Rect) {
    let r = &state.reception;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let label_width = ReceptionField::ALL
        .iter()
        .map(|f| app.t(f.label_key()).width())
        .max()
        .unwrap_or(10)
        .min(28);
    let value_width = 34usize;
    let tick = |on: bool| {
        if on {
            "[x]".to_string()
        } else {
            "[ ]".to_string()
        }
    };
    let mut lines = Vec::new();
    let mut cursor = None;
    for (row, field) in r.fields().into_iter().enumerate() {
        let focused = r.focus == field;
        let (value, is_text) = match field {
            ReceptionField::Anonymous => (tick(r.anonymous), false),
            ReceptionField::Consent => (tick(r.consent), false),
            ReceptionField::Sex => {
                let key = match Sex::from_code(r.sex) {
                    Some(Sex::Male) => "intake.sex_male",
                    Some(Sex::Female) => "intake.sex_female",
                    Some(Sex::Unknown) => "intake.sex_unknown",
                    None => "intake.not_given",
                };
                (format!("‹ {} ›", app.t(key)), false)
            }
            ReceptionField::Status => (
                format!("‹ {} ›", app.t(&format!("residence.{}", r.status))),
                false,
            ),
            ReceptionField::Urgency => (
                format!("‹ {} ›", app.t(&format!("urgency.{}", r.urgency))),
                false,
            ),
            other => {
                let mut copy = r.clone();
                (
                    copy.text_mut(other).map(|t| t.clone()).unwrap_or_default(),
                    true,
                )
            }
        };
        let problem = r.problem(field, &app.catalog, app.session.today);
        let mut value_style = Style::default();
        if problem.is_some() {
            value_style = value_style.fg(Color::Red).add_modifier(Modifier::BOLD);
        }
        if focused {
            value_style = value_style.add_modifier(Modifier::REVERSED);
        }
        let label = format!(
            "{}{:<label_width$} ",
            if focused { "›" } else { " " },
            shorten_right(&app.t(field.label_key()), label_width)
        );
        let shown = shorten_right(&value, value_width);
        let pad = " ".repeat(value_width.saturating_sub(shown.width()) + 1);
        let mut spans = vec![
            Span::styled(label, bold),
            Span::styled(shown.clone(), value_style),
            Span::raw(pad),
        ];
        if let Some(problem) = problem {
            let args: Vec<(&str, &str)> = problem
                .args
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            spans.push(Span::styled(
                app.tf(&problem.key, &args),
                Style::default().fg(Color::Red),
            ));
        }
        if focused && is_text {
            let x = area.x + (label_width + 2 + shown.width()) as u16;
            cursor = Some(Position::new(
                x.min(area.right().saturating_sub(1)),
                area.y + row as u16,
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}
