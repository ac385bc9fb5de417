//! `brief serve`: incremental rebuilds equal full builds, HTTP behaviour, live reload, safety.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use brief::diag::Diagnostics;
use brief::pipeline::{Change, Memory, Progress, Project, Snapshot, classify};
use brief::render::{Content, Files};
use brief::validate::Overrides;

use crate::common::{copy_dir, fixture, tempdir};

/// A project copy in a temp folder.
pub(crate) fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let root = dir.path().join("site");
    copy_dir(&fixture("serve"), &root);
    (dir, root)
}

fn ov() -> Overrides {
    Overrides {
        base_url: Some("http://127.0.0.1:1111/briefs/".into()),
        drafts: false,
    }
}

/// What `brief serve` keeps: the project, updated in place, and the last good site.
struct Live {
    project: Project,
    last: Snapshot,
}

impl Live {
    fn new(root: &Path) -> Live {
        Live {
            project: Project::new(root, ov()),
            last: Snapshot::default(),
        }
    }

    fn rebuild(&mut self, change: &Change) -> Diagnostics {
        let memory = Memory::new(self.project.root());
        self.project
            .update(change, &memory, &Progress::default())
            .unwrap();
        if let Some(s) = self.project.snapshot() {
            self.last = s;
        }
        self.project.diagnostics()
    }

    fn snapshot(&self) -> &Snapshot {
        &self.last
    }
}

/// Applies an edit to the files, then the matching change to `live`. Its diagnostics must be a
/// fresh full build's, word for word; when it has no error, the served site must equal a fresh
/// full build, byte for byte. `true` when it has no error.
fn step(live: &mut Live, root: &Path, touched: &[&str], edit: impl FnOnce()) -> bool {
    edit();
    let paths: Vec<PathBuf> = touched.iter().map(PathBuf::from).collect();
    let Some(change) = classify(paths.iter().map(PathBuf::as_path)) else {
        assert_full_build(live, root, touched);
        return true;
    };
    let diags = live.rebuild(&change);
    let full = brief::pipeline::run(root, &ov());
    assert_eq!(
        diags.render(root, false),
        full.diags.render(root, false),
        "diagnostics differ from a full build's after {touched:?}"
    );
    let ok = !diags.has_errors();
    if ok {
        assert_full_build(live, root, touched);
    }
    ok
}

/// Copied files as their bytes, as `serve` holds them.
fn in_memory(files: Files) -> Files {
    files
        .into_iter()
        .map(|(k, v)| match v {
            Content::Copy(p) => (k, Content::Bytes(std::fs::read(p).unwrap())),
            other => (k, other),
        })
        .collect()
}

#[track_caller]
fn assert_full_build(live: &Live, root: &Path, after: &[&str]) {
    let full = brief::pipeline::run(root, &ov());
    assert!(!full.diags.has_errors());
    let files = in_memory(full.files.expect("full build"));
    let served = live.snapshot().files();
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        files.keys().collect::<Vec<_>>(),
        "after {after:?}"
    );
    for (k, v) in &files {
        assert!(
            served.get(k) == Some(v),
            "{k} differs from a full build after {after:?}"
        );
    }
}

