//! Where `brief init` puts the Pages workflow (the Git repository's root, for a project in a
//! subfolder; none beside another Pages workflow), what it says of an older one, and
//! `brief init --update-workflow`: a diff, and a replacement only with consent.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::workflows::{cargo_toml, parse};
use crate::common::{brief, read, tempdir, tree};

const WORKFLOW: &str = ".github/workflows/pages.yml";

/// A folder that looks like a Git repository on `branch` to `init`.
fn repository(root: &Path, branch: &str) -> PathBuf {
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(
        root.join(".git/HEAD"),
        format!("ref: refs/heads/{branch}\n"),
    )
    .unwrap();
    root.to_path_buf()
}

/// `brief init DIR --update-workflow [--yes]` with `answer` on standard input: (exit code,
/// stdout, stderr).
fn update(dir: &Path, yes: bool, answer: &str) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.arg("init").arg(dir).arg("--update-workflow");
    if yes {
        cmd.arg("--yes");
    }
    let mut child = cmd
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brief");
    let mut stdin = child.stdin.take().expect("stdin");
    // brief may not read at all (with --yes, or when there is nothing to change).
    let _ = stdin.write_all(answer.as_bytes());
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn init_in_a_subfolder_writes_the_workflow_at_the_repository_root() {
    let tmp = tempdir();
    let root = repository(&tmp.path().join("repo"), "trunk");
    let report = super::init(&root.join("sites/briefs"));
    assert!(
        report.contains(&format!(
            "added  ../../{WORKFLOW} (at the root of the Git repository {}; it builds sites/briefs/)",
            fs::canonicalize(&root).unwrap().display()
        )),
        "{report}"
    );
    assert!(!root.join("sites/briefs/.github").exists());
    let v = parse(&read(&root.join(WORKFLOW)));
    assert_eq!(
        v["jobs"]["build"]["defaults"]["run"]["working-directory"],
        "sites/briefs"
    );
    let upload = v["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Upload the site")
        .expect("an upload step");
    assert_eq!(upload["with"]["path"], "sites/briefs/public");
    assert_eq!(v["on"]["push"]["branches"][0], "trunk");

    // A linked worktree: `.git` is a file naming the real Git folder, which holds HEAD.
    let work = tmp.path().join("worktree");
    let git_dir = tmp.path().join("main-repo/.git/worktrees/pages");
    fs::create_dir_all(&git_dir).unwrap();
    fs::write(git_dir.join("HEAD"), "ref: refs/heads/feature/pages\n").unwrap();
    fs::create_dir_all(&work).unwrap();
    fs::write(
        work.join(".git"),
        format!("gitdir: {}\n", git_dir.display()),
    )
    .unwrap();
    super::init(&work.join("site"));
    let v = parse(&read(&work.join(WORKFLOW)));
    assert_eq!(v["on"]["push"]["branches"][0], "feature/pages");
    assert_eq!(
        v["jobs"]["build"]["defaults"]["run"]["working-directory"],
        "site"
    );
}

#[test]
fn init_adds_no_second_pages_workflow() {
    let tmp = tempdir();
    let root = repository(tmp.path(), "main");
    fs::create_dir_all(root.join(".github/workflows")).unwrap();
    let other = "jobs:\n  d:\n    steps:\n      - uses: actions/deploy-pages@v4\n";
    fs::write(root.join(".github/workflows/site.yml"), other).unwrap();
    let report = super::init(&root.join("briefs"));
    assert!(
        report.contains(&format!(
            "not added  ../{WORKFLOW}: the repository already deploys to GitHub Pages from \
             .github/workflows/site.yml, and a repository has one Pages site"
        )),
        "{report}"
    );
    assert!(!root.join(WORKFLOW).exists());
    assert!(root.join("briefs/brief.yaml").is_file());

    // Nor one that could not name the project's folder safely.
    let odd = tmp.path().join("odd");
    let root = repository(&odd, "main");
    let report = super::init(&root.join("${{ github.token }}"));
    assert!(
        report.contains("the workflow cannot name the project's folder"),
        "{report}"
    );
    assert!(!root.join(WORKFLOW).exists());
}

