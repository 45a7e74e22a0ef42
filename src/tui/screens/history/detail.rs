//! One saved visit, read-only: every stage as it was recorded, the notes, and how many earlier
//! versions corrections have kept.

use crate::store::VisitRecord;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn render(
    cx: &Ctx<'_>,
    record: &VisitRecord,
    revisions: usize,
    scroll: &crate::tui::fit::TextScroll,
    frame: &mut Frame,
    area: Rect,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} · {} ",
            cx.t("history.visit"),
            cx.t("history.read_only")
        ))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
                (Action::FollowUpNote, "follow_up"),
                (Action::PageDown, "read_on"),
                (Action::Close, "back"),
            ],
            area,
        ));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{}: ", cx.t(label)), bold),
            Span::raw(value),
        ])
    };
    let dash = || "–".to_string();
    let mut lines = vec![
        row(
            "history.when",
            match &record.ended_at {
                Some(end) => format!(
                    "{} – {}",
                    crate::tui::fit::local_time(&record.started_at),
                    crate::tui::fit::local_time(end)
                ),
                None => crate::tui::fit::local_time(&record.started_at),
            },
        ),
        row(
            "history.kind",
            cx.t(&format!("history.kind_{}", record.kind.replace('-', "_"))),
        ),
    ];
    if let Some(reason) = &record.reason {
        lines.push(row("queue.reason", reason.clone()));
    }
    match &record.person {
        None => lines.push(row("intake.person", cx.t("history.anonymous"))),
        Some(p) => {
            let commune = |bfs: Option<u32>| {
                bfs.and_then(|nr| cx.catalog.commune_by_bfs(nr))
                    .map_or_else(dash, |c| c.name.clone())
            };
            let mut who = format!("{}, {}", p.official_name, p.first_name);
            for extra in [&p.birth_date, &p.vn, &p.nationality, &p.language]
                .into_iter()
                .flatten()
            {
                who.push_str(&format!(" · {extra}"));
            }
            lines.push(row("intake.person", who));
            lines.push(row(
                "check.status",
                format!(
                    "{} · {}: {} · {}: {}",
                    cx.t(&format!("residence.{}", p.residence_status)),
                    cx.t("intake.commune_of_stay"),
                    commune(p.commune_of_stay),
                    cx.t("intake.support_domicile"),
                    commune(p.support_domicile),
                ),
            ));
        }
    }
    let topics = cx.topic_titles(&record.topics);
    lines.push(row(
        "info.topics",
        if topics.is_empty() {
            dash()
        } else {
            topics.join(", ")
        },
    ));
    lines.push(row(
        "info.interpreter",
        record.interpreter.as_ref().map_or_else(
            || cx.t("info.no_interpreter"),
            |i| {
                let provider = i.provider.as_deref().map_or_else(String::new, |p| {
                    let name = cx.catalog.service(p).map_or(p, |s| s.name(cx.lang));
                    format!(" · {name}")
                });
                format!(
                    "{} · {} · {} min{provider}",
                    cx.language_name(&i.language),
                    cx.t(&format!("info.mode_{}", i.mode.replace('-', "_"))),
                    i.minutes
                )
            },
        ),
    ));
    lines.push(row(
        "check.responsible",
        match &record.competence {
            // The body's name in the staff's language, from the rule pack; the rule beside it.
            Some(c) => format!(
                "{} ({})",
                crate::report::format::Names {
                    catalog: cx.catalog,
                    lang: cx.lang,
                }
                .body(&c.primary),
                c.rule
            ),
            None => cx.t("intake.not_checked"),
        },
    ));
    if let Some(c) = &record.competence {
        let names = crate::report::format::Names {
            catalog: cx.catalog,
            lang: cx.lang,
        };
        if let Some(since) = &c.since {
            lines.push(row("check.since_label", since.clone()));
        }
        if let Some(next) = &c.next_change {
            lines.push(row(
                "check.next_change",
                cx.tf(
                    "check.next_change_on",
                    &[("date", &next.on), ("body", &names.body(&next.body))],
                ),
            ));
        }
        // What the answer was found from, as it was given at the time.
        if let Some(i) = &c.inputs {
            let mut facts = vec![cx.t(&format!("residence.{}", i.status))];
            for (label, date) in [
                ("check.asylum_date", &i.asylum_date),
                ("check.entry_date", &i.entry_date),
            ] {
                if let Some(date) = date {
                    facts.push(format!("{} {date}", cx.t(label)));
                }
            }
            for (label, set) in [
                ("check.c_entitled", i.c_entitled),
                ("check.b_granted", i.b_granted),
                ("check.resident_in_commune", i.resident_in_commune),
            ] {
                if set {
                    facts.push(cx.t(label));
                }
            }
            if let Some(bfs) = i.commune {
                facts.push(
                    cx.catalog
                        .commune_by_bfs(bfs)
                        .map_or_else(|| bfs.to_string(), |c| c.name.clone()),
                );
            }
            lines.push(row("check.inputs", facts.join(" · ")));
        }
    }
    let referrals: Vec<String> = record
        .referrals
        .iter()
        .map(|r| {
            let name = cx
                .catalog
                .service(&r.service_id)
                .map_or(r.service_id.clone(), |s| s.name(cx.lang).to_string());
            let slip = r.slip.as_ref().map_or_else(String::new, |s| {
                format!(
                    ", {} {} {}",
                    cx.t("history.slip"),
                    s.at.format("%d.%m.%Y %H:%M"),
                    s.languages.join("+")
                )
            });
            format!(
                "{name} ({}{slip})",
                cx.t(&format!("intake.referral_{}", r.status.replace('-', "_")))
            )
        })
        .collect();
    lines.push(row(
        "intake.referrals",
        if referrals.is_empty() {
            dash()
        } else {
            referrals.join(", ")
        },
    ));
    if let Some(request) = &record.financial_request {
        let missing = request.documents.iter().filter(|d| !d.present).count();
        lines.push(row(
            "intake.financial",
            format!(
                "{} {} · {}",
                cx.t("intake.received_on"),
                request.received_on,
                cx.tf(
                    "intake.decide_by",
                    &[
                        ("date", &request.decide_by),
                        ("missing", &missing.to_string())
                    ]
                )
            ),
        ));
    }
    if let Some(seconds) = record.waiting_seconds {
        lines.push(row("history.waited", format!("{} min", seconds / 60)));
    }
    lines.push(row(
        "intake.consent",
        cx.t(if record.consent_to_export {
            "history.yes"
        } else {
            "history.no"
        }),
    ));
    lines.push(row(
        "history.revisions",
        cx.tf(
            "history.revision_of",
            &[
                ("revision", &record.revision.to_string()),
                ("earlier", &revisions.to_string()),
            ],
        ),
    ));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!("{}:", cx.t("intake.note")),
        bold,
    )));
    for note in record.note.as_deref().unwrap_or("–").lines() {
        lines.push(Line::from(note.to_string()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    scroll.draw(
        frame,
        inner,
        Paragraph::new(lines).wrap(Wrap { trim: false }),
    );
}
