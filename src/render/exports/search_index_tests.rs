//! Unit tests of the search index: a query word looked up the way search.js does finds exactly
//! the items holding a word that starts with it (and those holding it in their title), through
//! split shards too; sets are lists of distances or bitmaps, whichever is shorter.

use std::collections::BTreeSet;

use base64::Engine;
use serde_json::Value;

use super::*;
use crate::render::exports::search::{Entry, packet_search};
use crate::render::exports::search_shards::{prefix, set_json};

/// The index's files together (as the site has them).
fn index(packets: &[&PacketSearch], limit: usize, group: usize, cache: &mut Cache) -> Files {
    super::index(packets, limit, group, cache)
        .iter()
        .flat_map(|f| f.iter().map(|(k, v)| (k.clone(), v.clone())))
        .collect()
}

/// Packet `n`: an item per five words of `text`, the first of them its title.
fn packet(n: usize, text: &str) -> PacketSearch {
    let words: Vec<&str> = text.split(' ').collect();
    let items: Vec<Entry> = words
        .chunks(5)
        .enumerate()
        .map(|(i, w)| Entry {
            d: String::new(),
            k: "block",
            t: w[0].to_string(),
            u: format!("/p{n}/article/#p-{i}"),
            x: w[1..].join(" "),
        })
        .collect();
    packet_search(&format!("Packet {n}"), &format!("/p{n}/"), &items)
}

fn json(files: &Files, path: &str) -> Value {
    match files.get(path).and_then(Content::data) {
        Some(b) => serde_json::from_slice(b).expect("JSON"),
        None => panic!("no {path}"),
    }
}

/// The items of a set as written.
fn decode(v: &Value) -> BTreeSet<u32> {
    match v {
        Value::Array(a) => a
            .iter()
            .scan(0, |at, n| {
                *at += n.as_u64().unwrap() as u32;
                Some(*at)
            })
            .collect(),
        Value::String(s) => {
            let bytes = base64::engine::general_purpose::STANDARD.decode(s).unwrap();
            (0..bytes.len() as u32 * 8)
                .filter(|n| bytes[*n as usize / 8] & (1 << (n % 8)) != 0)
                .collect()
        }
        _ => panic!("{v}"),
    }
}

