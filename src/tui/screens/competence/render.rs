//! Drawing the competence form and its live answer side by side.

use super::{CompetenceForm, FormField};
use crate::check::{self, InputError, Outcome};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(cx: &Ctx<'_>, form: &CompetenceForm, frame: &mut Frame, area: Rect) {
    let form_width = (area.width * 11 / 20).clamp(48, 64).min(area.width);
    let [form_area, answer_area] =
        Layout::horizontal([Constraint::Length(form_width), Constraint::Min(20)]).areas(area);
    let input = form.input(cx.catalog);
    let mut result = check::check(cx.catalog, &input, cx.session.today);
    let error_field = result
        .as_ref()
        .err()
        .and_then(InputError::field)
        .map(FormField::of);
    // A commune being typed only decides which SMZ is named: keep the answer in view meanwhile.
    let mut commune_problem = None;
    if error_field == Some(FormField::Commune) {
        let without_commune = check::Input {
            commune: None,
            ..input
        };
        if let Ok(outcome) = check::check(cx.catalog, &without_commune, cx.session.today) {
            commune_problem = result.err();
            result = Ok(outcome);
        }
    }
    render_form(cx, form, error_field, frame, form_area);
    render_answer(
        cx,
        &result,
        commune_problem.as_ref(),
        &form.answer_scroll,
        frame,
        answer_area,
    );
}

