//! `brief check`: passes on the example and writes nothing; `--deny-warnings` fails on its
//! warning, and passes once packet.yaml acknowledges the word with `not_names`.

use crate::common::{brief_in, copy_dir, fixture, repo, tempdir, tree};

/// A copy of the example project in a temp folder.
fn example_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempdir();
    let root = tmp.path().join("project");
    copy_dir(&repo().join("content"), &root.join("content"));
    (tmp, root)
}

#[test]
fn check_passes_on_the_example_and_writes_nothing() {
    let (tmp, root) = example_copy();
    let before = tree(tmp.path());
    let run = brief_in(&root, ["check", "--root", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("check passed"), "{}", run.stderr);
    assert!(run.stderr.contains("`Hegus` looks like"), "{}", run.stderr);
    assert_eq!(tree(tmp.path()), before, "check changed files");
}

#[test]
fn deny_warnings_fails_on_the_name_audit_warning() {
    let (tmp, root) = example_copy();
    let before = tree(tmp.path());
    let run = brief_in(&root, ["check", "--root", ".", "--deny-warnings"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: `Hegus` looks like"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("check passed"), "{}", run.stderr);
    assert_eq!(tree(tmp.path()), before, "check changed files");
}

#[test]
fn not_names_silences_the_name_audit() {
    let (_tmp, root) = example_copy();
    let meta = root.join("content/us-ukraine/packet.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, format!("{text}not_names: [Hegus]\n")).unwrap();
    let run = brief_in(&root, ["check", "--root", ".", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // The acknowledged word may not also be a declared spelling.
    std::fs::write(&meta, format!("{text}not_names: [Hegus, Hegses]\n")).unwrap();
    let run = brief_in(&root, ["check", "--root", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: `Hegses` is both a declared name and in `not_names`"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_fails_on_content_errors() {
    let dir = fixture("bad-unknown-actor-event");
    let before = tree(&dir);
    let run = brief_in(&dir, ["check", "--root", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown actor `jnoes`"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&dir), before);
}

#[test]
fn check_reports_broken_internal_links_and_anchors() {
    let dir = fixture("broken-link");
    let before = tree(&dir);
    let run = brief_in(&dir, ["check", "--root", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("/p/annex.pdf"), "{}", run.stderr);
    assert!(run.stderr.contains("#nowhere"), "{}", run.stderr);
    assert!(!run.stderr.contains("check passed"), "{}", run.stderr);
    assert_eq!(tree(&dir), before);
}
