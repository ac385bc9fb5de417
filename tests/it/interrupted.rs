//! Killed builds: whatever stops a rebuild, and when, the output is the previous site or the
//! new one, byte for byte, and the next build leaves no staging folder. Real kills (`kill -9`
//! and stop signals) at many moments, among them every step of the commit, reached through the
//! binary's test hook `BRIEF_TEST_PAUSE=<point>` (it says `paused at <point>` and sleeps).

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{build, copy_dir, fixture, tempdir, tree};

/// Packets of the kill test: enough that writing the site takes a while.
const PACKETS: usize = 150;

/// Two versions of one project (`a`, then `b`: a third of the articles edited, one packet gone,
/// one new), with the two expected sites built apart; made once, shared by the tests.
struct Versions {
    _tmp: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
    site_a: BTreeMap<String, Vec<u8>>,
    site_b: BTreeMap<String, Vec<u8>>,
}

/// One test's output folder (in its own temp folder) and the shared versions.
struct Setup {
    _tmp: tempfile::TempDir,
    out: PathBuf,
    v: &'static Versions,
}

fn versions() -> &'static Versions {
    static V: std::sync::OnceLock<Versions> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let tmp = tempdir();
        let packet = fixture("small").join("content/geneva-talks");
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        for i in 0..PACKETS {
            copy_dir(&packet, &a.join(format!("content/p{i:03}")));
        }
        copy_dir(&a, &b);
        for i in (0..PACKETS).step_by(3) {
            let art = b.join(format!("content/p{i:03}/article.md"));
            let text = fs::read_to_string(&art).unwrap();
            fs::write(&art, format!("{text}\nA paragraph added in version b.\n")).unwrap();
        }
        fs::remove_dir_all(b.join("content/p001")).unwrap();
        copy_dir(&packet, &b.join("content/pnew"));
        let (ea, eb) = (tmp.path().join("expect-a"), tmp.path().join("expect-b"));
        build(&a, &ea, &[]).ok();
        build(&b, &eb, &[]).ok();
        let (site_a, site_b) = (tree(&ea), tree(&eb));
        assert_ne!(site_a, site_b);
        Versions {
            _tmp: tmp,
            a,
            b,
            site_a,
            site_b,
        }
    })
}

/// A fresh output folder holding site `a`.
fn setup() -> Setup {
    let v = versions();
    let tmp = tempdir();
    let out = tmp.path().join("site/public");
    build(&v.a, &out, &[]).ok();
    assert!(tree(&out) == v.site_a);
    Setup { _tmp: tmp, out, v }
}

/// Starts `brief build --root <root> --output <out>` with `env` set.
fn spawn(root: &Path, out: &Path, env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().expect("start brief")
}

/// Reads the child's stderr until `line` appears (the rest is drained in the background).
fn wait_for(child: &mut Child, line: &str) {
    let err = child.stderr.take().expect("stderr piped");
    let mut lines = BufReader::new(err).lines();
    let mut seen = String::new();
    for l in lines.by_ref() {
        let l = l.expect("read stderr");
        seen.push_str(&l);
        seen.push('\n');
        if l.contains(line) {
            std::thread::spawn(move || lines.for_each(drop));
            return;
        }
    }
    panic!("brief ended without printing `{line}`:\n{seen}");
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .expect("run kill")
        .success();
    assert!(ok, "kill {sig} failed");
}

/// Entries beside the output that a build left behind (the spare tree is not one: it is the
/// next build's staging folder, by design).
fn leftovers(out: &Path) -> Vec<String> {
    fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".brief-") && !n.ends_with(".brief-spare"))
        .collect()
}

impl Setup {
    /// The output is exactly one of the two sites.
    #[track_caller]
    fn assert_old_or_new(&self, when: &str) -> char {
        let now = tree(&self.out);
        if now == self.v.site_a {
            'a'
        } else if now == self.v.site_b {
            'b'
        } else {
            let a_diff = now
                .iter()
                .filter(|(k, v)| self.v.site_a.get(*k) != Some(v))
                .count();
            panic!(
                "{when}: the output is a mix ({} files, {a_diff} differ from the old site)",
                now.len()
            );
        }
    }

