//! Drawing the Directory screen: search line, results, details of the selected service.

use super::DirectoryState;
use crate::catalog::Service;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(cx: &Ctx<'_>, state: &DirectoryState, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.directory")))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
                (Action::FocusSearch, "search"),
                (Action::Confirm, "open"),
                (Action::WriteSlip, "slip"),
                (Action::CopyPhone, "copy_phone"),
                (Action::CorrectService, "correct"),
                (Action::NextRegion, "region"),
                (Action::VisitorLanguage, "language"),
                (Action::UnmetNeed, "unmet"),
            ],
            area,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let hits = state.hits(cx.catalog, cx.directory_index);
    let filters = filters_line(cx, state, hits.len());
    let filter_height = Paragraph::new(filters.clone())
        .wrap(Wrap { trim: true })
        .line_count(inner.width) as u16;
    let [search_area, body] = Layout::vertical([
        Constraint::Length(2 + filter_height.saturating_sub(1)),
        Constraint::Min(1),
    ])
    .areas(inner);
    render_search_line(cx, state, filters, frame, search_area);
    let selected = hits
        .get(crate::tui::list::clamped(state.selected, hits.len()))
        .map(|i| &cx.catalog.services[*i]);
    if hits.is_empty() {
        frame.render_widget(
            Paragraph::new(cx.t("directory.no_results")).wrap(Wrap { trim: true }),
            body,
        );
        return;
    }
    if state.open {
        if let Some(service) = selected {
            render_details(
                cx,
                service,
                state
                    .visitor_lang
                    .and_then(|v| v.topic_language())
                    .filter(|l| cx.catalog.i18n.has_language(l))
                    .unwrap_or(cx.lang),
                true,
                &state.details_scroll,
                frame,
                body,
            );
        }
        return;
    }
    // On a narrow screen the list takes half: names and numbers both need room.
    let list_share = if body.width < 100 { 50 } else { 42 };
    let [list_area, details_area] = Layout::horizontal([
        Constraint::Percentage(list_share),
        Constraint::Percentage(100 - list_share),
    ])
    .areas(body);
    // No number known: a dash in the list, said in words in the details beside.
    let phone_of = |i: &usize| {
        cx.catalog.services[*i]
            .phone
            .as_deref()
            .map_or_else(|| "–".to_string(), list_phone)
    };
    // A phone number is never cut: its column is as wide as the longest; the name gives way.
    let phone_width = hits.iter().map(|i| phone_of(i).width()).max().unwrap_or(0) as u16;
    let rows = hits
        .iter()
        .map(|i| {
            crate::tui::table::Cells::new(vec![
                cx.catalog.services[*i].name(cx.lang).to_string(),
                phone_of(i),
            ])
        })
        .collect();
    let list = crate::tui::table::beside(frame, list_area, None);
    crate::tui::table::draw(
        frame,
        list,
        None,
        &[Constraint::Fill(1), Constraint::Length(phone_width)],
        rows,
        Some(state.selected.min(hits.len() - 1)),
    );
    if let Some(service) = selected {
        let details = Rect {
            x: details_area.x + 1,
            width: details_area.width.saturating_sub(1),
            ..details_area
        };
        // Beside the list the details start at the top; Enter opens them whole, to scroll.
        render_details(
            cx,
            service,
            cx.lang,
            false,
            &crate::tui::fit::TextScroll::default(),
            frame,
            details,
        );
    }
}

/// The first number of a service's phones for the list, `+` where it has more (all of them,
/// with whom they reach, are in the details).
pub fn list_phone(phones: &str) -> String {
    let first = phones
        .split(';')
        .next()
        .unwrap_or(phones)
        .split(" (")
        .next()
        .unwrap_or(phones)
        .trim();
    if first == phones.trim() {
        first.to_string()
    } else {
        format!("{first} +")
    }
}

/// "12 services · Region: … · Visitor's language: …", wrapped where it does not fit.
fn filters_line(cx: &Ctx<'_>, state: &DirectoryState, count: usize) -> Line<'static> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let region = state
        .region
        .as_deref()
        .and_then(|id| cx.catalog.region(id))
        .map_or_else(
            || cx.t("directory.all_regions"),
            |r| r.name(cx.lang).to_string(),
        );
    let visitor = state.visitor_lang.map_or_else(
        || cx.t("directory.none"),
        |code| crate::domain::language::name_of(&cx.catalog.i18n, cx.lang, code),
    );
    let mut spans = vec![
        Span::styled(
            cx.catalog
                .i18n
                .format_count(cx.lang, "directory.count", count as u64, &[]),
            Style::default().add_modifier(Modifier::DIM),
        ),
        Span::raw("   "),
        // A no-break space keeps each label with its value when the line wraps.
        Span::styled(format!("{}:\u{a0}", cx.t("directory.region")), bold),
        Span::raw(region),
        Span::raw("   "),
        Span::styled(format!("{}:\u{a0}", cx.t("directory.visitor_lang")), bold),
        Span::raw(visitor),
    ];
    // The filters staff set, and only those: the line stays short without them.
    if let Some(category) = &state.category {
        spans.push(Span::raw("   "));
        spans.push(Span::styled(
            format!("{}:\u{a0}", cx.t("directory.category")),
            bold,
        ));
        spans.push(Span::raw(cx.t(&format!("category.{category}"))));
    }
    if let Some(language) = &state.language {
        spans.push(Span::raw("   "));
        spans.push(Span::styled(
            format!("{}:\u{a0}", cx.t("directory.works_in")),
            bold,
        ));
        spans.push(Span::raw(
            crate::report::format::Names {
                catalog: cx.catalog,
                lang: cx.lang,
            }
            .language(language),
        ));
    }
    Line::from(spans)
}

