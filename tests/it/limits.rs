//! Resource limits and hostile files: each is refused with a located error, never a panic, a
//! hang or a read outside the project. Inputs are built in temp folders at test time.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{Run, brief, tempdir};

const ARTICLE: &str = "Alice Smith met Bob Jones in Geneva.\n";

/// A project with one packet `p` (article and `title:`), then `files` written over it.
fn project(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    let root = tmp.path().join("project");
    let dir = root.join("content/p");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("article.md"), ARTICLE).unwrap();
    fs::write(dir.join("packet.yaml"), "title: Geneva talks\n").unwrap();
    for (name, bytes) in files {
        let path = root.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    (tmp, root)
}

fn check(root: &Path) -> Run {
    brief(["check".as_ref(), "--root".as_ref(), root.as_os_str()])
}

/// Exit 1, no panic, and `needles` (the path, the message) all in stderr.
#[track_caller]
fn refused(run: &Run, needles: &[&str]) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for n in needles {
        assert!(run.stderr.contains(n), "missing `{n}` in:\n{}", run.stderr);
    }
}

#[test]
fn alias_expansion_is_bounded() {
    // 6000 aliases to a 6000-item list (~30 KB): refused at the first alias, in well under a
    // second (about 0.2 s for the whole debug-build run here); expanded it would be 36 million
    // strings.
    let items = vec!["x"; 6000].join(",");
    let aliases = vec!["*a"; 6000].join(",");
    let yaml = format!("title: T\nsource:\n  authors: &a [{items}]\ntags: [{aliases}]\n");
    assert!((29_000..40_000).contains(&yaml.len()));
    let (_tmp, root) = project(&[("content/p/packet.yaml", yaml.as_bytes())]);
    refused(
        &check(&root),
        &["--> content/p/packet.yaml:4:8", "through the alias `*a`"],
    );
    // Aliases that fit the type are counted: the 101st is refused.
    let many = format!("title: &s T\ntags: [{}]\n", vec!["*s"; 6000].join(","));
    let (_tmp, root) = project(&[("content/p/packet.yaml", many.as_bytes())]);
    refused(
        &check(&root),
        &["--> content/p/packet.yaml:2:", "too many aliases"],
    );
}

#[test]
fn nesting_depth_is_bounded() {
    for (what, yaml) in [
        (
            "flow lists",
            format!("title: T\ntags: {}\n", "[".repeat(200_000)),
        ),
        (
            "flow maps",
            format!("title: T\ntags: {}\n", "{a: ".repeat(100_000)),
        ),
        (
            "block lists",
            (0..1000).fold("title: T\ntags:\n".to_string(), |s, i| {
                s + &" ".repeat(i) + "- \n"
            }),
        ),
    ] {
        let (_tmp, root) = project(&[("content/p/packet.yaml", yaml.as_bytes())]);
        let run = check(&root);
        refused(&run, &["--> content/p/packet.yaml:"]);
        assert!(run.stderr.contains("error:"), "{what}: {}", run.stderr);
    }
}

#[test]
fn oversized_files_are_refused_with_their_size() {
    let big = "word ".repeat(1_800_000); // 9 MB
    let (_tmp, root) = project(&[("content/p/article.md", big.as_bytes())]);
    refused(
        &check(&root),
        &["content/p/article.md", "8.6 MiB, over the 8 MiB limit"],
    );
}

#[test]
fn non_utf8_is_located_at_the_bad_byte() {
    let (_tmp, root) = project(&[(
        "content/p/packet.yaml",
        b"title: T\nsummary: caf\xe9 au lait\n",
    )]);
    refused(
        &check(&root),
        &["--> content/p/packet.yaml:2:13", "not valid UTF-8"],
    );
    let (_tmp, root) = project(&[("content/p/article.md", b"One.\n\nTwo \xff\xfe.\n")]);
    refused(
        &check(&root),
        &["--> content/p/article.md:3:5", "not valid UTF-8"],
    );
}

#[test]
fn empty_files_are_named() {
    let (_tmp, root) = project(&[("content/p/packet.yaml", b"# nothing yet\n\n")]);
    refused(
        &check(&root),
        &["content/p/packet.yaml", "this file is empty"],
    );
}

