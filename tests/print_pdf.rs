//! Printed as a browser prints them: slips and written copies rendered to PDF by headless
//! Chromium fit one A4 page for one service or topic, with no browser header or footer (date,
//! title, file path, page number). Needs chromium and poppler-utils (pdfinfo, pdftotext), which
//! CI does not have: `cargo test --test print_pdf -- --ignored`.

mod common;
use common::{Sandbox, stderr};
use std::path::Path;
use std::process::Command;

/// The PDF's page count, page size and text.
fn print(html: &Path, profile: &Path) -> (u32, String, String) {
    let pdf = html.with_extension("pdf");
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    (
        field("Pages:").parse().unwrap(),
        field("Page size:"),
        String::from_utf8(text.stdout).unwrap(),
    )
}

#[test]
#[ignore = "needs chromium and poppler-utils: cargo test --test print_pdf -- --ignored"]
fn slips_and_written_copies_print_on_one_a4_page_without_a_browser_header() {
    let sandbox = Sandbox::new();
    let profile = sandbox.path("chromium");
    let mut pages = Vec::new();
    for service in ["caritas-vs", "smzo", "lavi"] {
        let file = sandbox.path(&format!("slip-{service}.html"));
        let out = sandbox.run(&[
            "slip",
            service,
            "--visitor-lang",
            "ti",
            "--for",
            "Selam Tesfay",
            "--reason",
            "Schulden, Mahnungen, Betreibung",
            "--format",
            "html",
            "--out",
            file.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        pages.push(file);
    }
    // The longest topic, in the scripts that take the most room.
    for lang in ["ar", "ti", "ta"] {
        let file = sandbox.path(&format!("copy-{lang}.html"));
        let out = sandbox.run(&[
            "copy",
            "documents-financial-request",
            "--visitor-lang",
            lang,
            "--out",
            file.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        pages.push(file);
    }
    for page in pages {
        let (count, size, text) = print(&page, &profile);
        assert_eq!(count, 1, "{} takes one page", page.display());
        assert!(size.contains("(A4)"), "{}: {size}", page.display());
        assert!(
            !text.contains("file://") && !text.contains("1/1"),
            "{}: the browser printed its own header or footer:\n{text}",
            page.display()
        );
    }
}
