//! The Settings screen: what this desk runs with, and where its files are. Desk, centre,
//! language, print command and export folder are edited here and saved to `config.toml`; who
//! works at the desk is who signed in, never a setting.

use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::screens::Outcome;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The settings staff change at the desk; the rest is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsField {
    Desk,
    Centre,
    Language,
    PrintCommand,
    ExportDir,
}

const FIELDS: [SettingsField; 5] = [
    SettingsField::Desk,
    SettingsField::Centre,
    SettingsField::Language,
    SettingsField::PrintCommand,
    SettingsField::ExportDir,
];

impl SettingsField {
    fn label_key(self) -> &'static str {
        match self {
            SettingsField::Desk => "settings.desk",
            SettingsField::Centre => "settings.centre",
            SettingsField::Language => "settings.language",
            SettingsField::PrintCommand => "settings.print_command",
            SettingsField::ExportDir => "settings.export_dir",
        }
    }

    /// Chosen with ←/→ from a list, not typed.
    fn is_choice(self) -> bool {
        matches!(self, SettingsField::Centre | SettingsField::Language)
    }
}

/// What was changed on the screen and not saved yet; a field not touched shows the session's
/// value.
#[derive(Debug, Default)]
pub struct SettingsScreen {
    pub focus: usize,
    pub desk: Option<String>,
    /// `Some(None)`: no centre chosen.
    pub centre: Option<Option<String>>,
    pub language: Option<String>,
    pub print_command: Option<String>,
    pub export_dir: Option<String>,
}

impl SettingsScreen {
    fn focused(&self) -> SettingsField {
        FIELDS[self.focus]
    }

    fn centre(&self, cx: &Ctx<'_>) -> Option<String> {
        self.centre
            .clone()
            .unwrap_or_else(|| cx.session.centre.clone())
    }

    fn language(&self, cx: &Ctx<'_>) -> String {
        self.language.clone().unwrap_or_else(|| cx.lang.to_string())
    }

    /// The text of a typed field as shown.
    fn text(&self, field: SettingsField, cx: &Ctx<'_>) -> String {
        let session = &cx.session;
        let edited = match field {
            SettingsField::Desk => &self.desk,
            SettingsField::PrintCommand => &self.print_command,
            SettingsField::ExportDir => &self.export_dir,
            SettingsField::Centre | SettingsField::Language => return String::new(),
        };
        edited.clone().unwrap_or_else(|| match field {
            SettingsField::Desk => session.desk.clone(),
            SettingsField::PrintCommand => session.print_command.clone().unwrap_or_default(),
            _ => session.export_dir.clone().unwrap_or_default(),
        })
    }

    fn edit(&mut self, cx: &Ctx<'_>) -> Option<&mut String> {
        let field = self.focused();
        let current = self.text(field, cx);
        let slot = match field {
            SettingsField::Desk => &mut self.desk,
            SettingsField::PrintCommand => &mut self.print_command,
            SettingsField::ExportDir => &mut self.export_dir,
            SettingsField::Centre | SettingsField::Language => return None,
        };
        Some(slot.get_or_insert(current))
    }

    /// Steps a choice: the centres (and none), the interface languages.
    fn step(&mut self, cx: &Ctx<'_>, forward: bool) {
        let step = |at: usize, len: usize| {
            if forward {
                (at + 1) % len
            } else {
                (at + len - 1) % len
            }
        };
        match self.focused() {
            SettingsField::Centre => {
                let choices: Vec<Option<String>> = std::iter::once(None)
                    .chain(cx.catalog.regions.iter().map(|r| Some(r.id.clone())))
                    .collect();
                let current = self.centre(cx);
                let at = choices.iter().position(|c| *c == current).unwrap_or(0);
                self.centre = Some(choices[step(at, choices.len())].clone());
            }
            SettingsField::Language => {
                let languages = cx.catalog.i18n.languages();
                let current = self.language(cx);
                let at = languages.iter().position(|l| *l == current).unwrap_or(0);
                self.language = Some(languages[step(at, languages.len())].clone());
            }
            _ => {}
        }
    }

    /// The values to save, as shown.
    pub fn settings(&self, cx: &Ctx<'_>) -> crate::config::DeskSettings {
        let optional =
            |field| Some(self.text(field, cx).trim().to_string()).filter(|v| !v.is_empty());
        crate::config::DeskSettings {
            desk: self.text(SettingsField::Desk, cx).trim().to_string(),
            centre: self.centre(cx),
            language: Some(self.language(cx)),
            print_command: optional(SettingsField::PrintCommand),
            export_dir: optional(SettingsField::ExportDir),
        }
    }

    /// The shown value of a field.
    fn shown(&self, field: SettingsField, cx: &Ctx<'_>) -> String {
        match field {
            SettingsField::Centre => match self.centre(cx) {
                None => cx.t("settings.no_centre"),
                Some(id) => cx
                    .catalog
                    .region(&id)
                    .map_or(id.clone(), |r| r.name(cx.lang).to_string()),
            },
            SettingsField::Language => {
                let lang = self.language(cx);
                format!("{} ({lang})", cx.catalog.i18n.text(&lang, "meta.name"))
            }
            _ => self.text(field, cx),
        }
    }
}

