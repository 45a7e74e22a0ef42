//! Reading a CSV data file row by row while keeping where each field stands,
//! so a bad value is reported as file:line:column.

use super::error::{DataError, line_column};
use super::source::DataFile;

pub struct CsvTable<'a> {
    file: &'a DataFile,
    headers: Vec<String>,
    rows: Vec<(csv::StringRecord, usize)>,
}

/// One row of a table, with access to fields by column name.
pub struct CsvRow<'t, 'a> {
    table: &'t CsvTable<'a>,
    record: &'t csv::StringRecord,
    byte: usize,
}

impl<'a> CsvTable<'a> {
    /// Parses the file and checks that every `required` column is present.
    pub fn parse(file: &'a DataFile, required: &[&str]) -> Result<CsvTable<'a>, DataError> {
        // The csv reader takes a quote left open at the end of the file as a field running to
        // the end: a file cut short would pass. An odd count of quotes is such a file.
        if file.text.matches('"').count() % 2 == 1 {
            let last = file.text.rfind('"').unwrap_or(0);
            let (line, column) = line_column(&file.text, last);
            return Err(DataError {
                file: file.display_name.clone(),
                line,
                column,
                message: "a quoted field is not closed (the file may be cut short)".into(),
                fix: "close the quote, or restore the whole file".into(),
            });
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(file.text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(file, &e))?
            .iter()
            .map(str::to_string)
            .collect();
        if let Some(missing) = required.iter().find(|c| !headers.iter().any(|h| h == *c)) {
            return Err(DataError {
                file: file.display_name.clone(),
                line: 1,
                column: 1,
                message: format!("the header has no column `{missing}`"),
                fix: format!("the header must name the columns {}", required.join(",")),
            });
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(file, &e))?;
            let byte = record_start(&file.text, record.position().map_or(0, |p| p.byte()));
            rows.push((record, byte));
        }
        Ok(CsvTable {
            file,
            headers,
            rows,
        })
    }

    /// As [`CsvTable::parse`], for reference data that is useless empty: a file with its header
    /// and no row is refused.
    pub fn parse_rows(file: &'a DataFile, required: &[&str]) -> Result<CsvTable<'a>, DataError> {
        let table = CsvTable::parse(file, required)?;
        if table.rows.is_empty() {
            let (line, _) = line_column(&file.text, file.text.trim_end().len());
            return Err(DataError {
                file: file.display_name.clone(),
                line: line + 1,
                column: 1,
                message: "the file has its header but no rows".into(),
                fix: "add the rows, or remove the file so the shipped data is used".into(),
            });
        }
        Ok(table)
    }

    pub fn rows(&self) -> impl Iterator<Item = CsvRow<'_, 'a>> {
        self.rows.iter().map(move |(record, byte)| CsvRow {
            table: self,
            record,
            byte: *byte,
        })
    }
}

impl CsvRow<'_, '_> {
    /// Where the column stands; `None` for an optional column the file does not have.
    fn index(&self, column: &str) -> Option<usize> {
        self.table.headers.iter().position(|h| h == column)
    }

    /// The trimmed text of a column; empty when the file lacks that (optional) column.
    pub fn get(&self, column: &str) -> &str {
        self.index(column)
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
            .trim()
    }

    /// Every column of the row by name, trimmed.
    pub fn fields(&self) -> std::collections::HashMap<String, String> {
        self.table
            .headers
            .iter()
            .zip(self.record.iter())
            .map(|(h, v)| (h.clone(), v.trim().to_string()))
            .collect()
    }

    /// The column's text, or `None` when empty.
    pub fn optional(&self, column: &str) -> Option<String> {
        Some(self.get(column))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    /// An error pointing at the start of a column's field in this row.
    /// The shape most tables share: an `id` that is set and unique (`ids` collects them), and
    /// every `required` column filled. `thing` names a row ("term"), `needs` says what a row needs.
    pub fn check_id_and_required(
        &self,
        ids: &mut std::collections::HashSet<String>,
        required: &[&str],
        thing: &str,
        needs: &str,
    ) -> Vec<DataError> {
        let mut errors = Vec::new();
        let id = self.get("id");
        if id.is_empty() || !ids.insert(id.to_string()) {
            errors.push(self.error(
                "id",
                format!("{id:?} is empty or appears twice"),
                format!("give each {thing} its own id"),
            ));
        }
        for column in required {
            if self.get(column).is_empty() {
                errors.push(self.error(column, format!("the {thing} has no {column}"), needs));
            }
        }
        errors
    }

    pub fn error(
        &self,
        column: &str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> DataError {
        let text = &self.table.file.text;
        // A column the file lacks: point at the row.
        let byte = field_start(text, self.byte, self.index(column).unwrap_or(0));
        let (line, column) = line_column(text, byte);
        DataError {
            file: self.table.file.display_name.clone(),
            line,
            column,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

/// Where a record begins: the reader may place it on the `\n` of a CRLF line end before it
/// (the spec's own HSDS examples use CRLF), which would count it on the line above.
fn record_start(text: &str, byte: u64) -> usize {
    let mut byte = byte as usize;
    while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
        byte += 1;
    }
    byte
}

/// Byte offset where field `index` begins in the record starting at `record_start`.
fn field_start(text: &str, record_start: usize, index: usize) -> usize {
    let mut field = 0;
    let mut in_quotes = false;
    for (offset, c) in text[record_start..].char_indices() {
        if field == index {
            return record_start + offset;
        }
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => field += 1,
            '\n' if !in_quotes => break,
            _ => {}
        }
    }
    // The field is missing: point just past the end of the row.
    text[record_start..]
        .find('\n')
        .map_or(text.len(), |i| record_start + i)
}

fn csv_error(file: &DataFile, error: &csv::Error) -> DataError {
    let (line, column) = match error.position() {
        Some(p) => line_column(&file.text, record_start(&file.text, p.byte())),
        None => (1, 1),
    };
    let (message, fix) = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            format!("this row has {len} fields, the header has {expected_len}"),
            "quote fields that contain commas, and give every row the same columns".to_string(),
        ),
        csv::ErrorKind::Utf8 { .. } => (
            "the text is not valid UTF-8".to_string(),
            "save the file as UTF-8".to_string(),
        ),
        _ => (error.to_string(), String::new()),
    };
    DataError {
        file: file.display_name.clone(),
        line,
        column,
        message,
        fix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> DataFile {
        DataFile {
            display_name: "t.csv".into(),
            text: text.into(),
        }
    }

    #[test]
    fn errors_point_at_the_field_even_after_quoted_commas() {
        let f = file("a,b,c\n\"x, y\",2,bad\n");
        let table = CsvTable::parse(&f, &["a", "b", "c"]).unwrap();
        let row = table.rows().next().unwrap();
        let e = row.error("c", "bad", "");
        assert_eq!((e.line, e.column), (2, 10));
    }

    #[test]
    fn a_row_with_too_many_fields_names_its_line() {
        let f = file("a,b\n1,2\n3,4,5\n");
        let e = CsvTable::parse(&f, &["a", "b"]).err().unwrap();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("3 fields"), "{}", e.message);
    }

    #[test]
    fn an_optional_column_the_file_lacks_reads_as_empty() {
        let f = file("a\n1\n");
        let table = CsvTable::parse(&f, &["a"]).unwrap();
        let row = table.rows().next().unwrap();
        assert_eq!((row.get("a"), row.get("b")), ("1", ""));
        assert_eq!(row.optional("b"), None);
        assert_eq!(row.error("b", "bad", "").line, 2);
    }

    #[test]
    fn positions_are_right_in_a_file_with_crlf_line_ends() {
        let f = file("a,b,c\r\n1,2,3\r\n\"x, y\",2,bad\r\n");
        let table = CsvTable::parse(&f, &["a", "b", "c"]).unwrap();
        let row = table.rows().nth(1).unwrap();
        let e = row.error("c", "bad", "");
        assert_eq!((e.line, e.column), (3, 10));
        let e = row.error("a", "bad", "");
        assert_eq!((e.line, e.column), (3, 1));
        let short = file("a,b\r\n1,2\r\n3,4,5\r\n");
        let e = CsvTable::parse(&short, &["a", "b"]).err().unwrap();
        assert_eq!((e.line, e.column), (3, 1));
    }

    #[test]
    fn a_missing_column_is_named() {
        let f = file("a\n1\n");
        let e = CsvTable::parse(&f, &["a", "b"]).err().unwrap();
        assert!(e.message.contains("`b`"));
    }
}
