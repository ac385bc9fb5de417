//! The GitHub workflows, the one `brief init` writes and the repository's own: parsed and checked
//! for what GitHub Pages needs (jobs, permissions, concurrency, environment, action versions).

use serde_json::{Value, json};

use crate::common::{read, repo, tempdir};

/// The actions the workflows may use, at their current major versions.
const ACTIONS: &[(&str, &str)] = &[
    ("actions/checkout", "v7"),
    ("actions/cache", "v6"),
    ("actions/configure-pages", "v6"),
    ("actions/upload-pages-artifact", "v5"),
    ("actions/deploy-pages", "v5"),
];

/// How every Pages workflow passes the site's address: configure-pages' `base_url` has no
/// trailing slash, brief wants one.
const BASE_URL_ARG: &str = r#"--base-url "${{ steps.pages.outputs.base_url }}/""#;

#[track_caller]
fn parse(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

/// The pages workflow that `brief init` writes, as text.
pub(super) fn generated() -> String {
    let tmp = tempdir();
    super::init(tmp.path());
    read(&tmp.path().join(".github/workflows/pages.yml"))
}

fn steps<'a>(v: &'a Value, job: &str) -> Vec<&'a Value> {
    v["jobs"][job]["steps"]
        .as_array()
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

fn text<'a>(step: &'a Value, key: &str) -> &'a str {
    step[key].as_str().unwrap_or("")
}

