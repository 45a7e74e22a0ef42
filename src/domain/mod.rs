//! Pure domain types and rules. Nothing in here does I/O, so every rule is testable in isolation.

pub mod ahv;
pub mod birth_date;
pub mod competence;
pub mod language;
pub mod nationality;
pub mod period;
pub mod person;
pub mod residence;
pub mod visit;

pub use ahv::{AhvError, Ahvn13};
pub use birth_date::{BirthDateError, PartialDate};
pub use language::LanguageCode;
pub use nationality::Nationality;
pub use person::{Person, PersonError, Sex};
pub use residence::ResidenceStatus;
pub use visit::{
    DocumentStatus, FinancialRequest, InterpreterMode, InterpreterUse, Referral, ReferralStatus,
    SlipWritten, TopicGiven, Urgency, Visit, VisitKind,
};
