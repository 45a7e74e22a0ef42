//! A person's dossier over the screen: who they are, who is responsible for them now and when
//! that changes, and every visit of theirs with its topics, referrals and competence answer.

use super::centered;
use crate::store::VisitRecord;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

#[derive(Debug, Clone, Default)]
pub struct DossierState {
    /// The person's visits, oldest first (each with the person as recorded then).
    pub visits: Vec<VisitRecord>,
    /// The next change of responsibility (day, body id), worked out once when opened.
    pub next_change: Option<(chrono::NaiveDate, String)>,
    pub scroll: crate::tui::fit::TextScroll,
    /// Choosing a recorded person to merge into this one (after the merge key).
    pub merging: Option<MergeChoice>,
    /// The day it was opened: which financial requests are still within their date.
    pub today: chrono::NaiveDate,
}

/// The look-alikes of the dossier's person, one of them chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeChoice {
    pub candidates: Vec<crate::store::Resemblance>,
    pub selected: usize,
}

/// The same dossier: the same visits in the same versions.
impl PartialEq for DossierState {
    fn eq(&self, other: &Self) -> bool {
        let ids = |s: &Self| -> Vec<(String, u32)> {
            s.visits
                .iter()
                .map(|v| (v.id.clone(), v.revision))
                .collect()
        };
        ids(self) == ids(other)
    }
}

impl Eq for DossierState {}

impl DossierState {
    /// The dossier of these visits, with the next change worked out from the latest answer.
    pub fn new(
        visits: Vec<VisitRecord>,
        catalog: &crate::catalog::Catalog,
        today: chrono::NaiveDate,
    ) -> DossierState {
        let next_change = visits
            .iter()
            .rev()
            .find_map(|v| v.competence.as_ref())
            .and_then(|c| crate::persons::next_change(catalog, c, today))
            .map(|(on, _, next)| (on, next.id.clone()));
        DossierState {
            visits,
            next_change,
            scroll: Default::default(),
            merging: None,
            today,
        }
    }

    /// The person's stable id.
    pub fn key(&self) -> Option<String> {
        self.person().and_then(|p| p.stable_id.clone())
    }

    /// The person as last recorded.
    pub fn person(&self) -> Option<&crate::store::PersonRecord> {
        self.visits.last().and_then(|v| v.person.as_ref())
    }

    /// Scrolls; returns whether the action was a scroll.
    pub fn handle(&mut self, action: crate::tui::Action) -> bool {
        use crate::tui::Action;
        if let Some(choice) = self.merging.as_mut() {
            let last = choice.candidates.len().saturating_sub(1);
            match action {
                Action::Up => choice.selected = choice.selected.saturating_sub(1),
                Action::Down => choice.selected = (choice.selected + 1).min(last),
                _ => return false,
            }
            return true;
        }
        match action {
            Action::PageDown | Action::Down => self.scroll.down(),
            Action::PageUp | Action::Up => self.scroll.up(),
            Action::First => self.scroll.reset(),
            _ => return false,
        }
        true
    }
}

