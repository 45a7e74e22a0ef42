//! The political communes of Valais (`data/communes.csv`) and the SMZ/CMS region serving each.

use super::csv_table::CsvTable;
use super::error::DataError;
use super::provenance::Provenance;
use super::source::DataFile;
use std::collections::HashSet;

pub const FILE: &str = "communes.csv";
const COLUMNS: &[&str] = &[
    "bfs_nr",
    "name",
    "name_other",
    "district_fr",
    "district_de",
    "language",
    "region",
    "region_site",
    "confidence",
    "source",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commune {
    /// Federal commune number (BFS-Nr / no OFS).
    pub bfs_nr: u32,
    pub name: String,
    /// The name in the other official language, where one exists (Sion / Sitten).
    pub name_other: Option<String>,
    pub district_fr: String,
    pub district_de: String,
    /// Official language of the commune: `de` or `fr`.
    pub language: String,
    /// Id of the SMZ/CMS region serving the commune (`regions.csv`).
    pub region: String,
    pub region_site: Option<String>,
    /// How sure we are that `region` serves this commune.
    pub provenance: Provenance,
}

/// Parses the file, collecting every problem. `region_ids` are the ids known from `regions.csv`.
pub fn parse(
    file: &DataFile,
    region_ids: &HashSet<String>,
) -> Result<Vec<Commune>, Vec<DataError>> {
    let table = CsvTable::parse_rows(file, COLUMNS).map_err(|e| vec![e])?;
    let mut communes = Vec::new();
    let mut errors = Vec::new();
    let mut numbers = HashSet::new();
    let mut names = HashSet::new();
    for row in table.rows() {
        let bfs_nr = match row.get("bfs_nr").parse::<u32>() {
            Ok(n) if (1..=9999).contains(&n) => n,
            _ => {
                errors.push(row.error(
                    "bfs_nr",
                    format!("{:?} is not a BFS commune number", row.get("bfs_nr")),
                    "write the federal commune number, 1 to 4 digits (e.g. 6266 for Sion)",
                ));
                continue;
            }
        };
        if !numbers.insert(bfs_nr) {
            errors.push(row.error(
                "bfs_nr",
                format!("BFS number {bfs_nr} appears twice"),
                "keep one row per commune",
            ));
        }
        let name = row.get("name");
        if name.is_empty() {
            errors.push(row.error("name", "the commune has no name", "write its official name"));
        } else if !names.insert(name.to_lowercase()) {
            errors.push(row.error(
                "name",
                format!("the commune name {name:?} appears twice"),
                "keep one row per commune",
            ));
        }
        let language = row.get("language");
        if language != "de" && language != "fr" {
            errors.push(row.error(
                "language",
                format!("{language:?} is not an official language of Valais"),
                "write de or fr",
            ));
        }
        let region = row.get("region");
        if !region_ids.contains(region) {
            let mut known: Vec<_> = region_ids.iter().map(String::as_str).collect();
            known.sort();
            errors.push(row.error(
                "region",
                format!("unknown SMZ/CMS region {region:?}"),
                format!("use an id from regions.csv: {}", known.join(", ")),
            ));
        }
        let provenance = match Provenance::from_row(&row) {
            Ok(p) => p,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        communes.push(Commune {
            bfs_nr,
            name: name.to_string(),
            name_other: row.optional("name_other"),
            district_fr: row.get("district_fr").to_string(),
            district_de: row.get("district_de").to_string(),
            language: language.to_string(),
            region: region.to_string(),
            region_site: row.optional("region_site"),
            provenance,
        });
    }
    if errors.is_empty() {
        Ok(communes)
    } else {
        Err(errors)
    }
}

/// Why a commune typed by a person could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommuneLookup<'c> {
    /// Nothing matches; the closest names, best first.
    Unknown(Vec<&'c Commune>),
    /// Several communes match what was typed.
    Ambiguous(Vec<&'c Commune>),
}

/// Finds a commune by BFS number, by name in either language (any case, with or without
/// accents), or by the unique start of a name.
pub fn find<'c>(communes: &'c [Commune], query: &str) -> Result<&'c Commune, CommuneLookup<'c>> {
    let query = query.trim();
    if let Ok(number) = query.parse::<u32>() {
        return communes
            .iter()
            .find(|c| c.bfs_nr == number)
            .ok_or(CommuneLookup::Unknown(Vec::new()));
    }
    let folded = crate::text::fold(query);
    let names = |c: &'c Commune| {
        std::iter::once(c.name.as_str())
            .chain(c.name_other.as_deref())
            .map(crate::text::fold)
    };
    if let Some(exact) = communes.iter().find(|c| names(c).any(|n| n == folded)) {
        return Ok(exact);
    }
    let starting: Vec<&Commune> = communes
        .iter()
        .filter(|c| !folded.is_empty() && names(c).any(|n| n.starts_with(&folded)))
        .collect();
    match starting.as_slice() {
        [one] => Ok(one),
        [] => Err(CommuneLookup::Unknown(similar(communes, &folded))),
        _ => Err(CommuneLookup::Ambiguous(starting)),
    }
}

/// Names close to what was typed: fuzzy matches first, else the nearest by edit distance,
/// which catches swapped letters ("Vsip" → Visp).
fn similar<'c>(communes: &'c [Commune], folded: &str) -> Vec<&'c Commune> {
    let ranked = crate::text::rank(folded, communes.iter().map(|c| (c, c.name.clone())));
    if !ranked.is_empty() {
        return ranked.into_iter().take(5).collect();
    }
    let mut scored: Vec<(f64, &Commune)> = communes
        .iter()
        .map(|c| {
            let name = crate::text::fold(&c.name);
            (strsim::normalized_damerau_levenshtein(folded, &name), c)
        })
        .filter(|(score, _)| *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn names(list: &[&Commune]) -> Vec<String> {
        list.iter().map(|c| c.name.clone()).collect()
    }

    #[test]
    fn finds_by_number_name_accentless_name_and_unique_prefix() {
        let catalog = Catalog::embedded();
        let all = &catalog.communes;
        assert_eq!(find(all, "6266").unwrap().name, "Sion");
        assert_eq!(find(all, "sion").unwrap().name, "Sion");
        assert_eq!(find(all, "heremence").unwrap().name, "Hérémence");
        assert_eq!(find(all, "Zerm").unwrap().name, "Zermatt");
    }

    #[test]
    fn ambiguous_and_unknown_names_come_with_candidates() {
        let catalog = Catalog::embedded();
        let all = &catalog.communes;
        match find(all, "Saint-M") {
            Err(CommuneLookup::Ambiguous(list)) => {
                let names = names(&list);
                assert!(names.contains(&"Saint-Martin".to_string()), "{names:?}");
                assert!(names.contains(&"Saint-Maurice".to_string()), "{names:?}");
            }
            other => panic!("{other:?}"),
        }
        match find(all, "Zermat") {
            Ok(c) => assert_eq!(c.name, "Zermatt"),
            other => panic!("{other:?}"),
        }
        match find(all, "Vsip") {
            Err(CommuneLookup::Unknown(similar)) => assert_eq!(names(&similar)[0], "Visp"),
            other => panic!("{other:?}"),
        }
        match find(all, "Zürich") {
            Err(CommuneLookup::Unknown(_)) => {}
            other => panic!("{other:?}"),
        }
        assert_eq!(find(all, "9999"), Err(CommuneLookup::Unknown(Vec::new())));
    }
}
