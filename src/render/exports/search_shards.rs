//! Render stage: the search index's word shards (see [`super::search_index`] for the files).
//!
//! A shard holds the words starting with its key. One that would be over the size limit (its
//! packet sets, or its items in any one group) is split by one more character instead: it then
//! keeps only the word equal to its key, and under `"*"` the union of the sets of every word
//! that starts with the key (packets in `w/<k>.json`, items in each `w/<k>-<g>.json`), so that
//! a query word equal to the key needs no other shard.

use std::collections::HashMap;
use std::sync::Arc;

use base64::Engine;

use super::search_text::LONGEST;

/// The first `n` characters of `w`.
pub(crate) fn prefix(w: &str, n: usize) -> &str {
    w.char_indices().nth(n).map_or(w, |(i, _)| &w[..i])
}

/// A set of numbers (ascending) as written: a list of distances or a base64 bitmap of `size`
/// bits, whichever is shorter.
pub(crate) fn set_json(set: &[u32], size: usize) -> String {
    let mut last = 0;
    let mut long = 1 + set.len();
    for &n in set {
        long += (n - last).checked_ilog10().unwrap_or(0) as usize + 1;
        last = n;
    }
    if long <= size.div_ceil(8).div_ceil(3) * 4 + 2 {
        let mut list = String::with_capacity(long);
        list.push('[');
        let mut last = 0;
        // itoa: `write!` through core::fmt took most of the time of writing a group's parts.
        let mut digits = itoa::Buffer::new();
        for (i, &n) in set.iter().enumerate() {
            if i > 0 {
                list.push(',');
            }
            list.push_str(digits.format(n - last));
            last = n;
        }
        list.push(']');
        return list;
    }
    let mut bits = vec![0u8; size.div_ceil(8)];
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

/// The packets and items holding a word in one group (ascending; packets numbered across the
/// site, items from the group's first item).
#[derive(Debug, Default)]
pub(crate) struct Sets {
    /// The packets holding it.
    pub(crate) packets: Vec<u32>,
    /// The items holding it.
    pub(crate) all: Vec<u32>,
    /// The items holding it in their title.
    pub(crate) title: Vec<u32>,
}

/// The union of `sets` (numbers below `size`), ascending.
fn union<'a>(sets: impl Iterator<Item = &'a [u32]>, size: usize) -> Vec<u32> {
    let mut bits = vec![0u64; size.div_ceil(64)];
    for set in sets {
        for &n in set {
            if let Some(w) = bits.get_mut(n as usize / 64) {
                *w |= 1 << (n % 64);
            }
        }
    }
    let mut out = Vec::new();
    for (i, mut w) in bits.into_iter().enumerate() {
        while w != 0 {
            out.push(i as u32 * 64 + w.trailing_zeros());
            w &= w - 1;
        }
    }
    out
}

/// A word of one group (see [`GroupIndex`]).
#[derive(Debug)]
pub(crate) struct GroupWord {
    /// The word.
    pub(crate) text: Box<str>,
    /// Its packets and items in the group.
    pub(crate) sets: Sets,
    /// `"word":[<items>,<title items>]`.
    pub(crate) part: String,
}

/// One group's words, sorted, each with its sets (packets numbered across the site, items
/// from the group's first item) and its part as written.
#[derive(Debug)]
pub(crate) struct GroupIndex {
    /// Items in the group.
    pub(crate) items: u32,
    /// Its words.
    pub(crate) words: Vec<GroupWord>,
}

/// `word` as a JSON object key (a word is letters and digits only, so nothing is escaped, but
/// serde says so).
pub(crate) fn json_key(word: &str) -> String {
    serde_json::to_string(word).unwrap_or_default()
}

/// A word of the site and its entries as written in shards.
pub(crate) struct Word<'a> {
    /// The word.
    pub(crate) text: &'a str,
    /// `"word":<packets>`.
    packets: String,
    /// Per group holding it: the group and the word there.
    parts: Vec<(usize, &'a GroupWord)>,
}

impl<'a> Word<'a> {
    /// `text`, held in the groups of `parts` (in group order), on a site of `packets` packets.
    pub(crate) fn new(text: &'a str, parts: Vec<(usize, &'a GroupWord)>, packets: usize) -> Self {
        let set: Vec<u32> = parts
            .iter()
            .flat_map(|(_, w)| w.sets.packets.iter().copied())
            .collect();
        Word {
            text,
            packets: format!("{}:{}", json_key(text), set_json(&set, packets)),
            parts,
        }
    }
}

/// The words of `ws` in group `g`.
fn in_group<'a>(ws: &[&Word<'a>], g: usize) -> Vec<&'a GroupWord> {
    ws.iter()
        .flat_map(|w| w.parts.iter().filter(|p| p.0 == g).map(|p| p.1))
        .collect()
}

