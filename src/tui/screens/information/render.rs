//! Drawing the Information screen: search line and interpreter, topic list, topic texts.

use super::InformationState;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn render(cx: &Ctx<'_>, state: &InformationState, frame: &mut Frame, area: Rect) {
    let topic = state.selected_topic(cx.catalog, cx.lang);
    if state.client_view {
        if let Some(id) = &topic {
            render_client_view(cx, state, id, frame, area);
        }
        return;
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.information")))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
                (Action::FocusSearch, "search"),
                (Action::SaveVisit, "save_visit"),
                (Action::Confirm, "given"),
                (Action::WrittenCopy, "written_copy"),
                (Action::VisitorLanguage, "language"),
                (Action::ClientView, "client_view"),
                (Action::InterpreterLanguage, "interpreter"),
                (Action::InterpreterTimer, "timer"),
                (Action::InterpreterMinutes, "minutes"),
                (Action::InterpreterMode, "mode"),
                (Action::InterpreterProvider, "service"),
            ],
            area,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [top, body] = Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(inner);
    render_top(cx, state, frame, top);
    let [list_area, text_area] =
        Layout::horizontal([Constraint::Percentage(32), Constraint::Percentage(68)]).areas(body);
    let hits = state.hits(cx.catalog, cx.lang);
    let items = hits
        .iter()
        .map(|id| {
            let title = cx
                .catalog
                .topics
                .get(id, cx.lang)
                .map_or(id.clone(), |(t, _)| t.title.clone());
            let mark = match state.given.iter().find(|g| &g.topic == id) {
                Some(g) if g.written_copy => "✓✉ ",
                Some(_) => "✓  ",
                None => "   ",
            };
            crate::tui::table::Cells::new(vec![format!("{mark}{title}")])
        })
        .collect();
    // A title cut in the list stands whole above its text.
    let list = crate::tui::table::beside(frame, list_area, Some(cx.t("info.topics")));
    crate::tui::table::draw_list(
        frame,
        list,
        items,
        (!hits.is_empty()).then(|| state.selected.min(hits.len() - 1)),
    );
    let Some(id) = topic else { return };
    let text_area = text_area.inner(Margin {
        horizontal: 1,
        vertical: 0,
    });
    let visitor = state
        .visitor_text(cx.catalog, &id, cx.lang)
        .filter(|_| state.visitor_lang.is_some());
    let staff_topic = cx.catalog.topics.get(&id, cx.lang);
    let Some((staff_topic, staff_shown)) = staff_topic else {
        return;
    };
    // The visitor reads the staff's own text (their language has none): one column, with the
    // note of why, rather than the same text twice.
    let (visitor, same_note) = match visitor {
        Some(v) if v.lang == staff_shown => (None, v.missing),
        other => (other, None),
    };
    let staff_lines = topic_lines(
        cx,
        staff_topic,
        same_note.or_else(|| {
            (staff_shown != cx.lang).then(|| {
                cx.tf(
                    "info.fallback",
                    &[(
                        "lang",
                        &super::file_language_name(cx.catalog, cx.lang, staff_shown),
                    )],
                )
            })
        }),
        None,
    );
    match visitor {
        None => draw_text(staff_lines, &state.text_scroll[0], frame, text_area),
        Some(visitor) => {
            let [staff, other] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(text_area);
            let margin = Margin {
                horizontal: 1,
                vertical: 0,
            };
            draw_text(
                staff_lines,
                &state.text_scroll[0],
                frame,
                staff.inner(margin),
            );
            let mut lines = topic_lines(
                cx,
                visitor.topic,
                visitor.missing.clone(),
                visitor.unreviewed.clone(),
            );
            if crate::domain::language::direction_of(visitor.lang) == "rtl" {
                lines = lines.into_iter().map(Line::right_aligned).collect();
            }
            // With German beside it already, the original need not come twice.
            if cx.lang != "de" {
                lines.extend(unreviewed_original(cx, &id, &visitor));
            }
            draw_text(lines, &state.text_scroll[1], frame, other.inner(margin));
        }
    }
}

