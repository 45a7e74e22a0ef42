//! Referral slips: what the visitor takes along. Plain text for a quick print, and one HTML page
//! with inline CSS for a proper printout. A slip is written in the staff language, then in the
//! visitor's language, or, when that is not known, in the service's own language, so that both
//! sides can read it. The directory's texts appear only in a part of their own language (a French
//! part never carries German text); missing facts say so.

mod file;
mod written_copy;

pub use file::{print, save, save_copy};
pub use written_copy::WrittenCopy;

use crate::catalog::{I18n, Region, Service, Topics};
use crate::domain::LanguageCode;
use chrono::NaiveDate;

/// Whom a slip is for, why, and when they are expected: the name (or the ticket of the
/// check-in), the reason given, the appointment if one was made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlipFor {
    pub who: Option<String>,
    pub reason: Option<String>,
    pub appointment: Option<NaiveDate>,
}

/// Everything a slip is made of.
pub struct Slip<'a> {
    pub service: &'a Service,
    pub i18n: &'a I18n,
    /// The slip's texts in the languages the interface does not speak.
    pub topics: &'a Topics,
    /// The staff (interface) language: the first part.
    pub staff: &'a str,
    /// The visitor's language, if known, and the one they read second.
    pub visitor: Option<LanguageCode>,
    pub second: Option<LanguageCode>,
    pub recipient: &'a SlipFor,
    /// The SMZ/CMS issuing the slip (the `centre` of the configuration).
    pub issuer: Option<&'a Region>,
    pub today: NaiveDate,
}

/// One language's part of a slip.
struct Block {
    lang: String,
    title: String,
    name: String,
    description: Option<String>,
    rows: Vec<(String, String)>,
    footer: String,
}

