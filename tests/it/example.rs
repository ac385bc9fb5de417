//! The example project (content/us-ukraine): every contract output path, packet.json, timeline.json.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::common::{attrs, built, read, repo};

const SLUG: &str = "us-ukraine";

/// One list file of the example, parsed.
fn yaml_list(file: &str) -> Vec<Value> {
    let path = repo().join("content").join(SLUG).join(file);
    serde_saphyr::from_str(&read(&path)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn ids(list: &[Value]) -> BTreeSet<String> {
    list.iter()
        .filter_map(|v| v["id"].as_str().map(str::to_string))
        .collect()
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn str_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_str().expect("string").to_string())
        .collect()
}

#[test]
fn every_contract_path_is_written() {
    let (_tmp, out) = built(None, &[]);
    let mut expected: Vec<String> = [
        "index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        ".nojekyll",
        "style.css",
    ]
    .map(String::from)
    .to_vec();
    for page in [
        "index.html",
        "article/index.html",
        "timeline/index.html",
        "actors/index.html",
        "questions/index.html",
        "print/index.html",
        "packet.json",
        "timeline.json",
    ] {
        expected.push(format!("{SLUG}/{page}"));
    }
    for id in ids(&yaml_list("actors.yaml")) {
        expected.push(format!("{SLUG}/actors/{id}/index.html"));
    }
    for id in ids(&yaml_list("questions.yaml")) {
        expected.push(format!("{SLUG}/questions/{id}/index.html"));
    }
    let missing: Vec<&String> = expected.iter().filter(|p| !out.join(p).is_file()).collect();
    assert!(missing.is_empty(), "not written: {missing:?}");
}

#[test]
fn list_sizes_match_the_yaml() {
    let (_tmp, out) = built(None, &[]);
    let packet = json(&out.join(SLUG).join("packet.json"));
    let (events, actors, questions) = (
        yaml_list("timeline.yaml"),
        yaml_list("actors.yaml"),
        yaml_list("questions.yaml"),
    );
    assert!(events.len() >= 15 && actors.len() >= 15 && questions.len() >= 8);
    assert_eq!(packet["timeline"].as_array().unwrap().len(), events.len());
    assert_eq!(packet["actors"].as_array().unwrap().len(), actors.len());
    assert_eq!(
        packet["questions"].as_array().unwrap().len(),
        questions.len()
    );
    let got = |key: &str| -> BTreeSet<String> {
        packet[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids(&events).is_subset(&got("timeline")));
    assert_eq!(got("actors"), ids(&actors));
    assert_eq!(got("questions"), ids(&questions));
}

/// Checks one evidence list; returns its anchors.
fn evidence(list: &Value, blocks: u64, article: &str) -> Vec<String> {
    let mut anchors = Vec::new();
    for e in list.as_array().expect("evidence is a list") {
        let keys: BTreeSet<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["anchor", "block", "quote"]), "{e}");
        assert!(!e["quote"].as_str().unwrap().is_empty());
        let block = e["block"].as_u64().unwrap();
        assert!((1..=blocks).contains(&block), "{e}");
        let anchor = e["anchor"].as_str().unwrap();
        let mark = format!("<mark class=\"evidence\" id=\"{anchor}\">");
        let at = article
            .find(&mark)
            .unwrap_or_else(|| panic!("no {mark} in the article"));
        // The mark lies inside its block: after `p-N`, before `p-N+1`.
        let start = article.find(&format!(" id=\"p-{block}\"")).unwrap();
        let next = article
            .find(&format!(" id=\"p-{}\"", block + 1))
            .unwrap_or(article.len());
        assert!(start < at && at < next, "{anchor} is not in block {block}");
        anchors.push(anchor.to_string());
    }
    anchors
}