fn render_top(cx: &Ctx<'_>, state: &InformationState, frame: &mut Frame, area: Rect) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let label = format!("{}: ", cx.t("info.search"));
    // The language the visitor speaks (chosen here or at check-in), the one they read second,
    // and the language their texts come in where that is another.
    let visitor = match state.visitor_lang {
        None => match state.arrival.language {
            Some(code) => crate::domain::language::label_of(&cx.catalog.i18n, cx.lang, code),
            None => cx.t("info.none"),
        },
        Some(code) => {
            let mut text = crate::domain::language::label_of(&cx.catalog.i18n, cx.lang, code);
            if let Some(second) = state.visitor_second {
                text.push_str(&format!(
                    " · {}: {}",
                    cx.t("pick.second"),
                    crate::domain::language::name_of(&cx.catalog.i18n, cx.lang, second)
                ));
            }
            match state.visitor_files(cx.catalog).first() {
                Some(file) if cx.catalog.topics.language_for(code.as_str()) == Some(*file) => text,
                other => cx.tf(
                    "info.visitor_speaks",
                    &[
                        ("language", &text),
                        (
                            "texts",
                            &super::file_language_name(
                                cx.catalog,
                                cx.lang,
                                other.copied().unwrap_or(
                                    if cx.catalog.topics.visitor_texts(cx.lang).is_some() {
                                        cx.lang
                                    } else {
                                        "de"
                                    },
                                ),
                            ),
                        ),
                    ],
                ),
            }
        }
    };
    let interpreter = match &state.interpreter {
        None => cx.t("info.no_interpreter"),
        Some(i) => {
            let seconds = i.elapsed(cx.now.instant).as_secs();
            let mode = cx.t(&format!(
                "info.mode_{}",
                <&str>::from(i.mode).replace('-', "_")
            ));
            let running = if i.running_since.is_some() {
                format!(" ● {}", cx.t("info.running"))
            } else {
                String::new()
            };
            let provider = i.provider.as_deref().map_or_else(String::new, |p| {
                let name = cx.catalog.service(p).map_or(p, |s| s.name(cx.lang));
                format!(" · {name}")
            });
            // The clock first: it is what staff glance at.
            format!(
                "{:02}:{:02}:{:02}{running} · {} ({}) · {mode}{provider}",
                seconds / 3600,
                seconds / 60 % 60,
                seconds % 60,
                cx.language_name(i.language.as_str()),
                i.language,
            )
        }
    };
    let (query, cursor) = crate::tui::fit::typed(&label, &state.query, area.width);
    let lines = vec![
        Line::from(vec![Span::styled(label, bold), Span::raw(query)]),
        Line::from(vec![
            Span::styled(format!("{}: ", cx.t("info.visitor_lang")), bold),
            Span::raw(visitor),
        ]),
        Line::from(vec![
            Span::styled(format!("{}: ", cx.t("info.interpreter")), bold),
            Span::raw(interpreter),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
    frame.set_cursor_position(Position::new(area.x + cursor, area.y));
}

/// The topic's text as lines: paragraphs, and "- " items as bullets.
fn body_lines(text: &str) -> Vec<Line<'static>> {
    text.trim()
        .lines()
        .map(|line| match line.strip_prefix("- ") {
            Some(item) => Line::from(format!("• {item}")),
            None => Line::from(line.to_string()),
        })
        .collect()
}

/// A topic's lines: its title, why it is in another language or not checked, its text.
fn topic_lines(
    cx: &Ctx<'_>,
    topic: &crate::catalog::Topic,
    missing: Option<String>,
    unreviewed: Option<String>,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        topic.title.clone(),
        Style::default().add_modifier(Modifier::BOLD),
    ))];
    // Missing translations are normal: say so, never leave the visitor with a blank.
    if let Some(missing) = missing {
        lines.push(Line::from(Span::styled(
            format!("⚠ {missing}"),
            cx.theme().warning,
        )));
    }
    if let Some(unreviewed) = unreviewed {
        lines.push(Line::from(Span::styled(
            format!("◌ {unreviewed}"),
            Style::default().add_modifier(Modifier::DIM),
        )));
    }
    lines.push(Line::default());
    lines.extend(body_lines(&topic.text));
    lines
}

