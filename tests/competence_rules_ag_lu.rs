//! Table tests of the competence rules of Aargau and Lucerne, citing their seeds like
//! `competence_rules.rs` does for Valais.

mod common;
use common::rules::*;

#[test]
fn ag_cmi_leads_from_the_positive_decision_until_residence_in_a_commune() {
    cites(
        "002",
        "Fallführung für die sprachliche, berufliche und soziale Integration vom positiven Entscheid des SEM bis zur Wohnsitznahme",
    );
    cites(
        "003",
        "Das MIKA ist für die sprachliche (öffnet in einem neuen Fenster) und berufliche Integration, der KSD ist für die Unterbringung und Betreuung zuständig.",
    );
    cites(
        "003",
        "Flüchtlinge (Ausweis B), vorläufig aufgenommene Flüchtlinge (Ausweis F) und vorläufig aufgenommene Ausländer (Ausweis F)",
    );
    for status in ["refugee-b", "refugee-f", "provisional-f"] {
        let outcome = ask(Ask { status, ..AG }).unwrap();
        assert_eq!(outcome.answer.rule.id, "ag-until-residence-in-a-commune");
        assert_eq!(outcome.answer.primary().id, "cmi");
        let by_domain: Vec<(&str, &str)> = outcome
            .answer
            .responsible()
            .map(|(d, b)| (d.as_str(), b.id.as_str()))
            .collect();
        assert_eq!(by_domain, vec![("support", "ksd"), ("integration", "cmi")]);
    }
}

#[test]
fn ag_the_commune_takes_over_on_residence_with_the_dossier_from_the_cmi() {
    cites(
        "003",
        "Bei der Wohnsitznahme in einer Gemeinde stellt das CMI die Dossierübergabe an die Gemeinde sicher",
    );
    cites(
        "002",
        "Bei Wegzug von den Asylstrukturen in eine Gemeinde > Schlussbericht und aktualisiertes Dossier an Wohnsitzgemeinde",
    );
    for status in ["refugee-b", "refugee-f", "provisional-f"] {
        expect(
            Ask {
                status,
                resident: true,
                ..AG
            },
            "ag-after-residence-in-a-commune",
            "commune-social-service",
            None,
        );
    }
}

#[test]
fn ag_statuses_the_sources_do_not_treat_are_not_covered() {
    cites(
        "002",
        "Zielgruppe: vorläufig aufgenommene Ausländer (VA), anerkannte Flüchtlinge (AF) und vorläufig aufgenommene Flüchtlinge (VAF)",
    );
    for status in ["asylum-seeker", "protection-s", "swiss", "b", "c"] {
        let outcome = ask(Ask { status, ..AG }).unwrap();
        assert!(!outcome.answer.rule.covered, "{status}");
    }
}

#[test]
fn lu_the_sda_lead_the_case_for_seven_years_from_entry() {
    cites(
        "004",
        "Der Integrationsprozess wurde auf sieben Jahre nach der Einreise definiert.",
    );
    cites(
        "004",
        "Das bedeutet, dass für den Integrationsprozess eine Stelle ab Einreise bis zum Abschluss der sieben Jahre zuständig ist.",
    );
    for status in ["provisional-f", "refugee-f"] {
        let f = Ask {
            status,
            entry: Some("2019-05-01"),
            ..LU
        };
        expect(
            Ask {
                on: "2026-04-30",
                ..f
            },
            "lu-provisional-first-7-years",
            "sda",
            Some("2026-05-01 commune"),
        );
        let outcome = ask(Ask {
            on: "2026-04-30",
            ..f
        })
        .unwrap();
        let domains: Vec<&str> = outcome
            .answer
            .responsible()
            .map(|(d, _)| d.as_str())
            .collect();
        assert_eq!(domains, vec!["support", "economic-aid", "integration"]);
    }
}

#[test]
fn lu_after_seven_years_the_commune_with_the_sda_on_order_for_170_francs() {
    cites(
        "004",
        "Die Gemeinden sind nach Ablauf dieser Frist sowohl für die Wirtschaftliche Sozialhilfe wie auch für alle anderen Massnahmen zuständig.",
    );
    cites(
        "004",
        "Die entstehenden Kosten für die einweisenden Gemeinden betragen pauschal 170 Franken monatlich.",
    );
    let f = Ask {
        status: "provisional-f",
        entry: Some("2019-05-01"),
        ..LU
    };
    expect(
        Ask {
            on: "2026-05-01",
            ..f
        },
        "lu-provisional-after-7-years",
        "commune",
        None,
    );
    let outcome = ask(Ask {
        on: "2026-05-02",
        ..f
    })
    .unwrap();
    assert!(outcome.answer.rule.reason.get("de").contains("CHF 170"));
    assert!(outcome.answer.rule.reason.get("fr").contains("CHF 170"));
}

#[test]
fn lu_b_refugees_after_five_years_commune_for_economic_aid_sda_for_integration() {
    cites(
        "004",
        "bei den B plus fünf Jahren Flüchtlingen, welche von den SDA bei Integrationsfragen begleitet werden und von den Gemeinden für die Wirtschaftliche Hilfe.",
    );
    let b = Ask {
        status: "refugee-b",
        entry: Some("2021-09-15"),
        ..LU
    };
    expect(
        Ask {
            on: "2026-09-14",
            ..b
        },
        "lu-refugee-b-first-5-years",
        "sda",
        Some("2026-09-15 commune"),
    );
    expect(
        Ask {
            on: "2026-09-15",
            ..b
        },
        "lu-refugee-b-after-5-years",
        "commune",
        None,
    );
    let outcome = ask(Ask {
        on: "2026-09-15",
        ..b
    })
    .unwrap();
    let by_domain: Vec<(&str, &str)> = outcome
        .answer
        .responsible()
        .map(|(d, b)| (d.as_str(), b.id.as_str()))
        .collect();
    assert_eq!(
        by_domain,
        vec![("economic-aid", "commune"), ("integration", "sda")]
    );
}

#[test]
fn lu_the_canton_cares_for_the_asylum_field_since_2017() {
    cites(
        "004",
        "Seit dem 1. Januar 2017 hat der Kanton die Betreuung, Unterbringung und Integration im Asylbereich übernommen.",
    );
    expect(
        Ask {
            status: "asylum-seeker",
            ..LU
        },
        "lu-asylum-seeker",
        "sda",
        None,
    );
    assert!(
        !ask(Ask {
            status: "protection-s",
            ..LU
        })
        .unwrap()
        .answer
        .rule
        .covered
    );
}
