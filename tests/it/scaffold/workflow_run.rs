//! The generated Pages workflow's own `run:` steps, run in order by bash as GitHub's runner
//! runs them (`shell: bash`, the job's working directory, `$GITHUB_PATH` between steps), on a
//! project made by `brief init`. The release is the one the release workflow's own Archive step
//! packs from this brief, served by a stand-in `curl` from a folder; without a release, a
//! stand-in `cargo` records the `cargo install` line. Then the check and build steps run the
//! installed brief from the PATH, and the site lands where the upload step takes it.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::workflows::{cargo_toml, parse, steps, text, text_of};
use crate::common::{read, repo, tempdir};

/// The address configure-pages reports (without the trailing slash).
const PAGES_URL: &str = "https://example.github.io/demo";

/// Stand-ins for the runner's tools: each records its arguments in `$FAKE_LOG`.
const CURL: &str = r#"#!/bin/bash
out= url=
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out=$2; shift 2 ;;
    --retry) shift 2 ;;
    -*) shift ;;
    *) url=$1; shift ;;
  esac
done
echo "curl $url" >> "$FAKE_LOG"
file="$FAKE_RELEASES/${url#"$FAKE_URL/"}"
if [ "${url#"$FAKE_URL/"}" != "$url" ] && [ -f "$file" ]; then
  cp "$file" "$out"
else
  echo "curl: (22) The requested URL returned error: 404" >&2
  exit 22
fi
"#;
const CARGO: &str = r#"#!/bin/bash
echo "cargo $*" >> "$FAKE_LOG"
root=
prev=
for a in "$@"; do
  if [ "$prev" = --root ]; then root=$a; fi
  prev=$a
done
mkdir -p "$root/bin"
cp "$FAKE_BRIEF" "$root/bin/brief"
"#;
const RUSTUP: &str = "#!/bin/bash\necho \"rustup $*\" >> \"$FAKE_LOG\"\n";

/// A runner's machine in a temporary folder: a home, stand-in tools, the files of
/// `$GITHUB_PATH` and `$GITHUB_ENV`.
struct Runner {
    tmp: tempfile::TempDir,
    /// Folders added to the PATH by earlier steps (`$GITHUB_PATH`), first first.
    path: Vec<String>,
}

impl Runner {
    fn new() -> Self {
        let tmp = tempdir();
        let fakes = tmp.path().join("fakes");
        fs::create_dir_all(&fakes).unwrap();
        fs::create_dir_all(tmp.path().join("home")).unwrap();
        fs::create_dir_all(tmp.path().join("releases")).unwrap();
        for (name, script) in [("curl", CURL), ("cargo", CARGO), ("rustup", RUSTUP)] {
            let file = fakes.join(name);
            fs::write(&file, script).unwrap();
            fs::set_permissions(&file, fs::Permissions::from_mode(0o755)).unwrap();
        }
        for file in ["log", "github_path", "github_env"] {
            fs::write(tmp.path().join(file), "").unwrap();
        }
        Runner {
            tmp,
            path: Vec::new(),
        }
    }

    fn at(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Runs `script` as a step with `shell: bash` in `cwd`; returns whether it succeeded and
    /// what it printed.
    fn step(&mut self, script: &str, cwd: &Path, env: &[(String, String)]) -> (bool, String) {
        let file = self.at("step.sh");
        fs::write(&file, script).unwrap();
        let mut path = vec![self.at("fakes").display().to_string()];
        path.extend(self.path.iter().cloned());
        path.extend(["/usr/bin".to_string(), "/bin".to_string()]);
        let out = Command::new("/bin/bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&file)
            .current_dir(cwd)
            .env_clear()
            .env("PATH", path.join(":"))
            .env("HOME", self.at("home"))
            .env("TMPDIR", self.tmp.path())
            .env("GITHUB_PATH", self.at("github_path"))
            .env("GITHUB_ENV", self.at("github_env"))
            .env("FAKE_LOG", self.at("log"))
            .env("FAKE_RELEASES", self.at("releases"))
            .env("FAKE_URL", releases_url())
            .env("FAKE_BRIEF", env!("CARGO_BIN_EXE_brief"))
            .envs(env.iter().map(|(k, v)| (k, v)))
            .output()
            .expect("run bash");
        // Like the runner: folders added to $GITHUB_PATH come first in the steps after.
        let added = read(&self.at("github_path"));
        self.path = added.lines().rev().map(str::to_string).collect();
        let printed = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), printed)
    }

