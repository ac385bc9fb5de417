//! `brief new`: skeletons that build as they are, names from an article, refusals.

use std::fs;
use std::path::Path;

use crate::common::{Run, brief, build, files, read, tempdir, tree};

/// `brief new` with `extra` arguments in the project `root`.
fn new(root: &Path, slug: &str, extra: &[&str]) -> Run {
    let root = root.to_string_lossy().into_owned();
    let mut args = vec!["new", "--root", &root];
    args.extend(extra);
    args.extend(["--", slug]);
    brief(args)
}

#[test]
fn new_without_an_article_builds_as_it_is() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    fs::create_dir_all(&root).unwrap();
    let report = new(&root, "port-talks", &[]).ok().stderr;
    assert!(report.contains("paste the source article"), "{report}");
    let dir = root.join("content/port-talks");
    let mut names = files(&dir);
    names.sort();
    assert_eq!(
        names,
        [
            "actors.yaml",
            "article.md",
            "packet.yaml",
            "questions.yaml",
            "timeline.yaml"
        ]
    );
    assert!(read(&dir.join("packet.yaml")).contains("\ntitle: Port talks\n"));
    for list in ["timeline.yaml", "actors.yaml", "questions.yaml"] {
        let text = read(&dir.join(list));
        let live: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .collect();
        assert!(live.is_empty(), "{list}: every line is a comment: {live:?}");
        assert!(text.contains("\n# - id: "), "{list} shows an example entry");
    }
    brief(["check".as_ref(), "--root".as_ref(), root.as_os_str()]).ok();
    let out = tmp.path().join("out");
    build(&root, &out, &[]).ok();
    assert!(out.join("port-talks/index.html").is_file());
}

const ARTICLE: &str = "# Dockers walk out in Calder\n\n\
    The strike began on Monday. Maria Oyelaran, who leads Harbour Workers United, said the \
    cranes would cost jobs. However, Tomas Lindqvist of the Calder Port Authority disagreed.\n\n\
    Oyelaran said talks could start soon. Harbour Workers United backs her; Oyelaran's deputy \
    agreed. Lindqvist did not comment.\n";

#[test]
fn new_with_an_article_lists_its_names_commented_out() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    fs::create_dir_all(&root).unwrap();
    let source = tmp.path().join("story.md");
    fs::write(&source, ARTICLE).unwrap();
    let report = new(&root, "calder", &["--article", &source.to_string_lossy()])
        .ok()
        .stderr;
    assert!(report.contains("actors.yaml lists 4 names"), "{report}");
    let dir = root.join("content/calder");
    assert_eq!(read(&dir.join("article.md")), ARTICLE);
    assert!(read(&dir.join("packet.yaml")).contains("\ntitle: Dockers walk out in Calder\n"));

    let actors = read(&dir.join("actors.yaml"));
    let entries: Vec<&str> = actors
        .lines()
        .filter(|l| l.starts_with("#   name: "))
        .collect();
    assert_eq!(
        entries,
        [
            "#   name: Maria Oyelaran  # found 3×",
            "#   name: Harbour Workers United  # found 2×",
            "#   name: Tomas Lindqvist  # found 2×",
            "#   name: Calder Port Authority  # found 1×",
        ]
    );
    assert!(actors.contains("# - id: maria-oyelaran\n"));
    assert!(actors.contains("#   aliases: [Oyelaran]\n"));
    assert!(actors.contains("#   kind: organization"));
    assert!(!actors.contains("The strike") && !actors.contains("However"));
    brief(["check".as_ref(), "--root".as_ref(), root.as_os_str()]).ok();

    // Uncommented, the list is a valid actors.yaml whose names are found in the article.
    let uncommented: String = actors
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with("- ") || rest.starts_with("  ") => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.join("actors.yaml"), uncommented).unwrap();
    let out = tmp.path().join("out");
    build(&root, &out, &[]).ok();
    let page = read(&out.join("calder/actors/maria-oyelaran/index.html"));
    assert!(page.contains("Maria Oyelaran"));
    assert!(
        page.contains("article/#p-"),
        "the actor page links the blocks mentioning her"
    );
}

#[test]
fn new_refuses_bad_names_existing_packets_and_missing_articles() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    fs::create_dir_all(&root).unwrap();
    for bad in ["Port_Talks", "-x", "x-", "a/b", ""] {
        let run = new(&root, bad, &[]);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
        assert!(run.stderr.contains("invalid packet name"), "{}", run.stderr);
    }
    let run = new(&root, "Port_Talks", &[]);
    assert!(run.stderr.contains("try `port-talks`"), "{}", run.stderr);
    assert!(!root.join("content").exists(), "nothing written");

    new(&root, "talks", &[]).ok();
    fs::write(root.join("content/talks/article.md"), "Edited.\n").unwrap();
    let before = tree(&root);
    let run = new(&root, "talks", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(tree(&root), before);

    let missing = tmp.path().join("nowhere.md");
    let run = new(&root, "other", &["--article", &missing.to_string_lossy()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nowhere.md"), "{}", run.stderr);
    assert!(!root.join("content/other").exists());
}
