//! The Export screen: what is due, the batches made so far, and an export run in the background
//! with a progress bar, so the desk stays usable while a large export is written.

use crate::export::Target;
pub use crate::export::job::{JobMessage, start};
use crate::store::{BatchAction, BatchInfo};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Outcome;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Wrap};
use std::sync::mpsc::{Receiver, TryRecvError};

/// How many batches the list shows.
pub const BATCHES_SHOWN: usize = 100;

#[derive(Debug, Default)]
pub struct ExportState {
    pub pending: u64,
    pub outbox: u64,
    pub batches: Vec<BatchInfo>,
    pub selected: usize,
    /// (written, due at the start) while a run is going.
    pub progress: Option<(u64, u64)>,
    /// The run waits for another export into the same folder.
    pub waiting: bool,
    pub job: Option<Receiver<JobMessage>>,
    /// The outcome of the last run.
    pub result: Option<Result<(u64, usize), String>>,
}

impl ExportState {
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    pub fn handle(&mut self, action: crate::tui::Action) -> Option<Vec<Effect>> {
        use crate::tui::Action;
        if action == Action::Confirm && !self.running() {
            return Some(vec![Effect::StartExport]);
        }
        self.selected = crate::tui::list::moved(self.selected, action, self.batches.len())?;
        Some(Vec::new())
    }

    /// Takes in what the export thread reported; `true` when the run has ended.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &self.job else {
            return false;
        };
        loop {
            match job.try_recv() {
                Ok(JobMessage::Waiting) => self.waiting = true,
                Ok(JobMessage::Progress(done, total)) => {
                    self.waiting = false;
                    self.progress = Some((done, total));
                }
                Ok(JobMessage::Done(result)) => {
                    self.result = Some(result);
                    break;
                }
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => {
                    self.result = Some(Err("the export stopped unexpectedly".into()));
                    break;
                }
            }
        }
        self.job = None;
        self.progress = None;
        self.waiting = false;
        true
    }
}

fn target_text(cx: &Ctx<'_>) -> String {
    match cx.session.export.as_ref().map(|o| &o.target) {
        Some(Target::Folder(dir)) => dir.display().to_string(),
        Some(Target::Http { http, .. }) => http.url.clone(),
        None => cx.t("export.no_target"),
    }
}

/// The file format batches are written in, for a folder (HTTP always sends JSON).
fn format_text(cx: &Ctx<'_>) -> String {
    match cx.session.export.as_ref() {
        Some(options) if matches!(options.target, Target::Folder(_)) => {
            format!(" · {}", options.format)
        }
        _ => String::new(),
    }
}

pub fn render(cx: &Ctx<'_>, state: &ExportState, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.export")))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[(Action::Confirm, "export_now"), (Action::Down, "batches")],
            area,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [info, gauge, list] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(2),
        Constraint::Min(3),
    ])
    .areas(inner);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::from(vec![
            ratatui::text::Span::styled(format!("{}: ", cx.t("export.target")), bold),
            ratatui::text::Span::raw(target_text(cx)),
            ratatui::text::Span::raw(format_text(cx)),
        ]),
        Line::from(cx.tf(
            "export.due",
            &[
                ("pending", &state.pending.to_string()),
                ("outbox", &state.outbox.to_string()),
            ],
        )),
    ];
    match &state.result {
        Some(Ok((visits, batches))) => lines.push(Line::from(cx.tf(
            "export.done",
            &[
                ("visits", &visits.to_string()),
                ("batches", &batches.to_string()),
            ],
        ))),
        Some(Err(error)) => lines.push(Line::from(cx.tf("export.failed", &[("error", error)]))),
        None => {}
    }
    if state.waiting {
        lines.push(Line::from(cx.t("export.waiting_other")));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), info);
    if let Some((done, total)) = state.progress {
        let ratio = if total == 0 {
            1.0
        } else {
            (done as f64 / total as f64).min(1.0)
        };
        frame.render_widget(
            Gauge::default()
                .ratio(ratio)
                .label(format!("{done} / {total}"))
                .gauge_style(Style::default().add_modifier(Modifier::REVERSED)),
            Rect { height: 1, ..gauge },
        );
    }
    if state.batches.is_empty() {
        frame.render_widget(Paragraph::new(cx.t("export.no_batches")), list);
        return;
    }
    // The batch id last: the longest, and the one read least (it is in the folder's file names).
    let cells = |b: &BatchInfo| {
        vec![
            crate::tui::fit::local_time(&b.created_at),
            cx.t(if b.action == BatchAction::Correction {
                "export.corrections"
            } else {
                "export.new"
            }),
            b.visit_count.to_string(),
            cx.t(&format!("export.status_{}", b.status)),
            b.id.clone(),
        ]
    };
    let rows = state
        .batches
        .iter()
        .map(|b| crate::tui::table::Cells::new(cells(b)))
        .collect();
    let header = vec![
        cx.t("export.when"),
        cx.t("export.kind"),
        cx.t("export.visits"),
        cx.t("export.status"),
        cx.t("export.batch"),
    ];
    // The selected batch whole under the list: its id is the name of its files.
    let selected = crate::tui::list::clamped(state.selected, state.batches.len());
    let detail = crate::tui::table::labelled(
        cx,
        &header
            .iter()
            .cloned()
            .zip(cells(&state.batches[selected]))
            .collect::<Vec<_>>(),
    );
    crate::tui::table::draw_with_detail(
        frame,
        list,
        Some(header),
        &[
            Constraint::Length(16),
            Constraint::Fill(1),
            Constraint::Length(8),
            Constraint::Fill(1),
            Constraint::Fill(2),
        ],
        rows,
        Some(selected),
        &detail,
    );
}

impl crate::tui::screens::Screen for ExportState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        let mut actions = vec![Confirm, FocusSearch, FindNext, FindPrev];
        actions.extend(crate::tui::list::MOVES);
        actions
    }

    fn handle(&mut self, action: crate::tui::Action, cx: &Ctx<'_>) -> Outcome {
        // Personal data leaves the desk: say how much and where, and ask.
        if action == crate::tui::Action::Confirm
            && !self.running()
            && self.pending > 0
            && cx.session.export.is_some()
        {
            return Outcome::Open(crate::tui::overlays::Overlay::Confirm(
                crate::tui::overlays::ConfirmState {
                    title: cx.t("confirm.export_title"),
                    question: cx.catalog.i18n.format_count(
                        cx.lang,
                        "confirm.export",
                        self.pending,
                        &[("target", &target_text(cx))],
                    ),
                    then: crate::tui::overlays::Confirmed::Export,
                },
            ));
        }
        match ExportState::handle(self, action) {
            Some(effects) => Outcome::effects(effects),
            None => Outcome::Ignored,
        }
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut Frame, area: Rect) {
        render(cx, self, frame, area)
    }

    fn shown(&self, _cx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::LoadExport]
    }

    fn ticking(&self) -> bool {
        self.running()
    }
}