    fn log(&self) -> Vec<String> {
        read(&self.at("log")).lines().map(str::to_string).collect()
    }
}

/// Where brief's releases are, from Cargo.toml's `repository`.
fn releases_url() -> String {
    format!("{}/releases/download", cargo_toml("package", "repository"))
}

/// The Rust target of the release archive for this machine's Linux.
fn linux_target() -> String {
    format!("{}-unknown-linux-musl", std::env::consts::ARCH)
}

/// `${{ … }}` in `script` replaced from `values`; an expression not there fails the test.
#[track_caller]
fn expand(script: &str, values: &[(&str, String)]) -> String {
    let mut out = String::new();
    let mut rest = script;
    while let Some(start) = rest.find("${{") {
        let end = rest[start..].find("}}").expect("expression closes") + start;
        let expr = rest[start + 3..end].trim();
        let value = values.iter().find(|(k, _)| *k == expr);
        let (_, value) = value.unwrap_or_else(|| panic!("unexpected expression `{expr}`"));
        out.push_str(&rest[..start]);
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out + rest
}

/// Packs this brief as the release workflow's Archive step does, into the releases folder, as
/// `v<version>/<archive>` and its `.sha256`.
fn publish_release(runner: &mut Runner) {
    let release = parse(&read(&repo().join(".github/workflows/release.yml")));
    let (name, version, target) = (
        cargo_toml("package", "name"),
        cargo_toml("package", "version"),
        linux_target(),
    );
    let values = [
        ("needs.plan.outputs.package", name),
        ("needs.plan.outputs.version", version.clone()),
        ("matrix.target", target.clone()),
    ];
    let job_env = &release["jobs"]["build"]["env"];
    let env: Vec<(String, String)> = ["TARGET", "NAME"]
        .into_iter()
        .map(|k| (k.to_string(), expand(job_env[k].as_str().unwrap(), &values)))
        .collect();
    let work = runner.at("release-build");
    let bin = work.join(format!("target/{target}/release"));
    fs::create_dir_all(&bin).unwrap();
    fs::copy(env!("CARGO_BIN_EXE_brief"), bin.join("brief")).unwrap();
    for f in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        fs::copy(repo().join(f), work.join(f)).unwrap();
    }
    let steps = steps(&release, "build");
    let archive_step = steps
        .iter()
        .find(|s| s["name"] == "Archive")
        .expect("Archive");
    let (ok, printed) = runner.step(&expand(text_of(archive_step), &values), &work, &env);
    assert!(ok, "the release's Archive step failed:\n{printed}");
    let dest = runner.at(&format!("releases/v{version}"));
    fs::create_dir_all(&dest).unwrap();
    let archive = read(&runner.at("github_env"))
        .lines()
        .find_map(|l| l.strip_prefix("ARCHIVE=").map(str::to_string))
        .expect("the Archive step names the archive");
    for f in [archive.clone(), format!("{archive}.sha256")] {
        fs::rename(work.join(&f), dest.join(&f)).unwrap();
    }
}

