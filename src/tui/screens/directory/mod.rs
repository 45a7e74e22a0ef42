//! The Directory screen: type to search the specialist services, read the details of the one
//! selected, copy its phone number, write a referral slip in the staff and the visitor's language.

mod render;

pub use render::render;

use crate::catalog::Catalog;
use crate::search::directory::{DirectoryIndex, Filters};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::overlays::{Overlay, PromptState};
use crate::tui::screens::Outcome;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryState {
    pub query: String,
    pub selected: usize,
    /// The region filter: services of this SMZ/CMS region first (`None`: all alike).
    pub region: Option<String>,
    /// Staff chose the region: the visitor's commune no longer presets it.
    pub region_chosen: bool,
    /// Only services of this category, and only those working in this language.
    pub category: Option<String>,
    pub language: Option<String>,
    /// The visitor's language for slips (`None`: the staff language only).
    pub visitor_lang: Option<crate::domain::LanguageCode>,
    /// The selected service is shown on the whole screen, as for the visitor across the desk.
    pub open: bool,
    /// How far the selected service's details are scrolled (PgDn/PgUp in the open view).
    pub details_scroll: crate::tui::fit::TextScroll,
}

impl DirectoryState {
    pub fn filters(&self) -> Filters {
        Filters {
            region: self.region.clone(),
            category: self.category.clone(),
            language: self.language.clone(),
        }
    }

    /// The services matching the query, best first (indices into the catalog's services).
    pub fn hits(&self, catalog: &Catalog, index: &DirectoryIndex) -> Vec<usize> {
        index.search(&catalog.services, &self.query, &self.filters())
    }

    pub fn selected_service(&self, catalog: &Catalog, index: &DirectoryIndex) -> Option<usize> {
        let hits = self.hits(catalog, index);
        hits.get(crate::tui::list::clamped(self.selected, hits.len()))
            .copied()
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.selected = 0;
        self.open = false;
    }

    /// Handles an action of the screen; returns `None` when the action is not one of its own.
    pub fn handle(
        &mut self,
        action: Action,
        catalog: &Catalog,
        index: &DirectoryIndex,
    ) -> Option<Vec<Effect>> {
        let count = self.hits(catalog, index).len();
        // Open, a service reads on with PgDn/PgUp; ↑/↓ still go to the next one.
        match action {
            Action::PageDown if self.open => {
                self.details_scroll.down();
                return Some(Vec::new());
            }
            Action::PageUp if self.open => {
                self.details_scroll.up();
                return Some(Vec::new());
            }
            _ => {}
        }
        if let Some(at) = crate::tui::list::moved(self.selected, action, count) {
            if at != self.selected {
                self.details_scroll.reset();
            }
            self.selected = at;
            return Some(Vec::new());
        }
        match action {
            Action::DeleteChar => {
                self.query.pop();
                self.selected = 0;
            }
            Action::ClearInput => {
                self.query.clear();
                self.selected = 0;
            }
            // Enter or the client-view key: the service on the whole screen, in the visitor's language.
            Action::Confirm | Action::ClientView => self.open = !self.open && count > 0,
            Action::Close if self.open => self.open = false,
            Action::NextCategory => {
                let ids: Vec<String> = crate::catalog::services::CATEGORIES
                    .iter()
                    .map(|c| c.to_string())
                    .collect();
                self.category = next_of(&ids, self.category.as_ref());
                self.selected = 0;
            }
            Action::NextServiceLanguage => {
                // The languages some service works in, in order.
                let mut ids: Vec<String> = catalog
                    .services
                    .iter()
                    .flat_map(|s| s.languages.iter().cloned())
                    .collect();
                ids.sort();
                ids.dedup();
                self.language = next_of(&ids, self.language.as_ref());
                self.selected = 0;
            }
            Action::NextRegion => {
                let ids: Vec<&String> = catalog.regions.iter().map(|r| &r.id).collect();
                let next = match &self.region {
                    None => ids.first().map(|id| (*id).clone()),
                    Some(current) => ids
                        .iter()
                        .position(|id| *id == current)
                        .and_then(|i| ids.get(i + 1))
                        .map(|id| (*id).clone()),
                };
                self.region = next;
                self.region_chosen = true;
                self.selected = 0;
            }
            Action::CopyPhone => {
                let service = self.selected_service(catalog, index)?;
                return Some(vec![Effect::CopyPhone(
                    catalog.services[service].phone.clone(),
                )]);
            }
            Action::WriteSlip => {
                let service = self.selected_service(catalog, index)?;
                return Some(vec![Effect::WriteSlip {
                    service: catalog.services[service].id.clone(),
                    visitor_lang: self.visitor_lang,
                    visitor_second: None,
                }]);
            }
            _ => return None,
        }
        Some(Vec::new())
    }
}

/// The value after `current` in `ids`, the first after none, none after the last.
fn next_of(ids: &[String], current: Option<&String>) -> Option<String> {
    match current {
        None => ids.first().cloned(),
        Some(current) => ids
            .iter()
            .position(|id| id == current)
            .and_then(|i| ids.get(i + 1))
            .cloned(),
    }
}

