//! What the fuzz targets share: a scratch folder per process, the shipped catalog, and the
//! invariant every error of a file must keep (it names the file, and its line and column lie
//! inside the file's text).

use intake_desk::catalog::{Catalog, DataError};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The shipped data, loaded once per process.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded)
}

/// A folder of this process's own, in memory where the system has `/dev/shm`.
pub fn scratch(name: &str) -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        let base = Path::new("/dev/shm");
        let base = if base.is_dir() {
            base.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let root = base.join(format!("intake-desk-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("scratch folder");
        root
    });
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).expect("scratch sub-folder");
    dir
}

/// The text an error's line and column refer to: the valid start of the bytes, as decoding
/// stops at the first byte that is not UTF-8.
pub fn text_of(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(e) => String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(),
    }
}

/// An error names `file` and a place inside `text`: 1-based, at most one line past the last
/// line and one column past the end of its line.
pub fn assert_inside(error: &DataError, file: &str, text: &str) {
    assert_eq!(error.file, file, "the error names another file: {error}");
    assert_position(error, text);
}

/// The line and column of `error` lie inside `text`.
pub fn assert_position(error: &DataError, text: &str) {
    assert!(error.line >= 1 && error.column >= 1, "{error}");
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(error.line <= lines.len(), "line past the end: {error}");
    let width = lines[error.line - 1].chars().count();
    assert!(error.column <= width + 1, "column past the end: {error}");
    assert!(
        !error.message.trim().is_empty(),
        "an error without a message"
    );
}

/// Every error names a file, and those naming a file of `files` (path and text) lie inside it.
pub fn assert_all_located(errors: &[DataError], files: &[(String, String)]) {
    assert!(!errors.is_empty(), "a failure without an error");
    for error in errors {
        match files.iter().find(|(name, _)| *name == error.file) {
            Some((_, text)) => assert_position(error, text),
            None => panic!("the error names a file that was not read: {error}"),
        }
    }
}

/// The valid package every HSDS target starts from (the tests' fixture, with a languages table).
const PACKAGE: &[(&str, &str)] = &[
    (
        "services.csv",
        include_str!("../../tests/fixtures/hsds/good/services.csv"),
    ),
    (
        "organizations.csv",
        include_str!("../../tests/fixtures/hsds/good/organizations.csv"),
    ),
    (
        "phones.csv",
        include_str!("../../tests/fixtures/hsds/good/phones.csv"),
    ),
    (
        "locations.csv",
        include_str!("../../tests/fixtures/hsds/good/locations.csv"),
    ),
    (
        "addresses.csv",
        include_str!("../../tests/fixtures/hsds/good/addresses.csv"),
    ),
    (
        "service_at_location.csv",
        include_str!("../../tests/fixtures/hsds/good/service_at_location.csv"),
    ),
    (
        "schedules.csv",
        include_str!("../../tests/fixtures/hsds/good/schedules.csv"),
    ),
    (
        "languages.csv",
        "id,service_id,location_id,phone_id,name,code,note\nla-1,svc-budget,,,Français,fra,\n",
    ),
];

/// Imports the valid package with `table` replaced by `data`: no panic, every error at a place
/// in a file of the package, and the services imported write to our `services.csv` and load
/// back unchanged beside the shipped ones, as `import hsds` writes them.
pub fn fuzz_hsds_table(table: &str, data: &[u8]) {
    use intake_desk::catalog::services;
    use intake_desk::catalog::source::DataFile;
    use intake_desk::import::hsds::{ImportOptions, import};

    let dir = scratch(&format!("hsds-{table}"));
    let mut files = Vec::new();
    for (name, text) in PACKAGE {
        let path = dir.join(name);
        let text = if *name == table {
            text_of(data)
        } else {
            text.to_string()
        };
        if *name == table {
            std::fs::write(&path, data).unwrap();
        } else if !path.exists() {
            std::fs::write(&path, text.as_bytes()).unwrap();
        }
        files.push((path.display().to_string(), text));
    }
    let catalog = catalog();
    let options = ImportOptions {
        lang: "fr".into(),
        category: "debt".into(),
        regions: vec!["cms-bas-valais".into()],
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        known_regions: catalog.regions.iter().map(|r| r.id.clone()).collect(),
    };
    match import(&dir, &options) {
        Ok(imported) => {
            // As `import hsds` writes them: beside the services already in the data.
            let (merged, _) = intake_desk::import::hsds::merged(&catalog.services, &imported);
            let written = DataFile {
                display_name: "data/services.csv".into(),
                text: services::to_csv(&merged),
            };
            let again = services::parse(&written, &options.known_regions)
                .unwrap_or_else(|e| panic!("imported services do not load: {}", e[0]));
            assert_eq!(
                again, merged,
                "imported services change when written and read"
            );
        }
        Err(errors) => assert_all_located(&errors, &files),
    }
}