/// Under a translation nobody checked: its marker and the German original, for the interpreter
/// to check it on the spot (whatever language the staff column beside it is in).
fn unreviewed_original(
    cx: &Ctx<'_>,
    id: &str,
    shown: &super::VisitorText<'_>,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let (Some(unreviewed), Some((german, _))) =
        (&shown.unreviewed, cx.catalog.topics.get(id, "de"))
    else {
        return lines;
    };
    if shown.lang == "de" {
        return lines;
    }
    let dim = Style::default().add_modifier(Modifier::DIM);
    lines.push(Line::default());
    let marker = Line::from(Span::styled(format!("◌ {unreviewed}"), dim));
    // The marker is in the visitor's language and reads from their side.
    lines.push(
        if crate::domain::language::direction_of(shown.lang) == "rtl" {
            marker.right_aligned()
        } else {
            marker
        },
    );
    lines.push(Line::default());
    let original = cx
        .catalog
        .topics
        .visitor_texts("de")
        .map_or("Deutsch", |t| t.original.as_str());
    lines.push(Line::from(Span::styled(
        format!("{original}: {}", german.title),
        dim.add_modifier(Modifier::BOLD),
    )));
    lines.extend(body_lines(&german.text).into_iter().map(|l| l.style(dim)));
    lines
}

fn draw_text(
    lines: Vec<Line<'static>>,
    scroll: &crate::tui::fit::TextScroll,
    frame: &mut Frame,
    area: Rect,
) {
    scroll.draw(
        frame,
        area,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
    );
}

fn render_client_view(
    cx: &Ctx<'_>,
    state: &InformationState,
    id: &str,
    frame: &mut Frame,
    area: Rect,
) {
    let shown = if state.visitor_lang.is_some() {
        state.visitor_text_for_visitor(cx.catalog, id, cx.lang)
    } else {
        cx.catalog
            .topics
            .get(id, cx.lang)
            .map(|(topic, lang)| super::VisitorText {
                topic,
                lang,
                missing: None,
                unreviewed: None,
            })
    };
    let Some(shown) = shown else {
        return;
    };
    let inner = area.inner(Margin {
        horizontal: (area.width / 8).max(2),
        vertical: 1,
    });
    let title = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut lines = vec![
        Line::from(Span::styled(shown.topic.title.to_uppercase(), title)),
        Line::default(),
    ];
    if let Some(missing) = &shown.missing {
        lines.push(Line::from(Span::styled(
            format!("⚠ {missing}"),
            cx.theme().warning,
        )));
        lines.push(Line::default());
    }
    // One blank line between lines of text: easier to read across a desk (a paragraph's own
    // blank line would make three).
    for line in body_lines(&shown.topic.text)
        .into_iter()
        .filter(|line| line.width() > 0)
    {
        lines.push(line.style(Style::default().add_modifier(Modifier::BOLD)));
        lines.push(Line::default());
    }
    // The glossary's terms the topic speaks of, in the visitor's words.
    let terms: Vec<(String, String)> = cx
        .catalog
        .terms_in_topic(id)
        .into_iter()
        .filter_map(|t| {
            cx.catalog
                .term_in(t, shown.lang)
                .or_else(|| cx.catalog.term_in(t, "de"))
        })
        .collect();
    if !terms.is_empty() {
        let heading = cx
            .catalog
            .topics
            .visitor_texts(shown.lang)
            .map_or_else(|| cx.t("screen.glossary"), |t| t.glossary_title.clone());
        lines.push(Line::from(Span::styled(
            heading,
            Style::default().add_modifier(Modifier::UNDERLINED),
        )));
        lines.push(Line::default());
        for (term, explanation) in terms {
            lines.push(Line::from(vec![
                Span::styled(term, Style::default().add_modifier(Modifier::BOLD)),
                Span::raw(format!(" — {explanation}")),
            ]));
            lines.push(Line::default());
        }
    }
    // Right-to-left text stands at the right edge, where its lines begin; the German under it
    // stays at the left.
    if crate::domain::language::direction_of(shown.lang) == "rtl" {
        lines = lines.into_iter().map(Line::right_aligned).collect();
    }
    lines.extend(unreviewed_original(cx, id, &shown));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    state.text_scroll[0].draw(frame, inner, paragraph);
}