/// Runs the `build` job of the workflow at `repository`: its `run:` steps, and for its actions
/// what they would give (a cache miss, the Pages address). Returns the failed step's name and
/// output, or the folder the upload step takes.
fn run_build_job(runner: &mut Runner, repository: &Path) -> Result<PathBuf, (String, String)> {
    let v = parse(&read(&repository.join(".github/workflows/pages.yml")));
    let env: Vec<(String, String)> = v["env"]
        .as_object()
        .expect("env")
        .iter()
        .map(|(k, val)| (k.clone(), val.as_str().unwrap_or_default().to_string()))
        .collect();
    let defaults = &v["jobs"]["build"]["defaults"]["run"];
    assert_eq!(defaults["shell"], "bash");
    let cwd = repository.join(defaults["working-directory"].as_str().expect("a directory"));
    let values = [("steps.pages.outputs.base_url", PAGES_URL.to_string())];
    let mut site = None;
    for step in steps(&v, "build") {
        let uses = text(step, "uses");
        let name = text(step, "name").to_string();
        if uses.starts_with("actions/upload-pages-artifact@") {
            site = step["with"]["path"].as_str().map(|p| repository.join(p));
        }
        if !uses.is_empty() {
            continue; // checkout: done; cache: a miss; configure-pages: PAGES_URL.
        }
        match &step["if"] {
            Value::Null => {}
            c if c == "steps.cache.outputs.cache-hit != 'true'" => {}
            other => panic!("step `{name}` has an unexpected condition: {other}"),
        }
        let (ok, printed) = runner.step(&expand(text_of(step), &values), &cwd, &env);
        if !ok {
            return Err((name, printed));
        }
    }
    Ok(site.expect("an upload step"))
}

/// A Git repository (a `.git` folder is all `init` looks for) in the runner's folder.
fn repository(runner: &Runner) -> PathBuf {
    let root = runner.at("repository");
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    root
}

#[track_caller]
fn assert_site(site: &Path) {
    let index = read(&site.join("index.html"));
    assert!(index.contains("href=\"/demo/"), "{index}");
    assert!(site.join("calder-dock-strike/index.html").is_file());
}

#[test]
fn the_workflow_installs_the_release_and_builds_the_site() {
    let mut runner = Runner::new();
    publish_release(&mut runner);
    let root = repository(&runner);
    super::init(&root.join("sites/briefs"));

    let site = run_build_job(&mut runner, &root).unwrap_or_else(|(step, out)| {
        panic!("step `{step}` failed:\n{out}");
    });
    assert_eq!(site, root.join("sites/briefs/public"));
    assert_site(&site);
    let installed = runner.at("home/.brief/bin/brief");
    assert_eq!(
        fs::read(&installed).unwrap(),
        fs::read(env!("CARGO_BIN_EXE_brief")).unwrap()
    );
    let (name, version) = (
        cargo_toml("package", "name"),
        cargo_toml("package", "version"),
    );
    let archive = format!(
        "{}/v{version}/{name}-{version}-{}.tar.gz",
        releases_url(),
        linux_target()
    );
    assert_eq!(
        runner.log(),
        [format!("curl {archive}"), format!("curl {archive}.sha256")]
    );
}

#[test]
fn without_a_release_the_workflow_installs_from_crates_io() {
    let mut runner = Runner::new();
    let root = repository(&runner);
    super::init(&root);

    let site = run_build_job(&mut runner, &root).unwrap_or_else(|(step, out)| {
        panic!("step `{step}` failed:\n{out}");
    });
    assert_eq!(site, root.join("public"));
    assert_site(&site);
    let (name, version) = (
        cargo_toml("package", "name"),
        cargo_toml("package", "version"),
    );
    let home = runner.at("home").display().to_string();
    let log = runner.log();
    assert_eq!(log.len(), 3, "{log:#?}");
    assert!(log[0].starts_with("curl "), "{log:#?}");
    assert_eq!(
        log[1],
        "rustup toolchain install stable --profile minimal --no-self-update"
    );
    assert_eq!(
        log[2],
        format!("cargo +stable install --locked {name} --version {version} --root {home}/.brief")
    );
}

#[test]
fn a_release_archive_that_fails_its_checksum_is_refused() {
    let mut runner = Runner::new();
    publish_release(&mut runner);
    let version = cargo_toml("package", "version");
    let folder = runner.at(&format!("releases/v{version}"));
    let sums = fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "sha256"))
        .expect("a checksum");
    let text = read(&sums);
    fs::write(&sums, format!("{}{}", "0".repeat(64), &text[64..])).unwrap();
    let root = repository(&runner);
    super::init(&root);

    let (step, out) = run_build_job(&mut runner, &root).expect_err("a bad archive is refused");
    assert_eq!(step, "Install brief", "{out}");
    assert!(out.contains("FAILED"), "{out}");
    assert!(!runner.at("home/.brief/bin/brief").exists());
}