#[test]
fn packet_json_has_the_contract_fields() {
    let (_tmp, out) = built(None, &[]);
    let p = json(&out.join(SLUG).join("packet.json"));
    let article = read(&out.join(SLUG).join("article/index.html"));
    let article_ids: HashSet<String> = attrs(&article, "id").into_iter().collect();
    assert_eq!(p["slug"], SLUG);
    assert!(!p["title"].as_str().unwrap().is_empty());
    let blocks = p["blocks"].as_u64().unwrap();
    assert!(article_ids.contains(&format!("p-{blocks}")));
    assert!(!article_ids.contains(&format!("p-{}", blocks + 1)));

    let mut anchors = Vec::new();
    let mut previous = (0, 0, 0);
    let event_ids = |key: &str| -> BTreeSet<String> {
        p[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (all_events, all_actors, all_questions) = (
        event_ids("timeline"),
        event_ids("actors"),
        event_ids("questions"),
    );
    for e in p["timeline"].as_array().unwrap() {
        assert!(!e["id"].as_str().unwrap().is_empty());
        assert!(!e["title"].as_str().unwrap().is_empty());
        assert!(!e["display_date"].as_str().unwrap().is_empty());
        let d = &e["date"];
        let start = d["start"].as_str().unwrap();
        let precision = d["precision"].as_str().unwrap();
        let want_len = match precision {
            "year" => 4,
            "month" => 7,
            "day" => 10,
            other => panic!("precision {other}"),
        };
        assert_eq!(start.len(), want_len, "{e}");
        assert!(d["end"].is_null() || d["end"].is_string(), "{e}");
        assert!(d["approximate"].is_boolean(), "{e}");
        // Sorted by the latest day each event can have started (a month by its last day).
        let mut parts = start.split('-').map(|s| s.parse::<u32>().unwrap());
        let key = (
            parts.next().unwrap(),
            parts.next().unwrap_or(12),
            parts.next().unwrap_or(31),
        );
        assert!(previous <= key, "timeline not sorted at {e}");
        previous = key;
        assert!(str_set(&e["actors"]).is_subset(&all_actors), "{e}");
        anchors.extend(evidence(&e["evidence"], blocks, &article));
    }
    for a in p["actors"].as_array().unwrap() {
        assert!(!a["name"].as_str().unwrap().is_empty());
        str_set(&a["aliases"]);
        for m in a["mentions"].as_array().unwrap() {
            let n = m.as_u64().unwrap();
            assert!((1..=blocks).contains(&n), "{a}");
        }
        assert!(str_set(&a["events"]).is_subset(&all_events), "{a}");
        assert!(str_set(&a["questions"]).is_subset(&all_questions), "{a}");
    }
    for q in p["questions"].as_array().unwrap() {
        assert!(["open", "answered", "moot"].contains(&q["status"].as_str().unwrap()));
        assert!(["high", "medium", "low"].contains(&q["priority"].as_str().unwrap()));
        assert!(str_set(&q["actors"]).is_subset(&all_actors), "{q}");
        anchors.extend(evidence(&q["evidence"], blocks, &article));
    }
    assert!(
        anchors.len() >= 15,
        "only {} evidence anchors",
        anchors.len()
    );
    let unique: HashSet<&String> = anchors.iter().collect();
    assert_eq!(unique.len(), anchors.len(), "evidence anchors repeat");
    // Hegseth is mentioned (the audit's point: Hegus is not counted, other spellings are).
    let hegseth = p["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "hegseth")
        .expect("hegseth");
    assert!(!hegseth["mentions"].as_array().unwrap().is_empty());
}

#[test]
fn timeline_json_is_timelinejs3() {
    let (_tmp, out) = built(None, &[]);
    let p = json(&out.join(SLUG).join("packet.json"));
    let t = json(&out.join(SLUG).join("timeline.json"));
    assert!(!t["title"]["text"]["headline"].as_str().unwrap().is_empty());
    let events = t["events"].as_array().unwrap();
    let timeline = p["timeline"].as_array().unwrap();
    assert_eq!(events.len(), timeline.len());
    let mut seen = HashSet::new();
    for (tj, pe) in events.iter().zip(timeline) {
        let uid = tj["unique_id"].as_str().unwrap();
        assert!(seen.insert(uid.to_string()), "unique_id {uid} repeats");
        assert!(
            uid.ends_with(pe["id"].as_str().unwrap()),
            "{uid} vs {}",
            pe["id"]
        );
        let start = &tj["start_date"];
        let iso = pe["date"]["start"].as_str().unwrap();
        let parts: Vec<i64> = iso.split('-').map(|s| s.parse().unwrap()).collect();
        assert_eq!(start["year"].as_i64(), Some(parts[0]), "{tj}");
        assert_eq!(start["month"].as_i64(), parts.get(1).copied(), "{tj}");
        assert_eq!(start["day"].as_i64(), parts.get(2).copied(), "{tj}");
        assert_eq!(
            tj["end_date"].is_object(),
            pe["date"]["end"].is_string(),
            "{tj}"
        );
        assert_eq!(tj["display_date"], pe["display_date"]);
        assert!(!tj["text"]["headline"].as_str().unwrap().is_empty());
    }
}