#[test]
fn an_older_workflow_is_kept_and_update_workflow_replaces_it_with_consent() {
    let tmp = tempdir();
    let project = repository(&tmp.path().join("p"), "main");
    super::init(&project);
    let current = read(&project.join(WORKFLOW));
    let version = cargo_toml("package", "version");
    let older = current.replace(
        &format!("BRIEF_VERSION: {version}\n"),
        "BRIEF_VERSION: 0.0.1\n",
    );
    assert_ne!(older, current);
    fs::write(project.join(WORKFLOW), &older).unwrap();

    let report = super::init(&project);
    assert!(
        report.contains(&format!(
            "kept   {WORKFLOW} (written by brief 0.0.1; this brief, {version}, writes a newer \
             one: `brief init {} --update-workflow` shows the difference",
            project.display()
        )),
        "{report}"
    );
    assert_eq!(read(&project.join(WORKFLOW)), older);

    // No answer, or no: the diff is shown, nothing is written.
    for answer in ["", "n\n", "whatever\n"] {
        let (code, diff, said) = update(&project, false, answer);
        assert_eq!(code, 0, "{said}");
        assert!(diff.contains("-  BRIEF_VERSION: 0.0.1\n"), "{diff}");
        assert!(
            diff.contains(&format!("+  BRIEF_VERSION: {version}\n")),
            "{diff}"
        );
        assert!(
            said.contains("[y/N]") && said.contains("left as it was"),
            "{said}"
        );
        assert_eq!(read(&project.join(WORKFLOW)), older);
    }
    let (code, _, said) = update(&project, false, "y\n");
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains(&format!("to brief {version}'s workflow")),
        "{said}"
    );
    assert_eq!(read(&project.join(WORKFLOW)), current);
    let files = tree(&project.join(".github/workflows"));
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["pages.yml"],
        "no file left behind"
    );

    let (code, diff, said) = update(&project, false, "y\n");
    assert_eq!(code, 0);
    assert!(
        diff.is_empty() && said.contains("nothing to change"),
        "{said}"
    );

    // --yes replaces without asking, even a workflow brief did not write (it says so first).
    fs::write(project.join(WORKFLOW), "name: mine\n").unwrap();
    let (code, diff, said) = update(&project, false, "");
    assert_eq!(code, 0);
    assert!(diff.contains("-name: mine"), "{diff}");
    assert!(said.contains("it was not written by brief"), "{said}");
    let (code, _, said) = update(&project, true, "");
    assert_eq!(code, 0, "{said}");
    assert!(!said.contains("[y/N]"), "{said}");
    assert_eq!(read(&project.join(WORKFLOW)), current);
}

#[test]
fn the_workflow_of_brief_before_its_release_is_recognised() {
    let tmp = tempdir();
    let project = tmp.path().join("p");
    fs::create_dir_all(project.join(".github/workflows")).unwrap();
    let before = "env:\n  BRIEF_GIT: https://github.com/OWNER/brief\n  BRIEF_REF: HEAD\n";
    fs::write(project.join(WORKFLOW), before).unwrap();
    let report = super::init(&project);
    assert!(
        report.contains("(written by brief before 0.1.0; this brief"),
        "{report}"
    );
    assert!(
        report.contains("--update-workflow` shows the difference"),
        "{report}"
    );
}

#[test]
fn update_workflow_usage_mistakes_exit_2() {
    let tmp = tempdir();
    let missing = tmp.path().join("missing");
    let (code, _, said) = update(&missing, true, "");
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("is not a folder"), "{said}");
    assert!(!missing.exists());

    let run = brief(["init".as_ref(), tmp.path().as_os_str(), "--yes".as_ref()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--update-workflow"), "{}", run.stderr);
}
