//! Finishing the intake: every stage becomes one visit, or the user is sent to the field to fix.

use super::{IntakeState, ReceptionField};
use crate::catalog::communes;
use crate::check;
use crate::domain::person::validate_name;
use crate::domain::{PartialDate, Person, Referral, Visit, VisitKind};
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;

impl IntakeState {
    /// Saves the visit, or goes back to the first field that needs fixing.
    pub(super) fn finish(&mut self, cx: &Ctx<'_>) -> Vec<Effect> {
        // A competence check begun and not complete is not dropped without a word: the first
        // save shows why it has no answer; saving again goes without it.
        if let Some(Err(error)) = self.competence_answer(cx)
            && error != check::InputError::NothingGiven
            && !self.save_without_competence
        {
            self.save_without_competence = true;
            self.stage = 2;
            let reason = error.message(&cx.catalog.i18n, cx.lang, |f| cx.t(f.label_key()));
            return vec![Effect::Notice(
                cx.tf("intake.competence_incomplete", &[("error", &reason)]),
            )];
        }
        match self.build_visit(cx) {
            Ok(visit) => vec![Effect::SaveVisit {
                visit: Box::new(visit),
                draft: Some(self.draft_id.clone()),
            }],
            Err(field) => {
                self.stage = 0;
                self.reception.focus = field;
                // A save was tried: every problem shows.
                self.reception.left.extend(self.reception.fields());
                vec![Effect::Notice(
                    cx.catalog
                        .i18n
                        .text(cx.lang, "intake.fix_fields")
                        .to_string(),
                )]
            }
        }
    }

    /// Hands the visitor over to the social worker on duty: the visit is recorded at once. Personal
    /// data goes with it when every field is valid; otherwise the visit is recorded anonymously
    /// and the form stays, so nothing typed is lost.
    pub fn urgent_handover(&self, cx: &Ctx<'_>) -> Effect {
        let anonymous = || {
            let mut anonymous = self.clone();
            anonymous.reception.anonymous = true;
            anonymous.reception.financial = false;
            anonymous.build_visit(cx)
        };
        let (visit, draft) = match self.build_visit(cx) {
            Ok(visit) => (visit, Some(self.draft_id.clone())),
            Err(_) => match anonymous() {
                Ok(visit) => (visit, None),
                // Cannot happen (an anonymous reception has no field to refuse); say so rather than panic.
                Err(_) => {
                    return Effect::Notice(
                        cx.catalog.i18n.text(cx.lang, "intake.fix_fields").into(),
                    );
                }
            },
        };
        Effect::SaveVisit {
            visit: Box::new(Visit {
                kind: VisitKind::UrgentHandover,
                urgency: crate::domain::Urgency::Today,
                ..visit
            }),
            draft,
        }
    }

