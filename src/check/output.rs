//! The outcome as JSON (fixed shape for scripts) and as text lines in the UI language.

use super::Outcome;
use crate::catalog::I18n;
use serde::Serialize;

#[derive(Serialize)]
struct Json<'a> {
    canton: &'a str,
    on: String,
    primary: &'a str,
    responsible: Vec<Responsible<'a>>,
    rule: &'a str,
    /// Title, issuer and date of the document the rule rests on.
    source: String,
    /// The last day that document applies, when it has a term.
    #[serde(skip_serializing_if = "Option::is_none")]
    source_valid_until: Option<String>,
    /// The document no longer applied on the reference date: the answer needs checking.
    source_expired: bool,
    reason: &'a str,
    covered: bool,
    next_change: Option<NextChange<'a>>,
    smz: Option<Smz<'a>>,
}

#[derive(Serialize)]
struct Responsible<'a> {
    domain: &'a str,
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct NextChange<'a> {
    on: String,
    id: &'a str,
}

#[derive(Serialize)]
struct Smz<'a> {
    id: &'a str,
    name: &'a str,
}

/// The answer's parts as labelled lines, ready for a terminal or a screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// "Zuständig: ..." or, where the sources do not settle the case, the likely body.
    pub headline: (String, String),
    /// Domain label and body name, one per domain.
    pub responsible: Vec<(String, String)>,
    pub smz: Option<(String, String)>,
    pub reason: (String, String),
    pub source: (String, String),
    pub rule: (String, String),
    pub next_change: (String, String),
}