/// Replaces `from` by `to` in the file at `path`.
fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn incremental_rebuilds_equal_a_full_build_byte_for_byte() {
    let (_tmp, root) = project();
    let mut live = Live::new(&root);
    assert!(!live.rebuild(&Change::All).has_errors());
    assert_full_build(&live, &root, &[]);
    let art = root.join("content/alpha/article.md");
    let text = std::fs::read_to_string(&art).unwrap();
    let alpha_yaml = root.join("content/alpha/packet.yaml");

    assert!(step(
        &mut live,
        &root,
        &["content/alpha/article.md"],
        || { std::fs::write(&art, text.replace("two days", "three days")).unwrap() }
    ));
    // Saved without a change: the site-level files are kept, not rendered again.
    let site = live.snapshot().site.clone();
    assert!(step(
        &mut live,
        &root,
        &["content/alpha/article.md"],
        || { std::fs::write(&art, text.replace("two days", "three days")).unwrap() }
    ));
    assert!(site.same(&live.snapshot().site));
    // A broken edit: the snapshot stays the last good site.
    let good = live.snapshot().files();
    assert!(!step(
        &mut live,
        &root,
        &["content/alpha/packet.yaml"],
        || { replace_in(&alpha_yaml, "actors: [alice, bob]", "actors: [alice, bobb]") }
    ));
    assert_eq!(
        live.snapshot().files(),
        good,
        "a failed rebuild must not change what is served"
    );
    assert!(step(
        &mut live,
        &root,
        &["content/alpha/packet.yaml"],
        || { replace_in(&alpha_yaml, "bobb]", "bob]") }
    ));
    // The title is on the index, in the feed and in the search index.
    assert!(step(
        &mut live,
        &root,
        &["content/alpha/packet.yaml"],
        || { replace_in(&alpha_yaml, "title: Alpha talks", "title: Alpha summit") }
    ));
    // A draft leaves the site, and comes back.
    let beta_yaml = root.join("content/beta/packet.yaml");
    assert!(step(
        &mut live,
        &root,
        &["content/beta/packet.yaml"],
        || { std::fs::write(&beta_yaml, "title: Beta harbour\ndraft: true\n").unwrap() }
    ));
    assert!(step(
        &mut live,
        &root,
        &["content/beta/packet.yaml"],
        || { std::fs::write(&beta_yaml, "title: Beta harbour\n").unwrap() }
    ));
    // A new packet with a code block (its pages, and the site's, then link highlight.css), a
    // vim-style save (write to a swap file, rename over), and a deleted packet.
    assert!(step(
        &mut live,
        &root,
        &["content/gamma/article.md", "content/gamma/packet.yaml"],
        || {
            std::fs::create_dir_all(root.join("content/gamma")).unwrap();
            std::fs::write(
                root.join("content/gamma/article.md"),
                "Gamma.\n\n```rust\nfn main() {}\n```\n",
            )
            .unwrap();
            std::fs::write(root.join("content/gamma/packet.yaml"), "title: Gamma\n").unwrap();
        }
    ));
    assert!(step(
        &mut live,
        &root,
        &["content/beta/.article.md.swp", "content/beta/article.md"],
        || {
            let swap = root.join("content/beta/.article.md.swp");
            std::fs::write(&swap, "Beta article, saved the vim way.\n").unwrap();
            std::fs::rename(&swap, root.join("content/beta/article.md")).unwrap();
        }
    ));
    assert!(step(&mut live, &root, &["content/gamma"], || {
        std::fs::remove_dir_all(root.join("content/gamma")).unwrap()
    }));
    // Broken, then deleted while broken: the site-level files must drop it.
    assert!(!step(
        &mut live,
        &root,
        &["content/beta/packet.yaml"],
        || { std::fs::write(&beta_yaml, "title: [unclosed\n").unwrap() }
    ));
    assert!(step(&mut live, &root, &["content/beta"], || {
        std::fs::remove_dir_all(root.join("content/beta")).unwrap()
    }));
    assert!(step(
        &mut live,
        &root,
        &["content/beta/packet.yaml"],
        || {
            std::fs::create_dir_all(root.join("content/beta")).unwrap();
            std::fs::write(&beta_yaml, "title: Beta harbour\n").unwrap();
            std::fs::write(
                root.join("content/beta/article.md"),
                "Beta article, saved the vim way.\n",
            )
            .unwrap();
        }
    ));
    assert!(step(&mut live, &root, &["brief.yaml"], || {
        std::fs::write(
            root.join("brief.yaml"),
            "title: Renamed site\nbase_url: https://example.github.io/briefs/\n",
        )
        .unwrap()
    }));
    let index = match live.snapshot().get("beta/article/index.html") {
        Some(Content::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => panic!("beta article missing"),
    };
    assert!(index.contains("saved the vim way"));
}

/// A running `brief serve` on an ephemeral port, stopped on drop.
pub struct Server {
    child: Child,
    /// Its port.
    pub port: u16,
    /// The site's path (`/briefs/`).
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `brief serve` on the project at `root`.
pub fn start(root: &Path) -> Server {
    start_on(root, 0)
}

/// Starts `brief serve` on the project at `root`, listening on `port` (0: any free one).
fn start_on(root: &Path, port: u16) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(root)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start brief serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("serve prints its address");
    let url = line.split_whitespace().last().expect("url").to_string();
    let rest = url.strip_prefix("http://127.0.0.1:").expect("loopback url");
    let (port, path) = rest.split_once('/').expect("path");
    Server {
        child,
        port: port.parse().expect("port"),
        base: format!("/{path}"),
    }
}

/// One HTTP/1.1 GET: (status, body).
pub fn get(port: u16, path: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

pub(crate) fn page(srv: &Server, path: &str) -> (u16, String) {
    get(
        srv.port,
        &format!("{}{path}", srv.base),
        &format!("127.0.0.1:{}", srv.port),
    )
}

/// Waits until `f` holds, or fails after 30 s: generous, because the test binary runs every
/// test at once (builds, browsers) on a 2-core CI machine, all sharing one rayon pool.
pub fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

/// The query a page served at `path` opens its event stream with (`v=…&page=…&h=…`).
fn stream_query(srv: &Server, path: &str) -> String {
    let (_, body) = page(srv, path);
    let var = |name: &str| {
        let start = body.find(&format!("var {name} = ")).expect(name) + name.len() + 7;
        let end = start + body[start..].find(';').expect("end");
        body[start..end].trim_matches('"').to_string()
    };
    let page = path.to_string() + "index.html";
    format!("v={}&page={}&h={}", var("version"), page, var("hash"))
}

/// Reads the event stream of the page at `path` in the background; returns the collected
/// text.
fn listen_as(srv: &Server, query: &str) -> std::sync::Arc<std::sync::Mutex<String>> {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let (port, path) = (srv.port, format!("{}__brief/events?{query}", srv.base));
    let out = seen.clone();
    std::thread::spawn(move || {
        let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
            return;
        };
        let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        let mut buf = [0u8; 4096];
        while let Ok(n) = s.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut o) = out.lock() {
                o.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    });
    seen
}

/// Reads the event stream of the site's index page as it is now.
fn listen(srv: &Server) -> std::sync::Arc<std::sync::Mutex<String>> {
    listen_as(srv, &stream_query(srv, ""))
}

#[test]
fn edits_reload_errors_overlay_and_fixes_clear() {
    let (_tmp, root) = project();
    let srv = start(&root);
    let (status, body) = page(&srv, "alpha/article/");
    assert_eq!(status, 200);
    assert!(body.contains("Talks continued for two days."));
    assert!(
        body.contains("EventSource"),
        "the live-reload script is injected"
    );
    let events = listen(&srv);
    std::thread::sleep(Duration::from_millis(300));

    let art = root.join("content/alpha/article.md");
    let text = std::fs::read_to_string(&art).unwrap();
    std::fs::write(&art, text.replace("two days", "three days")).unwrap();
    eventually("new text served", || {
        page(&srv, "alpha/article/").1.contains("three days")
    });
    eventually("a reload event", || {
        events.lock().unwrap().contains("event: reload")
    });

    // Broken: overlay with the located error; the last good page is still served.
    let p = root.join("content/alpha/packet.yaml");
    let yaml = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        yaml.replace("date: 2025-03-01\n    title", "date: 2025-13-01\n    title"),
    )
    .unwrap();
    eventually("overlay shown", || {
        let b = page(&srv, "alpha/timeline/").1;
        b.contains("content/alpha/packet.yaml:")
            && !b.contains("id=\"brief-overlay\" role=\"alert\" aria-live=\"assertive\" hidden")
    });
    let (status, body) = page(&srv, "alpha/article/");
    assert_eq!(status, 200);
    assert!(
        body.contains("three days"),
        "the last good site stays readable"
    );
    eventually("an error event", || {
        events.lock().unwrap().contains("event: error-report")
    });

    std::fs::write(&p, yaml).unwrap();
    eventually("overlay gone", || {
        page(&srv, "alpha/timeline/")
            .1
            .contains("aria-live=\"assertive\" hidden")
    });
}

