//! CSV cells a spreadsheet would run as a formula (the OWASP rule: a cell that begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) get a leading `'`, so the program shows the text.
//! Only text from people and files needs it; ids, codes, dates and numbers we write never start
//! so (a negative number is never written).

use std::borrow::Cow;

pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise_formula;

    #[test]
    fn formula_prefixes_become_text_and_other_cells_stay() {
        for cell in ["=1+1", "+41 27 607 31 00", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"));
        }
        for cell in ["Müller", "", "027 607 31 00", "a=b"] {
            assert_eq!(neutralise_formula(cell), cell);
        }
    }
}
