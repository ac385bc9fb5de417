//! What the browser is given, checked without one: the search index, the page-head metadata,
//! the pictures' markup and links, and the search box's no-script fallback.

use std::path::Path;

use serde_json::Value;

use super::BASE;
use crate::common::{attrs, build, read, repo, tempdir};

fn example(tmp: &Path) -> std::path::PathBuf {
    let out = tmp.join("out");
    build(
        &repo(),
        &out,
        &["--base-url", "https://user.example/briefs/"],
    )
    .ok();
    out
}

/// The JSON-LD of a page (the first block).
fn ld(html: &str) -> Value {
    let body = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("a JSON-LD block");
    serde_json::from_str(body).expect("valid JSON-LD")
}

/// The `content` of `<meta property|name="{key}" …>`.
fn meta<'a>(html: &'a str, key: &str) -> &'a str {
    let pattern = format!("=\"{key}\" content=\"");
    let at = html.find(&pattern).unwrap_or_else(|| panic!("no {key}"));
    let rest = &html[at + pattern.len()..];
    &rest[..rest.find('"').unwrap_or(0)]
}

#[test]
fn the_search_index_covers_every_kind_with_base_path_anchors() {
    let tmp = tempdir();
    let out = example(tmp.path());
    let records = crate::common::search_records(&out);
    assert_eq!(records[0].2, "/briefs/us-ukraine/");
    let items: Vec<&Value> = records.iter().map(|(i, _, _)| i).collect();
    for kind in ["event", "question", "actor", "block"] {
        assert!(items.iter().any(|i| i["k"] == kind), "no {kind}");
    }
    assert_eq!(items.iter().filter(|i| i["k"] == "event").count(), 34);
    for item in &items {
        let url = item["u"].as_str().unwrap();
        let inside = url
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} lacks the base path"));
        let (page, anchor) = inside.split_once('#').unwrap_or((inside, ""));
        let html = read(&out.join(page).join("index.html"));
        if !anchor.is_empty() {
            assert!(
                attrs(&html, "id").iter().any(|i| i == anchor),
                "{url}: no such anchor"
            );
        }
        assert!(!item["t"].as_str().unwrap().is_empty());
    }
    let zelensky = items
        .iter()
        .find(|i| i["k"] == "actor" && i["t"] == "Volodymyr Zelensky")
        .unwrap();
    assert!(
        zelensky["x"]
            .as_str()
            .unwrap()
            .contains("Volodimia Zelensky"),
        "aliases are searchable"
    );
}

#[test]
fn page_heads_carry_opengraph_and_schema_org() {
    let tmp = tempdir();
    let out = example(tmp.path());
    let overview = read(&out.join("us-ukraine/index.html"));
    assert_eq!(
        meta(&overview, "og:url"),
        "https://user.example/briefs/us-ukraine/"
    );
    assert_eq!(
        meta(&overview, "og:title"),
        "The week that upended US–Ukraine relations"
    );
    assert_eq!(meta(&overview, "twitter:card"), "summary");
    let description = meta(&overview, "og:description");
    assert!(description.starts_with("In the week of 10 February 2025 the Trump administration"));
    assert!(!description.contains("**") && description.chars().count() <= 200);
    assert_eq!(meta(&overview, "description"), description);
    let report = ld(&overview);
    assert_eq!(report["@context"], "https://schema.org");
    assert_eq!(report["@type"], "Report");
    // The source note says the text is a machine translation.
    let based = &report["isBasedOn"];
    assert_eq!(based["@type"], "NewsArticle");
    assert_eq!(based["translationOfWork"]["publisher"]["name"], "NBC News");
    let article = ld(&read(&out.join("us-ukraine/article/index.html")));
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(
        article["isBasedOn"]["headline"],
        "Inside the week that upended U.S.-Ukraine relations"
    );
    let timeline = ld(&read(&out.join("us-ukraine/timeline/index.html")));
    assert_eq!(timeline["itemListElement"].as_array().unwrap().len(), 34);
    assert_eq!(timeline["itemListElement"][0]["item"]["@type"], "Event");
    assert_eq!(timeline["itemListElement"][0]["item"]["startDate"], "2014");
    let hegseth = ld(&read(&out.join("us-ukraine/actors/hegseth/index.html")));
    assert_eq!(hegseth["@type"], "Person");
    assert!(
        hegseth["alternateName"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Hegses")
    );
    let pentagon = ld(&read(&out.join("us-ukraine/actors/pentagon/index.html")));
    assert_eq!(pentagon["@type"], "Organization");
    let answered = ld(&read(
        &out.join("us-ukraine/questions/hegseth-remarks-coordinated/index.html"),
    ));
    assert_eq!(answered["@type"], "Question");
    assert_eq!(answered["acceptedAnswer"]["@type"], "Answer");
    let open = ld(&read(
        &out.join("us-ukraine/questions/nato-in-settlement/index.html"),
    ));
    assert!(open.get("acceptedAnswer").is_none());
}

#[test]
fn the_pictures_are_accessible_svg_whose_marks_link_to_their_items() {
    let tmp = tempdir();
    let out = example(tmp.path());
    let timeline = read(&out.join("us-ukraine/timeline/index.html"));
    let svg = &timeline[timeline.find("<svg class=\"chart-svg\"").expect("a chart")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(
        svg.contains("role=\"group\"") && svg.contains("<title id=") && svg.contains("<desc id=")
    );
    let ids = attrs(&timeline, "id");
    let marks: Vec<String> = attrs(svg, "href")
        .into_iter()
        .filter(|h| h.contains("#event-"))
        .collect();
    assert_eq!(marks.len(), 34);
    for m in &marks {
        let anchor = m.split_once('#').unwrap().1;
        assert!(ids.iter().any(|i| i == anchor), "{m}");
    }
    assert!(svg.contains("class=\"axis-break\""), "the axis is broken");
    let overview = read(&out.join("us-ukraine/index.html"));
    assert!(overview.contains("<figure class=\"chart timeline-chart chart-small\">"));
    let actors = read(&out.join("us-ukraine/actors/index.html"));
    let map = &actors[actors
        .find("<figure class=\"chart actor-map\">")
        .expect("the map")..];
    let nodes: Vec<String> = attrs(map, "href")
        .into_iter()
        .filter(|h| h.starts_with("/briefs/us-ukraine/actors/"))
        .collect();
    for id in ["trump", "zelensky", "saudi-arabia", "nato"] {
        assert!(
            nodes.iter().any(|n| n.ends_with(&format!("/actors/{id}/"))),
            "{id}"
        );
    }
    let actor = read(&out.join("us-ukraine/actors/trump/index.html"));
    assert!(actor.contains("<figure class=\"chart neighbourhood\">"));
    assert!(actor.contains("→ spoke by phone on 12 February"));
}

#[test]
fn without_scripts_the_search_box_stays_hidden() {
    let tmp = tempdir();
    let out = example(tmp.path());
    for page in ["index.html", "us-ukraine/index.html", "404.html"] {
        let html = read(&out.join(page));
        assert!(html.contains("<form class=\"site-search\" role=\"search\" action=\"/briefs/\" data-index=\"/briefs/_search/meta.json\" hidden>"), "{page}");
        assert!(
            html.contains("<a class=\"site-title\" href=\"/briefs/\">"),
            "{page}"
        );
        assert!(
            html.contains("<script src=\"/briefs/search.js\" defer></script>"),
            "{page}"
        );
    }
    let js = read(&out.join("search.js"));
    assert!(
        !js.contains("innerHTML")
            && !js.contains("insertAdjacentHTML")
            && !js.contains("document.write")
    );
}
