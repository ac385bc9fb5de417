//! Render stage: the site-wide search index under `_search/`, in small files so that a reader's
//! query downloads only what it needs (`themes/default/static/search.js` reads them).
//!
//! Items are numbered across the site: packet by packet in site order, each packet's items in
//! the order of its records. Packets are taken in **groups** of [`GROUP_PACKETS`].
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
//! - `meta.json`: `{"version": 2, "items": [105, 98, …], "group": 128, "chunk": 12,
//!   "shards": ["a", "st", …], "split": ["s", …], "stamp": "…"}`: each packet's number of
//!   items, the packets per group, the records per file, the shards' keys (shard `k` is
//!   `shards[k]`), the keys that were split (see [`super::search_shards`]), and a stamp of the
//!   whole index that the script adds to every other file's URL (so no reader mixes files of
//!   two builds from a cache).
//!
//! A query word is looked up in its shard: the packets holding a word that starts with it.
//! The packets holding every query word give the groups to read; group by group, the items
//! holding every query word are the results, exactly, until there are enough to show; then
//! only the records of the results shown are read. A query of two common words on 5,000
//! packets reads two shards and two parts per group read, never every record.
//!
//! Each group's part of the index is kept ([`Cache`]) and made again only when one of its
//! packets changed, so `serve` redoes one group's words after an edit, not the site's.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::search::{CHUNK, FNV_START, PacketSearch, fnv};
use super::search_shards::{
    GroupIndex, GroupWord, Parts, Sets, Shards, Word, json_key, prefix, set_json,
};
use crate::render::pages::Out;
use crate::render::{Content, Files};

/// Packets per group.
pub const GROUP_PACKETS: usize = 128;

/// Largest shard (or shard part), in bytes, before it is split.
pub const SHARD: usize = 12 * 1024;

/// The index of the group of `packets`, the first of which is packet `first`.
fn group_index(packets: &[&PacketSearch], first: u32) -> GroupIndex {
    let mut sets: HashMap<&str, Sets> = HashMap::new();
    let mut item = 0;
    for (n, p) in packets.iter().enumerate() {
        for (w, entries) in p.words() {
            let s = sets.entry(w).or_default();
            s.packets.push(first + n as u32);
            for &e in entries {
                s.all.push(item + e / 2);
                if e % 2 == 1 {
                    s.title.push(item + e / 2);
                }
            }
        }
        item += p.items;
    }
    let sets: Vec<(&str, Sets)> = sets.into_iter().collect();
    let mut words: Vec<GroupWord> = sets
        .into_par_iter()
        .map(|(w, mut sets)| {
            // Kept until the group changes: without the slack of their growth.
            for v in [&mut sets.packets, &mut sets.all, &mut sets.title] {
                v.shrink_to_fit();
            }
            let part = format!(
                "{}:[{},{}]",
                json_key(w),
                set_json(&sets.all, item as usize),
                set_json(&sets.title, item as usize)
            );
            GroupWord {
                text: w.into(),
                sets,
                part,
            }
        })
        .collect();
    words.sort_unstable_by(|a, b| a.text.cmp(&b.text));
    GroupIndex { items: item, words }
}

/// Each group's index as last made, with the hashes of its packets, and each shard's part of
/// each group as last written.
#[derive(Debug, Default)]
pub struct Cache {
    /// Per group: its packets' hashes, its index and its packets' records files.
    groups: Vec<(Vec<u64>, Arc<GroupIndex>, Arc<Files>)>,
    /// The shards' parts (`w/<k>-<g>.json`), taken again while their group is the same.
    parts: Parts,
}

/// The index's stamp: a hash of the packets' hashes (every file of the index follows from
/// them), the group size and brief's version (which may write the same files differently).
fn stamp(packets: &[&PacketSearch], group: usize) -> String {
    let mut h = fnv(FNV_START, env!("CARGO_PKG_VERSION").as_bytes());
    h = fnv(h, &group.to_le_bytes());
    for p in packets {
        h = fnv(h, &p.hash.to_le_bytes());
    }
    format!("{h:016x}")
}

