//! Render stage: one packet's part of the site-wide search index (the index's files are made
//! by [`super::search_index`]; `themes/default/static/search.js` reads them).
//!
//! Each packet contributes its events, questions, actors and article blocks ([`entries`]): its
//! records, written [`CHUNK`] to a file as `_search/p/<packet number>-<chunk>.json`,
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

use std::sync::Arc;

use serde::Serialize;

use crate::model::Packet;
use crate::render::meta::plain_text;
use crate::render::pictures::fit::shorten;
use crate::render::views::PacketView;

use super::search_text::{fold, indexed, words};

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

/// Items per records file.
pub const CHUNK: usize = 12;

/// One records file, as written.
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
    /// Its records files (`_search/p/<n>-<c>.json`, items `c * CHUNK ..`), serialized.
    pub chunks: Vec<Arc<[u8]>>,
    /// How many items it has.
    pub items: u32,
    /// Its indexed words, sorted, each followed by a newline.
    words: String,
    /// Per word: where its entries end in `entries`.
    ends: Vec<u32>,
    /// Every word's entries, one word after the other: `item * 2 + 1` where the word is in
    /// the item's title, `item * 2` where it is elsewhere in the item (or in the packet's
    /// title, which every item counts as its own).
    entries: Vec<u32>,
    /// A hash of all the above (64-bit FNV-1a), from which the index's stamp is made.
    pub hash: u64,
}

/// 64-bit FNV-1a of `bytes`, continuing from `h` (start from [`FNV_START`]).
pub(crate) fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes.iter().chain([&0xff]) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Where [`fnv`] starts.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

impl PacketSearch {
    /// Its indexed words, sorted, each with its entries (ascending).
    pub fn words(&self) -> impl Iterator<Item = (&str, &[u32])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        self.words
            .split_terminator('\n')
            .zip(starts.zip(self.ends.iter().copied()))
            .map(|(w, (a, b))| (w, self.entries.get(a as usize..b as usize).unwrap_or(&[])))
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

/// The indexed words of `folded`.
fn listed(folded: &str) -> impl Iterator<Item = &str> {
    words(folded).filter(|w| indexed(w))
}

/// The records and words of a packet titled `title` at `url`, with `items`.
pub(crate) fn packet_search(title: &str, url: &str, items: &[Entry]) -> PacketSearch {
    // Every field folded once; the words are slices of these.
    let folded: Vec<[String; 3]> = items
        .iter()
        .map(|e| [fold(&e.t), fold(&e.d), fold(&e.x)])
        .collect();
    let folded_title = fold(title);
    let everywhere: Vec<&str> = listed(&folded_title).collect();
    let mut pairs: Vec<(&str, u32)> = Vec::new();
    for (n, [t, d, x]) in folded.iter().enumerate() {
        let n = n as u32 * 2;
        pairs.extend(listed(t).map(|w| (w, n + 1)));
        let rest = listed(d).chain(listed(x)).chain(everywhere.iter().copied());
        pairs.extend(rest.map(|w| (w, n)));
    }
    // Sorted by word then entry; of an item's entries for one word, the title's (odd) one is
    // kept.
    pairs.sort_unstable();
    pairs.dedup_by(|b, a| {
        a.0 == b.0 && a.1 / 2 == b.1 / 2 && {
            a.1 |= b.1;
            true
        }
    });
    let mut out = PacketSearch {
        items: items.len() as u32,
        ..PacketSearch::default()
    };
    for (i, (word, e)) in pairs.iter().enumerate() {
        if i > 0 && pairs[i - 1].0 != *word {
            out.ends.push(out.entries.len() as u32);
        }
        if i == 0 || pairs[i - 1].0 != *word {
            out.words.push_str(word);
            out.words.push('\n');
        }
        out.entries.push(*e);
    }
    if !pairs.is_empty() {
        out.ends.push(out.entries.len() as u32);
    }
    // Kept for the whole run (serve updates the index from them): without growth slack.
    out.words.shrink_to_fit();
    out.ends.shrink_to_fit();
    out.entries.shrink_to_fit();
    out.chunks = items
        .chunks(CHUNK)
        .map(|i| {
            let r = Records {
                i,
                t: title,
                u: url,
            };
            // Serializing strings into a Vec cannot fail.
            serde_json::to_vec(&r).unwrap_or_default().into()
        })
        .collect();
    let mut h = out.chunks.iter().fold(FNV_START, |h, c| fnv(h, c));
    h = fnv(h, out.words.as_bytes());
    for e in &out.entries {
        h = fnv(h, &e.to_le_bytes());
    }
    out.hash = h;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_hold_the_items_and_words_their_items_in_title_or_not() {
        let mut items = vec![
            entry(
                "event",
                "Zelensky </script>",
                "12 May".into(),
                "Met in Kyiv. ".repeat(80),
                "/r/a/timeline/#e",
            ),
            entry(
                "actor",
                "x",
                String::new(),
                "Kyiv, Zelensky's city".into(),
                "/r/a/actors/x/",
            ),
        ];
        let p = packet_search("Talks in Rome", "/r/a/", &items);
        assert_eq!(p.chunks.len(), 1);
        let v: serde_json::Value = serde_json::from_slice(&p.chunks[0]).unwrap();
        assert_eq!(v["t"], "Talks in Rome");
        assert_eq!(v["u"], "/r/a/");
        assert_eq!(
            v["i"][0]["t"], "Zelensky </script>",
            "plain text, kept as is"
        );
        assert_eq!(v["i"][1]["u"], "/r/a/actors/x/");
        assert!(v["i"][0]["x"].as_str().unwrap().chars().count() <= TEXT);
        let words: Vec<(&str, &[u32])> = p.words().collect();
        assert_eq!(
            words,
            [
                ("12", &[0][..]),
                ("city", &[2]),
                ("in", &[0, 2]),
                ("kyiv", &[0, 2]),
                ("may", &[0]),
                ("met", &[0]),
                ("rome", &[0, 2]),
                ("script", &[1]),
                ("talks", &[0, 2]),
                ("zelensky", &[1, 2]),
            ],
            "item * 2, + 1 in the title; the packet's title counts for every item; one-letter \
             words left out"
        );
        let more = items[1].clone();
        items.extend((0..CHUNK).map(|_| more.clone()));
        assert_eq!(packet_search("T", "/r/a/", &items).chunks.len(), 2);
    }
}
