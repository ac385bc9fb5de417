//! Nothing lost: failed builds keep the old output, foreign or dangerous output folders are refused.

use std::fs;
use std::path::Path;

use crate::common::{brief_in, files, project_copy, tree};

/// `brief build --root . --output <out>` run inside the project.
fn build_in(root: &Path, out: &str) -> crate::common::Run {
    brief_in(root, ["build", "--root", ".", "--output", out])
}

/// Entries of `dir` left by an interrupted write (staging or old copies).
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("brief-new") || n.contains("brief-old"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let (_tmp, root) = project_copy("small");
    build_in(&root, "public").ok();
    let good = tree(&root.join("public"));
    assert!(good.contains_key(".brief-output"));
    assert!(good.contains_key("geneva-talks/article/index.html"));

    let timeline = root.join("content/geneva-talks/timeline.yaml");
    let text = fs::read_to_string(&timeline).unwrap();
    let broken = text.replace("Carol Lee arrived late", "Carol Lee arrived early");
    assert_ne!(text, broken);
    fs::write(&timeline, broken).unwrap();

    let run = build_in(&root, "public");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("quote not found"), "{}", run.stderr);
    assert!(
        run.stderr.contains("previous output is unchanged"),
        "{}",
        run.stderr
    );
    assert!(tree(&root.join("public")) == good, "public/ changed");
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn a_packet_failing_after_others_were_written_leaves_the_previous_output() {
    // Packets are written into the staging folder as they finish: `geneva-talks` is on disk
    // there before `zz-broken` fails, and none of it may reach public/.
    let (_tmp, root) = project_copy("small");
    build_in(&root, "public").ok();
    let good = tree(&root.join("public"));
    let broken = root.join("content/zz-broken");
    crate::common::copy_dir(&root.join("content/geneva-talks"), &broken);
    let timeline = broken.join("timeline.yaml");
    let text = fs::read_to_string(&timeline).unwrap();
    fs::write(
        &timeline,
        text.replace("Carol Lee arrived late", "Carol Lee arrived early"),
    )
    .unwrap();

    let run = build_in(&root, "public");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/zz-broken/timeline.yaml"),
        "{}",
        run.stderr
    );
    assert!(tree(&root.join("public")) == good, "public/ changed");
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn a_second_build_replaces_brief_output_and_leaves_no_staging_folders() {
    let (_tmp, root) = project_copy("small");
    build_in(&root, "public").ok();
    let first = tree(&root.join("public"));
    build_in(&root, "public").ok();
    assert_eq!(
        tree(&root.join("public")).keys().collect::<Vec<_>>(),
        first.keys().collect::<Vec<_>>()
    );
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn a_rebuild_rewrites_only_what_changed_and_removes_what_is_gone() {
    let (_tmp, root) = project_copy("small");
    let public = root.join("public");
    build_in(&root, "public").ok();
    let page = public.join("geneva-talks/article/index.html");
    let stamp = |p: &Path| {
        let m = fs::metadata(p).unwrap();
        (
            std::os::unix::fs::MetadataExt::ino(&m),
            m.modified().unwrap(),
        )
    };
    let before = stamp(&page);

    // A second packet: the first packet's pages are not rewritten, the site's are.
    crate::common::copy_dir(
        &root.join("content/geneva-talks"),
        &root.join("content/other-talks"),
    );
    let run = build_in(&root, "public");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(stamp(&page), before, "an unchanged page was rewritten");
    assert!(public.join("other-talks/actors/index.html").is_file());
    build_in(&root, "fresh").ok();
    assert!(
        tree(&public) == tree(&root.join("fresh")),
        "differs from a full build"
    );

    // The packet removed again: its folder goes, the rest still equals a full build.
    fs::remove_dir_all(root.join("content/other-talks")).unwrap();
    fs::remove_dir_all(root.join("fresh")).unwrap();
    build_in(&root, "public").ok();
    build_in(&root, "fresh").ok();
    assert!(!public.join("other-talks").exists());
    assert!(
        tree(&public) == tree(&root.join("fresh")),
        "differs from a full build"
    );
    assert_eq!(stamp(&page), before);
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn a_foreign_non_empty_folder_is_refused_and_untouched() {
    let (_tmp, root) = project_copy("small");
    let site = root.join("site");
    fs::create_dir_all(site.join("docs")).unwrap();
    fs::write(site.join("index.html"), "my own page").unwrap();
    fs::write(site.join("docs/notes.txt"), "my notes").unwrap();
    let before = tree(&site);

    let run = build_in(&root, "site");
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(".brief-output"), "{}", run.stderr);
    assert!(tree(&site) == before, "site/ changed");
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn an_existing_empty_folder_is_used() {
    let (_tmp, root) = project_copy("small");
    fs::create_dir_all(root.join("empty")).unwrap();
    build_in(&root, "empty").ok();
    assert!(root.join("empty/.brief-output").is_file());
    assert!(root.join("empty/geneva-talks/index.html").is_file());
}

#[test]
fn output_folders_holding_the_project_are_refused() {
    let (tmp, root) = project_copy("small");
    fs::write(tmp.path().join("beside.txt"), "a file beside the project").unwrap();
    let before = tree(tmp.path());
    let abs = root.to_string_lossy().into_owned();
    for out in [
        ".",
        "..",
        "./",
        "content",
        "content/x",
        "content/geneva-talks",
        "public/../content",
        abs.as_str(),
    ] {
        let run = build_in(&root, out);
        assert_ne!(run.code, 0, "--output {out} was accepted:\n{}", run.stderr);
        assert!(
            run.stderr.contains("output folder"),
            "--output {out}: {}",
            run.stderr
        );
        assert!(tree(tmp.path()) == before, "--output {out} changed files");
    }
}

#[test]
fn a_build_never_touches_the_projects_own_files() {
    let (tmp, root) = project_copy("small");
    fs::write(root.join("README.md"), "notes").unwrap();
    let sources = |t: &Path| -> Vec<(String, Vec<u8>)> {
        tree(t)
            .into_iter()
            .filter(|(k, _)| {
                !k.starts_with("project/public/") && !k.starts_with("project/.public.brief-spare/")
            })
            .collect()
    };
    let before = sources(tmp.path());
    build_in(&root, "public").ok();
    build_in(&root, "public").ok();
    let mut after = sources(tmp.path());
    after.retain(|(k, _)| k != "project/public/" && k != "project/.public.brief-spare/");
    assert!(after == before, "the project's files changed");
    // The packet's own files are copied, not moved.
    assert!(files(&root.join("content")).contains(&"geneva-talks/article.md".to_string()));
}
