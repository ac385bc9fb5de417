//! Serve stage: answering requests from the in-memory site, safely.
//!
//! Only files of the rendered site are ever served (the snapshot's map, plus the packet files
//! it names for copying). Paths with `..`, backslashes, NUL or dot-segments are refused before
//! any lookup, requests whose `Host` is not the local address are refused (DNS rebinding), and
//! no CORS header is ever sent.

use crate::render::pages::{self, Out};
use crate::text::percent_decode;

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A site file (key of the snapshot).
    File(String),
    /// Redirect to this path (a folder without its trailing slash, or the root).
    Redirect(String),
    /// The live-reload event stream.
    Events,
    /// The Cite control's question (answered from the served snapshot).
    Cite,
    /// Refused: traversal, hidden file, malformed path.
    Forbidden,
}

/// The path of the event stream, below the site root.
pub const EVENTS: &str = "__brief/events";

/// The path the Cite control asks, below the site root.
pub const CITE: &str = "__brief/cite";

/// Resolves a raw (percent-encoded) request path against the site root path (`/repo/`).
/// `exists` tells whether a site file exists.
pub fn resolve(raw: &str, root: &str, exists: impl Fn(&str) -> bool) -> Target {
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || lower.contains("%5c") || lower.contains("%00") || !raw.starts_with('/')
    {
        return Target::Forbidden;
    }
    let Some(decoded) = percent_decode(raw) else {
        return Target::Forbidden;
    };
    if decoded.contains(['\\', '\0']) || decoded.starts_with("//") {
        return Target::Forbidden;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    if segments
        .iter()
        .any(|s| *s == ".." || *s == "." || (s.starts_with('.') && !s.is_empty()))
    {
        return Target::Forbidden;
    }
    let Some(inside) = decoded.strip_prefix(root) else {
        return if decoded == root.trim_end_matches('/') || decoded == "/" {
            Target::Redirect(root.to_string())
        } else {
            Target::File(String::from("\0missing"))
        };
    };
    if inside == EVENTS {
        return Target::Events;
    }
    if inside == CITE {
        return Target::Cite;
    }
    if inside.is_empty() || inside.ends_with('/') {
        return Target::File(pages::file_of(inside));
    }
    if !exists(inside) && exists(&pages::file_of(&format!("{inside}/"))) {
        return Target::Redirect(format!("{decoded}/"));
    }
    Target::File(inside.to_string())
}

/// The value of `key` in a query string (`a=1&b=x%20y`), percent-decoded.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| percent_decode(v))
}

/// `true` when `host` (the Host header) names this server on a local address.
pub fn host_allowed(host: &str, interface: &str, port: u16) -> bool {
    let allowed = [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        format!("{interface}:{port}"),
    ];
    allowed.iter().any(|a| a.eq_ignore_ascii_case(host))
}

/// The content type for a file name.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with(Out::Feed.pattern()) => "application/atom+xml",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(path: &str) -> Target {
        resolve(path, "/repo/", |p| p == "a/index.html" || p == "style.css")
    }

    #[test]
    fn traversal_and_hidden_files_are_refused() {
        for bad in [
            "/repo/../etc/passwd",
            "/repo/%2e%2e/etc/passwd",
            "/repo/%2E%2E%2Fetc",
            "/repo/..%2fsecret",
            "/repo/a\\b",
            "/repo/a%5cb",
            "/repo/.brief-output",
            "/repo/x/.git/config",
            "/repo/%00",
            "//etc/passwd",
            "/repo/%zz",
        ] {
            assert_eq!(r(bad), Target::Forbidden, "{bad}");
        }
    }

    #[test]
    fn site_paths_resolve() {
        assert_eq!(r("/repo/"), Target::File("index.html".into()));
        assert_eq!(r("/repo/a/"), Target::File("a/index.html".into()));
        assert_eq!(r("/repo/a"), Target::Redirect("/repo/a/".into()));
        assert_eq!(r("/repo/style.css"), Target::File("style.css".into()));
        assert_eq!(r("/repo/__brief/events"), Target::Events);
        assert_eq!(r("/repo/__brief/cite"), Target::Cite);
        assert_eq!(
            query_value("packet=p&text=a%20%E2%80%93%20b", "text").as_deref(),
            Some("a – b")
        );
        assert_eq!(query_value("text=%zz", "text"), None);
        assert_eq!(r("/"), Target::Redirect("/repo/".into()));
        assert_eq!(r("/repo"), Target::Redirect("/repo/".into()));
        assert_eq!(r("/other/x"), Target::File("\0missing".into()));
    }

    #[test]
    fn only_local_hosts_are_answered() {
        assert!(host_allowed("127.0.0.1:1111", "127.0.0.1", 1111));
        assert!(host_allowed("localhost:1111", "127.0.0.1", 1111));
        assert!(!host_allowed("evil.example:1111", "127.0.0.1", 1111));
        assert!(!host_allowed("127.0.0.1:2222", "127.0.0.1", 1111));
    }
}
