//! Drawing the intake: the stage bar, then the current stage.

use super::{IntakeState, ReceptionField, STAGES};
use crate::domain::Sex;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The keys of each stage, most important first: save and the urgent handover (they work on
/// every stage), then the stage's own, then moving between stages.
fn stage_hints(stage: usize) -> Vec<(Action, &'static str)> {
    let own: &[(Action, &str)] = match stage {
        0 => &[(Action::NextField, "next_field"), (Action::Right, "choose")],
        1 => &[
            (Action::Confirm, "given"),
            (Action::VisitorLanguage, "language"),
            (Action::InterpreterLanguage, "interpreter"),
            (Action::InterpreterTimer, "timer"),
            (Action::InterpreterMinutes, "minutes"),
        ],
        2 => &[(Action::NextField, "next_field"), (Action::Right, "choose")],
        3 => &[
            (Action::Confirm, "refer"),
            (Action::Right, "referral_step"),
            (Action::WriteSlip, "slip"),
            (Action::Appointment, "appointment"),
        ],
        _ => &[(Action::Confirm, "save_visit")],
    };
    // Save and the urgent handover first: they must be on screen at any width.
    let mut hints = Vec::new();
    if stage < 4 {
        hints.push((Action::SaveVisit, "save"));
    }
    hints.push((Action::UrgentHandover, "urgent"));
    hints.extend_from_slice(own);
    if stage < 4 {
        hints.push((Action::PageDown, "next_stage"));
    }
    hints.push((Action::PageUp, "prev_stage"));
    hints
}

pub fn render(cx: &Ctx<'_>, state: &IntakeState, frame: &mut Frame, area: Rect) {
    let footer = crate::tui::hints::footer(
        cx,
        crate::tui::keymap::Context::Form,
        &stage_hints(state.stage),
        (area.width as usize).saturating_sub(4),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.intake")))
        .title_bottom(format!(" {footer} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [bar, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(stage_bar(cx, state.stage, bar.width)), bar);
    match state.stage {
        0 => render_reception(cx, state, frame, body),
        1 => crate::tui::screens::information::render(cx, &state.information, frame, body),
        2 => {
            if let Some(form) = &state.competence {
                crate::tui::screens::competence::render(cx, form, frame, body);
            }
        }
        3 => {
            // The referrals made so far, whole up to a third of the stage; beyond, marked and
            // read on with PgDn.
            let summary = Paragraph::new(referral_line(cx, state)).wrap(Wrap { trim: true });
            let height = (summary.line_count(body.width) as u16).clamp(1, (body.height / 3).max(2));
            let [referrals, _, directory] = Layout::vertical([
                Constraint::Length(height),
                Constraint::Length(1),
                Constraint::Min(1),
            ])
            .areas(body);
            state.summary_scroll.draw(frame, referrals, summary);
            crate::tui::screens::directory::render(cx, &state.directory, frame, directory);
        }
        _ => render_close(cx, state, frame, body),
    }
}

/// "1 Reception › 2 Information › …"; where the names do not all fit, the current stage is
/// named and the others show their number.
fn stage_bar(cx: &Ctx<'_>, current: usize, width: u16) -> Line<'static> {
    let names: Vec<String> = (0..STAGES)
        .map(|i| cx.t(&format!("intake.stage_{}", i + 1)))
        .collect();
    let line = |full: &dyn Fn(usize) -> bool| -> Line<'static> {
        let mut spans = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" › "));
            }
            let text = if full(i) {
                format!(" {} {name} ", i + 1)
            } else {
                format!(" {} ", i + 1)
            };
            let style = if i == current {
                Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                Style::default().add_modifier(Modifier::DIM)
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    };
    let all = line(&|_| true);
    if all.width() <= width as usize {
        all
    } else {
        line(&|i| i == current)
    }
}

/// "Referrals: Caritas (referred), LAVI (handed over by phone)".
fn referral_line(cx: &Ctx<'_>, state: &IntakeState) -> Line<'static> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let list: Vec<String> = state
        .referrals
        .iter()
        .map(|r| {
            let name = cx
                .catalog
                .service(&r.service_id)
                .map_or(r.service_id.clone(), |s| s.name(cx.lang).to_string());
            let slip = r.slip.as_ref().map_or_else(String::new, |s| {
                format!(", {} {}", cx.t("history.slip"), s.languages.join("+"))
            });
            format!("{name} ({}{slip})", r.status_text(cx))
        })
        .collect();
    let text = if list.is_empty() {
        crate::tui::hints::with_keys(
            cx,
            "intake.no_referrals",
            crate::tui::keymap::Context::Form,
            &[
                ("confirm", Action::Confirm),
                ("left", Action::Left),
                ("right", Action::Right),
            ],
        )
    } else {
        list.join(", ")
    };
    Line::from(vec![
        Span::styled(format!("{}: ", cx.t("intake.referrals")), bold),
        Span::raw(text),
    ])
}

fn render_close(cx: &Ctx<'_>, state: &IntakeState, frame: &mut Frame, area: Rect) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let r = &state.reception;
    // The names typed, else the check-in's ticket; never "Person: ," for empty names.
    let who = if r.anonymous {
        cx.t("history.anonymous")
    } else {
        state.who().unwrap_or_else(|| "–".to_string())
    };
    let topics: Vec<String> = state
        .information
        .given
        .iter()
        .map(|g| {
            cx.catalog
                .topics
                .get(&g.topic, cx.lang)
                .map_or(g.topic.clone(), |(t, _)| t.title.clone())
        })
        .collect();
    let answer = state
        .competence
        .as_ref()
        .map(|form| crate::check::check(cx.catalog, &form.input(cx.catalog), cx.session.today));
    let competence = match answer {
        None | Some(Err(crate::check::InputError::NothingGiven)) => cx.t("intake.not_checked"),
        Some(Ok(outcome)) => outcome.answer.primary().name.get(cx.lang).to_string(),
        Some(Err(error)) => cx.tf(
            "intake.competence_missing",
            &[(
                "error",
                &error.message(&cx.catalog.i18n, cx.lang, |f| cx.t(f.label_key())),
            )],
        ),
    };
    // Language, mode, minutes and service: all that the interpreting record will hold.
    let interpreter = state
        .information
        .interpreter
        .as_ref()
        .map(|i| {
            let provider = i.provider.as_deref().map_or_else(String::new, |p| {
                let name = cx.catalog.service(p).map_or(p, |s| s.name(cx.lang));
                format!(" · {name}")
            });
            format!(
                "{} · {} · {} min{provider}",
                cx.language_name(i.language.as_str()),
                cx.t(&format!(
                    "info.mode_{}",
                    <&str>::from(i.mode).replace('-', "_")
                )),
                i.minutes(cx.now.instant)
            )
        })
        .unwrap_or_else(|| cx.t("info.no_interpreter"));
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{}: ", cx.t(label)), bold),
            Span::raw(value),
        ])
    };
    let reason = Some(r.reason.trim().to_string()).filter(|t| !t.is_empty());
    let duration = state
        .information
        .started_at
        .map_or_else(String::new, |start| {
            let minutes = (cx.now.local - start).num_minutes().max(0);
            cx.tf(
                "intake.duration",
                &[
                    ("minutes", &minutes.to_string()),
                    ("start", &start.format("%H:%M").to_string()),
                ],
            )
        });
    let mut lines = vec![
        row("intake.person", who),
        row("queue.reason", reason.unwrap_or_else(|| "–".into())),
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
    ];
    if let Some(request) = r.financial_request() {
        lines.push(row(
            "intake.financial",
            cx.tf(
                "intake.decide_by",
                &[
                    ("date", &request.decide_by().format("%d.%m.%Y").to_string()),
                    ("missing", &request.missing().count().to_string()),
                ],
            ),
        ));
        // Which documents are missing, by name: what the visitor must still bring.
        let missing: Vec<String> = request
            .missing()
            .map(|d| {
                cx.catalog
                    .documents
                    .iter()
                    .find(|c| c.id == d.id)
                    .map_or_else(|| d.id.clone(), |c| c.label(cx.lang).to_string())
            })
            .collect();
        if !missing.is_empty() {
            lines.push(row("intake.missing_documents", missing.join(", ")));
        }
    }
    lines.extend([
        referral_line(cx, state),
        row(
            "intake.consent",
            cx.t(if r.consent && !r.anonymous {
                "history.yes"
            } else {
                "history.no"
            }),
        ),
        row("intake.duration_label", duration),
        Line::default(),
        row("intake.note", state.note.clone()),
        Line::default(),
        Line::from(Span::styled(
            {
                let key = |action| {
                    crate::tui::hints::key_for(cx, crate::tui::keymap::Context::Form, action)
                        .unwrap_or_default()
                };
                cx.tf(
                    "intake.save_hint",
                    &[
                        ("confirm", &key(Action::Confirm)),
                        ("save", &key(Action::SaveVisit)),
                        ("back", &key(Action::PageUp)),
                    ],
                )
            },
            Style::default().add_modifier(Modifier::DIM),
        )),
    ]);
    state
        .summary_scroll
        .draw(frame, area, Paragraph::new(lines).wrap(Wrap { trim: true }));
}

