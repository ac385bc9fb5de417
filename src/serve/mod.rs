//! Serve stage: `brief serve`: build in memory, serve, watch, rebuild, tell browsers to reload.
//!
//! One thread owns the [`live::Live`] site and applies debounced file changes to it; the HTTP
//! server (axum on tokio) reads the last good [`live::Snapshot`] and pushes reload, stylesheet
//! and error events to pages over server-sent events. A rebuild that fails, or panics, keeps
//! the last good site served and shows the diagnostics over every page until the next good
//! build.

pub mod http;
pub mod live;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use anyhow::{Context as _, Result};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

use crate::diag::Diagnostics;
use crate::render::Content;
use crate::validate::Overrides;
use http::Target;
use live::{Change, Live, Snapshot};

/// Options of `brief serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Project folder.
    pub root: PathBuf,
    /// Address to bind (127.0.0.1 by default).
    pub interface: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Open the site in a browser once serving.
    pub open: bool,
    /// Colour terminal output.
    pub color: bool,
}

/// What pages are told.
#[derive(Debug, Clone)]
enum Notice {
    Reload(u64),
    Css(u64),
    Error(String),
}

struct Served {
    snapshot: Snapshot,
    error: Option<String>,
    version: u64,
}

struct App {
    served: RwLock<Served>,
    tx: broadcast::Sender<Notice>,
    root_path: String,
    interface: String,
    port: u16,
}

/// Runs the server until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    rt.block_on(run(opts))
}

async fn run(opts: ServeOptions) -> Result<()> {
    let addr = SocketAddr::new(opts.interface, opts.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let port = listener.local_addr()?.port();
    let host = match opts.interface {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };

    // The configured base URL's path is kept, so links behave as they will when deployed.
    let mut probe = Diagnostics::default();
    let raw = crate::load::load_config(&opts.root, &mut probe);
    let configured = crate::validate::config(&raw, &opts.root, &Overrides::default(), &mut probe);
    let root_path = configured.map_or_else(|| "/".to_string(), |c| c.root);
    let ov = Overrides {
        base_url: Some(format!("http://{host}:{port}{root_path}")),
        drafts: opts.drafts,
    };

    let mut live = Live::new(&opts.root, ov);
    let start = Instant::now();
    let diags = live.rebuild(&Change::All);
    let error = report(&diags, &opts, start);
    let (tx, _) = broadcast::channel(64);
    let app = Arc::new(App {
        served: RwLock::new(Served {
            snapshot: live.snapshot().clone(),
            error,
            version: 1,
        }),
        tx,
        root_path: root_path.clone(),
        interface: host.clone(),
        port,
    });

    let url = format!("http://{host}:{port}{root_path}");
    println!("serving {} at {url}", opts.root.display());
    if !opts.interface.is_loopback() {
        eprintln!(
            "warning: serving on {host}, which other machines can reach; the preview is meant for this machine (use --interface 127.0.0.1)"
        );
    }
    if opts.open {
        open_browser(&url);
    }

    let watch_app = app.clone();
    let watch_opts = opts.clone();
    std::thread::spawn(move || {
        watch::run(&watch_opts.root.clone(), |change| {
            rebuild(&watch_app, &mut live, &watch_opts, change)
        })
    });

    let router = Router::new().fallback(handle).with_state(app);
    axum::serve(listener, router)
        .await
        .context("the server stopped")?;
    Ok(())
}

/// Applies one change and tells the pages. Panics in the rebuild are caught and reported.
fn rebuild(app: &App, live: &mut Live, opts: &ServeOptions, change: Change) {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| live.rebuild(&change)));
    let (error, snapshot) = match result {
        Ok(diags) => (report(&diags, opts, start), live.snapshot().clone()),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown".into());
            let text = format!(
                "internal error while rebuilding (a bug in brief, please report it): {what}"
            );
            eprintln!("{text}");
            // The site state may be half-updated: start over on the next change.
            let kept = live.snapshot().clone();
            *live = Live::new(&opts.root, live_overrides(app, opts.drafts));
            (Some(text), kept)
        }
    };
    // The replaced site is freed only after the lock is released.
    let (notice, _replaced) = {
        let Ok(mut served) = app.served.write() else {
            return;
        };
        let difference = difference(&served.snapshot, &snapshot);
        let was_broken = served.error.is_some();
        served.error = error.clone();
        let replaced = if difference != Difference::None || (was_broken && error.is_none()) {
            served.version += 1;
            Some(std::mem::replace(&mut served.snapshot, snapshot))
        } else {
            None
        };
        let notice = match (&error, difference) {
            (Some(e), _) => Some(Notice::Error(e.clone())),
            (None, Difference::Css) => Some(Notice::Css(served.version)),
            (None, Difference::Pages) => Some(Notice::Reload(served.version)),
            (None, Difference::None) if was_broken => Some(Notice::Reload(served.version)),
            (None, Difference::None) => None, // nothing a reader would see changed
        };
        (notice, replaced)
    };
    if let Some(n) = notice {
        let _ = app.tx.send(n);
    }
}

fn live_overrides(app: &App, drafts: bool) -> Overrides {
    Overrides {
        base_url: Some(format!(
            "http://{}:{}{}",
            app.interface, app.port, app.root_path
        )),
        drafts,
    }
}