fn render_form(
    cx: &Ctx<'_>,
    form: &CompetenceForm,
    error_field: Option<FormField>,
    frame: &mut Frame,
    area: Rect,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("check.title")))
        .title_bottom(format!(
            " {} ",
            crate::tui::hints::footer(
                cx,
                crate::tui::keymap::Context::Form,
                &[
                    (Action::NextField, "next_field"),
                    (Action::Right, "choose"),
                    (Action::PageDown, "read_on"),
                ],
                (area.width as usize).saturating_sub(4),
            )
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut rows = Vec::new();
    for field in FormField::ALL.iter() {
        let focused = form.focus == *field;
        let (value, is_text) = value_text(cx, form, *field);
        let mut value_style = Style::default();
        if error_field == Some(*field) {
            value_style = value_style
                .patch(cx.theme().error)
                .add_modifier(Modifier::BOLD);
        }
        if focused {
            value_style = value_style.add_modifier(Modifier::REVERSED);
        }
        let dim = Style::default().add_modifier(Modifier::DIM);
        // An empty date or commune shows how to write it, until it has the focus.
        let (value, value_style) = if is_text && value.is_empty() && !focused {
            let hint = if *field == FormField::Commune {
                "check.commune_hint"
            } else {
                "check.date_hint"
            };
            (cx.t(hint), dim)
        } else {
            (value, value_style)
        };
        let note =
            (focused && !form.choice_query.is_empty()).then(|| (form.choice_query.clone(), dim));
        rows.push(crate::tui::form::Row {
            label: cx.t(field.label_key()),
            value,
            value_style,
            note,
            focused,
            text: is_text && focused,
        });
    }
    let width = inner.width as usize;
    let label_width = crate::tui::form::label_width(rows.iter().map(|r| r.label.as_str()), width);
    let focus_y = crate::tui::form::draw(frame, inner, &rows, label_width).focus_y;
    if form.focus == FormField::Commune {
        let row = focus_y - inner.y;
        render_suggestions(cx, form, frame, inner, row, label_width as u16 + 2);
    }
}

/// The shown value of a field, and whether it is typed text (dates, commune).
fn value_text(cx: &Ctx<'_>, form: &CompetenceForm, field: FormField) -> (String, bool) {
    let tick = |on: bool| {
        if on {
            "[x]".to_string()
        } else {
            "[ ]".to_string()
        }
    };
    match field {
        FormField::Canton => {
            let pack = cx.catalog.rules.get(form.canton);
            let name = pack.map_or(String::new(), |p| {
                format!("{} {}", p.canton, p.name.get(cx.lang))
            });
            (format!("‹ {name} ›"), false)
        }
        FormField::Status => (
            format!(
                "‹ {} ›",
                cx.t(&format!("residence.{}", form.status.as_str()))
            ),
            false,
        ),
        FormField::AsylumDate => (form.asylum_date.clone(), true),
        FormField::EntryDate => (form.entry_date.clone(), true),
        FormField::CEntitled => (tick(form.c_entitled), false),
        FormField::BGranted => (tick(form.b_granted), false),
        FormField::ResidentInCommune => (tick(form.resident_in_commune), false),
        FormField::Commune => (form.commune.clone(), true),
        FormField::On => (form.on.clone(), true),
    }
}

fn render_suggestions(
    cx: &Ctx<'_>,
    form: &CompetenceForm,
    frame: &mut Frame,
    inner: Rect,
    row: u16,
    indent: u16,
) {
    let suggestions = form.commune_suggestions(cx.catalog);
    if suggestions.is_empty() {
        return;
    }
    // The names, and around them what the list needs beside: its border, the selection mark,
    // the gap and the column of scroll marks.
    let width = suggestions.iter().map(|s| s.width()).max().unwrap_or(10) as u16
        + 2
        + crate::tui::table::SELECTED_WIDTH
        + crate::tui::fit::MARKS;
    let popup = Rect {
        x: inner.x + indent,
        y: inner.y + row + 1,
        width: width.min(inner.width.saturating_sub(indent)),
        height: (suggestions.len() as u16 + 2)
            .min(frame.area().bottom().saturating_sub(inner.y + row + 1)),
    };
    let block = Block::default().borders(Borders::ALL);
    let list = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    crate::tui::table::draw_list(
        frame,
        list,
        suggestions
            .iter()
            .map(|s| crate::tui::table::Cells::new(vec![s.to_string()]))
            .collect(),
        Some(form.suggestion.min(suggestions.len() - 1)),
    );
}

fn render_answer(
    cx: &Ctx<'_>,
    result: &Result<Outcome<'_>, InputError>,
    commune_problem: Option<&InputError>,
    scroll: &crate::tui::fit::TextScroll,
    frame: &mut Frame,
    area: Rect,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("check.answer")));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let error_line = |error: &InputError| {
        let message = error.message(&cx.catalog.i18n, cx.lang, |f| cx.t(f.label_key()));
        Line::from(Span::styled(
            message,
            cx.theme().error.add_modifier(Modifier::BOLD),
        ))
    };
    let mut lines: Vec<Line> = match result {
        Err(error) => vec![error_line(error)],
        Ok(outcome) => {
            let summary = outcome.summary(&cx.catalog.i18n, cx.lang);
            let headline_style = if outcome.answer.rule.covered {
                bold
            } else {
                bold.patch(cx.theme().warning)
            };
            let mut lines = vec![
                Line::from(Span::styled(
                    format!("{}:", summary.headline.0),
                    headline_style,
                )),
                Line::from(Span::styled(summary.headline.1.clone(), headline_style)),
                Line::default(),
            ];
            for (domain, body) in &summary.responsible {
                lines.push(Line::from(vec![
                    Span::styled(format!("{domain}: "), bold),
                    Span::raw(body.clone()),
                ]));
            }
            for (label, value) in summary.smz.iter().chain([
                &summary.next_change,
                &summary.reason,
                &summary.source,
                &summary.rule,
            ]) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{label}: "), bold),
                    Span::raw(value.clone()),
                ]));
            }
            lines
        }
    };
    if let Some(problem) = commune_problem {
        lines.push(Line::default());
        lines.push(error_line(problem));
    }
    // Longer than its pane (80×24): it scrolls with PgDn/PgUp, and marks where it continues.
    let inner = block.inner(area);
    frame.render_widget(block, area);
    scroll.draw(
        frame,
        inner,
        Paragraph::new(lines).wrap(Wrap { trim: true }),
    );
}