#[test]
fn outside_files_bad_hosts_and_hidden_files_are_refused() {
    let (tmp, root) = project();
    std::fs::write(tmp.path().join("secret.txt"), "TOP SECRET").unwrap();
    let srv = start(&root);
    let host = format!("127.0.0.1:{}", srv.port);
    for path in [
        "../secret.txt",
        "%2e%2e/secret.txt",
        "..%2f..%2fsecret.txt",
        "a\\..\\secret.txt",
        ".brief-output",
    ] {
        let (status, body) = get(srv.port, &format!("{}{path}", srv.base), &host);
        assert_eq!(status, 403, "{path}");
        assert!(!body.contains("TOP SECRET"));
    }
    let (status, _) = get(srv.port, &srv.base, "attacker.example");
    assert_eq!(status, 403, "DNS-rebinding Host refused");
    let (status, body) = page(&srv, "no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("</html>"), "the site's 404 page");

    // A symlink out of the project is refused by the build and never served.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            tmp.path().join("secret.txt"),
            root.join("content/beta/leak.txt"),
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(800));
        let (_, body) = page(&srv, "beta/leak.txt");
        assert!(!body.contains("TOP SECRET"));
        eventually("symlink reported", || {
            page(&srv, "beta/").1.contains("leads outside the project")
        });
    }
}

