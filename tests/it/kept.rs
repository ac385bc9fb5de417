//! Nothing the writer put in the output folder is lost: `.git/`, `CNAME`, verification files
//! and their own folders survive every build (through a symlinked output too), are listed once
//! as kept, and a page is never written over one of them.

use std::fs;
use std::path::Path;

use crate::common::{brief_in, project_copy, tree};

fn build_in(root: &Path, out: &str) -> crate::common::Run {
    brief_in(root, ["build", "--root", ".", "--output", out])
}

/// The writer's own files, as a gh-pages worktree and a verified domain have them.
fn add_own_files(out: &Path) {
    fs::create_dir_all(out.join(".git/objects/ab")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(out.join(".git/objects/ab/cdef"), "blob").unwrap();
    fs::write(out.join("CNAME"), "briefs.example.org\n").unwrap();
    fs::write(out.join("google123.html"), "google-site-verification").unwrap();
    fs::create_dir_all(out.join("mydocs")).unwrap();
    fs::write(out.join("mydocs/notes.txt"), "my notes").unwrap();
    fs::write(
        out.join("geneva-talks/extra.txt"),
        "inside a packet's folder",
    )
    .unwrap();
}

fn own_files(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mine = [
        ".git/",
        "CNAME",
        "google123.html",
        "mydocs/",
        "geneva-talks/extra.txt",
    ];
    tree(out)
        .into_iter()
        .filter(|(k, _)| mine.iter().any(|m| k.starts_with(m)))
        .collect()
}

#[test]
fn files_brief_did_not_write_survive_every_build_and_are_listed_once() {
    let (_tmp, root) = project_copy("small");
    let public = root.join("public");
    build_in(&root, "public").ok();
    add_own_files(&public);
    let mine = own_files(&public);
    assert_eq!(mine.len(), 10, "{mine:?}");
    for round in 0..2 {
        let run = build_in(&root, "public").ok();
        assert!(
            own_files(&public) == mine,
            "round {round}: the writer's files changed"
        );
        let kept: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("kept"))
            .collect();
        assert_eq!(
            kept,
            [
                "kept what brief did not write in public: .git/, CNAME, geneva-talks/extra.txt, google123.html, mydocs/"
            ],
            "{}",
            run.stderr
        );
    }
    // A packet removed: its pages go, the writer's file in its folder stays.
    fs::remove_dir_all(root.join("content/geneva-talks")).unwrap();
    fs::create_dir_all(root.join("content/other")).unwrap();
    crate::common::copy_dir(
        &crate::common::fixture("small").join("content/geneva-talks"),
        &root.join("content/other"),
    );
    build_in(&root, "public").ok();
    assert!(!public.join("geneva-talks/index.html").exists());
    assert!(own_files(&public) == mine);
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_keeps_the_writers_files_and_stays_a_link() {
    let (tmp, root) = project_copy("small");
    let real = tmp.path().join("gh-pages");
    fs::create_dir_all(&real).unwrap();
    std::os::unix::fs::symlink(&real, root.join("public")).unwrap();
    build_in(&root, "public").ok();
    add_own_files(&real);
    let mine = own_files(&real);
    build_in(&root, "public").ok();
    assert!(
        fs::symlink_metadata(root.join("public"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(real.join("geneva-talks/index.html").is_file());
    assert!(own_files(&real) == mine);
}

#[test]
fn a_gh_pages_worktree_is_adopted_and_kept() {
    let (_tmp, root) = project_copy("small");
    let public = root.join("public");
    fs::create_dir_all(&public).unwrap();
    fs::write(public.join(".git"), "gitdir: ../.git/worktrees/public\n").unwrap();
    fs::write(public.join("CNAME"), "briefs.example.org\n").unwrap();
    let run = build_in(&root, "public").ok();
    assert!(
        run.stderr
            .contains("kept what brief did not write in public: .git, CNAME"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(public.join("CNAME")).unwrap(),
        "briefs.example.org\n"
    );
    assert!(public.join("geneva-talks/index.html").is_file());
}

#[test]
fn a_page_is_never_written_over_a_file_brief_did_not_write() {
    let (_tmp, root) = project_copy("small");
    let public = root.join("public");
    build_in(&root, "public").ok();
    let before = tree(&public);
    // The writer's own file where the next build puts a page.
    fs::remove_dir_all(public.join("geneva-talks/actors")).unwrap();
    fs::write(public.join("geneva-talks/actors"), "mine").unwrap();
    let before_mine = tree(&public);
    assert_ne!(before, before_mine);
    let run = build_in(&root, "public");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("public/geneva-talks/actors was not written by brief, but the new site has a folder there"),
        "{}",
        run.stderr
    );
    assert!(tree(&public) == before_mine, "the output changed");
}

#[test]
fn tilde_is_the_home_folder() {
    let (tmp, root) = project_copy("small");
    let home = tmp.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let run = crate::common::brief_env(
        &root,
        ["build", "--root", ".", "--output", "~/site"],
        &[("HOME", home.as_os_str())],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(home.join("site/geneva-talks/index.html").is_file());
    assert!(!root.join("~").exists(), "a folder named ~ was made");
    assert!(
        run.stderr
            .contains(&format!("into {}", home.join("site").display())),
        "{}",
        run.stderr
    );
    let run = build_in(&root, "~nobody/site");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("brief expands `~` (your home folder) but not `~nobody`"),
        "{}",
        run.stderr
    );
}
