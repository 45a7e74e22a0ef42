//! Writing a batch in its format while counting the visits (the file hashes what it receives,
//! see `pipe`). Memory stays flat whatever the batch size.

use super::csv_row;
use super::line::VisitLine;
use super::xlsx_sheet::XlsxSheet;
use crate::store::BatchLine;
use crate::store::{BatchAction, LineSchema};
use sha2::{Digest, Sha256};
use std::io::Write;

/// How a CSV batch is laid out for the spreadsheet that opens it: `;` between fields for Excel
/// set to Swiss German, a byte-order mark so it reads UTF-8 (umlauts, Arabic, Ethiopic) as such.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvStyle {
    pub semicolon: bool,
    pub bom: bool,
}

/// `jsonl` for folders, `csv` for spreadsheets (`csv-semicolon`, `csv-bom`,
/// `csv-semicolon-bom` for Excel), `xlsx` (an Excel workbook with typed cells), `json` (one
/// document) for HTTP. The name is stored with the batch, so `--redo` writes it again byte for
/// byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv(CsvStyle),
    Xlsx,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv(_) => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())?;
        if let Format::Csv(style) = self {
            if style.semicolon {
                f.write_str("-semicolon")?;
            }
            if style.bom {
                f.write_str("-bom")?;
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "jsonl" => Ok(Format::Jsonl),
            "json" => Ok(Format::Json),
            "xlsx" => Ok(Format::Xlsx),
            "csv" => Ok(Format::Csv(CsvStyle::default())),
            "csv-semicolon" => Ok(Format::Csv(CsvStyle {
                semicolon: true,
                bom: false,
            })),
            "csv-bom" => Ok(Format::Csv(CsvStyle {
                semicolon: false,
                bom: true,
            })),
            "csv-semicolon-bom" => Ok(Format::Csv(CsvStyle {
                semicolon: true,
                bom: true,
            })),
            other => Err(format!("unknown format {other}")),
        }
    }
}

/// Where the bytes go: through a buffer, so the many small writes of serialising arrive in
/// large pieces, or through the CSV writer that owns the output.
enum Sink<W: Write> {
    Plain(std::io::BufWriter<W>),
    /// `true` for a CSV laid out for a spreadsheet (`;` or a byte-order mark).
    Csv(Box<csv::Writer<W>>, bool),
    /// The rows wait in the workbook's temporary file until `finish` zips them into `W`.
    Xlsx(Box<XlsxSheet>, W),
}

const BUFFER: usize = 256 * 1024;

pub struct BatchWriter<W: Write> {
    format: Format,
    action: BatchAction,
    schema: LineSchema,
    sink: Sink<W>,
    count: u64,
}

impl<W: Write + Send> BatchWriter<W> {
    /// Starts a batch; `header` is the eCH-0058 header as JSON (only the HTTP body carries it
    /// inline, folders have it in the manifest). A workbook keeps its rows in a temporary file
    /// in `dir` until it is finished.
    pub fn new(
        format: Format,
        action: BatchAction,
        schema: LineSchema,
        header: &str,
        dir: &std::path::Path,
        out: W,
    ) -> anyhow::Result<Self> {
        let mut out = out;
        let sink = match format {
            Format::Xlsx => {
                let header: super::header::Header = serde_json::from_str(header)?;
                let sheet = XlsxSheet::new(schema, &header.message_date, dir)?;
                Sink::Xlsx(Box::new(sheet), out)
            }
            Format::Csv(style) => {
                if style.bom {
                    out.write_all("\u{feff}".as_bytes())?;
                }
                let mut csv = csv::WriterBuilder::new()
                    .delimiter(if style.semicolon { b';' } else { b',' })
                    .from_writer(out);
                csv.write_record(csv_row::columns(schema))?;
                Sink::Csv(Box::new(csv), style.semicolon || style.bom)
            }
            Format::Json => {
                write!(out, "{{\"header\":{header},\"visits\":[")?;
                Sink::Plain(std::io::BufWriter::with_capacity(BUFFER, out))
            }
            Format::Jsonl => Sink::Plain(std::io::BufWriter::with_capacity(BUFFER, out)),
        };
        Ok(BatchWriter {
            format,
            action,
            schema,
            sink,
            count: 0,
        })
    }

    pub fn write(&mut self, line: &BatchLine) -> anyhow::Result<()> {
        let visit = VisitLine::new(line, self.action, self.schema);
        match &mut self.sink {
            Sink::Csv(csv, spreadsheet) => {
                csv.write_record(csv_row::values(&visit, *spreadsheet))?
            }
            Sink::Xlsx(sheet, _) => sheet.write(&visit)?,
            Sink::Plain(out) => {
                if self.format == Format::Json && self.count > 0 {
                    out.write_all(b",")?;
                }
                serde_json::to_writer(&mut *out, &visit)?;
                if self.format == Format::Jsonl {
                    out.write_all(b"\n")?;
                }
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Ends the batch: the number of visits written.
    pub fn finish(self) -> anyhow::Result<u64> {
        let mut out = match self.sink {
            Sink::Csv(csv, _) => csv
                .into_inner()
                .map_err(|e| anyhow::anyhow!("{}", e.error()))?,
            Sink::Xlsx(sheet, mut out) => {
                sheet.finish(&mut out)?;
                out
            }
            Sink::Plain(mut buffered) => {
                if self.format == Format::Json {
                    write!(buffered, "],\"count\":{}}}", self.count)?;
                }
                buffered.into_inner().map_err(|e| e.into_error())?
            }
        };
        out.flush()?;
        Ok(self.count)
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a file, read in pieces.
pub fn file_sha256(path: &std::path::Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}