/// Every problem of a GitHub Pages workflow whose steps call brief as `brief`.
fn pages_problems(v: &Value, brief: &str) -> Vec<String> {
    let mut p = Vec::new();
    let mut want = |ok: bool, what: &str| {
        if !ok {
            p.push(what.to_string());
        }
    };
    want(v["on"].get("push").is_some(), "runs on push");
    want(
        v["on"].get("workflow_dispatch").is_some(),
        "can be run by hand",
    );
    want(
        v["permissions"] == json!({"contents": "read", "pages": "write", "id-token": "write"}),
        "permissions: contents read, pages write, id-token write",
    );
    want(
        v["concurrency"] == json!({"group": "pages", "cancel-in-progress": false}),
        "concurrency group `pages`, not cancelled",
    );
    let build = steps(v, "build");
    let deploy = steps(v, "deploy");
    for step in build.iter().chain(&deploy) {
        let uses = text(step, "uses");
        if uses.is_empty() {
            continue;
        }
        let (name, version) = uses.split_once('@').unwrap_or((uses, ""));
        match ACTIONS.iter().find(|(n, _)| *n == name) {
            Some((_, major)) => want(version == *major, &format!("{name} at {major}: {uses}")),
            None => want(false, &format!("an unexpected action: {uses}")),
        }
    }
    let find = |pred: &dyn Fn(&Value) -> bool| build.iter().position(|s| pred(s));
    let uses = |name: &'static str| move |s: &Value| text(s, "uses").starts_with(name);
    let runs = |cmd: String| move |s: &Value| text(s, "run").contains(&cmd);
    let checkout = find(&uses("actions/checkout@"));
    let pages = find(&|s| uses("actions/configure-pages@")(s) && s["id"] == "pages");
    let check =
        find(&|s| runs(format!("{brief} check "))(s) && text(s, "run").contains(BASE_URL_ARG));
    let site = find(&|s| {
        let run = text(s, "run");
        runs(format!("{brief} build "))(s)
            && run.contains(BASE_URL_ARG)
            && run.contains("--output public")
    });
    let upload =
        find(&|s| uses("actions/upload-pages-artifact@")(s) && s["with"]["path"] == "public");
    want(checkout.is_some(), "checks out the repository");
    want(pages.is_some(), "configure-pages with id `pages`");
    want(
        check.is_some(),
        "`brief check` with the configure-pages base URL and a slash",
    );
    want(
        site.is_some(),
        "`brief build --output public` with the configure-pages base URL",
    );
    want(upload.is_some(), "upload-pages-artifact of public/");
    want(
        checkout < pages && pages < check && check < site && site < upload,
        "checkout, configure-pages, check, build, upload, in that order",
    );
    want(
        v["jobs"]["deploy"]["needs"] == "build",
        "deploy needs build",
    );
    want(
        v["jobs"]["deploy"]["environment"]
            == json!({"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}),
        "deploy environment github-pages with the page URL",
    );
    want(
        deploy
            .iter()
            .any(|s| s["id"] == "deployment" && uses("actions/deploy-pages@")(s)),
        "deploy-pages with id `deployment`",
    );
    p
}

#[test]
fn the_generated_pages_workflow_is_valid() {
    let text = generated();
    let v = parse(&text);
    let problems = pages_problems(&v, "~/.cargo/bin/brief");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        v["env"]["BRIEF_GIT"]
            .as_str()
            .is_some_and(|s| s.starts_with("https://"))
    );
    let build = steps(&v, "build");
    assert!(build.iter().any(|s| {
        text_of(s).contains(r#"cargo install --locked --git "$BRIEF_GIT" --rev"#)
            && s["if"] == "steps.cache.outputs.cache-hit != 'true'"
    }));
    assert!(
        build
            .iter()
            .any(|s| text_of(s).contains("rustup toolchain install stable"))
    );
    let cache = build
        .iter()
        .find(|s| s["id"] == "cache")
        .expect("a cache step");
    assert!(
        cache["with"]["path"]
            .as_str()
            .is_some_and(|p| p.contains("~/.cargo/bin/brief"))
    );
    assert_eq!(v["on"]["push"]["branches"], json!(["main"]));
}

fn text_of(step: &Value) -> &str {
    text(step, "run")
}

#[test]
fn the_workflow_check_finds_mistakes() {
    let good = generated();
    let mistakes = [
        (r#"base_url }}/""#, r#"base_url }}""#),
        ("actions/deploy-pages@v5", "actions/deploy-pages@v4"),
        ("actions/checkout@v7", "actions/checkout@v4"),
        ("group: pages", "group: other"),
        ("id-token: write", "id-token: none"),
        ("name: github-pages", "name: pages"),
        ("path: public", "path: _site"),
        ("id: pages", "id: configure"),
        ("workflow_dispatch:", "pull_request:"),
    ];
    for (from, to) in mistakes {
        assert!(good.contains(from), "{from}");
        let bad = parse(&good.replace(from, to));
        assert!(
            !pages_problems(&bad, "~/.cargo/bin/brief").is_empty(),
            "not caught: {from} → {to}"
        );
    }
}

#[test]
fn the_projects_own_workflows_are_valid() {
    let dir = repo().join(".github/workflows");
    let pages = parse(&read(&dir.join("pages.yml")));
    let problems = pages_problems(&pages, "./target/release/brief");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        steps(&pages, "build")
            .iter()
            .any(|s| text_of(s).contains("cargo build --release"))
    );

    let ci = parse(&read(&dir.join("ci.yml")));
    assert!(ci["on"].get("push").is_some() && ci["on"].get("pull_request").is_some());
    let jobs = ci["jobs"].as_object().expect("jobs");
    let runs: Vec<&str> = jobs
        .keys()
        .flat_map(|j| steps(&ci, j))
        .map(text_of)
        .collect();
    for gate in [
        "cargo fmt --all -- --check",
        "cargo clippy --all-targets -- -D warnings",
        "cargo test",
    ] {
        assert!(
            runs.iter().any(|r| r.contains(gate)),
            "ci.yml runs `{gate}`"
        );
    }
    for step in jobs.keys().flat_map(|j| steps(&ci, j)) {
        let uses = text(step, "uses");
        if let Some((name, version)) = uses.split_once('@') {
            assert!(ACTIONS.contains(&(name, version)), "ci.yml uses {uses}");
        }
    }
}