#[test]
fn concurrent_requests_during_rebuilds_all_succeed() {
    let (_tmp, root) = project();
    let srv = start(&root);
    let art = root.join("content/alpha/article.md");
    let text = std::fs::read_to_string(&art).unwrap();
    let (port, base) = (srv.port, srv.base.clone());
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let base = base.clone();
            std::thread::spawn(move || {
                let mut codes = Vec::new();
                for i in 0..50 {
                    let path = if i % 2 == 0 { "alpha/article/" } else { "" };
                    codes.push(get(port, &format!("{base}{path}"), &format!("127.0.0.1:{port}")).0);
                }
                codes
            })
        })
        .collect();
    for i in 0..20 {
        std::fs::write(&art, text.replace("two days", &format!("{i} days"))).unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }
    let codes: Vec<u16> = readers
        .into_iter()
        .flat_map(|r| r.join().unwrap())
        .collect();
    assert_eq!(codes.len(), 200);
    assert!(codes.iter().all(|c| *c == 200), "{codes:?}");
}

#[test]
fn a_real_browser_shows_an_edit_by_itself() {
    let Some(chromium) = crate::browser::chromium() else {
        return;
    };
    let (tmp, root) = project();
    let srv = start(&root);
    let browser = crate::browser::launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let url = format!("http://127.0.0.1:{}{}alpha/article/", srv.port, srv.base);
    tab.navigate_to(&url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");
    let text = || {
        tab.evaluate("document.body.innerText", false)
            .ok()
            .and_then(|r| r.value)
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    };
    assert!(text().contains("two days"));
    // Let the page's event stream connect, then edit the article on disk.
    std::thread::sleep(Duration::from_millis(500));
    let art = root.join("content/alpha/article.md");
    let src = std::fs::read_to_string(&art).unwrap();
    std::fs::write(&art, src.replace("two days", "five whole days")).unwrap();
    eventually("the browser shows the edit without a manual reload", || {
        text().contains("five whole days")
    });
}

#[test]
fn a_stylesheet_only_change_swaps_css_without_a_reload() {
    let dir = tempdir();
    let root = dir.path().join("site");
    copy_dir(&fixture("theme-custom"), &root);
    let srv = start(&root);
    let events = listen(&srv);
    std::thread::sleep(Duration::from_millis(300));
    let css = root.join("themes/custom/static/style.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\nbody { outline: 1px solid red; }\n");
    std::fs::write(&css, text).unwrap();
    eventually("a css event", || {
        events.lock().unwrap().contains("event: css")
    });
    let (_, served) = page(&srv, "style.css");
    assert!(served.contains("outline: 1px solid red"));
    let seen = events.lock().unwrap().clone();
    assert!(
        !seen
            .replace("event: reload\ndata: 1\n", "")
            .contains("event: reload"),
        "no full reload: {seen}"
    );
}

#[test]
fn the_cite_control_is_only_on_served_article_pages_and_answers_from_memory() {
    let (_tmp, root) = project();
    let srv = start(&root);
    let (_, article) = page(&srv, "alpha/article/");
    assert!(article.contains("<div id=\"brief-cite\""), "{article}");
    let (_, overview) = page(&srv, "alpha/");
    assert!(!overview.contains("brief-cite"));
    let ask = |text: &str| {
        let (status, body) = page(
            &srv,
            &format!("__brief/cite?packet=alpha&block=2&offset=0&text={text}"),
        );
        assert_eq!(status, 200);
        serde_json::from_str::<serde_json::Value>(&body).expect("json")
    };
    let a = ask("Alice%20Example%20met");
    assert_eq!(a["ok"], true, "{a}");
    assert_eq!(a["message"], "unique");
    assert_eq!(a["found"]["yaml"], "- \"Alice Example met\"\n");
    assert_eq!(a["found"]["line"], 3);
    let a = ask("lice%20Example");
    assert_eq!(a["ok"], false);
    assert!(
        a["message"].as_str().unwrap().contains("inside a word"),
        "{a}"
    );

    // A broken edit: the served site, and the answers, stay those of the last good build.
    let art = root.join("content/alpha/article.md");
    let text = std::fs::read_to_string(&art).unwrap();
    std::fs::write(
        &art,
        text.replace("Alice Example met", "Alice Example greeted"),
    )
    .unwrap();
    let p = root.join("content/alpha/packet.yaml");
    let yaml = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        yaml.replace("date: 2025-03-01\n    title", "date: 2025-13-01\n    title"),
    )
    .unwrap();
    eventually("overlay shown", || {
        page(&srv, "alpha/")
            .1
            .contains("content/alpha/packet.yaml:")
    });
    assert_eq!(ask("Alice%20Example%20met")["ok"], true);
}

