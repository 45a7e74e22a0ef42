//! The sign-in in front of everything: at start, when staff change at the desk, and when the
//! desk was left alone (the lock). While it stands, nothing of a visitor is drawn; what was on
//! the screens (an intake, its draft, an open window) stays as it was behind it.

use super::action::Action;
use super::context::Ctx;
use super::effect::Effect;
use crate::staff::{StaffId, pin_problem};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Why the sign-in is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateMode {
    /// The database has no staff yet: the first admin is made here.
    FirstAdmin,
    /// At start, or after "switch staff".
    SignIn,
    /// Locked (idle, or the lock key) while `holder` was signed in.
    Locked { holder: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateField {
    Name,
    Pin,
    PinAgain,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gate {
    pub mode: GateMode,
    pub name: String,
    pub pin: String,
    pub pin_again: String,
    pub focus: GateField,
    /// Why the last attempt was refused, as the sign-in said it.
    pub problem: Option<String>,
    /// A sign-in is being checked.
    pub checking: bool,
}

impl Gate {
    /// The sign-in with `name` filled in (the PIN field then has the focus).
    pub fn new(mode: GateMode, name: Option<String>) -> Gate {
        let name = match &mode {
            GateMode::Locked { holder } => holder.clone(),
            _ => name.unwrap_or_default(),
        };
        Gate {
            focus: if name.is_empty() {
                GateField::Name
            } else {
                GateField::Pin
            },
            mode,
            name,
            pin: String::new(),
            pin_again: String::new(),
            problem: None,
            checking: false,
        }
    }

    fn fields(&self) -> &'static [GateField] {
        match self.mode {
            GateMode::FirstAdmin => &[GateField::Name, GateField::Pin, GateField::PinAgain],
            _ => &[GateField::Name, GateField::Pin],
        }
    }

    fn slot(&mut self) -> &mut String {
        match self.focus {
            GateField::Name => &mut self.name,
            GateField::Pin => &mut self.pin,
            GateField::PinAgain => &mut self.pin_again,
        }
    }

    pub fn type_char(&mut self, c: char) {
        if self.checking {
            return;
        }
        self.problem = None;
        self.slot().push(c);
    }

    fn step(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.focus = fields[next];
    }

    /// Edits; on Enter the sign-in to check (or the first admin to make). Other actions do
    /// nothing here: the screens are behind the sign-in.
    pub fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Vec<Effect> {
        if self.checking {
            return Vec::new();
        }
        match action {
            Action::DeleteChar => {
                self.slot().pop();
            }
            Action::ClearInput => self.slot().clear(),
            Action::NextField | Action::Down => self.step(true),
            Action::PrevField | Action::Up => self.step(false),
            Action::Close => {
                self.problem = None;
                self.pin.clear();
                self.pin_again.clear();
            }
            Action::Confirm if self.focus == GateField::Name && !self.name.trim().is_empty() => {
                self.step(true);
            }
            Action::Confirm => return self.submit(cx),
            _ => {}
        }
        Vec::new()
    }

    fn submit(&mut self, cx: &Ctx<'_>) -> Vec<Effect> {
        if StaffId::parse(&self.name).is_err() {
            self.focus = GateField::Name;
            self.problem = Some(if self.name.trim().is_empty() {
                cx.t("signin.name_needed")
            } else {
                cx.t("signin.name_rule")
            });
            return Vec::new();
        }
        if self.pin.is_empty() {
            self.focus = GateField::Pin;
            self.problem = Some(cx.t("signin.pin_needed"));
            return Vec::new();
        }
        let (name, pin) = (self.name.trim().to_string(), self.pin.clone());
        if self.mode == GateMode::FirstAdmin {
            if pin_problem(&pin).is_some() {
                self.refused(cx.t("signin.pin_rule"));
                return Vec::new();
            }
            if self.pin_again != pin {
                self.problem = Some(cx.t("signin.pins_differ"));
                self.pin_again.clear();
                self.focus = GateField::PinAgain;
                return Vec::new();
            }
            self.checking = true;
            return vec![Effect::CreateFirstAdmin { name, pin }];
        }
        self.checking = true;
        vec![Effect::SignIn { name, pin }]
    }

    /// The sign-in was refused: the PIN goes, the reason stays until the next key.
    pub fn refused(&mut self, why: String) {
        self.checking = false;
        self.pin.clear();
        self.pin_again.clear();
        self.focus = GateField::Pin;
        self.problem = Some(why);
    }
}

/// The whole screen: which desk, why the sign-in, the fields, the reason of a refusal, the keys.
pub fn render(cx: &Ctx<'_>, gate: &Gate, frame: &mut Frame, area: Rect) {
    let title = match &gate.mode {
        GateMode::FirstAdmin => cx.t("signin.first_title"),
        GateMode::SignIn => cx.t("signin.title"),
        GateMode::Locked { holder } => cx.tf("signin.locked_title", &[("staff", holder)]),
    };
    let explain = match &gate.mode {
        GateMode::FirstAdmin => cx.t("signin.first_explain"),
        GateMode::SignIn => cx.t("signin.explain"),
        GateMode::Locked { .. } => cx.t("signin.locked_explain"),
    };
    let width = area.width.min(72);
    let [column] = Layout::horizontal([Constraint::Length(width)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" intake-desk · {} ", cx.session.desk));
    let inner = block.inner(column);
    frame.render_widget(block, column);
    // "label: value" as each language writes it (French puts a space before the colon).
    let field = |label: &str, value: String, focused: bool| {
        let label = cx.tf("check.line", &[("label", label), ("value", "")]);
        let style = if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        Line::from(vec![
            Span::raw(format!("{}{label}", if focused { "›" } else { " " })),
            Span::styled(format!("{value} "), style),
        ])
    };
    let masked = |pin: &str| "•".repeat(pin.chars().count());
    let mut lines = vec![
        Line::from(Span::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD),
        )),
        Line::raw(""),
        Line::raw(explain),
        Line::raw(""),
        field(
            &cx.t("signin.name"),
            crate::text::escape_control(&gate.name).into_owned(),
            gate.focus == GateField::Name,
        ),
        field(
            &cx.t("signin.pin"),
            masked(&gate.pin),
            gate.focus == GateField::Pin,
        ),
    ];
    if gate.mode == GateMode::FirstAdmin {
        lines.push(field(
            &cx.t("signin.pin_again"),
            masked(&gate.pin_again),
            gate.focus == GateField::PinAgain,
        ));
    }
    lines.push(Line::raw(""));
    if gate.checking {
        lines.push(Line::raw(cx.t("signin.checking")));
    } else if let Some(problem) = &gate.problem {
        lines.push(Line::from(Span::styled(
            crate::text::escape_control(problem).into_owned(),
            Style::default().add_modifier(Modifier::BOLD),
        )));
    }
    lines.push(Line::raw(""));
    let key = |action| {
        super::hints::key_for(cx, super::keymap::Context::Form, action).unwrap_or_default()
    };
    let quit =
        super::hints::key_for(cx, super::keymap::Context::Global, Action::Quit).unwrap_or_default();
    lines.push(Line::raw(cx.tf(
        "signin.keys",
        &[
            ("enter", &key(Action::Confirm)),
            ("tab", &key(Action::NextField)),
            ("quit", &quit),
        ],
    )));
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Left)
            .wrap(Wrap { trim: false }),
        inner,
    );
}