/// What search.js does for one query word `t`: the packets holding a word starting with it,
/// then, in every group, the items holding one, and those holding one in their title.
fn lookup(files: &Files, t: &str) -> [BTreeSet<u32>; 3] {
    let meta = json(files, "_search/meta.json");
    let strings = |k: &str| -> Vec<String> {
        meta[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    };
    let (keys, split) = (strings("shards"), strings("split"));
    let items: Vec<u32> = meta["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap() as u32)
        .collect();
    let size = meta["group"].as_u64().unwrap() as usize;
    let groups: Vec<usize> = (0..items.len()).step_by(size).collect();
    let n = t.chars().count();
    let mut depth = 1;
    while split.iter().any(|k| k == prefix(t, depth)) && depth < n {
        depth += 1;
    }
    let key = prefix(t, depth);
    let mut out: [BTreeSet<u32>; 3] = Default::default();
    let Some(k) = keys.iter().position(|k| k == key) else {
        return out;
    };
    let is_split = split.iter().any(|k| k == key);
    let matching = |shard: &Value| -> Vec<Value> {
        if is_split {
            return vec![shard["*"].clone()];
        }
        shard["w"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(w, _)| w.starts_with(t))
            .map(|(_, v)| v.clone())
            .collect()
    };
    for v in matching(&json(files, &format!("_search/w/{k}.json"))) {
        out[0].extend(decode(&v));
    }
    for (g, &first_packet) in groups.iter().enumerate() {
        let first: u32 = items[..first_packet].iter().sum();
        let Some(b) = files
            .get(&format!("_search/w/{k}-{g}.json"))
            .and_then(Content::data)
        else {
            continue;
        };
        for v in matching(&serde_json::from_slice(b).unwrap()) {
            out[1].extend(decode(&v[0]).into_iter().map(|n| n + first));
            out[2].extend(decode(&v[1]).into_iter().map(|n| n + first));
        }
    }
    out
}

/// Every item of `packets` (numbered across them) with its words and its title's words.
fn items(packets: &[PacketSearch]) -> Vec<(Vec<String>, Vec<String>)> {
    let mut out: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for p in packets {
        let first = out.len();
        out.resize(first + p.items as usize, Default::default());
        for (w, entries) in p.words() {
            for e in entries {
                let item = &mut out[first + *e as usize / 2];
                item.0.push(w.to_string());
                if e % 2 == 1 {
                    item.1.push(w.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_prefix_of_every_word_finds_exactly_its_items_through_split_shards() {
    // Many words on "st" and "sta" so that "s", "st" and "sta" split; a word equal to a split
    // key ("st"); numbers; one word in every packet.
    let mut texts = Vec::new();
    for n in 0..60 {
        let mut t = format!("common st stand{n} state{n} sta{n}x 7{n} s{n}");
        for m in 0..40 {
            if (n + m) % 3 == 0 {
                t.push_str(&format!(" stack{m}word other{m}"));
            }
        }
        texts.push(t);
    }
    let packets: Vec<PacketSearch> = texts
        .iter()
        .enumerate()
        .map(|(n, t)| packet(n, t))
        .collect();
    let refs: Vec<&PacketSearch> = packets.iter().collect();
    let files = index(&refs, 600, 2, &mut Cache::default());
    let meta = json(&files, "_search/meta.json");
    let split: Vec<&str> = meta["split"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(split.contains(&"s") && split.contains(&"st"), "{split:?}");
    assert_eq!(meta["group"], 2);
    assert_eq!(meta["items"].as_array().unwrap().len(), 60);
    let all = items(&packets);
    let mut prefixes = BTreeSet::new();
    for p in &packets {
        for (w, _) in p.words() {
            for i in 1..=w.chars().count() {
                prefixes.insert(prefix(w, i).to_string());
            }
        }
    }
    for t in prefixes
        .iter()
        .chain([&"zz".to_string(), &"stq".to_string()])
    {
        let packets_holding: BTreeSet<u32> = packets
            .iter()
            .enumerate()
            .filter(|(_, p)| p.words().any(|(w, _)| w.starts_with(t.as_str())))
            .map(|(n, _)| n as u32)
            .collect();
        let holding = |title: bool| -> BTreeSet<u32> {
            (0..all.len() as u32)
                .filter(|n| {
                    let (words, titled) = &all[*n as usize];
                    let ws = if title { titled } else { words };
                    ws.iter().any(|w| w.starts_with(t.as_str()))
                })
                .collect()
        };
        assert_eq!(
            lookup(&files, t),
            [packets_holding, holding(false), holding(true)],
            "{t}"
        );
    }
    // Every shard and part within bounds; every packet's records there.
    for (path, c) in &files {
        if let (true, Some(b)) = (path.starts_with("_search/w/"), c.data()) {
            assert!(b.len() <= 600 + 64, "{path}: {}", b.len());
        }
    }
    assert_eq!(json(&files, "_search/p/59-0.json")["u"], "/p59/");
}

#[test]
fn sets_are_lists_or_bitmaps_whichever_is_shorter() {
    assert_eq!(set_json(&[0, 3, 17], 5000), "[0,3,14]");
    let all: Vec<u32> = (0..20).collect();
    let bitmap = set_json(&all, 20);
    assert_eq!(bitmap, "\"//8P\"");
    assert_eq!(
        decode(&serde_json::from_str(&bitmap).unwrap()),
        all.into_iter().collect()
    );
}

#[test]
fn the_stamp_changes_with_any_record() {
    let a = [packet(0, "alpha beta")];
    let b = [packet(0, "alpha gamma")];
    let stamp_of = |p: &[PacketSearch]| {
        let refs: Vec<&PacketSearch> = p.iter().collect();
        json(
            &index(&refs, SHARD, GROUP_PACKETS, &mut Cache::default()),
            "_search/meta.json",
        )["stamp"]
            .clone()
    };
    assert_ne!(stamp_of(&a), stamp_of(&b));
    assert_eq!(stamp_of(&a), stamp_of(&a));
}

#[test]
fn groups_kept_in_the_cache_give_the_files_of_a_fresh_index() {
    let texts: Vec<String> = (0..9)
        .map(|n| format!("alpha beta{n} gamma delta{}", n % 3))
        .collect();
    let mut packets: Vec<PacketSearch> = texts
        .iter()
        .enumerate()
        .map(|(n, t)| packet(n, t))
        .collect();
    let mut cache = Cache::default();
    let refs: Vec<&PacketSearch> = packets.iter().collect();
    let first = index(&refs, 100, 4, &mut cache);
    // One packet edited (more items, new words), then one removed.
    packets[5] = packet(
        5,
        "alpha omega beta5 and more words here six of them at least",
    );
    let refs: Vec<&PacketSearch> = packets.iter().collect();
    let kept = index(&refs, 100, 4, &mut cache);
    assert_eq!(kept, index(&refs, 100, 4, &mut Cache::default()));
    // The parts of groups 0 and 2 were taken again, not made again; group 1's were made.
    let shared = |path: &str| match (&first[path], &kept[path]) {
        (Content::Shared(a), Content::Shared(b)) => std::sync::Arc::ptr_eq(a, b),
        _ => false,
    };
    let part = |g: usize| {
        kept.keys()
            .filter(|p| p.starts_with("_search/w/") && p.ends_with(&format!("-{g}.json")))
            .filter(|p| first.contains_key(*p))
            .collect::<Vec<_>>()
    };
    assert!(!part(0).is_empty() && part(0).iter().all(|p| shared(p)));
    assert!(!part(2).is_empty() && part(2).iter().all(|p| shared(p)));
    assert!(!part(1).is_empty() && !part(1).iter().any(|p| shared(p)));
    packets.remove(1);
    let refs: Vec<&PacketSearch> = packets.iter().collect();
    let kept = index(&refs, 100, 4, &mut cache);
    assert_eq!(kept, index(&refs, 100, 4, &mut Cache::default()));
}
