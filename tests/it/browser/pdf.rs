//! The print page printed to PDF by headless Chromium, read back with `pdftotext`: several
//! pages, the briefing's sections in order, a running header and page numbers, external links
//! written out. The actors and timeline pages printed too: each picture on the first sheet with
//! its heading, its labels at 8 pt or more. Needs chromium and pdftotext (poppler-utils);
//! skipped with a printed reason without them, unless BRIEF_BROWSER_TESTS is set.

use std::path::{Path, PathBuf};
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

/// Prints `url` to `<tmp>/<name>.pdf` with Chromium and returns the PDF's path.
fn print(chromium: &Path, tmp: &Path, name: &str, url: &str) -> PathBuf {
    let pdf = tmp.join(format!("{name}.pdf"));
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", tmp.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .status()
        .expect("run chromium");
    assert!(
        status.success() && pdf.exists(),
        "chromium did not print {url}"
    );
    pdf
}

/// The words of sheet `page` of `pdf` with the height of their boxes in points, leaving out
/// the page margins (running header and page number).
fn words(pdftotext: &Path, pdf: &Path, page: usize) -> Vec<(String, f64)> {
    let out = Command::new(pdftotext)
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |line: &str, name: &str| -> f64 {
        line.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    let height = text
        .lines()
        .find(|l| l.contains("<page "))
        .map_or(842.0, |l| attr(l, "height"));
    text.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .filter(|l| attr(l, "yMin") > 50.0 && attr(l, "yMax") < height - 50.0)
        .map(|l| {
            let word = l
                .split('>')
                .nth(1)
                .and_then(|w| w.split('<').next())
                .unwrap_or("");
            (word.to_string(), attr(l, "yMax") - attr(l, "yMin"))
        })
        .collect()
}

/// The sheets of `pdf` as text.
fn sheets(pdftotext: &Path, pdf: &Path) -> Vec<String> {
    let out = Command::new(pdftotext)
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A word box of the sans-serif used is 1.164 em tall: 8 pt text gives 9.3 pt boxes.
const EIGHT_POINT_BOX: f64 = 9.25;

#[test]
fn the_actors_and_timeline_pages_print_their_pictures_readably_on_the_first_sheet() {
    let Some(chromium) = chromium() else { return };
    let Some(pdftotext) = pdftotext() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());

    // The timeline: the chart on sheet 1 under its heading, every word there at 8 pt or more.
    let pdf = print(
        &chromium,
        tmp.path(),
        "timeline",
        &srv.url(BASE, "us-ukraine/timeline/"),
    );
    let pages = sheets(&pdftotext, &pdf);
    let first = &pages[0];
    assert!(
        first.contains("Timeline") && first.contains("Russia invades Crimea"),
        "{first}"
    );
    assert!(
        first.contains("Feb 2025"),
        "the axis is on sheet 1: {first}"
    );
    let small: Vec<(String, f64)> = words(&pdftotext, &pdf, 1)
        .into_iter()
        .filter(|w| w.1 < EIGHT_POINT_BOX)
        .collect();
    assert!(
        small.is_empty(),
        "under 8 pt on the timeline's first sheet: {small:?}"
    );
    assert!(
        pages
            .iter()
            .any(|p| p.contains("White House official defends"))
    );
    eprintln!("timeline page: {} sheets", pages.len());

    // The actors: the map, the list of sides and the first relations on sheet 1; each name in
    // the list at 8 pt or more.
    let pdf = print(
        &chromium,
        tmp.path(),
        "actors",
        &srv.url(BASE, "us-ukraine/actors/"),
    );
    let pages = sheets(&pdftotext, &pdf);
    let first = &pages[0];
    for text in ["Map", "UNITED STATES", "Saudi Arabia", "1. Donald Trump"] {
        assert!(first.contains(text), "no `{text}` on sheet 1: {first}");
    }
    let lines = first.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(lines > 40, "sheet 1 is nearly blank: {lines} lines");
    let words1 = words(&pdftotext, &pdf, 1);
    for name in ["Ullyot", "Umerov", "NATO"] {
        let best = words1
            .iter()
            .filter(|w| w.0 == name)
            .map(|w| w.1)
            .fold(0.0, f64::max);
        assert!(
            best >= EIGHT_POINT_BOX,
            "{name} is printed under 8 pt ({best})"
        );
    }
    eprintln!("actors page: {} sheets", pages.len());
}
