//! What a packet may publish: no hidden file, no link out of `content/` or to a hidden file
//! (each refused link an error at its path), and text that cannot smuggle bytes (NUL) or hosts
//! (a base URL with an empty path segment) into the pages.

use std::fs;

use crate::common::{brief_in, project_copy, read, tree};

#[cfg(unix)]
#[test]
fn links_to_hidden_files_or_out_of_content_are_errors_and_never_published() {
    let (_tmp, root) = project_copy("small");
    fs::write(root.join(".env"), "TOKEN=secret-env").unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(root.join(".git/config"), "token = secret-git").unwrap();
    fs::write(root.join("notes.txt"), "secret-notes").unwrap();
    fs::write(
        root.join("content/geneva-talks/.hidden.txt"),
        "secret-hidden",
    )
    .unwrap();
    fs::write(root.join("content/geneva-talks/map.txt"), "a visible file").unwrap();
    let packet = root.join("content/geneva-talks");
    let link =
        |target: &str, name: &str| std::os::unix::fs::symlink(target, packet.join(name)).unwrap();
    link("../../.env", "env.txt");
    link("../../.git/config", "config.txt");
    link("../../notes.txt", "notes.txt");
    link(".hidden.txt", "shown.txt");
    link("map.txt", "map-again.txt");

    let run = brief_in(&root, ["check", "--root", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (name, why) in [
        ("env.txt", "leads outside content/"),
        ("config.txt", "leads outside content/"),
        ("notes.txt", "leads outside content/"),
        ("shown.txt", "leads to a hidden file"),
    ] {
        let at = format!("--> content/geneva-talks/{name}");
        let block = run
            .stderr
            .split("\n\n")
            .find(|b| b.contains(&at))
            .unwrap_or_else(|| panic!("no error at {name}:\n{}", run.stderr));
        assert!(block.contains(why), "{block}");
        assert!(block.contains("help:"), "{block}");
    }
    assert_eq!(run.stderr.matches("error:").count(), 4, "{}", run.stderr);

    // Without the bad links the packet builds; the hidden file is not published, the link to
    // a visible file is.
    for name in ["env.txt", "config.txt", "notes.txt", "shown.txt"] {
        fs::remove_file(packet.join(name)).unwrap();
    }
    brief_in(&root, ["build", "--root", ".", "--output", "public"]).ok();
    let site = tree(&root.join("public"));
    assert!(site.contains_key("geneva-talks/map-again.txt"));
    assert!(!site.keys().any(|k| k.contains("hidden")));
    assert!(
        !site
            .values()
            .any(|v| String::from_utf8_lossy(v).contains("secret-"))
    );
}

#[cfg(unix)]
#[test]
fn an_article_may_be_shared_from_the_project_but_never_from_a_hidden_file() {
    let (_tmp, root) = project_copy("small");
    let article = root.join("content/geneva-talks/article.md");
    fs::create_dir_all(root.join(".private")).unwrap();
    fs::copy(&article, root.join(".private/article.md")).unwrap();
    fs::remove_file(&article).unwrap();
    std::os::unix::fs::symlink("../../.private/article.md", &article).unwrap();
    let run = brief_in(&root, ["check", "--root", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("leads to a hidden file"),
        "{}",
        run.stderr
    );
    fs::create_dir_all(root.join("shared")).unwrap();
    fs::rename(
        root.join(".private/article.md"),
        root.join("shared/article.md"),
    )
    .unwrap();
    fs::remove_file(&article).unwrap();
    std::os::unix::fs::symlink("../../shared/article.md", &article).unwrap();
    brief_in(&root, ["check", "--root", "."]).ok();
}

#[test]
fn nul_in_the_article_becomes_the_replacement_character() {
    let (_tmp, root) = project_copy("small");
    let art = root.join("content/geneva-talks/article.md");
    let text = read(&art);
    fs::write(&art, format!("{text}\nA line with a NUL\0 inside.\n")).unwrap();
    brief_in(&root, ["build", "--root", ".", "--output", "public"]).ok();
    let page = read(&root.join("public/geneva-talks/article/index.html"));
    assert!(
        page.contains("A line with a NUL\u{FFFD} inside."),
        "NUL not replaced"
    );
    for (path, bytes) in tree(&root.join("public")) {
        assert!(!bytes.contains(&0), "{path} holds a NUL byte");
    }
}

#[test]
fn a_base_url_with_an_empty_path_segment_is_refused() {
    let (_tmp, root) = project_copy("small");
    let run = brief_in(
        &root,
        [
            "build",
            "--root",
            ".",
            "--output",
            "public",
            "--base-url",
            "https://host//evil.example/",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("has an empty path segment (`//`)"),
        "{}",
        run.stderr
    );
    assert!(!root.join("public").exists());
}
