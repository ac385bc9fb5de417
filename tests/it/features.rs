//! Drafts (`--drafts`), packet assets copied beside the pages, code highlighting's stylesheet,
//! and the labels of the search index.

use crate::common::{built, files, fixture, read, repo};

#[test]
fn drafts_are_left_out_without_the_flag() {
    let (_tmp, out) = built(Some("drafts"), &[]);
    assert!(out.join("published/index.html").is_file());
    assert!(!out.join("unfinished").exists());
    for page in ["index.html", "sitemap.xml", "atom.xml"] {
        let text = read(&out.join(page));
        assert!(text.contains("published/"), "{page}");
        assert!(!text.contains("unfinished"), "{page} lists the draft");
    }
}

#[test]
fn drafts_are_built_with_the_flag_and_marked() {
    let (_tmp, out) = built(Some("drafts"), &["--drafts"]);
    assert!(out.join("unfinished/index.html").is_file());
    assert!(out.join("unfinished/packet.json").is_file());
    let index = read(&out.join("index.html"));
    assert!(index.contains(
        "<a href=\"/unfinished/\">Unfinished packet</a> <span class=\"badge badge-draft\">Draft</span>"
    ));
    assert!(read(&out.join("unfinished/index.html")).contains("badge-draft"));
    assert!(read(&out.join("sitemap.xml")).contains("/unfinished/"));
}

#[test]
fn packet_files_are_copied_and_relative_links_resolve_to_them() {
    let (_tmp, out) = built(Some("assets"), &[]);
    let src = fixture("assets").join("content/maps");
    assert_eq!(read(&out.join("maps/map.txt")), read(&src.join("map.txt")));
    assert_eq!(
        read(&out.join("maps/docs/notes.txt")),
        read(&src.join("docs/notes.txt"))
    );
    let article = read(&out.join("maps/article/index.html"));
    assert!(
        article.contains("<a href=\"/maps/map.txt\">map</a>"),
        "{article}"
    );
    assert!(article.contains("<a href=\"/maps/docs/notes.txt\">notes</a>"));
    // The packet's sources are not published.
    let all = files(&out);
    assert!(
        !all.iter()
            .any(|f| f.ends_with(".md") || f.ends_with(".yaml")),
        "{all:?}"
    );
}

#[test]
fn assets_follow_the_base_url_path() {
    let (_tmp, out) = built(
        Some("assets"),
        &["--base-url", "https://example.github.io/briefs/"],
    );
    let article = read(&out.join("maps/article/index.html"));
    assert!(
        article.contains("<a href=\"/briefs/maps/map.txt\">map</a>"),
        "{article}"
    );
}

#[test]
fn highlight_css_only_when_an_article_has_code() {
    let (_tmp, with_code) = built(Some("small"), &[]);
    let css = read(&with_code.join("highlight.css"));
    assert!(css.contains(".hl-"), "highlight.css has no classes");
    let article = read(&with_code.join("geneva-talks/article/index.html"));
    assert!(article.contains("<link rel=\"stylesheet\" href=\"/highlight.css\">"));
    assert!(article.contains("<span class=\"hl-"));

    let (_tmp2, without) = built(Some("assets"), &[]);
    assert!(!without.join("highlight.css").exists());
    assert!(!read(&without.join("maps/article/index.html")).contains("highlight.css"));

    // Per packet: pages without code never link it, even when another packet has code.
    let (tmp3, root) = crate::common::project_copy("small");
    crate::common::copy_dir(
        &crate::common::fixture("assets").join("content/maps"),
        &root.join("content/maps"),
    );
    let both = tmp3.path().join("out");
    crate::common::build(&root, &both, &[]).ok();
    assert!(both.join("highlight.css").is_file());
    let link = "href=\"/highlight.css\"";
    assert!(read(&both.join("geneva-talks/article/index.html")).contains(link));
    assert!(read(&both.join("index.html")).contains(link));
    assert!(!read(&both.join("maps/article/index.html")).contains(link));
    assert!(!read(&both.join("maps/index.html")).contains(link));
}

#[cfg(unix)]
#[test]
fn a_build_shows_progress_on_a_terminal_only() {
    // `script` gives brief a terminal; the delay before progress shows is set to zero.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        panic!("`script` (util-linux) is needed to give brief a terminal");
    }
    let root = crate::common::fixture("small");
    let tmp = crate::common::tempdir();
    let cmd = format!(
        "{} build --root {} --output {}",
        env!("CARGO_BIN_EXE_brief"),
        root.display(),
        tmp.path().join("tty").display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("BRIEF_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(
        shown.contains("building: "),
        "no progress on a terminal: {shown:?}"
    );
    assert!(shown.contains("/1 packets"), "{shown:?}");
    assert!(shown.contains("built 1 packet ("), "{shown:?}");

    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(tmp.path().join("piped"))
        .env("BRIEF_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(piped.status.success(), "{stderr}");
    assert!(
        !stderr.contains("building: ") && !stderr.contains('\r'),
        "{stderr:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_linked_packet_file_is_written_as_a_regular_file() {
    let (tmp, root) = crate::common::project_copy("assets");
    let packet = root.join("content/maps");
    std::os::unix::fs::symlink(packet.join("map.txt"), packet.join("map-link.txt")).unwrap();
    let out = tmp.path().join("out");
    crate::common::build(&root, &out, &[]).ok();
    let copied = out.join("maps/map-link.txt");
    let meta = std::fs::symlink_metadata(&copied).unwrap();
    assert!(
        meta.file_type().is_file(),
        "{} is not a regular file",
        copied.display()
    );
    assert_eq!(read(&copied), read(&packet.join("map.txt")));
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        assert!(
            !entry.path_is_symlink(),
            "{} is a link",
            entry.path().display()
        );
    }
}

#[test]
fn search_result_labels_never_repeat_themselves() {
    // search.js labels a result "<kind> · <detail> · <packet title>" (empty parts left out).
    let script = read(&repo().join("themes/default/static/search.js"));
    let kinds = [
        ("event", "Event"),
        ("question", "Question"),
        ("actor", "Actor"),
        ("block", "Article"),
    ];
    for (k, label) in kinds {
        assert!(script.contains(&format!("{k}: \"{label}\"")), "{k}");
    }
    let (_tmp, out) = built(Some("small"), &[]);
    let items = crate::common::search_records(&out);
    assert!(items.iter().any(|(i, _, _)| i["k"] == "block"));
    for (item, packet, _) in &items {
        let kind = kinds.iter().find(|(k, _)| item["k"] == *k).unwrap().1;
        let parts: Vec<&str> = [kind, item["d"].as_str().unwrap(), packet.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        assert!(
            parts.windows(2).all(|w| w[0] != w[1]),
            "{}",
            parts.join(" · ")
        );
    }
}
