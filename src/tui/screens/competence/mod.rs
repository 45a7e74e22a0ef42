//! The competence check as a form: canton and status are choices (arrows, or type to search),
//! dates and the commune are typed, the flags are ticked with the space bar. The answer is
//! evaluated from the form on every draw, so it follows each keystroke. The form is a component
//! of its own, to sit inside the intake flow as well as on the Competence screen.

mod render;

pub use render::render;

use crate::catalog::Catalog;
use crate::check::{Field, Input};
use crate::domain::ResidenceStatus;
use crate::search;
use crate::tui::action::Action;
use crate::tui::screens::Outcome;
use chrono::NaiveDate;
use strum::IntoEnumIterator;

/// The fields in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FormField {
    Canton,
    Status,
    AsylumDate,
    EntryDate,
    CEntitled,
    BGranted,
    ResidentInCommune,
    Commune,
    On,
}

impl FormField {
    pub const ALL: [FormField; 9] = [
        FormField::Canton,
        FormField::Status,
        FormField::AsylumDate,
        FormField::EntryDate,
        FormField::CEntitled,
        FormField::BGranted,
        FormField::ResidentInCommune,
        FormField::Commune,
        FormField::On,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            FormField::Canton => "check.canton",
            FormField::Status => "check.status",
            FormField::AsylumDate => "check.asylum_date",
            FormField::EntryDate => "check.entry_date",
            FormField::CEntitled => "check.c_entitled",
            FormField::BGranted => "check.b_granted",
            FormField::ResidentInCommune => "check.resident_in_commune",
            FormField::Commune => "check.commune",
            FormField::On => "check.on",
        }
    }

    /// The form field an input error is about.
    pub fn of(field: Field) -> FormField {
        match field {
            Field::Canton => FormField::Canton,
            Field::Status => FormField::Status,
            Field::AsylumDate => FormField::AsylumDate,
            Field::EntryDate => FormField::EntryDate,
            Field::Commune => FormField::Commune,
            Field::On => FormField::On,
        }
    }
}

/// How many commune suggestions are listed under the field.
pub const SUGGESTIONS: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompetenceForm {
    pub focus: FormField,
    /// Index into the catalog's rule packs.
    pub canton: usize,
    pub status: ResidenceStatus,
    /// What was typed to search a choice field; cleared when the field is left.
    pub choice_query: String,
    pub asylum_date: String,
    pub entry_date: String,
    pub c_entitled: bool,
    pub b_granted: bool,
    pub resident_in_commune: bool,
    pub commune: String,
    /// The highlighted commune suggestion.
    pub suggestion: usize,
    pub on: String,
    /// How far the answer is scrolled (PgDn/PgUp), where it is longer than its pane.
    #[serde(skip)]
    pub answer_scroll: crate::tui::fit::TextScroll,
}

impl CompetenceForm {
    /// An empty form for Valais (the desk's canton), dated `today`.
    pub fn new(catalog: &Catalog, today: NaiveDate) -> CompetenceForm {
        CompetenceForm {
            focus: FormField::Canton,
            canton: catalog
                .rules
                .iter()
                .position(|p| p.canton == "VS")
                .unwrap_or(0),
            status: ResidenceStatus::None,
            choice_query: String::new(),
            asylum_date: String::new(),
            entry_date: String::new(),
            c_entitled: false,
            b_granted: false,
            resident_in_commune: false,
            commune: String::new(),
            suggestion: 0,
            on: today.to_string(),
            answer_scroll: Default::default(),
        }
    }

    /// The form as check inputs.
    pub fn input<'a>(&'a self, catalog: &'a Catalog) -> Input<'a> {
        Input {
            canton: catalog
                .rules
                .get(self.canton)
                .map_or("", |p| p.canton.as_str()),
            status: self.status.as_str(),
            asylum_date: Some(&self.asylum_date),
            entry_date: Some(&self.entry_date),
            c_entitled: self.c_entitled,
            b_granted: self.b_granted,
            resident_in_commune: self.resident_in_commune,
            commune: Some(&self.commune),
            on: Some(&self.on),
        }
    }

