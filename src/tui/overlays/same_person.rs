//! "Same person?": a visit about to be saved for a person new to the desk resembles someone
//! recorded (the same AHV number; or names and birth date; or names, birth year and commune).
//! Both stand side by side and staff choose; the app never joins them on its own. The visit
//! waits here unsaved; Esc goes back to the intake with nothing lost.

use super::centered;
use crate::domain::Visit;
use crate::store::{PersonRecord, Resemblance};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamePersonState {
    pub visit: Box<Visit>,
    pub draft: Option<String>,
    /// The recorded persons it resembles, the strongest rule first.
    pub candidates: Vec<Resemblance>,
    /// One of the candidates, or `candidates.len()`: a different person.
    pub selected: usize,
    pub scroll: crate::tui::fit::TextScroll,
}

impl SamePersonState {
    pub fn new(visit: Box<Visit>, draft: Option<String>, candidates: Vec<Resemblance>) -> Self {
        SamePersonState {
            visit,
            draft,
            candidates,
            selected: 0,
            scroll: Default::default(),
        }
    }

    /// Moves the choice or scrolls; `Some` with the save once a choice is confirmed.
    pub fn handle(&mut self, action: Action) -> Option<Vec<Effect>> {
        let last = self.candidates.len();
        match action {
            Action::Up | Action::PrevField => self.selected = self.selected.saturating_sub(1),
            Action::Down | Action::NextField => self.selected = (self.selected + 1).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::PageDown => self.scroll.down(),
            Action::PageUp => self.scroll.up(),
            Action::Confirm | Action::SaveVisit => return Some(vec![self.save()]),
            _ => {}
        }
        None
    }

    /// The visit saved as the chosen person's, or as a person of its own (given its id now, so
    /// the check is not asked again).
    fn save(&self) -> Effect {
        let mut visit = self.visit.clone();
        let chosen = self
            .candidates
            .get(self.selected)
            .and_then(|c| c.person.stable_id.as_deref())
            .and_then(|id| id.parse().ok());
        if let Some(person) = visit.person.as_mut() {
            person.key = Some(chosen.unwrap_or_else(uuid::Uuid::now_v7));
        }
        Effect::SaveVisit {
            visit,
            draft: self.draft.clone(),
        }
    }

    /// The candidate shown beside the visit: the one chosen, else the first.
    fn shown(&self) -> Option<&Resemblance> {
        self.candidates
            .get(self.selected)
            .or_else(|| self.candidates.first())
    }
}

pub fn render(cx: &Ctx<'_>, state: &SamePersonState, frame: &mut Frame, area: Rect) {
    let popup = centered(area, area.width.saturating_sub(4).min(100), area.height, 1);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("same_person.title")))
        .title_bottom(format!(
            " {} ",
            crate::tui::hints::footer(
                cx,
                crate::tui::keymap::Context::Form,
                &[
                    (Action::Down, "choose"),
                    (Action::Confirm, "save"),
                    (Action::PageDown, "read_on"),
                    (Action::Close, "back"),
                ],
                (popup.width as usize).saturating_sub(4),
            )
        ));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let Some(shown) = state.shown() else {
        return;
    };
    let width = inner.width.saturating_sub(crate::tui::fit::MARKS).max(10) as usize;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = crate::tui::form::wrap(
        &cx.tf(
            "same_person.intro",
            &[(
                "rule",
                &cx.t(&format!(
                    "same_person.rule_{}",
                    shown.rule.replace('-', "_")
                )),
            )],
        ),
        width,
    )
    .into_iter()
    .map(Line::from)
    .collect();
    lines.push(Line::default());
    lines.extend(comparison(cx, state.visit.person.as_ref(), shown, width));
    lines.push(Line::default());
    let mut options: Vec<String> = state
        .candidates
        .iter()
        .map(|c| {
            let seen = c
                .last_seen
                .as_deref()
                .map_or_else(String::new, crate::tui::fit::local_time);
            cx.catalog.i18n.format_count(
                cx.lang,
                "same_person.same",
                c.visits.into(),
                &[("who", &who(&c.person)), ("seen", &seen)],
            )
        })
        .collect();
    options.push(cx.t("same_person.different"));
    for (i, option) in options.iter().enumerate() {
        let chosen = i == state.selected;
        let style = if chosen {
            bold.add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        for (n, part) in crate::tui::form::wrap(option, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let mark = match (n, chosen) {
                (0, true) => "› ",
                _ => "  ",
            };
            lines.push(Line::from(vec![Span::raw(mark), Span::styled(part, style)]));
        }
    }
    state.scroll.draw(frame, inner, Paragraph::new(lines));
}

