//! Roles and what each may do. Each role can do all the roles before it can.

use strum::{EnumIter, IntoEnumIterator};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter)]
pub enum Role {
    /// Intake, information, referral, the queue, the desk's history.
    Reception,
    /// Also the urgent handovers and the dossiers of persons.
    SocialWorker,
    /// Also exports, purges, merges persons, manages staff and settings.
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Reception => "reception",
            Role::SocialWorker => "social-worker",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<Role, String> {
        Role::iter()
            .find(|r| r.code() == text.trim())
            .ok_or_else(|| {
                format!(
                    "unknown role \"{}\": use {}",
                    crate::text::escape_control(text),
                    Role::iter().map(Role::code).collect::<Vec<_>>().join(", ")
                )
            })
    }

    /// Whether this role may do what `needed` may.
    pub fn covers(self, needed: Role) -> bool {
        self >= needed
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// What a refusal is about: each names its least role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Intake, queue, information, referral, notes and corrections of visits, the history.
    Intake,
    /// A person's dossier across visits, the urgent handovers, the worklist of changes.
    Dossiers,
    /// Sending visits to the case system.
    Export,
    /// Removing personal data (retention, a person's erasure).
    Purge,
    /// Joining or splitting persons.
    Merge,
    /// Adding, disabling staff, changing another's PIN.
    ManageStaff,
    /// Desk settings, demo data, copies of the whole database, the audit trail.
    Administer,
}

impl Needs {
    pub fn role(self) -> Role {
        match self {
            Needs::Intake => Role::Reception,
            Needs::Dossiers => Role::SocialWorker,
            Needs::Export
            | Needs::Purge
            | Needs::Merge
            | Needs::ManageStaff
            | Needs::Administer => Role::Admin,
        }
    }

    /// What reading a visit of this kind needs: an urgent handover is for the social workers
    /// (a kind the store does not know is treated as one, so nothing is shown by mistake).
    pub fn to_read_visit(kind: &str) -> Needs {
        match kind.parse::<crate::domain::VisitKind>() {
            Ok(crate::domain::VisitKind::UrgentHandover) | Err(_) => Needs::Dossiers,
            Ok(_) => Needs::Intake,
        }
    }

    /// The action, for a refusal ("Exporting needs the role admin").
    pub fn what(self) -> &'static str {
        match self {
            Needs::Intake => "Intake and the history",
            Needs::Dossiers => "Dossiers and urgent handovers",
            Needs::Export => "Exporting",
            Needs::Purge => "Purging personal data",
            Needs::Merge => "Merging or splitting persons",
            Needs::ManageStaff => "Managing staff",
            Needs::Administer => {
                "Administration (settings, demo data, database copies, the audit trail)"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_can_do_what_the_roles_before_it_can() {
        assert!(Role::Admin.covers(Role::Reception));
        assert!(Role::SocialWorker.covers(Role::Reception));
        assert!(!Role::SocialWorker.covers(Role::Admin));
        assert!(!Role::Reception.covers(Needs::Dossiers.role()));
        for role in Role::iter() {
            assert_eq!(Role::parse(role.code()), Ok(role));
        }
        assert_eq!(Needs::to_read_visit("urgent-handover"), Needs::Dossiers);
        assert_eq!(Needs::to_read_visit("financial-request"), Needs::Intake);
        assert_eq!(Needs::to_read_visit("a kind from later"), Needs::Dossiers);
        assert!(
            Role::parse("boss")
                .unwrap_err()
                .contains("reception, social-worker, admin")
        );
    }
}