    fn build_visit(&self, cx: &Ctx<'_>) -> Result<Visit, ReceptionField> {
        let r = &self.reception;
        let today = cx.session.today;
        if let Some(field) = r
            .fields()
            .into_iter()
            .find(|f| r.problem(*f, cx.catalog, today).is_some())
        {
            return Err(field);
        }
        // Every field was checked above; a value that still does not read refuses the visit
        // with its field rather than being dropped.
        let bfs = |text: &str, field: ReceptionField| -> Result<Option<u32>, ReceptionField> {
            if text.trim().is_empty() {
                return Ok(None);
            }
            communes::find(&cx.catalog.communes, text)
                .map(|c| Some(c.bfs_nr))
                .map_err(|_| field)
        };
        let optional = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
        let person = if r.anonymous {
            None
        } else {
            let birth_date = if r.birth_date.trim().is_empty() {
                None
            } else {
                Some(
                    PartialDate::parse_birth_date(&r.birth_date, today)
                        .map_err(|_| ReceptionField::BirthDate)?,
                )
            };
            let language = match r.language {
                Some(language) => Some(language),
                // Not given at the reception: the language the information was given in.
                None => self.information.visitor_lang,
            };
            Some(Person {
                // Taken over from a returning visitor: the visit is theirs.
                key: r.returning,
                official_name: validate_name(&r.official_name)
                    .map_err(|_| ReceptionField::OfficialName)?,
                first_name: validate_name(&r.first_name).map_err(|_| ReceptionField::FirstName)?,
                birth_date,
                vn: parsed(&r.ahv, ReceptionField::Ahv)?,
                sex: r.sex,
                nationality: match optional(&r.nationality) {
                    Some(text) => Some(text.parse().map_err(|_| ReceptionField::Nationality)?),
                    None => None,
                },
                language,
                residence: r.status,
                commune_of_stay: bfs(&r.commune_of_stay, ReceptionField::CommuneOfStay)?,
                support_domicile: bfs(&r.support_domicile, ReceptionField::SupportDomicile)?,
                phone: optional(&r.phone),
            })
        };
        let competence = match self.competence_answer(cx) {
            Some(Ok(record)) => Some(record),
            // Not checked, or saved without the answer after being told why (see `finish`;
            // an urgent handover never waits for it).
            None | Some(Err(_)) => None,
        };
        let financial = r.financial_request();
        let kind = if financial.is_some() {
            VisitKind::FinancialRequest
        } else if person.is_some() {
            VisitKind::Identified
        } else {
            VisitKind::Information
        };
        let base =
            self.information
                .visit(&cx.session.desk, &cx.session.staff, kind, r.urgency, cx.now);
        Ok(Visit {
            consent_to_export: r.consent && person.is_some(),
            person,
            competence,
            referrals: self
                .referrals
                .iter()
                .map(|d| Referral {
                    service_id: d.service_id.clone(),
                    reason: r.reason.trim().to_string(),
                    status: d.status(),
                    consent_to_share: d.consent_to_share,
                    slip: d.slip.clone(),
                })
                .collect(),
            note: optional(&self.note),
            financial,
            reason: optional(&r.reason),
            interpreter_needed: r.interpreter_needed,
            ..base
        })
    }
}

impl IntakeState {
    /// The competence stage's answer as it would be saved; `None` when the stage was not opened.
    pub fn competence_answer(
        &self,
        cx: &Ctx<'_>,
    ) -> Option<Result<crate::domain::competence::CompetenceRecord, check::InputError>> {
        let form = self.competence.as_ref()?;
        Some(
            check::check(cx.catalog, &form.input(cx.catalog), cx.session.today)
                .map(|outcome| outcome.record()),
        )
    }
}

/// A typed value of an optional field: none when empty, its field when it does not read.
fn parsed<T: std::str::FromStr>(
    text: &str,
    field: ReceptionField,
) -> Result<Option<T>, ReceptionField> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResidenceStatus;
    use crate::tui::context::test_shared;

    #[test]
    fn an_incomplete_competence_check_is_shown_before_the_visit_is_saved_without_it() {
        let shared = test_shared();
        let cx = shared.ctx(crate::tui::screens::ScreenId::Intake);
        let mut intake = IntakeState::default();
        intake.information.given.push(crate::domain::TopicGiven {
            topic: "rights-and-duties".into(),
            language: "de".into(),
            written_copy: false,
            copy: None,
        });
        let mut form =
            crate::tui::screens::competence::CompetenceForm::new(cx.catalog, cx.session.today);
        // A recognised refugee needs the asylum date, which is not given.
        form.status = ResidenceStatus::RefugeeB;
        intake.competence = Some(form);
        intake.stage = 4;
        let first = intake.finish(&cx);
        let [Effect::Notice(notice)] = first.as_slice() else {
            panic!("the first save explains instead of saving: {first:?}");
        };
        assert!(notice.contains("Zuständigkeit unvollständig"), "{notice}");
        assert_eq!(intake.stage, 2, "the competence stage is shown");
        let second = intake.finish(&cx);
        let [Effect::SaveVisit { visit, .. }] = second.as_slice() else {
            panic!("saving again saves: {second:?}");
        };
        assert!(visit.competence.is_none());
        // Once complete, the answer is saved with the visit.
        let mut intake = IntakeState::default();
        let mut form =
            crate::tui::screens::competence::CompetenceForm::new(cx.catalog, cx.session.today);
        form.status = ResidenceStatus::RefugeeB;
        form.asylum_date = "2024-03-01".into();
        intake.competence = Some(form);
        let saved = intake.finish(&cx);
        let [Effect::SaveVisit { visit, .. }] = saved.as_slice() else {
            panic!("a complete check saves at once: {saved:?}");
        };
        assert!(visit.competence.is_some());
    }
}
