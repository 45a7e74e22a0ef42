//! Table tests of the competence rules of Valais. Each row names the sentence of the seed it
//! checks; the sentence is verified to stand in that seed, so a test cannot cite what the source
//! does not say. Aargau and Lucerne: `competence_rules_ag_lu.rs`.

mod common;
use common::rules::*;
use intake_desk::check::{self, Field, InputError};

#[test]
fn vs_b_refugee_less_than_five_years_since_the_application_is_the_cantons() {
    cites(
        "000",
        "Künftig wird die Dienststelle für Sozialwesen durch ihr Amt für Asylwesen für die Betreuung von Flüchtlingen zuständig sein, deren Aufenthalt in der Schweiz seit der Einreichung des Asylgesuchs weniger als fünf Jahre beträgt (Aufenthaltsbewilligung B).",
    );
    let b = Ask {
        status: "refugee-b",
        asylum: Some("2021-03-10"),
        ..VS
    };
    expect(
        Ask {
            on: "2021-03-10",
            ..b
        },
        "vs-refugee-b-first-5-years",
        "asylum-office",
        Some("2026-03-10 red-cross"),
    );
    // The day before the fifth anniversary: still the canton.
    expect(
        Ask {
            on: "2026-03-09",
            ..b
        },
        "vs-refugee-b-first-5-years",
        "asylum-office",
        Some("2026-03-10 red-cross"),
    );
}

#[test]
fn vs_b_refugee_from_the_sixth_year_is_the_red_cross() {
    cites(
        "000",
        "Im Auftrag des Kantons betreut das Rote Kreuz anerkannte Flüchtlinge (Aufenthaltsbewilligung B) ab dem sechsten Jahr ihres Aufenthalts in der Schweiz seit Einreichung des Asylgesuchs",
    );
    let b = Ask {
        status: "refugee-b",
        asylum: Some("2021-03-10"),
        ..VS
    };
    // On the anniversary the sixth year has begun; and after it.
    expect(
        Ask {
            on: "2026-03-10",
            ..b
        },
        "vs-refugee-b-from-year-6",
        "red-cross",
        None,
    );
    expect(
        Ask {
            on: "2026-03-11",
            ..b
        },
        "vs-refugee-b-from-year-6",
        "red-cross",
        None,
    );
    expect(
        Ask {
            on: "2035-01-01",
            ..b
        },
        "vs-refugee-b-from-year-6",
        "red-cross",
        None,
    );
}

#[test]
fn vs_f_refugee_in_the_first_seven_years_is_the_cantons() {
    cites(
        "000",
        "Ebenfalls kümmert sich der Kanton auch um vorläufig aufgenommene Flüchtlinge (Aufenthaltsbewilligung F) während den ersten sieben Jahren ihres Aufenthalts in der Schweiz.",
    );
    let f = Ask {
        status: "refugee-f",
        entry: Some("2019-08-20"),
        ..VS
    };
    expect(
        Ask {
            on: "2019-08-20",
            ..f
        },
        "vs-refugee-f-first-7-years",
        "asylum-office",
        Some("2026-08-20 red-cross"),
    );
    expect(
        Ask {
            on: "2026-08-19",
            ..f
        },
        "vs-refugee-f-first-7-years",
        "asylum-office",
        Some("2026-08-20 red-cross"),
    );
}

#[test]
fn vs_f_refugee_with_more_than_seven_years_since_entry_is_the_red_cross() {
    cites(
        "000",
        "sowie vorläufig aufgenommene Flüchtlinge (Aufenthaltsbewilligung F) mit mehr als sieben Jahren Aufenthalt in der Schweiz seit ihrer Einreise.",
    );
    let f = Ask {
        status: "refugee-f",
        entry: Some("2019-08-20"),
        ..VS
    };
    expect(
        Ask {
            on: "2026-08-20",
            ..f
        },
        "vs-refugee-f-after-7-years",
        "red-cross",
        None,
    );
    expect(
        Ask {
            on: "2026-08-21",
            ..f
        },
        "vs-refugee-f-after-7-years",
        "red-cross",
        None,
    );
}

#[test]
fn vs_a_29_february_anniversary_falls_on_28_february() {
    cites(
        "000",
        "seit der Einreichung des Asylgesuchs weniger als fünf Jahre beträgt",
    );
    let b = Ask {
        status: "refugee-b",
        asylum: Some("2020-02-29"),
        ..VS
    };
    expect(
        Ask {
            on: "2025-02-27",
            ..b
        },
        "vs-refugee-b-first-5-years",
        "asylum-office",
        Some("2025-02-28 red-cross"),
    );
    expect(
        Ask {
            on: "2025-02-28",
            ..b
        },
        "vs-refugee-b-from-year-6",
        "red-cross",
        None,
    );
    expect(
        Ask {
            on: "2025-03-01",
            ..b
        },
        "vs-refugee-b-from-year-6",
        "red-cross",
        None,
    );
    cites(
        "000",
        "während den ersten sieben Jahren ihres Aufenthalts in der Schweiz",
    );
    let f = Ask {
        status: "refugee-f",
        entry: Some("2016-02-29"),
        ..VS
    };
    expect(
        Ask {
            on: "2023-02-27",
            ..f
        },
        "vs-refugee-f-first-7-years",
        "asylum-office",
        Some("2023-02-28 red-cross"),
    );
    expect(
        Ask {
            on: "2023-02-28",
            ..f
        },
        "vs-refugee-f-after-7-years",
        "red-cross",
        None,
    );
    // In a leap year the anniversary is the 29th itself.
    let b = Ask {
        status: "refugee-b",
        asylum: Some("2020-02-29"),
        ..VS
    };
    let outcome = ask(Ask {
        on: "2024-02-29",
        ..b
    })
    .unwrap();
    assert_eq!(outcome.answer.rule.id, "vs-refugee-b-first-5-years");
}

