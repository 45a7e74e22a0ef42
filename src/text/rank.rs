//! Ranking candidates by a fuzzy match of what was typed, case and accents left aside.

use super::fold;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Ranks `items` by how well their text matches `query`, best first; an empty query keeps all
/// in their order. Both sides are folded, so "zustandig" finds "Zuständigkeit".
pub fn rank<T>(query: &str, items: impl IntoIterator<Item = (T, String)>) -> Vec<T> {
    let query = fold(query.trim());
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(u8, i64, usize, T)> = items
        .into_iter()
        .enumerate()
        .filter_map(|(i, (item, text))| {
            if query.is_empty() {
                return Some((0, 0, i, item));
            }
            let text = fold(&text);
            // Each word of the query is found on its own, in any order ("wech spr").
            let score = query
                .split_whitespace()
                .map(|word| matcher.fuzzy_match(&text, word))
                .sum::<Option<i64>>()?;
            Some((tier(&text, &query), score, i, item))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    scored.into_iter().map(|(_, _, _, item)| item).collect()
}

/// How well `text` answers `query`, both folded, before the fuzzy score: every query word at
/// the start of a word (3), the query as one piece (2), its letters scattered (1). So "spra"
/// finds "Sprache wechseln" before "Besuch speichern".
fn tier(text: &str, query: &str) -> u8 {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let starts = query
        .split_whitespace()
        .all(|q| words.iter().any(|w| w.starts_with(q)));
    if starts {
        3
    } else if text.contains(query) {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_accented_labels_from_plain_letters() {
        let items = vec![
            ("settings", "Ansicht: Einstellungen".to_string()),
            ("competence", "Ansicht: Zuständigkeit".to_string()),
        ];
        assert_eq!(rank("zustand", items.clone()), vec!["competence"]);
        assert_eq!(rank("EINST", items.clone()), vec!["settings"]);
        assert_eq!(rank("", items).len(), 2);
    }

    #[test]
    fn word_starts_come_before_letters_found_anywhere() {
        let items = vec![
            ("save", "Besuch speichern save-visit".to_string()),
            ("language", "Sprache wechseln next-language".to_string()),
        ];
        assert_eq!(rank("spra", items.clone())[0], "language");
        assert_eq!(rank("spei", items.clone())[0], "save");
        assert_eq!(
            rank("wech spr", items)[0],
            "language",
            "each word at a word start"
        );
    }
}
