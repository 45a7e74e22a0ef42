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
}

/// How far a referral went at the desk (`←`/`→` switch it); the draft keeps the names
/// `referred` and `handed-over-by-phone`, as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "snake_case")]
pub enum ReferralStep {
    Referred,
    HandedOverByPhone,
}

impl ReferralStep {
    pub fn toggled(self) -> ReferralStep {
        match self {
            ReferralStep::Referred => ReferralStep::HandedOverByPhone,
            ReferralStep::HandedOverByPhone => ReferralStep::Referred,
        }
    }

    pub fn status(self) -> crate::domain::ReferralStatus {
        match self {
            ReferralStep::Referred => crate::domain::ReferralStatus::Referred,
            ReferralStep::HandedOverByPhone => crate::domain::ReferralStatus::HandedOverByPhone,
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
        }
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

    pub(super) fn handle_referral(&mut self, action: Action, cx: &Ctx<'_>) -> Option<Vec<Effect>> {
        let selected = self
            .directory
            .selected_service(cx.catalog, cx.directory_index)
            .map(|i| cx.catalog.services[i].id.clone());
        match (action, selected) {
            (Action::Confirm, Some(id)) => {
                match self.referrals.iter().position(|r| r.service_id == id) {
                    Some(at) => {
                        self.referrals.remove(at);
                    }
                    None => self.referrals.push(self.new_referral(id, None)),
                }
                Some(vec![self.save_draft()])
            }
            (Action::Left | Action::Right, Some(id)) => {
                let referral = self.referrals.iter_mut().find(|r| r.service_id == id)?;
                referral.status = referral.status.toggled();
                Some(vec![self.save_draft()])
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
        assert_eq!(draft.status.toggled(), ReferralStep::Referred);
        let unknown = r#"{"service_id":"lavi","status":"lost","consent_to_share":true}"#;
        assert!(serde_json::from_str::<ReferralDraft>(unknown).is_err());
        let catalog = crate::catalog::Catalog::embedded();
        for step in [ReferralStep::Referred, ReferralStep::HandedOverByPhone] {
            let key = format!("intake.referral_{}", <&str>::from(step));
            assert_ne!(catalog.i18n.text("de", &key), key, "{key} has no text");
        }
    }
}
