//! Scaffold stage (`brief new --article`): the capitalised names of an article, for actors.yaml.
//!
//! A heuristic, not a parser of English: runs of capitalised words ("Pete Hegseth", "Bank of
//! England", "Local 100") are one name; a capitalised word that opens a sentence counts only
//! when the same word is also capitalised mid-sentence and never written in lower case; common
//! words, pronouns and contractions ("I'm", "Where'd") are dropped, and so are titles ("Defense
//! Secretary"); words in capitals that the article also writes in lower case are a shouted
//! lead-in ("HOURS BEFORE the strike"), read as ordinary words. Headings and code are skipped.
//! `tokens.rs` reads the text, `fold.rs` ties variants together, `kinds.rs` guesses kinds. The
//! writer reviews the list.

mod fold;
mod kinds;
mod tokens;
mod words;

use std::collections::{HashMap, HashSet};

pub use fold::Name;
use fold::{Seen, fold};
pub use kinds::Kind;
use tokens::{Tok, blocks, tokens, unshout};
use words::{COMMON, CONNECTORS, ORG_WORDS, PLACE_WORDS, TITLES, all_caps, has_lower};

/// Words after which a name is a place ("in Munich", "near Kharkiv").
const LOCATIVE: [&str; 8] = [
    "in",
    "at",
    "near",
    "outside",
    "across",
    "throughout",
    "around",
    "inside",
];

/// Words that a number may follow inside a name ("Local 100", "District 9").
const NUMBERED: [&str; 8] = [
    "Local", "District", "Chapter", "Ward", "Precinct", "Flight", "Route", "Unit",
];

/// The names of `markdown`, most frequent first (then in order of first appearance).
pub fn find(markdown: &str) -> Vec<Name> {
    let mut toks: Vec<Vec<Tok>> = blocks(markdown).iter().map(|b| tokens(b)).collect();
    let mut lower = HashSet::new();
    for t in toks.iter().flatten() {
        if let Tok::Word(w, _) = t
            && w.chars().next().is_some_and(char::is_lowercase)
        {
            lower.insert(w.to_lowercase());
        }
    }
    for block in &mut toks {
        unshout(block, &lower);
    }
    let mut mid_caps = HashSet::new();
    for t in toks.iter().flatten() {
        if let Tok::Word(w, false) = t
            && is_capitalised(w)
        {
            mid_caps.insert(w.clone());
        }
    }
    let mut seen: Vec<Seen> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for block in &toks {
        for run in runs(block) {
            let Some(name) = keep(&run, &lower, &mid_caps) else {
                continue;
            };
            let i = *index.entry(name.clone()).or_insert_with(|| {
                seen.push(Seen {
                    name,
                    ..Seen::default()
                });
                seen.len() - 1
            });
            let s = &mut seen[i];
            s.count += 1;
            // The word before the run, or before its `the` ("in the State of New York").
            let before = |back: usize| run.start.checked_sub(back).and_then(|b| block.get(b));
            let before = match before(1) {
                Some(Tok::Word(w, _)) if w == "the" => before(2),
                b => b,
            };
            let possessive = matches!(block.get(run.end), Some(Tok::Break('\'')));
            if matches!(before, Some(Tok::Word(w, _)) if LOCATIVE.contains(&w.as_str()))
                && !possessive
            {
                s.locative += 1;
            }
            if let [Tok::Break('('), Tok::Word(a, _), Tok::Break(')'), ..] = &block[run.end..]
                && all_caps(a)
            {
                s.acronym = Some(a.clone());
            }
        }
    }
    fold(seen, &lower)
}

/// A name-like word: starts with an upper-case letter, and is not a lone letter ("I", "A").
fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() > 1
}

/// A maximal run of capitalised words of a block (connectors allowed between two of them, a
/// number after a word such as "Local").
struct Run<'a> {
    words: Vec<&'a str>,
    /// The run opens a sentence.
    initial: bool,
    /// Index of its first token.
    start: usize,
    /// Index of the token after it.
    end: usize,
}

fn runs(toks: &[Tok]) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut cur = Run {
        words: Vec::new(),
        initial: false,
        start: 0,
        end: 0,
    };
    for (i, t) in toks.iter().enumerate() {
        let numbered = |w: &str| {
            w.chars().all(|c| c.is_ascii_digit())
                && cur.words.last().is_some_and(|l| NUMBERED.contains(l))
        };
        match t {
            Tok::Word(w, initial) if is_capitalised(w) => {
                if cur.words.is_empty() {
                    cur.initial = *initial;
                    cur.start = i;
                }
                cur.words.push(w);
            }
            Tok::Word(w, _)
                if !cur.words.is_empty() && (CONNECTORS.contains(w.as_str()) || numbered(w)) =>
            {
                cur.words.push(w)
            }
            _ => close_run(&mut cur, &mut out, i),
        }
    }
    close_run(&mut cur, &mut out, toks.len());
    out
}

/// Ends the current run at token `end`: trailing connectors dropped, the rest kept if any.
fn close_run<'a>(cur: &mut Run<'a>, out: &mut Vec<Run<'a>>, end: usize) {
    let mut end = end;
    while cur.words.last().is_some_and(|w| CONNECTORS.contains(w)) {
        cur.words.pop();
        end -= 1;
    }
    if !cur.words.is_empty() {
        out.push(Run {
            words: std::mem::take(&mut cur.words),
            initial: cur.initial,
            start: cur.start,
            end,
        });
    }
}

/// The name a run stands for, if any: titles and common words dropped from its front and
/// common words from its end; a sentence-opening word kept only when it is capitalised
/// mid-sentence elsewhere and never written in lower case.
fn keep(run: &Run, lower: &HashSet<String>, mid_caps: &HashSet<String>) -> Option<String> {
    let mut words = run.words.clone();
    let mut first_initial = run.initial;
    let common = |w: &str| !all_caps(w) && (has_lower(&COMMON, w) || has_lower(&CONNECTORS, w));
    if let Some(t) = words.iter().rposition(|w| has_lower(&TITLES, w)) {
        let mut rest = t + 1;
        if words.get(rest).is_some_and(|w| has_lower(&CONNECTORS, w)) && words.len() > rest + 2 {
            rest += 2; // "Secretary of State Marco Rubio"
        }
        // "Justice Department", "General Motors": the title word is part of the name.
        let institution = words
            .last()
            .is_some_and(|w| ORG_WORDS.contains(w) || PLACE_WORDS.contains(w));
        if !institution {
            words.drain(..rest.min(words.len()));
            first_initial = false;
        }
    }
    while let Some(w) = words.first() {
        let lc = w.to_lowercase();
        let elsewhere = mid_caps.contains(*w) || (words.len() == 1 && words::known_name(w));
        let opener = first_initial
            && if words.len() == 1 {
                lower.contains(&lc) || !elsewhere
            } else {
                lower.contains(&lc) && !elsewhere
            };
        if !common(w) && !opener {
            break;
        }
        words.remove(0);
        first_initial = false;
    }
    while words.last().is_some_and(|w| common(w)) {
        words.pop(); // "Munich When"
    }
    // "Ukrainian NATO": an adjective of a nation before an acronym is not part of its name.
    if let [adjective, acronym] = words[..]
        && all_caps(acronym)
        && !all_caps(adjective)
        && words::adjective_ending(adjective)
    {
        words.remove(0);
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests;