fn render_search_line(
    cx: &Ctx<'_>,
    state: &DirectoryState,
    filters: Line<'static>,
    frame: &mut Frame,
    area: Rect,
) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let label = format!("{}: ", cx.t("directory.search"));
    let line = Line::from(vec![
        Span::styled(label.clone(), bold),
        Span::raw(state.query.clone()),
    ]);
    frame.render_widget(
        Paragraph::new(vec![line, filters]).wrap(Wrap { trim: true }),
        area,
    );
    let x = area.x + (label.width() + state.query.width()) as u16;
    frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

/// The service's details in `lang` (the staff's, or the visitor's in the open view).
fn render_details(
    cx: &Ctx<'_>,
    service: &Service,
    lang: &str,
    large: bool,
    scroll: &crate::tui::fit::TextScroll,
    frame: &mut Frame,
    area: Rect,
) {
    let t = |key: &str| cx.catalog.i18n.text(lang, key).to_string();
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let warn = cx.theme().warning;
    let not_known = t("slip.not_known");
    let mut lines = vec![Line::from(Span::styled(
        service.name(lang).to_string(),
        bold,
    ))];
    let other = if lang == "fr" {
        &service.name_de
    } else {
        &service.name_fr
    };
    if other != service.name(lang) {
        lines.push(Line::from(Span::styled(
            other.clone(),
            Style::default().add_modifier(Modifier::DIM),
        )));
    }
    lines.push(Line::default());
    // Text the directory has only in another language says which, in the language shown.
    let in_language = |shown: &str| {
        let code = crate::domain::language::iso_639_3_of(shown).unwrap_or(shown);
        let name = cx
            .catalog
            .i18n
            .text(lang, &format!("language.{code}"))
            .to_string();
        format!(
            " {}",
            cx.catalog
                .i18n
                .format(lang, "directory.fallback", &[("lang", &name)])
        )
    };
    if let Some((text, shown)) = service.description_in(lang) {
        let mut spans = vec![Span::raw(text.to_string())];
        if shown != lang {
            spans.push(Span::styled(in_language(shown), warn));
        }
        lines.push(Line::from(spans));
        lines.push(Line::default());
    }
    let field = |label: String, value: Option<String>| -> Line<'static> {
        match value {
            Some(v) => Line::from(vec![Span::styled(format!("{label}: "), bold), Span::raw(v)]),
            None => Line::from(vec![
                Span::styled(format!("{label}: "), bold),
                Span::styled(not_known.clone(), warn),
            ]),
        }
    };
    // No number known: how to reach the service instead, marked as unknown.
    let phone = service.phone_line(lang, &cx.catalog.i18n);
    lines.push(match service.phone {
        Some(_) => field(t("slip.phone"), Some(phone)),
        None => Line::from(vec![
            Span::styled(format!("{}: ", t("slip.phone")), bold),
            Span::styled(phone, warn),
        ]),
    });
    lines.push(field(
        t("slip.address"),
        service.address(lang).map(str::to_string),
    ));
    // A text kept in another language says which.
    let marked = |found: Option<(&str, &str)>| {
        found.map(|(text, shown)| {
            if shown == lang {
                text.to_string()
            } else {
                format!("{text}{}", in_language(shown))
            }
        })
    };
    // Notes are kept in German only.
    let german = |text: &str| marked(Some((text, "de"))).unwrap_or_default();
    lines.push(field(t("slip.hours"), marked(service.hours_in(lang))));
    for (label, value) in [("slip.email", &service.email), ("slip.web", &service.web)] {
        if value.is_some() {
            lines.push(field(t(label), value.clone()));
        }
    }
    if large {
        lines.push(field(t("slip.bring"), marked(service.bring_in(lang))));
    }
    let regions: Vec<String> = service
        .regions
        .iter()
        .map(|id| {
            cx.catalog
                .region(id)
                .map_or(id.clone(), |r| r.name(lang).to_string())
        })
        .collect();
    let categories: Vec<String> = service
        .categories
        .iter()
        .map(|c| t(&format!("category.{c}")))
        .collect();
    lines.push(field(
        t("directory.languages"),
        Some(service.languages.join(", ")),
    ));
    lines.push(field(
        t("directory.categories"),
        Some(categories.join(", ")),
    ));
    lines.push(field(t("directory.regions"), Some(regions.join(", "))));
    lines.push(Line::default());
    if let Some(note) = &service.note {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t("directory.note")), bold),
            Span::styled(german(note), warn),
        ]));
    }
    let dim = Style::default().add_modifier(Modifier::DIM);
    // What a desk corrected stands over the data: say which fields, by whom and when.
    if !service.local.is_empty() {
        let fields: Vec<String> = service
            .local
            .iter()
            .map(|c| {
                let day = c.at.get(..10).unwrap_or(&c.at);
                format!(
                    "{} ({}, {})",
                    t(&format!("directory.field_{}", c.field.name())),
                    c.staff,
                    day
                )
            })
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t("directory.local")), bold),
            Span::raw(fields.join(", ")),
        ]));
    }
    lines.push(Line::from(Span::styled(
        format!("{}: {}", t("directory.source"), service.source),
        dim,
    )));
    // An entry not compared with its source for a year may be out of date: said, not dimmed.
    let checked = format!("{}: {}", t("directory.checked"), service.last_checked);
    lines.push(
        if service.is_stale(cx.session.today, crate::catalog::services::STALE_MONTHS) {
            Line::from(vec![
                Span::styled(checked, warn),
                Span::styled(format!(" · {}", t("directory.stale")), warn),
            ])
        } else {
            Line::from(Span::styled(checked, dim))
        },
    );
    scroll.draw(frame, area, Paragraph::new(lines).wrap(Wrap { trim: true }));
}
