//! Drawing the Information screen: search line and interpreter, topic list, topic texts.

use super::InformationState;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn render(cx: &Ctx<'_>, state: &InformationState, frame: &mut Frame, area: Rect) {
    let topic = state.selected_topic(cx.catalog, cx.lang);
    if state.client_view {
        let lang = state.visitor_lang.as_deref().unwrap_or(cx.lang);
        if let Some(id) = &topic {
            render_client_view(cx, id, lang, &state.text_scroll[0], frame, area);
        }
        return;
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.information")))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
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
    match state.visitor_lang.as_deref().filter(|v| *v != cx.lang) {
        None => render_topic(cx, &id, cx.lang, &state.text_scroll[0], frame, text_area),
        Some(visitor) => {
            let [staff, other] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(text_area);
            render_topic(
                cx,
                &id,
                cx.lang,
                &state.text_scroll[0],
                frame,
                staff.inner(Margin {
                    horizontal: 1,
                    vertical: 0,
                }),
            );
            render_topic(
                cx,
                &id,
                visitor,
                &state.text_scroll[1],
                frame,
                other.inner(Margin {
                    horizontal: 1,
                    vertical: 0,
                }),
            );
        }
    }
}

fn render_top(cx: &Ctx<'_>, state: &InformationState, frame: &mut Frame, area: Rect) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let label = format!("{}: ", cx.t("info.search"));
    let texts = state
        .visitor_lang
        .as_deref()
        .map_or_else(|| cx.t("info.none"), |l| language_name(cx, l));
    // The language the visitor speaks (from the check-in) stands first when the topics do not
    // exist in it, so a Tigrinya speaker is not shown as "–".
    let visitor = match state.arrival.language {
        Some(code)
            if code.topic_language().is_none()
                || code.topic_language() != state.visitor_lang.as_deref() =>
        {
            cx.tf(
                "info.visitor_speaks",
                &[
                    ("language", &language_name(cx, code.as_str())),
                    ("texts", &texts),
                ],
            )
        }
        _ => texts,
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
                cx.t(&format!("language.{}", i.language)),
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

/// A language's name in the UI language (`language.<code>`), else the code itself.
fn language_name(cx: &Ctx<'_>, lang: &str) -> String {
    let key = format!("language.{lang}");
    let name = cx.t(&key);
    if name == key { lang.to_string() } else { name }
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

fn render_topic(
    cx: &Ctx<'_>,
    id: &str,
    lang: &str,
    scroll: &crate::tui::fit::TextScroll,
    frame: &mut Frame,
    area: Rect,
) {
    let Some((topic, shown)) = cx.catalog.topics.get(id, lang) else {
        return;
    };
    let mut lines = vec![Line::from(Span::styled(
        topic.title.clone(),
        Style::default().add_modifier(Modifier::BOLD),
    ))];
    if shown != lang {
        // Missing translations are normal: say so, never leave the visitor with a blank.
        lines.push(Line::from(Span::styled(
            cx.tf("info.fallback", &[("lang", &language_name(cx, shown))]),
            Style::default().fg(Color::Yellow),
        )));
    }
    lines.push(Line::default());
    lines.extend(body_lines(&topic.text));
    scroll.draw(
        frame,
        area,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
    );
}

fn render_client_view(
    cx: &Ctx<'_>,
    id: &str,
    lang: &str,
    scroll: &crate::tui::fit::TextScroll,
    frame: &mut Frame,
    area: Rect,
) {
    let Some((topic, shown)) = cx.catalog.topics.get(id, lang) else {
        return;
    };
    let inner = area.inner(Margin {
        horizontal: (area.width / 8).max(2),
        vertical: 1,
    });
    let title = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut lines = vec![
        Line::from(Span::styled(topic.title.to_uppercase(), title)),
        Line::default(),
    ];
    if shown != lang {
        lines.push(Line::from(Span::styled(
            cx.tf("info.fallback", &[("lang", &language_name(cx, shown))]),
            Style::default().fg(Color::Yellow),
        )));
        lines.push(Line::default());
    }
    // One blank line between lines of text: easier to read across a desk (a paragraph's own
    // blank line would make three).
    for line in body_lines(&topic.text)
        .into_iter()
        .filter(|line| line.width() > 0)
    {
        lines.push(line.style(Style::default().add_modifier(Modifier::BOLD)));
        lines.push(Line::default());
    }
    scroll.draw(
        frame,
        inner,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
    );
}
