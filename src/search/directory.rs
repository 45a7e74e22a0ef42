//! Searching the service directory as staff type: names are matched fuzzily, categories and
//! keywords (German and French) by the start of a word; everything is folded to lowercase
//! without accents once, when the index is built, so a keystroke only compares plain text.
//! Services serving the visitor's region come first.

use super::fold;
use crate::catalog::{I18n, Service};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Filters besides the typed text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// SMZ/CMS region of the visitor: its services are ranked first.
    pub region: Option<String>,
    /// Only services of this category.
    pub category: Option<String>,
    /// Only services working in this language (two-letter code).
    pub language: Option<String>,
}

struct Entry {
    /// Folded names in both languages.
    names: String,
}

/// A search index over a list of services, built once.
pub struct DirectoryIndex {
    entries: Vec<Entry>,
    /// Every folded word of the categories (in every UI language), keywords and ids, sorted,
    /// with the entries it belongs to: the words a query word starts are one range of it, found
    /// by bisection once per keystroke rather than a look into every entry.
    words: Vec<(String, Vec<u32>)>,
    matcher: SkimMatcherV2,
}

/// Scores for how a query word matched, best first.
const IN_NAME: i64 = 1_000;
const WORD_START: i64 = 600;
/// The least fuzzy score per query character that still counts as a match.
const FUZZY_PER_CHAR: i64 = 18;

impl DirectoryIndex {
    pub fn new(services: &[Service], i18n: &I18n) -> DirectoryIndex {
        let mut postings: std::collections::HashMap<String, Vec<u32>> =
            std::collections::HashMap::new();
        let entries = services
            .iter()
            .enumerate()
            .map(|(at, s)| {
                let mut tags = vec![
                    s.keywords_de.clone(),
                    s.keywords_fr.clone(),
                    s.id.replace('-', " "),
                ];
                for category in &s.categories {
                    let key = format!("category.{category}");
                    tags.extend(
                        i18n.languages()
                            .iter()
                            .map(|lang| i18n.text(lang, &key).to_string()),
                    );
                    tags.push(category.replace('-', " "));
                }
                for word in fold(&tags.join(" "))
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    let owners = postings.entry(word.to_string()).or_default();
                    if owners.last() != Some(&(at as u32)) {
                        owners.push(at as u32);
                    }
                }
                Entry {
                    names: fold(&format!("{} {}", s.name_de, s.name_fr)),
                }
            })
            .collect();
        let mut words: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        DirectoryIndex {
            entries,
            words,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Which entries have a word starting with `word`.
    fn starting(&self, word: &str) -> Vec<bool> {
        let mut found = vec![false; self.entries.len()];
        let first = self.words.partition_point(|(w, _)| w.as_str() < word);
        for (_, owners) in self.words[first..]
            .iter()
            .take_while(|(w, _)| w.starts_with(word))
        {
            for &owner in owners {
                found[owner as usize] = true;
            }
        }
        found
    }

    /// Indices into `services` (the list the index was built from), best first.
    pub fn search(&self, services: &[Service], query: &str, filters: &Filters) -> Vec<usize> {
        let words: Vec<(String, Vec<bool>)> = fold(query)
            .split_whitespace()
            .map(|w| (w.to_string(), self.starting(w)))
            .collect();
        // Equal scores: for a known region the more local service first, else the broader one.
        let reach = |i: usize| {
            let regions = services[i].regions.len() as i64;
            if filters.region.is_some() {
                -regions
            } else {
                regions
            }
        };
        let mut hits: Vec<(bool, i64, i64, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| admits(&services[*i], filters))
            .filter_map(|(i, entry)| {
                let score = words.iter().try_fold(0i64, |total, (word, starting)| {
                    Some(total + self.score(entry, word, starting[i])?)
                })?;
                let home = filters
                    .region
                    .as_deref()
                    .is_some_and(|r| services[i].serves(r));
                Some((home, score, reach(i), i))
            })
            .collect();
        hits.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then(a.3.cmp(&b.3))
        });
        hits.into_iter().map(|(.., i)| i).collect()
    }

    /// How well one query word matches a service; `None` when it does not.
    /// `word_start`: one of the service's words starts with it.
    fn score(&self, entry: &Entry, word: &str, word_start: bool) -> Option<i64> {
        if entry.names.contains(word) {
            let at_word_start = entry
                .names
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(word));
            return Some(IN_NAME + if at_word_start { 100 } else { 0 });
        }
        if word_start {
            return Some(WORD_START);
        }
        // A fuzzy match only counts when its letters lie close together: scattered letters
        // across a long name are noise, not a typo. The byte scan rules most names out before
        // the matcher's costlier scoring runs.
        if !in_order_within(entry.names.as_bytes(), word.as_bytes(), 2 * word.len() + 2) {
            return None;
        }
        self.matcher
            .fuzzy_match(&entry.names, word)
            .filter(|score| *score >= FUZZY_PER_CHAR * word.chars().count() as i64)
    }
}