#[test]
fn vs_c_entitled_b_refugee_goes_to_the_commune_through_its_smz() {
    cites(
        "000",
        "Die Gemeinden sind künftig über die Sozialmedizinischen Zentren (SMZ) für die Betreuung der anerkannten Flüchtlinge, die Anspruch auf eine Niederlassungsbewilligung C haben, in der Regel ab dem zehnten Aufenthaltsjahr,",
    );
    let b = Ask {
        status: "refugee-b",
        c_entitled: true,
        ..VS
    };
    // No date is needed once the C entitlement decides.
    expect(b, "vs-refugee-b-c-entitled", "commune-smz", None);
    expect(
        Ask {
            asylum: Some("2024-01-01"),
            ..b
        },
        "vs-refugee-b-c-entitled",
        "commune-smz",
        None,
    );
    let outcome = ask(Ask {
        commune: Some("Brig-Glis"),
        ..b
    })
    .unwrap();
    assert_eq!(outcome.smz.map(|r| r.id.as_str()), Some("smzo"));
}

#[test]
fn vs_f_refugee_granted_a_b_permit_goes_to_the_commune() {
    cites(
        "000",
        "sowie der vorläufig aufgenommenen Flüchtlinge, die eine Aufenthaltsbewilligung B erhalten, zuständig.",
    );
    let f = Ask {
        status: "refugee-f",
        b_granted: true,
        ..VS
    };
    expect(f, "vs-refugee-f-b-granted", "commune-smz", None);
    expect(
        Ask {
            entry: Some("2024-05-05"),
            ..f
        },
        "vs-refugee-f-b-granted",
        "commune-smz",
        None,
    );
}

#[test]
fn vs_support_ends_with_lasting_financial_independence() {
    cites(
        "000",
        "Sobald der die Migrantin oder der Migrant dauerhaft finanziell unabhängig wird, endet die Betreuung.",
    );
    let pack = catalog().rule_pack("VS").unwrap();
    for id in [
        "vs-refugee-b-first-5-years",
        "vs-refugee-b-from-year-6",
        "vs-refugee-f-first-7-years",
        "vs-refugee-f-after-7-years",
    ] {
        let rule = pack.rules.iter().find(|r| r.id == id).unwrap();
        assert!(
            rule.reason
                .get("de")
                .contains("dauerhaft finanziell unabhängig"),
            "{id}"
        );
        assert!(
            rule.reason
                .get("fr")
                .contains("durablement indépendante financièrement"),
            "{id}"
        );
        assert!(
            rule.reason
                .get("en")
                .contains("permanently financially independent"),
            "{id}"
        );
    }
}

#[test]
fn vs_the_directive_is_in_force_since_1_may_2020() {
    cites(
        "000",
        "eine neue, ab dem 1. Mai 2020 geltende Weisung erlassen",
    );
    let outcome = ask(Ask {
        status: "refugee-b",
        asylum: Some("2024-01-01"),
        ..VS
    })
    .unwrap();
    assert!(
        outcome
            .answer
            .source()
            .unwrap()
            .citation()
            .contains("1. Mai 2020")
    );
}

#[test]
fn vs_everyone_else_is_the_commune_of_support_domicile_through_its_smz() {
    cites(
        "001",
        "Gemäss Artikel 4 GES obliegt die Sozialhilfe der Gemeinde des Unterstützungswohnsitzes oder der Aufenthaltsgemeinde. Die Gemeindebehörden können ihre Aufgaben an die sozialmedizinischen Zentren delegieren.",
    );
    for status in ["swiss", "c", "b", "l", "g", "ci"] {
        expect(
            Ask { status, ..VS },
            "vs-commune-of-support-domicile",
            "commune-smz",
            None,
        );
    }
    // No status and no commune: nothing to answer from, so no answer (not the default rule).
    assert_eq!(
        ask(Ask {
            status: "none",
            ..VS
        })
        .unwrap_err(),
        check::InputError::NothingGiven
    );
    expect(
        Ask {
            status: "none",
            commune: Some("Sierre"),
            ..VS
        },
        "vs-commune-of-support-domicile",
        "commune-smz",
        None,
    );
    let outcome = ask(Ask {
        status: "c",
        commune: Some("Sierre"),
        ..VS
    })
    .unwrap();
    assert_eq!(outcome.smz.map(|r| r.id.as_str()), Some("cms-sierre"));
    let outcome = ask(Ask {
        status: "swiss",
        commune: Some("Martigny"),
        ..VS
    })
    .unwrap();
    assert_eq!(
        outcome.smz.map(|r| r.id.as_str()),
        Some("cms-martigny-entremont")
    );
    // The SMZ is named only when the commune is responsible.
    let outcome = ask(Ask {
        status: "refugee-b",
        asylum: Some("2024-01-01"),
        commune: Some("Sion"),
        ..VS
    })
    .unwrap();
    assert_eq!(outcome.smz, None);
}

