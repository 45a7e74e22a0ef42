//! Drawing the Directory screen: search line, results, details of the selected service.

use super::DirectoryState;
use crate::catalog::Service;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(cx: &Ctx<'_>, state: &DirectoryState, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.directory")))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
                (Action::Confirm, "open"),
                (Action::WriteSlip, "slip"),
                (Action::CopyPhone, "copy_phone"),
                (Action::NextRegion, "region"),
                (Action::VisitorLanguage, "language"),
                (Action::UnmetNeed, "unmet"),
            ],
            area,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search_area, body] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let hits = state.hits(cx.catalog, cx.directory_index);
    render_search_line(cx, state, hits.len(), frame, search_area);
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
                state.visitor_lang.as_deref().unwrap_or(cx.lang),
                true,
                frame,
                body,
            );
        }
        return;
    }
    let [list_area, details_area] =
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(body);
    let not_known = cx.t("slip.not_known");
    // The highlight mark and the border take three columns.
    let room = (list_area.width as usize).saturating_sub(3);
    let items: Vec<ListItem> = hits
        .iter()
        .map(|i| {
            let service = &cx.catalog.services[*i];
            let phone = service.phone.clone().unwrap_or_else(|| not_known.clone());
            // A phone number is never cut: the name gives way (with "…"); where even that
            // leaves too little, the number stays in the details beside.
            let name_room = room.saturating_sub(phone.width() + 2);
            let mut spans = Vec::new();
            if name_room >= 10 {
                spans.push(Span::raw(crate::tui::fit::shorten_right(
                    service.name(cx.lang),
                    name_room,
                )));
                let pad = name_room.saturating_sub(
                    crate::tui::fit::shorten_right(service.name(cx.lang), name_room).width(),
                );
                spans.push(Span::raw(" ".repeat(pad + 2)));
                spans.push(Span::styled(
                    phone,
                    Style::default().add_modifier(Modifier::DIM),
                ));
            } else {
                spans.push(Span::raw(crate::tui::fit::shorten_right(
                    service.name(cx.lang),
                    room,
                )));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let mut list_state =
        ListState::default().with_selected(Some(state.selected.min(hits.len() - 1)));
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::default().borders(Borders::RIGHT))
            .highlight_style(Style::default().add_modifier(Modifier::REVERSED))
            .highlight_symbol("› "),
        list_area,
        &mut list_state,
    );
    if let Some(service) = selected {
        let details = Rect {
            x: details_area.x + 1,
            width: details_area.width.saturating_sub(1),
            ..details_area
        };
        render_details(cx, service, cx.lang, false, frame, details);
    }
}

fn render_search_line(
    cx: &Ctx<'_>,
    state: &DirectoryState,
    count: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let label = format!("{}: ", cx.t("directory.search"));
    let region = state
        .region
        .as_deref()
        .and_then(|id| cx.catalog.region(id))
        .map_or_else(
            || cx.t("directory.all_regions"),
            |r| r.name(cx.lang).to_string(),
        );
    let visitor = state.visitor_lang.as_deref().map_or_else(
        || cx.t("directory.none"),
        |l| cx.catalog.i18n.text(l, "meta.name").to_string(),
    );
    let line = Line::from(vec![
        Span::styled(label.clone(), bold),
        Span::raw(state.query.clone()),
    ]);
    let filters = Line::from(vec![
        Span::styled(
            cx.catalog
                .i18n
                .format_count(cx.lang, "directory.count", count as u64, &[]),
            Style::default().add_modifier(Modifier::DIM),
        ),
        Span::raw("   "),
        Span::styled(format!("{}: ", cx.t("directory.region")), bold),
        Span::raw(region),
        Span::raw("   "),
        Span::styled(format!("{}: ", cx.t("directory.visitor_lang")), bold),
        Span::raw(visitor),
    ]);
    frame.render_widget(Paragraph::new(vec![line, filters]), area);
    let x = area.x + (label.width() + state.query.width()) as u16;
    frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

/// The service's details in `lang` (the staff's, or the visitor's in the open view).
fn render_details(
    cx: &Ctx<'_>,
    service: &Service,
    lang: &str,
    large: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let t = |key: &str| cx.catalog.i18n.text(lang, key).to_string();
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let warn = Style::default().fg(Color::Yellow);
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
    lines.push(field(t("slip.phone"), service.phone.clone()));
    lines.push(field(t("slip.address"), service.address.clone()));
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
    lines.push(Line::from(Span::styled(
        format!("{}: {}", t("directory.source"), service.source),
        dim,
    )));
    lines.push(Line::from(Span::styled(
        format!("{}: {}", t("directory.checked"), service.last_checked),
        dim,
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
