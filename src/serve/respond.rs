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
    let (status, key) = match served.snapshot.get(key) {
        Some(_) => (StatusCode::OK, key),
        None => (StatusCode::NOT_FOUND, "404.html"),
    };
    // The snapshot holds every byte in memory: nothing is read from disk at request time.
    let bytes = match served.snapshot.get(key) {
        Some(Content::Bytes(b)) => b.clone(),
        Some(Content::Copy(_)) | None => {
            return (
                StatusCode::NOT_FOUND,
                "not found (the site has not been built yet)\n",
            )
                .into_response();
        }
    };
    let ctype = http::content_type(key);
    let body = if ctype.starts_with("text/html") {
        inject(&bytes, &served, &app.root_path, key)
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
fn inject(html: &[u8], served: &Served, root: &str, key: &str) -> Vec<u8> {
    const SNIPPET: &str = include_str!("live.html");
    const CITE: &str = include_str!("cite.html");
    let escaped = served.error.as_deref().map(escape).unwrap_or_default();
    let snippet = SNIPPET
        .replace(
            "__BRIEF_HIDDEN__",
            if served.error.is_some() { "" } else { "hidden" },
        )
        .replace("__BRIEF_ERROR__", &escaped)
        .replace("__BRIEF_VERSION__", &served.version.to_string())
        .replace("__BRIEF_EVENTS__", &format!("{root}{}", http::EVENTS));
    let article = key
        .strip_suffix("/article/index.html")
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
