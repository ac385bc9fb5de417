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
use crate::render::fit::shorten;
use crate::render::meta::plain_text;
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

/// One packet's part of the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PacketEntries {
    /// Packet title.
    pub title: String,
    /// Overview URL.
    pub url: String,
    /// Its items.
    #[serde(skip)]
    pub items: Vec<Entry>,
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
        let text = b.text.replace(crate::article::CELL_BARRIER, " ");
        let x = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !x.is_empty() {
            let url = format!("{}#p-{}", v.urls.article, b.number);
            items.push(entry(
                "block",
                &format!("¶ {}", b.number),
                "Article".into(),
                x,
                &url,
            ));
        }
    }
    PacketEntries {
        title: v.title.clone(),
        url: v.urls.overview.clone(),
        items,
    }
}

/// `search.json` for `packets` (in site order).
pub fn index_json(packets: &[&PacketEntries]) -> Vec<u8> {
    serde_json::to_vec(&Index {
        items: Items(packets),
        packets,
        version: 1,
    })
    .unwrap_or_default()
}

/// The file, serialized straight from the packets' entries (no copy of the whole index in
/// memory). Keys in alphabetical order, as the file has always had them.
#[derive(Serialize)]
struct Index<'a> {
    items: Items<'a>,
    packets: &'a [&'a PacketEntries],
    version: u32,
}

/// Every packet's items in turn, each with its packet's index.
struct Items<'a>(&'a [&'a PacketEntries]);

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().enumerate().flat_map(|(i, p)| {
            p.items.iter().map(move |e| Item {
                d: &e.d,
                k: e.k,
                p: i,
                t: &e.t,
                u: &e.u,
                x: &e.x,
            })
        }))
    }
}

/// One item as written.
#[derive(Serialize)]
struct Item<'a> {
    d: &'a str,
    k: &'a str,
    p: usize,
    t: &'a str,
    u: &'a str,
    x: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packet(title: &str, n: usize) -> PacketEntries {
        PacketEntries {
            title: title.into(),
            url: format!("/repo/{title}/"),
            items: (0..n)
                .map(|i| {
                    entry(
                        "event",
                        &format!("E{i} </script>"),
                        String::new(),
                        "x ".repeat(400),
                        &format!("/repo/{title}/timeline/#event-{i}"),
                    )
                })
                .collect(),
        }
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
    }
}
