//! Validate stage: the name audit. A phrase of the article that closely resembles a declared
//! name or alias without being one (`Hegses` next to `Hegseth`, `Tom Tillis` next to `Thom
//! Tillis`) is reported, so that a garbled spelling is not silently left unlinked.
//!
//! Whole spellings are compared with phrases of as many words, never one word of a multi-word
//! name alone: "Transport Workers Union" does not make "Yorkers" or "Worker" suspect. A packet
//! acknowledges a phrase that is not a name with `not_names:` in packet.yaml.

use std::collections::HashSet;

use super::mentions::is_word_char;
use crate::model::article::Article;

/// A phrase of the article that looks like a declared spelling but is none.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// The word or words as written.
    pub word: String,
    /// The spelling it resembles.
    pub like: String,
    /// Index of that spelling's actor.
    pub actor: usize,
    /// Byte offset of the phrase in article.md.
    pub offset: usize,
}

/// How many times each character occurs, characters sharing a counter by their low five bits.
type Letters = [u8; 32];

fn letters(word: &str) -> Letters {
    let mut bag = [0u8; 32];
    for c in word.chars() {
        let slot = &mut bag[(u32::from(c) & 31) as usize];
        *slot = slot.saturating_add(1);
    }
    bag
}

/// A lower bound on the edits between two strings, from their letter counts: an insertion adds
/// one letter, a deletion removes one, a substitution does both.
fn edits_at_least(a: &Letters, b: &Letters) -> usize {
    let (mut more, mut fewer) = (0usize, 0usize);
    for (x, y) in a.iter().zip(b) {
        more += usize::from(x.saturating_sub(*y));
        fewer += usize::from(y.saturating_sub(*x));
    }
    more.max(fewer)
}

/// One declared spelling to compare against.
struct Known<'a> {
    actor: usize,
    text: &'a str,
    words: Vec<&'a str>,
    len: usize,
    bag: Letters,
}

/// The name audit over `article` (`source` is article.md, to locate what it finds): each
/// distinct phrase (first occurrence) that closely resembles a spelling in `names` (`(actor
/// index, spelling)`) with as many words, unless it is declared itself or listed in `ignore`.
pub fn near_misses(
    article: &Article,
    source: &str,
    names: &[(usize, &str)],
    ignore: &HashSet<&str>,
) -> Vec<NearMiss> {
    let spelled: HashSet<&str> = names.iter().map(|(_, n)| *n).collect();
    let mut known: Vec<Known> = Vec::new();
    for &(actor, text) in names {
        let len = text.chars().count();
        if len >= 4 && !known.iter().any(|k| k.actor == actor && k.text == text) {
            let words = text.split_whitespace().collect();
            known.push(Known {
                actor,
                text,
                words,
                len,
                bag: letters(text),
            });
        }
    }
    let most_words = known.iter().map(|k| k.words.len()).max().unwrap_or(0);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for run in article.runs.iter().filter(|r| !r.code) {
        let pulldown_cmark::Event::Text(text) = &article.events[run.event] else {
            continue;
        };
        let spans = word_spans(text);
        for i in 0..spans.len() {
            if !capitalised(&text[spans[i].0..spans[i].1]) {
                continue;
            }
            for n in 1..=most_words.min(spans.len() - i) {
                let last = spans[i + n - 1];
                if n > 1
                    && !text[spans[i + n - 2].1..last.0]
                        .chars()
                        .all(char::is_whitespace)
                {
                    break; // punctuation between two words: no longer one phrase
                }
                let phrase = &text[spans[i].0..last.1];
                if !capitalised(&text[last.0..last.1])
                    || phrase.chars().count() < 4
                    || spelled.contains(phrase)
                    || ignore.contains(phrase)
                    || !seen.insert(phrase)
                {
                    continue;
                }
                if let Some((actor, like)) = resembles(phrase, n, &known) {
                    // The run's source slice usually holds the phrase as is.
                    let offset = source
                        .get(run.source..)
                        .and_then(|s| s.find(phrase))
                        .map_or(run.source, |at| run.source + at);
                    out.push(NearMiss {
                        word: phrase.to_string(),
                        like: like.to_string(),
                        actor,
                        offset,
                    });
                }
            }
        }
    }
    out
}

/// The closest spelling of `n` words that `phrase` resembles, if any.
fn resembles<'a>(phrase: &str, n: usize, known: &[Known<'a>]) -> Option<(usize, &'a str)> {
    let len = phrase.chars().count();
    let bag = letters(phrase);
    let words: Vec<&str> = phrase.split_whitespace().collect();
    known
        .iter()
        // Within three edits, the lengths differ by three at most, and so do the letter
        // counts: cheap tests first.
        .filter(|k| k.words.len() == n && k.len.abs_diff(len) <= 3)
        .filter(|k| edits_at_least(&bag, &k.bag) <= 3)
        .map(|k| (strsim::jaro_winkler(phrase, k.text), k))
        .filter(|(score, k)| {
            // Another case of a declared spelling ("Port Authority", "port authority") is
            // not a misspelling.
            !phrase.eq_ignore_ascii_case(k.text)
                && *score >= 0.85
                && strsim::levenshtein(phrase, k.text) <= 3
                && words_close(&words, &k.words)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| (k.actor, k.text))
}

/// Word by word: each pair equal or a few edits apart (a third of the longer word at most, for
/// names of several words: a shared first word is not enough), and at least one pair a
/// misspelling: a derived form of the last word (`New Yorkers` of `New York`, `Russians` of
/// `Russia`) is another word, not a misspelling.
fn words_close(words: &[&str], known: &[&str]) -> bool {
    if let ([w], [k]) = (words, known) {
        return !derived(w, k);
    }
    let mut misspelt = false;
    for (i, (w, k)) in words.iter().zip(known).enumerate() {
        if w == k {
            continue;
        }
        let longer = w.chars().count().max(k.chars().count());
        if strsim::levenshtein(w, k) > (longer / 3).max(1) {
            return false;
        }
        misspelt |= i + 1 < words.len() || !derived(w, k);
    }
    misspelt
}

/// A derived form rather than a misspelling: `Ukrainian` of `Ukraine`, `Russians` of
/// `Russia` (longer, sharing all but the last letter), or a plural or singular (`Workers`,
/// `Worker`).
fn derived(word: &str, known: &str) -> bool {
    let common = word
        .chars()
        .zip(known.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let (wl, kl) = (word.chars().count(), known.chars().count());
    let plural = |a: &str, b: &str| {
        a.strip_suffix('s')
            .or_else(|| a.strip_suffix("es"))
            .is_some_and(|stem| stem == b)
    };
    (wl > kl && common + 1 >= kl) || plural(word, known) || plural(known, word)
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Byte ranges of the words of `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