    /// Commune names matching what is typed, best first; empty once a name is typed in full.
    pub fn commune_suggestions<'c>(&self, catalog: &'c Catalog) -> Vec<&'c str> {
        search::commune_suggestions(&catalog.communes, &self.commune, SUGGESTIONS)
    }

    fn move_focus(&mut self, step: isize) {
        let index = FormField::ALL
            .iter()
            .position(|f| *f == self.focus)
            .unwrap_or(0) as isize;
        let count = FormField::ALL.len() as isize;
        self.focus = FormField::ALL[(index + step).rem_euclid(count) as usize];
        self.choice_query.clear();
        self.suggestion = 0;
    }

    /// Handles a form action; returns whether it was one the form uses.
    pub fn handle(&mut self, action: Action, catalog: &Catalog) -> bool {
        let suggestions = if self.focus == FormField::Commune {
            self.commune_suggestions(catalog).len()
        } else {
            0
        };
        match action {
            Action::PageDown => self.answer_scroll.down(),
            Action::PageUp => self.answer_scroll.up(),
            Action::NextField => self.move_focus(1),
            Action::PrevField => self.move_focus(-1),
            Action::Down if suggestions > 0 => {
                self.suggestion = (self.suggestion + 1) % suggestions
            }
            Action::Up if suggestions > 0 => {
                self.suggestion = (self.suggestion + suggestions - 1) % suggestions
            }
            Action::Down => self.move_focus(1),
            Action::Up => self.move_focus(-1),
            Action::Confirm if suggestions > 0 => {
                let chosen =
                    self.commune_suggestions(catalog)[self.suggestion.min(suggestions - 1)];
                self.commune = chosen.to_string();
                self.suggestion = 0;
            }
            Action::Confirm => self.move_focus(1),
            Action::Left => self.step_choice(-1, catalog),
            Action::Right => self.step_choice(1, catalog),
            Action::DeleteChar => {
                if let Some(text) = self.text_mut() {
                    text.pop();
                } else {
                    self.choice_query.pop();
                }
                self.suggestion = 0;
            }
            Action::ClearInput => {
                if let Some(text) = self.text_mut() {
                    text.clear();
                }
                self.choice_query.clear();
                self.suggestion = 0;
            }
            _ => return false,
        }
        true
    }

    /// A typed character: text for text fields, a tick for flags, a search for choices.
    pub fn type_char(&mut self, c: char, catalog: &Catalog, lang: &str) {
        if let Some(text) = self.text_mut() {
            text.push(c);
            self.suggestion = 0;
            return;
        }
        match self.focus {
            FormField::CEntitled if c == ' ' => self.c_entitled = !self.c_entitled,
            FormField::BGranted if c == ' ' => self.b_granted = !self.b_granted,
            FormField::ResidentInCommune if c == ' ' => {
                self.resident_in_commune = !self.resident_in_commune
            }
            FormField::Canton | FormField::Status => {
                self.choice_query.push(c);
                self.choose_by_query(catalog, lang);
            }
            _ => {}
        }
    }

    fn text_mut(&mut self) -> Option<&mut String> {
        match self.focus {
            FormField::AsylumDate => Some(&mut self.asylum_date),
            FormField::EntryDate => Some(&mut self.entry_date),
            FormField::Commune => Some(&mut self.commune),
            FormField::On => Some(&mut self.on),
            _ => None,
        }
    }

    fn step_choice(&mut self, step: isize, catalog: &Catalog) {
        self.choice_query.clear();
        match self.focus {
            FormField::Canton => {
                let count = catalog.rules.len().max(1) as isize;
                self.canton = (self.canton as isize + step).rem_euclid(count) as usize;
            }
            FormField::Status => {
                let all: Vec<ResidenceStatus> = ResidenceStatus::iter().collect();
                let index = all.iter().position(|s| *s == self.status).unwrap_or(0) as isize;
                self.status = all[(index + step).rem_euclid(all.len() as isize) as usize];
            }
            FormField::CEntitled => self.c_entitled = !self.c_entitled,
            FormField::BGranted => self.b_granted = !self.b_granted,
            FormField::ResidentInCommune => self.resident_in_commune = !self.resident_in_commune,
            _ => {}
        }
    }

    /// Picks the option that best matches the typed search, by its label or its name.
    fn choose_by_query(&mut self, catalog: &Catalog, lang: &str) {
        match self.focus {
            FormField::Canton => {
                let options = catalog
                    .rules
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (i, format!("{} {}", p.canton, p.name.get(lang))));
                if let Some(best) = search::rank(&self.choice_query, options).first() {
                    self.canton = *best;
                }
            }
            FormField::Status => {
                let options = ResidenceStatus::iter().map(|s| {
                    let label = catalog
                        .i18n
                        .text(lang, &format!("residence.{}", s.as_str()))
                        .to_string();
                    (s, format!("{label} {}", s.as_str()))
                });
                if let Some(best) = search::rank(&self.choice_query, options).first() {
                    self.status = *best;
                }
            }
            _ => {}
        }
    }
}

