//! Text: folded and ranked for matching, and made safe for where it goes: terminals (control
//! characters escaped) and spreadsheets (cells that would run as formulas neutralised). A leaf
//! module: anything may use it, it uses nothing of the application.

mod escape;
mod fold;
mod rank;
mod spreadsheet;

pub use escape::{EscapingWriter, escape_control, forbidden_in_input, is_unsafe_char};
pub use fold::{fold, has_other_script, latin_key};
pub use rank::rank;
pub use spreadsheet::neutralise_formula;
