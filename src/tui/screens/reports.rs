//! The Reports screen: the month's figures as bar charts and a sparkline, with the key numbers
//! beside them; ← and → switch the month.

use crate::report::format::{Names, WEEKDAYS};
use crate::report::{Figures, KINDS, Period};
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Outcome;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Sparkline, Wrap};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportsState {
    /// The month shown; the current month until switched.
    pub period: Option<Period>,
    pub figures: Option<Figures>,
}

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
            Action::Left | Action::Up => -1,
            Action::Right | Action::Down => 1,
            _ => return None,
        };
        let period = self.period(today).shifted_months(step);
        self.period = Some(period);
        Some(vec![Effect::LoadReport(period)])
    }
}

fn bars<'a>(items: impl Iterator<Item = (String, u64)>) -> BarGroup<'a> {
    let bars: Vec<Bar> = items
        .map(|(label, value)| Bar::default().value(value).label(Line::from(label)))
        .collect();
    BarGroup::default().bars(&bars)
}

pub fn render(cx: &Ctx<'_>, state: &ReportsState, frame: &mut Frame, area: Rect) {
    let period = state.period(cx.session.today);
    let names = Names {
        catalog: cx.catalog,
        lang: cx.lang,
    };
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
        .title_bottom(format!(" {} ", cx.t("report.footer")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(f) = state.figures.as_ref().filter(|f| f.visits > 0) else {
        frame.render_widget(Paragraph::new(cx.t("report.no_visits")), inner);
        return;
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Min(5)]).areas(inner);
    let [kinds, numbers] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Min(24)]).areas(top);
    let [weekdays, hours] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Min(24)]).areas(bottom);
    let width = (kinds.width.saturating_sub(2) / KINDS.len() as u16)
        .saturating_sub(1)
        .clamp(3, 24);
    frame.render_widget(
        BarChart::default()
            .block(Block::default().title(cx.t("report.by_kind")))
            .bar_width(width)
            .bar_gap(1)
            .data(bars(f.by_kind.iter().map(|c| (names.kind(&c.id), c.count)))),
        kinds,
    );
    let minutes = |s: Option<u32>| s.map_or("–".into(), |s| format!("{}:{:02}", s / 60, s % 60));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let number = |key: &str, value: String| {
        Line::from(vec![
            ratatui::text::Span::styled(format!("{}: ", cx.t(key)), bold),
            ratatui::text::Span::raw(value),
        ])
    };
    let top_topic = f.by_topic.first().map_or("–".into(), |c| {
        format!("{} ({})", names.topic(&c.id), c.count)
    });
    let lines = vec![
        number("report.median", minutes(f.waiting_median_seconds)),
        number("report.p90", minutes(f.waiting_p90_seconds)),
        number("report.left_unseen", f.left_unseen.to_string()),
        number("report.unmet_needs", f.unmet_needs.to_string()),
        number("report.financial_overdue", f.financial_overdue.to_string()),
        number("report.interpreting", f.interpreter_minutes.to_string()),
        number("report.by_topic", top_topic),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), numbers);
    frame.render_widget(
        BarChart::default()
            .block(Block::default().title(cx.t("report.by_weekday")))
            .bar_width(3)
            .bar_gap(1)
            .data(bars(WEEKDAYS.iter().zip(f.by_weekday).map(|(d, c)| {
                let name = cx.t(&format!("report.{d}"));
                (name.chars().take(2).collect(), c)
            }))),
        weekdays,
    );
    let [spark, axis] = Layout::vertical([Constraint::Min(2), Constraint::Length(1)])
        .areas(Block::default().title(cx.t("report.by_hour")).inner(hours));
    frame.render_widget(Block::default().title(cx.t("report.by_hour")), hours);
    // The desk's opening hours: 07:00 to 18:59.
    let day: Vec<u64> = f.by_hour[7..19].to_vec();
    frame.render_widget(Sparkline::default().data(&day), spark);
    // One column per hour: 07 under the first, 12 under the sixth, 18 under the last.
    frame.render_widget(Paragraph::new(format!("07{:3}12{:4}18", "", "")), axis);
}

impl crate::tui::screens::Screen for ReportsState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        vec![Left, Right, Up, Down]
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
        vec![Effect::LoadReport(self.period(cx.session.today))]
    }
}
