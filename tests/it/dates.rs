//! Dates: the one ordering rule (a month or a year comes after the days it covers) applied the
//! same on the overview, the timeline, actor pages and every export.

use crate::common::{built, main_region, read};

/// The timeline order that the rule gives for the `dates-order` fixture (its file order is
/// fined, strike, talks, vote, build-up, walkout).
const ORDER: [&str; 6] = ["build-up", "strike", "walkout", "talks", "fined", "vote"];

/// Ids of `event-<id>` anchors in `html`, in order of first appearance.
fn event_ids(html: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (at, _) in html.match_indices("event-") {
        let id: String = html[at + 6..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if ORDER.contains(&id.as_str()) && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

#[test]
fn every_page_and_export_orders_events_the_same_way() {
    let (_tmp, out) = built(Some("dates-order"), &[]);
    let page = |p: &str| read(&out.join("strike").join(p));
    let timeline = page("timeline/index.html");
    assert_eq!(event_ids(main_region(&timeline)), ORDER);
    let actor = page("actors/union/index.html");
    assert_eq!(event_ids(main_region(&actor)), ORDER);
    let keys: Vec<&str> = ORDER
        .iter()
        .copied()
        .filter(|id| ["build-up", "strike", "fined"].contains(id))
        .collect();
    let overview = page("index.html");
    let start = overview.find("id=\"what-happened\"").expect("key events");
    let end = start
        + overview[start..]
            .find("</section>")
            .expect("end of section");
    assert_eq!(event_ids(&overview[start..end]), keys);

    let packet: serde_json::Value = serde_json::from_str(&page("packet.json")).unwrap();
    let ids: Vec<&str> = packet["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ORDER);
    let build_up = &packet["timeline"][0];
    assert_eq!(build_up["display_date"], "c. October–December 2005");
    assert_eq!(build_up["date"]["approximate"], true);
    assert_eq!(build_up["date"]["end_approximate"], true);

    let tl: serde_json::Value = serde_json::from_str(&page("timeline.json")).unwrap();
    let ids: Vec<String> = tl["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap().replace("event-", ""))
        .collect();
    assert_eq!(ids, ORDER);

    let urls: Vec<String> = crate::common::search_records(&out)
        .iter()
        .map(|(i, _, _)| i)
        .filter(|i| i["k"] == "event")
        .map(|i| i["u"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(event_ids(&urls.join(" ")), ORDER);
}
