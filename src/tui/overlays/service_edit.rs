//! Correcting a service at the desk: its phone, address, hours, languages and a note, as staff
//! just learned them. Saving keeps what changed as corrections laid over the data (with who and
//! when) and marks the entry checked today, so saving unchanged says "checked, still right".

use super::centered;
use crate::store::ServiceField;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear};

/// The fields the form edits, in order.
const FIELDS: [ServiceField; 5] = [
    ServiceField::Phone,
    ServiceField::Address,
    ServiceField::Hours,
    ServiceField::Languages,
    ServiceField::Note,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceEditForm {
    pub service_id: String,
    pub name: String,
    /// As the service stands now (data and earlier corrections), then as typed.
    pub before: [String; 5],
    pub values: [String; 5],
    pub focus: usize,
    /// Why the focused value cannot be kept, when saving was tried.
    pub problem: Option<String>,
}

impl ServiceEditForm {
    pub fn of(service: &crate::catalog::Service, lang: &str) -> ServiceEditForm {
        let before = [
            service.phone.clone().unwrap_or_default(),
            service.address(lang).unwrap_or_default().to_string(),
            service
                .hours_in(lang)
                .map(|(h, _)| h.to_string())
                .unwrap_or_default(),
            service.languages.join(";"),
            service.note.clone().unwrap_or_default(),
        ];
        ServiceEditForm {
            service_id: service.id.clone(),
            name: service.name(lang).to_string(),
            values: before.clone(),
            before,
            focus: 0,
            problem: None,
        }
    }

    pub fn type_char(&mut self, c: char) {
        self.problem = None;
        self.values[self.focus].push(c);
    }

    /// `Some` with the save once Enter finds every value fine.
    pub fn handle(&mut self, action: Action) -> Option<Vec<Effect>> {
        match action {
            Action::NextField | Action::Down => self.focus = (self.focus + 1) % FIELDS.len(),
            Action::PrevField | Action::Up => {
                self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len()
            }
            Action::DeleteChar => {
                self.values[self.focus].pop();
            }
            Action::ClearInput => self.values[self.focus].clear(),
            Action::Confirm | Action::SaveVisit => return self.save(),
            _ => {}
        }
        None
    }

    fn save(&mut self) -> Option<Vec<Effect>> {
        let mut changes = Vec::new();
        for (i, field) in FIELDS.iter().enumerate() {
            let value = self.values[i].trim();
            if value == self.before[i].trim() {
                continue;
            }
            if let Err(why) = field.check(value) {
                self.focus = i;
                self.problem = Some(why);
                return None;
            }
            changes.push((*field, value.to_string()));
        }
        changes.push((ServiceField::Checked, String::new()));
        Some(vec![Effect::CorrectService {
            service_id: self.service_id.clone(),
            changes,
        }])
    }
}

pub fn render(cx: &Ctx<'_>, form: &ServiceEditForm, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(6).min(90);
    let rows: Vec<crate::tui::form::Row> = FIELDS
        .iter()
        .enumerate()
        .map(|(i, field)| crate::tui::form::Row {
            label: cx.t(&format!("directory.field_{}", field.name())),
            value: form.values[i].clone(),
            value_style: Style::default(),
            note: (i == form.focus)
                .then(|| form.problem.clone())
                .flatten()
                .map(|p| (p, cx.theme().error)),
            focused: i == form.focus,
            text: i == form.focus,
        })
        .collect();
    let room = width.saturating_sub(2) as usize;
    let label_width = crate::tui::form::label_width(rows.iter().map(|r| r.label.as_str()), room);
    let about = crate::tui::form::wrap(&cx.t("directory.edit_about"), room);
    let lines = crate::tui::form::lay_out(&rows, room, label_width)
        .lines
        .len()
        + about.len()
        + 1;
    let popup = centered(area, width, lines as u16 + 2, 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {}: {} ", cx.t("directory.edit_title"), form.name))
        .title_bottom(format!(
            " {} ",
            super::prompt::save_or_cancel(cx, popup.width)
        ));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [text, fields] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(about.len() as u16 + 1),
        ratatui::layout::Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(ratatui::widgets::Paragraph::new(about.join("\n")), text);
    crate::tui::form::draw(frame, fields, &rows, label_width);
}
