//! Ranking candidates by a fuzzy match of what was typed, case and accents left aside.

use super::fold;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Ranks `items` by how well their text matches `query`, best first; an empty query keeps all
/// in their order. Both sides are folded, so "zustandig" finds "Zuständigkeit".
pub fn rank<T>(query: &str, items: impl IntoIterator<Item = (T, String)>) -> Vec<T> {
    let query = fold(query.trim());
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize, T)> = items
        .into_iter()
        .enumerate()
        .filter_map(|(i, (item, text))| {
            if query.is_empty() {
                return Some((0, i, item));
            }
            matcher
                .fuzzy_match(&fold(&text), &query)
                .map(|score| (score, i, item))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, item)| item).collect()
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
}
