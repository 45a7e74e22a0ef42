//! The Reports screen: the month's figures as bar charts and a sparkline, with the key numbers
//! beside them; ← and → switch the month. Above them, the persons whose responsibility changes
//! in the coming days, so the handover is prepared in time.

use crate::report::format::{Names, WEEKDAYS};
use crate::report::{Figures, KINDS, Period};
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Outcome;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportsState {
    /// The month shown; the current month until switched.
    pub period: Option<Period>,
    pub figures: Option<Figures>,
    /// Rows scrolled (↑↓) where the figures are longer than the screen.
    pub scroll: u16,
    /// Changes of responsibility from today on, soonest first (read when the screen is shown).
    pub changes: Option<Vec<crate::persons::Upcoming>>,
}

/// How far ahead the screen looks for changes of responsibility.
pub const CHANGES_WITHIN_DAYS: u32 = 30;

impl ReportsState {
    pub fn period(&self, today: chrono::NaiveDate) -> Period {
        self.period.unwrap_or_else(|| Period::of_day(today))
    }

    pub fn handle(
        &mut self,
        action: crate::tui::Action,
        today: chrono::NaiveDate,
    ) -> Option<Vec<Effect>> {
        use crate::tui::Action;
        let step = match action {
            Action::Left => -1,
            Action::Right => 1,
            Action::Up | Action::PageUp => {
                self.scroll = self
                    .scroll
                    .saturating_sub(if action == Action::Up { 1 } else { 10 });
                return Some(Vec::new());
            }
            Action::Down | Action::PageDown => {
                self.scroll =
                    self.scroll
                        .saturating_add(if action == Action::Down { 1 } else { 10 });
                return Some(Vec::new());
            }
            _ => return None,
        };
        let period = self.period(today).shifted_months(step);
        // No figures lie in the future: the current month is the last.
        if period.from > today {
            return Some(Vec::new());
        }
        self.period = Some(period);
        self.scroll = 0;
        Some(vec![Effect::LoadReport(period)])
    }
}

pub fn render(cx: &Ctx<'_>, state: &ReportsState, frame: &mut Frame, area: Rect) {
    let names = Names {
        catalog: cx.catalog,
        lang: cx.lang,
    };
    let period = state.period(cx.session.today);
    let visits = state.figures.as_ref().map_or(0, |f| f.visits);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} {} · {}: {} ",
            cx.t("screen.reports"),
            period.label(),
            cx.t("report.visits"),
            visits
        ))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
                (crate::tui::Action::Left, "prev_month"),
                (crate::tui::Action::Right, "next_month"),
                (crate::tui::Action::Down, "scroll"),
            ],
            area,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let changes = |width: usize| changes_lines(cx, &names, state.changes.as_deref(), width);
    let Some(f) = state.figures.as_ref().filter(|f| f.visits > 0) else {
        let mut lines = changes(inner.width as usize);
        lines.push(Line::from(cx.t("report.no_visits")));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    // Sections of labelled counts with bars: every label whole (wrapped), counts beside them.
    let sections = sections(cx, &names, f);
    let columns = if inner.width >= 100 { 2 } else { 1 };
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, columns); columns as usize])
        .spacing(2)
        .split(inner);
    let per_column = sections.len().div_ceil(columns as usize);
    for (column, area) in areas.iter().enumerate() {
        let mut lines: Vec<Line> = if column == 0 {
            changes(area.width as usize)
        } else {
            Vec::new()
        };
        lines.extend(
            sections
                .iter()
                .skip(column * per_column)
                .take(per_column)
                .flat_map(|section| section_lines(section, area.width as usize)),
        );
        let total = lines.len();
        let height = area.height as usize;
        let scroll = usize::from(state.scroll).min(total.saturating_sub(height));
        frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), *area);
        crate::tui::fit::scroll_marks(frame, *area, scroll, height, total);
    }
}

/// The changes of responsibility coming: the day and the person, then (indented, wrapped) who
/// is responsible until then and who from then on.
fn changes_lines(
    cx: &Ctx<'_>,
    names: &Names<'_>,
    changes: Option<&[crate::persons::Upcoming]>,
    width: usize,
) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let Some(changes) = changes else {
        return Vec::new();
    };
    let title = cx.catalog.i18n.format_count(
        cx.lang,
        "report.changes",
        changes.len() as u64,
        &[("days", &CHANGES_WITHIN_DAYS.to_string())],
    );
    let mut lines: Vec<Line> = crate::tui::form::wrap(&title, width)
        .into_iter()
        .map(|part| {
            Line::from(ratatui::text::Span::styled(
                part,
                bold.add_modifier(Modifier::UNDERLINED),
            ))
        })
        .collect();
    for change in changes.iter().take(CHANGES_SHOWN) {
        let p = &change.person;
        let head = format!(
            "{}  {}, {}",
            change.on.format("%d.%m.%Y"),
            p.official_name,
            p.first_name
        );
        for part in crate::tui::form::wrap(&head, width) {
            lines.push(Line::from(ratatui::text::Span::styled(part, bold)));
        }
        let what = format!("{} → {}", names.body(&change.now), names.body(&change.next));
        for part in crate::tui::form::wrap(&what, width.saturating_sub(4)) {
            lines.push(Line::from(format!("    {part}")));
        }
    }
    if changes.len() > CHANGES_SHOWN {
        let more = cx.tf(
            "report.changes_more",
            &[("count", &(changes.len() - CHANGES_SHOWN).to_string())],
        );
        for part in crate::tui::form::wrap(&more, width) {
            lines.push(Line::from(part));
        }
    }
    lines.push(Line::default());
    lines
}

