//! Render stage helper: Markdown to safe HTML (raw HTML escaped, URLs filtered, links rebased).
//!
//! Used for the Markdown fields of the YAML (summary, body, notes, answers) and, through
//! [`Sanitizer`], by the article renderer. Packet content is untrusted: raw HTML becomes text
//! unless `raw_html: true`, and link or image URLs other than `http`, `https`, `mailto`,
//! relative and `#` are dropped (the link text stays). Relative URLs are resolved against the
//! packet's folder, where the packet's files are copied, so they work from every page.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// How Markdown is turned into HTML for one packet.
#[derive(Debug, Clone, Copy)]
pub struct MdContext<'a> {
    /// Pass raw HTML through (`raw_html: true` in brief.yaml).
    pub raw_html: bool,
    /// URL path of the site root (`/repo/`).
    pub root: &'a str,
    /// URL path of the packet folder (`/repo/us-ukraine/`), base of relative links.
    pub packet: &'a str,
}

/// The Markdown dialect of the contract: CommonMark plus tables, footnotes, strikethrough.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders a Markdown field of the YAML to safe HTML.
pub fn to_html(md: &str, cx: &MdContext) -> String {
    let mut s = Sanitizer::new(*cx);
    let md = &*without_nul(md);
    let events = Parser::new_ext(md, options()).filter_map(|e| s.event(e));
    let mut out = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// NUL characters as U+FFFD, as CommonMark says (a NUL must never reach the HTML).
pub fn without_nul(md: &str) -> std::borrow::Cow<'_, str> {
    if md.contains('\0') {
        std::borrow::Cow::Owned(md.replace('\0', "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(md)
    }
}

/// Filters one event stream: raw HTML to text, unsafe links dropped, relative links rebased.
pub struct Sanitizer<'c> {
    cx: MdContext<'c>,
    /// For each open link or image: whether it was dropped (so its end is dropped too).
    dropped: Vec<bool>,
}

impl<'c> Sanitizer<'c> {
    /// A sanitizer for one document.
    pub fn new(cx: MdContext<'c>) -> Self {
        Self {
            cx,
            dropped: Vec::new(),
        }
    }

    /// Returns the event to emit in place of `e`, or `None` to drop it.
    pub fn event<'a>(&mut self, e: Event<'a>) -> Option<Event<'a>> {
        match e {
            Event::Html(h) | Event::InlineHtml(h) if !self.cx.raw_html => Some(Event::Text(h)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match filter_url(&dest_url, &self.cx) {
                Some(url) => {
                    self.dropped.push(false);
                    Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url: url.into(),
                        title,
                        id,
                    }))
                }
                None => {
                    self.dropped.push(true);
                    None
                }
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match filter_url(&dest_url, &self.cx) {
                Some(url) => {
                    self.dropped.push(false);
                    Some(Event::Start(Tag::Image {
                        link_type,
                        dest_url: url.into(),
                        title,
                        id,
                    }))
                }
                None => {
                    self.dropped.push(true);
                    None
                }
            },
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if self.dropped.pop().unwrap_or(false) {
                    None
                } else {
                    Some(e)
                }
            }
            other => Some(other),
        }
    }
}

/// Keeps `http`, `https`, `mailto`, relative and `#` URLs; relative ones are resolved against
/// the packet folder and root-relative ones (`/x`) against the site root. `None` drops it.
pub fn filter_url(url: &str, cx: &MdContext) -> Option<String> {
    // Browsers ignore ASCII whitespace and control characters inside a scheme.
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    if let Some(scheme) = scheme(&compact) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" | "mailto" => Some(url_text(url.trim())),
            _ => None,
        };
    }
    let url = &url_text(url.trim());
    if url.starts_with('#') || url.is_empty() {
        Some(url.to_string())
    } else if url.starts_with("//") {
        None // protocol-relative: an external host in disguise
    } else if let Some(rest) = url.strip_prefix('/') {
        Some(format!("{}{}", cx.root, rest))
    } else {
        Some(format!("{}{}", cx.packet, url.trim_start_matches("./")))
    }
}

/// The scheme of `url` when it has one (`javascript` in `javascript:alert(1)`).
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' {
        return None;
    }
    let s = &url[..end];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(s)
}

/// Keeps only `http`/`https` URLs (for `source.url` and similar plain URL fields).
pub fn web_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url_text(u))
}

/// `url` with the characters a URL may not hold (spaces, quotes, `<`, `>`, `` ` ``, `{`, `}`,
/// `|`, `\`, `^`, controls) percent-encoded, so that an `href` stays a valid URL whatever the
/// user wrote (escaping for HTML happens on top of this, in the templates).
pub fn url_text(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_control() || " \"<>`{}|\\^".contains(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A `CowStr` helper for callers building events.
pub fn cow(s: String) -> CowStr<'static> {
    CowStr::Boxed(s.into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CX: MdContext = MdContext {
        raw_html: false,
        root: "/r/",
        packet: "/r/p/",
    };

    #[test]
    fn dangerous_urls_are_dropped() {
        assert_eq!(filter_url("javascript:alert(1)", &CX), None);
        assert_eq!(filter_url("java\tscript:alert(1)", &CX), None);
        assert_eq!(filter_url(" JAVASCRIPT:alert(1)", &CX), None);
        assert_eq!(filter_url("data:text/html,x", &CX), None);
        assert_eq!(filter_url("//evil.example/x", &CX), None);
        assert_eq!(
            filter_url("https://a.example/b", &CX).as_deref(),
            Some("https://a.example/b")
        );
        assert_eq!(
            filter_url("mailto:x@y.z", &CX).as_deref(),
            Some("mailto:x@y.z")
        );
    }

    #[test]
    fn relative_urls_are_rebased() {
        assert_eq!(filter_url("map.png", &CX).as_deref(), Some("/r/p/map.png"));
        assert_eq!(
            filter_url("./doc.pdf", &CX).as_deref(),
            Some("/r/p/doc.pdf")
        );
        assert_eq!(filter_url("/other/", &CX).as_deref(), Some("/r/other/"));
        assert_eq!(filter_url("#p-3", &CX).as_deref(), Some("#p-3"));
        assert_eq!(
            filter_url("https://e.example/a\"><b>", &CX).as_deref(),
            Some("https://e.example/a%22%3E%3Cb%3E")
        );
        assert_eq!(
            web_url("https://e.example/x y").as_deref(),
            Some("https://e.example/x%20y")
        );
        assert_eq!(filter_url("a/b:c", &CX).as_deref(), Some("/r/p/a/b:c"));
    }

    #[test]
    fn markdown_fields_are_safe() {
        let html = to_html(
            "Hi <script>x</script> [a](javascript:alert(1)) ![i](data:x) **b**",
            &CX,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("<strong>b</strong>"), "{html}");
        let raw = to_html(
            "<b>x</b>",
            &MdContext {
                raw_html: true,
                ..CX
            },
        );
        assert!(raw.contains("<b>x</b>"));
    }
}
