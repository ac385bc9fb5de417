//! Render stage: the site-wide search index `search.json`, read by the theme's `search.js`.
//!
//! Each packet contributes its events, actors, questions and article blocks ([`entries`]);
//! [`index_json`] joins every packet's entries into one compact file at the site root:
//!
//! ```json
//! {"version": 1,
//!  "packets": [{"title": "…", "url": "/repo/us-ukraine/"}],
//!  "items": [{"k": "event", "t": "title", "d": "12 February 2025", "x": "text…",
//!             "u": "/repo/us-ukraine/timeline/#event-…", "p": 0}]}
//! ```
//!
//! `k` is the kind (`event`, `question`, `actor`, `block`), `t` the title, `d` a detail line,
//! `x` plain text to search and to cut a snippet from, `u` the URL of the item's exact anchor
//! (it carries the base URL's path), `p` the index of its packet in `packets`. Every string is
//! plain text; the script puts it in the page with `textContent` only.

use serde::Serialize;

use crate::model::Packet;
use crate::render::meta::plain_text;
use crate::render::pictures::fit::shorten;
use crate::render::views::PacketView;

/// Longest `x`, in characters.
const TEXT: usize = 600;

/// One searchable item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Kind: `event`, `question`, `actor` or `block`.
    pub k: &'static str,
    /// Title.
    pub t: String,
    /// Detail line.
    pub d: String,
    /// Text.
    pub x: String,
    /// URL of its anchor.
    pub u: String,
}

/// One packet's part of the index: its title and URL, and its items already serialized (each
/// item's packet number `p` is written when the index is joined, as it depends on the other
/// packets). Joining is then a copy, so `serve` rewrites the index of a large site quickly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PacketEntries {
    /// Packet title.
    pub title: String,
    /// Overview URL.
    pub url: String,
    /// Its items as JSON objects, comma-separated, each missing its `p` value.
    #[serde(skip)]
    pub items: Vec<u8>,
    /// Where each item's `p` value goes in `items`.
    #[serde(skip)]
    pub holes: Vec<usize>,
}

fn md(s: &Option<String>) -> String {
    s.as_deref().map(plain_text).unwrap_or_default()
}

fn entry(k: &'static str, t: &str, d: String, x: String, u: &str) -> Entry {
    Entry {
        k,
        t: t.to_string(),
        d,
        x: shorten(x.trim(), TEXT),
        u: u.to_string(),
    }
}

/// The searchable items of packet `p` (view `v`).
pub fn entries(p: &Packet, v: &PacketView) -> PacketEntries {
    let mut items = Vec::new();
    for (e, m) in v.events.iter().zip(&p.events) {
        let actors: Vec<&str> = e.actors.iter().map(|a| a.name.as_str()).collect();
        let x = format!("{} {} {}", md(&m.body), actors.join(", "), e.tags.join(" "));
        items.push(entry("event", &e.title, e.date.display.clone(), x, &e.url));
    }
    for (q, m) in v.questions.iter().zip(&p.questions) {
        let d = [Some(q.status), q.likelihood]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let x = format!("{} {}", md(&m.context), md(&m.answer));
        items.push(entry("question", &q.question, d, x, &q.url));
    }
    for (a, m) in v.actors.iter().zip(&p.actors) {
        let d = [a.role.as_deref(), a.side.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let x = format!("{} {}", a.aliases.join(", "), md(&m.summary));
        items.push(entry("actor", &a.name, d, x, &a.url));
    }
    for b in &p.article.blocks {
        let text = b.text.replace(crate::model::article::CELL_BARRIER, " ");
        let x = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !x.is_empty() {
            let url = format!("{}#p-{}", v.urls.article, b.number);
            // No detail: the script already labels the kind "Article" (a detail saying it
            // again read "Article · Article").
            items.push(entry(
                "block",
                &format!("¶ {}", b.number),
                String::new(),
                x,
                &url,
            ));
        }
    }
    let mut out = PacketEntries {
        title: v.title.clone(),
        url: v.urls.overview.clone(),
        items: Vec::new(),
        holes: Vec::new(),
    };
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            out.items.push(b',');
        }
        write_item(&mut out, e);
    }
    out
}