/// Whether the bytes of `needle` occur in order in `hay` within a window of `span` bytes.
/// Any in-order match of the characters is one of the bytes, so this never rules out a match
/// the fuzzy matcher would make within that window.
fn in_order_within(hay: &[u8], needle: &[u8], span: usize) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.iter()
        .enumerate()
        .filter(|(_, b)| **b == first)
        .any(|(start, _)| {
            let window = &hay[start + 1..hay.len().min(start + span)];
            let mut pending = rest.iter().peekable();
            for b in window {
                if pending.peek() == Some(&b) {
                    pending.next();
                }
            }
            pending.peek().is_none()
        })
}

fn admits(service: &Service, filters: &Filters) -> bool {
    filters
        .category
        .as_ref()
        .is_none_or(|c| service.categories.contains(c))
        && filters
            .language
            .as_ref()
            .is_none_or(|l| service.languages.contains(l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn first(query: &str, filters: &Filters) -> String {
        let catalog = Catalog::embedded();
        let index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
        let hits = index.search(&catalog.services, query, filters);
        catalog.services[*hits
            .first()
            .unwrap_or_else(|| panic!("nothing for {query}"))]
        .id
        .clone()
    }

    #[test]
    fn the_searches_staff_type_find_the_intended_service_first() {
        let none = Filters::default();
        for (query, expected) in [
            ("schulden", "caritas-vs"),
            ("dettes", "caritas-vs"),
            ("Caritas", "caritas-vs"),
            ("caritas", "caritas-vs"),
            ("lavi", "lavi"),
            ("opferhilfe", "lavi"),
            ("dolmetschen", "avic"),
            ("147", "pro-juventute-147"),
            ("sucht", "addiction-valais"),
            ("kesb visp", "kesb-visp"),
            ("carits", "caritas-vs"),
        ] {
            assert_eq!(first(query, &none), expected, "{query}");
        }
    }

    #[test]
    fn letters_in_order_within_a_window() {
        assert!(in_order_within(b"caritas wallis", b"carits", 14));
        assert!(!in_order_within(
            b"dienststelle fur soziales",
            b"dettes",
            14
        ));
        assert!(in_order_within(b"xx dettes", b"dettes", 6));
        assert!(!in_order_within(b"d e t t e s", b"dettes", 6));
        assert!(in_order_within(b"anything", b"", 2));
    }

    #[test]
    fn scattered_letters_are_not_a_match() {
        let catalog = Catalog::embedded();
        let index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
        let hits = index.search(&catalog.services, "dettes", &Filters::default());
        let ids: Vec<&str> = hits
            .iter()
            .map(|i| catalog.services[*i].id.as_str())
            .collect();
        assert_eq!(ids, vec!["caritas-vs"]);
    }

    #[test]
    fn accents_and_case_do_not_matter_either_way() {
        let none = Filters::default();
        assert_eq!(first("dêttes", &none), "caritas-vs");
        assert_eq!(first("DETTES", &none), "caritas-vs");
        assert_eq!(first("integration sion", &none), "integration-sion");
        assert_eq!(first("intégration SION", &none), "integration-sion");
        assert_eq!(first("malevoz", &none), "malevoz");
        assert_eq!(first("Malévoz", &none), "malevoz");
    }

    #[test]
    fn the_visitors_region_comes_first_and_filters_narrow() {
        let upper = Filters {
            region: Some("smzo".into()),
            ..Filters::default()
        };
        assert_eq!(first("opferhilfe", &upper), "lavi-upper");
        assert_eq!(first("dolmetschen", &upper), "fmo");
        let catalog = Catalog::embedded();
        let index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
        let emergency = Filters {
            category: Some("emergency".into()),
            ..Filters::default()
        };
        let hits = index.search(&catalog.services, "", &emergency);
        assert!(hits.len() >= 6);
        assert!(hits.iter().all(|i| {
            catalog.services[*i]
                .categories
                .contains(&"emergency".to_string())
        }));
        let german = Filters {
            language: Some("de".into()),
            ..Filters::default()
        };
        assert!(
            index
                .search(&catalog.services, "", &german)
                .iter()
                .all(|i| catalog.services[*i].languages.contains(&"de".to_string()))
        );
    }
}
