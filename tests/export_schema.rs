//! The export's schema versions: batches written by an earlier version (`intake-desk/visit/1`,
//! kept as fixtures with the database that wrote them) are written again byte for byte, and new
//! batches carry the current schema, whose JSON Schema every line satisfies.

mod common;
use common::{Sandbox, stderr};
use std::path::Path;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/visit-1-batches"
);
const JSONL_BATCH: &str = "01a23407-67b0-7337-a41f-90a396e6e24a";
const CSV_BATCH: &str = "01a23407-6830-77c8-a0ef-8b66fc15f328";

/// The fixture database, copied so the test may migrate and write it.
fn earlier_database(sandbox: &Sandbox) -> String {
    let db = sandbox.db();
    std::fs::copy(Path::new(FIXTURES).join("visits.db"), &db).unwrap();
    db.to_str().unwrap().to_string()
}

#[test]
fn batches_of_the_first_schema_are_written_again_byte_for_byte() {
    let sandbox = Sandbox::new();
    let db = earlier_database(&sandbox);
    for (batch, extension) in [(JSONL_BATCH, "jsonl"), (CSV_BATCH, "csv")] {
        let dir = sandbox.path(&format!("redo-{extension}"));
        let out = sandbox.run(&[
            "export",
            "--db",
            &db,
            "--to",
            dir.to_str().unwrap(),
            "--redo",
            batch,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let file = format!("{batch}.{extension}");
        let again = std::fs::read(dir.join(&file)).unwrap();
        let first = std::fs::read(Path::new(FIXTURES).join(&file)).unwrap();
        assert!(
            again == first,
            "{file} differs from the batch first written"
        );
        let text = String::from_utf8(again).unwrap();
        assert!(
            text.contains("intake-desk/visit/1"),
            "it keeps naming its schema"
        );
    }
}
