//! Render stage: one packet's part of the site-wide search index (the index's files are made
//! by [`super::search_index`]; `themes/default/static/search.js` reads them).
//!
//! Each packet contributes its events, questions, actors and article blocks ([`entries`]): its
//! records, written as `_search/p/<packet number>.json`,
//!
//! ```json
//! {"i": [{"d": "12 February 2025", "k": "event", "t": "title", "u": "/repo/us-ukraine/timeline/#event-…",
//!         "x": "text…"}],
//!  "t": "Packet title", "u": "/repo/us-ukraine/"}
//! ```
//!
//! and its words: every indexed word of its items' titles, detail lines and texts and of its
//! own title, each once. `k` is the kind (`event`, `question`, `actor`, `block`), `t` the title,
//! `d` a detail line, `x` plain text to search and to cut a snippet from, `u` the URL of the
//! item's exact anchor (it carries the base URL's path). Every string is plain text; the script
//! puts it in the page with `textContent` only.

use serde::Serialize;

use crate::model::Packet;
use crate::render::meta::plain_text;
use crate::render::pictures::fit::shorten;
use crate::render::views::PacketView;

use super::search_text::{indexed, tokens};

/// Longest `x`, in characters.
const TEXT: usize = 600;

/// One searchable item (its fields in the order they are written).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Detail line.
    pub d: String,
    /// Kind: `event`, `question`, `actor` or `block`.
    pub k: &'static str,
    /// Title.
    pub t: String,
    /// URL of its anchor.
    pub u: String,
    /// Text.
    pub x: String,
}

/// One packet's records file, as written.
#[derive(Serialize)]
struct Records<'a> {
    /// Its items.
    i: &'a [Entry],
    /// The packet's title.
    t: &'a str,
    /// The packet's overview URL.
    u: &'a str,
}

/// One packet's part of the search index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PacketSearch {
    /// Its records file (`_search/p/<n>.json`), serialized.
    pub records: Vec<u8>,
    /// Its indexed words, each once, sorted, each followed by a newline.
    words: String,
}

impl PacketSearch {
    /// Its indexed words, sorted.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split_terminator('\n')
    }
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
pub fn entries(p: &Packet, v: &PacketView) -> PacketSearch {
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
    packet_search(&v.title, &v.urls.overview, &items)
}

/// The records and words of a packet titled `title` at `url`, with `items`.
pub(crate) fn packet_search(title: &str, url: &str, items: &[Entry]) -> PacketSearch {
    let records = Records {
        i: items,
        t: title,
        u: url,
    };
    let mut words: Vec<String> = items
        .iter()
        .flat_map(|e| [e.t.as_str(), e.d.as_str(), e.x.as_str()])
        .chain([title])
        .flat_map(tokens)
        .filter(|w| indexed(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    PacketSearch {
        // Serializing strings into a Vec cannot fail.
        records: serde_json::to_vec(&records).unwrap_or_default(),
        words: words.iter().flat_map(|w| [w.as_str(), "\n"]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_hold_the_items_and_words_come_from_every_field() {
        let items = [
            entry(
                "event",
                "Zelensky </script>",
                "12 May".into(),
                "Met in Kyiv. ".repeat(80),
                "/r/a/timeline/#e",
            ),
            entry("actor", "x", String::new(), "Kyiv".into(), "/r/a/actors/x/"),
        ];
        let p = packet_search("Talks in Rome", "/r/a/", &items);
        let v: serde_json::Value = serde_json::from_slice(&p.records).unwrap();
        assert_eq!(v["t"], "Talks in Rome");
        assert_eq!(v["u"], "/r/a/");
        assert_eq!(
            v["i"][0]["t"], "Zelensky </script>",
            "plain text, kept as is"
        );
        assert_eq!(v["i"][1]["u"], "/r/a/actors/x/");
        assert!(v["i"][0]["x"].as_str().unwrap().chars().count() <= TEXT);
        let words: Vec<&str> = p.words().collect();
        assert_eq!(
            words,
            [
                "12", "in", "kyiv", "may", "met", "rome", "script", "talks", "zelensky"
            ],
            "sorted, once each, one-letter words left out"
        );
    }
}
