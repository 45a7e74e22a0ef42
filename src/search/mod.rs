//! Matching what staff type against names and labels: case- and diacritic-insensitive fuzzy search.

pub mod directory;
mod fold;

pub use fold::fold;

/// Commune names matching what is typed, best first, at most `limit`; none once a name is typed
/// in full (then there is nothing left to choose).
pub fn commune_suggestions<'c>(
    communes: &'c [crate::catalog::Commune],
    typed: &str,
    limit: usize,
) -> Vec<&'c str> {
    let typed = fold(typed.trim());
    if typed.is_empty() || communes.iter().any(|c| fold(&c.name) == typed) {
        return Vec::new();
    }
    rank(
        &typed,
        communes.iter().map(|c| (c.name.as_str(), c.name.clone())),
    )
    .into_iter()
    .take(limit)
    .collect()
}

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
