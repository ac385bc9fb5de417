//! Render stage: the search index's word shards (see [`super::search_index`] for the files).
//!
//! A shard holds the words starting with its key. One that would be over the size limit (its
//! packet sets, or its items in any one group) is split by one more character instead: it then
//! keeps only the word equal to its key, and under `"*"` the sets of every word that starts
//! with the key (packets in `w/<k>.json`, items in each `w/<k>-<g>.json`), so that a query word
//! equal to the key needs no other shard.

use base64::Engine;

use super::search_text::LONGEST;

/// The first `n` characters of `w`.
pub(crate) fn prefix(w: &str, n: usize) -> &str {
    w.char_indices().nth(n).map_or(w, |(i, _)| &w[..i])
}

/// A set of numbers (ascending) as written: a list of distances or a base64 bitmap of `size`
/// bits, whichever is shorter.
pub(crate) fn set_json(set: &[u32], size: usize) -> String {
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
    if list.len() <= size.div_ceil(8).div_ceil(3) * 4 + 2 {
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

/// The packets and items holding a word (all ascending, items numbered across the site).
#[derive(Default)]
pub(crate) struct Sets {
    /// The packets holding it.
    pub(crate) packets: Vec<u32>,
    /// The items holding it.
    pub(crate) all: Vec<u32>,
    /// The items holding it in their title.
    pub(crate) title: Vec<u32>,
}

impl Sets {
    /// The union of `sets`.
    fn union<'a>(sets: impl Iterator<Item = &'a Sets>) -> Sets {
        let mut u = Sets::default();
        for s in sets {
            u.packets.extend_from_slice(&s.packets);
            u.all.extend_from_slice(&s.all);
            u.title.extend_from_slice(&s.title);
        }
        for v in [&mut u.packets, &mut u.all, &mut u.title] {
            v.sort_unstable();
            v.dedup();
        }
        u
    }

    /// Its packet set as written, and per group holding it, `[<items>,<title items>]`
    /// numbered from the group's first item (`first_items`: each group's first item, then the
    /// number of items).
    fn json(&self, packets: usize, first_items: &[u32]) -> (String, Vec<(usize, String)>) {
        let mut parts = Vec::new();
        for (g, w) in first_items.windows(2).enumerate() {
            let within = |v: &[u32]| {
                let a = v.partition_point(|&n| n < w[0]);
                let b = v.partition_point(|&n| n < w[1]);
                v[a..b].iter().map(|n| n - w[0]).collect::<Vec<u32>>()
            };
            let all = within(&self.all);
            if all.is_empty() {
                continue;
            }
            let size = (w[1] - w[0]) as usize;
            let json = format!(
                "[{},{}]",
                set_json(&all, size),
                set_json(&within(&self.title), size)
            );
            parts.push((g, json));
        }
        (set_json(&self.packets, packets), parts)
    }
}

/// A word and its entries as written in shards.
pub(crate) struct Word<'a> {
    /// The word.
    pub(crate) text: &'a str,
    /// Its sets.
    sets: &'a Sets,
    /// `"word":<packets>`.
    packets: String,
    /// Per group holding it: `"word":[<items>,<title items>]`.
    parts: Vec<(usize, String)>,
}

impl<'a> Word<'a> {
    /// `text` with `sets`, on a site of `packets` packets in groups starting at `first_items`.
    pub(crate) fn new(text: &'a str, sets: &'a Sets, packets: usize, first_items: &[u32]) -> Self {
        // A word is letters and digits only: nothing to escape, but say so with serde.
        let key = serde_json::to_string(text).unwrap_or_default();
        let (p, parts) = sets.json(packets, first_items);
        Word {
            text,
            sets,
            packets: format!("{key}:{p}"),
            parts: parts
                .into_iter()
                .map(|(g, j)| (g, format!("{key}:{j}")))
                .collect(),
        }
    }
}

/// The shards being made.
pub(crate) struct Shards<'g> {
    /// Largest shard or part before it is split.
    limit: usize,
    /// Packets on the site.
    packets: usize,
    /// Each group's first item, then the number of items.
    first_items: &'g [u32],
    /// Each shard's key, in shard number order.
    pub(crate) keys: Vec<String>,
    /// The keys that were split.
    pub(crate) split: Vec<String>,
    /// Each file: its id (`<k>` or `<k>-<g>`) and JSON.
    pub(crate) files: Vec<(String, String)>,
}

impl<'g> Shards<'g> {
    /// No shards yet.
    pub(crate) fn new(limit: usize, packets: usize, first_items: &'g [u32]) -> Self {
        Shards {
            limit,
            packets,
            first_items,
            keys: Vec::new(),
            split: Vec::new(),
            files: Vec::new(),
        }
    }

    /// Writes shard number `k` holding `words` (and `star`, the sets under `"*"`).
    fn write(&mut self, words: &[&Word], star: Option<&Sets>) {
        let k = self.keys.len() - 1;
        let star = star.map(|s| s.json(self.packets, self.first_items));
        let head = |s: &Option<String>| s.as_ref().map_or(String::new(), |s| format!("\"*\":{s},"));
        let list: Vec<&str> = words.iter().map(|w| w.packets.as_str()).collect();
        let p = star.as_ref().map(|s| s.0.clone());
        self.files.push((
            k.to_string(),
            format!("{{{}\"w\":{{{}}}}}", head(&p), list.join(",")),
        ));
        let groups = self.first_items.len().saturating_sub(1);
        for g in 0..groups {
            let list: Vec<&str> = words
                .iter()
                .flat_map(|w| w.parts.iter().filter(|p| p.0 == g))
                .map(|p| p.1.as_str())
                .collect();
            let s = star
                .as_ref()
                .and_then(|s| s.1.iter().find(|p| p.0 == g).map(|p| p.1.clone()));
            if list.is_empty() && s.is_none() {
                continue;
            }
            self.files.push((
                format!("{k}-{g}"),
                format!("{{{}\"w\":{{{}}}}}", head(&s), list.join(",")),
            ));
        }
    }

    /// The largest file the shard of `words` would have: its packet sets or its items in one
    /// group.
    fn size(&self, words: &[&Word]) -> usize {
        let mut per_group = vec![0; self.first_items.len()];
        let mut packets = 0;
        for w in words {
            packets += w.packets.len() + 1;
            for (g, j) in &w.parts {
                per_group[*g] += j.len() + 1;
            }
        }
        per_group.into_iter().max().unwrap_or(0).max(packets)
    }

    /// Adds the shard of key `key` (`depth` characters) holding `words` (sorted, all starting
    /// with `key`), split further when too large.
    pub(crate) fn add(&mut self, key: &str, depth: usize, words: &[&Word]) {
        self.keys.push(key.to_string());
        if self.size(words) <= self.limit || depth >= LONGEST || words.len() < 2 {
            self.write(words, None);
            return;
        }
        self.split.push(key.to_string());
        let own: Vec<&Word> = words.iter().copied().filter(|w| w.text == key).collect();
        let star = Sets::union(words.iter().map(|w| w.sets));
        self.write(&own, Some(&star));
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
