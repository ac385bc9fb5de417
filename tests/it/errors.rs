//! Content errors beyond one snapshot per mistake (the `bad-*` corpus, `corpus.rs`, has those):
//! a failed `brief build` writes nothing and says so, several errors at once in order, errors
//! of one file that do not hide another's, follow-on errors left out.

use insta::assert_snapshot;

use crate::common::{build, fixture, project_copy, tempdir};

/// Builds fixture `name`, which must fail with exit code 1 and write nothing; returns stderr.
fn errors_of(name: &str) -> String {
    let tmp = tempdir();
    let out = tmp.path().join("out");
    let run = build(&fixture(name), &out, &[]);
    assert_eq!(run.code, 1, "{name}: exit code\n{}", run.stderr);
    assert!(
        !out.exists(),
        "{name}: a failed build wrote {}",
        out.display()
    );
    assert!(
        run.stderr
            .ends_with("build failed: nothing was written; the previous output is unchanged\n"),
        "{}",
        run.stderr
    );
    run.stderr
}

#[test]
fn unknown_key_suggests_the_closest_key() {
    let err = errors_of("errors-unknown-key");
    assert!(err.contains("did you mean `summary`?"), "{err}");
    assert!(err.contains("known keys here: title, summary,"), "{err}");
    assert_snapshot!("unknown_key", err);
}

#[test]
fn unknown_key_does_not_hide_the_files_other_errors() {
    let (tmp, root) = project_copy("errors-unknown-key");
    let meta = root.join("content/p/packet.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, format!("{text}as_of: 2025-02-30\n")).unwrap();
    let run = build(&root, &tmp.path().join("out"), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown key `sumary`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("invalid date `2025-02-30`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 errors found"), "{}", run.stderr);
}

#[test]
fn quote_differences_are_marked_and_named() {
    let err = errors_of("errors-quote-differences");
    // The en dash of the article matches the quote's hyphen: no error for the first entry.
    assert!(!err.contains("a day early"), "{err}");
    assert!(
        err.contains("different case: `s` in the quote, `S` in the article"),
        "{err}"
    );
    assert!(
        err.contains("a zero-width space (U+200B) in the quote"),
        "{err}"
    );
    assert!(
        err.contains("`prefix` does not match the text before the quote"),
        "{err}"
    );
    assert!(
        err.contains("`suffix` does not match the text after the quote"),
        "{err}"
    );
    assert!(err.contains("`...` does not skip words"), "{err}");
    assert!(err.contains("6 errors found"), "{err}");
    assert_snapshot!("quote_differences", err);
}

#[test]
fn every_error_of_two_files_is_reported_in_order() {
    let err = errors_of("errors-many");
    // Sorted by file, then line: packet.yaml 2, 9, 10, then timeline.yaml 4, 6, 8, 9.
    let locations: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|l| l.rsplit_once(':').map_or(l, |(file_line, _col)| file_line))
        .collect();
    assert_eq!(
        locations,
        [
            "content/p/packet.yaml:2",
            "content/p/packet.yaml:9",
            "content/p/packet.yaml:10",
            "content/p/timeline.yaml:4",
            "content/p/timeline.yaml:6",
            "content/p/timeline.yaml:8",
            "content/p/timeline.yaml:9",
        ]
    );
    assert!(err.contains("\n7 errors found\n"), "{err}");
    assert_snapshot!("many", err);
}

/// The headlines of `stderr` that start with `level` (`error`, `note`).
fn headlines<'a>(stderr: &'a str, level: &str) -> Vec<&'a str> {
    let prefix = format!("{level}: ");
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(prefix.as_str()))
        .collect()
}

