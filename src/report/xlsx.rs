//! A report as an Excel workbook: a summary sheet, then one sheet per section, each named in
//! the chosen language, with the id beside the name (hours stay `08`: ids are text), counts as
//! numbers, the period's days as dates, a frozen header row and columns wide enough to read.

use super::Figures;
use super::format::{Names, WEEKDAYS};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

fn error(e: XlsxError) -> anyhow::Error {
    anyhow::anyhow!("cannot write the workbook: {e}")
}

/// One row of a section sheet: the id, its name, and the numbers.
struct Row {
    id: String,
    name: String,
    numbers: Vec<Option<u64>>,
}

struct Styles {
    header: Format,
    date: Format,
}

/// The workbook's bytes. `made_at` (RFC 3339) dates the document.
pub fn workbook(f: &Figures, names: &Names<'_>, made_at: &str) -> anyhow::Result<Vec<u8>> {
    let mut workbook = crate::xlsx::workbook(made_at);
    let styles = Styles {
        header: crate::xlsx::header_format(),
        date: crate::xlsx::date_format(),
    };
    let t = |key: &str| names.t(key);
    let mut used = Vec::new();
    summary(&mut workbook, f, names, &styles, &mut used)?;
    let counted = |list: &[super::Count], name: &dyn Fn(&str) -> String| -> Vec<Row> {
        list.iter()
            .map(|c| Row {
                id: c.id.clone(),
                name: name(&c.id),
                numbers: vec![Some(c.count)],
            })
            .collect()
    };
    let count_header = [t("report.column_count")];
    let sections: Vec<(String, Vec<Row>)> = vec![
        (
            t("report.by_kind"),
            counted(&f.by_kind, &|id| names.kind(id)),
        ),
        (
            t("report.by_topic"),
            counted(&f.by_topic, &|id| names.topic(id)),
        ),
        (
            t("report.by_referral_category"),
            counted(&f.by_referral_category, &|id| names.category(id)),
        ),
        (
            t("report.by_service"),
            counted(&f.by_service, &|id| names.service(id)),
        ),
        (
            t("report.by_competence"),
            counted(&f.by_competence, &|id| names.body(id)),
        ),
        (
            t("report.by_language"),
            counted(&f.by_language, &|id| names.language(id)),
        ),
        (
            t("report.by_weekday"),
            WEEKDAYS
                .iter()
                .zip(f.by_weekday)
                .map(|(day, count)| Row {
                    id: day.to_string(),
                    name: names.item("weekday", day),
                    numbers: vec![Some(count)],
                })
                .collect(),
        ),
        (
            t("report.by_hour"),
            f.by_hour
                .iter()
                .enumerate()
                .map(|(hour, count)| {
                    let id = format!("{hour:02}");
                    Row {
                        name: names.item("hour", &id),
                        id,
                        numbers: vec![Some(*count)],
                    }
                })
                .collect(),
        ),
    ];
    for (title, rows) in &sections {
        section(
            &mut workbook,
            title,
            &count_header,
            rows,
            &styles,
            &mut used,
            names,
        )?;
    }
    let interpreting: Vec<Row> = f
        .interpreting
        .iter()
        .map(|i| {
            let id = format!("{}:{}", i.language, i.mode);
            Row {
                name: names.item("interpreter_minutes", &id),
                id,
                numbers: vec![Some(i.minutes), Some(i.uses)],
            }
        })
        .collect();
    section(
        &mut workbook,
        &t("report.interpreting"),
        &[t("report.column_minutes"), t("report.column_uses")],
        &interpreting,
        &styles,
        &mut used,
        names,
    )?;
    workbook.save_to_buffer().map_err(error)
}

/// A sheet name not used yet in this workbook.
fn unique_name(title: &str, used: &mut Vec<String>) -> String {
    let base = crate::xlsx::sheet_name(title);
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" {n}");
        let room = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(room).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

