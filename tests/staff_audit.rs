//! Staff accounts, sign-in and roles on the command line, and the audit trail: every audited
//! action writes one entry in the staff member's name, and `audit verify` finds an entry changed
//! or removed behind the program's back.

mod common;
use common::{Sandbox, stderr, stdout};
use intake_desk::store::Store;

const ADMIN_PIN: &str = "Matterhorn-4478";
const RECEPTION_PIN: &str = "Gornergrat-1203";

/// A database with the admin `mb` and the reception account `rz`.
fn desk(sandbox: &Sandbox) -> String {
    let db = sandbox.db().to_str().unwrap().to_string();
    let out = sandbox.run_with_env(
        &["staff", "add", "mb", "--role", "admin", "--db", &db],
        &[("INTAKE_DESK_NEW_PIN", ADMIN_PIN)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("first admin"), "{}", stdout(&out));
    let out = as_staff(
        sandbox,
        "mb",
        ADMIN_PIN,
        &["staff", "add", "rz", "--role", "reception", "--db", &db],
        &[("INTAKE_DESK_NEW_PIN", RECEPTION_PIN)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn as_staff(
    sandbox: &Sandbox,
    name: &str,
    pin: &str,
    args: &[&str],
    extra: &[(&str, &str)],
) -> std::process::Output {
    let mut env = vec![("INTAKE_DESK_STAFF", name), ("INTAKE_DESK_PIN", pin)];
    env.extend_from_slice(extra);
    sandbox.run_with_env(args, &env)
}

/// A command as the admin `mb`.
fn as_admin(sandbox: &Sandbox, args: &[&str], extra: &[(&str, &str)]) -> std::process::Output {
    as_staff(sandbox, "mb", ADMIN_PIN, args, extra)
}

fn audit(sandbox: &Sandbox, db: &str) -> Vec<serde_json::Value> {
    let out = as_staff(
        sandbox,
        "mb",
        ADMIN_PIN,
        &["audit", "--format", "json", "--db", db],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Saves a synthetic identified visit with consent, as the desk `rz` would, and gives its id.
fn saved_visit(db: &str) -> String {
    let mut visit = common::visits::identified("Zenhäusern", "Amélie", "1961-04-02");
    visit.staff_id = "rz".into();
    visit.consent_to_export = true;
    let mut store = Store::open(std::path::Path::new(db)).unwrap();
    store.insert_visits([&visit]).unwrap();
    visit.id.to_string()
}

#[test]
fn the_first_account_is_an_admin_made_without_sign_in_and_the_pin_is_kept_only_as_a_hash() {
    let sandbox = Sandbox::without_staff();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    drop(Store::open(std::path::Path::new(db)).unwrap());
    let nobody = sandbox.run(&["visits", "list", "--db", db]);
    assert_eq!(nobody.status.code(), Some(4));
    assert!(
        stderr(&nobody)
            .contains("create the first admin with `intake-desk staff add NAME --role admin`"),
        "{}",
        stderr(&nobody)
    );
    let not_admin = sandbox.run_with_env(
        &["staff", "add", "rz", "--role", "reception", "--db", db],
        &[("INTAKE_DESK_NEW_PIN", RECEPTION_PIN)],
    );
    assert_eq!(not_admin.status.code(), Some(2));
    assert!(stderr(&not_admin).contains("must be an admin"));
    let short = sandbox.run_with_env(
        &["staff", "add", "mb", "--role", "admin", "--db", db],
        &[("INTAKE_DESK_NEW_PIN", "1234")],
    );
    assert_eq!(short.status.code(), Some(2));
    assert!(stderr(&short).contains("at least 6"), "{}", stderr(&short));

    desk(&sandbox);
    // A second "first admin" is refused: adding needs an admin signed in now.
    let again = sandbox.run_with_env(
        &["staff", "add", "xy", "--role", "admin", "--db", db],
        &[
            ("INTAKE_DESK_NEW_PIN", "Breithorn-77"),
            ("INTAKE_DESK_STAFF", ""),
        ],
    );
    assert_eq!(again.status.code(), Some(4), "{}", stderr(&again));
    let by_reception = as_staff(
        &sandbox,
        "rz",
        RECEPTION_PIN,
        &["staff", "add", "xy", "--role", "admin", "--db", db],
        &[("INTAKE_DESK_NEW_PIN", "Breithorn-77")],
    );
    assert_eq!(by_reception.status.code(), Some(4));
    assert!(
        stderr(&by_reception).contains("needs the role admin; rz is signed in as reception"),
        "{}",
        stderr(&by_reception)
    );
    let listed = as_staff(
        &sandbox,
        "mb",
        ADMIN_PIN,
        &["staff", "list", "--format", "json", "--db", db],
        &[],
    );
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let roles: Vec<(&str, &str)> = listed
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["role"].as_str().unwrap()))
        .collect();
    assert_eq!(roles, [("mb", "admin"), ("rz", "reception")]);
    // No PIN stands in the file, only Argon2id hashes.
    drop(Store::open(std::path::Path::new(db)).unwrap());
    let bytes = std::fs::read(db).unwrap();
    for pin in [ADMIN_PIN, RECEPTION_PIN] {
        assert!(!bytes.windows(pin.len()).any(|w| w == pin.as_bytes()));
    }
    let hashes: Vec<String> = common::raw(db)
        .prepare("SELECT pin_hash FROM staff ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(hashes.len(), 2);
    assert!(
        hashes.iter().all(|h| h.starts_with("$argon2id$")),
        "{hashes:?}"
    );
    if common::test_key().is_none() {
        // The scan above would find a PIN: a plain file shows its hashes.
        assert!(bytes.windows(10).any(|w| w == b"$argon2id$"));
    }
}

#[test]
fn a_reception_account_cannot_export_or_merge_and_the_refusal_names_the_role() {
    let sandbox = Sandbox::without_staff();
    let db = desk(&sandbox);
    saved_visit(&db);
    for args in [
        &["export", "--to", "out"][..],
        &["persons", "merge", "a", "b"],
        &["db", "backup", "copy.db"],
        &["audit"],
        &["persons", "duplicates"],
    ] {
        let mut args = args.to_vec();
        args.extend(["--db", &db]);
        let out = as_staff(&sandbox, "rz", RECEPTION_PIN, &args, &[]);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("needs the role"), "{args:?}: {err}");
        assert!(err.contains("rz is signed in as reception"), "{err}");
    }
    assert!(!sandbox.path("out").exists() && !sandbox.path("copy.db").exists());
    // What reception does is allowed.
    let out = as_staff(
        &sandbox,
        "rz",
        RECEPTION_PIN,
        &["visits", "list", "--db", &db],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = as_staff(
        &sandbox,
        "mb",
        ADMIN_PIN,
        &["export", "--to", "out", "--db", &db],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_urgent_handover_is_read_by_the_social_workers_and_reception_sees_only_that_it_happened() {
    let sandbox = Sandbox::without_staff();
    let db = desk(&sandbox);
    let out = as_admin(
        &sandbox,
        &["staff", "add", "sw", "--role", "social-worker", "--db", &db],
        &[("INTAKE_DESK_NEW_PIN", "Saas-Fee-3906")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut visit = common::visits::identified("Zenhäusern", "Amélie", "1961-04-02");
    visit.kind = intake_desk::domain::VisitKind::UrgentHandover;
    visit.note = Some("Wohnung gekündigt, heute Nacht ohne Bleibe".into());
    visit.staff_id = "rz".into();
    let mut store = Store::open(std::path::Path::new(&db)).unwrap();
    store.insert_visits([&visit]).unwrap();
    drop(store);
    let id = visit.id.to_string();
    let show = ["visits", "show", id.as_str(), "--db", db.as_str()];
    let refused = as_staff(&sandbox, "rz", RECEPTION_PIN, &show, &[]);
    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("urgent handovers needs the role social-worker"),
        "{}",
        stderr(&refused)
    );
    assert!(!stdout(&refused).contains("Zenhäusern"));
    let list = as_staff(
        &sandbox,
        "rz",
        RECEPTION_PIN,
        &["visits", "list", "--format", "json", "--db", &db],
        &[],
    );
    assert!(list.status.success(), "{}", stderr(&list));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["kind"], "urgent-handover");
    assert!(listed[0]["note"].is_null(), "{}", listed[0]);
    let read = as_staff(&sandbox, "sw", "Saas-Fee-3906", &show, &[]);
    assert!(read.status.success(), "{}", stderr(&read));
    let shown: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(shown["person"]["official_name"], "Zenhäusern");
    assert_eq!(shown["note"], "Wohnung gekündigt, heute Nacht ohne Bleibe");
}

#[test]
fn five_wrong_pins_make_the_next_attempt_wait_even_with_the_right_pin() {
    let sandbox = Sandbox::without_staff();
    let db = desk(&sandbox);
    let list = ["visits", "list", "--db", db.as_str()];
    for attempt in 1..=5 {
        let out = as_staff(&sandbox, "rz", "wrong-pin-0", &list, &[]);
        assert_eq!(out.status.code(), Some(4));
        let err = stderr(&out);
        assert!(err.contains("wrong PIN for rz"), "{err}");
        if attempt == 4 {
            assert!(err.contains("1 more before a wait"), "{err}");
        }
        if attempt == 5 {
            assert!(err.contains("wait 10 s"), "{err}");
        }
    }
    let right = as_staff(&sandbox, "rz", RECEPTION_PIN, &list, &[]);
    assert_eq!(right.status.code(), Some(4));
    assert!(
        stderr(&right).contains("too many wrong PINs for rz: wait"),
        "{}",
        stderr(&right)
    );
    // Another account is not held up, and the attempts are in the trail.
    let admin = as_staff(&sandbox, "mb", ADMIN_PIN, &list, &[]);
    assert!(admin.status.success(), "{}", stderr(&admin));
    let failed = audit(&sandbox, &db)
        .into_iter()
        .filter(|e| e["action"] == "sign-in-failed" && e["staff"] == "rz")
        .count();
    assert_eq!(failed, 5);
    // An admin's new PIN ends the wait.
    let out = as_staff(
        &sandbox,
        "mb",
        ADMIN_PIN,
        &["staff", "pin", "rz", "--db", &db],
        &[("INTAKE_DESK_NEW_PIN", "Riffelsee-9981")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = as_staff(&sandbox, "rz", "Riffelsee-9981", &list, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn each_audited_command_writes_one_entry_in_the_signed_in_name_without_personal_data() {
    let sandbox = Sandbox::without_staff();
    let db = desk(&sandbox);
    let visit = saved_visit(&db);
    let steps: &[(&[&str], &str, &str)] = &[
        (&["visits", "list"], "rz", "read"),
        (&["visits", "show", &visit], "rz", "read"),
        (&["visits", "note", &visit, "called back"], "rz", "note"),
        (
            &["visits", "correct", &visit, "--birth-date", "1961-04-03"],
            "rz",
            "correct",
        ),
        (
            &["directory", "correct", "caritas-vs", "--checked"],
            "rz",
            "correct",
        ),
        (&["export", "--to", "out"], "mb", "export"),
        (&["db", "backup", "copy.db"], "mb", "backup"),
    ];
    let mut seen = audit(&sandbox, &db).len();
    for (args, who, action) in steps {
        let pin = if *who == "mb" {
            ADMIN_PIN
        } else {
            RECEPTION_PIN
        };
        let mut args = args.to_vec();
        args.extend(["--db", &db]);
        let out = as_staff(&sandbox, who, pin, &args, &[]);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let entries = audit(&sandbox, &db);
        // The sign-in of this command, its action, and the sign-in of the `audit` before.
        let new: Vec<&serde_json::Value> = entries[seen..]
            .iter()
            .filter(|e| e["action"] != "sign-in")
            .collect();
        assert_eq!(new.len(), 1, "{args:?}: {new:?}");
        assert_eq!(new[0]["action"], *action, "{args:?}");
        assert_eq!(new[0]["staff"], *who, "{args:?}");
        let signed_in = entries[seen..]
            .iter()
            .filter(|e| e["action"] == "sign-in" && e["staff"] == *who)
            .count();
        assert!(signed_in >= 1, "{args:?}");
        seen = entries.len();
    }
    let entries = audit(&sandbox, &db);
    let of_visit: Vec<&str> = entries
        .iter()
        .filter(|e| {
            e["record_ids"]
                .as_array()
                .unwrap()
                .iter()
                .any(|id| id == visit.as_str())
        })
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(of_visit, ["create", "read", "read", "note", "correct"]);
    let export = entries.iter().find(|e| e["action"] == "export").unwrap();
    assert_eq!(export["detail"]["count"], 1);
    assert!(
        export["detail"]["target"]
            .as_str()
            .unwrap()
            .ends_with("out")
    );
    let text = serde_json::to_string(&entries).unwrap();
    for personal in ["Zenhäusern", "Amélie", "1961-04-0", "called back"] {
        assert!(!text.contains(personal), "{personal} in the audit trail");
    }
    // The --record filter finds the same entries.
    let out = as_staff(
        &sandbox,
        "mb",
        ADMIN_PIN,
        &["audit", "--record", &visit, "--format", "csv", "--db", &db],
        &[],
    );
    assert_eq!(stdout(&out).lines().count(), 1 + of_visit.len());
    let out = as_staff(
        &sandbox,
        "mb",
        ADMIN_PIN,
        &["audit", "--by", "rz", "--format", "json", "--db", &db],
        &[],
    );
    let by_rz: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(by_rz.iter().all(|e| e["staff"] == "rz") && !by_rz.is_empty());
}

#[test]
fn audit_verify_finds_an_entry_changed_or_deleted_behind_the_programs_back() {
    let sandbox = Sandbox::without_staff();
    let db = desk(&sandbox);
    saved_visit(&db);
    let verify = || {
        as_staff(
            &sandbox,
            "mb",
            ADMIN_PIN,
            &["audit", "verify", "--db", &db],
            &[],
        )
    };
    let out = verify();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("audit trail intact"),
        "{}",
        stdout(&out)
    );

    let conn = common::raw(&db);
    // The program's own guard: entries cannot be changed or deleted.
    for statement in [
        "UPDATE audit_trail SET staff = 'someone' WHERE seq = 2",
        "DELETE FROM audit_trail WHERE seq = 2",
    ] {
        let err = conn.execute(statement, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{err}");
    }
    // Someone with another SQLite tool drops the guard and edits an entry.
    conn.execute_batch(
        "DROP TRIGGER audit_trail_no_update; DROP TRIGGER audit_trail_no_delete;
         UPDATE audit_trail SET staff = 'someone' WHERE seq = 2;",
    )
    .unwrap();
    let out = verify();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("entry 2 was changed after it was written"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("tampered with"), "{}", stderr(&out));
    // Put back, the chain holds again; then one is removed.
    conn.execute("UPDATE audit_trail SET staff = 'mb' WHERE seq = 2", [])
        .unwrap();
    let store = Store::open(std::path::Path::new(&db)).unwrap();
    assert!(store.verify_audit().unwrap().problems.is_empty());
    conn.execute("DELETE FROM audit_trail WHERE seq = 3", [])
        .unwrap();
    let out = verify();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("entry 3 is missing"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn two_desks_writing_at_once_keep_one_unbroken_chain() {
    let sandbox = Sandbox::without_staff();
    let db = desk(&sandbox);
    let visit = saved_visit(&db);
    let children: Vec<_> = (0..4)
        .map(|i| {
            sandbox.spawn(
                &["visits", "note", &visit, &format!("note {i}"), "--db", &db],
                &[
                    ("INTAKE_DESK_STAFF", "rz"),
                    ("INTAKE_DESK_PIN", RECEPTION_PIN),
                ],
            )
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let store = Store::open(std::path::Path::new(&db)).unwrap();
    let check = store.verify_audit().unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    let notes = audit(&sandbox, &db)
        .into_iter()
        .filter(|e| e["action"] == "note")
        .count();
    assert_eq!(notes, 4);
}

#[test]
fn the_log_of_an_older_database_is_chained_into_the_trail_on_migration() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    intake_desk::store::build_old_schema(&db, 13);
    let conn = common::raw(&db);
    conn.execute_batch(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES
            ('2026-03-01T09:00:00+01:00', 'mb', 'save', 'visit', 'v-1'),
            ('2026-03-02T09:00:00+01:00', 'rz', 'merge', 'person-merge', 'm-1');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&db).unwrap();
    let entries = store.audit_entries(&Default::default()).unwrap();
    let kept: Vec<(&str, &str, &str, &[String])> = entries
        .iter()
        .map(|e| {
            (
                e.staff.as_str(),
                e.action.as_str(),
                e.entity.as_str(),
                e.record_ids.as_slice(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            ("mb", "save", "visit", &["v-1".to_string()][..]),
            ("rz", "merge", "person-merge", &["m-1".to_string()][..])
        ]
    );
    assert!(store.verify_audit().unwrap().problems.is_empty());
}

#[test]
fn a_disabled_account_cannot_sign_in_and_the_last_admin_stays() {
    let sandbox = Sandbox::without_staff();
    let db = desk(&sandbox);
    let out = as_admin(&sandbox, &["staff", "disable", "mb", "--db", &db], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("last admin"), "{}", stderr(&out));
    let out = as_staff(
        &sandbox,
        "mb",
        ADMIN_PIN,
        &["staff", "disable", "rz", "--db", &db],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = as_staff(
        &sandbox,
        "rz",
        RECEPTION_PIN,
        &["visits", "list", "--db", &db],
        &[],
    );
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("rz is disabled"), "{}", stderr(&out));
    let out = as_staff(
        &sandbox,
        "nobody",
        RECEPTION_PIN,
        &["visits", "list", "--db", &db],
        &[],
    );
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("no staff member nobody"));
    // Without a PIN and without a terminal to ask on, the command says how to give one.
    let out = sandbox.run_with_env(
        &["visits", "list", "--db", &db],
        &[("INTAKE_DESK_STAFF", "mb"), ("INTAKE_DESK_PIN", "")],
    );
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("INTAKE_DESK_PIN"), "{}", stderr(&out));
}
