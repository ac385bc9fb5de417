//! Real browser (headless Chromium): every page kind of the example at 1280 and 390 px (light,
//! and dark at 1280) with no console error and no sideways overflow, the search box driven by
//! the keyboard, the print, actors and timeline pages printed to PDF ([`pdf`]), every reader
//! the standard tools do not score: the phone, forced colours, axe-core, small text, clipped
//! labels, the tab order ([`reader`]), the Nu HTML checker over every page ([`valid`]); what
//! the browser is given is also checked without one ([`site`]).
//!
//! Screenshots go to `screens/` in the test's temp folder; set BRIEF_KEEP_SCREENSHOTS=1 to keep
//! that folder (its path is printed). Without chromium the tests print why and pass, unless
//! BRIEF_BROWSER_TESTS is set: then they fail.

mod cite;
mod overlay;
mod pdf;
mod reader;
mod search;
mod server;
mod site;
mod valid;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Log, Page, Runtime};
use headless_chrome::{Browser, LaunchOptions, Tab};

use crate::common::{build, repo, tempdir};

/// The base path the test sites are built for and served under.
pub const BASE: &str = "/briefs/";

/// The first of `paths` that exists, or `None` (after saying why) when the browser tests must
/// be skipped; with BRIEF_BROWSER_TESTS set a missing tool fails the test instead.
pub fn required_tool(paths: &[&str], what: &str, install: &str) -> Option<PathBuf> {
    let found = paths.iter().map(PathBuf::from).find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("BRIEF_BROWSER_TESTS").is_none(),
            "BRIEF_BROWSER_TESTS is set but {what} is not installed"
        );
        eprintln!(
            "skipping a browser test: no {what} ({install}; BRIEF_BROWSER_TESTS=1 makes it mandatory)"
        );
    }
    found
}

/// Chromium's path, or `None` when the browser tests must be skipped.
pub fn chromium() -> Option<PathBuf> {
    required_tool(
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
        "chromium",
        "apt-get install chromium",
    )
}

/// A file of a globally installed npm package (`axe-core/axe.min.js`), or `None` (after saying
/// why) when the browser tests must be skipped; with BRIEF_BROWSER_TESTS set it must exist.
pub fn npm_file(path: &str, install: &str) -> Option<PathBuf> {
    let root = std::process::Command::new("npm")
        .args(["root", "-g"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let file = Path::new(&root).join(path);
    required_tool(&[&file.to_string_lossy()], path, install)
}

/// Every page kind of the example: `(kind, path below the packet site)`.
pub const PAGES: [(&str, &str); 10] = [
    ("index", ""),
    ("overview", "us-ukraine/"),
    ("article", "us-ukraine/article/"),
    ("timeline", "us-ukraine/timeline/"),
    ("actors", "us-ukraine/actors/"),
    ("actor", "us-ukraine/actors/trump/"),
    ("questions", "us-ukraine/questions/"),
    ("question", "us-ukraine/questions/nato-in-settlement/"),
    ("print", "us-ukraine/print/"),
    ("404", "404.html"),
];

/// Builds fixture `name` into `<tmp>/<name>` for [`BASE`] and serves it.
pub fn fixture_site(tmp: &Path, name: &str) -> (PathBuf, server::Static) {
    let out = tmp.join(name);
    build(
        &crate::common::fixture(name),
        &out,
        &["--base-url", "http://127.0.0.1:1111/briefs/"],
    )
    .ok();
    let srv = server::serve(&out, BASE);
    (out, srv)
}

/// Builds the example into `<tmp>/out` for [`BASE`] and serves it.
pub fn example_site(tmp: &Path) -> (PathBuf, server::Static) {
    let out = tmp.join("out");
    build(
        &repo(),
        &out,
        &["--base-url", "http://127.0.0.1:1111/briefs/"],
    )
    .ok();
    let srv = server::serve(&out, BASE);
    (out, srv)
}

/// Starts Chromium without sandbox, network services or a shared profile.
pub fn launch(chromium: PathBuf, profile: PathBuf) -> Browser {
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium))
        .sandbox(false)
        .user_data_dir(Some(profile))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(args)
        .build()
        .expect("launch options");
    Browser::new(options).expect("start chromium")
}

/// Collects console errors, uncaught exceptions and error log entries (failed loads…).
pub fn watch_console(tab: &Tab) -> Arc<Mutex<Vec<String>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    tab.enable_runtime().expect("runtime domain");
    tab.enable_log().expect("log domain");
    tab.add_event_listener(Arc::new(move |e: &Event| {
        let problem = match e {
            Event::RuntimeExceptionThrown(x) => {
                Some(format!("exception: {}", x.params.exception_details.text))
            }
            Event::RuntimeConsoleAPICalled(c)
                if c.params.Type == Runtime::ConsoleAPICalledEventTypeOption::Error =>
            {
                Some(format!(
                    "console.error: {:?}",
                    c.params.args.iter().map(|a| &a.value).collect::<Vec<_>>()
                ))
            }
            Event::LogEntryAdded(l) if l.params.entry.level == Log::LogEntryLevel::Error => Some(
                format!("log: {} {:?}", l.params.entry.text, l.params.entry.url),
            ),
            _ => None,
        };
        if let (Some(p), Ok(mut s)) = (problem, sink.lock()) {
            s.push(p);
        }
    }))
    .expect("listener");
    seen
}

