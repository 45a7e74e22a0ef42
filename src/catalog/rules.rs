//! Competence rule packs (`data/rules/<canton>.toml`): parsed with positions, validated, and
//! checked to answer every case exactly once.

use super::error::{DataError, line_column};
use super::source::{DataFile, DataSource};
use crate::domain::ResidenceStatus;
use crate::domain::competence::{
    Body, DateKind, Domain, FlagConditions, Period, Rule, RulePack, Source, Texts, check_pack,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use strum::IntoEnumIterator;
use toml::Spanned;

pub const FOLDER: &str = "rules";
const LANGUAGES: [&str; 3] = ["de", "fr", "en"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    canton: Spanned<String>,
    name: Spanned<BTreeMap<String, String>>,
    #[serde(default)]
    bodies: BTreeMap<String, Spanned<RawBody>>,
    #[serde(default)]
    sources: BTreeMap<String, RawSource>,
    #[serde(default)]
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBody {
    name: BTreeMap<String, String>,
    #[serde(default)]
    commune: bool,
}

/// A source document, cited by its own title, issuer and date (never by a file number).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSource {
    title: String,
    issuer: String,
    date: String,
    /// The last day the document applies (a mandate's term), `YYYY-MM-DD`.
    valid_until: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: Spanned<String>,
    status: Vec<Spanned<String>>,
    c_entitled: Option<bool>,
    b_granted: Option<bool>,
    resident_in_commune: Option<bool>,
    since: Option<Spanned<String>>,
    from_year: Option<u32>,
    before_year: Option<u32>,
    responsible: Spanned<BTreeMap<String, Spanned<String>>>,
    primary: Spanned<String>,
    covered: bool,
    source: Spanned<String>,
    quote: String,
    reason: Spanned<BTreeMap<String, String>>,
}

/// Every rule pack in the data folder.
pub fn load(source: &DataSource) -> Result<Vec<RulePack>, Vec<DataError>> {
    let names = source.list(FOLDER).map_err(|e| {
        vec![DataError {
            file: FOLDER.into(),
            line: 1,
            column: 1,
            message: format!("cannot read: {e}"),
            fix: "check that the folder is readable".into(),
        }]
    })?;
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    for name in names.iter().filter(|n| n.ends_with(".toml")) {
        match source.read(&format!("{FOLDER}/{name}")) {
            Ok(Some(file)) => match parse(&file, name.trim_end_matches(".toml")) {
                Ok(pack) => packs.push(pack),
                Err(e) => errors.extend(e),
            },
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(packs)
    } else {
        Err(errors)
    }
}

struct Checker<'a> {
    file: &'a DataFile,
    errors: Vec<DataError>,
}

impl Checker<'_> {
    fn at(&mut self, byte: usize, message: impl Into<String>, fix: impl Into<String>) {
        let (line, column) = line_column(&self.file.text, byte);
        self.errors.push(DataError {
            file: self.file.display_name.clone(),
            line,
            column,
            message: message.into(),
            fix: fix.into(),
        });
    }

    fn texts(&mut self, byte: usize, what: &str, texts: BTreeMap<String, String>) -> Texts {
        for lang in LANGUAGES {
            if texts.get(lang).is_none_or(|t| t.trim().is_empty()) {
                self.at(
                    byte,
                    format!("{what} has no text in {lang:?}"),
                    "give de, fr and en",
                );
            }
        }
        Texts(texts)
    }
}

/// Parses one pack; `stem` is the file name without `.toml`, which must be the canton.
pub fn parse(file: &DataFile, stem: &str) -> Result<RulePack, Vec<DataError>> {
    let mut check = Checker {
        file,
        errors: Vec::new(),
    };
    let raw: RawPack = toml::from_str(&file.text).map_err(|e| {
        let (line, column) = line_column(&file.text, e.span().map_or(0, |s| s.start));
        vec![DataError {
            file: file.display_name.clone(),
            line,
            column,
            message: e.message().trim().to_string(),
            fix: "see data/rules/vs.toml for the form of a rule pack".into(),
        }]
    })?;
    let canton = raw.canton.get_ref().clone();
    if canton.to_ascii_lowercase() != stem
        || canton.len() != 2
        || canton.to_ascii_uppercase() != canton
    {
        check.at(
            raw.canton.span().start,
            format!("canton {canton:?} does not match the file name {stem}.toml"),
            "write the canton's two capital letters, and name the file after them in small letters",
        );
    }
    let name_span = raw.name.span().start;
    let name = check.texts(name_span, "the canton name", raw.name.into_inner());
    let bodies: Vec<Body> = raw
        .bodies
        .into_iter()
        .map(|(id, body)| {
            let span = body.span().start;
            let body = body.into_inner();
            Body {
                name: check.texts(span, &format!("body {id}"), body.name),
                id,
                is_commune: body.commune,
            }
        })
        .collect();
    let sources: Vec<Source> = raw
        .sources
        .into_iter()
        .map(|(id, s)| {
            let valid_until = s.valid_until.and_then(|day| {
                let parsed = chrono::NaiveDate::parse_from_str(day.get_ref(), "%Y-%m-%d");
                if parsed.is_err() {
                    check.at(
                        day.span().start,
                        format!("valid-until {:?} is not a date", day.get_ref()),
                        "write it as YYYY-MM-DD",
                    );
                }
                parsed.ok()
            });
            Source {
                id,
                title: s.title,
                issuer: s.issuer,
                date: s.date,
                valid_until,
            }
        })
        .collect();
    let mut ids = HashSet::new();
    let mut rules = Vec::new();
    for raw_rule in raw.rules {
        let (line, _) = line_column(&file.text, raw_rule.span().start);
        if let Some(rule) = rule(
            &mut check,
            raw_rule.into_inner(),
            line,
            &bodies,
            &sources,
            &mut ids,
        ) {
            rules.push(rule);
        }
    }
    let pack = RulePack {
        canton,
        name,
        bodies,
        sources,
        rules,
    };
    if check.errors.is_empty() {
        for issue in check_pack(&pack) {
            check.errors.push(DataError {
                file: file.display_name.clone(),
                line: issue.lines.first().copied().unwrap_or(1),
                column: 1,
                message: issue.message,
                fix: "every case needs exactly one rule: narrow the statuses, flags or years"
                    .into(),
            });
        }
    }
    if check.errors.is_empty() {
        Ok(pack)
    } else {
        Err(check.errors)
    }
}

