//! Returning visitors in the intake: looked up as a name or AHV number is typed, taken over
//! into the form (the visit is then theirs), their dossier opened.

use super::{IntakeState, ReceptionField};
use crate::catalog::Catalog;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Outcome;

impl IntakeState {
    /// The text to look returning visitors up by, when a name or the AHV number is being typed.
    pub fn lookup_text(&self) -> Option<String> {
        let r = &self.reception;
        if self.stage != 0 || r.anonymous {
            return None;
        }
        let text = match r.focus {
            ReceptionField::OfficialName => format!("{} {}", r.official_name, r.first_name),
            ReceptionField::FirstName => format!("{} {}", r.first_name, r.official_name),
            ReceptionField::Ahv => r.ahv.clone(),
            _ => return None,
        };
        let text = text.trim().to_string();
        (text.chars().count() >= 2).then_some(text)
    }

    /// Takes the highlighted returning visitor into the form.
    pub(super) fn accept_suggestion(&mut self, catalog: &Catalog) -> bool {
        let Some(person) = self
            .suggestions
            .get(self.suggestion)
            .map(|s| s.person.clone())
        else {
            return false;
        };
        // A commune this catalog no longer knows shows its BFS number, which the field's check
        // then names, instead of vanishing.
        let commune = |bfs: Option<u32>| match bfs {
            None => String::new(),
            Some(nr) => catalog
                .commune_by_bfs(nr)
                .map_or_else(|| nr.to_string(), |c| c.name.clone()),
        };
        let r = &mut self.reception;
        r.returning = person.stable_id.as_deref().and_then(|id| id.parse().ok());
        r.official_name = person.official_name;
        r.first_name = person.first_name;
        r.birth_date = person.birth_date.unwrap_or_default();
        // Shown with its dots; a stored number that does not read is shown as stored, so the
        // field's check says what is wrong with it instead of the number vanishing.
        r.ahv = match person.vn {
            Some(vn) => match vn.parse::<crate::domain::Ahvn13>() {
                Ok(parsed) => parsed.to_string(),
                Err(_) => vn,
            },
            None => String::new(),
        };
        // Saved visits hold only valid codes (the person is checked before it is saved).
        r.sex = person.sex.and_then(crate::domain::Sex::from_code);
        r.nationality = person.nationality.unwrap_or_default();
        r.language = person
            .language
            .as_deref()
            .and_then(|l| crate::domain::LanguageCode::from_stored(l).ok());
        // A status this version does not know is left as it was, not replaced by a default.
        if let Ok(status) = person.residence_status.parse() {
            r.status = status;
        }
        r.commune_of_stay = commune(person.commune_of_stay);
        r.support_domicile = commune(person.support_domicile);
        r.phone = person.phone.unwrap_or_default();
        self.suggestions.clear();
        self.suggestion = 0;
        true
    }

    /// The dossier of the returning visitor highlighted among the suggestions, else of the one
    /// taken over.
    pub(super) fn dossier(&self, cx: &Ctx<'_>) -> Outcome {
        let shown = self
            .suggestions
            .get(self.suggestion)
            .and_then(|s| s.person.stable_id.clone());
        let taken = self.reception.returning.map(|k| k.to_string());
        match shown.or(taken) {
            Some(key) => Outcome::Effects(vec![Effect::OpenDossier(key)]),
            None => Outcome::Notice(cx.t("dossier.nobody")),
        }
    }
}