/// The changes listed on the screen; the rest are a command away (the figures stay in sight).
const CHANGES_SHOWN: usize = 8;

/// A heading and its rows: a label, a count (with its unit), and how large it is against the
/// largest of the section (`None`: a figure, no bar).
struct Section {
    title: String,
    rows: Vec<SectionRow>,
}

/// A label, its value as shown, and (value, largest) for its bar.
type SectionRow = (String, String, Option<(u64, u64)>);

/// Rows shown per list (the full lists are in `intake-desk report`).
const TOP: usize = 5;

fn sections(cx: &Ctx<'_>, names: &Names<'_>, f: &Figures) -> Vec<Section> {
    let minutes =
        |s: Option<u32>| s.map_or("–".into(), |s| format!("{} min {:02} s", s / 60, s % 60));
    let counted = |items: &[crate::report::Count], name: &dyn Fn(&str) -> String| {
        let max = items.iter().map(|c| c.count).max().unwrap_or(0);
        items
            .iter()
            .take(TOP)
            .map(|c| (name(&c.id), c.count.to_string(), Some((c.count, max))))
            .collect::<Vec<_>>()
    };
    let kinds: Vec<crate::report::Count> = KINDS
        .iter()
        .map(|k| crate::report::Count {
            id: k.to_string(),
            count: f.by_kind.iter().find(|c| c.id == *k).map_or(0, |c| c.count),
        })
        .collect();
    let figure = |key: &str, value: String| (cx.t(key), value, None);
    vec![
        Section {
            title: cx.t("report.by_kind"),
            rows: counted(&kinds, &|id| names.kind(id)),
        },
        Section {
            title: cx.t("report.waiting"),
            rows: vec![
                figure("report.median", minutes(f.waiting_median_seconds)),
                figure("report.p90", minutes(f.waiting_p90_seconds)),
                figure("report.left_unseen", f.left_unseen.to_string()),
                figure("report.unmet_needs", f.unmet_needs.to_string()),
                figure("report.financial_overdue", f.financial_overdue.to_string()),
                figure("report.interpreting", f.interpreter_minutes.to_string()),
            ],
        },
        Section {
            title: cx.t("report.by_topic"),
            rows: counted(&f.by_topic, &|id| names.topic(id)),
        },
        Section {
            title: cx.t("report.by_service"),
            rows: counted(&f.by_service, &|id| names.service(id)),
        },
        Section {
            title: cx.t("report.by_competence"),
            rows: counted(&f.by_competence, &|id| names.body(id)),
        },
        Section {
            title: cx.t("report.by_language"),
            rows: counted(&f.by_language, &|id| names.language(id)),
        },
        Section {
            title: cx.t("report.by_weekday"),
            rows: {
                let max = f.by_weekday.iter().copied().max().unwrap_or(0);
                WEEKDAYS
                    .iter()
                    .zip(f.by_weekday)
                    .map(|(d, c)| (cx.t(&format!("report.{d}")), c.to_string(), Some((c, max))))
                    .collect()
            },
        },
    ]
}

/// A section as lines in `width` columns: the label wrapped in its column, the count right
/// beside it, the bar after.
fn section_lines(section: &Section, width: usize) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(ratatui::text::Span::styled(
        section.title.clone(),
        bold.add_modifier(Modifier::UNDERLINED),
    ))];
    let count_width = section.rows.iter().map(|r| r.1.width()).max().unwrap_or(1);
    let label_width = (width / 2).max(10);
    let bar_room = width.saturating_sub(label_width + count_width + 3);
    for (label, count, bar) in &section.rows {
        let wrapped = crate::tui::form::wrap(label, label_width);
        let bar = bar.map_or_else(String::new, |(value, max)| {
            let cells = if max == 0 {
                0
            } else {
                (value as usize * bar_room).div_ceil(max as usize)
            };
            "█".repeat(cells.min(bar_room))
        });
        for (i, part) in wrapped.iter().enumerate() {
            let pad = " ".repeat(label_width.saturating_sub(part.width()));
            if i + 1 == wrapped.len() {
                lines.push(Line::from(format!(
                    "{part}{pad} {count:>count_width$} {bar}"
                )));
            } else {
                lines.push(Line::from(part.clone()));
            }
        }
    }
    lines.push(Line::default());
    lines
}

impl crate::tui::screens::Screen for ReportsState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        vec![Left, Right, Up, Down, PageUp, PageDown]
    }

    fn handle(&mut self, action: crate::tui::Action, cx: &Ctx<'_>) -> Outcome {
        match ReportsState::handle(self, action, cx.session.today) {
            Some(effects) => Outcome::effects(effects),
            None => Outcome::Ignored,
        }
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut Frame, area: Rect) {
        render(cx, self, frame, area)
    }

    fn shown(&self, cx: &Ctx<'_>) -> Vec<Effect> {
        vec![
            Effect::LoadReport(self.period(cx.session.today)),
            Effect::LoadChanges,
        ]
    }
}
