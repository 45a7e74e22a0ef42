//! Referral slips: whom they are for and why, the date as staff write it, private files, and
//! never one slip written over another.

mod common;
use common::{Sandbox, stderr};

#[test]
fn a_slip_says_whom_it_is_for_why_and_when_and_its_file_is_private() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("caritas.txt");
    let out = sandbox.run(&[
        "slip",
        "caritas-vs",
        "--lang",
        "en",
        "--for",
        "Ticket 7",
        "--reason",
        "Miete",
        "--format",
        "text",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(common::file_mode(&file), 0o600);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("For") && text.contains("Ticket 7"), "{text}");
    assert!(text.contains("Reason") && text.contains("Miete"), "{text}");
    let today = chrono::Local::now()
        .date_naive()
        .format("%d.%m.%Y")
        .to_string();
    assert!(text.contains(&format!("Issued on {today}")), "{text}");
    // What people typed is checked before it is printed.
    let out = sandbox.run(&["slip", "caritas-vs", "--for", "Ticket\u{1b}[2J"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn two_slips_for_one_service_on_one_day_are_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = intake_desk::catalog::Catalog::embedded();
    let service = catalog.service("caritas-vs").unwrap();
    let today = chrono::Local::now().date_naive();
    let slip = |who: &str| intake_desk::slip::SlipFor {
        who: Some(who.into()),
        reason: None,
    };
    let first = intake_desk::slip::save(
        dir.path(),
        service,
        &catalog.i18n,
        "de",
        None,
        &slip("Haddad, Fatima"),
        today,
    )
    .unwrap();
    let second = intake_desk::slip::save(
        dir.path(),
        service,
        &catalog.i18n,
        "de",
        None,
        &slip("Tesfay, Selam"),
        today,
    )
    .unwrap();
    assert_ne!(first, second);
    assert!(
        std::fs::read_to_string(&first)
            .unwrap()
            .contains("Haddad, Fatima")
    );
    assert!(
        std::fs::read_to_string(&second)
            .unwrap()
            .contains("Tesfay, Selam")
    );
    assert_eq!(common::file_mode(&second), 0o600);
}
