//! The History screen: past visits, newest first, narrowed by a search line (names, dates,
//! topics, referrals); Enter opens a visit read-only, a follow-up note is added as a revision.

mod detail;
pub mod filter;

use crate::staff::Needs;
use crate::store::{VisitRecord, VisitSummary};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Outcome;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// How many visits the list holds.
pub const LIMIT: usize = 200;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryState {
    pub query: String,
    pub visits: Vec<VisitSummary>,
    pub selected: usize,
    /// The visit opened read-only, with how many earlier versions it has.
    pub open: Option<(VisitRecord, usize)>,
    /// How far the open visit is scrolled (PgDn/PgUp, ↓/↑).
    pub detail_scroll: crate::tui::fit::TextScroll,
}

impl HistoryState {
    pub fn selected_id(&self) -> Option<&str> {
        match &self.open {
            Some((record, _)) => Some(&record.id),
            None => self.visits.get(self.selected).map(|v| v.id.as_str()),
        }
    }

    /// Typing narrows the list: it is read again.
    pub fn type_char(&mut self, c: char) -> Vec<Effect> {
        if self.open.is_some() {
            return Vec::new();
        }
        self.query.push(c);
        vec![Effect::LoadHistory]
    }

    pub fn handle(&mut self, action: crate::tui::Action) -> Option<Vec<Effect>> {
        use crate::tui::Action;
        if self.open.is_some() {
            return match action {
                Action::Close => {
                    self.open = None;
                    self.detail_scroll.reset();
                    Some(Vec::new())
                }
                Action::PageDown | Action::Down => {
                    self.detail_scroll.down();
                    Some(Vec::new())
                }
                Action::PageUp | Action::Up => {
                    self.detail_scroll.up();
                    Some(Vec::new())
                }
                _ => None,
            };
        }
        match action {
            Action::DeleteChar => {
                self.query.pop();
                return Some(vec![Effect::LoadHistory]);
            }
            Action::ClearInput => {
                self.query.clear();
                return Some(vec![Effect::LoadHistory]);
            }
            Action::Confirm => {
                let id = self.visits.get(self.selected)?.id.clone();
                return Some(vec![Effect::OpenVisit(id)]);
            }
            _ => {}
        }
        let at = crate::tui::list::moved(self.selected, action, self.visits.len())?;
        self.selected = at;
        Some(Vec::new())
    }
}

