//! `brief quote SLUG TEXT`: every place of a text, with the entry that picks it; pasted, each
//! entry anchors exactly there.

use std::path::Path;
use std::process::Command;

use insta::assert_snapshot;

use crate::common::{build, fixture, project_copy, read};

/// Runs `brief quote` on the project at `root`: exit code and stdout.
fn quote(root: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("quote")
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run brief");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn each_occurrence_is_printed_with_the_entry_that_picks_it() {
    let root = fixture("errors-ambiguous-quote");
    let (code, out) = quote(&root, &["p", "met"]);
    assert_eq!(code, 1, "{out}");
    assert_snapshot!("quote_twice", out);
    let (code, out) = quote(&root, &["p", "said the talks"]);
    assert_eq!(code, 0, "{out}");
    assert_snapshot!("quote_once", out);
}

#[test]
fn a_text_not_found_gets_the_closest_passage() {
    let (code, out) = quote(
        &fixture("errors-ambiguous-quote"),
        &["p", "Smith said the talks were productive"],
    );
    assert_eq!(code, 1, "{out}");
    assert_snapshot!("quote_none", out);
}

#[test]
fn an_unknown_packet_is_a_usage_error() {
    let (code, _) = quote(&fixture("errors-ambiguous-quote"), &["nope", "met"]);
    assert_eq!(code, 2);
}

#[test]
fn json_entries_pasted_into_the_packet_anchor_where_they_were_found() {
    let (tmp, root) = project_copy("errors-ambiguous-quote");
    let (code, out) = quote(&root, &["p", "Jones", "--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["count"], 3);
    let matches = v["matches"].as_array().unwrap();
    assert_eq!(matches[1]["line"], 3);
    assert_eq!(matches[1]["column"], 1);
    assert_eq!(matches[1]["block"], 2);
    // Every entry, pasted as the evidence of an event, builds and highlights its own place.
    let mut yaml = String::from("title: Geneva talks\ntimeline:\n");
    for (i, m) in matches.iter().enumerate() {
        yaml.push_str(&format!(
            "  - date: 2025-03-1{i}\n    title: Event {i}\n    evidence:\n"
        ));
        for line in m["yaml"].as_str().unwrap().lines() {
            yaml.push_str(&format!("      {line}\n"));
        }
    }
    std::fs::write(root.join("content/p/packet.yaml"), yaml).unwrap();
    let out = tmp.path().join("out");
    build(&root, &out, &[]).ok();
    let html = read(&out.join("p/article/index.html"));
    // In document order: "Bob «Jones»", "«Jones» left", "Tuesday. «Jones» met".
    for (i, before) in ["Bob ", "<p id=\"p-2\">", "Tuesday. "].iter().enumerate() {
        let mark = format!(
            "{before}<mark class=\"evidence\" id=\"ev-event-2025-03-1{i}-event-{i}-1\">Jones</mark>"
        );
        assert!(html.contains(&mark), "{mark}\n{html}");
    }
}
