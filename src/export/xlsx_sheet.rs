//! A batch as an Excel workbook: one sheet `visits` (more, `visits-2` …, past Excel's row
//! limit) with the CSV's columns in a frozen header row, and each cell typed so a spreadsheet
//! keeps it: AHV numbers, permit codes, BFS numbers and phones as text with their exact digits,
//! dates and times as dates (Swiss local time), counts as numbers, flags as booleans.
//! Rows are streamed through a temporary file in the export folder (constant memory), and the
//! workbook's properties come from the batch, so `--redo` writes the same bytes.

use super::csv_row;
use super::line::VisitLine;
use crate::store::LineSchema;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::path::Path;

/// Excel's last row is 1,048,576: the header and this many visits fit a sheet.
const VISITS_PER_SHEET: u32 = 1_048_575;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Boolean,
    Date,
    DateTime,
}

/// How a column's cells are typed; anything not named is text.
fn kind(column: &str) -> Kind {
    match column {
        "action" | "revision" | "interpreterMinutes" | "waitingSeconds" => Kind::Number,
        "refugee" | "interpreterNeeded" => Kind::Boolean,
        "startedAt" | "endedAt" => Kind::DateTime,
        "dateOfBirth"
        | "financialReceivedOn"
        | "financialDecideBy"
        | "competenceAsylumDate"
        | "competenceEntryDate"
        | "competenceSince" => Kind::Date,
        _ => Kind::Text,
    }
}

/// Wide enough for the header and for what the column usually holds (a long list or note
/// still runs on; the cell keeps it whole).
fn width(column: &str) -> f64 {
    let content: f64 = match (kind(column), column) {
        (_, "note" | "topics" | "referrals" | "informationLanguages" | "referralSlips") => 60.0,
        (_, "financialMissingDocuments") => 50.0,
        (_, "visitId" | "localPersonId" | "originalId" | "originalBatchId") => 38.0,
        (_, "competenceRule" | "competencePrimary" | "competenceNextChange") => 32.0,
        (_, "schema" | "kind" | "officialName" | "firstName" | "residenceStatus") => 20.0,
        (Kind::DateTime, _) => 19.0,
        (Kind::Date, _) => 12.0,
        (_, "vn") => 15.0,
        _ => 12.0,
    };
    // Bold headers take a little more room than their letters.
    content.max(column.chars().count() as f64 * 1.1 + 2.0)
}

pub struct XlsxSheet {
    workbook: Workbook,
    columns: Vec<&'static str>,
    kinds: Vec<Kind>,
    date: Format,
    datetime: Format,
    header: Format,
    sheets: usize,
    /// The next row of the current sheet.
    row: u32,
}

fn error(e: XlsxError) -> anyhow::Error {
    anyhow::anyhow!("cannot write the workbook: {e}")
}

impl XlsxSheet {
    /// `made_at` is the batch's time (its properties); `tempdir` holds the rows until the end
    /// (the export folder, private like the batch).
    pub fn new(schema: LineSchema, made_at: &str, tempdir: &Path) -> anyhow::Result<XlsxSheet> {
        let mut workbook = crate::xlsx::workbook(made_at);
        workbook.set_tempdir(tempdir).map_err(error)?;
        let columns = csv_row::columns(schema);
        let mut sheet = XlsxSheet {
            workbook,
            kinds: columns.iter().map(|c| kind(c)).collect(),
            columns,
            date: crate::xlsx::date_format(),
            datetime: crate::xlsx::datetime_format(),
            header: crate::xlsx::header_format(),
            sheets: 0,
            row: 0,
        };
        sheet.add_sheet()?;
        Ok(sheet)
    }

    fn add_sheet(&mut self) -> anyhow::Result<()> {
        self.sheets += 1;
        let name = match self.sheets {
            1 => "visits".to_string(),
            n => format!("visits-{n}"),
        };
        let sheet = self
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(error)?;
        sheet.set_name(name).map_err(error)?;
        for (col, column) in self.columns.iter().enumerate() {
            sheet
                .set_column_width(col as u16, width(column))
                .map_err(error)?;
            sheet
                .write_string_with_format(0, col as u16, *column, &self.header)
                .map_err(error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(error)?;
        crate::xlsx::print_setup(sheet, true)?;
        self.row = 1;
        Ok(())
    }

    pub fn write(&mut self, visit: &VisitLine<'_>) -> anyhow::Result<()> {
        if self.row > VISITS_PER_SHEET {
            self.add_sheet()?;
        }
        let row = self.row;
        let index = self.sheets - 1;
        let sheet = self.workbook.worksheet_from_index(index).map_err(error)?;
        for (col, cell) in csv_row::cells(visit).iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let col = col as u16;
            let kind = self.kinds.get(col as usize).copied().unwrap_or(Kind::Text);
            // A value that does not read as its column's type stays as text, never lost.
            let written = match kind {
                Kind::Number => cell
                    .parse::<f64>()
                    .ok()
                    .map(|n| sheet.write_number(row, col, n).map(|_| ())),
                Kind::Boolean => cell
                    .parse::<bool>()
                    .ok()
                    .map(|b| sheet.write_boolean(row, col, b).map(|_| ())),
                Kind::Date => chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d")
                    .ok()
                    .map(|d| {
                        sheet
                            .write_datetime_with_format(row, col, d, &self.date)
                            .map(|_| ())
                    }),
                Kind::DateTime => crate::desk_time::wall_clock(cell).map(|t| {
                    sheet
                        .write_datetime_with_format(row, col, t, &self.datetime)
                        .map(|_| ())
                }),
                Kind::Text => None,
            };
            match written {
                Some(result) => result.map_err(error)?,
                None => {
                    sheet.write_string(row, col, cell).map_err(error)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    /// The finished workbook into `out`.
    pub fn finish(mut self, out: impl std::io::Write + Send) -> anyhow::Result<()> {
        let last_col = (self.columns.len() - 1) as u16;
        let last_row = self.row.saturating_sub(1);
        let index = self.sheets - 1;
        let sheet = self.workbook.worksheet_from_index(index).map_err(error)?;
        sheet.autofilter(0, 0, last_row, last_col).map_err(error)?;
        self.workbook.save_to_writer(out).map_err(error)
    }
}