pub fn render(cx: &Ctx<'_>, state: &HistoryState, frame: &mut Frame, area: Rect) {
    if let Some((record, revisions)) = &state.open {
        detail::render(cx, record, *revisions, &state.detail_scroll, frame, area);
        return;
    }
    let label = format!("{}: ", cx.t("history.search"));
    let (query, cursor) = crate::tui::fit::typed(&label, &state.query, area.width);
    // The hint on an empty line wraps rather than being cut.
    let search_line = Paragraph::new(Line::from(vec![
        Span::styled(label.clone(), Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(query),
        Span::styled(
            if state.query.is_empty() {
                format!("  {}", cx.t("history.search_hint"))
            } else {
                String::new()
            },
            Style::default().add_modifier(Modifier::DIM),
        ),
    ]))
    .wrap(ratatui::widgets::Wrap { trim: true });
    let search_height = search_line.line_count(area.width).clamp(1, 3) as u16;
    let [search, area] =
        Layout::vertical([Constraint::Length(search_height), Constraint::Min(3)]).areas(area);
    frame.render_widget(search_line, search);
    frame.set_cursor_position(Position::new(search.x + cursor, search.y));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} ({}) ",
            cx.t("screen.history"),
            state.visits.len()
        ))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
                (Action::FocusSearch, "search"),
                (Action::Confirm, "open"),
                (Action::FollowUpNote, "follow_up"),
                (Action::Dossier, "dossier"),
                (Action::Close, "back"),
            ],
            area,
        ));
    if state.visits.is_empty() {
        let text = if state.query.is_empty() {
            cx.t("history.empty")
        } else {
            filter::unknown_names(&state.query, cx.catalog, cx.lang)
                .unwrap_or_else(|| cx.t("history.no_match"))
        };
        frame.render_widget(
            Paragraph::new(text)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let widths = [
        Constraint::Length(16),
        Constraint::Fill(1),
        Constraint::Fill(2),
        Constraint::Fill(3),
        Constraint::Fill(1),
    ];
    // Cells are cut with "…" to their column; the selected visit is whole under the list, and
    // all of it one Enter away.
    let cells = |v: &crate::store::VisitSummary| {
        vec![
            crate::tui::fit::local_time(&v.started_at),
            cx.t(&format!("history.kind_{}", v.kind.replace('-', "_"))),
            match &v.name {
                // An urgent handover's visitor is for the social workers to see.
                Some(_) if cx.refusal(Needs::to_read_visit(&v.kind)).is_some() => {
                    cx.t("history.withheld")
                }
                Some(name) => name.clone(),
                None => cx.t("history.anonymous"),
            },
            cx.topic_titles(&v.topics).join(", "),
            v.interpreter_language
                .as_ref()
                .map(|l| cx.language_name(l))
                .unwrap_or_default(),
        ]
    };
    let rows = state
        .visits
        .iter()
        .map(|v| crate::tui::table::Cells::new(cells(v)))
        .collect();
    let header = vec![
        cx.t("history.when"),
        cx.t("history.kind"),
        cx.t("history.name"),
        cx.t("history.topics"),
        cx.t("history.interpreter"),
    ];
    let selected = crate::tui::list::clamped(state.selected, state.visits.len());
    let detail = crate::tui::table::labelled(
        cx,
        &header
            .iter()
            .cloned()
            .zip(cells(&state.visits[selected]))
            .collect::<Vec<_>>(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    crate::tui::table::draw_with_detail(
        frame,
        inner,
        Some(header),
        &widths,
        rows,
        Some(selected),
        &detail,
    );
}

impl crate::tui::screens::Screen for HistoryState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        let mut actions = vec![
            FocusSearch,
            Confirm,
            FollowUpNote,
            Dossier,
            Close,
            DeleteChar,
            ClearInput,
        ];
        actions.extend(crate::tui::list::MOVES);
        actions
    }

    fn handle(&mut self, action: crate::tui::Action, cx: &Ctx<'_>) -> Outcome {
        // Opening an urgent handover needs the role that may read it; the list names it only.
        if action == crate::tui::Action::Confirm
            && self.open.is_none()
            && let Some(visit) = self.visits.get(self.selected)
            && let Some(refused) = cx.refusal(Needs::to_read_visit(&visit.kind))
        {
            return Outcome::Notice(refused);
        }
        if action == crate::tui::Action::FollowUpNote {
            return self.follow_up_note(cx);
        }
        // The dossier of the selected (or opened) visit's person.
        if action == crate::tui::Action::Dossier {
            let key = match &self.open {
                Some((record, _)) => record.person.as_ref().and_then(|p| p.stable_id.clone()),
                None => self
                    .visits
                    .get(self.selected)
                    .and_then(|v| v.person_key.clone()),
            };
            return match key {
                Some(key) => Outcome::Effects(vec![Effect::OpenDossier(key)]),
                None => Outcome::Notice(cx.t("dossier.anonymous")),
            };
        }
        match HistoryState::handle(self, action) {
            Some(effects) => Outcome::effects(effects),
            None => Outcome::Ignored,
        }
    }

    fn type_char(&mut self, c: char, _cx: &Ctx<'_>) -> Outcome {
        Outcome::effects(HistoryState::type_char(self, c))
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut Frame, area: Rect) {
        render(cx, self, frame, area)
    }

    fn shown(&self, _cx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::LoadHistory]
    }
}

impl HistoryState {
    /// The window for a follow-up note to the selected (or opened) visit.
    fn follow_up_note(&self, cx: &Ctx<'_>) -> Outcome {
        let Some(id) = self.selected_id().map(str::to_string) else {
            return Outcome::Handled;
        };
        let who = match &self.open {
            Some((record, _)) => record
                .person
                .as_ref()
                .map(|p| format!("{}, {}", p.official_name, p.first_name)),
            None => self.visits.get(self.selected).and_then(|v| v.name.clone()),
        };
        Outcome::Open(crate::tui::overlays::Overlay::Prompt(
            crate::tui::overlays::PromptState {
                asks: crate::tui::overlays::prompt::Asks::FollowUpNote { visit_id: id },
                about: who.unwrap_or_else(|| cx.t("history.anonymous")),
                ..Default::default()
            },
        ))
    }
}
