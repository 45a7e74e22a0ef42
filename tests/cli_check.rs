//! `intake-desk check` exactly as specified: JSON shape, text in German and French, exit codes.

mod common;
use common::{Sandbox, stderr, stdout};
use serde_json::json;

/// Runs `intake-desk check` with the arguments as typed on a command line.
fn check(args: &str) -> std::process::Output {
    let mut all = vec!["check"];
    all.extend(args.split_whitespace());
    Sandbox::new().run(&all)
}

#[test]
fn json_is_one_object_with_the_documented_keys_in_order() {
    let out = check(
        "--canton VS --status refugee-b --asylum-date 2022-01-15 --on 2026-11-25 --format json --lang en",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value,
        json!({
            "canton": "VS",
            "on": "2026-11-25",
            "primary": "asylum-office",
            "responsible": [{"domain": "support", "id": "asylum-office", "name": "Asylum Office (Cantonal Social Service)"}],
            "rule": "vs-refugee-b-first-5-years",
            "source": value["source"],
            "source_expired": false,
            "reason": value["reason"],
            "covered": true,
            "next_change": {"on": "2027-01-15", "id": "red-cross"},
            "smz": null
        })
    );
    assert!(value["source"].as_str().unwrap().contains("1. Mai 2020"));
    assert!(
        value["reason"]
            .as_str()
            .unwrap()
            .starts_with("Recognised refugees with a B permit")
    );
    let keys = [
        "canton",
        "on",
        "primary",
        "responsible",
        "rule",
        "source",
        "source_expired",
        "reason",
        "covered",
        "next_change",
        "smz",
    ];
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| text.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "keys out of order: {text}"
    );
}

#[test]
fn json_names_the_smz_of_the_commune_when_the_commune_is_responsible() {
    let out =
        check("--canton VS --status c --commune 6266 --on 2026-11-25 --format json --lang fr");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["primary"], "commune-smz");
    assert_eq!(
        value["smz"],
        json!({"id": "cms-shc", "name": "CMS régional de Sion-Hérens-Conthey"})
    );
    assert_eq!(value["next_change"], json!(null));
    assert_eq!(value["responsible"][0]["name"], "Commune, par son CMS");
}

#[test]
fn json_marks_cases_the_sources_do_not_settle() {
    let out = check("--canton VS --status asylum-seeker --format json");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["covered"], false);
    assert_eq!(value["primary"], "asylum-office");
    assert_eq!(
        value["on"],
        intake_desk::desk_time::today().to_string(),
        "--on defaults to today"
    );
}

#[test]
fn json_lists_one_body_per_domain_for_lucerne() {
    let out = check(
        "--canton LU --status refugee-b --entry-date 2019-03-01 --on 2026-11-25 --format json",
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["primary"], "commune");
    let domains: Vec<(&str, &str)> = value["responsible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["domain"].as_str().unwrap(), r["id"].as_str().unwrap()))
        .collect();
    assert_eq!(
        domains,
        vec![("economic-aid", "commune"), ("integration", "sda")]
    );
}

#[test]
fn text_in_german_names_the_body_reason_source_next_change_and_rule() {
    let out =
        check("--canton VS --status refugee-b --asylum-date 2020-11-25 --on 2025-11-24 --lang de");
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("Zuständig: Amt für Asylwesen (Dienststelle für Sozialwesen)\n"),
        "{text}"
    );
    assert!(
        text.contains("  Unterstützung: Amt für Asylwesen"),
        "{text}"
    );
    assert!(
        text.contains("Begründung: Anerkannte Flüchtlinge mit Ausweis B"),
        "{text}"
    );
    assert!(
        text.contains(
            "Quelle: Unterstützung von Migrantinnen und Migranten: Neue Organisation der Betreuung"
        ),
        "{text}"
    );
    assert!(
        text.contains("— Departement für Gesundheit, Soziales und Kultur (DGSK), Kanton Wallis, Weisung gültig ab 1. Mai 2020"),
        "{text}"
    );
    assert!(
        text.contains("Nächster Wechsel: ab 2025-11-25: Schweizerisches Rotes Kreuz Wallis"),
        "{text}"
    );
    assert!(
        text.contains("Regel: vs-refugee-b-first-5-years · Wallis · Stichtag 2025-11-24"),
        "{text}"
    );
}

