//! Who may see and do what: the sign-in in front of the screens, the lock after idle minutes or
//! on the lock key, the switch of staff at shift change, and the refusals a role brings.

use super::App;
use crate::staff::{Needs, SignedIn};
use crate::store::{AuditAction, NewAuditEntry};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::gate::{Gate, GateMode};
use crate::tui::keymap::{Context, Key, Resolution};
use crate::tui::overlays::Overlay;
use crate::tui::screens::ScreenId;
use std::time::Duration;

/// For the test suite: lock after this many seconds instead of the configured minutes.
pub const LOCK_AFTER_SECONDS_ENV: &str = "INTAKE_DESK_LOCK_AFTER_SECONDS";

impl App {
    /// The sign-in in front of everything, if it stands.
    pub fn gate(&self) -> Option<&Gate> {
        self.gate.as_ref()
    }

    /// At start: the first admin to make (no staff yet), or who is at the desk, `name` offered.
    pub fn require_sign_in(&mut self, first_admin: bool, name: Option<String>) {
        let mode = if first_admin {
            GateMode::FirstAdmin
        } else {
            GateMode::SignIn
        };
        self.gate = Some(Gate::new(mode, name));
    }

    /// Idle time after which the screen locks.
    pub fn set_lock_after(&mut self, after: Duration) {
        self.lock_after = after;
    }

    /// A key while the sign-in stands: typed into its fields, or one of its few actions.
    pub(super) fn gate_key(&mut self, key: Key) -> Vec<Effect> {
        self.pending.push(key);
        let resolution = self.shared.keymap.resolve(Context::Form, &self.pending);
        if !matches!(resolution, Resolution::Pending) {
            self.pending.clear();
        }
        let cx = self.shared.ctx(self.screen);
        let Some(gate) = self.gate.as_mut() else {
            return Vec::new();
        };
        match resolution {
            Resolution::Text(c) => gate.type_char(c),
            Resolution::Action(Action::Quit) => return self.quit_behind_gate(),
            Resolution::Action(action) => return gate.handle(action, &cx),
            Resolution::Pending | Resolution::Unbound => {}
        }
        Vec::new()
    }

    /// Quitting from the sign-in: nothing typed into an intake is lost (its draft is saved
    /// first, and offered back at the next start), a visitor taken from the queue waits again.
    fn quit_behind_gate(&mut self) -> Vec<Effect> {
        self.confirmed(crate::tui::overlays::Confirmed::Quit)
    }

    /// Locks the screen: the sign-in of the same staff member in front of everything.
    pub(super) fn lock(&mut self) -> Vec<Effect> {
        if self.gate.is_some() {
            return Vec::new();
        }
        let holder = self.shared.session.staff.clone();
        self.gate = Some(Gate::new(
            GateMode::Locked {
                holder: holder.clone(),
            },
            None,
        ));
        self.pending.clear();
        let mut effects = vec![Effect::Audit(NewAuditEntry::new(
            &holder,
            AuditAction::Lock,
            "desk",
        ))];
        // What was typed is kept on disk as well, in case the desk is switched off meanwhile.
        effects.extend(self.screens.intake.unsaved_draft());
        effects
    }

    /// Another staff member takes over: the sign-in with an empty name.
    pub(super) fn switch_staff(&mut self) -> Vec<Effect> {
        let leaving = self.shared.session.staff.clone();
        self.gate = Some(Gate::new(GateMode::SignIn, None));
        vec![Effect::Audit(NewAuditEntry::new(
            &leaving,
            AuditAction::SignOut,
            "staff",
        ))]
    }

    /// Called without input: locks once the desk has been idle for the configured time.
    pub(super) fn lock_when_idle(&mut self) -> Vec<Effect> {
        let idle = self
            .shared
            .now
            .instant
            .saturating_duration_since(self.last_key);
        if self.gate.is_none() && self.shared.session.role.is_some() && idle >= self.lock_after {
            return self.lock();
        }
        Vec::new()
    }

    /// The PIN was right: the desk is theirs; an intake left open by another stays open, now in
    /// their name, to continue or hand over.
    pub(super) fn signed_in(&mut self, who: SignedIn) {
        let Some(gate) = self.gate.take() else {
            return;
        };
        let session = &mut self.shared.session;
        let before = std::mem::replace(&mut session.staff, who.id.to_string());
        session.role = Some(who.role);
        self.last_key = self.shared.now.instant;
        let took_over = matches!(gate.mode, GateMode::Locked { .. } | GateMode::SignIn)
            && before != who.id.as_str()
            && !before.is_empty()
            && self.screens.intake.in_progress();
        // The status line names who is signed in; taking over someone's intake is said.
        if took_over {
            self.message = Some(self.tf(
                "signin.took_over",
                &[("staff", who.id.as_str()), ("before", &before)],
            ));
        }
        // What the new role may not see is closed.
        if let Some(needs) = needs_to_show(self.screen)
            && self.refusal(needs).is_some()
        {
            self.screen = ScreenId::Queue;
        }
        if matches!(
            self.overlay,
            Some(Overlay::Dossier(_)) | Some(Overlay::SamePerson(_))
        ) && self.refusal(Needs::Dossiers).is_some()
        {
            self.overlay = None;
        }
    }

    /// A refused sign-in said in the interface language.
    pub(super) fn sign_in_refusal(&self, e: &crate::staff::SignInError) -> String {
        use crate::staff::SignInError;
        match e {
            SignInError::Unknown(name) => self.tf("signin.unknown", &[("staff", name)]),
            SignInError::Disabled(id) => self.tf("signin.disabled", &[("staff", id.as_str())]),
            SignInError::WrongPin { who, wait, .. } if !wait.is_zero() => self.tf(
                "signin.wrong_wait",
                &[
                    ("staff", who.as_str()),
                    ("seconds", &wait.as_secs().to_string()),
                ],
            ),
            SignInError::WrongPin { who, failures, .. } => self.tf(
                "signin.wrong_pin",
                &[
                    ("staff", who.as_str()),
                    (
                        "left",
                        &(crate::staff::FREE_ATTEMPTS + 1)
                            .saturating_sub(*failures)
                            .to_string(),
                    ),
                ],
            ),
            SignInError::Wait { who, wait } => self.tf(
                "signin.wait",
                &[
                    ("staff", who.as_str()),
                    ("seconds", &wait.as_secs().max(1).to_string()),
                ],
            ),
            other => other.to_string(),
        }
    }

    pub(super) fn sign_in_refused(&mut self, why: String) {
        if let Some(gate) = self.gate.as_mut() {
            gate.refused(why);
        }
    }

    /// Why the signed-in role may not do what `needs` asks, in the interface language.
    pub(super) fn refusal(&self, needs: Needs) -> Option<String> {
        self.ctx().refusal(needs)
    }

    /// The refusal of an action for the role signed in, if it is refused.
    pub(super) fn refused_action(&self, action: Action) -> Option<String> {
        let needs = match action {
            Action::Dossier => Needs::Dossiers,
            Action::MergePerson => Needs::Merge,
            other => needs_to_show(ScreenId::for_action(other)?)?,
        };
        self.refusal(needs)
    }

    /// Whether the role signed in may see the screen (next/previous screen step over the others).
    pub(super) fn may_show(&self, screen: ScreenId) -> bool {
        needs_to_show(screen).is_none_or(|needs| self.refusal(needs).is_none())
    }
}

/// The role a screen needs beyond reception.
fn needs_to_show(screen: ScreenId) -> Option<Needs> {
    match screen {
        ScreenId::Export => Some(Needs::Export),
        ScreenId::Settings => Some(Needs::Administer),
        _ => None,
    }
}
