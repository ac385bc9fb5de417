//! The bad-input corpus: every `tests/fixtures/bad-*` project fails `brief check` with exit 1,
//! and its stderr (no colour) is snapshotted exactly as the user sees it.

use std::path::{Path, PathBuf};

use crate::common::{brief, repo};

/// Words that belong to parsers and libraries, not to a writer's error message.
const JARGON: [&str; 9] = [
    "invalid type",
    "scalar",
    "sequence",
    "mapping start",
    "budget",
    "os error",
    "DuplicateKeyPolicy",
    "from_str",
    "Option<",
];

fn cases() -> Vec<(String, PathBuf)> {
    let dir = repo().join("tests").join("fixtures");
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, path)| name.starts_with("bad-") && path.is_dir())
        .collect();
    cases.sort();
    cases
}

/// Checks what every diagnostic must have; returns the problems found in `stderr`.
fn quality(root: &Path, stderr: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for j in JARGON {
        if stderr.contains(j) {
            problems.push(format!("jargon `{j}` in the message"));
        }
    }
    let blocks: Vec<&str> = stderr
        .split("\n\n")
        .filter(|b| b.starts_with("error:") || b.starts_with("warning:"))
        .collect();
    if !blocks.iter().any(|b| b.starts_with("error:")) {
        problems.push("no `error:` headline".to_string());
    }
    for block in blocks {
        let head = block.lines().next().unwrap_or_default();
        let Some(loc) = block
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "))
        else {
            problems.push(format!("`{head}` has no `-->` location"));
            continue;
        };
        let mut parts = loc.split(':');
        let path = parts.next().unwrap_or_default();
        if path.starts_with('/') || !root.join(path).parent().is_some_and(Path::exists) {
            problems.push(format!("`{loc}` is not a path inside the project"));
        }
        let numbers: Vec<&str> = parts.collect();
        let located = numbers.len() == 2
            && numbers
                .iter()
                .all(|n| n.parse::<usize>().is_ok_and(|n| n > 0));
        if !numbers.is_empty() && !located {
            problems.push(format!("`{loc}` is not path:line:col"));
        }
        let label = block.lines().any(|l| {
            let t = l.trim_end();
            t.contains('^') && !t.ends_with('^')
        });
        if !label && !block.contains("help:") {
            problems.push(format!("`{head}` has no hint (label or help)"));
        }
    }
    problems
}

#[test]
fn every_bad_input_gets_a_located_actionable_error() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} bad-* fixtures", cases.len());
    let mut failed = Vec::new();
    for (name, root) in &cases {
        let run = brief(["check".as_ref(), "--root".as_ref(), root.as_os_str()]);
        if run.code != 1 {
            failed.push(format!(
                "{name}: exit {} (want 1)\n{}",
                run.code, run.stderr
            ));
            continue;
        }
        let problems = quality(root, &run.stderr);
        if !problems.is_empty() {
            failed.push(format!("{name}: {}\n{}", problems.join("; "), run.stderr));
        }
        let snap = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(name.as_str(), run.stderr);
        });
        if snap.is_err() {
            failed.push(format!("{name}: snapshot differs"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
fn a_self_including_template_is_located_at_its_include() {
    let root = repo().join("tests/fixtures/bad-theme-recursive-include");
    let run = brief(["check".as_ref(), "--root".as_ref(), root.as_os_str()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> themes/loop/templates/overview.html:3:"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Include chain"), "{}", run.stderr);
}

#[test]
fn the_quality_check_catches_poor_messages() {
    let root = repo().join("tests/fixtures/bad-enum-kind");
    let poor = "error: invalid type: map, expected a sequence\n --> /abs/packet.yaml:0:3\n  |\n";
    let problems = quality(&root, poor);
    assert_eq!(problems.len(), 5, "{problems:?}");
    let good = "error: unknown actor `x`\n --> content/p/packet.yaml:4:11\n  |\n4 | a: x\n  |    ^ did you mean `y`?\n";
    assert_eq!(quality(&root, good), Vec::<String>::new());
}
