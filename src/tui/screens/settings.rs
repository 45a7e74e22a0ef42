//! The Settings screen: what this desk runs with, and where its files are.

use crate::tui::context::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};

pub fn render(cx: &Ctx<'_>, screen: &SettingsScreen, frame: &mut Frame, area: Rect) {
    let session = &cx.session;
    let desk = screen.value(SettingsField::Desk, cx);
    let staff = screen.value(SettingsField::Staff, cx);
    let print = screen.value(SettingsField::PrintCommand, cx);
    let language = format!("{} ({})", cx.t("meta.name"), cx.lang);
    let data = session
        .data_dir
        .clone()
        .unwrap_or_else(|| cx.t("settings.data_embedded").to_string());
    let visits = session.visit_count.to_string();
    let focused = FIELDS[screen.focus];
    let mark = |field: SettingsField, label: &str| {
        format!(
            "{}{}",
            if field == focused { "›" } else { " " },
            cx.t(label)
        )
    };
    let editable = Style::default().add_modifier(Modifier::UNDERLINED);
    let rows = [
        (
            mark(SettingsField::Desk, "settings.desk"),
            desk.as_str(),
            editable,
        ),
        (
            mark(SettingsField::Staff, "settings.staff"),
            staff.as_str(),
            editable,
        ),
        (
            mark(SettingsField::PrintCommand, "settings.print_command"),
            print.as_str(),
            editable,
        ),
        (
            format!(" {}", cx.t("settings.language")),
            language.as_str(),
            Style::default(),
        ),
        (
            format!(" {}", cx.t("settings.keymap")),
            session.keymap.as_str(),
            Style::default(),
        ),
        (
            format!(" {}", cx.t("settings.database")),
            session.db_path.as_str(),
            Style::default(),
        ),
        (
            format!(" {}", cx.t("settings.visits")),
            visits.as_str(),
            Style::default(),
        ),
        (
            format!(" {}", cx.t("settings.data")),
            data.as_str(),
            Style::default(),
        ),
        (
            format!(" {}", cx.t("settings.config")),
            session.config_path.as_str(),
            Style::default(),
        ),
    ]
    .map(|(label, value, style)| {
        Row::new(vec![
            Line::from(label).style(Style::default().add_modifier(Modifier::BOLD)),
            Line::from(value.to_string()).style(style),
        ])
    });
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.settings")))
        .title_bottom(format!(" {} ", cx.t("settings.hint")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let table_height = rows.len() as u16 + 1;
    let [table_area, note_area] =
        ratatui::layout::Layout::vertical([Constraint::Length(table_height), Constraint::Min(0)])
            .areas(inner);
    frame.render_widget(
        Table::new(rows, [Constraint::Length(28), Constraint::Min(10)]).column_spacing(2),
        table_area,
    );
    frame.render_widget(
        Paragraph::new(cx.t("placeholder.settings").to_string()).wrap(Wrap { trim: true }),
        note_area,
    );
}

/// The settings staff change at the desk; the rest is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsField {
    Desk,
    Staff,
    PrintCommand,
}

const FIELDS: [SettingsField; 3] = [
    SettingsField::Desk,
    SettingsField::Staff,
    SettingsField::PrintCommand,
];

/// The Settings screen: desk, staff and print command edited here and saved to `config.toml`;
/// a field not touched shows the session's value.
#[derive(Debug, Default)]
pub struct SettingsScreen {
    pub focus: usize,
    pub desk: Option<String>,
    pub staff: Option<String>,
    pub print_command: Option<String>,
}

impl SettingsScreen {
    fn value(&self, field: SettingsField, cx: &Ctx<'_>) -> String {
        let session = &cx.session;
        match field {
            SettingsField::Desk => self.desk.clone().unwrap_or_else(|| session.desk.clone()),
            SettingsField::Staff => self.staff.clone().unwrap_or_else(|| session.staff.clone()),
            SettingsField::PrintCommand => self
                .print_command
                .clone()
                .unwrap_or_else(|| session.print_command.clone().unwrap_or_default()),
        }
    }

    fn edit(&mut self, cx: &Ctx<'_>) -> &mut String {
        let field = FIELDS[self.focus];
        let current = self.value(field, cx);
        let slot = match field {
            SettingsField::Desk => &mut self.desk,
            SettingsField::Staff => &mut self.staff,
            SettingsField::PrintCommand => &mut self.print_command,
        };
        slot.get_or_insert(current)
    }

    /// The values to save, as shown.
    pub fn settings(&self, cx: &Ctx<'_>) -> crate::config::DeskSettings {
        let print = self.value(SettingsField::PrintCommand, cx);
        crate::config::DeskSettings {
            desk: self.value(SettingsField::Desk, cx).trim().to_string(),
            staff: self.value(SettingsField::Staff, cx).trim().to_string(),
            print_command: Some(print.trim().to_string()).filter(|p| !p.is_empty()),
        }
    }
}

impl crate::tui::screens::Screen for SettingsScreen {
    fn actions(&self) -> Vec<crate::tui::Action> {
        use crate::tui::Action::*;
        vec![
            NextField, PrevField, Up, Down, Confirm, SaveVisit, DeleteChar, ClearInput, Close,
        ]
    }

    fn handle(&mut self, action: crate::tui::Action, cx: &Ctx<'_>) -> crate::tui::screens::Outcome {
        use crate::tui::Action;
        use crate::tui::screens::Outcome;
        match action {
            Action::NextField | Action::Down => self.focus = (self.focus + 1) % FIELDS.len(),
            Action::PrevField | Action::Up => {
                self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len()
            }
            Action::DeleteChar => {
                self.edit(cx).pop();
            }
            Action::ClearInput => self.edit(cx).clear(),
            Action::Confirm | Action::SaveVisit => {
                return Outcome::Effects(vec![crate::tui::effect::Effect::SaveSettings(
                    self.settings(cx),
                )]);
            }
            // Esc forgets what was typed here: the saved settings show again.
            Action::Close => {
                self.desk = None;
                self.staff = None;
                self.print_command = None;
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    fn type_char(&mut self, c: char, cx: &Ctx<'_>) -> crate::tui::screens::Outcome {
        self.edit(cx).push(c);
        crate::tui::screens::Outcome::Handled
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut Frame, area: Rect) {
        render(cx, self, frame, area)
    }
}