/// Prints the outcome of a build; returns the overlay text when it failed.
fn report(diags: &Diagnostics, opts: &ServeOptions, start: Instant) -> Option<String> {
    let text = diags.render(&opts.root, opts.color);
    if !text.is_empty() {
        eprint!("{text}");
    }
    if diags.has_errors() {
        eprintln!("build failed: still serving the last good site");
        Some(diags.render(&opts.root, false))
    } else {
        eprintln!("built in {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
        None
    }
}

/// How two sites differ, as a reader would see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Difference {
    /// Not at all.
    None,
    /// Only in stylesheets.
    Css,
    /// In anything else.
    Pages,
}

/// Compares two sites, cheaply: a packet whose files were not rebuilt shares them (same
/// `Arc`), as do the site-level files when they were kept; any packet that changed settles it
/// without looking at the site-level files.
fn difference(a: &Snapshot, b: &Snapshot) -> Difference {
    let same_packets = a.packets.len() == b.packets.len()
        && a.packets
            .iter()
            .zip(&b.packets)
            .all(|(x, y)| x.0 == y.0 && (Arc::ptr_eq(x.1, y.1) || x.1 == y.1));
    if !same_packets {
        return Difference::Pages;
    }
    if Arc::ptr_eq(&a.site, &b.site) {
        return Difference::None;
    }
    let mut css = false;
    let keys = a
        .site
        .keys()
        .chain(b.site.keys().filter(|k| !a.site.contains_key(*k)));
    for key in keys {
        if a.site.get(key) != b.site.get(key) {
            if !key.ends_with(".css") {
                return Difference::Pages;
            }
            css = true;
        }
    }
    if css {
        Difference::Css
    } else {
        Difference::None
    }
}

async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !http::host_allowed(host, &app.interface, app.port) {
        return (
            StatusCode::FORBIDDEN,
            "brief serve answers only requests for this machine's address\n",
        )
            .into_response();
    }
    let raw = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    let target = {
        let Ok(served) = app.served.read() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        http::resolve(&raw, &app.root_path, |p| served.snapshot.get(p).is_some())
    };
    match target {
        Target::Forbidden => (StatusCode::FORBIDDEN, "forbidden\n").into_response(),
        Target::Redirect(to) => Response::builder()
            .status(StatusCode::FOUND)
            .header(header::LOCATION, to)
            .body(Body::empty())
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        Target::Events => events(&app, &query).into_response(),
        Target::File(key) => file(&app, &key),
    }
}

fn file(app: &App, key: &str) -> Response {
    let Ok(served) = app.served.read() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let (status, key) = match served.snapshot.get(key) {
        Some(_) => (StatusCode::OK, key),
        None => (StatusCode::NOT_FOUND, "404.html"),
    };
    let bytes = match served.snapshot.get(key) {
        Some(Content::Bytes(b)) => b.clone(),
        Some(Content::Copy(path)) => match std::fs::read(path) {
            Ok(b) => b,
            Err(_) => return (StatusCode::NOT_FOUND, "not found\n").into_response(),
        },
        None => {
            return (
                StatusCode::NOT_FOUND,
                "not found (the site has not been built yet)\n",
            )
                .into_response();
        }
    };
    let ctype = http::content_type(key);
    let body = if ctype.starts_with("text/html") {
        inject(&bytes, &served, &app.root_path)
    } else {
        bytes
    };
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    resp
}

/// Adds the live-reload script and the error overlay before `</body>`.
fn inject(html: &[u8], served: &Served, root: &str) -> Vec<u8> {
    const SNIPPET: &str = include_str!("live.html");
    let escaped = served.error.as_deref().map(escape).unwrap_or_default();
    let snippet = SNIPPET
        .replace(
            "__BRIEF_HIDDEN__",
            if served.error.is_some() { "" } else { "hidden" },
        )
        .replace("__BRIEF_ERROR__", &escaped)
        .replace("__BRIEF_VERSION__", &served.version.to_string())
        .replace("__BRIEF_EVENTS__", &format!("{root}{}", http::EVENTS));
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{}{}", &text[..i], snippet, &text[i..]).into_bytes(),
        None => format!("{text}{snippet}").into_bytes(),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

fn events(
    app: &App,
    query: &str,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, std::convert::Infallible>> + use<>> {
    let seen: u64 = query
        .strip_prefix("v=")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (first, version) = match app.served.read() {
        Ok(s) => (s.error.clone(), s.version),
        Err(_) => (None, seen),
    };
    // A page that missed a rebuild between loading and connecting catches up at once.
    let initial: Vec<Notice> = match first {
        Some(e) => vec![Notice::Error(e)],
        None if version != seen => vec![Notice::Reload(version)],
        None => vec![],
    };
    let live = BroadcastStream::new(app.tx.subscribe()).filter_map(|m| m.ok());
    let stream = tokio_stream::iter(initial).chain(live).map(|n| {
        Ok(match n {
            Notice::Reload(v) => Event::default().event("reload").data(v.to_string()),
            Notice::Css(v) => Event::default().event("css").data(v.to_string()),
            Notice::Error(text) => Event::default()
                .event("error-report")
                .data(serde_json::to_string(&text).unwrap_or_default()),
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
}
