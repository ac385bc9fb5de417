//! Snapshots of every page's `<main>` for the small fixture, and the article's markup contract.

use insta::assert_snapshot;

use crate::common::{attrs, built, main_region, read};

/// The `<main>` of `page` (relative to the output) in a fresh build of the small fixture.
fn main_of(page: &str) -> String {
    let (_tmp, out) = built(Some("small"), &[]);
    main_region(&read(&out.join(page))).to_string()
}

#[test]
fn site_index() {
    assert_snapshot!("index", main_of("index.html"));
}

#[test]
fn overview() {
    assert_snapshot!("overview", main_of("geneva-talks/index.html"));
}

#[test]
fn article() {
    assert_snapshot!("article", main_of("geneva-talks/article/index.html"));
}

#[test]
fn timeline() {
    assert_snapshot!("timeline", main_of("geneva-talks/timeline/index.html"));
}

#[test]
fn actors() {
    assert_snapshot!("actors", main_of("geneva-talks/actors/index.html"));
}

#[test]
fn one_actor() {
    assert_snapshot!("actor_lee", main_of("geneva-talks/actors/lee/index.html"));
}

#[test]
fn an_actor_lists_the_relations_declared_to_it() {
    // Lee declares "deputy of → Smith"; Smith's page lists it in text, with its evidence.
    let main = main_of("geneva-talks/actors/smith/index.html");
    assert_snapshot!("actor_smith_relations", relations_section(&main));
    assert!(main.contains("<li id=\"relation-from-lee\">"), "{main}");
}

/// The `<section id="relations">` of an actor page.
fn relations_section(main: &str) -> &str {
    let start = main
        .find("<section id=\"relations\"")
        .expect("relations section");
    let end = start + main[start..].find("</section>").expect("end") + "</section>".len();
    &main[start..end]
}

#[test]
fn questions() {
    assert_snapshot!("questions", main_of("geneva-talks/questions/index.html"));
}

#[test]
fn one_question() {
    assert_snapshot!(
        "question_talks_useful",
        main_of("geneva-talks/questions/talks-useful/index.html")
    );
}

#[test]
fn print() {
    assert_snapshot!("print", main_of("geneva-talks/print/index.html"));
}

#[test]
fn article_marks_evidence_links_mentions_and_numbers_blocks() {
    let (_tmp, out) = built(Some("small"), &[]);
    let html = read(&out.join("geneva-talks/article/index.html"));
    let main = main_region(&html);
    // Blocks: heading, paragraph, two list items, code, paragraph, footnote paragraph.
    for n in 1..=6 {
        assert!(main.contains(&format!(" id=\"p-{n}\"")), "no p-{n}");
    }
    // The article's `#` heading sits below the page title (the only h1): it differs from the
    // source's title, so it stays a block.
    assert!(main.contains("<h2 id=\"p-1\">Talks in Geneva</h2>"));
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(main.contains("<p id=\"p-2\">"));
    assert!(main.contains("<li id=\"p-3\">"));
    assert!(main.contains("<pre class=\"code language-rust\" id=\"p-5\">"));
    // The quote spanning the emphasis is one highlight with one id, continued piece by piece.
    assert_eq!(
        main.matches("<mark class=\"evidence\" id=\"ev-event-geneva-talks-1\">")
            .count(),
        1
    );
    assert!(
        main.contains("<em><mark class=\"evidence\" data-evidence=\"ev-event-geneva-talks-1\">")
    );
    // Every evidence anchor of packet.json is a mark on the page.
    let packet: serde_json::Value =
        serde_json::from_str(&read(&out.join("geneva-talks/packet.json"))).unwrap();
    let ids = attrs(main, "id");
    for list in [&packet["timeline"], &packet["questions"]] {
        for item in list.as_array().unwrap() {
            for e in item["evidence"].as_array().unwrap() {
                let anchor = e["anchor"].as_str().unwrap();
                assert!(ids.iter().any(|i| i == anchor), "no mark {anchor}");
                assert!(main.contains(&format!("<mark class=\"evidence\" id=\"{anchor}\">")));
            }
        }
    }
    // Mentions: the first of each actor is linked (`mentions: first`), in emphasis too.
    assert!(
        main.contains("<a class=\"mention\" href=\"/geneva-talks/actors/smith/\">Alice Smith</a>")
    );
    assert!(
        main.contains("<a class=\"mention\" href=\"/geneva-talks/actors/jones/\">Bob Jones</a>")
    );
    assert!(main.contains("<a class=\"mention\" href=\"/geneva-talks/actors/lee/\">Carol Lee</a>"));
    assert_eq!(
        main.matches("<a class=\"mention\" href=\"/geneva-talks/actors/smith/\"")
            .count(),
        1
    );
    // The footnote is numbered and linked both ways.
    assert!(main.contains("href=\"#fn-officials\""));
    assert!(main.contains("id=\"fn-officials\""));
}

#[test]
fn packet_json_of_the_small_fixture_resolves_dates_and_mentions() {
    let (_tmp, out) = built(Some("small"), &[]);
    let p: serde_json::Value =
        serde_json::from_str(&read(&out.join("geneva-talks/packet.json"))).unwrap();
    let t = &p["timeline"];
    // In date order: 10–12 March, 12 March, then c. March 2025 (a month sorts after its days).
    assert_eq!(t[0]["display_date"], "10–12 March 2025");
    assert_eq!(t[0]["date"]["end"], "2025-03-12");
    assert_eq!(t[0]["evidence"][0]["block"], 2);
    assert_eq!(t[1]["id"], "2025-03-12-ministers-agree-to-meet-again");
    assert_eq!(t[2]["id"], "lee-arrives");
    assert_eq!(t[2]["display_date"], "c. March 2025");
    assert_eq!(
        t[2]["date"],
        serde_json::json!({"start": "2025-03", "end": null, "precision": "month",
            "approximate": true, "end_approximate": false})
    );
    let jones = &p["actors"][2];
    assert_eq!(jones["id"], "jones");
    assert_eq!(jones["mentions"], serde_json::json!([2, 6]));
    assert_eq!(jones["aliases"], serde_json::json!(["Jones"]));
    assert_eq!(p["questions"][1]["status"], "answered");
}

#[test]
fn page_titles_name_the_site_once() {
    let (_tmp, out) = built(Some("small"), &[]);
    let title = |page: &str| {
        let html = read(&out.join(page));
        let start = html.find("<title>").unwrap() + "<title>".len();
        let end = html.find("</title>").unwrap();
        html[start..end].to_string()
    };
    assert_eq!(
        title("geneva-talks/index.html"),
        "Geneva talks · Test briefs"
    );
    assert_eq!(title("404.html"), "Page not found · Test briefs");
    assert_eq!(title("index.html"), "Test briefs");
}
