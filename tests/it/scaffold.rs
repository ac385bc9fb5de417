//! `brief init` and `brief new`: new projects and packets build as they are, nothing is ever
//! overwritten (the Pages workflow only with consent), and the GitHub workflows (the generated
//! one, which really builds a site when its steps run, and the repository's own) are valid.

mod actionlint;
mod new;
mod upgrade;
#[cfg(target_os = "linux")]
mod workflow_run;
mod workflows;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::common::{attrs, brief, build, files, read, tempdir, tree};

const BASE: &str = "https://example.github.io/demo/";
const ROOT: &str = "/demo/";
const EXAMPLE: &str = "calder-dock-strike";

/// Runs `brief init DIR`, which must succeed; returns its report.
fn init(dir: &Path) -> String {
    brief(["init".as_ref(), dir.as_os_str()]).ok().stderr
}

/// Every internal `href`/`src` of the site's pages that does not resolve to a file (and
/// anchor) under `ROOT`; and how many were checked.
fn broken_links(out: &Path) -> (Vec<String>, usize) {
    let all: BTreeSet<String> = files(out).into_iter().collect();
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in all.iter().filter(|p| p.ends_with(".html")) {
        let html = read(&out.join(page));
        for url in ["href", "src"].iter().flat_map(|a| attrs(&html, a)) {
            let lower = url.to_ascii_lowercase();
            let local = if let Some(rest) = url.strip_prefix(BASE) {
                format!("{ROOT}{rest}")
            } else if lower.starts_with("mailto:") || lower.starts_with("https://") {
                continue;
            } else if let Some(frag) = url.strip_prefix('#') {
                format!("{ROOT}{page}#{frag}")
            } else if url.starts_with(ROOT) {
                url.clone()
            } else {
                problems.push(format!("{page}: `{url}` is not under {ROOT}"));
                continue;
            };
            checked += 1;
            let (path, frag) = local.split_once('#').unwrap_or((&local, ""));
            let mut target = path[ROOT.len()..].to_string();
            if target.is_empty() || target.ends_with('/') {
                target.push_str("index.html");
            }
            if !all.contains(&target) {
                problems.push(format!("{page}: `{url}` → missing {target}"));
            } else if !frag.is_empty()
                && !frag.starts_with(":~:")
                && !attrs(&read(&out.join(&target)), "id").contains(&frag.to_string())
            {
                problems.push(format!("{page}: `{url}` → {target} has no id `{frag}`"));
            }
        }
    }
    (problems, checked)
}

#[test]
fn init_into_an_empty_folder_builds_with_no_warning() {
    let tmp = tempdir();
    let project = tmp.path().join("briefs");
    let report = init(&project);
    let written = files(&project);
    let mut expected = vec![
        ".github/workflows/pages.yml".to_string(),
        ".gitignore".into(),
        "README.md".into(),
        "brief.yaml".into(),
    ];
    expected.extend(
        ["brief", "packet", "timeline", "actors", "questions"]
            .map(|f| format!("schemas/{f}.schema.json")),
    );
    expected.extend(
        [
            "actors.yaml",
            "article.md",
            "packet.yaml",
            "questions.yaml",
            "timeline.yaml",
        ]
        .map(|f| format!("content/{EXAMPLE}/{f}")),
    );
    expected.sort();
    assert_eq!(written, expected);
    for f in &expected {
        assert!(report.contains(&format!("added  {f}")), "{report}");
    }
    assert_eq!(
        read(&project.join(".gitignore")),
        "public/\n# brief keeps the site before last here to make rebuilds fast; safe to delete.\n.*.brief-spare/\n"
    );
    let readme = read(&project.join("README.md"));
    assert!(readme.contains("Settings → Pages → Build and deployment → Source: GitHub"));
    assert!(readme.contains("Custom domain"));

    let check = brief([
        "check".as_ref(),
        "--deny-warnings".as_ref(),
        "--root".as_ref(),
        project.as_os_str(),
    ])
    .ok();
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    let out = tmp.path().join("out");
    let built = build(&project, &out, &[]).ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    let overview = read(&out.join(EXAMPLE).join("index.html"));
    assert!(overview.contains("Calder dockworkers strike over automated cranes"));
    // The example's annotations are really tied to its article.
    let article = read(&out.join(EXAMPLE).join("article/index.html"));
    assert!(
        article.matches("class=\"evidence\"").count() >= 8,
        "{article}"
    );
}