#[test]
fn a_file_that_does_not_load_is_one_error_and_one_note() {
    // `aliases:` at column 1 in actors.yaml: before, 1 error and 10 "unknown actor" errors
    // (every reference in timeline.yaml and questions.yaml, with an empty "known actors").
    let err = errors_of("bad-yaml-cascade");
    assert_eq!(
        headlines(&err, "error"),
        ["this line does not line up with the list it is in"],
        "{err}"
    );
    assert_eq!(
        headlines(&err, "note"),
        ["actor ids are not checked: content/strike/actors.yaml did not load"],
        "{err}"
    );
    assert!(
        err.contains("this and 9 more references to actors"),
        "{err}"
    );
    assert!(err.contains("\n1 error found\n"), "{err}");

    // Fixed, every reference resolves.
    let (tmp, root) = project_copy("bad-yaml-cascade");
    let actors = root.join("content/strike/actors.yaml");
    let text = std::fs::read_to_string(&actors).unwrap();
    std::fs::write(&actors, text.replace("\naliases:", "\n  aliases:")).unwrap();
    build(&root, &tmp.path().join("out"), &[]).ok();
}

#[test]
fn follow_on_errors_are_left_out() {
    let (tmp, root) = project_copy("bad-yaml-cascade");
    let dir = root.join("content/strike");
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    // An actor with an error of its own (no name, a misspelt key) is not also unknown
    // wherever it is referenced.
    write(
        "actors.yaml",
        "- id: mta\n  name: MTA\n- id: twu\n  nmae: TWU\n- id: toussaint\n- id: bloomberg\n  name: Michael Bloomberg\n",
    );
    let run = build(&root, &tmp.path().join("out"), &[]);
    assert_eq!(
        headlines(&run.stderr, "error"),
        ["unknown key `nmae`", "this actor is missing `name`"],
        "{}",
        run.stderr
    );
    assert!(headlines(&run.stderr, "note").is_empty(), "{}", run.stderr);

    // A near-miss file name stands for the file: its actors are not reported unknown.
    std::fs::remove_file(dir.join("actors.yaml")).unwrap();
    write("actors.yml", "- id: mta\n  name: MTA\n");
    let run = build(&root, &tmp.path().join("out"), &[]);
    assert_eq!(headlines(&run.stderr, "error").len(), 1, "{}", run.stderr);
    assert_eq!(headlines(&run.stderr, "note").len(), 1, "{}", run.stderr);

    // packet.yaml that does not load may hold the actors inline.
    std::fs::remove_file(dir.join("actors.yml")).unwrap();
    write(
        "packet.yaml",
        "title: Strike\nactors:\n  - id: mta\n  name: MTA\n",
    );
    let run = build(&root, &tmp.path().join("out"), &[]);
    assert_eq!(headlines(&run.stderr, "error").len(), 1, "{}", run.stderr);
    assert_eq!(
        headlines(&run.stderr, "note"),
        ["actor ids are not checked: content/strike/packet.yaml did not load"],
        "{}",
        run.stderr
    );
}

#[test]
fn quotes_are_not_checked_against_an_article_that_does_not_load() {
    let (tmp, root) = project_copy("bad-yaml-cascade");
    let dir = root.join("content/strike");
    std::fs::write(dir.join("article.md"), b"Caf\xe9 talks.\n").unwrap();
    std::fs::write(
        dir.join("actors.yaml"),
        "- id: mta\n  name: MTA\n  relations:\n    - to: twu\n      label: talks to\n      evidence: [\"met on Monday\"]\n- id: twu\n  name: TWU\n- id: toussaint\n  name: Roger Toussaint\n- id: bloomberg\n  name: Michael Bloomberg\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("timeline.yaml"),
        "- date: 2005-12-19\n  title: Talks\n  evidence: [\"nowhere in the article\"]\n",
    )
    .unwrap();
    let run = build(&root, &tmp.path().join("out"), &[]);
    assert_eq!(
        headlines(&run.stderr, "error"),
        ["this file is not valid UTF-8"],
        "{}",
        run.stderr
    );
    assert_eq!(
        headlines(&run.stderr, "note"),
        ["evidence is not checked: content/strike/article.md did not load"],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("this and 1 more quote were not looked up"),
        "{}",
        run.stderr
    );
}