fn headed<'a>(
    workbook: &'a mut Workbook,
    title: &str,
    header: &[String],
    widths: &[f64],
    styles: &Styles,
    used: &mut Vec<String>,
) -> anyhow::Result<&'a mut Worksheet> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(unique_name(title, used)).map_err(error)?;
    for (col, (label, width)) in header.iter().zip(widths).enumerate() {
        sheet
            .write_string_with_format(0, col as u16, label, &styles.header)
            .map_err(error)?;
        sheet.set_column_width(col as u16, *width).map_err(error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(error)?;
    crate::xlsx::print_setup(sheet, false)?;
    Ok(sheet)
}

fn section(
    workbook: &mut Workbook,
    title: &str,
    number_headers: &[String],
    rows: &[Row],
    styles: &Styles,
    used: &mut Vec<String>,
    names: &Names<'_>,
) -> anyhow::Result<()> {
    let mut header = vec![names.t("report.column_id"), names.t("report.column_item")];
    header.extend(number_headers.iter().cloned());
    let id_width = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(0);
    let name_width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let fits = |content: usize, header: &str| (content.max(header.chars().count()) + 3) as f64;
    let mut widths = vec![
        fits(id_width.max(8), &header[0]),
        fits(name_width.clamp(12, 70), &header[1]),
    ];
    widths.extend(
        number_headers
            .iter()
            .map(|h| (h.chars().count().max(8) + 2) as f64),
    );
    let sheet = headed(workbook, title, &header, &widths, styles, used)?;
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &row.id).map_err(error)?;
        sheet.write_string(r, 1, &row.name).map_err(error)?;
        for (col, number) in row.numbers.iter().enumerate() {
            if let Some(n) = number {
                sheet
                    .write_number(r, col as u16 + 2, *n as f64)
                    .map_err(error)?;
            }
        }
    }
    if !rows.is_empty() {
        let last_col = header.len() as u16 - 1;
        sheet
            .autofilter(0, 0, rows.len() as u32, last_col)
            .map_err(error)?;
    }
    Ok(())
}

/// The period and the single figures, one per row: id, name, value.
fn summary(
    workbook: &mut Workbook,
    f: &Figures,
    names: &Names<'_>,
    styles: &Styles,
    used: &mut Vec<String>,
) -> anyhow::Result<()> {
    let t = |key: &str| names.t(key);
    let header = [
        t("report.column_id"),
        t("report.column_item"),
        t("report.column_value"),
    ];
    let sheet = headed(
        workbook,
        &t("report.summary"),
        &header,
        &[
            (header[0].chars().count().max(22) + 3) as f64,
            44.0,
            (header[2].chars().count().max(11) + 3) as f64,
        ],
        styles,
        used,
    )?;
    let days = [
        ("period_from", f.period.from),
        ("period_to", f.period.to),
        ("made_on", f.made_on),
    ];
    let mut row = 1;
    for (id, day) in days {
        sheet.write_string(row, 0, id).map_err(error)?;
        sheet
            .write_string(row, 1, t(&format!("report.{id}")))
            .map_err(error)?;
        sheet
            .write_datetime_with_format(row, 2, day, &styles.date)
            .map_err(error)?;
        row += 1;
    }
    let figures: [(&str, Option<u64>); 8] = [
        ("visits", Some(f.visits)),
        ("unmet_needs", Some(f.unmet_needs)),
        ("left_unseen", Some(f.left_unseen)),
        ("financial_overdue", Some(f.financial_overdue)),
        ("interpreter_minutes", Some(f.interpreter_minutes)),
        (
            "waiting_median_seconds",
            f.waiting_median_seconds.map(u64::from),
        ),
        ("waiting_p90_seconds", f.waiting_p90_seconds.map(u64::from)),
        ("waited_visits", Some(f.waited_visits)),
    ];
    for (id, value) in figures {
        sheet.write_string(row, 0, id).map_err(error)?;
        sheet
            .write_string(row, 1, t(&format!("report.{id}")))
            .map_err(error)?;
        if let Some(value) = value {
            sheet.write_number(row, 2, value as f64).map_err(error)?;
        }
        row += 1;
    }
    Ok(())
}
