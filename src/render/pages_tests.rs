//! Unit tests of the page table: its doc comment equals the table, paths and files.

use super::*;

/// The doc comment's table, as the table says it.
fn doc_rows() -> Vec<String> {
    TABLE
        .iter()
        .map(|r| {
            let made = match r.made_by {
                MadeBy::Template(t) => format!("template `{t}`"),
                MadeBy::Producer(p) => p.to_string(),
            };
            let sitemap = if r.sitemap { "yes" } else { "no" };
            format!(
                "| `{}` | `<root>{}` | {made} | {} | {sitemap} |",
                file_of(r.url),
                r.url,
                r.view
            )
        })
        .collect()
}

#[test]
fn the_doc_table_is_the_table() {
    let doc: Vec<&str> = include_str!("pages.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//! "))
        .filter(|l| l.starts_with("| `"))
        .collect();
    let want = doc_rows();
    assert_eq!(doc, want, "update the table in the doc comment of pages.rs");
}

#[test]
fn rows_are_in_out_order() {
    for (i, r) in TABLE.iter().enumerate() {
        assert_eq!(r.out as usize, i, "{:?}", r.out);
    }
}

#[test]
fn every_packet_page_is_planned() {
    let outs: Vec<String> = packet_pages("p", ["a"].into_iter(), ["q"].into_iter())
        .iter()
        .map(Page::output)
        .collect();
    assert_eq!(
        outs,
        [
            "p/index.html",
            "p/article/index.html",
            "p/timeline/index.html",
            "p/actors/index.html",
            "p/questions/index.html",
            "p/print/index.html",
            "p/actors/a/index.html",
            "p/questions/q/index.html"
        ]
    );
    let site: Vec<String> = site_pages().iter().map(Page::output).collect();
    assert_eq!(site, ["index.html", "404.html"]);
}

#[test]
fn paths_urls_and_files() {
    assert_eq!(Out::Actor.url("/r/", "p", "x"), "/r/p/actors/x/");
    assert_eq!(Out::Asset.file("p", "img/a.png"), "p/img/a.png");
    assert_eq!(Out::Index.file("", ""), "index.html");
    assert_eq!(Out::Feed.url("/", "", ""), "/atom.xml");
    assert_eq!(Out::Article.slug_of("p/article/index.html"), Some("p"));
    assert_eq!(Out::Article.slug_of("a/p/article/index.html"), None);
    assert_eq!(Out::Article.slug_of("p/index.html"), None);
    assert_eq!(path_of("a/index.html"), "a/");
    assert_eq!(path_of("index.html"), "");
    assert_eq!(path_of("aindex.html"), "aindex.html");
    assert_eq!(Out::NotFound.kind(), "404");
    assert_eq!(Out::SearchIndex.template(), None);
}