pub fn render(cx: &Ctx<'_>, state: &DossierState, frame: &mut Frame, area: Rect) {
    let popup = centered(area, area.width.saturating_sub(6).min(100), area.height, 1);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let names = crate::report::format::Names {
        catalog: cx.catalog,
        lang: cx.lang,
    };
    let person = state.visits.last().and_then(|v| v.person.as_ref());
    let who = person.map_or_else(String::new, |p| {
        let born = p
            .birth_date
            .as_deref()
            .map_or_else(String::new, |b| format!(" ({b})"));
        format!("{}, {}{born}", p.official_name, p.first_name)
    });
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {}: {who} ", cx.t("dossier.title")))
        .title_bottom(format!(
            " {} ",
            crate::tui::hints::footer(
                cx,
                crate::tui::keymap::Context::Help,
                &if state.merging.is_some() {
                    vec![
                        (crate::tui::Action::Down, "choose"),
                        (crate::tui::Action::Confirm, "merge"),
                        (crate::tui::Action::Close, "cancel"),
                    ]
                } else {
                    vec![
                        (crate::tui::Action::PageDown, "read_on"),
                        (crate::tui::Action::MergePerson, "merge"),
                        (crate::tui::Action::Close, "close"),
                    ]
                },
                (popup.width as usize).saturating_sub(4),
            )
        ));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    // "label: value" as each language writes it (French: "label : value").
    let labelled = |label: &str, value: &str| {
        cx.tf("check.line", &[("label", &cx.t(label)), ("value", value)])
    };
    let row = |label: &str, value: String| Line::from(labelled(label, &value));
    let mut lines = Vec::new();
    if let Some(choice) = &state.merging {
        lines.extend(merge_lines(cx, choice));
    }
    // Who is responsible now, and the next change worked out from the latest answer's dates.
    let latest = state
        .visits
        .iter()
        .rev()
        .find_map(|v| v.competence.as_ref());
    match latest {
        Some(c) => {
            lines.push(row("check.responsible", names.body(&c.primary)));
            let next = state.next_change.as_ref().map_or_else(
                || cx.t("dossier.no_change"),
                |(on, body)| {
                    cx.tf(
                        "dossier.change",
                        &[
                            ("body", &names.body(body)),
                            ("date", &on.format("%d.%m.%Y").to_string()),
                        ],
                    )
                },
            );
            lines.push(row("dossier.next_change", next));
            lines.extend(timeline_lines(cx, &names, state));
        }
        None => lines.push(row("check.responsible", cx.t("intake.not_checked"))),
    }
    lines.extend(financial_lines(cx, state));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        cx.catalog
            .i18n
            .format_count(cx.lang, "dossier.visits", state.visits.len() as u64, &[]),
        bold,
    )));
    for visit in state.visits.iter().rev() {
        let when = crate::tui::fit::local_time(&visit.started_at);
        let kind = cx.t(&format!("history.kind_{}", visit.kind.replace('-', "_")));
        let topics = cx.topic_titles(&visit.topics).join(", ");
        lines.push(Line::from(vec![
            Span::styled(format!("{when}  "), bold),
            Span::raw(kind),
            Span::raw(if topics.is_empty() {
                String::new()
            } else {
                format!(" · {topics}")
            }),
        ]));
        for referral in &visit.referrals {
            let service = cx
                .catalog
                .service(&referral.service_id)
                .map_or(referral.service_id.clone(), |s| s.name(cx.lang).to_string());
            let status = cx.t(&format!(
                "intake.referral_{}",
                referral.status.replace('-', "_")
            ));
            lines.push(Line::from(format!("    → {service} ({status})")));
        }
        if let Some(c) = &visit.competence {
            lines.push(Line::from(format!(
                "    {}",
                labelled("check.responsible", &names.body(&c.primary))
            )));
        }
    }
    state.scroll.draw(
        frame,
        inner,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
    );
}

/// The look-alikes to merge into this dossier, the chosen one marked (read without colour too).
fn merge_lines(cx: &Ctx<'_>, choice: &MergeChoice) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(Span::styled(cx.t("dossier.merge_choose"), bold))];
    for (i, candidate) in choice.candidates.iter().enumerate() {
        let p = &candidate.person;
        let born = p
            .birth_date
            .as_deref()
            .map_or_else(String::new, |b| format!(" ({b})"));
        let seen = candidate
            .last_seen
            .as_deref()
            .map_or_else(String::new, crate::tui::fit::local_time);
        let text = format!(
            "{}, {}{born} · {} · {seen} · {}",
            p.official_name,
            p.first_name,
            cx.catalog
                .i18n
                .format_count(cx.lang, "dossier.visits", candidate.visits.into(), &[]),
            cx.t(&format!(
                "same_person.rule_{}",
                candidate.rule.replace('-', "_")
            ))
        );
        lines.push(if i == choice.selected {
            Line::from(vec![
                Span::raw("› "),
                Span::styled(text, bold.add_modifier(Modifier::REVERSED)),
            ])
        } else {
            Line::from(format!("  {text}"))
        });
    }
    lines.push(Line::default());
    lines
}