#[test]
fn list_files_and_brief_yaml_holding_only_comments_are_empty() {
    let commented: &[u8] = b"# - id: x\n\n#   name: X\n";
    let (_tmp, root) = project(&[
        ("brief.yaml", b"# title: Mine\n"),
        ("content/p/timeline.yaml", commented),
        ("content/p/actors.yaml", commented),
        ("content/p/questions.yaml", commented),
    ]);
    let run = check(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // An empty file is an empty list too.
    let (_tmp, root) = project(&[("content/p/actors.yaml", b"")]);
    let run = check(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_missing_article_is_named() {
    let (_tmp, root) = project(&[]);
    fs::remove_file(root.join("content/p/article.md")).unwrap();
    refused(&check(&root), &["--> content/p", "has no article.md"]);
}

#[test]
fn article_or_packet_yaml_as_a_folder_is_an_error() {
    for name in ["article.md", "packet.yaml"] {
        let (_tmp, root) = project(&[]);
        let path = root.join("content/p").join(name);
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        refused(
            &check(&root),
            &[&format!("content/p/{name}"), "is a folder"],
        );
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, root) = project(&[]);
    let path = root.join("content/p/packet.yaml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        eprintln!("skipped: running as root, where chmod 000 does not prevent reading");
        return;
    }
    refused(
        &check(&root),
        &[
            "content/p/packet.yaml",
            "cannot read this file: Permission denied",
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    use std::os::unix::fs::OpenOptionsExt;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let (_tmp, root) = project(&[]);
    let path = root.join("content/p/article.md");
    fs::remove_file(&path).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Watchdog: if brief blocks reading the FIFO, open it for writing (without blocking
    // ourselves) so that the read ends, and fail the test instead of hanging the suite.
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let (done, path) = (done.clone(), path.clone());
        std::thread::spawn(move || {
            for _ in 0..300 {
                if done.load(Ordering::SeqCst) {
                    return false;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            const O_NONBLOCK: i32 = 0o4000;
            let _ = fs::OpenOptions::new()
                .write(true)
                .custom_flags(O_NONBLOCK)
                .open(&path);
            true
        })
    };
    let run = check(&root);
    done.store(true, Ordering::SeqCst);
    assert!(!watchdog.join().unwrap(), "brief blocked on a FIFO");
    refused(&run, &["content/p/article.md", "not a regular file"]);
}

#[cfg(unix)]
mod symlinks {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn a_link_out_of_the_project_is_refused() {
        let (tmp, root) = project(&[]);
        let secret = tmp.path().join("secret.yaml");
        fs::write(&secret, "- id: leaked\n  name: Leaked Secret\n").unwrap();
        symlink(&secret, root.join("content/p/actors.yaml")).unwrap();
        let run = check(&root);
        refused(
            &run,
            &["content/p/actors.yaml", "leads outside the project"],
        );
        assert!(!run.stderr.contains("Leaked"), "{}", run.stderr);
    }

    #[test]
    fn brief_yaml_and_content_links_out_of_the_project_are_refused() {
        let (tmp, root) = project(&[]);
        let outside = tmp.path().join("outside.yaml");
        fs::write(&outside, "secret words\n").unwrap();
        symlink(&outside, root.join("brief.yaml")).unwrap();
        let run = check(&root);
        refused(&run, &["brief.yaml", "leads outside the project"]);
        assert!(!run.stderr.contains("secret words"), "{}", run.stderr);

        let (tmp, root) = project(&[]);
        let elsewhere = tmp.path().join("elsewhere");
        fs::rename(root.join("content"), &elsewhere).unwrap();
        symlink(&elsewhere, root.join("content")).unwrap();
        refused(&check(&root), &["--> content", "leads outside the project"]);
    }

    #[test]
    fn a_link_loop_is_refused() {
        let (_tmp, root) = project(&[]);
        let dir = root.join("content/p");
        symlink("loop-b.yaml", dir.join("timeline.yaml")).unwrap();
        symlink("timeline.yaml", dir.join("loop-b.yaml")).unwrap();
        refused(
            &check(&root),
            &[
                "content/p/timeline.yaml",
                "cannot follow this symbolic link",
            ],
        );
    }

    #[test]
    fn a_dangling_link_is_refused() {
        let (_tmp, root) = project(&[]);
        symlink("nowhere.yaml", root.join("content/p/questions.yaml")).unwrap();
        refused(
            &check(&root),
            &[
                "content/p/questions.yaml",
                "broken symbolic link: its target `nowhere.yaml` does not exist",
            ],
        );
    }

    #[test]
    fn a_link_inside_the_project_is_followed() {
        let (_tmp, root) = project(&[("shared/article.md", ARTICLE.as_bytes())]);
        let article = root.join("content/p/article.md");
        fs::remove_file(&article).unwrap();
        symlink(root.join("shared/article.md"), &article).unwrap();
        let run = check(&root);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
}

#[test]
fn missing_quotes_in_a_long_article_are_reported_quickly() {
    // 200,000 words and ten 40-word quotes that are not in it. The closest-text search used
    // to compare every window of the article letter by letter (over two minutes for one
    // quote); it now ranks windows by shared words first (about a second for the whole run).
    let words = [
        "alpha", "beta", "gamma", "delta", "talks", "Geneva", "minister",
    ];
    let para = |i: usize| -> String {
        (0..100)
            .map(|k| words[(i * 7 + k * k) % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let article: Vec<String> = (0..2000).map(para).collect();
    let quote: String = (0..40).map(|k| words[k % 5]).collect::<Vec<_>>().join(" ");
    let evidence: String = (0..10)
        .map(|i| format!("      - \"{quote} zz{i}\"\n"))
        .collect();
    let yaml = format!(
        "title: T\ntimeline:\n  - id: a\n    date: 2025\n    title: A\n    evidence:\n{evidence}"
    );
    let (_tmp, root) = project(&[
        ("content/p/article.md", article.join("\n\n").as_bytes()),
        ("content/p/packet.yaml", yaml.as_bytes()),
    ]);
    let run = check(&root);
    refused(&run, &["--> content/p/packet.yaml:7:", "quote not found"]);
    assert!(run.stderr.contains("10 errors found"), "{}", run.stderr);
}

#[test]
fn evidence_quotes_per_packet_are_capped() {
    let evidence: String = (0..2100).map(|_| "      - Geneva\n").collect();
    let yaml = format!(
        "title: T\ntimeline:\n  - id: a\n    date: 2025\n    title: A\n    evidence:\n{evidence}"
    );
    let (_tmp, root) = project(&[("content/p/packet.yaml", yaml.as_bytes())]);
    refused(
        &check(&root),
        &[
            "--> content/p/packet.yaml:2007:9",
            "more than 2000 evidence quotes in one packet",
        ],
    );
}