/// A shard's part of one group, as written: the group it was made from, and its JSON. It
/// follows from the shard's key, whether the shard was split, and that group alone.
pub(crate) type Parts = HashMap<(String, bool, usize), (Arc<GroupIndex>, Arc<[u8]>)>;

/// The shards being made.
pub(crate) struct Shards<'g> {
    /// Largest shard or part before it is split.
    limit: usize,
    /// Packets on the site.
    packets: usize,
    /// The groups.
    groups: &'g [Arc<GroupIndex>],
    /// The parts made last time: one is taken again when its group is the same.
    before: &'g Parts,
    /// The parts made this time.
    pub(crate) parts: Parts,
    /// Each shard's key, in shard number order.
    pub(crate) keys: Vec<String>,
    /// The keys that were split.
    pub(crate) split: Vec<String>,
    /// Each file: its id (`<k>` or `<k>-<g>`) and JSON.
    pub(crate) files: Vec<(String, Arc<[u8]>)>,
}

impl<'g> Shards<'g> {
    /// No shards yet; `before`: the parts made last time.
    pub(crate) fn new(
        limit: usize,
        packets: usize,
        groups: &'g [Arc<GroupIndex>],
        before: &'g Parts,
    ) -> Self {
        Shards {
            limit,
            packets,
            groups,
            before,
            parts: Parts::new(),
            keys: Vec::new(),
            split: Vec::new(),
            files: Vec::new(),
        }
    }

    /// Writes the files of the newest shard, of key `key`, holding `words`, with `"*"` (the
    /// sets of every word of `star`) when it was split.
    fn write(&mut self, key: &str, words: &[&Word], star: Option<&[&Word]>) {
        let k = self.keys.len() - 1;
        let head = |s: Option<String>| s.map_or(String::new(), |s| format!("\"*\":{s},"));
        let packets = star.map(|ws| {
            let sets = ws
                .iter()
                .flat_map(|w| w.parts.iter().map(|p| &p.1.sets.packets[..]));
            set_json(&union(sets, self.packets), self.packets)
        });
        let list: Vec<&str> = words.iter().map(|w| w.packets.as_str()).collect();
        let json = format!("{{{}\"w\":{{{}}}}}", head(packets), list.join(","));
        self.files.push((k.to_string(), json.into_bytes().into()));
        for (g, group) in self.groups.iter().enumerate() {
            let id = (key.to_string(), star.is_some(), g);
            if let Some(kept) = self.before.get(&id).filter(|p| Arc::ptr_eq(&p.0, group)) {
                self.files.push((format!("{k}-{g}"), kept.1.clone()));
                self.parts.insert(id, kept.clone());
                continue;
            }
            let list: Vec<&str> = in_group(words, g).iter().map(|w| w.part.as_str()).collect();
            let star = star
                .map(|ws| in_group(ws, g))
                .filter(|s| !s.is_empty())
                .map(|s| {
                    let size = group.items as usize;
                    let all = union(s.iter().map(|w| &w.sets.all[..]), size);
                    let title = union(s.iter().map(|w| &w.sets.title[..]), size);
                    format!("[{},{}]", set_json(&all, size), set_json(&title, size))
                });
            if list.is_empty() && star.is_none() {
                continue;
            }
            let json: Arc<[u8]> = format!("{{{}\"w\":{{{}}}}}", head(star), list.join(","))
                .into_bytes()
                .into();
            self.files.push((format!("{k}-{g}"), json.clone()));
            self.parts.insert(id, (group.clone(), json));
        }
    }

    /// The largest file the shard of `words` would have: its packet sets or its items in one
    /// group.
    fn size(&self, words: &[&Word]) -> usize {
        let mut per_group = vec![0; self.groups.len()];
        let mut packets = 0;
        for w in words {
            packets += w.packets.len() + 1;
            for (g, p) in &w.parts {
                per_group[*g] += p.part.len() + 1;
            }
        }
        per_group.into_iter().max().unwrap_or(0).max(packets)
    }

    /// Adds the shard of key `key` (`depth` characters) holding `words` (sorted, all starting
    /// with `key`), split further when too large.
    pub(crate) fn add(&mut self, key: &str, depth: usize, words: &[&Word]) {
        self.keys.push(key.to_string());
        if self.size(words) <= self.limit || depth >= LONGEST || words.len() < 2 {
            self.write(key, words, None);
            return;
        }
        self.split.push(key.to_string());
        let own: Vec<&Word> = words.iter().copied().filter(|w| w.text == key).collect();
        self.write(key, &own, Some(words));
        let longer: Vec<&Word> = words.iter().copied().filter(|w| w.text != key).collect();
        let mut start = 0;
        while start < longer.len() {
            let k = prefix(longer[start].text, depth + 1);
            let end = start + longer[start..].partition_point(|w| w.text.starts_with(k));
            self.add(k, depth + 1, &longer[start..end]);
            start = end;
        }
    }
}
