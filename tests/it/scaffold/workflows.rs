//! The GitHub workflows, the one `brief init` writes and the repository's own: parsed and checked
//! for what GitHub Pages needs (jobs, permissions, concurrency, environment, action versions),
//! for the brief the generated one installs (Cargo.toml's package and version), and for the
//! release's targets and archive names.

use serde_json::{Value, json};

use crate::common::{read, repo, tempdir};

/// The actions the workflows may use, at their current major versions.
const ACTIONS: &[(&str, &str)] = &[
    ("actions/checkout", "v7"),
    ("actions/cache", "v6"),
    ("actions/configure-pages", "v6"),
    ("actions/upload-pages-artifact", "v5"),
    ("actions/deploy-pages", "v5"),
    ("actions/upload-artifact", "v7"),
    ("actions/download-artifact", "v8"),
];

/// The release targets: static Linux (musl), macOS, Windows.
const TARGETS: &[&str] = &[
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

/// A string value of Cargo.toml's `[table]` (`key = "value"` on one line), read from the file.
#[track_caller]
pub(super) fn cargo_toml(table: &str, key: &str) -> String {
    let text = read(&repo().join("Cargo.toml"));
    let header = format!("[{table}]");
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == header;
        } else if inside
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return v.trim().trim_matches('"').to_string();
        }
    }
    panic!("Cargo.toml has no {key} in [{table}]")
}

/// How every Pages workflow passes the site's address: configure-pages' `base_url` has no
/// trailing slash, brief wants one.
const BASE_URL_ARG: &str = r#"--base-url "${{ steps.pages.outputs.base_url }}/""#;

#[track_caller]
pub(super) fn parse(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

/// The pages workflow that `brief init` writes, as text.
pub(super) fn generated() -> String {
    let tmp = tempdir();
    super::init(tmp.path());
    read(&tmp.path().join(".github/workflows/pages.yml"))
}

pub(super) fn steps<'a>(v: &'a Value, job: &str) -> Vec<&'a Value> {
    v["jobs"][job]["steps"]
        .as_array()
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

pub(super) fn text<'a>(step: &'a Value, key: &str) -> &'a str {
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
    let problems = pages_problems(&v, "brief");
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(v["on"]["push"]["branches"], json!(["main"]));
    assert_eq!(
        v["jobs"]["build"]["defaults"]["run"]["working-directory"],
        "."
    );
    assert!(
        !text.contains("OWNER"),
        "a placeholder left for the user:\n{text}"
    );
}