fn who(person: &PersonRecord) -> String {
    format!("{}, {}", person.official_name, person.first_name)
}

/// Field by field, the visit's person beside the recorded one, each value wrapped in its own
/// column (never cut); `=` marks what is the same (case and accents aside), `≠` what differs.
fn comparison(
    cx: &Ctx<'_>,
    this: Option<&crate::domain::Person>,
    recorded: &Resemblance,
    width: usize,
) -> Vec<Line<'static>> {
    let commune = |bfs: Option<u32>| {
        bfs.map_or_else(String::new, |nr| {
            cx.catalog
                .communes
                .iter()
                .find(|c| c.bfs_nr == nr)
                .map_or(nr.to_string(), |c| c.name.clone())
        })
    };
    let theirs = &recorded.person;
    let ours = |f: fn(&crate::domain::Person) -> String| this.map(f).unwrap_or_default();
    let rows: Vec<(String, String, String)> = vec![
        (
            cx.t("intake.official_name"),
            ours(|p| p.official_name.clone()),
            theirs.official_name.clone(),
        ),
        (
            cx.t("intake.first_name"),
            ours(|p| p.first_name.clone()),
            theirs.first_name.clone(),
        ),
        (
            cx.t("same_person.born"),
            ours(|p| p.birth_date.map(|d| d.to_string()).unwrap_or_default()),
            theirs.birth_date.clone().unwrap_or_default(),
        ),
        (
            cx.t("intake.ahv"),
            ours(|p| p.vn.map(|n| n.to_string()).unwrap_or_default()),
            theirs
                .vn
                .as_deref()
                .and_then(|d| d.parse::<crate::domain::Ahvn13>().ok())
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        (
            cx.t("intake.commune_of_stay"),
            commune(this.and_then(|p| p.commune_of_stay)),
            commune(theirs.commune_of_stay),
        ),
        (
            cx.t("intake.phone"),
            ours(|p| p.phone.clone().unwrap_or_default()),
            theirs.phone.clone().unwrap_or_default(),
        ),
    ];
    let label_width = rows
        .iter()
        .map(|(l, _, _)| l.width())
        .max()
        .unwrap_or(0)
        .min(width / 3);
    // label, two spaces, value, " = ", value
    let column = width.saturating_sub(label_width + 5) / 2;
    let column = column.max(4);
    let pad = |text: &str, to: usize| {
        let room = to.saturating_sub(text.width());
        format!("{text}{}", " ".repeat(room))
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(vec![
        Span::raw(pad("", label_width + 2)),
        Span::styled(pad(&cx.t("same_person.this_visit"), column + 3), bold),
        Span::styled(cx.t("same_person.recorded"), bold),
    ])];
    for (label, a, b) in rows {
        if a.is_empty() && b.is_empty() {
            continue;
        }
        let same = crate::text::fold(&a) == crate::text::fold(&b);
        let labels = crate::tui::form::wrap(&label, label_width.max(1));
        let left = crate::tui::form::wrap(&a, column);
        let right = crate::tui::form::wrap(&b, column);
        let height = labels.len().max(left.len()).max(right.len());
        for n in 0..height {
            let cell = |v: &Vec<String>| v.get(n).cloned().unwrap_or_default();
            let mark = match (n, same) {
                (0, true) => " = ",
                (0, false) => " ≠ ",
                _ => "   ",
            };
            let style = if same { Style::default() } else { bold };
            lines.push(Line::from(vec![
                Span::raw(pad(&cell(&labels), label_width + 2)),
                Span::styled(pad(&cell(&left), column), style),
                Span::raw(mark),
                Span::styled(cell(&right), style),
            ]));
        }
    }
    lines
}
