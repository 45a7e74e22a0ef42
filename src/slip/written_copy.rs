//! The written copy of information topics: one printable page, A4, with each topic in the
//! visitor's language beside the staff language, as the rights and duties must be handed over
//! in writing. A translation no interpreter has checked carries its marker and the German
//! original, so the interpreter can check it on the spot; a topic missing in the visitor's
//! language says so in it and stands in the language they read second, else in German.

use crate::catalog::{I18n, Region, Topic, Topics};
use crate::domain::LanguageCode;
use crate::domain::language::direction_of;
use chrono::NaiveDate;
use html_escape::encode_text as e;

/// Everything a written copy is made of.
pub struct WrittenCopy<'a> {
    pub topics: &'a Topics,
    pub i18n: &'a I18n,
    /// The topics handed over, in the order given.
    pub ids: &'a [String],
    /// The staff (interface) language.
    pub staff: &'a str,
    pub visitor: Option<LanguageCode>,
    pub second: Option<LanguageCode>,
    pub issuer: Option<&'a Region>,
    pub today: NaiveDate,
}

/// One topic in one language on the page.
struct Part<'a> {
    lang: &'a str,
    topic: &'a Topic,
    /// Why it is not in the visitor's language, in theirs.
    missing: Option<&'a str>,
    /// The marker of an unchecked translation, in its language.
    unreviewed: Option<&'a str>,
}

impl WrittenCopy<'_> {
    /// The topics file of the visitor's own language, if the app has one.
    fn own_file(&self) -> Option<&str> {
        self.topics.language_for(self.visitor?.as_str())
    }

    /// The topic as the visitor reads it: theirs, else their second language's, else German.
    fn visitor_part(&self, id: &str) -> Option<Part<'_>> {
        let own = self.own_file();
        let second = self
            .second
            .and_then(|s| self.topics.language_for(s.as_str()));
        let (topic, lang) = [own, second]
            .into_iter()
            .flatten()
            .find_map(|l| Some((self.topics.get_exact(id, l)?, l)))
            .or_else(|| self.topics.get(id, "de"))?;
        let missing = own
            .filter(|o| *o != lang)
            .and_then(|o| self.topics.visitor_texts(o))
            .map(|t| t.missing.as_str());
        Some(Part {
            lang,
            topic,
            missing,
            unreviewed: self.unreviewed(lang),
        })
    }

    fn unreviewed(&self, lang: &str) -> Option<&str> {
        if self.topics.reviewed(lang) {
            return None;
        }
        self.topics
            .visitor_texts(lang)
            .map(|t| t.unreviewed.as_str())
    }

    fn staff_part(&self, id: &str) -> Option<Part<'_>> {
        let (topic, lang) = self.topics.get(id, self.staff)?;
        Some(Part {
            lang,
            topic,
            missing: None,
            unreviewed: None,
        })
    }

    /// The languages on the page: the visitor's (as shown), the staff's, and German where a
    /// translation on it is unchecked and neither of the two is German.
    pub fn languages(&self) -> Vec<String> {
        let mut langs: Vec<String> = Vec::new();
        let mut push = |l: &str| {
            if !langs.iter().any(|k| k == l) {
                langs.push(l.to_string());
            }
        };
        for id in self.ids {
            if self.visitor.is_some()
                && let Some(part) = self.visitor_part(id)
            {
                push(part.lang);
            }
        }
        push(self.staff);
        if self.needs_german() {
            push("de");
        }
        langs
    }

    fn needs_german(&self) -> bool {
        self.staff != "de"
            && self.visitor.is_some()
            && self.ids.iter().any(|id| {
                self.visitor_part(id)
                    .is_some_and(|p| p.lang != "de" && p.unreviewed.is_some())
            })
    }

    /// A text around the topics (`[texts]`) in `lang`, else in German.
    fn around(
        &self,
        lang: &str,
        pick: fn(&crate::catalog::visitor_texts::VisitorTexts) -> &str,
    ) -> String {
        self.topics
            .visitor_texts(lang)
            .or_else(|| self.topics.visitor_texts("de"))
            .map_or_else(String::new, |t| pick(t).to_string())
    }

    fn heading(&self, lang: &str) -> String {
        let date = self.today.format("%d.%m.%Y").to_string();
        format!(
            "<div lang=\"{l}\" dir=\"{d}\"><h1>{title}</h1><p class=\"given\">{given}</p></div>\n",
            l = e(lang),
            d = direction_of(lang),
            title = e(&self.around(lang, |t| &t.copy_title)),
            given = e(&self
                .around(lang, |t| &t.copy_given)
                .replace("{date}", &date)),
        )
    }

    pub fn html(&self) -> String {
        let visitor_lang = self
            .visitor
            .and(self.ids.first())
            .and_then(|id| self.visitor_part(id))
            .map(|p| p.lang.to_string())
            .filter(|l| l != self.staff);
        let mut body = String::from("<header>\n");
        if let Some(lang) = &visitor_lang {
            body.push_str(&self.heading(lang));
        }
        body.push_str(&self.heading(self.staff));
        if let Some(centre) = self.issuer {
            let contact = [
                Some(centre.name(self.staff).to_string()),
                centre.address.clone(),
                centre.phone.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            body.push_str(&format!("<p class=\"issuer\">{}</p>\n", e(&contact)));
        }
        body.push_str("</header>\n");
        for id in self.ids {
            body.push_str(&format!("<article data-topic=\"{}\">\n", e(id)));
            let visitor = visitor_lang.as_ref().and_then(|_| self.visitor_part(id));
            let columns = usize::from(visitor.is_some()) + 1;
            body.push_str(&format!("<div class=\"columns c{columns}\">\n"));
            if let Some(part) = &visitor {
                body.push_str(&section(part, ""));
            }
            if let Some(part) = self.staff_part(id) {
                body.push_str(&section(&part, ""));
            }
            body.push_str("</div>\n");
            // The German original beside an unchecked translation, for the interpreter.
            if let Some(part) = &visitor
                && part.unreviewed.is_some()
                && part.lang != "de"
                && self.staff != "de"
                && let Some((german, _)) = self.topics.get(id, "de")
            {
                let original = self.around("de", |t| &t.original);
                body.push_str(&section(
                    &Part {
                        lang: "de",
                        topic: german,
                        missing: None,
                        unreviewed: None,
                    },
                    &original,
                ));
            }
            body.push_str("</article>\n");
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
            lang = e(self.staff),
            title = e(&self.around(self.staff, |t| &t.copy_title)),
            style = STYLE
                .replace("{FONTS}", super::FONTS)
                .replace("{NO_BROWSER_HEADER}", super::NO_BROWSER_HEADER),
        )
    }
}