#[test]
fn the_generated_workflow_installs_this_package_and_version() {
    let v = parse(&generated());
    let (name, version) = (
        cargo_toml("package", "name"),
        cargo_toml("package", "version"),
    );
    let repository = cargo_toml("package", "repository");
    assert_eq!(v["env"]["BRIEF_VERSION"], version);
    assert_eq!(v["env"]["BRIEF_PACKAGE"], name);
    assert_eq!(
        v["env"]["BRIEF_RELEASES"],
        format!("{repository}/releases/download")
    );
    let build = steps(&v, "build");
    let install = build
        .iter()
        .find(|s| text_of(s).contains("cargo +stable install"))
        .expect("an install step");
    assert!(
        text_of(install)
            .contains(r#"install --locked "$BRIEF_PACKAGE" --version "$BRIEF_VERSION""#),
        "{}",
        text_of(install)
    );
    assert_eq!(install["if"], "steps.cache.outputs.cache-hit != 'true'");
    let cache = build
        .iter()
        .find(|s| s["id"] == "cache")
        .expect("a cache step");
    let key = cache["with"]["key"].as_str().unwrap_or("");
    assert!(
        key.contains("${{ env.BRIEF_VERSION }}") && key.contains("${{ env.BRIEF_PACKAGE }}"),
        "cached by package and version: {key}"
    );
    assert_eq!(cache["with"]["path"], "~/.brief/bin");
}

pub(super) fn text_of(step: &Value) -> &str {
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
            !pages_problems(&bad, "brief").is_empty(),
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
    let ci_run = read(&repo().join(".ci/run"));
    for gate in [
        "cargo fmt --all -- --check",
        "cargo clippy --all-targets -- -D warnings",
        "cargo test",
        "cargo build --release --locked --target x86_64-unknown-linux-musl",
        "cargo package --locked",
    ] {
        assert!(
            runs.iter().any(|r| r.contains(gate)),
            "ci.yml runs `{gate}`"
        );
        assert!(ci_run.contains(gate), ".ci/run runs `{gate}`");
    }
    assert_actions(&ci, "ci.yml");
}

/// Every action `workflow` uses is one of [`ACTIONS`], at its major version.
#[track_caller]
fn assert_actions(workflow: &Value, file: &str) {
    let jobs = workflow["jobs"].as_object().expect("jobs");
    for step in jobs.keys().flat_map(|j| steps(workflow, j)) {
        let uses = text(step, "uses");
        if !uses.is_empty() {
            let (name, version) = uses.split_once('@').unwrap_or((uses, ""));
            assert!(ACTIONS.contains(&(name, version)), "{file} uses {uses}");
        }
    }
}

#[test]
fn the_release_workflow_builds_every_target_then_publishes() {
    let v = parse(&read(&repo().join(".github/workflows/release.yml")));
    assert_eq!(v["on"]["push"]["tags"], json!(["v*"]));
    assert_eq!(v["permissions"], json!({"contents": "read"}));
    assert_actions(&v, "release.yml");

    let plan = steps(&v, "plan");
    assert!(
        plan.iter()
            .any(|s| text_of(s).contains(r#"[ "$GITHUB_REF_NAME" != "v$version" ]"#)),
        "the tag is checked against Cargo.toml's version"
    );

    let build = &v["jobs"]["build"];
    let matrix = build["strategy"]["matrix"]["include"]
        .as_array()
        .expect("a matrix of targets");
    let mut targets: Vec<&str> = matrix.iter().filter_map(|m| m["target"].as_str()).collect();
    targets.sort_unstable();
    let mut wanted = TARGETS.to_vec();
    wanted.sort_unstable();
    assert_eq!(targets, wanted);
    for m in matrix {
        let (target, os) = (
            m["target"].as_str().unwrap_or(""),
            m["os"].as_str().unwrap_or(""),
        );
        let runner = if target.contains("-linux-") {
            // Native runners: musl-gcc compiles the C of Oniguruma for the runner's own CPU.
            if target.starts_with("aarch64") {
                "ubuntu-24.04-arm"
            } else {
                "ubuntu-latest"
            }
        } else if target.contains("-apple-") {
            "macos-latest"
        } else {
            "windows-latest"
        };
        assert_eq!(os, runner, "{target}");
    }
    // The archives are named as Cargo.toml's binstall metadata (and the Pages workflow) expect:
    // `{ name }-{ version }-{ target }`.
    assert_eq!(
        build["env"]["NAME"],
        "${{ needs.plan.outputs.package }}-${{ needs.plan.outputs.version }}-${{ matrix.target }}"
    );
    assert_eq!(
        cargo_toml("package.metadata.binstall", "pkg-url"),
        "{ repo }/releases/download/v{ version }/{ name }-{ version }-{ target }{ archive-suffix }"
    );
    assert_eq!(
        cargo_toml("package.metadata.binstall", "bin-dir"),
        "{ name }-{ version }-{ target }/{ bin }{ binary-ext }"
    );
    let build_steps = steps(&v, "build");
    let runs = |cmd: &str| build_steps.iter().any(|s| text_of(s).contains(cmd));
    assert!(runs(r#"cargo build --release --locked --target "$TARGET""#));
    assert!(runs("sha256sum \"$archive\" > \"$archive.sha256\""));
    assert!(runs(
        "apt-get install -y --no-install-recommends musl-tools"
    ));

    let release = &v["jobs"]["release"];
    assert_eq!(release["needs"], json!(["plan", "build"]));
    assert_eq!(release["permissions"], json!({"contents": "write"}));
    assert!(
        steps(&v, "release")
            .iter()
            .any(|s| text_of(s).contains(r#"gh release create "$GITHUB_REF_NAME""#))
    );
    assert_eq!(v["jobs"]["publish"]["needs"], "release");
    assert!(
        steps(&v, "publish")
            .iter()
            .any(|s| text_of(s).contains("cargo publish --locked"))
    );
}