/// Every file of the index of `packets` (in site order), paths relative to the output folder:
/// `meta.json` and the shards, then each group's records files (shared with `cache`, so
/// `serve` keeps the files of the groups that did not change as they were), reusing the groups
/// of `cache` whose packets did not change.
/// `BRIEF_SEARCH_GROUP_PACKETS` sets the group size (tests use it to make many groups).
pub fn files(packets: &[&PacketSearch], cache: &mut Cache) -> Vec<Arc<Files>> {
    let group = std::env::var("BRIEF_SEARCH_GROUP_PACKETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(GROUP_PACKETS);
    index(packets, SHARD, group, cache)
}

/// [`files`], splitting shards over `limit` bytes, in groups of `group` packets.
pub(crate) fn index(
    packets: &[&PacketSearch],
    limit: usize,
    group: usize,
    cache: &mut Cache,
) -> Vec<Arc<Files>> {
    let hashes: Vec<Vec<u64>> = packets
        .chunks(group)
        .map(|c| c.iter().map(|p| p.hash).collect())
        .collect();
    let (groups, records): (Vec<Arc<GroupIndex>>, Vec<Arc<Files>>) = packets
        .par_chunks(group)
        .enumerate()
        .map(|(g, c)| match cache.groups.get(g) {
            Some((h, index, records)) if *h == hashes[g] => (index.clone(), records.clone()),
            _ => {
                let first = g * group;
                let index = Arc::new(group_index(c, first as u32));
                (index, Arc::new(records_files(c, first)))
            }
        })
        .unzip();
    cache.groups = hashes
        .into_iter()
        .zip(groups.iter().cloned())
        .zip(records.iter().cloned())
        .map(|((h, g), r)| (h, g, r))
        .collect();

    // Every word with its parts, in word order.
    let mut all: Vec<(&str, usize, &GroupWord)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, index)| index.words.iter().map(move |w| (&*w.text, g, w)))
        .collect();
    all.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    let mut runs = Vec::new();
    let mut start = 0;
    while start < all.len() {
        let end = start + all[start..].partition_point(|w| w.0 == all[start].0);
        runs.push(&all[start..end]);
        start = end;
    }
    let words: Vec<Word> = runs
        .into_par_iter()
        .map(|run| {
            let parts = run.iter().map(|w| (w.1, w.2)).collect();
            Word::new(run[0].0, parts, packets.len())
        })
        .collect();
    let refs: Vec<&Word> = words.iter().collect();
    let mut shards = Shards::new(limit, packets.len(), &groups, &cache.parts);
    let mut start = 0;
    while start < refs.len() {
        let k = prefix(refs[start].text, 1);
        let end = start + refs[start..].partition_point(|w| w.text.starts_with(k));
        shards.add(k, 1, &refs[start..end]);
        start = end;
    }
    let (keys, split, made, parts) = (shards.keys, shards.split, shards.files, shards.parts);
    cache.parts = parts;
    let meta = serde_json::json!({
        "version": 2,
        "items": packets.iter().map(|p| p.items).collect::<Vec<_>>(),
        "group": group,
        "chunk": CHUNK,
        "shards": keys,
        "split": split,
        "stamp": stamp(packets, group),
    });
    let mut files = Files::new();
    files.insert(
        Out::SearchIndex.file("", ""),
        Content::Bytes(meta.to_string().into_bytes()),
    );
    for (id, json) in made {
        files.insert(Out::SearchShard.file("", &id), Content::Shared(json));
    }
    std::iter::once(Arc::new(files)).chain(records).collect()
}

/// The records files of the group of `packets`, the first of which is packet `first`.
fn records_files(packets: &[&PacketSearch], first: usize) -> Files {
    let mut files = Files::new();
    for (n, p) in packets.iter().enumerate() {
        for (c, chunk) in p.chunks.iter().enumerate() {
            files.insert(
                Out::SearchRecords.file("", &format!("{}-{c}", first + n)),
                Content::Shared(chunk.clone()),
            );
        }
    }
    files
}

#[cfg(test)]
#[path = "search_index_tests.rs"]
mod tests;
