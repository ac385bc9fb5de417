//! Render stage: the site-wide search index under `_search/`, in small files so that a reader's
//! query downloads only what it needs (`themes/default/static/search.js` reads them).
//!
//! Items are numbered across the site: packet by packet in site order, each packet's items in
//! the order of its records. Packets are taken in **groups** of about [`GROUP_ITEMS`] items.
//! - `p/<n>-<c>.json`: records `c * 12 ..` of packet `n` (see [`super::search`]).
//! - `w/<k>.json`: shard `k` of the words. Every indexed word of the site is in exactly one
//!   shard, with the set of packets holding it: `{"w": {"kyiv": [0, 3, 14], "talks": "Aw8="}}`.
//!   A set is a list of numbers, the first one whole and each next one as its distance from the
//!   one before, or, when shorter, a bitmap (bit `n % 8` of byte `n / 8` for number `n`) in
//!   base64.
//! - `w/<k>-<g>.json`: the same words' items in group `g` (numbered from the group's first
//!   item): those holding the word, and those holding it in their title:
//!   `{"w": {"kyiv": [[0, 3, 14], []]}}`; only the words group `g` holds, and no file when it
//!   holds none.
//! - `meta.json`: `{"version": 2, "items": [105, 98, …], "groups": [0, 156, …], "chunk": 12,
//!   "shards": ["a", "st", …], "split": ["s", …], "stamp": "…"}`: each packet's number of
//!   items, each group's first packet, the records per file, the shards' keys (shard `k` is
//!   `shards[k]`), the keys that were split (see [`super::search_shards`]), and a stamp of the
//!   whole index that the script adds to every other file's URL (so no reader mixes files of
//!   two builds from a cache).
//!
//! A query word is looked up in its shard: the packets holding a word that starts with it.
//! The packets holding every query word give the groups to read; group by group, the items
//! holding every query word are the results, exactly, until there are enough to show; then
//! only the records of the results shown are read. A query of two common words on 5,000
//! packets reads two shards and two parts per group read, never every record.

use std::collections::HashMap;

use super::search::{CHUNK, PacketSearch};
use super::search_shards::{Sets, Shards, Word};
use crate::render::pages::Out;
use crate::render::{Content, Files};

/// Items per group, about (a group ends with the packet that reaches it).
pub const GROUP_ITEMS: usize = 16 * 1024;

/// Largest shard (or shard part), in bytes, before it is split.
pub const SHARD: usize = 12 * 1024;

/// The groups of `packets`: each one's first packet and first item, then past the last ones.
pub(crate) fn groups(packets: &[&PacketSearch], size: usize) -> (Vec<u32>, Vec<u32>) {
    let (mut first_packets, mut first_items) = (Vec::new(), Vec::new());
    let (mut item, mut filled) = (0u32, usize::MAX);
    for (n, p) in packets.iter().enumerate() {
        if filled >= size {
            first_packets.push(n as u32);
            first_items.push(item);
            filled = 0;
        }
        filled += p.items as usize;
        item += p.items;
    }
    first_packets.push(packets.len() as u32);
    first_items.push(item);
    (first_packets, first_items)
}

/// 64-bit FNV-1a over `parts`: the index's stamp.
fn stamp<'a>(parts: impl Iterator<Item = &'a [u8]>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.iter().chain([&0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Every file of the index of `packets` (in site order), paths relative to the output folder.
/// `BRIEF_SEARCH_GROUP_ITEMS` sets the group size (tests use it to make many groups).
pub fn files(packets: &[&PacketSearch]) -> Files {
    let group = std::env::var("BRIEF_SEARCH_GROUP_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(GROUP_ITEMS);
    index(packets, SHARD, group)
}

/// [`files`], splitting shards over `limit` bytes, in groups of `group` items.
pub(crate) fn index(packets: &[&PacketSearch], limit: usize, group: usize) -> Files {
    let mut sets: HashMap<&str, Sets> = HashMap::new();
    let mut first = 0;
    for (n, p) in packets.iter().enumerate() {
        for (w, entries) in p.words() {
            let s = sets.entry(w).or_default();
            s.packets.push(n as u32);
            for &e in entries {
                s.all.push(first + e / 2);
                if e % 2 == 1 {
                    s.title.push(first + e / 2);
                }
            }
        }
        first += p.items;
    }
    let (group_packets, group_items) = groups(packets, group);
    let mut sorted: Vec<(&str, Sets)> = sets.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let words: Vec<Word> = sorted
        .iter()
        .map(|(w, s)| Word::new(w, s, packets.len(), &group_items))
        .collect();
    let refs: Vec<&Word> = words.iter().collect();
    let mut shards = Shards::new(limit, packets.len(), &group_items);
    let mut start = 0;
    while start < refs.len() {
        let k = super::search_shards::prefix(refs[start].text, 1);
        let end = start + refs[start..].partition_point(|w| w.text.starts_with(k));
        shards.add(k, 1, &refs[start..end]);
        start = end;
    }
    let stamp = stamp(
        packets
            .iter()
            .flat_map(|p| p.chunks.iter().map(|c| &c[..]))
            .chain(shards.files.iter().map(|(_, json)| json.as_bytes())),
    );
    let meta = serde_json::json!({
        "version": 2,
        "items": packets.iter().map(|p| p.items).collect::<Vec<_>>(),
        "groups": &group_packets[..group_packets.len() - 1],
        "chunk": CHUNK,
        "shards": shards.keys,
        "split": shards.split,
        "stamp": stamp,
    });
    let mut files = Files::new();
    files.insert(
        Out::SearchIndex.file("", ""),
        Content::Bytes(meta.to_string().into_bytes()),
    );
    for (id, json) in shards.files {
        files.insert(
            Out::SearchShard.file("", &id),
            Content::Bytes(json.into_bytes()),
        );
    }
    for (n, p) in packets.iter().enumerate() {
        for (c, chunk) in p.chunks.iter().enumerate() {
            files.insert(
                Out::SearchRecords.file("", &format!("{n}-{c}")),
                Content::Shared(chunk.clone()),
            );
        }
    }
    files
}

#[cfg(test)]
#[path = "search_index_tests.rs"]
mod tests;
