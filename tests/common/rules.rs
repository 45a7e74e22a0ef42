//! What the competence rule tests share: the seeds they cite, and a way to ask a question.
#![allow(dead_code)] // each rule test file uses a different part

use intake_desk::catalog::Catalog;
use intake_desk::check::{self, Input, InputError};
use std::sync::OnceLock;

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded)
}

pub fn seed(number: &str) -> String {
    let text = match number {
        "000" => include_str!("../fixtures/seeds/000.txt"),
        "001" => include_str!("../fixtures/seeds/001.txt"),
        "002" => include_str!("../fixtures/seeds/002.txt"),
        "003" => include_str!("../fixtures/seeds/003.txt"),
        "004" => include_str!("../fixtures/seeds/004.txt"),
        other => panic!("no seed {other}"),
    };
    normalise(text)
}

pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fails unless the seed really says `sentence`.
pub fn cites(seed_number: &str, sentence: &str) {
    assert!(
        seed(seed_number).contains(&normalise(sentence)),
        "seed {seed_number} does not contain: {sentence}"
    );
}

#[derive(Default, Clone, Copy)]
pub struct Ask {
    pub canton: &'static str,
    pub status: &'static str,
    pub asylum: Option<&'static str>,
    pub entry: Option<&'static str>,
    pub c_entitled: bool,
    pub b_granted: bool,
    pub resident: bool,
    pub commune: Option<&'static str>,
    pub on: &'static str,
}

pub fn ask(a: Ask) -> Result<check::Outcome<'static>, InputError> {
    let input = Input {
        canton: a.canton,
        status: a.status,
        asylum_date: a.asylum,
        entry_date: a.entry,
        c_entitled: a.c_entitled,
        b_granted: a.b_granted,
        resident_in_commune: a.resident,
        commune: a.commune,
        on: Some(a.on),
    };
    check::check(catalog(), &input, "2026-11-25".parse().unwrap())
}

/// Expected: rule id, primary body, and the next change ("date body") if any.
pub fn expect(a: Ask, rule: &str, primary: &str, next: Option<&str>) {
    let outcome = ask(a).unwrap_or_else(|e| panic!("{} on {}: {e:?}", a.status, a.on));
    let answer = &outcome.answer;
    assert_eq!(answer.rule.id, rule, "{} on {}", a.status, a.on);
    assert_eq!(answer.primary().id, primary, "{} on {}", a.status, a.on);
    let next_change = answer
        .next_change
        .map(|(on, body)| format!("{on} {}", body.id));
    assert_eq!(next_change.as_deref(), next, "{} on {}", a.status, a.on);
}

/// Valais on the reference day of the tests; the other cantons start from it.
pub const VS: Ask = Ask {
    canton: "VS",
    status: "",
    asylum: None,
    entry: None,
    c_entitled: false,
    b_granted: false,
    resident: false,
    commune: None,
    on: "2026-11-25",
};

pub const AG: Ask = Ask { canton: "AG", ..VS };

pub const LU: Ask = Ask { canton: "LU", ..VS };
