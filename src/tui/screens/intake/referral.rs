//! Stage 4 of the intake, referral: services referred to, how far each went, and the slip
//! written for it.

use super::IntakeState;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::effect::Effect;
use serde::{Deserialize, Serialize};

/// A referral made in stage 4: the service, how far it went, and consent to share data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralDraft {
    pub service_id: String,
    pub status: ReferralStep,
    pub consent_to_share: bool,
    /// The slip written for it, once written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slip: Option<crate::domain::SlipWritten>,
    /// The day of the appointment made with the service; kept when ←/→ step away from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment: Option<chrono::NaiveDate>,
}

impl ReferralDraft {
    /// How far the referral went, as the visit keeps it.
    pub fn status(&self) -> crate::domain::ReferralStatus {
        use crate::domain::ReferralStatus;
        match (self.status, self.appointment) {
            (ReferralStep::AppointmentMade, Some(on)) => ReferralStatus::AppointmentMade(on),
            (ReferralStep::HandedOverByPhone, _) => ReferralStatus::HandedOverByPhone,
            _ => ReferralStatus::Referred,
        }
    }

    /// "referred", "appointment made 03.12.2026": for the screen.
    pub fn status_text(&self, cx: &Ctx<'_>) -> String {
        let step = cx.t(&format!("intake.referral_{}", <&str>::from(self.status)));
        match (self.status, self.appointment) {
            (ReferralStep::AppointmentMade, Some(on)) => {
                format!("{step} {}", on.format("%d.%m.%Y"))
            }
            _ => step,
        }
    }
}

/// How far a referral went at the desk (`←`/`→` switch it); the draft keeps the names
/// `referred` and `handed-over-by-phone`, as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "snake_case")]
pub enum ReferralStep {
    Referred,
    HandedOverByPhone,
    /// An appointment was made (its day is in the draft's `appointment`).
    AppointmentMade,
}

impl ReferralStep {
    /// The next step for ←/→; "appointment made" only where an appointment was entered.
    pub fn toggled(self, has_appointment: bool) -> ReferralStep {
        match self {
            ReferralStep::Referred => ReferralStep::HandedOverByPhone,
            ReferralStep::HandedOverByPhone if has_appointment => ReferralStep::AppointmentMade,
            ReferralStep::HandedOverByPhone | ReferralStep::AppointmentMade => {
                ReferralStep::Referred
            }
        }
    }
}

impl IntakeState {
    /// A referral to `service_id`, as far as "referred", with the consent given at the reception.
    fn new_referral(
        &self,
        service_id: String,
        slip: Option<crate::domain::SlipWritten>,
    ) -> ReferralDraft {
        ReferralDraft {
            service_id,
            status: ReferralStep::Referred,
            consent_to_share: self.reception.consent,
            slip,
            appointment: None,
        }
    }

    /// The appointment made with a service: its referral (made now if there was none) is at
    /// "appointment made".
    pub fn set_appointment(&mut self, service_id: &str, on: chrono::NaiveDate) -> Effect {
        let at = match self
            .referrals
            .iter()
            .position(|r| r.service_id == service_id)
        {
            Some(at) => at,
            None => {
                let referral = self.new_referral(service_id.to_string(), None);
                self.referrals.push(referral);
                self.referrals.len() - 1
            }
        };
        let referral = &mut self.referrals[at];
        referral.appointment = Some(on);
        referral.status = ReferralStep::AppointmentMade;
        self.save_draft()
    }

    /// The appointment of the referral to a service, for its slip.
    pub fn appointment_with(&self, service_id: &str) -> Option<chrono::NaiveDate> {
        self.referrals
            .iter()
            .find(|r| r.service_id == service_id && r.status == ReferralStep::AppointmentMade)
            .and_then(|r| r.appointment)
    }

    /// A slip written for a service on the referral stage goes with its referral.
    pub fn record_slip(&mut self, service_id: &str, slip: crate::domain::SlipWritten) {
        match self
            .referrals
            .iter_mut()
            .find(|r| r.service_id == service_id)
        {
            Some(referral) => referral.slip = Some(slip),
            None => {
                let referral = self.new_referral(service_id.to_string(), Some(slip));
                self.referrals.push(referral);
            }
        }
    }

