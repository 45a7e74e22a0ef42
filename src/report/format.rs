//! A report as text (in the interface language, names instead of ids), as CSV (one figure per
//! row: `section`, `item_id`, `item` (its name in the chosen language), `value`; UTF-8,
//! optionally with a byte-order mark and `;` for Swiss Excel) and as JSON (the [`Figures`]
//! structure).

use super::{Figures, KINDS};
use crate::catalog::Catalog;
use std::fmt::Write;

pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The CSV rows: (section, item, value), in the documented order.
pub fn rows(f: &Figures) -> Vec<(String, String, String)> {
    let mut rows = Vec::new();
    let mut push = |section: &str, item: &str, value: String| {
        rows.push((section.to_string(), item.to_string(), value));
    };
    push("period", "from", f.period.from.to_string());
    push("period", "to", f.period.to.to_string());
    push("period", "made_on", f.made_on.to_string());
    push("visits", "total", f.visits.to_string());
    for c in &f.by_kind {
        push("kind", &c.id, c.count.to_string());
    }
    for (section, list) in [
        ("topic", &f.by_topic),
        ("referral_category", &f.by_referral_category),
        ("service", &f.by_service),
    ] {
        for c in list {
            push(section, &c.id, c.count.to_string());
        }
    }
    push("unmet_needs", "total", f.unmet_needs.to_string());
    for (section, list) in [
        ("competence", &f.by_competence),
        ("language", &f.by_language),
    ] {
        for c in list {
            push(section, &c.id, c.count.to_string());
        }
    }
    for i in &f.interpreting {
        let item = format!("{}:{}", i.language, i.mode);
        push("interpreter_minutes", &item, i.minutes.to_string());
        push("interpreter_uses", &item, i.uses.to_string());
    }
    push(
        "interpreter_minutes",
        "total",
        f.interpreter_minutes.to_string(),
    );
    let seconds = |s: Option<u32>| s.map(|s| s.to_string()).unwrap_or_default();
    push(
        "waiting_seconds",
        "median",
        seconds(f.waiting_median_seconds),
    );
    push("waiting_seconds", "p90", seconds(f.waiting_p90_seconds));
    push("waiting_seconds", "visits", f.waited_visits.to_string());
    push("left_unseen", "total", f.left_unseen.to_string());
    for (day, count) in WEEKDAYS.iter().zip(f.by_weekday) {
        push("weekday", day, count.to_string());
    }
    for (hour, count) in f.by_hour.iter().enumerate() {
        push("hour", &format!("{hour:02}"), count.to_string());
    }
    push(
        "financial_overdue",
        "total",
        f.financial_overdue.to_string(),
    );
    rows
}

pub fn csv(f: &Figures, names: &Names<'_>, separator: u8, bom: bool) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(out);
    writer.write_record(["section", "item_id", "item", "value"])?;
    for (section, item, value) in rows(f) {
        let name = names.item(&section, &item);
        // Ids come from data files and visits: never a formula in a spreadsheet.
        writer.write_record(
            [section, item, name, value]
                .map(|cell| crate::text::neutralise_formula(&cell).into_owned()),
        )?;
    }
    writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("{}", e.error()))
}

pub fn json(f: &Figures) -> String {
    serde_json::to_string_pretty(f).expect("plain data serialises")
}

/// Names for ids, in the interface language.
pub struct Names<'a> {
    pub catalog: &'a Catalog,
    pub lang: &'a str,
}