pub fn render(cx: &Ctx<'_>, screen: &SettingsScreen, frame: &mut Frame, area: Rect) {
    use crate::tui::form::Row;
    let session = &cx.session;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", cx.t("screen.settings")))
        .title_bottom(crate::tui::hints::screen_footer(
            cx,
            &[
                (Action::Confirm, "save"),
                (Action::NextField, "next_field"),
                (Action::Right, "choose"),
                (Action::Close, "discard"),
            ],
            area,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let focused = screen.focused();
    let editable = Style::default().add_modifier(Modifier::UNDERLINED);
    let mut rows: Vec<Row> = FIELDS
        .iter()
        .map(|&field| {
            let is_focused = field == focused;
            let mut value_style = editable;
            if is_focused {
                value_style = value_style.add_modifier(Modifier::REVERSED);
            }
            let choice = field.is_choice().then(|| {
                (
                    format!("‹ › {}", cx.t("hint.choose")),
                    Style::default().add_modifier(Modifier::DIM),
                )
            });
            let mut value = screen.shown(field, cx);
            // An empty field says so, until it has the focus.
            if value.is_empty() && !is_focused {
                value = cx.t("settings.not_set");
                value_style = Style::default().add_modifier(Modifier::DIM);
            }
            Row {
                label: cx.t(field.label_key()),
                value,
                value_style,
                note: choice.filter(|_| is_focused),
                focused: is_focused,
                text: is_focused && !field.is_choice(),
            }
        })
        .collect();
    let data = session
        .data_dir
        .clone()
        .unwrap_or_else(|| cx.t("settings.data_embedded"));
    let shown_only = [
        ("settings.keymap", session.keymap.clone()),
        ("settings.database", session.db_path.clone()),
        ("settings.visits", session.visit_count.to_string()),
        ("settings.data", data),
        ("settings.config", session.config_path.clone()),
    ];
    rows.extend(shown_only.into_iter().map(|(label, value)| Row {
        label: cx.t(label),
        value,
        value_style: Style::default(),
        note: None,
        focused: false,
        text: false,
    }));
    let note = crate::tui::hints::with_keys(
        cx,
        "placeholder.settings",
        cx.screen.context(),
        &[("save", Action::Confirm), ("close", Action::Close)],
    );
    let note_height = crate::tui::form::wrap(&note, inner.width as usize).len() as u16;
    let [form_area, note_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(note_height + 1)]).areas(inner);
    let label_width =
        crate::tui::form::label_width(rows.iter().map(|r| r.label.as_str()), inner.width as usize);
    crate::tui::form::draw(frame, form_area, &rows, label_width);
    frame.render_widget(
        Paragraph::new(format!("\n{note}")).wrap(Wrap { trim: true }),
        note_area,
    );
}

impl crate::tui::screens::Screen for SettingsScreen {
    fn actions(&self) -> Vec<Action> {
        use Action::*;
        vec![
            Confirm, NextField, PrevField, Up, Down, Left, Right, SaveVisit, DeleteChar,
            ClearInput, Close,
        ]
    }

    fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Outcome {
        match action {
            Action::NextField | Action::Down => self.focus = (self.focus + 1) % FIELDS.len(),
            Action::PrevField | Action::Up => {
                self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len()
            }
            Action::Left | Action::Right if self.focused().is_choice() => {
                self.step(cx, action == Action::Right)
            }
            Action::DeleteChar => {
                if let Some(text) = self.edit(cx) {
                    text.pop();
                }
            }
            Action::ClearInput => {
                if let Some(text) = self.edit(cx) {
                    text.clear();
                }
            }
            Action::Confirm | Action::SaveVisit => {
                return Outcome::Effects(vec![crate::tui::effect::Effect::SaveSettings(
                    self.settings(cx),
                )]);
            }
            // Esc forgets what was changed here: the saved settings show again.
            Action::Close => {
                *self = SettingsScreen {
                    focus: self.focus,
                    ..Default::default()
                }
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    fn type_char(&mut self, c: char, cx: &Ctx<'_>) -> Outcome {
        match self.edit(cx) {
            Some(text) => {
                text.push(c);
                Outcome::Handled
            }
            None => Outcome::Ignored,
        }
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut Frame, area: Rect) {
        render(cx, self, frame, area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::Screen;

    #[test]
    fn choices_step_through_the_centres_and_languages_and_esc_forgets_them() {
        let shared = crate::tui::context::test_shared();
        let cx = shared.ctx(crate::tui::screens::ScreenId::Settings);
        let mut screen = SettingsScreen {
            focus: 1,
            ..Default::default()
        };
        screen.handle(Action::Right, &cx);
        let first = cx.catalog.regions[0].id.clone();
        assert_eq!(screen.settings(&cx).centre, Some(first));
        screen.handle(Action::Left, &cx);
        assert_eq!(screen.settings(&cx).centre, None);
        assert!(matches!(screen.type_char('x', &cx), Outcome::Ignored));
        screen.handle(Action::Down, &cx);
        screen.handle(Action::Right, &cx);
        let language = screen.settings(&cx).language.unwrap();
        assert_ne!(language, cx.lang, "the next interface language");
        screen.handle(Action::Close, &cx);
        assert_eq!(screen.settings(&cx).language.as_deref(), Some(cx.lang));
    }
}