impl crate::tui::screens::Screen for DirectoryState {
    fn actions(&self) -> Vec<crate::tui::Action> {
        #[allow(unused_imports)]
        use crate::tui::Action::*;
        let mut actions = vec![
            FocusSearch,
            Confirm,
            ClientView,
            CopyPhone,
            WriteSlip,
            CorrectService,
            NextRegion,
            NextCategory,
            NextServiceLanguage,
            VisitorLanguage,
            UnmetNeed,
            Close,
            DeleteChar,
            ClearInput,
        ];
        actions.extend(crate::tui::list::MOVES);
        actions
    }

    fn handle(&mut self, action: Action, cx: &Ctx<'_>) -> Outcome {
        if action == Action::CorrectService {
            return match self.selected_service(cx.catalog, cx.directory_index) {
                Some(i) => Outcome::Open(Overlay::ServiceEdit(Box::new(
                    crate::tui::overlays::service_edit::ServiceEditForm::of(
                        &cx.catalog.services[i],
                        cx.lang,
                    ),
                ))),
                None => Outcome::Notice(cx.t("directory.nothing_to_correct")),
            };
        }
        if action == Action::UnmetNeed {
            return Outcome::Open(Overlay::Prompt(PromptState {
                about: self.query.clone(),
                ..Default::default()
            }));
        }
        match DirectoryState::handle(self, action, cx.catalog, cx.directory_index) {
            Some(effects) => Outcome::effects(effects),
            None => Outcome::Ignored,
        }
    }

    fn type_char(&mut self, c: char, _cx: &Ctx<'_>) -> Outcome {
        DirectoryState::type_char(self, c);
        Outcome::Handled
    }

    fn render(&self, cx: &Ctx<'_>, frame: &mut ratatui::Frame, area: ratatui::layout::Rect) {
        render::render(cx, self, frame, area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Catalog, DirectoryIndex) {
        let catalog = Catalog::embedded();
        let index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
        (catalog, index)
    }

    #[test]
    fn category_and_language_filters_narrow_the_list_and_come_back_round_to_all() {
        let (catalog, index) = setup();
        let mut state = DirectoryState::default();
        let all = state.hits(&catalog, &index).len();
        state.handle(Action::NextCategory, &catalog, &index);
        let category = state.category.clone().expect("a category chosen");
        let hits = state.hits(&catalog, &index);
        assert!(!hits.is_empty() && hits.len() < all);
        assert!(
            hits.iter()
                .all(|i| catalog.services[*i].categories.contains(&category))
        );
        for _ in 0..crate::catalog::services::CATEGORIES.len() {
            state.handle(Action::NextCategory, &catalog, &index);
        }
        assert_eq!(state.category, None, "after the last: all again");
        state.handle(Action::NextServiceLanguage, &catalog, &index);
        let language = state.language.clone().expect("a language chosen");
        let hits = state.hits(&catalog, &index);
        assert!(!hits.is_empty());
        assert!(
            hits.iter()
                .all(|i| catalog.services[*i].languages.contains(&language))
        );
    }

    #[test]
    fn typing_selects_the_best_match_and_enter_opens_it() {
        let (catalog, index) = setup();
        let mut state = DirectoryState::default();
        for c in "dettes".chars() {
            state.type_char(c);
        }
        let first = state.selected_service(&catalog, &index).unwrap();
        assert_eq!(catalog.services[first].id, "caritas-vs");
        state.handle(Action::Confirm, &catalog, &index);
        assert!(state.open);
        state.handle(Action::Close, &catalog, &index);
        assert!(!state.open);
    }

    #[test]
    fn slip_and_phone_keys_ask_the_loop_for_the_selected_service() {
        let (catalog, index) = setup();
        let mut state = DirectoryState::default();
        for c in "lavi".chars() {
            state.type_char(c);
        }
        state.visitor_lang = Some("fra".parse().unwrap());
        let effects = state.handle(Action::WriteSlip, &catalog, &index).unwrap();
        assert_eq!(
            effects,
            vec![Effect::WriteSlip {
                service: "lavi".into(),
                visitor_lang: Some("fra".parse().unwrap()),
                visitor_second: None,
            }]
        );
        let effects = state.handle(Action::CopyPhone, &catalog, &index).unwrap();
        assert_eq!(
            effects,
            vec![Effect::CopyPhone(Some("027 607 31 00".into()))]
        );
    }

    #[test]
    fn the_region_filter_cycles_through_every_region_and_back_to_all() {
        let (catalog, index) = setup();
        let mut state = DirectoryState::default();
        for _ in 0..catalog.regions.len() {
            state.handle(Action::NextRegion, &catalog, &index);
            assert!(state.region.is_some());
        }
        state.handle(Action::NextRegion, &catalog, &index);
        assert_eq!(state.region, None);
    }
}