#[test]
fn text_in_french_with_the_smz_and_its_unverified_mapping() {
    let out = check("--canton VS --status swiss --commune martigny --lang fr");
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("Compétent : Commune, par son CMS\n"),
        "{text}"
    );
    assert!(
        text.contains("CMS Martigny / Entremont (rattachement non vérifié)"),
        "{text}"
    );
    assert!(
        text.contains("Motif : L'aide sociale incombe à la commune"),
        "{text}"
    );
    assert!(
        text.contains("Prochain changement : aucun en vue"),
        "{text}"
    );
}

#[test]
fn text_says_plainly_when_the_sources_do_not_settle_the_case() {
    let out = check("--canton VS --status protection-s --lang fr");
    let text = stdout(&out);
    assert!(
        text.starts_with("Non réglé par les sources. Probablement compétent : Office de l'asile"),
        "{text}"
    );
}

/// Exit 2 with exactly one line on stderr containing `expected`.
fn refused(args: &str, expected: &str) {
    let out = check(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(expected), "{args:?}: {err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn errors_are_one_line_and_exit_2() {
    refused(
        "--canton VS --status refugee-b --lang en",
        "This status needs the date “--asylum-date”.",
    );
    refused(
        "--canton VS --status refugee-f --lang en",
        "This status needs the date “--entry-date”.",
    );
    refused(
        "--canton VS --status refugee-b --asylum-date 2027-01-01 --on 2026-11-25 --lang en",
        "“--asylum-date”: 2027-01-01 is after the reference date 2026-11-25",
    );
    refused(
        "--canton ZH --status b --lang en",
        "Unknown canton \"ZH\". Cantons: AG, LU, VS",
    );
    refused(
        "--canton VS --status refugee --lang en",
        "Ambiguous status \"refugee\": refugee-b, refugee-f",
    );
    refused(
        "--canton VS --status permit-x --lang en",
        "Statuses: swiss, c, b, l, g, ci, refugee-b",
    );
    refused(
        "--canton VS --status b --commune Saint-M --lang en",
        "Ambiguous commune \"Saint-M\": Saint-Martin (6087), Saint-Maurice (6217)",
    );
    refused(
        "--canton VS --status b --commune Vsip --lang en",
        "Similar: Visp (6297)",
    );
    refused(
        "--canton VS --status b --on 25.11.2026 --lang en",
        "--on: \"25.11.2026\" is not a date",
    );
    refused(
        "--canton VS --status refugee-b --lang fr",
        "Pour ce statut, indiquez la date « --asylum-date ».",
    );
}

#[test]
fn an_answer_on_the_smz_mandate_says_until_when_it_applies_and_after_that_that_it_expired() {
    let before = check("--canton VS --status swiss --commune Visp --on 2026-12-20 --lang de");
    assert_eq!(before.status.code(), Some(0), "{}", stderr(&before));
    let text = stdout(&before);
    assert!(text.contains("Leistungsauftrag der SMZ"), "{text}");
    assert!(
        text.contains("Dienststelle für Sozialwesen"),
        "the issuer: {text}"
    );
    assert!(text.contains("gültig bis 31.12.2026"), "{text}");
    assert!(!text.contains("abgelaufen"), "{text}");
    let after = check("--canton VS --status swiss --commune Visp --on 2027-01-04 --lang fr");
    let text = stdout(&after);
    assert!(
        text.contains("expiré le 31.12.2026 : vérifier si la règle s'applique encore"),
        "{text}"
    );
    for (on, expired) in [("2026-12-31", false), ("2027-01-01", true)] {
        let out = check(&format!(
            "--canton VS --status swiss --commune Visp --on {on} --format json"
        ));
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(value["source_valid_until"], "2026-12-31");
        assert_eq!(value["source_expired"], expired, "{on}");
    }
    // A rule on a document without a term says nothing of one.
    let out =
        check("--canton VS --status refugee-b --asylum-date 2022-01-15 --on 2027-02-01 --lang de");
    let text = stdout(&out);
    assert!(text.contains("DGSK"), "{text}");
    assert!(
        !text.contains("gültig bis") && !text.contains("abgelaufen"),
        "{text}"
    );
}