/// The person's financial requests, latest first: when handed in, the day the commune must
/// decide by (open while it has not passed) and the documents still missing.
fn financial_lines(cx: &Ctx<'_>, state: &DossierState) -> Vec<Line<'static>> {
    let requests: Vec<&crate::store::FinancialRecord> = state
        .visits
        .iter()
        .rev()
        .filter_map(|v| v.financial_request.as_ref())
        .collect();
    if requests.is_empty() {
        return Vec::new();
    }
    let day = |text: &str| {
        text.parse::<chrono::NaiveDate>()
            .map_or(text.to_string(), |d| d.format("%d.%m.%Y").to_string())
    };
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled(
            cx.t("dossier.financial"),
            Style::default().add_modifier(Modifier::BOLD),
        )),
    ];
    for request in requests {
        let open = request
            .decide_by
            .parse::<chrono::NaiveDate>()
            .is_ok_and(|by| by >= state.today);
        let key = if open {
            "dossier.financial_open"
        } else {
            "dossier.financial_past"
        };
        let missing = request.documents.iter().filter(|d| !d.present).count();
        let mut text = cx.tf(
            key,
            &[
                ("received", &day(&request.received_on)),
                ("due", &day(&request.decide_by)),
            ],
        );
        if missing > 0 {
            text.push_str(" · ");
            text.push_str(&cx.catalog.i18n.format_count(
                cx.lang,
                "dossier.missing",
                missing as u64,
                &[],
            ));
        }
        lines.push(Line::from(format!("  {text}")));
    }
    lines
}

/// Who was responsible when: the answers of the visits, oldest first, joined while the body
/// stays the same, each from the day it became responsible (where a date decided it) or the
/// first visit that found it; then the change to come.
fn timeline_lines(
    cx: &Ctx<'_>,
    names: &crate::report::format::Names<'_>,
    state: &DossierState,
) -> Vec<Line<'static>> {
    struct Stretch {
        body: String,
        from: String,
        visits: u64,
        last: String,
    }
    let day = |text: &str| {
        text.get(..10)
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
            .map_or(text.to_string(), |d| d.format("%d.%m.%Y").to_string())
    };
    let mut spans: Vec<Stretch> = Vec::new();
    for visit in &state.visits {
        let Some(c) = &visit.competence else {
            continue;
        };
        match spans.last_mut() {
            Some(span) if span.body == c.primary => {
                span.visits += 1;
                span.last = c.on.clone();
            }
            _ => spans.push(Stretch {
                body: c.primary.clone(),
                from: c.since.clone().unwrap_or_else(|| c.on.clone()),
                visits: 1,
                last: c.on.clone(),
            }),
        }
    }
    if spans.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::from(Span::styled(
        cx.t("dossier.timeline"),
        Style::default().add_modifier(Modifier::BOLD),
    ))];
    for span in &spans {
        let seen = cx.catalog.i18n.format_count(
            cx.lang,
            "dossier.timeline_seen",
            span.visits,
            &[("date", &day(&span.last))],
        );
        lines.push(Line::from(format!(
            "  {}  {} {seen}",
            cx.tf("dossier.timeline_from", &[("date", &day(&span.from))]),
            names.body(&span.body)
        )));
    }
    if let Some((on, body)) = &state.next_change {
        lines.push(Line::from(format!(
            "  {}  {}",
            cx.tf(
                "dossier.timeline_from",
                &[("date", &on.format("%d.%m.%Y").to_string())]
            ),
            names.body(body)
        )));
    }
    lines
}
