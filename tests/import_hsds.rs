//! `intake-desk import services`: an HSDS 3.0 package imports; a broken one is refused with file:line.

mod common;
use common::{Sandbox, stderr, stdout};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/hsds/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_package_imports_into_the_data_folder_and_is_searchable() {
    let sandbox = Sandbox::new();
    let data = sandbox.path("data");
    std::fs::create_dir_all(&data).unwrap();
    let data = data.to_str().unwrap();
    let out = sandbox.run(&[
        "--data",
        data,
        "import",
        "services",
        &fixture("good"),
        "--category",
        "debt",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("imported 2 services"),
        "{}",
        stdout(&out)
    );

    let out = sandbox.run(&["--data", data, "data", "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sandbox.run(&[
        "--data",
        data,
        "directory",
        "search",
        "permanence budget",
        "--format",
        "json",
    ]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &hits[0];
    assert_eq!(first["id"], "hsds-svc-budget");
    assert_eq!(first["phone"], "000 000 00 01");
    assert_eq!(first["address"], "Rue de l'Exemple 1, 1870 Monthey");
    // The organisation's phone stands in where the service has none; inactive services stay out.
    let out = sandbox.run(&[
        "--data",
        data,
        "directory",
        "search",
        "repas solidaire",
        "--format",
        "json",
    ]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["web"], "https://repas.exemple.invalid");
    let out = sandbox.run(&[
        "--data",
        data,
        "directory",
        "search",
        "service ferme",
        "--format",
        "json",
    ]);
    assert_eq!(stdout(&out).trim(), "[]");
    // The shipped services are still there.
    let out = sandbox.run(&["--data", data, "directory", "search", "caritas"]);
    assert!(stdout(&out).starts_with("caritas-vs"));

    // Importing again replaces, never doubles.
    let out = sandbox.run(&["--data", data, "import", "services", &fixture("good")]);
    assert!(
        stdout(&out).contains("(2 replacing entries of the same id)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_broken_package_is_refused_with_file_line_and_field() {
    let sandbox = Sandbox::new();
    let data = sandbox.path("data");
    std::fs::create_dir_all(&data).unwrap();
    let out = sandbox.run(&[
        "--data",
        data.to_str().unwrap(),
        "import",
        "services",
        &fixture("broken"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let phones = format!("{}/phones.csv", fixture("broken"));
    assert!(err.contains(&format!("{phones}:3:")), "{err}");
    assert!(
        err.contains("service_id \"svc-nowhere\" is not the id of a row in services.csv"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{phones}:4:")) && err.contains("the field number is empty"),
        "{err}"
    );
    assert!(!data.join("services.csv").exists(), "nothing written");
}

#[test]
fn import_needs_a_target_folder() {
    let out = Sandbox::new().run(&["import", "services", &fixture("good")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--data DIR"));
}
