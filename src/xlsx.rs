//! What the Excel workbooks of the export and the report share: the cell styles, sheet names
//! Excel accepts, fixed document properties (so the same batch gives the same bytes), and the
//! Swiss date formats the cells show.

use chrono::DateTime;
use rust_xlsxwriter::{DocProperties, Format, FormatBorder, Workbook};

pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
}

/// Swiss order, as on everything printed for a person.
pub fn date_format() -> Format {
    Format::new().set_num_format("dd.mm.yyyy")
}

pub fn datetime_format() -> Format {
    Format::new().set_num_format("dd.mm.yyyy hh:mm:ss")
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or
/// ending with an apostrophe.
pub fn sheet_name(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let trimmed = cleaned.trim_matches('\'').trim();
    let name: String = trimmed.chars().take(31).collect();
    if name.is_empty() {
        "-".to_string()
    } else {
        name
    }
}

/// Printing: A4, as wide as the page (landscape for the export's many columns), the header
/// row on every page.
pub fn print_setup(sheet: &mut rust_xlsxwriter::Worksheet, landscape: bool) -> anyhow::Result<()> {
    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet
        .set_repeat_rows(0, 0)
        .map_err(|e| anyhow::anyhow!("cannot set up the page: {e}"))?;
    Ok(())
}

/// A workbook whose properties depend only on `made_at` (RFC 3339), not on the clock.
pub fn workbook(made_at: &str) -> Workbook {
    let mut workbook = Workbook::new();
    let created = DateTime::parse_from_rfc3339(made_at)
        .map(|at| at.to_utc())
        .unwrap_or_default();
    workbook.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("intake-desk"),
    );
    workbook
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_keep_to_what_excel_allows() {
        assert_eq!(sheet_name("Nach Thema"), "Nach Thema");
        assert_eq!(sheet_name("a/b:c"), "a-b-c");
        assert_eq!(sheet_name("'x'"), "x");
        assert_eq!(sheet_name(&"é".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_name(""), "-");
    }
}
