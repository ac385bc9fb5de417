//! Serve stage: `brief serve`: one [`Project`] kept alive, fed the watcher's changes, served
//! from memory; browsers told to reload.
//!
//! One thread owns the project and applies debounced file changes to it
//! ([`Project::update`]); the HTTP server (axum on tokio) reads the last good [`Snapshot`], which
//! holds every byte it serves, and pushes reload, stylesheet and error events to pages over
//! server-sent events. A rebuild that fails, or panics, keeps the last good site served and
//! shows the diagnostics over every page until the next good build. What is left here is HTTP,
//! watching and reloading; the stages are the pipeline's.

pub mod conn;
pub mod http;
mod respond;
mod shown;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use anyhow::{Context as _, Result};
use axum::Router;
use tokio::sync::broadcast;

use crate::diag::Diagnostics;
use crate::pipeline::{Change, Memory, Progress, Project, Snapshot};
use crate::validate::Overrides;
use shown::Shown;

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
    /// The page is up to date (the first event of a stream that has nothing else to say).
    Ok(u64),
}

struct Served {
    snapshot: Snapshot,
    error: Option<String>,
    version: u64,
}

struct App {
    /// This server run's identity: a page loaded from another run (before a restart) is
    /// compared by content, never by build number.
    run: u64,
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

    // Watching starts before the first build: a save made while it runs is not missed.
    let watching = watch::Watching::start(&opts.root);
    let mut project = Project::new(&opts.root, ov);
    let start = Instant::now();
    let diags = update(&mut project, &Change::All);
    let mut shown = Shown::default();
    let error = shown.report(&diags, &opts, start);
    let (tx, _) = broadcast::channel(64);
    let app = Arc::new(App {
        run: respond::run_id(),
        served: RwLock::new(Served {
            snapshot: project.snapshot().unwrap_or_default(),
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
    if let Some(watching) = watching {
        std::thread::spawn(move || {
            watching
                .run(|change| rebuild(&watch_app, &mut project, &watch_opts, &mut shown, change))
        });
    }

    let router = Router::new().fallback(respond::handle).with_state(app);
    conn::serve(listener, router)
        .await
        .context("the server stopped")
}

/// Applies one change and tells the pages. Panics in the rebuild are caught and reported.
fn rebuild(
    app: &App,
    project: &mut Project,
    opts: &ServeOptions,
    shown: &mut Shown,
    change: Change,
) {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| update(project, &change)));
    let (error, snapshot) = match result {
        Ok(diags) => {
            let error = shown.report(&diags, opts, start);
            // A failed rebuild keeps the last good site served.
            let last = app
                .served
                .read()
                .map(|s| s.snapshot.clone())
                .unwrap_or_default();
            (error, project.snapshot().unwrap_or(last))
        }
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
            // The project may be half-updated: start over on the next change.
            let kept = app
                .served
                .read()
                .map(|s| s.snapshot.clone())
                .unwrap_or_default();
            *project = Project::new(&opts.root, live_overrides(app, opts.drafts));
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

/// Brings the project up to date, keeping every byte of the site in memory; its problems.
fn update(project: &mut Project, change: &Change) -> Diagnostics {
    let memory = Memory::new(project.root());
    // Keeping files in memory never fails to write; unreadable files are diagnostics.
    let _ = project.update(change, &memory, &Progress::default());
    project.diagnostics()
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
    if a.site.same(&b.site) {
        return Difference::None;
    }
    let mut css = false;
    // Only the parts that are not shared can differ.
    for key in a.site.unshared(&b.site).chain(b.site.unshared(&a.site)) {
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