fn render_reception(cx: &Ctx<'_>, state: &IntakeState, frame: &mut Frame, area: Rect) {
    let r = &state.reception;
    let tick = |on: bool| {
        if on {
            "[x]".to_string()
        } else {
            "[ ]".to_string()
        }
    };
    let fields = r.fields();
    let mut rows = Vec::new();
    for field in fields.iter().copied() {
        let focused = r.focus == field;
        let (value, is_text) = match field {
            ReceptionField::Anonymous => (tick(r.anonymous), false),
            ReceptionField::Consent => (tick(r.consent), false),
            ReceptionField::Interpreter => (tick(r.interpreter_needed), false),
            ReceptionField::Financial => (tick(r.financial), false),
            ReceptionField::Document(i) => (
                tick(r.documents.get(i as usize).is_some_and(|d| d.present)),
                false,
            ),
            ReceptionField::Language => {
                let name = match r.language {
                    None => cx.t("intake.not_given"),
                    Some(code) => cx.language_name(code.as_str()),
                };
                (format!("‹ {name} ›"), false)
            }
            ReceptionField::Sex => {
                let key = match r.sex {
                    Some(Sex::Male) => "intake.sex_male",
                    Some(Sex::Female) => "intake.sex_female",
                    Some(Sex::Unknown) => "intake.sex_unknown",
                    None => "intake.not_given",
                };
                (format!("‹ {} ›", cx.t(key)), false)
            }
            ReceptionField::Status => (
                format!("‹ {} ›", cx.t(&format!("residence.{}", r.status.as_str()))),
                false,
            ),
            ReceptionField::Urgency => (
                format!(
                    "‹ {} ›",
                    cx.t(&format!("urgency.{}", <&str>::from(r.urgency)))
                ),
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
        // A problem shows once something was typed, the field was left, or a save was tried:
        // never on a field nobody has touched yet.
        let problem = r
            .problem(field, cx.catalog, cx.session.today)
            .filter(|_| r.left.contains(&field) || !is_text || !value.trim().is_empty());
        let mut value_style = Style::default();
        if problem.is_some() {
            value_style = value_style
                .patch(cx.theme().error)
                .add_modifier(Modifier::BOLD);
        }
        if focused {
            value_style = value_style.add_modifier(Modifier::REVERSED);
        }
        let label = match field {
            // A checklist item is read by its name: it stands in the label column, indented.
            ReceptionField::Document(i) => r
                .documents
                .get(i as usize)
                .and_then(|d| cx.catalog.documents.iter().find(|c| c.id == d.id))
                .map_or_else(String::new, |d| format!("  {}", d.label(cx.lang))),
            _ => cx.t(field.label_key()),
        };
        let note = match (&problem, field, r.financial_request()) {
            (Some(problem), _, _) => {
                // `fields` names fields by their labels' keys: said in the staff language.
                let shown: Vec<(String, String)> = problem
                    .args
                    .iter()
                    .map(|(k, v)| {
                        let v = if k == "fields" {
                            v.split(',')
                                .map(|key| cx.t(key))
                                .collect::<Vec<_>>()
                                .join(", ")
                        } else {
                            v.clone()
                        };
                        (k.clone(), v)
                    })
                    .collect();
                let args: Vec<(&str, &str)> = shown
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                Some((cx.tf(&problem.key, &args), cx.theme().error))
            }
            // The decision date sits with the date it is counted from.
            (None, ReceptionField::ReceivedOn, Some(request)) => Some((
                cx.tf(
                    "intake.decide_by",
                    &[
                        ("date", &request.decide_by().format("%d.%m.%Y").to_string()),
                        ("missing", &request.missing().count().to_string()),
                    ],
                ),
                cx.theme().warning.add_modifier(Modifier::BOLD),
            )),
            _ => None,
        };
        rows.push(crate::tui::form::Row {
            label,
            value,
            value_style,
            note,
            focused,
            text: is_text,
        });
    }
    let width = area.width as usize;
    // The checklist's long names wrap in the column instead of pushing every value right.
    let label_width = crate::tui::form::label_width(
        rows.iter()
            .zip(&fields)
            .filter(|(_, f)| !matches!(f, ReceptionField::Document(_)))
            .map(|(r, _)| r.label.as_str()),
        width,
    );
    let focus_y = crate::tui::form::draw(frame, area, &rows, label_width).focus_y;
    render_suggestions(cx, state, frame, area, focus_y, label_width as u16 + 2);
}

/// People from earlier visits who match what is being typed, or communes, under the focused field.
fn render_suggestions(
    cx: &Ctx<'_>,
    state: &IntakeState,
    frame: &mut Frame,
    area: Rect,
    focus_y: u16,
    x_offset: u16,
) {
    let communes = state.commune_suggestions(cx.catalog);
    let mut heading = None;
    let (title, rows, selected): (String, Vec<String>, usize) = if !communes.is_empty() {
        (
            crate::tui::hints::with_keys(
                cx,
                "intake.communes",
                crate::tui::keymap::Context::Form,
                &[
                    ("up", Action::Up),
                    ("down", Action::Down),
                    ("confirm", Action::Confirm),
                ],
            ),
            communes.iter().map(|c| c.to_string()).collect(),
            state.commune_pick.min(communes.len() - 1),
        )
    } else if !state.suggestions.is_empty() {
        heading = Some(cx.t("intake.returning_heading"));
        let rows = state
            .suggestions
            .iter()
            .map(|found| {
                let p = &found.person;
                let mut text = format!("{}, {}", p.official_name, p.first_name);
                if let Some(date) = &p.birth_date {
                    text.push_str(&format!(" · {date}"));
                }
                if let Some(vn) =
                    p.vn.as_deref()
                        .and_then(|v| v.parse::<crate::domain::Ahvn13>().ok())
                {
                    text.push_str(&format!(" · {vn}"));
                }
                let seen = &found.seen_at;
                text.push_str(&format!(" · {}", seen.get(..10).unwrap_or(seen)));
                text
            })
            .collect();
        // How many, so staff know whether to type more; all of them are reachable with ↑↓.
        let count = format!(
            "{}{}",
            state.suggestions.len(),
            if state.suggestions_more { "+" } else { "" }
        );
        (
            format!(
                "{}/{count} · {}",
                state.suggestion + 1,
                cx.t("intake.returning")
            ),
            rows,
            state.suggestion,
        )
    } else {
        return;
    };
    let x = area.x + x_offset.min(area.width / 3);
    let width = area.right().saturating_sub(x).min(70);
    let room = area.bottom().saturating_sub(focus_y + 1);
    let fixed_rows = 2 + u16::from(heading.is_some());
    let height = (rows.len() as u16 + fixed_rows).min(room);
    if height < fixed_rows + 1 {
        return;
    }
    let dim = Style::default().add_modifier(Modifier::DIM | Modifier::BOLD);
    let heading_line = heading.map(|h| Line::from(Span::styled(h, dim)));
    let popup = Rect::new(x, focus_y + 1, width, height);
    frame.render_widget(ratatui::widgets::Clear, popup);
    // The keys from the keymap at the bottom, where the list does not need the room.
    let keys = if state.suggestions.is_empty() {
        String::new()
    } else {
        crate::tui::hints::footer(
            cx,
            crate::tui::keymap::Context::Form,
            &[
                (Action::Confirm, "take_over"),
                (Action::Dossier, "dossier"),
                (Action::Down, "choose"),
                (Action::Close, "close"),
            ],
            (width as usize).saturating_sub(4),
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_bottom(if keys.is_empty() {
            String::new()
        } else {
            format!(" {keys} ")
        });
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let list = match heading_line {
        Some(heading) => {
            frame.render_widget(Paragraph::new(heading), Rect { height: 1, ..inner });
            Rect {
                y: inner.y + 1,
                height: inner.height.saturating_sub(1),
                ..inner
            }
        }
        None => inner,
    };
    crate::tui::table::draw_list(
        frame,
        list,
        rows.into_iter()
            .map(|r| crate::tui::table::Cells::new(vec![r]))
            .collect(),
        Some(selected),
    );
}
