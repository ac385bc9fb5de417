//! Scaffold stage (`brief new --article`): from the names counted in an article to actor
//! suggestions. Variants are folded into one entry as aliases ("TWU" into "Transport Workers
//! Union", "Hegses" into "Pete Hegses", "Kiev" into "Ukraine"), and each entry gets the kind
//! that `kinds.rs` guesses (names that are no names are dropped there).

use std::collections::HashSet;

use super::kinds::{Kind, classify, country_of, personal};
use super::words::{PLACES, all_caps};

/// A name as counted in the article, before folding.
#[derive(Debug, Clone, Default)]
pub(super) struct Seen {
    /// The name as written.
    pub name: String,
    /// Occurrences.
    pub count: usize,
    /// Occurrences right after `in`, `at`, `near` and the like (a place's context).
    pub locative: usize,
    /// An acronym written in parentheses right after it ("Transport Workers Union (TWU)").
    pub acronym: Option<String>,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as written ("Maria Oyelaran").
    pub name: String,
    /// Occurrences, those of its aliases included.
    pub count: usize,
    /// Other spellings folded into it ("Oyelaran", "TWU", "Kiev").
    pub aliases: Vec<String>,
    /// What it seems to be.
    pub kind: Kind,
}

/// The suggestions from the names `seen` (in order of first appearance); `lower` holds every
/// word the article writes in lower case (a common word is never made an alias).
pub(super) fn fold(seen: Vec<Seen>, lower: &HashSet<String>) -> Vec<Name> {
    let mut names: Vec<(Name, Seen)> = seen
        .into_iter()
        .map(|s| {
            let name = Name {
                name: s.name.clone(),
                count: s.count,
                aliases: Vec::new(),
                kind: Kind::Person,
            };
            (name, s)
        })
        .collect();
    acronyms(&mut names);
    units(&mut names);
    surnames(&mut names, lower);
    let mut out: Vec<(Name, Option<usize>)> = Vec::new();
    for (mut n, s) in names {
        if let Some(kind) = classify(&n.name, s.count, s.locative) {
            n.kind = kind;
            let country = country_of(&n.name);
            out.push((n, country));
        }
    }
    countries(&mut out);
    let mut out: Vec<Name> = out.into_iter().map(|(n, _)| n).collect();
    out.sort_by_key(|n| std::cmp::Reverse(n.count)); // stable: ties keep the order of appearance
    out
}

/// Moves `names[from]` into `names[into]` as an alias.
fn merge<T>(names: &mut Vec<(Name, T)>, from: usize, into: usize) {
    let (gone, _) = names.remove(from);
    let into = if into > from { into - 1 } else { into };
    let target = &mut names[into].0;
    target.count += gone.count;
    target.aliases.push(gone.name);
    target.aliases.extend(gone.aliases);
}

/// Initials of a name's capitalised words ("Transport Workers Union" → "TWU").
fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Folds each acronym into the one name it stands for: the name it follows in parentheses, or
/// the only name with those initials; "TWU Local 100" goes into "Transport Workers Union Local
/// 100" the same way.
fn acronyms(names: &mut Vec<(Name, Seen)>) {
    let mut i = 0;
    while i < names.len() {
        let words: Vec<String> = names[i].0.name.split(' ').map(String::from).collect();
        let acronym = words[0].as_str();
        if !all_caps(acronym) || acronym.chars().count() > 6 {
            i += 1;
            continue;
        }
        let rest = &words[1..];
        let explicit = (rest.is_empty())
            .then(|| {
                names
                    .iter()
                    .position(|(_, s)| s.acronym.as_deref() == Some(acronym))
            })
            .flatten();
        let by_initials: Vec<usize> = (0..names.len())
            .filter(|&j| j != i)
            .filter(|&j| {
                let w: Vec<&str> = names[j].0.name.split(' ').collect();
                w.len() > rest.len()
                    && w[w.len() - rest.len()..] == *rest
                    && w.len() - rest.len() >= 2
                    && initials(&w[..w.len() - rest.len()]) == acronym
            })
            .collect();
        // Failing that, the only name that opens with words of those initials ("TWU" of
        // "Transport Workers Union Local 100").
        let by_prefix: Vec<usize> = (0..names.len())
            .filter(|&j| j != i && rest.is_empty())
            .filter(|&j| {
                let w: Vec<&str> = names[j].0.name.split(' ').collect();
                (2..w.len()).any(|k| initials(&w[..k]) == acronym && !all_caps(w[k - 1]))
            })
            .collect();
        let target = explicit.or(match (&by_initials[..], &by_prefix[..]) {
            ([j], _) | ([], [j]) => Some(*j),
            _ => None,
        });
        match target {
            Some(j) if j != i => merge(names, i, j),
            _ => i += 1,
        }
    }
}

/// Folds a numbered unit named alone ("Local 100") into the only longer name that ends with
/// it ("Transport Workers Union Local 100").
fn units(names: &mut Vec<(Name, Seen)>) {
    let mut i = 0;
    while i < names.len() {
        let unit = names[i].0.name.clone();
        let numbered = unit.split(' ').count() == 2
            && unit
                .rsplit(' ')
                .next()
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
        let owners: Vec<usize> = (0..names.len())
            .filter(|&j| j != i && names[j].0.name.ends_with(&format!(" {unit}")))
            .collect();
        match owners[..] {
            [j] if numbered => merge(names, i, j),
            _ => i += 1,
        }
    }
}

/// Folds each single word that is the surname of exactly one person's full name into it, as
/// an alias ("Oyelaran" into "Maria Oyelaran"), unless the word is also a common word.
fn surnames(names: &mut Vec<(Name, Seen)>, lower: &HashSet<String>) {
    let mut i = 0;
    while i < names.len() {
        let word = names[i].0.name.clone();
        let common = word.contains(' ')
            || lower.contains(&word.to_lowercase())
            || country_of(&word).is_some()
            || PLACES.contains(word.as_str());
        let owners: Vec<usize> = (0..names.len())
            .filter(|&j| {
                let n = &names[j].0.name;
                personal(n) && n.rsplit(' ').next() == Some(&word)
            })
            .collect();
        match owners[..] {
            [j] if !common && j != i => merge(names, i, j),
            _ => i += 1,
        }
    }
}

/// Folds the names of one country into its most frequent one: other names of it ("US" and
/// "United States") and its capital ("Kiev" into "Ukraine"); a capital whose country is not
/// named stays a place.
fn countries(names: &mut Vec<(Name, Option<usize>)>) {
    let mut i = 0;
    while i < names.len() {
        let Some(c) = names[i].1 else {
            i += 1;
            continue;
        };
        let head = (0..names.len())
            .filter(|&j| names[j].1 == Some(c) && names[j].0.kind == Kind::Country)
            .max_by_key(|&j| (names[j].0.count, std::cmp::Reverse(j)));
        match head {
            Some(j) if j != i => merge(names, i, j),
            _ => i += 1,
        }
    }
}
