//! Render stage: the site-wide search index under `_search/`, in small files so that a reader's
//! query downloads only what it needs (`themes/default/static/search.js` reads them).
//!
//! Items are numbered across the site: packet by packet in site order, each packet's items in
//! the order of its records.
//! - `p/<n>-<c>.json`: records `c * 12 ..` of packet `n` (see [`super::search`]).
//! - `w/<k>.json`: shard `k` of the words. Every indexed word of the site is in exactly one
//!   shard, with two sets of items: those holding it, and those holding it in their title:
//!   `{"w": {"kyiv": [[0, 3, 14], []], "talks": ["Aw8=", [2]]}}`. A set is a list of item
//!   numbers, the first one whole and each next one as its distance from the one before, or,
//!   when shorter, a bitmap (bit `n % 8` of byte `n / 8` for item `n`) in base64. A shard
//!   holds the words starting with its key; one that would be over [`SHARD`] bytes is split
//!   by one more character instead: it keeps only the word equal to its key, and under `"*"`
//!   the two sets of the items holding any word that starts with it.
//! - `meta.json`: `{"version": 2, "items": [36, 40, …], "chunk": 12, "shards": ["a", "st",
//!   …], "split": ["s", …], "stamp": "…"}`: each packet's number of items, the records per
//!   file, the shards' keys (shard `k` is `shards[k]`), the keys that were split, and a stamp
//!   of the whole index that the script adds to every other file's URL (so no reader mixes
//!   files of two builds from a cache).
//!
//! A query word is looked up in the shard of its longest key that was split, one character
//! longer (or in a split shard's `"*"` when the word is the key itself): the items holding a
//! word that starts with it. The items holding every query word are the results, exactly; the
//! script then reads only the records of the results it shows.

use std::collections::HashMap;

use base64::Engine;

use super::search::PacketSearch;
use super::search_text::LONGEST;
use crate::render::pages::Out;
use crate::render::{Content, Files};

/// Largest shard, in bytes, before it is split (a shard never splits below one word, and one
/// word's entry is at most `items / 3` bytes plus the word).
pub const SHARD: usize = 24 * 1024;

/// A set of items (ascending) as written: a list of distances or a base64 bitmap of
/// `items` bits, whichever is shorter.
fn set_json(set: &[u32], items: usize) -> String {
    let mut list = String::from("[");
    let mut last = 0;
    for (i, &n) in set.iter().enumerate() {
        if i > 0 {
            list.push(',');
        }
        list.push_str(&(n - last).to_string());
        last = n;
    }
    list.push(']');
    let bitmap = items.div_ceil(8).div_ceil(3) * 4 + 2;
    if list.len() <= bitmap {
        return list;
    }
    let mut bits = vec![0u8; items.div_ceil(8)];
    for &n in set {
        if let Some(b) = bits.get_mut(n as usize / 8) {
            *b |= 1 << (n % 8);
        }
    }
    format!(
        "\"{}\"",
        base64::engine::general_purpose::STANDARD.encode(bits)
    )
}

/// The items holding a word, and those holding it in their title (both ascending).
#[derive(Default)]
struct Sets {
    /// Every item holding it.
    all: Vec<u32>,
    /// The items holding it in their title.
    title: Vec<u32>,
}

impl Sets {
    /// `[<all>,<title>]`.
    fn json(&self, items: usize) -> String {
        format!(
            "[{},{}]",
            set_json(&self.all, items),
            set_json(&self.title, items)
        )
    }
}

/// A word and its entry as written in a shard: `"word":[<all>,<title>]`.
struct Word<'a> {
    /// The word.
    text: &'a str,
    /// Its items.
    sets: &'a Sets,
    /// `"word":[<all>,<title>]`.
    json: String,
}

/// The shards being made: their keys, the split keys, and their JSON.
struct Shards {
    /// Largest shard before it is split ([`SHARD`]; smaller in tests).
    limit: usize,
    /// Each shard's key.
    keys: Vec<String>,
    /// The keys that were split.
    split: Vec<String>,
    /// Each shard's JSON.
    json: Vec<String>,
}

/// The first `n` characters of `w`.
fn prefix(w: &str, n: usize) -> &str {
    w.char_indices().nth(n).map_or(w, |(i, _)| &w[..i])
}

