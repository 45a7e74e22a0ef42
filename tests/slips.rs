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
    let today = intake_desk::desk_time::today()
        .format("%d.%m.%Y")
        .to_string();
    assert!(text.contains(&format!("Issued on {today}")), "{text}");
    // What people typed is checked before it is printed.
    let out = sandbox.run(&["slip", "caritas-vs", "--for", "Ticket\u{1b}[2J"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn two_slips_for_one_service_on_one_day_are_two_private_files() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = intake_desk::catalog::Catalog::embedded();
    let today = intake_desk::desk_time::today();
    let save = |who: &str| {
        let recipient = intake_desk::slip::SlipFor {
            who: Some(who.into()),
            ..Default::default()
        };
        let slip = intake_desk::slip::Slip {
            service: catalog.service("caritas-vs").unwrap(),
            i18n: &catalog.i18n,
            topics: &catalog.topics,
            staff: "de",
            visitor: None,
            second: None,
            recipient: &recipient,
            issuer: None,
            today,
        };
        intake_desk::slip::save(dir.path(), &slip).unwrap()
    };
    let first = save("Haddad, Fatima");
    let second = save("Tesfay, Selam");
    assert_ne!(first, second);
    let read = |path: &std::path::Path| std::fs::read_to_string(path).unwrap();
    assert!(read(&first).contains("Haddad, Fatima"));
    assert!(read(&second).contains("Tesfay, Selam"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
    for file in [&first, &second] {
        assert_eq!(common::file_mode(file), 0o600);
    }
}

#[test]
fn a_slip_names_the_centre_of_the_desk_and_the_appointment() {
    let sandbox = Sandbox::new();
    sandbox.write("config/intake-desk/config.toml", "centre = \"smzo\"\n");
    let in_a_week = (intake_desk::desk_time::today() + chrono::Days::new(7))
        .format("%d.%m.%Y")
        .to_string();
    let out = sandbox.run(&[
        "slip",
        "lavi-upper",
        "--lang",
        "de",
        "--format",
        "text",
        "--appointment",
        &in_a_week,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "Ausgestellt von",
        "Sozialmedizinisches Zentrum Oberwallis (SMZO)",
        "027 922 30 20",
        "Termin",
        in_a_week.as_str(),
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // A French-speaking service, the visitor's language unknown: the slip has a French part.
    let out = sandbox.run(&["slip", "fava", "--lang", "de", "--format", "text"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("ORIENTATION") && text.contains("Établi par"),
        "{text}"
    );
    // A past appointment and an unknown centre are refused with the reason.
    let out = sandbox.run(&["slip", "lavi", "--appointment", "01.01.2020"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("past"), "{}", stderr(&out));
    let out = sandbox.run(&["slip", "lavi", "--centre", "atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("smzo"), "{}", stderr(&out));
    sandbox.write("config/intake-desk/config.toml", "centre = \"atlantis\"\n");
    let out = sandbox.run(&["slip", "lavi"]);
    assert!(stderr(&out).contains("config.toml:1:"), "{}", stderr(&out));
}

#[test]
fn the_copy_command_writes_the_topics_in_the_visitors_language_beside_the_staffs() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("copy.html");
    let out = sandbox.run(&[
        "--lang",
        "fr",
        "copy",
        "rights-and-duties",
        "decision-30-days",
        "--visitor-lang",
        "ar",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(common::file_mode(&file), 0o600);
    let page = std::fs::read_to_string(&file).unwrap();
    assert_eq!(page.matches("<article").count(), 2);
    assert!(page.contains("<section lang=\"ar\" dir=\"rtl\">"));
    assert!(page.contains("<section lang=\"fr\" dir=\"ltr\">"));
    assert!(page.contains("Vos droits et vos devoirs"));
    assert!(page.contains("@page { size: A4"));

    let out = sandbox.run(&["copy", "rent", "--visitor-lang", "ti"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown topic \"rent\"")
            && stderr(&out).contains("rights-and-duties")
    );
    let out = sandbox.run(&["copy", "rights-and-duties", "--visitor-lang", "xx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--visitor-lang xx: not a language code"),
        "{}",
        stderr(&out)
    );
}