/// Appends `e` as `{"d":…,"k":…,"p":<hole>,"t":…,"u":…,"x":…}` (keys in alphabetical order, as
/// the file has always had them).
fn write_item(out: &mut PacketEntries, e: &Entry) {
    fn field(items: &mut Vec<u8>, key: &str, value: &str) {
        items.extend_from_slice(key.as_bytes());
        // Writing a string into a Vec cannot fail.
        serde_json::to_writer(&mut *items, value).ok();
    }
    field(&mut out.items, "{\"d\":", &e.d);
    field(&mut out.items, ",\"k\":", e.k);
    out.items.extend_from_slice(b",\"p\":");
    out.holes.push(out.items.len());
    field(&mut out.items, ",\"t\":", &e.t);
    field(&mut out.items, ",\"u\":", &e.u);
    field(&mut out.items, ",\"x\":", &e.x);
    out.items.push(b'}');
}

/// `search.json` for `packets` (in site order).
pub fn index_json(packets: &[&PacketEntries]) -> Vec<u8> {
    let size: usize = packets
        .iter()
        .map(|p| p.items.len() + 8 * p.holes.len())
        .sum();
    let mut out = Vec::with_capacity(size + 64 * packets.len() + 64);
    out.extend_from_slice(b"{\"items\":[");
    let mut first = true;
    for (i, p) in packets.iter().enumerate() {
        if p.items.is_empty() {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        let number = i.to_string();
        let mut from = 0;
        for &hole in &p.holes {
            out.extend_from_slice(&p.items[from..hole]);
            out.extend_from_slice(number.as_bytes());
            from = hole;
        }
        out.extend_from_slice(&p.items[from..]);
    }
    out.extend_from_slice(b"],\"packets\":");
    // Serializing titles and URLs into a Vec cannot fail.
    serde_json::to_writer(&mut out, packets).ok();
    out.extend_from_slice(b",\"version\":1}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packet(title: &str, n: usize) -> PacketEntries {
        let mut p = PacketEntries {
            title: title.into(),
            url: format!("/repo/{title}/"),
            items: Vec::new(),
            holes: Vec::new(),
        };
        for i in 0..n {
            if i > 0 {
                p.items.push(b',');
            }
            let e = entry(
                "event",
                &format!("E{i} </script>"),
                String::new(),
                "x ".repeat(400),
                &format!("/repo/{title}/timeline/#event-{i}"),
            );
            write_item(&mut p, &e);
        }
        p
    }

    #[test]
    fn the_index_joins_packets_and_numbers_them() {
        let (a, b) = (packet("a", 2), packet("b", 1));
        let v: serde_json::Value = serde_json::from_slice(&index_json(&[&a, &b])).unwrap();
        assert_eq!(v["packets"][1]["url"], "/repo/b/");
        assert_eq!(v["items"].as_array().unwrap().len(), 3);
        assert_eq!(v["items"][2]["p"], 1);
        assert_eq!(v["items"][2]["u"], "/repo/b/timeline/#event-0");
        assert_eq!(v["items"][0]["t"], "E0 </script>", "plain text, kept as is");
        assert!(v["items"][0]["x"].as_str().unwrap().chars().count() <= TEXT);
        let empty = packet("c", 0);
        let v: serde_json::Value =
            serde_json::from_slice(&index_json(&[&empty, &a, &empty, &b])).unwrap();
        assert_eq!(v["items"].as_array().unwrap().len(), 3);
        assert_eq!(v["items"][2]["p"], 3);
        assert_eq!(v["version"], 1);
    }

    #[test]
    fn items_are_written_as_serde_would_write_them() {
        let e = entry("actor", "A \"quoted\" name", "d\n".into(), "x".into(), "/u");
        let mut p = packet("a", 0);
        write_item(&mut p, &e);
        let joined = String::from_utf8(index_json(&[&p])).unwrap();
        let expected = serde_json::json!({"items": [{"d": "d\n", "k": "actor", "p": 0,
            "t": "A \"quoted\" name", "u": "/u", "x": "x"}],
            "packets": [{"title": "a", "url": "/repo/a/"}], "version": 1});
        assert_eq!(joined, serde_json::to_string(&expected).unwrap());
    }
}
