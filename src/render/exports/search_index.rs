//! Render stage: the site-wide search index under `_search/`, in small files so that a reader's
//! query downloads only what it needs (`themes/default/static/search.js` reads them).
//!
//! - `p/<n>.json`: packet `n`'s records (site order; see [`super::search`]).
//! - `w/<k>.json`: shard `k` of the words. Every indexed word of the site is in exactly one
//!   shard, with the set of packets holding it: `{"w": {"kyiv": [0, 3, 17], "talks": "Aw8="}}`,
//!   a list of packet numbers or, when shorter, a bitmap (bit `n % 8` of byte `n / 8` for
//!   packet `n`) in base64. A shard holds the words starting with its key; one that would be
//!   over [`SHARD`] bytes is split by one more character instead: it keeps only the word equal
//!   to its key, and under `"*"` the set of packets holding any word that starts with it.
//! - `meta.json`: `{"version": 2, "packets": N, "shards": ["a", "b", "st", …],
//!   "split": ["s", …], "stamp": "…"}`, the shards' keys (shard `k` is `shards[k]`), the keys
//!   that were split, and a stamp of the whole index that the script adds to every other file's
//!   URL (so no reader mixes files of two builds from a cache).
//!
//! A query word is looked up in the shard of its longest key that was split, one character
//! longer (or in a split shard's `"*"` when the word is the key itself). The packets holding
//! every query word are the only ones whose records the script reads, in site order, until it
//! has results to show. A packet holds a word when any of its items or its own title has a word
//! starting with it, so no packet with a matching item is ever left out.

use std::collections::HashMap;

use base64::Engine;

use super::search::PacketSearch;
use super::search_text::LONGEST;
use crate::render::pages::Out;
use crate::render::{Content, Files};

/// Largest shard, in bytes, before it is split (a shard never splits below one word, and one
/// word's entry is at most `packets / 6` bytes plus the word).
pub const SHARD: usize = 24 * 1024;

/// The set of packets holding a word, as written: `[0,3,17]` or `"<base64 bitmap>"`.
fn set_json(set: &[u32], packets: usize) -> String {
    let list = set.iter().map(|n| n.to_string().len() + 1).sum::<usize>() + 1;
    let bitmap = packets.div_ceil(8).div_ceil(3) * 4 + 2;
    if list <= bitmap {
        let items: Vec<String> = set.iter().map(u32::to_string).collect();
        format!("[{}]", items.join(","))
    } else {
        let mut bits = vec![0u8; packets.div_ceil(8)];
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
}

/// A word and its entry as written in a shard: `"word":<set>`.
struct Word<'a> {
    /// The word.
    text: &'a str,
    /// Its set of packets.
    set: &'a [u32],
    /// `"word":<set>`.
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
    fn add(&mut self, key: &str, depth: usize, words: &[&Word], packets: usize) {
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
        let mut any = vec![0u32; 0];
        for w in words {
            any.extend_from_slice(w.set);
        }
        any.sort_unstable();
        any.dedup();
        let own: Vec<&Word> = words.iter().copied().filter(|w| w.text == key).collect();
        self.keys.push(key.to_string());
        self.split.push(key.to_string());
        self.json.push(format!(
            "{{\"*\":{},\"w\":{{{}}}}}",
            set_json(&any, packets),
            body(&own)
        ));
        let longer: Vec<&Word> = words.iter().copied().filter(|w| w.text != key).collect();
        let mut start = 0;
        while start < longer.len() {
            let k = prefix(longer[start].text, depth + 1);
            let end = start + longer[start..].partition_point(|w| w.text.starts_with(k));
            self.add(k, depth + 1, &longer[start..end], packets);
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
    let mut sets: HashMap<&str, Vec<u32>> = HashMap::new();
    for (n, p) in packets.iter().enumerate() {
        for w in p.words() {
            sets.entry(w).or_default().push(n as u32);
        }
    }
    let mut sorted: Vec<(&str, Vec<u32>)> = sets.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let words: Vec<Word> = sorted
        .iter()
        .map(|(w, set)| Word {
            text: w,
            set,
            // A word is letters and digits only: nothing to escape, but say so with serde.
            json: format!(
                "{}:{}",
                serde_json::to_string(w).unwrap_or_default(),
                set_json(set, packets.len())
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
        shards.add(k, 1, &refs[start..end], packets.len());
        start = end;
    }
    let stamp = stamp(
        packets
            .iter()
            .map(|p| p.records.as_slice())
            .chain(shards.json.iter().map(String::as_bytes)),
    );
    let meta = serde_json::json!({
        "version": 2,
        "packets": packets.len(),
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
        files.insert(
            Out::SearchRecords.file("", &n.to_string()),
            Content::Bytes(p.records.clone()),
        );
    }
    files
}

#[cfg(test)]
#[path = "search_index_tests.rs"]
mod tests;