impl Shards {
    /// Adds the shard of key `key` (`depth` characters) holding `words` (sorted, all starting
    /// with `key`), split further when too large.
    fn add(&mut self, key: &str, depth: usize, words: &[&Word], items: usize) {
        let size: usize = words.iter().map(|w| w.json.len() + 1).sum();
        let body = |ws: &[&Word]| {
            ws.iter()
                .map(|w| w.json.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        if size <= self.limit || depth >= LONGEST || words.len() < 2 {
            self.keys.push(key.to_string());
            self.json.push(format!("{{\"w\":{{{}}}}}", body(words)));
            return;
        }
        let mut any = Sets::default();
        for w in words {
            any.all.extend_from_slice(&w.sets.all);
            any.title.extend_from_slice(&w.sets.title);
        }
        for set in [&mut any.all, &mut any.title] {
            set.sort_unstable();
            set.dedup();
        }
        let own: Vec<&Word> = words.iter().copied().filter(|w| w.text == key).collect();
        self.keys.push(key.to_string());
        self.split.push(key.to_string());
        self.json.push(format!(
            "{{\"*\":{},\"w\":{{{}}}}}",
            any.json(items),
            body(&own)
        ));
        let longer: Vec<&Word> = words.iter().copied().filter(|w| w.text != key).collect();
        let mut start = 0;
        while start < longer.len() {
            let k = prefix(longer[start].text, depth + 1);
            let end = start + longer[start..].partition_point(|w| w.text.starts_with(k));
            self.add(k, depth + 1, &longer[start..end], items);
            start = end;
        }
    }
}

/// 64-bit FNV-1a over `parts`: the index's stamp.
fn stamp<'a>(parts: impl Iterator<Item = &'a [u8]>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Every file of the index of `packets` (in site order), paths relative to the output folder.
pub fn files(packets: &[&PacketSearch]) -> Files {
    index(packets, SHARD)
}

/// [`files`], splitting shards over `limit` bytes.
fn index(packets: &[&PacketSearch], limit: usize) -> Files {
    let mut sets: HashMap<&str, Sets> = HashMap::new();
    let mut first = 0;
    for p in packets {
        for (w, entries) in p.words() {
            let s = sets.entry(w).or_default();
            for &e in entries {
                s.all.push(first + e / 2);
                if e % 2 == 1 {
                    s.title.push(first + e / 2);
                }
            }
        }
        first += p.items;
    }
    let items = first as usize;
    let mut sorted: Vec<(&str, Sets)> = sets.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let words: Vec<Word> = sorted
        .iter()
        .map(|(w, sets)| Word {
            text: w,
            sets,
            // A word is letters and digits only: nothing to escape, but say so with serde.
            json: format!(
                "{}:{}",
                serde_json::to_string(w).unwrap_or_default(),
                sets.json(items)
            ),
        })
        .collect();
    let refs: Vec<&Word> = words.iter().collect();
    let mut shards = Shards {
        limit,
        keys: Vec::new(),
        split: Vec::new(),
        json: Vec::new(),
    };
    let mut start = 0;
    while start < refs.len() {
        let k = prefix(refs[start].text, 1);
        let end = start + refs[start..].partition_point(|w| w.text.starts_with(k));
        shards.add(k, 1, &refs[start..end], items);
        start = end;
    }
    let stamp = stamp(
        packets
            .iter()
            .flat_map(|p| p.chunks.iter().map(Vec::as_slice))
            .chain(shards.json.iter().map(String::as_bytes)),
    );
    let meta = serde_json::json!({
        "version": 2,
        "items": packets.iter().map(|p| p.items).collect::<Vec<_>>(),
        "chunk": super::search::CHUNK,
        "shards": shards.keys,
        "split": shards.split,
        "stamp": stamp,
    });
    let mut files = Files::new();
    files.insert(
        Out::SearchIndex.file("", ""),
        Content::Bytes(meta.to_string().into_bytes()),
    );
    for (k, json) in shards.json.into_iter().enumerate() {
        files.insert(
            Out::SearchShard.file("", &k.to_string()),
            Content::Bytes(json.into_bytes()),
        );
    }
    for (n, p) in packets.iter().enumerate() {
        for (c, chunk) in p.chunks.iter().enumerate() {
            files.insert(
                Out::SearchRecords.file("", &format!("{n}-{c}")),
                Content::Bytes(chunk.clone()),
            );
        }
    }
    files
}

#[cfg(test)]
#[path = "search_index_tests.rs"]
mod tests;
