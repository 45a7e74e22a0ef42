//! Text made safe for where it goes: terminals (control characters escaped) and spreadsheets
//! (cells that would run as formulas neutralised). A leaf module: anything may use it.

mod escape;
mod spreadsheet;

pub use escape::{EscapingWriter, escape_control, forbidden_in_input, is_unsafe_char};
pub use spreadsheet::neutralise_formula;