    /// A rebuild of `a` tidies everything up and gives `a` again.
    #[track_caller]
    fn recover(&self, when: &str) {
        build(&self.v.a, &self.out, &[]).ok();
        assert!(tree(&self.out) == self.v.site_a, "{when}: rebuild is not a");
        assert_eq!(leftovers(&self.out), Vec::<String>::new(), "{when}");
    }
}

#[test]
fn a_rebuild_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let s = setup();
    let mut outcomes = Vec::new();
    // Kills at named points of the commit, then at moments while rendering and writing.
    let steps = [
        (Some("staged"), 0),
        (Some("swapped"), 0),
        (None, 200u64),
        (None, 700),
        (None, 1400),
        (None, 2200),
    ];
    for step in steps {
        let when = format!("{step:?}");
        let mut child = match step.0 {
            Some(point) => {
                let mut c = spawn(&s.v.b, &s.out, &[("BRIEF_TEST_PAUSE", point)]);
                wait_for(&mut c, &format!("paused at {point}"));
                c
            }
            None => {
                let c = spawn(&s.v.b, &s.out, &[]);
                std::thread::sleep(Duration::from_millis(step.1));
                c
            }
        };
        if child.try_wait().expect("poll").is_none() {
            signal(&child, "-KILL");
        }
        child.wait().expect("wait");
        outcomes.push((when.clone(), s.assert_old_or_new(&when)));
        s.recover(&when);
    }
    // Before the swap the old site, after it the new one.
    assert_eq!(outcomes[0].1, 'a', "{outcomes:?}");
    assert_eq!(outcomes[1].1, 'b', "{outcomes:?}");
}

#[test]
fn without_an_exchange_a_site_set_aside_is_put_back() {
    let s = setup();
    let env = [
        ("BRIEF_TEST_PAUSE", "aside"),
        ("BRIEF_TEST_NO_EXCHANGE", "1"),
    ];
    let mut child = spawn(&s.v.b, &s.out, &env);
    wait_for(&mut child, "paused at aside");
    signal(&child, "-KILL");
    child.wait().expect("wait");
    assert!(
        !s.out.exists(),
        "between the two renames the output is aside"
    );
    let run = build(&s.v.a, &s.out, &[]).ok();
    assert!(
        run.stderr
            .contains("the previous site aside; it was put back"),
        "{}",
        run.stderr
    );
    assert!(tree(&s.out) == s.v.site_a);
    assert_eq!(leftovers(&s.out), Vec::<String>::new());
    // The same path, run to its end.
    let mut child = spawn(&s.v.b, &s.out, &[("BRIEF_TEST_NO_EXCHANGE", "1")]);
    assert!(child.wait().expect("wait").success());
    assert!(tree(&s.out) == s.v.site_b);
    assert_eq!(leftovers(&s.out), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn stop_signals_keep_the_old_site_and_leave_nothing_behind() {
    let s = setup();
    for (sig, code) in [("-INT", 130), ("-TERM", 143), ("-HUP", 129)] {
        let mut child = spawn(&s.v.b, &s.out, &[("BRIEF_TEST_PAUSE", "staged")]);
        wait_for(&mut child, "paused at staged");
        signal(&child, sig);
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(code), "{sig}");
        assert!(
            tree(&s.out) == s.v.site_a,
            "{sig}: the old site is untouched"
        );
        assert_eq!(leftovers(&s.out), Vec::<String>::new(), "{sig}");
    }
}

#[test]
fn a_second_build_waits_for_the_first_and_tidies_after_it() {
    let s = setup();
    let mut first = spawn(&s.v.b, &s.out, &[("BRIEF_TEST_PAUSE", "staged")]);
    wait_for(&mut first, "paused at staged");
    let mut second = spawn(&s.v.a, &s.out, &[]);
    wait_for(&mut second, "waiting for another brief build");
    assert!(
        second.try_wait().expect("poll").is_none(),
        "the second build waits"
    );
    signal(&first, "-KILL");
    first.wait().expect("wait");
    assert!(second.wait().expect("wait").success());
    assert!(tree(&s.out) == s.v.site_a);
    assert_eq!(leftovers(&s.out), Vec::<String>::new());
}