#[test]
fn the_initialised_site_works_under_a_sub_path() {
    let tmp = tempdir();
    let project = tmp.path().join("p");
    init(&project);
    let out = tmp.path().join("out");
    build(&project, &out, &["--base-url", BASE]).ok();
    let (problems, checked) = broken_links(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 40, "only {checked} links checked");

    // The check can fail: the same site built for `/` breaks under `/demo/`.
    let root_out = tmp.path().join("root-out");
    build(&project, &root_out, &[]).ok();
    let (problems, _) = broken_links(&root_out);
    assert!(problems.len() > 40, "{problems:?}");
}

#[test]
fn init_into_a_non_empty_folder_adds_only_what_is_missing() {
    let tmp = tempdir();
    let project = tmp.path().join("p");
    fs::create_dir_all(project.join("content/mine")).unwrap();
    fs::create_dir_all(project.join(".github/workflows")).unwrap();
    fs::write(
        project.join("README.md"),
        b"# My own readme\r\n\xF0\x9F\x93\x9C",
    )
    .unwrap();
    fs::write(project.join(".gitignore"), "target/\n").unwrap();
    fs::write(project.join(".github/workflows/pages.yml"), "name: mine\n").unwrap();
    fs::write(project.join("content/mine/article.md"), "Mine.\n").unwrap();
    fs::write(project.join("content/mine/packet.yaml"), "title: Mine\n").unwrap();
    let before = tree(&project);

    let report = init(&project);
    let after = tree(&project);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{path} changed");
    }
    let added: Vec<&String> = after
        .keys()
        .filter(|k| !before.contains_key(*k) && !k.starts_with("schemas/"))
        .collect();
    assert_eq!(added, ["brief.yaml"], "{report}");
    assert!(after.contains_key("schemas/actors.schema.json"), "{report}");
    assert!(report.contains("added  brief.yaml"), "{report}");
    for kept in ["README.md", ".gitignore", ".github/workflows/pages.yml"] {
        assert!(
            report.contains(&format!("kept   {kept} (already there)")),
            "{report}"
        );
    }
    assert!(
        report.contains("content/ (it already holds packets"),
        "{report}"
    );

    // A folder without packets gets the example; a second run changes nothing.
    let other = tmp.path().join("q");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("brief.yaml"), "title: Kept\n").unwrap();
    init(&other);
    assert_eq!(read(&other.join("brief.yaml")), "title: Kept\n");
    assert!(
        other
            .join(format!("content/{EXAMPLE}/article.md"))
            .is_file()
    );
    let once = tree(&other);
    let report = init(&other);
    assert_eq!(tree(&other), once);
    assert!(report.contains("nothing to add"), "{report}");
}

#[test]
fn init_in_a_git_repository_publishes_its_branch() {
    let tmp = tempdir();
    fs::create_dir_all(tmp.path().join(".git")).unwrap();
    fs::write(tmp.path().join(".git/HEAD"), "ref: refs/heads/trunk\n").unwrap();
    init(tmp.path());
    let workflow = read(&tmp.path().join(".github/workflows/pages.yml"));
    assert!(workflow.contains("\n    branches: [trunk] #"), "{workflow}");
    assert!(!workflow.contains("[main]"));
}

#[test]
fn init_refuses_a_file() {
    let tmp = tempdir();
    let file = tmp.path().join("f");
    fs::write(&file, "x").unwrap();
    let run = brief(["init".as_ref(), file.as_os_str()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
    assert_eq!(read(&file), "x");
}
