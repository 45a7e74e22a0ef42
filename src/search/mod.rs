//! Matching what staff type against names and labels: case- and diacritic-insensitive fuzzy search.

pub mod directory;

// Folding and ranking are plain text functions in the leaf module `text`, which the catalog
// uses too; they are named here as well, where searching code looks for them.
pub use crate::text::{fold, rank};

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