#[test]
fn vs_cases_the_directive_does_not_settle_are_answered_as_not_covered() {
    cites(
        "000",
        "Neue Organisation der Betreuung von anerkannten Flüchtlingen und vorläufig aufgenommenen Flüchtlingen",
    );
    for status in ["asylum-seeker", "provisional-f", "protection-s"] {
        let outcome = ask(Ask { status, ..VS }).unwrap();
        assert!(!outcome.answer.rule.covered, "{status}");
        assert_eq!(outcome.answer.primary().id, "asylum-office", "{status}");
        assert!(
            outcome.answer.rule.reason.get("de").contains("nachfragen"),
            "{status}"
        );
    }
}

#[test]
fn every_quoted_sentence_stands_in_its_seed() {
    for pack in &catalog().rules {
        for rule in pack.rules.iter().filter(|r| r.covered) {
            // The filing numbers of the source documents, which users never see.
            let seed_number = match rule.source.as_str() {
                "dgsk-weisung-2020" => "000",
                "leistungsauftrag-smz" => "001",
                "cmi-aargau-2016" => "002",
                "cmi-aargau-web" => "003",
                "sda-luzern" => "004",
                other => panic!(
                    "{}: covered rules cite a source document, not {other}",
                    rule.id
                ),
            };
            cites(seed_number, &rule.quote);
        }
    }
}

// The errors, each with the field it is about.

fn error(a: Ask) -> InputError {
    match ask(a) {
        Err(e) => e,
        Ok(o) => panic!("expected an error, got {}", o.answer.rule.id),
    }
}

#[test]
fn a_missing_date_names_the_date_the_status_needs() {
    assert_eq!(
        error(Ask {
            status: "refugee-b",
            ..VS
        }),
        InputError::MissingDate(Field::AsylumDate)
    );
    assert_eq!(
        error(Ask {
            status: "refugee-f",
            ..VS
        }),
        InputError::MissingDate(Field::EntryDate)
    );
    assert_eq!(
        error(Ask {
            status: "provisional-f",
            ..LU
        }),
        InputError::MissingDate(Field::EntryDate)
    );
}

#[test]
fn a_date_after_the_reference_date_is_refused() {
    assert_eq!(
        error(Ask {
            status: "refugee-b",
            asylum: Some("2026-11-26"),
            ..VS
        }),
        InputError::DateAfter(
            Field::AsylumDate,
            "2026-11-26".parse().unwrap(),
            "2026-11-25".parse().unwrap()
        )
    );
    assert!(matches!(
        error(Ask {
            status: "refugee-f",
            entry: Some("2027-01-01"),
            ..VS
        }),
        InputError::DateAfter(Field::EntryDate, ..)
    ));
}

#[test]
fn unknown_and_ambiguous_inputs_list_the_candidates() {
    assert!(
        matches!(error(Ask { status: "refugee", ..VS }), InputError::AmbiguousStatus(_, c) if c == ["refugee-b", "refugee-f"])
    );
    assert_eq!(
        error(Ask { status: "x", ..VS }),
        InputError::UnknownStatus("x".into())
    );
    assert!(
        matches!(error(Ask { canton: "ZH", status: "b", ..VS }), InputError::UnknownCanton(_, c) if c.len() == 3)
    );
    assert!(matches!(
        error(Ask {
            status: "b",
            commune: Some("Saint-M"),
            ..VS
        }),
        InputError::AmbiguousCommune(..)
    ));
    assert!(matches!(
        error(Ask {
            status: "b",
            commune: Some("Atlantis"),
            ..VS
        }),
        InputError::UnknownCommune(..)
    ));
    assert!(matches!(
        error(Ask {
            status: "b",
            commune: Some("Sion"),
            ..AG
        }),
        InputError::CommuneOutsideCanton(_)
    ));
    assert!(matches!(
        error(Ask {
            status: "b",
            on: "25.11.2026",
            ..VS
        }),
        InputError::BadDate(Field::On, _)
    ));
    // A unique start of a status name is enough.
    assert_eq!(
        ask(Ask {
            status: "asylum",
            ..VS
        })
        .unwrap()
        .answer
        .rule
        .id,
        "vs-not-settled-asylum"
    );
}