impl Slip<'_> {
    /// The languages the slip is written in: the staff's, then the visitor's if it differs and
    /// the app has a slip's texts in it (else the one they read second), else the service's own
    /// language if it differs.
    pub fn languages(&self) -> Vec<String> {
        let mut langs = vec![self.staff.to_string()];
        let second = [self.visitor, self.second]
            .into_iter()
            .flatten()
            .find_map(|code| self.slip_language(code))
            .unwrap_or_else(|| self.service.own_language().to_string());
        if second != self.staff {
            langs.push(second);
        }
        langs
    }

    /// The language a slip part for `code` is written in: the interface's where it speaks it,
    /// else that of a topics file with the slip's texts.
    fn slip_language(&self, code: LanguageCode) -> Option<String> {
        if let Some(ui) = code.topic_language().filter(|l| self.i18n.has_language(l)) {
            return Some(ui.to_string());
        }
        let file = self.topics.language_for(code.as_str())?;
        self.topics
            .slip_text(file, "title")
            .map(|_| file.to_string())
    }

    /// A text of the slip (`slip.<key>`) in `lang`: the interface's, else the topics file's.
    fn slip_text(&self, lang: &str, key: &str) -> String {
        if self.i18n.has_language(lang) {
            return self.i18n.text(lang, &format!("slip.{key}")).to_string();
        }
        self.topics.slip_text(lang, key).map_or_else(
            || self.i18n.text("de", &format!("slip.{key}")).to_string(),
            str::to_string,
        )
    }

    fn format(&self, lang: &str, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.slip_text(lang, key);
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// The mark of a text kept in another language: in words where the interface speaks `lang`,
    /// else that language's own name, which a reader of any language recognises ("(Deutsch)").
    fn kept_in_marker(&self, lang: &str, shown: &str) -> String {
        let code = crate::domain::language::iso_639_3_of(shown).unwrap_or(shown);
        if self.i18n.has_language(lang) {
            let key = format!("language.{code}");
            return self.i18n.format(
                lang,
                "directory.fallback",
                &[("lang", self.i18n.text(lang, &key))],
            );
        }
        let own = code
            .parse::<LanguageCode>()
            .ok()
            .and_then(crate::domain::language::autonym_of)
            .unwrap_or(shown);
        format!("({own})")
    }

    /// The phone line in `lang`, like [`Service::phone_line`], in any language of a slip.
    fn phone_line(&self, lang: &str) -> String {
        let service = self.service;
        if self.i18n.has_language(lang) {
            return service.phone_line(lang, self.i18n);
        }
        match (&service.phone, &service.web) {
            (Some(number), _) => match service.phone_note_in(lang) {
                Some((note, shown)) => {
                    format!("{number} ({note} {})", self.kept_in_marker(lang, shown))
                }
                None => number.clone(),
            },
            (None, Some(web)) => self.format(lang, "phone_reach_web", &[("web", web)]),
            (None, None) => self.slip_text(lang, "phone_reach_smz"),
        }
    }

    /// A text of the directory in `lang`: as it is where the directory has that language; in a
    /// language the directory does not keep (English), the service's own text marked as such;
    /// in the other directory language, nothing (a French part carries no German).
    fn data_text(&self, lang: &str, found: Option<(&str, &'static str)>) -> Option<String> {
        let (text, shown) = found?;
        if shown == lang {
            return Some(text.to_string());
        }
        if matches!(lang, "de" | "fr") {
            return None;
        }
        Some(format!("{text} {}", self.kept_in_marker(lang, shown)))
    }

    fn block(&self, lang: &str) -> Block {
        let t = |key: &str| self.slip_text(lang, key.trim_start_matches("slip."));
        let known = |value: &Option<String>| value.clone().unwrap_or_else(|| t("slip.not_known"));
        let swiss = |date: NaiveDate| date.format("%d.%m.%Y").to_string();
        let service = self.service;
        let recipient = self.recipient;
        let mut rows = Vec::new();
        // Whom it is for, why and when stand first: what the service reads when the visitor arrives.
        if let Some(who) = &recipient.who {
            rows.push((t("slip.for"), who.clone()));
        }
        if let Some(reason) = &recipient.reason {
            rows.push((t("slip.reason"), reason.clone()));
        }
        if let Some(on) = recipient.appointment {
            rows.push((t("slip.appointment"), swiss(on)));
        }
        rows.extend([
            (t("slip.phone"), self.phone_line(lang)),
            (
                t("slip.address"),
                known(&service.address(lang).map(str::to_string)),
            ),
            (
                t("slip.hours"),
                self.data_text(lang, service.hours_in(lang))
                    .unwrap_or_else(|| t("slip.not_known")),
            ),
        ]);
        if let Some(email) = &service.email {
            rows.push((t("slip.email"), email.clone()));
        }
        if let Some(web) = &service.web {
            rows.push((t("slip.web"), web.clone()));
        }
        // Where the service says nothing, what every service asks for.
        let bring = self
            .data_text(lang, service.bring_in(lang))
            .unwrap_or_else(|| t("slip.bring_default"));
        rows.push((t("slip.bring"), bring));
        if let Some(centre) = self.issuer {
            let contact = [
                Some(centre.name(lang).to_string()),
                centre.address.clone(),
                centre.phone.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            rows.push((t("slip.issued_by"), contact));
        }
        Block {
            lang: lang.to_string(),
            title: t("slip.title"),
            name: service.name(lang).to_string(),
            description: self.data_text(lang, service.description_in(lang)),
            rows,
            footer: self.footer(lang),
        }
    }

    /// The date and when the facts were checked; in a translation no interpreter has checked,
    /// its marker (the staff's part in German or French stands beside it).
    fn footer(&self, lang: &str) -> String {
        let mut footer = self.format(
            lang,
            "footer",
            &[
                ("date", &self.today.format("%d.%m.%Y").to_string()),
                ("checked", &self.service.last_checked),
            ],
        );
        if !self.i18n.has_language(lang)
            && !self.topics.reviewed(lang)
            && let Some(texts) = self.topics.visitor_texts(lang)
        {
            footer.push_str(&format!(" · ◌ {}", texts.unreviewed));
        }
        footer
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        for (n, lang) in self.languages().iter().enumerate() {
            let b = self.block(lang);
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

    pub fn html(&self) -> String {
        use html_escape::encode_text as e;
        let mut body = String::new();
        for lang in self.languages() {
            let b = self.block(&lang);
            body.push_str(&format!(
                "<section lang=\"{}\" dir=\"{}\">\n<h1>{}</h1>\n<h2>{}</h2>\n",
                e(&b.lang),
                crate::domain::language::direction_of(&b.lang),
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
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
            style = STYLE
                .replace("{FONTS}", FONTS)
                .replace("{NO_BROWSER_HEADER}", NO_BROWSER_HEADER),
            lang = e(self.staff),
            title = e(self.service.name(self.staff)),
        )
    }
}

/// Fonts that cover Latin, Arabic script, Ethiopic, Tamil and Cyrillic: those Windows ships,
/// then those of common Linux desktops, then whatever the browser has.
pub const FONTS: &str = "\"Segoe UI\", \"Nirmala UI\", \"Nyala\", \"Ebrima\", Tahoma, \"Noto Sans\", \"Noto Sans Arabic\", \"Noto Naskh Arabic\", \"Noto Sans Ethiopic\", \"Abyssinica SIL\", \"Noto Sans Tamil\", \"DejaVu Sans\", sans-serif";

/// Empty page-margin boxes: a browser that knows them (Chromium) then prints no header or footer
/// of its own (date, title, file path) in the margins.
pub const NO_BROWSER_HEADER: &str = "@top-left { content: \"\"; } @top-center { content: \"\"; } @top-right { content: \"\"; } @bottom-left { content: \"\"; } @bottom-center { content: \"\"; } @bottom-right { content: \"\"; }";

/// A4 with margins a desk printer keeps (a browser would otherwise pick US Letter), and no
/// browser header.
const STYLE: &str = "@page { size: A4; margin: 18mm; {NO_BROWSER_HEADER} }
body { font-family: {FONTS}; max-width: 42em; margin: 2em auto; color: #000; }
section { page-break-inside: avoid; border-top: 2px solid #000; padding-top: 1em; margin-bottom: 2em; }
h1 { font-size: 1em; text-transform: uppercase; letter-spacing: 0.1em; margin: 0; }
h2 { font-size: 1.6em; margin: 0.3em 0; }
th { text-align: left; vertical-align: top; padding: 0.3em 1em 0.3em 0; white-space: nowrap; }
td { padding: 0.3em 0; font-size: 1.15em; }
footer { margin-top: 1em; font-size: 0.8em; color: #444; }
@media print { body { margin: 0; } }
";

#[cfg(test)]
mod tests;