    /// Asks the day of the appointment made with the selected service.
    pub(super) fn appointment_prompt(&self, cx: &Ctx<'_>) -> crate::tui::screens::Outcome {
        use crate::tui::overlays::{Overlay, PromptState, prompt::Asks};
        let Some(i) = self
            .directory
            .selected_service(cx.catalog, cx.directory_index)
        else {
            return crate::tui::screens::Outcome::Ignored;
        };
        let service = &cx.catalog.services[i];
        let typed = self
            .appointment_with(&service.id)
            .map(|on| on.format("%d.%m.%Y").to_string())
            .unwrap_or_default();
        crate::tui::screens::Outcome::Open(Overlay::Prompt(PromptState {
            asks: Asks::Appointment {
                service_id: service.id.clone(),
            },
            about: service.name(cx.lang).to_string(),
            reason: typed,
            problem: None,
        }))
    }

    pub(super) fn handle_referral(&mut self, action: Action, cx: &Ctx<'_>) -> Option<Vec<Effect>> {
        let selected = self
            .directory
            .selected_service(cx.catalog, cx.directory_index)
            .map(|i| cx.catalog.services[i].id.clone());
        match (action, selected) {
            (Action::Confirm, Some(id)) => {
                let mut effects = Vec::new();
                match self.referrals.iter().position(|r| r.service_id == id) {
                    Some(at) => {
                        let removed = self.referrals.remove(at);
                        // Its reason, appointment and slip can come back (undo).
                        let key = crate::tui::hints::key_for(cx, cx.context(), Action::Undo)
                            .unwrap_or_else(|| cx.t("hint.unbound"));
                        let name = cx
                            .catalog
                            .service(&removed.service_id)
                            .map_or(removed.service_id.clone(), |s| s.name(cx.lang).to_string());
                        effects.push(Effect::Notice(cx.tf(
                            "intake.referral_removed",
                            &[("service", &name), ("undo", &key)],
                        )));
                        self.removed_referral = Some((at, removed));
                    }
                    None => self.referrals.push(self.new_referral(id, None)),
                }
                effects.push(self.save_draft());
                Some(effects)
            }
            (Action::Undo, _) => {
                let Some((at, referral)) = self.removed_referral.take() else {
                    return Some(vec![Effect::Notice(cx.t("message.nothing_to_undo"))]);
                };
                if !self
                    .referrals
                    .iter()
                    .any(|r| r.service_id == referral.service_id)
                {
                    self.referrals
                        .insert(at.min(self.referrals.len()), referral);
                }
                Some(vec![self.save_draft()])
            }
            (Action::Left | Action::Right, Some(id)) => {
                let referral = self.referrals.iter_mut().find(|r| r.service_id == id)?;
                referral.status = referral.status.toggled(referral.appointment.is_some());
                Some(vec![self.save_draft()])
            }
            // The slip is for the visitor of this intake: in their languages.
            (Action::WriteSlip, _) => {
                let effects = self
                    .directory
                    .handle(action, cx.catalog, cx.directory_index)?;
                Some(
                    effects
                        .into_iter()
                        .map(|effect| match effect {
                            Effect::WriteSlip { service, .. } => Effect::WriteSlip {
                                service,
                                visitor_lang: self.information.visitor_lang,
                                visitor_second: self.information.visitor_second,
                            },
                            other => other,
                        })
                        .collect(),
                )
            }
            _ => self
                .directory
                .handle(action, cx.catalog, cx.directory_index),
        }
    }
}

#[cfg(test)]
mod referral_tests {
    use super::{ReferralDraft, ReferralStep};

    #[test]
    fn a_draft_saved_with_the_step_names_loads_and_each_step_has_its_text() {
        // As drafts of this version store a referral.
        let saved =
            r#"{"service_id":"lavi","status":"handed-over-by-phone","consent_to_share":true}"#;
        let draft: ReferralDraft = serde_json::from_str(saved).unwrap();
        assert_eq!(draft.status, ReferralStep::HandedOverByPhone);
        assert_eq!(serde_json::to_string(&draft).unwrap(), saved);
        assert_eq!(draft.status.toggled(false), ReferralStep::Referred);
        assert_eq!(
            draft.status.toggled(true),
            ReferralStep::AppointmentMade,
            "with an appointment entered, ←/→ reach it"
        );
        let unknown = r#"{"service_id":"lavi","status":"lost","consent_to_share":true}"#;
        assert!(serde_json::from_str::<ReferralDraft>(unknown).is_err());
        let catalog = crate::catalog::Catalog::embedded();
        for step in [
            ReferralStep::Referred,
            ReferralStep::HandedOverByPhone,
            ReferralStep::AppointmentMade,
        ] {
            let key = format!("intake.referral_{}", <&str>::from(step));
            assert_ne!(catalog.i18n.text("de", &key), key, "{key} has no text");
        }
    }
}
