//! Who is at the desk: staff accounts, their roles and the PIN that signs them in. The accounts
//! are kept by `store::staff`; `sign_in` checks a PIN against them.

mod pin;
mod role;
mod sign_in;
mod wait;

pub use pin::{PinError, hash_pin, pin_problem, verify_pin};
pub use role::{Needs, Role};
pub use sign_in::{SignInError, create_first_admin, sign_in};
pub use wait::{FREE_ATTEMPTS, wait_after};

/// A staff account's sign-in name: what stands as `staffId` on every visit and in the audit
/// trail (initials or a staff number, no full name needed).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StaffId(String);

impl StaffId {
    /// 1 to 32 letters, digits, `.`, `-` or `_`: it goes into files and export lines as it is.
    pub fn parse(text: &str) -> Result<StaffId, String> {
        let name = text.trim();
        if name.is_empty() {
            return Err("the staff name is empty".into());
        }
        if name.chars().count() > 32 {
            return Err(format!(
                "the staff name \"{name}\" is longer than 32 characters"
            ));
        }
        if let Some(bad) = name
            .chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_')))
        {
            return Err(format!(
                "the staff name \"{}\" holds {bad:?}: use letters, digits, '.', '-' or '_' (initials or a staff number)",
                crate::text::escape_control(name)
            ));
        }
        Ok(StaffId(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for StaffId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Someone signed in: who, and what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub id: StaffId,
    pub role: Role,
}

impl SignedIn {
    /// `Ok` when the role covers what is needed, else the refusal naming the role needed.
    pub fn may(&self, needs: Needs) -> Result<(), Refused> {
        if self.role.covers(needs.role()) {
            Ok(())
        } else {
            Err(Refused {
                needs,
                who: self.clone(),
            })
        }
    }
}

/// An action the signed-in role may not do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} needs the role {}; {} is signed in as {}. Ask a staff member with that role.",
    .needs.what(), .needs.role(), .who.id, .who.role
)]
pub struct Refused {
    pub needs: Needs,
    pub who: SignedIn,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staff_name_is_initials_or_a_number_and_nothing_that_could_break_a_file() {
        assert_eq!(StaffId::parse(" mb ").unwrap().as_str(), "mb");
        assert!(StaffId::parse("m.zenhäusern-2").is_ok());
        assert!(StaffId::parse("").unwrap_err().contains("empty"));
        assert!(StaffId::parse("a b").unwrap_err().contains("' '"));
        assert!(StaffId::parse("x\u{1b}[2J").is_err());
        assert!(StaffId::parse(&"a".repeat(33)).unwrap_err().contains("32"));
    }

    #[test]
    fn a_refusal_names_the_role_needed_and_who_is_signed_in() {
        let who = SignedIn {
            id: StaffId::parse("mb").unwrap(),
            role: Role::Reception,
        };
        let refused = who.may(Needs::Export).unwrap_err().to_string();
        assert!(refused.contains("admin"), "{refused}");
        assert!(
            refused.contains("mb is signed in as reception"),
            "{refused}"
        );
        assert!(who.may(Needs::Intake).is_ok());
    }
}
