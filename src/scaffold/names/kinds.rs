//! Scaffold stage (`brief new --article`): what a name found in an article seems to stand for,
//! from its words and the word lists: a person, an organisation (media included), a country, a
//! group, or a place or a law (listed apart), or no name at all.

use super::words::{
    COMMON, CONNECTORS, COUNTRIES, INSTITUTIONS, LAW_WORDS, NOT_NAMES, ORG_WORDS, PLACE_WORDS,
    PLACES, REGIONS, adjective_ending, all_caps, direction, has_lower,
};

/// What a name seems to stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A person (the default for a name that looks like one).
    Person,
    /// An organisation, a publication or a broadcaster.
    Organization,
    /// A country.
    Country,
    /// A group: a region, or the people of a nation or party ("Ukrainians").
    Group,
    /// A place that is not a country (listed apart, not as an actor).
    Place,
    /// A law, treaty or agreement (listed apart, not as an actor).
    Law,
}

impl Kind {
    /// The actor kind of actors.yaml, `None` for places and laws.
    pub fn actor_kind(self) -> Option<&'static str> {
        match self {
            Kind::Person => Some("person"),
            Kind::Organization => Some("organization"),
            Kind::Country => Some("country"),
            Kind::Group => Some("group"),
            Kind::Place | Kind::Law => None,
        }
    }
}

/// Whether `name` looks like a person's full name: two or three words, none in capitals only
/// (initials aside), none an organisation's, a place's or a law's word.
pub(super) fn personal(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let last = words.len().saturating_sub(1);
    (2..=3).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            let initials = i < last && w.chars().count() <= 2; // "JD Vance"
            (initials || w.chars().skip(1).any(char::is_lowercase))
                && !ORG_WORDS.contains(w)
                && !PLACE_WORDS.contains(w)
                && !LAW_WORDS.contains(w)
        })
        && !PLACES.contains(name)
        && !REGIONS.contains(name)
        && !COUNTRIES.names.contains_key(name)
}

/// What `name` (found `count` times, `locative` of them after `in`, `at`…) stands for, or `None` when it is no name at all (a lone common, organisation
/// or place word; an adjective of a nation).
pub(super) fn classify(name: &str, count: usize, locative: usize) -> Option<Kind> {
    let words: Vec<&str> = name.split(' ').collect();
    let last = *words.last()?;
    if INSTITUTIONS.contains(name) {
        return Some(Kind::Organization);
    }
    if let [w] = words[..] {
        let lone_word = NOT_NAMES.contains(w)
            || ORG_WORDS.contains(w)
            || PLACE_WORDS.contains(w)
            || LAW_WORDS.contains(w)
            || (!all_caps(w) && (has_lower(&COMMON, w) || has_lower(&CONNECTORS, w)));
        // "Advising", "Personally": a lone word in -ing or -ly is a verb or an adverb.
        let verbal = !all_caps(w) && (w.ends_with("ing") || w.ends_with("ly"));
        if lone_word || (verbal && !PLACES.contains(w) && country_of(w).is_none()) {
            return None;
        }
    }
    if COUNTRIES.names.contains_key(name) {
        return Some(Kind::Country);
    }
    if REGIONS.contains(name) {
        return Some(Kind::Group);
    }
    if PLACES.contains(name) || COUNTRIES.capitals.contains_key(name) {
        return Some(Kind::Place);
    }
    if LAW_WORDS.contains(last) {
        return Some(Kind::Law);
    }
    if PLACE_WORDS.contains(last) {
        return Some(Kind::Place);
    }
    if words.iter().any(|w| ORG_WORDS.contains(w)) {
        return Some(Kind::Organization);
    }
    let adjective = adjective_ending(last) && words[..words.len() - 1].iter().all(|w| direction(w));
    if adjective || demonym(name) {
        return last.ends_with('s').then_some(Kind::Group);
    }
    if let [w] = words[..]
        && all_caps(w)
    {
        return Some(Kind::Organization);
    }
    if personal(name) {
        return Some(Kind::Person);
    }
    if locative > 0 && locative * 2 >= count {
        return Some(Kind::Place);
    }
    Some(if words.len() == 1 {
        Kind::Person
    } else {
        Kind::Organization
    })
}

/// The people of a country or a place ("Israelis", "New Yorkers", "Iraqi"): a longer form of
/// a country's or place's name sharing all of it but its last letter.
fn demonym(name: &str) -> bool {
    let derived = |known: &str| {
        let common = name
            .chars()
            .zip(known.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let (n, k) = (name.chars().count(), known.chars().count());
        n > k && n <= k + 4 && common + 1 >= k && k >= 4
    };
    COUNTRIES.names.keys().any(|k| derived(k))
        || PLACES.iter().any(|k| derived(k))
        || REGIONS.iter().any(|k| derived(k))
}

/// The number of the country that `name` names or is the capital of.
pub(super) fn country_of(name: &str) -> Option<usize> {
    COUNTRIES
        .names
        .get(name)
        .or_else(|| COUNTRIES.capitals.get(name))
        .copied()
}
