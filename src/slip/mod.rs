//! Referral slips: what the visitor takes along. Plain text for a quick print, and one HTML page
//! with inline CSS for a proper printout. Each slip is written in the staff language and, where the
//! service's texts exist in it, repeated in the visitor's language. Missing facts say so.

mod file;

pub use file::{print, save};

use crate::catalog::{I18n, Service};
use chrono::NaiveDate;

/// Whom a slip is for and why: the name (or the ticket of the check-in) and the reason given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlipFor {
    pub who: Option<String>,
    pub reason: Option<String>,
}

/// One language's block of a slip.
struct Block {
    lang: String,
    title: String,
    name: String,
    description: Option<String>,
    rows: Vec<(String, String)>,
    footer: String,
}

/// The languages a slip is written in: the staff's, then the visitor's if it differs.
fn languages(staff: &str, visitor: Option<&str>) -> Vec<String> {
    let mut langs = vec![staff.to_string()];
    if let Some(v) = visitor.filter(|v| *v != staff) {
        langs.push(v.to_string());
    }
    langs
}

fn block(
    service: &Service,
    i18n: &I18n,
    lang: &str,
    recipient: &SlipFor,
    today: NaiveDate,
) -> Block {
    let t = |key: &str| i18n.text(lang, key).to_string();
    let known = |value: &Option<String>| value.clone().unwrap_or_else(|| t("slip.not_known"));
    let mut rows = Vec::new();
    // Whom it is for and why stand first: what the service reads when the visitor arrives.
    if let Some(who) = &recipient.who {
        rows.push((t("slip.for"), who.clone()));
    }
    if let Some(reason) = &recipient.reason {
        rows.push((t("slip.reason"), reason.clone()));
    }
    rows.extend([
        (t("slip.phone"), known(&service.phone)),
        (t("slip.address"), known(&service.address)),
        (t("slip.hours"), known(&service.hours)),
    ]);
    if let Some(email) = &service.email {
        rows.push((t("slip.email"), email.clone()));
    }
    if let Some(web) = &service.web {
        rows.push((t("slip.web"), web.clone()));
    }
    rows.push((
        t("slip.bring"),
        service
            .bring(lang)
            .map_or_else(|| t("slip.bring_unknown"), str::to_string),
    ));
    Block {
        lang: lang.to_string(),
        title: t("slip.title"),
        name: service.name(lang).to_string(),
        description: service.description(lang).map(|(text, _)| text.to_string()),
        rows,
        footer: i18n.format(
            lang,
            "slip.footer",
            &[
                ("date", &today.format("%d.%m.%Y").to_string()),
                ("checked", &service.last_checked),
            ],
        ),
    }
}

pub fn text(
    service: &Service,
    i18n: &I18n,
    staff: &str,
    visitor: Option<&str>,
    recipient: &SlipFor,
    today: NaiveDate,
) -> String {
    let mut out = String::new();
    for (n, lang) in languages(staff, visitor).iter().enumerate() {
        let b = block(service, i18n, lang, recipient, today);
        if n > 0 {
            out.push_str("\n----------------------------------------\n\n");
        }
        out.push_str(&format!("{}\n\n{}\n", b.title.to_uppercase(), b.name));
        if let Some(d) = &b.description {
            out.push_str(&format!("{d}\n"));
        }
        out.push('\n');
        let width = b
            .rows
            .iter()
            .map(|(l, _)| l.chars().count())
            .max()
            .unwrap_or(0);
        for (label, value) in &b.rows {
            out.push_str(&format!("{label:<width$}  {value}\n"));
        }
        out.push_str(&format!("\n{}\n", b.footer));
    }
    out
}

pub fn html(
    service: &Service,
    i18n: &I18n,
    staff: &str,
    visitor: Option<&str>,
    recipient: &SlipFor,
    today: NaiveDate,
) -> String {
    use html_escape::encode_text as e;
    let mut body = String::new();
    for lang in languages(staff, visitor) {
        let b = block(service, i18n, &lang, recipient, today);
        body.push_str(&format!(
            "<section lang=\"{}\">\n<h1>{}</h1>\n<h2>{}</h2>\n",
            e(&b.lang),
            e(&b.title),
            e(&b.name)
        ));
        if let Some(d) = &b.description {
            body.push_str(&format!("<p>{}</p>\n", e(d)));
        }
        body.push_str("<table>\n");
        for (label, value) in &b.rows {
            body.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                e(label),
                e(value)
            ));
        }
        body.push_str(&format!(
            "</table>\n<footer>{}</footer>\n</section>\n",
            e(&b.footer)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        lang = e(staff),
        title = e(service.name(staff)),
    )
}

const STYLE: &str = "body { font-family: sans-serif; max-width: 42em; margin: 2em auto; color: #000; }
section { page-break-inside: avoid; border-top: 2px solid #000; padding-top: 1em; margin-bottom: 2em; }
h1 { font-size: 1em; text-transform: uppercase; letter-spacing: 0.1em; margin: 0; }
h2 { font-size: 1.6em; margin: 0.3em 0; }
th { text-align: left; vertical-align: top; padding: 0.3em 1em 0.3em 0; white-space: nowrap; }
td { padding: 0.3em 0; font-size: 1.15em; }
footer { margin-top: 1em; font-size: 0.8em; color: #444; }
@media print { body { margin: 0; } }
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn today() -> NaiveDate {
        "2026-11-25".parse().unwrap()
    }

    #[test]
    fn a_slip_carries_the_phone_and_says_what_is_not_known() {
        let catalog = Catalog::embedded();
        let lavi = catalog.service("lavi").unwrap();
        let slip = text(
            lavi,
            &catalog.i18n,
            "de",
            Some("fr"),
            &SlipFor::default(),
            today(),
        );
        assert!(slip.contains("027 607 31 00"));
        assert!(slip.contains("Opferhilfe-Beratungsstellen (OHG)"));
        assert!(
            slip.contains("Centres de consultation LAVI"),
            "the visitor's language follows"
        );
        let caritas = catalog.service("caritas-vs").unwrap();
        let slip = text(
            caritas,
            &catalog.i18n,
            "fr",
            None,
            &SlipFor::default(),
            today(),
        );
        assert!(
            slip.contains("Téléphone") && slip.contains("non connu"),
            "{slip}"
        );
    }

    #[test]
    fn the_html_slip_is_one_page_with_escaped_text() {
        let catalog = Catalog::embedded();
        let service = catalog.service("fava").unwrap();
        let page = html(
            service,
            &catalog.i18n,
            "fr",
            None,
            &SlipFor::default(),
            today(),
        );
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<style>"));
        assert!(!page.contains("<link"), "no external files");
        assert!(page.contains("l&#x27;EssentiElles") || page.contains("l'EssentiElles"));
    }
}