/// Sets the viewport (`width` × `height`) and the colour scheme.
pub fn viewport(tab: &Tab, width: u32, height: u32, dark: bool) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("viewport");
    let scheme = if dark { "dark" } else { "light" };
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![Emulation::MediaFeature {
            name: "prefers-color-scheme".into(),
            value: scheme.into(),
        }]),
    })
    .expect("colour scheme");
}

/// Emulates forced colours (a high-contrast palette; `dark` picks the dark one) on top of
/// [`viewport`]'s colour scheme, or print media (`print`).
pub fn emulate(tab: &Tab, dark: bool, forced: bool, print: bool) {
    let mut features = vec![Emulation::MediaFeature {
        name: "prefers-color-scheme".into(),
        value: if dark { "dark" } else { "light" }.into(),
    }];
    if forced {
        features.push(Emulation::MediaFeature {
            name: "forced-colors".into(),
            value: "active".into(),
        });
    }
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some(if print { "print" } else { "" }.into()),
        features: Some(features),
    })
    .expect("emulated media");
}

/// Opens `url` and waits until the search script has run.
pub fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url).expect("navigate");
    tab.wait_until_navigated().expect("loaded");
    wait_for(
        tab,
        "the search box",
        "!document.querySelector('form.site-search').hidden",
    );
}

/// Evaluates `js`, awaiting the promise it returns, and returns its value.
pub fn eval_async(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, true)
        .ok()
        .and_then(|r| r.value)
        .unwrap_or(serde_json::Value::Null)
}

/// A screenshot of the viewport at `path`.
pub fn snap(tab: &Tab, path: &Path) {
    let png = tab
        .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    std::fs::write(path, png).expect("write screenshot");
}

/// JavaScript: the elements that reach past `WIDTH` (the device width: a mobile browser widens
/// its layout viewport to fit what sticks out), outside any box that scrolls or clips them, as
/// a JSON list of `tag.class`.
const STICKING_OUT: &str = r#"JSON.stringify([...document.body.querySelectorAll('*')].filter(e => {
  if (e.getBoundingClientRect().right <= WIDTH + 1) return false;
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return false;
  }
  return getComputedStyle(e).visibility !== 'hidden';
}).map(e => e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || '')))"#;

/// Evaluates `js` and returns its value.
pub fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .ok()
        .and_then(|r| r.value)
        .unwrap_or(serde_json::Value::Null)
}

/// Waits until `js` evaluates to `true`, or fails after 30 s (the other tests run meanwhile).
pub fn wait_for(tab: &Tab, what: &str, js: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if eval(tab, js) == serde_json::Value::Bool(true) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

/// A screenshot of the whole page (the viewport grown to the page's height) at `path`.
pub fn screenshot(tab: &Tab, width: u32, dark: bool, path: &Path) {
    let height = eval(tab, "document.documentElement.scrollHeight")
        .as_u64()
        .unwrap_or(900);
    viewport(tab, width, height.clamp(600, 12_000) as u32, dark);
    let png = tab
        .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    std::fs::write(path, png).expect("write screenshot");
}

/// Keeps the temp folder when asked to, printing where the screenshots are.
pub fn keep(tmp: tempfile::TempDir) {
    if std::env::var_os("BRIEF_KEEP_SCREENSHOTS").is_some() {
        let dir = tmp.keep();
        eprintln!("screenshots kept in {}", dir.join("screens").display());
    }
}

#[test]
fn every_page_kind_renders_without_console_errors_at_two_widths() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let screens = tmp.path().join("screens");
    std::fs::create_dir_all(&screens).expect("screens folder");
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let console = watch_console(&tab);
    for (kind, path) in PAGES {
        for (width, dark) in [(1280, false), (390, false), (1280, true)] {
            viewport(&tab, width, 900, dark);
            tab.navigate_to(&srv.url(BASE, path)).expect("navigate");
            tab.wait_until_navigated().expect("loaded");
            wait_for(
                &tab,
                "the search box",
                "!document.querySelector('form.site-search').hidden",
            );
            // Nothing may stick out sideways: wide pictures scroll inside their own box.
            let out = eval(&tab, &STICKING_OUT.replace("WIDTH", &width.to_string()));
            assert_eq!(
                out,
                serde_json::json!("[]"),
                "{kind} at {width}px: elements stick out"
            );
            let scheme = if dark { "dark" } else { "light" };
            screenshot(
                &tab,
                width,
                dark,
                &screens.join(format!("{kind}-{width}-{scheme}.png")),
            );
        }
        let problems = std::mem::take(&mut *console.lock().expect("console"));
        assert!(problems.is_empty(), "{kind}: {problems:#?}");
    }
    // The pictures are there, with their accessible names, and their links lead to anchors.
    tab.navigate_to(&srv.url(BASE, "us-ukraine/timeline/"))
        .expect("navigate");
    tab.wait_until_navigated().expect("loaded");
    let marks = eval(
        &tab,
        "[...document.querySelectorAll('.timeline-chart .chart-wide a.mark')].filter(a => document.getElementById(decodeURIComponent(new URL(a.href.baseVal || a.getAttribute('href'), location).hash.slice(1)))).length",
    );
    assert_eq!(
        marks,
        serde_json::json!(34),
        "every mark links to its event on the page"
    );
    let named = eval(
        &tab,
        "document.querySelector('.timeline-chart svg title').textContent",
    );
    assert_eq!(named, serde_json::json!("Timeline chart"));
    keep(tmp);
}
