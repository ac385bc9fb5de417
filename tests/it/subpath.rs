//! Sites served from a sub-path: every link of every page and feed resolves under `/briefs/`.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::common::{attrs, built, elements, files, read};

const BASE: &str = "https://example.github.io/briefs/";
const ROOT: &str = "/briefs/";

/// Every URL a file links to: `href`, `src` and `cite` attributes, and sitemap `<loc>`s.
fn urls(path: &str, text: &str) -> Vec<String> {
    let mut v: Vec<String> = ["href", "src", "cite"]
        .iter()
        .flat_map(|a| attrs(text, a))
        .collect();
    if path.ends_with(".xml") {
        v.extend(elements(text, "loc"));
        v.extend(
            elements(text, "id")
                .into_iter()
                .filter(|u| u.contains("://")),
        );
    }
    v
}

/// Checks every internal URL of every .html and .xml file of `out`; returns the problems.
fn crawl(out: &Path) -> (Vec<String>, usize) {
    let all: BTreeSet<String> = files(out).into_iter().collect();
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in all
        .iter()
        .filter(|p| p.ends_with(".html") || p.ends_with(".xml"))
    {
        let text = read(&out.join(page));
        for url in urls(page, &text) {
            let lower = url.to_ascii_lowercase();
            if lower.starts_with("mailto:") {
                continue;
            }
            let local = if let Some(rest) = url.strip_prefix(BASE) {
                format!("{ROOT}{rest}")
            } else if lower.starts_with("http://") || lower.starts_with("https://") {
                if lower.contains("example.github.io") || lower.contains("127.0.0.1") {
                    problems.push(format!("{page}: `{url}` is outside the site's base URL"));
                }
                continue; // external
            } else if let Some(frag) = url.strip_prefix('#') {
                format!("{ROOT}{page}#{frag}")
            } else if url.starts_with(ROOT) {
                url.clone()
            } else {
                problems.push(format!("{page}: `{url}` does not start with {ROOT}"));
                continue;
            };
            checked += 1;
            let (path, frag) = local.split_once('#').unwrap_or((&local, ""));
            let path = path.split('?').next().unwrap_or(path);
            let mut target = path[ROOT.len()..].to_string();
            if target.is_empty() || target.ends_with('/') {
                target.push_str("index.html");
            }
            if !all.contains(&target) {
                problems.push(format!("{page}: `{url}` → missing {target}"));
                continue;
            }
            if frag.is_empty() || frag.starts_with(":~:") {
                continue;
            }
            let known = ids
                .entry(target.clone())
                .or_insert_with(|| attrs(&read(&out.join(&target)), "id").into_iter().collect());
            if !known.contains(frag) {
                problems.push(format!("{page}: `{url}` → {target} has no id `{frag}`"));
            }
        }
    }
    (problems, checked)
}

fn check_site(fixture: Option<&str>) {
    let (_tmp, out) = built(fixture, &["--base-url", BASE]);
    let (problems, checked) = crawl(&out);
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn every_link_of_the_example_resolves_under_the_sub_path() {
    check_site(None);
}

#[test]
fn every_link_of_the_small_fixture_resolves_under_the_sub_path() {
    check_site(Some("small"));
}

#[test]
fn every_link_to_a_packet_file_resolves_under_the_sub_path() {
    check_site(Some("assets"));
}

#[test]
fn the_crawler_finds_broken_links() {
    // The check above must be able to fail: a site built for `/` breaks under `/briefs/`.
    let (_tmp, out) = built(Some("small"), &[]);
    let (problems, _) = crawl(&out);
    assert!(problems.len() > 50, "{problems:?}");
}

#[test]
fn the_404_page_links_work_from_any_depth() {
    let (_tmp, out) = built(Some("small"), &["--base-url", BASE]);
    let page = read(&out.join("404.html"));
    let links: Vec<String> = ["href", "src"]
        .iter()
        .flat_map(|a| attrs(&page, a))
        .collect();
    assert!(!links.is_empty());
    for url in links {
        assert!(
            url.starts_with(ROOT) || url.starts_with(BASE) || url.starts_with('#'),
            "404.html links `{url}`, which breaks below the root"
        );
    }
    assert!(page.contains(&format!("href=\"{ROOT}style.css\"")));
    assert!(page.contains(&format!("href=\"{ROOT}\"")));
}

#[test]
fn sitemap_and_feed_list_absolute_urls_of_every_page() {
    let (_tmp, out) = built(Some("small"), &["--base-url", BASE]);
    let sitemap = read(&out.join("sitemap.xml"));
    let locs: BTreeSet<String> = elements(&sitemap, "loc").into_iter().collect();
    let pages: BTreeSet<String> = files(&out)
        .into_iter()
        .filter(|f| f.ends_with("index.html"))
        .map(|f| format!("{BASE}{}", f.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);
    let atom = read(&out.join("atom.xml"));
    assert!(atom.contains(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{BASE}geneva-talks/\"/>"
    )));
    assert!(atom.contains(&format!("<id>{BASE}geneva-talks/</id>")));
    let overview = read(&out.join("geneva-talks/index.html"));
    assert!(overview.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}geneva-talks/\">"
    )));
}