#[test]
fn a_page_open_across_a_restart_reloads_exactly_when_it_is_stale() {
    let (_tmp, root) = project();
    // The same port each time, as when a writer restarts `brief serve`.
    let first = start(&root);
    let port = first.port;
    let query = stream_query(&first, "alpha/article/");
    let other = stream_query(&first, "beta/");
    drop(first);
    // Restarted, nothing changed: the page is told it is up to date.
    let again = start_on(&root, port);
    let events = listen_as(&again, &query);
    eventually("a first event", || {
        events.lock().unwrap().contains("event: ")
    });
    let seen = events.lock().unwrap().clone();
    assert!(
        seen.contains("event: ok") && !seen.contains("reload"),
        "{seen}"
    );
    drop(again);
    // Restarted after an edit made while it was down: the edited page reloads, another stays.
    let art = root.join("content/alpha/article.md");
    let text = std::fs::read_to_string(&art).unwrap();
    std::fs::write(&art, text.replace("two days", "three days")).unwrap();
    let third = start_on(&root, port);
    let events = listen_as(&third, &query);
    eventually("a reload", || {
        events.lock().unwrap().contains("event: reload")
    });
    let events = listen_as(&third, &other);
    eventually("a first event", || {
        events.lock().unwrap().contains("event: ")
    });
    let seen = events.lock().unwrap().clone();
    assert!(
        seen.contains("event: ok") && !seen.contains("reload"),
        "{seen}"
    );
}

#[test]
fn serve_picks_up_a_project_themes_default_and_its_edits() {
    let (_tmp, root) = project();
    let mut live = Live::new(&root);
    assert!(!live.rebuild(&Change::All).has_errors());
    let overview = |live: &Live| match live.snapshot().get("alpha/index.html") {
        Some(Content::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => panic!("alpha overview missing"),
    };
    assert!(!overview(&live).contains("own-overview"));
    let template = root.join("themes/default/templates/overview.html");
    assert!(step(
        &mut live,
        &root,
        &["themes/default/templates/overview.html"],
        || {
            std::fs::create_dir_all(template.parent().unwrap()).unwrap();
            std::fs::write(
                &template,
                "{% extends \"base.html\" %}{% block main %}<p class=\"own-overview\">one</p>{% endblock main %}",
            )
            .unwrap();
        }
    ));
    assert!(overview(&live).contains("<p class=\"own-overview\">one</p>"));
    assert!(step(
        &mut live,
        &root,
        &["themes/default/templates/overview.html"],
        || replace_in(&template, ">one<", ">two<")
    ));
    assert!(overview(&live).contains("<p class=\"own-overview\">two</p>"));
    // Removed again: the built-in template is back.
    assert!(step(&mut live, &root, &["themes/default"], || {
        std::fs::remove_dir_all(root.join("themes/default")).unwrap()
    }));
    assert!(!overview(&live).contains("own-overview"));
}
