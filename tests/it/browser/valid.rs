//! The Nu HTML checker (`vnu-jar` from npm, run with Java) over every page of the example and
//! of every fixture that builds: no error. Needs java and the npm package; skipped with a
//! printed reason without them, unless BRIEF_BROWSER_TESTS is set.

use std::process::Command;

use super::{npm_file, required_tool};
use crate::common::{build, fixture, repo, tempdir};

/// The fixtures that build into a site (the others are there to fail).
const SITES: [&str; 8] = [
    "assets",
    "broken-link",
    "drafts",
    "security",
    "serve",
    "small",
    "strike",
    "theme-custom",
];

#[test]
fn every_page_of_the_example_and_the_fixtures_is_valid_html() {
    let Some(java) = required_tool(
        &["/usr/bin/java", "/usr/local/bin/java"],
        "java",
        "apt-get install default-jre-headless",
    ) else {
        return;
    };
    let Some(vnu) = npm_file("vnu-jar/build/dist/vnu.jar", "npm install -g vnu-jar") else {
        return;
    };
    let tmp = tempdir();
    let mut dirs = vec![tmp.path().join("example")];
    assert_eq!(build(&repo(), &dirs[0], &[]).code, 0);
    for name in SITES {
        let out = tmp.path().join(name);
        let run = build(&fixture(name), &out, &["--drafts"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        dirs.push(out);
    }
    let pages = dirs
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().flatten())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    let out = Command::new(java)
        .args(["-Xss4m", "-jar"])
        .arg(vnu)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .args(&dirs)
        .output()
        .expect("run the Nu HTML checker");
    let report =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "the Nu HTML checker found errors:\n{report}"
    );
    assert!(pages > 60, "only {pages} pages checked");
    eprintln!("Nu HTML checker: {pages} pages, 0 errors");
}