/// What the competence form does (the Competence screen and the intake's stage 3).
pub const COMPETENCE_ACTIONS: [Action; 11] = [
    Action::NextField,
    Action::PrevField,
    Action::Left,
    Action::Right,
    Action::Up,
    Action::Down,
    Action::Confirm,
    Action::DeleteChar,
    Action::ClearInput,
    Action::PageDown,
    Action::PageUp,
];

impl crate::tui::screens::Screen for CompetenceForm {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        COMPETENCE_ACTIONS.to_vec()
    }

    fn handle(&mut self, action: Action, cx: &crate::tui::context::Ctx<'_>) -> Outcome {
        Outcome::taken(CompetenceForm::handle(self, action, cx.catalog))
    }

    fn type_char(&mut self, c: char, cx: &crate::tui::context::Ctx<'_>) -> Outcome {
        CompetenceForm::type_char(self, c, cx.catalog, cx.lang);
        Outcome::Handled
    }

    fn render(
        &self,
        cx: &crate::tui::context::Ctx<'_>,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
    ) {
        render::render(cx, self, frame, area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> (CompetenceForm, Catalog) {
        let catalog = Catalog::embedded();
        (
            CompetenceForm::new(&catalog, "2026-11-25".parse().unwrap()),
            catalog,
        )
    }

    #[test]
    fn typing_in_the_status_field_picks_the_matching_status() {
        let (mut form, catalog) = form();
        form.handle(Action::NextField, &catalog);
        for c in "refugee b".chars() {
            form.type_char(c, &catalog, "en");
        }
        assert_eq!(form.status, ResidenceStatus::RefugeeB);
        for c in "fluchtling f".chars() {
            form.handle(Action::ClearInput, &catalog);
            form.type_char(c, &catalog, "de");
        }
        form.handle(Action::ClearInput, &catalog);
        for c in "vorlaufig aufgenommener fluchtling".chars() {
            form.type_char(c, &catalog, "de");
        }
        assert_eq!(form.status, ResidenceStatus::RefugeeF);
    }

    #[test]
    fn the_space_bar_ticks_a_flag_and_types_a_space_in_text() {
        let (mut form, catalog) = form();
        form.focus = FormField::CEntitled;
        form.type_char(' ', &catalog, "de");
        assert!(form.c_entitled);
        form.focus = FormField::Commune;
        for c in "Val de".chars() {
            form.type_char(c, &catalog, "de");
        }
        assert_eq!(form.commune, "Val de");
    }

    #[test]
    fn commune_suggestions_follow_typing_and_enter_takes_one() {
        let (mut form, catalog) = form();
        form.focus = FormField::Commune;
        for c in "brig".chars() {
            form.type_char(c, &catalog, "de");
        }
        let suggestions = form.commune_suggestions(&catalog);
        assert!(suggestions.contains(&"Brig-Glis"), "{suggestions:?}");
        let index = suggestions.iter().position(|s| *s == "Brig-Glis").unwrap();
        for _ in 0..index {
            form.handle(Action::Down, &catalog);
        }
        form.handle(Action::Confirm, &catalog);
        assert_eq!(form.commune, "Brig-Glis");
        assert!(form.commune_suggestions(&catalog).is_empty());
    }

    #[test]
    fn tab_cycles_through_every_field() {
        let (mut form, catalog) = form();
        for expected in FormField::ALL.iter().skip(1).chain([&FormField::Canton]) {
            form.handle(Action::NextField, &catalog);
            assert_eq!(form.focus, *expected);
        }
    }
}