impl Outcome<'_> {
    /// Name of the SMZ region: in French or German as asked, else in the commune's language.
    fn smz_name(&self, lang: &str) -> Option<&str> {
        let region = self.smz?;
        let lang = if lang == "de" || lang == "fr" {
            lang
        } else {
            self.commune.map_or("de", |c| c.language.as_str())
        };
        Some(region.name(lang))
    }

    /// One JSON object, keys in the documented order.
    pub fn json(&self, lang: &str) -> String {
        serde_json::to_string(&self.json_parts(lang)).expect("plain data serialises")
    }

    /// The answer as a visit keeps it.
    pub fn record(&self) -> crate::domain::competence::CompetenceRecord {
        use crate::domain::competence::{
            CompetenceInputs, CompetenceRecord, NextChangeRecord, ResponsibleRecord, SmzRecord,
        };
        let case = &self.case;
        let answer = &self.answer;
        CompetenceRecord {
            canton: answer.pack.canton.clone(),
            on: self.on.to_string(),
            primary: answer.primary().id.clone(),
            responsible: answer
                .responsible()
                .map(|(domain, body)| ResponsibleRecord {
                    domain: domain.as_str().to_string(),
                    id: body.id.clone(),
                })
                .collect(),
            rule: answer.rule.id.clone(),
            covered: answer.rule.covered,
            smz: self.smz.map(|region| SmzRecord {
                id: region.id.clone(),
            }),
            inputs: Some(CompetenceInputs {
                status: case.status.as_str().to_string(),
                asylum_date: case.asylum_date.map(|d| d.to_string()),
                entry_date: case.entry_date.map(|d| d.to_string()),
                c_entitled: case.c_entitled,
                b_granted: case.b_granted,
                resident_in_commune: case.resident_in_commune,
                commune: self.commune.map(|c| c.bfs_nr),
            }),
            since: answer.since.map(|d| d.to_string()),
            next_change: answer.next_change.map(|(on, body)| NextChangeRecord {
                on: on.to_string(),
                body: body.id.clone(),
            }),
        }
    }

    fn json_parts<'s>(&'s self, lang: &'s str) -> Json<'s> {
        let answer = &self.answer;
        Json {
            canton: &answer.pack.canton,
            on: self.on.to_string(),
            primary: &answer.primary().id,
            responsible: answer
                .responsible()
                .map(|(domain, body)| Responsible {
                    domain: domain.as_str(),
                    id: &body.id,
                    name: body.name.get(lang),
                })
                .collect(),
            rule: &answer.rule.id,
            source: answer.source().map(|s| s.citation()).unwrap_or_default(),
            source_valid_until: answer
                .source()
                .and_then(|s| s.valid_until)
                .map(|day| day.to_string()),
            source_expired: answer.source().is_some_and(|s| s.expired_on(self.on)),
            reason: answer.rule.reason.get(lang),
            covered: answer.rule.covered,
            next_change: answer.next_change.map(|(on, body)| NextChange {
                on: on.to_string(),
                id: &body.id,
            }),
            smz: self.smz.map(|region| Smz {
                id: &region.id,
                name: self.smz_name(lang).unwrap_or_default(),
            }),
        }
    }

    pub fn summary(&self, i18n: &I18n, lang: &str) -> Summary {
        let t = |key: &str| i18n.text(lang, key).to_string();
        let answer = &self.answer;
        let headline_label = if answer.rule.covered {
            t("check.responsible")
        } else {
            t("check.not_covered")
        };
        let smz = if let Some(name) = self.smz_name(lang) {
            let verified = self
                .commune
                .is_some_and(|c| c.provenance.confidence.is_verified());
            let name = if verified {
                name.to_string()
            } else {
                format!("{name} ({})", t("check.smz_unverified"))
            };
            Some((t("check.smz"), name))
        } else if answer.commune_responsible() && answer.pack.canton == "VS" {
            Some((t("check.smz"), t("check.smz_hint")))
        } else {
            None
        };
        let next_change = match answer.next_change {
            Some((on, body)) => i18n.format(
                lang,
                "check.next_change_on",
                &[("date", &on.to_string()), ("body", body.name.get(lang))],
            ),
            None => t("check.no_next_change"),
        };
        // Where the responsibility passed before the day asked for, say since when.
        let primary = answer.primary().name.get(lang);
        let headline = match answer.since {
            Some(since) if since <= self.on => i18n.format(
                lang,
                "check.since",
                &[("body", primary), ("date", &since.to_string())],
            ),
            _ => primary.to_string(),
        };
        Summary {
            headline: (headline_label, headline),
            responsible: answer
                .responsible()
                .map(|(domain, body)| {
                    (
                        t(&format!("domain.{}", domain.as_str())),
                        body.name.get(lang).to_string(),
                    )
                })
                .collect(),
            smz,
            reason: (t("check.reason"), answer.rule.reason.get(lang).to_string()),
            // The sources are German documents: in French and English the label says so.
            source: (
                t(if lang == "de" {
                    "check.source"
                } else {
                    "check.source_german"
                }),
                self.source_text(i18n, lang),
            ),
            rule: (
                t("check.rule"),
                format!(
                    "{} · {} · {} {}",
                    answer.rule.id,
                    answer.pack.name.get(lang),
                    t("check.on"),
                    self.on
                ),
            ),
            next_change: (t("check.next_change"), next_change),
        }
    }

    /// The citation, with the document's term: "valid until", or, past it, that it has expired
    /// and the answer needs checking.
    fn source_text(&self, i18n: &I18n, lang: &str) -> String {
        let Some(source) = self.answer.source() else {
            return String::new();
        };
        let citation = source.citation();
        match source.valid_until {
            Some(last) => {
                let key = if source.expired_on(self.on) {
                    "check.source_expired"
                } else {
                    "check.source_valid_until"
                };
                let day = last.format("%d.%m.%Y").to_string();
                let term = i18n.format(lang, key, &[("date", &day)]);
                format!("{citation} · {term}")
            }
            None => citation,
        }
    }

    pub fn text(&self, i18n: &I18n, lang: &str) -> String {
        let summary = self.summary(i18n, lang);
        let line = |(label, value): &(String, String)| {
            i18n.format(lang, "check.line", &[("label", label), ("value", value)])
        };
        let mut lines = vec![line(&summary.headline)];
        lines.extend(
            summary
                .responsible
                .iter()
                .map(|pair| format!("  {}", line(pair))),
        );
        lines.extend(
            summary
                .smz
                .iter()
                .chain([
                    &summary.reason,
                    &summary.source,
                    &summary.next_change,
                    &summary.rule,
                ])
                .map(line),
        );
        lines.join("\n") + "\n"
    }
}
