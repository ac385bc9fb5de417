//! Unit tests of the unknown-key adapter, one per case it handles.

use std::path::Path;

use super::*;
use crate::diag::{Diagnostics, Kind};

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct T {
    title: Option<String>,
    date: Option<String>,
    list: Option<Vec<Item>>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    id: Option<String>,
    name: Option<String>,
}

/// Parses `text` as a [`T`]: whether a value came back, `line:message` of each diagnostic,
/// and the typos.
fn run(text: &str) -> (bool, Vec<String>, Vec<(usize, usize, String)>) {
    let mut d = Diagnostics::default();
    let mut typos = Vec::new();
    let v: Option<T> = parse_all(
        text,
        Path::new("f.yaml"),
        &Options::default(),
        &mut d,
        &mut typos,
    );
    let msgs = d
        .sorted()
        .iter()
        .map(|d| format!("{}:{}", d.line, d.message))
        .collect();
    let kinds: Vec<&Kind> = d.sorted().iter().map(|d| &d.kind).collect();
    assert!(
        kinds
            .iter()
            .all(|k| !matches!(k, Kind::Other | Kind::MissingKey(_))),
        "{kinds:?}"
    );
    let typos = typos.into_iter().map(|t| (t.line, t.col, t.key)).collect();
    (v.is_some(), msgs, typos)
}

#[test]
fn unknown_keys_are_commented_out_with_their_values() {
    let text = "a: 1\ntitel:\n  - x\n  - y\nb: 2\n";
    assert_eq!(
        comment_out(text, 2),
        "a: 1\n#titel:\n#  - x\n#  - y\nb: 2\n"
    );
    let list = "- id: a\n  titel: x\n  date: 2025\n";
    assert_eq!(comment_out(list, 2), "- id: a\n  #titel: x\n  date: 2025\n");
}

#[test]
fn every_unknown_key_of_a_file_is_reported_and_the_rest_still_read() {
    let (ok, msgs, typos) = run("titel: x\ndate: 2025\nsumary: y\n");
    assert!(ok);
    assert_eq!(msgs, ["1:unknown key `titel`", "3:unknown key `sumary`"]);
    assert_eq!(typos, [(1, 1, "title".to_string())]);
}

#[test]
fn an_unknown_key_in_a_list_entry_names_the_entrys_first_key() {
    let (ok, msgs, typos) = run("list:\n  - id: a\n    nmae: A\n");
    assert!(ok);
    assert_eq!(msgs, ["3:unknown key `nmae`"]);
    assert_eq!(typos, [(2, 5, "name".to_string())]);
}

#[test]
fn an_alias_into_a_commented_out_value_stops_quietly() {
    let (ok, msgs, _) = run("titel: &t x\ndate: *t\n");
    assert!(!ok);
    assert_eq!(msgs, ["1:unknown key `titel`"]);
}

#[test]
fn another_error_stops_the_rounds() {
    let (ok, msgs, _) = run("titel: x\ndate: 'x' y\n");
    assert!(!ok);
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert_eq!(msgs[0], "1:unknown key `titel`");
}

#[test]
fn the_rounds_are_bounded() {
    let text: String = (0..MAX_ROUNDS + 4).map(|i| format!("k{i}: x\n")).collect();
    let (ok, msgs, _) = run(&text);
    assert!(!ok);
    assert_eq!(msgs.len(), MAX_ROUNDS);
}

#[test]
fn mapping_start_finds_the_entrys_first_key() {
    let text = "- id: a\n  name: A\n  relations:\n    - to: b\n      lable: x\n";
    assert_eq!(mapping_start(text, 5, 7), (4, 7));
    assert_eq!(mapping_start(text, 2, 3), (1, 3));
    assert_eq!(mapping_start("titel: x\n", 1, 1), (1, 1));
}
