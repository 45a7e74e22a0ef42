//! `intake-desk directory export DIR` as a desk runs it: what it writes imports back into the
//! same directory, it never writes over a package another system made, and two runs at once
//! leave one whole package.

mod common;

use common::{Sandbox, stderr, stdout};
use std::path::Path;

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn export_import_and_export_again_give_the_same_package() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let out = sandbox.run(&[
        "directory",
        "correct",
        "sipe",
        "--phone",
        "027 000 33 44",
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = sandbox.path("first");
    let out = sandbox.run(&["directory", "export", first.to_str().unwrap(), "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("exported 56 services ("),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("1 corrections made at this desk"));

    // Another desk: its own data folder and a database with no corrections.
    let data = sandbox.path("other-desk");
    std::fs::create_dir_all(&data).unwrap();
    let data = data.to_str().unwrap();
    let out = sandbox.run(&[
        "--data",
        data,
        "import",
        "services",
        first.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sandbox.run(&[
        "--data",
        data,
        "directory",
        "search",
        "sipe",
        "--db",
        sandbox.path("other.db").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["id"], "sipe");
    assert_eq!(hits[0]["phone"], "027 000 33 44");
    let second = sandbox.path("second");
    let out = sandbox.run(&[
        "--data",
        data,
        "directory",
        "export",
        second.to_str().unwrap(),
        "--db",
        sandbox.path("other.db").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (first, second) = (files(&first), files(&second));
    assert_eq!(first.len(), 12, "11 tables and datapackage.json");
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        if name == "metadata.csv" {
            // The change log of the desk that made the correction; the other desk made none.
            assert_eq!(a.lines().count(), 2, "{a}");
            assert_eq!(b.lines().count(), 1, "{b}");
        } else {
            assert_eq!(a, b, "{name} differs after a round trip");
        }
    }
}

#[test]
fn a_package_another_system_wrote_is_not_written_over() {
    let sandbox = Sandbox::new();
    let theirs = sandbox.write(
        "theirs/services.csv",
        "id,name,status\nsvc-1,Budget,active\n",
    );
    let dir = theirs.parent().unwrap().to_str().unwrap();
    let out = sandbox.run(&["directory", "export", dir]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("already holds services.csv of a package intake-desk did not write"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&theirs).unwrap(),
        "id,name,status\nsvc-1,Budget,active\n"
    );
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        1,
        "nothing written"
    );

    // --force writes over it; an export of ours is then written over without asking.
    let out = sandbox.run(&["directory", "export", dir, "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sandbox.run(&["directory", "export", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn two_exports_at_once_leave_one_whole_package() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("shared");
    let dir = dir.to_str().unwrap();
    let runs: Vec<_> = (0..2)
        .map(|_| sandbox.spawn(&["directory", "export", dir], &[]))
        .collect();
    for run in runs {
        let out = run.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let names: Vec<String> = files(Path::new(dir)).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), 12, "no temporary file left: {names:?}");
    let data = sandbox.path("data");
    std::fs::create_dir_all(&data).unwrap();
    let out = sandbox.run(&["--data", data.to_str().unwrap(), "import", "services", dir]);
    assert!(
        stdout(&out).contains("imported 56 services"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_texts_are_german_or_french() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("fr");
    let out = sandbox.run(&[
        "directory",
        "export",
        dir.to_str().unwrap(),
        "--texts",
        "fr",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let services = std::fs::read_to_string(dir.join("services.csv")).unwrap();
    assert!(services.contains(",CMS régional de Sierre,SMZ Siders (regional),"));
    let out = sandbox.run(&[
        "directory",
        "export",
        dir.to_str().unwrap(),
        "--texts",
        "it",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--texts it: write de or fr"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_or_a_folder_that_cannot_be_made_is_named() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("notes.txt", "a file, not a folder\n");
    let out = sandbox.run(&["directory", "export", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("notes.txt is a file: give a folder for the package"),
        "{}",
        stderr(&out)
    );
    let below = file.join("package");
    let out = sandbox.run(&["directory", "export", below.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("cannot create the folder {}: ", below.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "a file, not a folder\n"
    );
}