fn rule(
    check: &mut Checker<'_>,
    raw: RawRule,
    line: usize,
    bodies: &[Body],
    sources: &[Source],
    ids: &mut HashSet<String>,
) -> Option<Rule> {
    let errors_before = check.errors.len();
    let id = raw.id.get_ref().clone();
    if !ids.insert(id.clone()) {
        check.at(
            raw.id.span().start,
            format!("rule id {id:?} appears twice"),
            "give each rule its own id",
        );
    }
    let mut statuses = Vec::new();
    for status in &raw.status {
        match status.get_ref().parse::<ResidenceStatus>() {
            Ok(s) => statuses.push(s),
            Err(_) => {
                let known: Vec<&str> = ResidenceStatus::iter()
                    .map(ResidenceStatus::as_str)
                    .collect();
                check.at(
                    status.span().start,
                    format!("unknown status {:?}", status.get_ref()),
                    format!("use one of: {}", known.join(", ")),
                );
            }
        }
    }
    if raw.status.is_empty() {
        check.at(
            raw.id.span().start,
            format!("rule {id} names no status"),
            "list the statuses it applies to",
        );
    }
    let period = match (&raw.since, raw.from_year, raw.before_year) {
        (None, None, None) => None,
        (None, _, _) => {
            check.at(
                raw.id.span().start,
                format!("rule {id} counts years but not since when"),
                "add since = \"asylum-date\" or \"entry-date\"",
            );
            None
        }
        (Some(since), from, before) => {
            let kind = since.get_ref().parse::<DateKind>().ok();
            if kind.is_none() {
                check.at(
                    since.span().start,
                    format!("unknown date {:?}", since.get_ref()),
                    "write asylum-date or entry-date",
                );
            }
            if from.is_none() && before.is_none() {
                check.at(
                    since.span().start,
                    format!("rule {id} names a date but no years"),
                    "add from-year or before-year",
                );
            }
            if let (Some(f), Some(b)) = (from, before)
                && b <= f
            {
                check.at(
                    since.span().start,
                    format!("before-year {b} is not after from-year {f}"),
                    "the period runs from from-year up to before-year",
                );
            }
            kind.map(|since| Period {
                since,
                from_year: from,
                before_year: before,
            })
        }
    };
    let responsible_span = raw.responsible.span().start;
    let mut responsible = Vec::new();
    for (domain, body) in raw.responsible.into_inner() {
        let Ok(domain) = domain.parse::<Domain>() else {
            let known: Vec<&str> = Domain::iter().map(Domain::as_str).collect();
            check.at(
                responsible_span,
                format!("unknown domain {domain:?}"),
                format!("use one of: {}", known.join(", ")),
            );
            continue;
        };
        if !bodies.iter().any(|b| b.id == *body.get_ref()) {
            check.at(
                body.span().start,
                format!("unknown body {:?}", body.get_ref()),
                "declare it under [bodies.<id>]",
            );
        }
        responsible.push((domain, body.into_inner()));
    }
    // Listed in a fixed order (support, economic aid, integration), whatever the file's order.
    responsible.sort_by_key(|(domain, _)| *domain);
    if responsible.is_empty() {
        check.at(
            responsible_span,
            format!("rule {id} names no responsible body"),
            "give at least one domain = body",
        );
    }
    let primary = raw.primary.get_ref().clone();
    if !responsible.iter().any(|(_, b)| *b == primary) {
        check.at(
            raw.primary.span().start,
            format!("the primary body {primary:?} is not among the responsible ones"),
            "name one of the bodies in responsible",
        );
    }
    let source = raw.source.get_ref().clone();
    if !sources.iter().any(|s| s.id == source) {
        check.at(
            raw.source.span().start,
            format!("unknown source {source:?}"),
            "declare it under [sources.<id>]",
        );
    }
    if raw.covered && raw.quote.trim().is_empty() {
        check.at(
            raw.id.span().start,
            format!("rule {id} is covered by its source but quotes nothing"),
            "quote the sentence of the source it rests on, or set covered = false",
        );
    }
    let reason_span = raw.reason.span().start;
    let reason = check.texts(
        reason_span,
        &format!("the reason of rule {id}"),
        raw.reason.into_inner(),
    );
    (check.errors.len() == errors_before).then_some(Rule {
        id,
        statuses,
        flags: FlagConditions {
            c_entitled: raw.c_entitled,
            b_granted: raw.b_granted,
            resident_in_commune: raw.resident_in_commune,
        },
        period,
        responsible,
        primary,
        covered: raw.covered,
        source,
        quote: raw.quote,
        reason,
        line,
    })
}