/// One topic in one language: its title, its markers, its paragraphs and lists.
fn section(part: &Part<'_>, label: &str) -> String {
    let mut out = format!(
        "<section lang=\"{}\" dir=\"{}\"{}>\n",
        e(part.lang),
        direction_of(part.lang),
        if label.is_empty() {
            ""
        } else {
            " class=\"original\""
        }
    );
    if !label.is_empty() {
        out.push_str(&format!("<p class=\"label\">{}</p>\n", e(label)));
    }
    out.push_str(&format!("<h2>{}</h2>\n", e(&part.topic.title)));
    if let Some(missing) = part.missing {
        out.push_str(&format!("<p class=\"missing\">⚠ {}</p>\n", e(missing)));
    }
    if let Some(unreviewed) = part.unreviewed {
        out.push_str(&format!(
            "<p class=\"unreviewed\">◌ {}</p>\n",
            e(unreviewed)
        ));
    }
    let mut in_list = false;
    for line in part.topic.text.trim().lines() {
        match line.strip_prefix("- ") {
            Some(item) => {
                if !in_list {
                    out.push_str("<ul>\n");
                    in_list = true;
                }
                out.push_str(&format!("<li>{}</li>\n", e(item)));
            }
            None => {
                if in_list {
                    out.push_str("</ul>\n");
                    in_list = false;
                }
                if !line.trim().is_empty() {
                    out.push_str(&format!("<p>{}</p>\n", e(line)));
                }
            }
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// A4 without browser headers (the margin box is ours), two columns side by side, a topic kept
/// on one page where it fits.
const STYLE: &str = "@page { size: A4; margin: 15mm 16mm; {NO_BROWSER_HEADER} }
html { font-size: 10.5pt; }
body { font-family: {FONTS}; margin: 0; color: #000; line-height: 1.35; }
header { border-bottom: 2px solid #000; margin-bottom: 0.8em; display: flex; flex-wrap: wrap; gap: 0 2em; }
header div { flex: 1 1 20em; }
h1 { font-size: 1.5em; margin: 0 0 0.2em 0; }
.given, .issuer { margin: 0 0 0.4em 0; font-size: 0.9em; }
.issuer { flex-basis: 100%; }
article { break-inside: avoid; page-break-inside: avoid; margin-bottom: 1.2em; }
.columns.c2 { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; }
h2 { font-size: 1.2em; margin: 0.3em 0; }
p { margin: 0 0 0.45em 0; }
ul { margin: 0 0 0.45em 0; padding-inline-start: 1.2em; }
.missing { font-weight: bold; }
.unreviewed, .label { font-size: 0.85em; color: #444; }
.original { margin-top: 0.6em; padding-top: 0.4em; border-top: 1px solid #888; font-size: 0.9em; color: #222; }
@media screen { body { max-width: 48em; margin: 2em auto; } }
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn copy<'a>(
        catalog: &'a Catalog,
        ids: &'a [String],
        staff: &'a str,
        visitor: &str,
    ) -> WrittenCopy<'a> {
        WrittenCopy {
            topics: &catalog.topics,
            i18n: &catalog.i18n,
            ids,
            staff,
            visitor: Some(LanguageCode::parse_any(visitor).unwrap()),
            second: None,
            issuer: catalog.region("smzo"),
            today: "2026-12-03".parse().unwrap(),
        }
    }

    #[test]
    fn an_arabic_copy_runs_right_to_left_beside_german_with_the_marker_and_swiss_date() {
        let catalog = Catalog::embedded();
        let ids = vec!["rights-and-duties".to_string()];
        let page = copy(&catalog, &ids, "de", "ara").html();
        let arabic = catalog.topics.get_exact("rights-and-duties", "ar").unwrap();
        let german = catalog.topics.get_exact("rights-and-duties", "de").unwrap();
        assert!(page.contains("<section lang=\"ar\" dir=\"rtl\">"), "{page}");
        assert!(page.contains("<section lang=\"de\" dir=\"ltr\">"));
        assert!(page.contains(&*e(&arabic.title)) && page.contains(&*e(&german.title)));
        let marker = &catalog.topics.visitor_texts("ar").unwrap().unreviewed;
        assert!(page.contains(&*e(marker)), "unreviewed: marked");
        assert!(page.contains("size: A4") && page.contains("Noto Sans Arabic"));
        assert!(page.contains("03.12.2026"), "a Swiss date for a person");
        assert!(!page.contains("2026-12-03"));
        assert_eq!(page.matches("<article").count(), 1);
    }

    #[test]
    fn a_copy_for_french_staff_adds_the_german_original_under_an_unchecked_tigrinya_text() {
        let catalog = Catalog::embedded();
        let ids = vec!["social-assistance".to_string()];
        let copy = copy(&catalog, &ids, "fr", "tir");
        assert_eq!(copy.languages(), ["ti", "fr", "de"]);
        let page = copy.html();
        assert!(
            page.contains("<section lang=\"de\" dir=\"ltr\" class=\"original\">"),
            "{page}"
        );
        assert!(page.contains("Sozialhilfe im Wallis"));
    }

    /// Lines a text takes in one column of the page: 86 mm at 10.5 pt, some 46 Latin, Arabic or
    /// Cyrillic letters a line, 30 of the broader Ethiopic and Tamil ones; a paragraph's margin
    /// half a line.
    fn column_lines(part: &Part<'_>) -> f64 {
        let broad = ["ti", "ta"].contains(&part.lang);
        let per_line = if broad { 30.0 } else { 46.0 };
        let lines = |text: &str| (text.chars().count() as f64 / per_line).ceil().max(1.0);
        let mut total = 2.0 + part.unreviewed.map_or(0.0, |u| lines(u) * 0.85);
        for paragraph in part
            .topic
            .text
            .trim()
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            total += lines(paragraph) + 0.45;
        }
        total
    }

    #[test]
    fn one_topic_fits_one_a4_page_in_every_language_by_the_page_s_measures() {
        // 267 mm of height at 5 mm a line (10.5 pt, line-height 1.35), less the heading's five.
        const LINES_ON_A_PAGE: f64 = 48.0;
        let catalog = Catalog::embedded();
        let mut tallest = (0.0, String::new());
        for lang in catalog.topics.languages().iter().filter(|l| *l != "de") {
            for id in catalog.topics.ids() {
                let ids = vec![id.clone()];
                let copy = copy(&catalog, &ids, "de", lang);
                let visitor = copy.visitor_part(id).unwrap();
                let staff = copy.staff_part(id).unwrap();
                let lines = column_lines(&visitor).max(column_lines(&staff));
                if lines > tallest.0 {
                    tallest = (lines, format!("{id} in {lang}"));
                }
            }
        }
        assert!(
            tallest.0 <= LINES_ON_A_PAGE,
            "{} takes {} lines",
            tallest.1,
            tallest.0
        );
    }
}
