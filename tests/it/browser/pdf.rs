//! The print page printed to PDF by headless Chromium, read back with `pdftotext`: several
//! pages, the briefing's sections in order, a running header and page numbers, external links
//! written out. Needs chromium and pdftotext (poppler-utils); skipped with a printed reason
//! without them, unless BRIEF_BROWSER_TESTS is set.

use std::path::PathBuf;
use std::process::Command;

use super::{BASE, chromium, example_site, required_tool};
use crate::common::tempdir;

fn pdftotext() -> Option<PathBuf> {
    required_tool(
        &["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"],
        "pdftotext",
        "apt-get install -y poppler-utils",
    )
}

#[test]
fn the_print_page_prints_as_a_briefing_document() {
    let Some(chromium) = chromium() else { return };
    let Some(pdftotext) = pdftotext() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let pdf = tmp.path().join("packet.pdf");
    let status = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            tmp.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(srv.url(BASE, "us-ukraine/print/"))
        .status()
        .expect("run chromium");
    assert!(status.success() && pdf.exists(), "chromium did not print");
    let out = Command::new(&pdftotext)
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 8, "only {} pages", pages.len());

    // The cover: title, date, bottom line, contents; no running header on it.
    let cover = pages[0];
    assert!(
        cover.contains("The week that upended US–Ukraine relations"),
        "{cover}"
    );
    assert!(cover.contains("As of 20 February 2025"));
    assert!(cover.contains("BOTTOM LINE"));
    assert!(cover.contains("CONTENTS"));
    assert!(
        !cover.contains("Key judgments\n1."),
        "key judgments start on a new page"
    );
    // Then the sections, each in order.
    let cover_len = cover.len();
    let body = &text[cover_len..];
    let at = |s: &str| {
        body.find(s)
            .unwrap_or_else(|| panic!("no `{s}` after the cover"))
    };
    let order = [
        "Key judgments",
        "Likely · moderate confidence",
        "\nTimeline",
        "Russia invades Crimea",
        "Who’s who",
        "The article, annotated",
        "Sources",
    ];
    let found: Vec<usize> = order.iter().map(|s| at(s)).collect();
    assert!(
        found.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {found:?}"
    );
    // Running header and page numbers on later pages; a new page for each major section.
    let second = pages[1];
    assert!(
        second
            .trim_start()
            .starts_with("The week that upended US–Ukraine relations"),
        "{second}"
    );
    assert!(
        second.contains(&format!("Page 2 of {}", pages.len())),
        "{second}"
    );
    for heading in ["Timeline", "Who’s who", "The article, annotated"] {
        let starts = pages.iter().any(|p| {
            p.lines()
                .filter(|l| !l.trim().is_empty())
                .nth(1)
                .is_some_and(|l| l.trim() == heading)
        });
        assert!(starts, "`{heading}` does not start a page");
    }
    // External links are written out on paper.
    assert!(
        text.contains("<https://en.wikipedia.org/wiki/Donald_Trump>"),
        "no printed URL"
    );
    // The chart and the map are in the printed document too.
    assert!(text.contains("Feb 2025") && text.contains("United States"));
}
