//! Serve stage: answering one request from the last good snapshot (files, the live-reload
//! script and error overlay injected into pages, the event stream).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

use super::http::{self, Target};
use super::{App, Notice, Served};
use crate::render::Content;
use crate::render::pages::Out;

pub(super) async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
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
        Target::Cite => cite(&app, &query),
        Target::File(key) => file(&app, &key),
    }
}

/// The Cite control's question: `packet`, `block`, `offset` and the selected `text`; the
/// answer, as JSON, computed by the build's matcher on the served article (never from disk).
fn cite(app: &App, query: &str) -> Response {
    let value = |k: &str| http::query_value(query, k).unwrap_or_default();
    let source = {
        let Ok(served) = app.served.read() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        served.snapshot.articles.get(&value("packet")).cloned()
    };
    let answer = match source {
        Some(source) => crate::quote::select(
            &value("packet"),
            &source,
            value("block").parse().unwrap_or(0),
            value("offset").parse().unwrap_or(0),
            &value("text"),
        ),
        None => crate::quote::Selection::explain(
            "This page is not the article of a packet being served.",
        ),
    };
    let mut resp = Response::new(Body::from(
        serde_json::to_string(&answer).unwrap_or_default(),
    ));
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn file(app: &App, key: &str) -> Response {
    let Ok(served) = app.served.read() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let not_found = Out::NotFound.file("", "");
    let (status, key) = match served.snapshot.get(key) {
        Some(_) => (StatusCode::OK, key),
        None => (StatusCode::NOT_FOUND, not_found.as_str()),
    };
    // The snapshot holds every byte in memory: nothing is read from disk at request time.
    let bytes = match served.snapshot.get(key).and_then(Content::data) {
        Some(b) => b.to_vec(),
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
        inject(&bytes, &served, app, key)
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

/// Adds the live-reload script and the error overlay before `</body>`, and on a packet's
/// article page the Cite control.
fn inject(html: &[u8], served: &Served, app: &App, key: &str) -> Vec<u8> {
    let root = app.root_path.as_str();
    const SNIPPET: &str = include_str!("live.html");
    const CITE: &str = include_str!("cite.html");
    let escaped = served.error.as_deref().map(escape).unwrap_or_default();
    let snippet = SNIPPET
        .replace(
            "__BRIEF_HIDDEN__",
            if served.error.is_some() { "" } else { "hidden" },
        )
        .replace("__BRIEF_ERROR__", &escaped)
        .replace("__BRIEF_VERSION__", &app.token(served.version))
        .replace("__BRIEF_PAGE__", &js_string(key))
        .replace(
            "__BRIEF_HASH__",
            &format!("{:x}", fingerprint(html, &served.snapshot)),
        )
        .replace("__BRIEF_EVENTS__", &format!("{root}{}", http::EVENTS));
    let article = Out::Article
        .slug_of(key)
        .filter(|slug| served.snapshot.articles.contains_key(*slug));
    // Slugs are `[a-z0-9-]+`: safe in a script string.
    let snippet = match article {
        Some(slug) => {
            snippet
                + &CITE
                    .replace("__BRIEF_PACKET__", slug)
                    .replace("__BRIEF_CITE__", &format!("{root}{}", http::CITE))
        }
        None => snippet,
    };
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{}{}", &text[..i], snippet, &text[i..]).into_bytes(),
        None => format!("{text}{snippet}").into_bytes(),
    }
}

impl App {
    /// What a page is told its version is: this run and the build number (`3f9a…-4`).
    pub(super) fn token(&self, version: u64) -> String {
        format!("{:x}-{version}", self.run)
    }
}

/// An identity for this run of the server: the time and the process id, mixed.
pub(super) fn run_id() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    (nanos ^ (u64::from(std::process::id()) << 32)) | 1
}

/// What a page shows, as a number: its bytes and the site's stylesheets. A page loaded from
/// an earlier run of the server is stale exactly when this differs.
fn fingerprint(page: &[u8], snapshot: &crate::pipeline::Snapshot) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    page.hash(&mut h);
    for (key, content) in snapshot.site.iter() {
        if let (true, Some(b)) = (key.ends_with(".css"), content.data()) {
            key.hash(&mut h);
            b.hash(&mut h);
        }
    }
    h.finish()
}

/// `s` as a JavaScript string literal that cannot end a script element.
fn js_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

use crate::text::escape_html as escape;

/// The event stream of one page. `v` is the version it was loaded at; when it is from an
/// earlier run of the server, `page` and `h` (its [`fingerprint`]) say whether what it shows
/// is stale. The first event says where the page stands: the errors, `reload`, or `ok`.
fn events(
    app: &App,
    query: &str,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, std::convert::Infallible>> + use<>> {
    let value = |k: &str| http::query_value(query, k).unwrap_or_default();
    let seen = value("v");
    let (error, version, stale) = match app.served.read() {
        Ok(s) => {
            let current = app.token(s.version);
            let this_run = seen
                .split_once('-')
                .is_some_and(|(run, _)| run == format!("{:x}", app.run));
            let stale = if seen == current {
                false
            } else if this_run {
                // A page that missed a rebuild between loading and connecting catches up.
                true
            } else {
                // Loaded from an earlier run: stale exactly when its content differs.
                let page = value("page");
                match s.snapshot.get(&page).and_then(Content::data) {
                    Some(b) => format!("{:x}", fingerprint(b, &s.snapshot)) != value("h"),
                    None => true,
                }
            };
            (s.error.clone(), s.version, stale)
        }
        Err(_) => (None, 0, false),
    };
    let initial: Vec<Notice> = match error {
        Some(e) => vec![Notice::Error(e)],
        None if stale => vec![Notice::Reload(version)],
        None => vec![Notice::Ok(version)],
    };
    let live = BroadcastStream::new(app.tx.subscribe()).filter_map(|m| m.ok());
    let run = app.run;
    let stream = tokio_stream::iter(initial).chain(live).map(move |n| {
        let token = |v: u64| format!("{run:x}-{v}");
        Ok(match n {
            Notice::Reload(v) => Event::default().event("reload").data(token(v)),
            Notice::Css(v) => Event::default().event("css").data(token(v)),
            Notice::Ok(v) => Event::default().event("ok").data(token(v)),
            Notice::Error(text) => Event::default()
                .event("error-report")
                .data(serde_json::to_string(&text).unwrap_or_default()),
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
