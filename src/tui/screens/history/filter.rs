//! The History search line: words find names, dates narrow the range, `topic:` and `service:`
//! (or their German and French names) find visits that gave a topic or referred to a service.
//!
//! `müller 2026-11` · `2026-11-01..2026-11-15 topic:budget` · `service:caritas` · `25.11.2026`

use crate::catalog::Catalog;
use crate::search::fold;
use crate::store::VisitFilter;
use chrono::{Datelike, Local, NaiveDate, TimeZone};

const TOPIC_PREFIXES: &[&str] = &["topic:", "thema:", "sujet:"];
const SERVICE_PREFIXES: &[&str] = &["service:", "stelle:", "referral:", "verweis:"];

/// Reads the search line into a filter; unknown words are names.
pub fn parse(query: &str, catalog: &Catalog, lang: &str) -> VisitFilter {
    let mut filter = VisitFilter::default();
    let mut names = Vec::new();
    for word in query.split_whitespace() {
        let lower = word.to_lowercase();
        if let Some(term) = strip_any(&lower, TOPIC_PREFIXES) {
            add(&mut filter.topics, topics_matching(catalog, lang, term));
        } else if let Some(term) = strip_any(&lower, SERVICE_PREFIXES) {
            add(&mut filter.services, services_matching(catalog, term));
        } else if let Some((since, until)) = date_range(word) {
            filter.since_ms = since.or(filter.since_ms);
            filter.until_ms = until.or(filter.until_ms);
        } else {
            names.push(word);
        }
    }
    if !names.is_empty() {
        filter.name = Some(names.join(" "));
    }
    filter
}

/// A `topic:` or `service:` word that names nothing the data knows, in words for the search
/// line: which it is, and the names that would work (an unknown name matches no visit, which
/// would otherwise read as "nobody came about it").
pub fn unknown_names(query: &str, catalog: &Catalog, lang: &str) -> Option<String> {
    for word in query.split_whitespace() {
        let lower = word.to_lowercase();
        if let Some(term) = strip_any(&lower, TOPIC_PREFIXES)
            && !term.is_empty()
            && topics_matching(catalog, lang, term).is_empty()
        {
            let known = catalog.topics.ids().join(", ");
            return Some(catalog.i18n.format(
                lang,
                "history.unknown_topic",
                &[("term", term), ("known", &known)],
            ));
        }
        if let Some(term) = strip_any(&lower, SERVICE_PREFIXES)
            && !term.is_empty()
            && services_matching(catalog, term).is_empty()
        {
            let known: Vec<&str> = catalog.services.iter().map(|s| s.id.as_str()).collect();
            return Some(catalog.i18n.format(
                lang,
                "history.unknown_service",
                &[("term", term), ("known", &known.join(", "))],
            ));
        }
    }
    None
}

fn strip_any<'a>(word: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| word.strip_prefix(p))
}

/// Several `topic:` words narrow further: a visit must match each of them.
fn add(slot: &mut Option<Vec<String>>, ids: Vec<String>) {
    *slot = Some(match slot.take() {
        None => ids,
        Some(before) => before.into_iter().filter(|id| ids.contains(id)).collect(),
    });
}

fn topics_matching(catalog: &Catalog, lang: &str, term: &str) -> Vec<String> {
    let term = fold(term);
    catalog
        .topics
        .ids()
        .iter()
        .filter(|id| {
            let title = |l: &str| {
                catalog
                    .topics
                    .get(id, l)
                    .map(|(t, _)| fold(&t.title))
                    .unwrap_or_default()
            };
            id.contains(&term) || title(lang).contains(&term) || title("de").contains(&term)
        })
        .cloned()
        .collect()
}

fn services_matching(catalog: &Catalog, term: &str) -> Vec<String> {
    let term = fold(term);
    catalog
        .services
        .iter()
        .filter(|s| {
            s.id.contains(&term)
                || fold(s.name("de")).contains(&term)
                || fold(s.name("fr")).contains(&term)
        })
        .map(|s| s.id.clone())
        .collect()
}

/// `2026-11-25`, `25.11.2026`, `2026-11`, `2026`, or `A..B` with either side open, as local
/// milliseconds `[since, until)`.
fn date_range(word: &str) -> Option<(Option<i64>, Option<i64>)> {
    if let Some((from, to)) = word.split_once("..") {
        let since = if from.is_empty() {
            None
        } else {
            Some(period(from)?.0)
        };
        let until = if to.is_empty() {
            None
        } else {
            Some(period(to)?.1)
        };
        return Some((since.map(ms), until.map(ms)));
    }
    let (start, end) = period(word)?;
    Some((Some(ms(start)), Some(ms(end))))
}

/// The days a date, month or year covers: first day, and the day after the last.
fn period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok();
    if let Some(day) = day {
        return Some((day, day.succ_opt()?));
    }
    if let Some((year, month)) = text.split_once('-') {
        let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        return Some((start, start.checked_add_months(chrono::Months::new(1))?));
    }
    if text.len() == 4 {
        let year: i32 = text.parse().ok()?;
        let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
        return Some((start, start.with_year(year + 1)?));
    }
    None
}

fn ms(day: NaiveDate) -> i64 {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    Local.from_local_datetime(&midnight).earliest().map_or_else(
        || midnight.and_utc().timestamp_millis(),
        |t| t.timestamp_millis(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_topic_or_service_the_data_does_not_have_is_named_with_those_it_has() {
        let catalog = Catalog::embedded();
        let said = unknown_names("müller topic:rent", &catalog, "en").expect("rent is no topic");
        assert!(said.contains("“rent”"), "{said}");
        assert!(said.contains("social-assistance"), "{said}");
        let said = unknown_names("service:nowhere", &catalog, "de").expect("no such service");
        assert!(
            said.contains("«nowhere»") && said.contains("caritas-vs"),
            "{said}"
        );
        assert_eq!(
            unknown_names("topic:budget service:caritas", &catalog, "en"),
            None
        );
        assert_eq!(unknown_names("müller 2026-11", &catalog, "en"), None);
    }

    #[test]
    fn words_dates_topics_and_services_each_find_their_part() {
        let catalog = Catalog::embedded();
        let f = parse("müller anna 2026-11", &catalog, "en");
        assert_eq!(f.name.as_deref(), Some("müller anna"));
        assert_eq!(f.since_ms, Some(ms("2026-11-01".parse().unwrap())));
        assert_eq!(f.until_ms, Some(ms("2026-12-01".parse().unwrap())));

        let f = parse("01.11.2026..2026-11-15", &catalog, "de");
        assert_eq!(f.name, None);
        assert_eq!(f.since_ms, Some(ms("2026-11-01".parse().unwrap())));
        assert_eq!(f.until_ms, Some(ms("2026-11-16".parse().unwrap())));
        assert_eq!(parse("..2026-11-15", &catalog, "de").since_ms, None);

        let f = parse("thema:notruf", &catalog, "de");
        assert_eq!(f.topics, Some(vec!["emergency-numbers".to_string()]));
        let f = parse("service:caritas", &catalog, "de");
        assert!(f.services.unwrap().contains(&"caritas-vs".to_string()));
        // A topic that does not exist finds nothing rather than everything.
        assert_eq!(parse("topic:zzz", &catalog, "en").topics, Some(vec![]));
        // Not a date: a name.
        assert_eq!(
            parse("2026-13", &catalog, "en").name.as_deref(),
            Some("2026-13")
        );
    }
}