impl Names<'_> {
    pub fn t(&self, key: &str) -> String {
        self.catalog.i18n.text(self.lang, key).to_string()
    }

    pub fn kind(&self, id: &str) -> String {
        self.t(&format!("report.kind_{}", id.replace('-', "_")))
    }

    pub fn topic(&self, id: &str) -> String {
        self.catalog
            .topics
            .get(id, self.lang)
            .map_or(id.to_string(), |(t, _)| t.title.clone())
    }

    pub fn service(&self, id: &str) -> String {
        self.catalog
            .service(id)
            .map_or(id.to_string(), |s| s.name(self.lang).to_string())
    }

    pub fn category(&self, id: &str) -> String {
        let label = self.t(&format!("category.{id}"));
        if label.starts_with("category.") {
            id.to_string()
        } else {
            label
        }
    }

    pub fn body(&self, id: &str) -> String {
        if id == "not-checked" {
            return self.t("intake.not_checked");
        }
        self.catalog
            .rules
            .iter()
            .find_map(|pack| pack.body(id))
            .map_or(id.to_string(), |b| b.name.get(self.lang).to_string())
    }

    pub fn language(&self, code: &str) -> String {
        code.parse::<crate::domain::LanguageCode>().map_or_else(
            |_| code.to_string(),
            |c| crate::domain::language::name_of(&self.catalog.i18n, self.lang, c),
        )
    }

    /// A CSV row's item in words: the name of what its section counts ("08" → "08:00–08:59").
    pub fn item(&self, section: &str, item: &str) -> String {
        match (section, item) {
            ("period", "from") => self.t("report.period_from"),
            ("period", "to") => self.t("report.period_to"),
            ("period", "made_on") => self.t("report.made_on"),
            (_, "total") => self.t("report.total"),
            (_, "median") => self.t("report.median"),
            (_, "p90") => self.t("report.p90"),
            ("waiting_seconds", "visits") => self.t("report.visits"),
            ("kind", id) => self.kind(id),
            ("topic", id) => self.topic(id),
            ("referral_category", id) => self.category(id),
            ("service", id) => self.service(id),
            ("competence", id) => self.body(id),
            ("language", id) => self.language(id),
            ("interpreter_minutes" | "interpreter_uses", pair) => match pair.split_once(':') {
                Some((language, mode)) => format!(
                    "{} · {}",
                    self.language(language),
                    self.t(&format!("info.mode_{}", mode.replace('-', "_")))
                ),
                None => pair.to_string(),
            },
            ("weekday", day) => self.t(&format!("report.{day}")),
            ("hour", hour) => format!("{hour}:00–{hour}:59"),
            (_, other) => other.to_string(),
        }
    }
}

fn minutes(seconds: Option<u32>) -> String {
    seconds.map_or("–".into(), |s| format!("{}:{:02}", s / 60, s % 60))
}

pub fn text(f: &Figures, names: &Names<'_>) -> String {
    let mut out = String::new();
    let t = |key: &str| names.t(key);
    let _ = writeln!(out, "{} {}", t("report.title"), f.period.label());
    let _ = writeln!(out, "{}: {}", t("report.visits"), f.visits);
    let mut section = |title: &str, lines: Vec<(String, String)>| {
        let _ = writeln!(out, "\n{title}");
        if lines.is_empty() {
            let _ = writeln!(out, "  –");
        }
        for (label, value) in lines {
            let _ = writeln!(out, "  {label}: {value}");
        }
    };
    let list = |items: &[super::Count], name: &dyn Fn(&str) -> String| {
        items
            .iter()
            .map(|c| (name(&c.id), c.count.to_string()))
            .collect::<Vec<_>>()
    };
    section(
        &t("report.by_kind"),
        KINDS
            .iter()
            .zip(&f.by_kind)
            .map(|(id, c)| (names.kind(id), c.count.to_string()))
            .collect(),
    );
    section(
        &t("report.by_topic"),
        list(&f.by_topic, &|id| names.topic(id)),
    );
    section(
        &t("report.by_referral_category"),
        list(&f.by_referral_category, &|id| names.category(id)),
    );
    section(
        &t("report.by_service"),
        list(&f.by_service, &|id| names.service(id)),
    );
    section(
        &t("report.by_competence"),
        list(&f.by_competence, &|id| names.body(id)),
    );
    section(
        &t("report.by_language"),
        list(&f.by_language, &|id| names.language(id)),
    );
    section(
        &t("report.interpreting"),
        f.interpreting
            .iter()
            .map(|i| {
                (
                    format!(
                        "{} · {}",
                        names.language(&i.language),
                        t(&format!("info.mode_{}", i.mode.replace('-', "_")))
                    ),
                    format!("{} min ({}×)", i.minutes, i.uses),
                )
            })
            .chain([(t("report.total"), format!("{} min", f.interpreter_minutes))])
            .collect(),
    );
    section(
        &t("report.waiting"),
        vec![
            (t("report.median"), minutes(f.waiting_median_seconds)),
            (t("report.p90"), minutes(f.waiting_p90_seconds)),
            (t("report.left_unseen"), f.left_unseen.to_string()),
        ],
    );
    section(
        &t("report.other"),
        vec![
            (t("report.unmet_needs"), f.unmet_needs.to_string()),
            (
                t("report.financial_overdue"),
                f.financial_overdue.to_string(),
            ),
        ],
    );
    section(
        &t("report.by_weekday"),
        WEEKDAYS
            .iter()
            .zip(f.by_weekday)
            .map(|(d, c)| (t(&format!("report.{d}")), c.to_string()))
            .collect(),
    );
    section(
        &t("report.by_hour"),
        f.by_hour
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(h, c)| (format!("{h:02}:00"), c.to_string()))
            .collect(),
    );
    out
}
