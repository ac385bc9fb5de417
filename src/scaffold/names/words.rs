//! Scaffold stage (`brief new --article`): the word lists of the name finder, from
//! `files/words/` (compiled in), and the lookups on them.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A word list (whitespace-separated; `#` lines are comments).
fn word_list(text: &'static str) -> HashSet<&'static str> {
    lines(text).flat_map(str::split_whitespace).collect()
}

/// A list of names, `|`-separated (names may hold spaces; `#` lines are comments).
fn name_list(text: &'static str) -> HashSet<&'static str> {
    lines(text)
        .flat_map(|l| l.split('|'))
        .map(str::trim)
        .collect()
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

/// Words that open sentences or stand before names without being names (lower case).
pub(super) static COMMON: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/common.txt")));
/// Titles: a run loses everything up to its last title ("Defense Secretary Pete Hegseth").
pub(super) static TITLES: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/titles.txt")));
/// Words that make a name an organisation's, publications' included (as written).
pub(super) static ORG_WORDS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/organisations.txt")));
/// Institutions named by one word ("Pentagon", "Congress").
pub(super) static INSTITUTIONS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/institutions.txt")));
/// Words that end a place's name (as written).
pub(super) static PLACE_WORDS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/place-words.txt")));
/// Words that end the name of a law or treaty (as written).
pub(super) static LAW_WORDS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/laws.txt")));
/// Words never listed alone as names (as written).
pub(super) static NOT_NAMES: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/not-names.txt")));
/// Lower-case words allowed inside a name ("Bank of England", "Ursula von der Leyen").
pub(super) static CONNECTORS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/connectors.txt")));
/// Abbreviations whose full stop does not end a sentence.
pub(super) static ABBREVIATIONS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("../files/words/abbreviations.txt")));
/// Cities, states and other places that are not countries.
pub(super) static PLACES: LazyLock<HashSet<&str>> =
    LazyLock::new(|| name_list(include_str!("../files/words/places.txt")));
/// Continents and regions.
pub(super) static REGIONS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| name_list(include_str!("../files/words/regions.txt")));

/// Countries: each name or alias to the country's number, and each capital to it too.
pub(super) struct Countries {
    /// Every name and alias of a country → its number.
    pub names: HashMap<&'static str, usize>,
    /// Every capital (and its other spellings) → its country's number.
    pub capitals: HashMap<&'static str, usize>,
}

/// The countries of `files/words/countries.txt`.
pub(super) static COUNTRIES: LazyLock<Countries> = LazyLock::new(|| {
    let mut c = Countries {
        names: HashMap::new(),
        capitals: HashMap::new(),
    };
    for (i, line) in lines(include_str!("../files/words/countries.txt")).enumerate() {
        let (names, capitals) = line.split_once(" @ ").unwrap_or((line, ""));
        for n in names.split('|').map(str::trim) {
            c.names.insert(n, i);
        }
        for n in capitals.split('|').map(str::trim).filter(|n| !n.is_empty()) {
            c.capitals.insert(n, i);
        }
    }
    c
});

/// `true` for a word written in capitals only (two characters or more, a letter among them):
/// an acronym ("NATO", "G7") or a shouted word.
pub(super) fn all_caps(w: &str) -> bool {
    w.chars().count() > 1
        && w.chars().any(char::is_alphabetic)
        && !w.chars().any(char::is_lowercase)
}

/// `true` when `list` holds `w` in lower case.
pub(super) fn has_lower(list: &HashSet<&str>, w: &str) -> bool {
    list.contains(w.to_lowercase().as_str())
}

/// The adjective of a nation or region ("Ukrainian", "Eastern", "Chinese") or its plural, by
/// its ending or the irregular list.
pub(super) fn adjective_ending(w: &str) -> bool {
    let lc = w.to_lowercase();
    let stem = lc.strip_suffix('s').unwrap_or(&lc);
    NOT_NAMES.contains(w)
        || NOT_NAMES.contains(w.strip_suffix('s').unwrap_or(w))
        || ["ian", "ean", "ese", "ish", "ican", "ern"]
            .iter()
            .any(|end| stem.ends_with(end) && stem.len() > end.len() + 2)
}

/// Words that may open an adjective of a region ("Middle Eastern", "South African").
pub(super) fn direction(w: &str) -> bool {
    matches!(
        w,
        "North"
            | "South"
            | "East"
            | "West"
            | "Middle"
            | "Central"
            | "Latin"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Upper"
            | "Lower"
            | "Sub-Saharan"
    )
}

/// A name the lists know: a country, a capital, a place, a region or an institution.
pub(super) fn known_name(name: &str) -> bool {
    COUNTRIES.names.contains_key(name)
        || COUNTRIES.capitals.contains_key(name)
        || PLACES.contains(name)
        || REGIONS.contains(name)
        || INSTITUTIONS.contains(name)
}
