//! Validate stage: actor mentions (names and aliases as whole words) and the name audit.
//!
//! All names of all actors go into one Aho-Corasick automaton (leftmost-longest, so "Donald
//! Trump" wins over "Trump"), so the cost is one pass over the article whatever the number of
//! actors. A match counts only as a whole word: the characters around it must not be letters,
//! digits or hyphens (an apostrophe is fine, so possessives count).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::article::{Article, Mention};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Finds every mention of the actors, given as `(actor index, spelling)` pairs.
pub fn find(article: &Article, names: &[(usize, &str)]) -> Vec<Mention> {
    let patterns: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
    if patterns.is_empty() {
        return Vec::new();
    }
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        // One article is searched once: building a DFA would cost more than it saves.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&patterns)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (ri, run) in article.runs.iter().enumerate().filter(|(_, r)| !r.code) {
        let text = match &article.events[run.event] {
            pulldown_cmark::Event::Text(t) => t.as_ref(),
            _ => continue, // inline code is never a mention
        };
        for m in ac.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                continue;
            }
            out.push(Mention {
                run: ri,
                start: m.start(),
                end: m.end(),
                actor: names[m.pattern().as_usize()].0,
            });
        }
    }
    out
}

/// A capitalised word of the article that looks like a known spelling but is none.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// The word as written.
    pub word: String,
    /// The spelling it resembles.
    pub like: String,
    /// Index of that spelling's actor.
    pub actor: usize,
    /// Byte offset of the word in article.md.
    pub offset: usize,
}

/// How many times each character occurs in a word, characters sharing a counter by their
/// low five bits.
type Letters = [u8; 32];

fn letters(word: &str) -> Letters {
    let mut bag = [0u8; 32];
    for c in word.chars() {
        let slot = &mut bag[(u32::from(c) & 31) as usize];
        *slot = slot.saturating_add(1);
    }
    bag
}

/// A lower bound on the edits between two words, from their letter counts: an insertion adds
/// one letter, a deletion removes one, a substitution does both.
fn edits_at_least(a: &Letters, b: &Letters) -> usize {
    let (mut more, mut fewer) = (0usize, 0usize);
    for (x, y) in a.iter().zip(b) {
        more += usize::from(x.saturating_sub(*y));
        fewer += usize::from(y.saturating_sub(*x));
    }
    more.max(fewer)
}

/// The name audit: each distinct capitalised word (first occurrence) that closely resembles a
/// word of an actor's name or alias without being one. `known` holds every word of every
/// spelling; `names` the spellings with their actor index.
pub fn near_misses(article: &Article, source: &str, names: &[(usize, &str)]) -> Vec<NearMiss> {
    // Every word of every spelling (to skip), and those of four letters or more with their
    // length in characters (to compare against).
    let mut spelled = std::collections::HashSet::new();
    let mut known: Vec<(usize, &str, usize, Letters)> = Vec::new();
    for (actor, name) in names {
        for w in name.split(|c: char| !is_word_char(c)) {
            spelled.insert(w);
            let len = w.chars().count();
            if len >= 4 && !known.iter().any(|k| k.0 == *actor && k.1 == w) {
                known.push((*actor, w, len, letters(w)));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for run in article.runs.iter().filter(|r| !r.code) {
        let pulldown_cmark::Event::Text(text) = &article.events[run.event] else {
            continue;
        };
        for word in words(text) {
            let len = word.chars().count();
            if !word.chars().next().is_some_and(char::is_uppercase)
                || len < 4
                || spelled.contains(word)
                || !seen.insert(word)
            {
                continue;
            }
            // Within three edits, the lengths differ by three at most, and so do the letter
            // counts: cheap tests first.
            let bag = letters(word);
            let best = known
                .iter()
                .filter(|(_, _, klen, kbag)| {
                    klen.abs_diff(len) <= 3 && edits_at_least(&bag, kbag) <= 3
                })
                .map(|(a, k, _, _)| (strsim::jaro_winkler(word, k), *a, *k))
                .filter(|(score, _, k)| {
                    *score >= 0.85 && strsim::levenshtein(word, k) <= 3 && !derived(word, k)
                })
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, actor, like)) = best {
                // Locate the word in the source: the run's source slice usually holds it as is.
                let offset = source
                    .get(run.source..)
                    .and_then(|s| s.find(word))
                    .map_or(run.source, |i| run.source + i);
                out.push(NearMiss {
                    word: word.to_string(),
                    like: like.to_string(),
                    actor,
                    offset,
                });
            }
        }
    }
    out
}

/// `Ukrainian` from `Ukraine`, `Russians` from `Russia`: a longer word sharing all but the
/// last letter of the known one is a derived form, not a misspelling.
fn derived(word: &str, known: &str) -> bool {
    let common = word
        .chars()
        .zip(known.chars())
        .take_while(|(a, b)| a == b)
        .count();
    word.chars().count() > known.chars().count() && common + 1 >= known.chars().count()
}

/// Words of `text`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(md: &str, names: &[(usize, &str)]) -> Vec<(usize, String)> {
        let a = Article::parse(md);
        find(&a, names)
            .into_iter()
            .map(|m| {
                let pulldown_cmark::Event::Text(t) = &a.events[a.runs[m.run].event] else {
                    panic!()
                };
                (m.actor, t[m.start..m.end].to_string())
            })
            .collect()
    }

    #[test]
    fn longest_name_wins_and_possessives_count() {
        let names = [(0, "Donald Trump"), (0, "Trump"), (1, "Hegses")];
        let got = mentions(
            "President Donald Trump’s aide. Trump and Hegses’ tone. Trumpism.\n",
            &names,
        );
        assert_eq!(
            got,
            vec![
                (0, "Donald Trump".into()),
                (0, "Trump".into()),
                (1, "Hegses".into())
            ]
        );
    }

    #[test]
    fn accented_and_hyphenated_names_are_whole_words() {
        let names = [
            (0, "Jean-Claude Juncker"),
            (1, "Zelenskyy"),
            (2, "Smith"),
            (3, "Éric"),
        ];
        let got = mentions(
            "Jean-Claude Juncker met Zelenskyy. Smith-Jones is not Smith. Éric came.\n",
            &names,
        );
        assert_eq!(
            got,
            vec![
                (0, "Jean-Claude Juncker".into()),
                (1, "Zelenskyy".into()),
                (2, "Smith".into()),
                (3, "Éric".into())
            ]
        );
    }

    #[test]
    fn code_spans_are_left_alone() {
        assert!(mentions("Use `Trump` here.\n\n```\nTrump\n```\n", &[(0, "Trump")]).is_empty());
    }

    #[test]
    fn letter_counts_bound_the_edits_from_below() {
        let pairs = [
            ("Hegses", "Hegseth"),
            ("Zelensky", "Zelenskyy"),
            ("Witkof", "Witkoff"),
            ("Brussels", "Hegseth"),
            ("Kyiv", "Kiev"),
            ("Ullyot", "Ulyot"),
        ];
        for (a, b) in pairs {
            let bound = edits_at_least(&letters(a), &letters(b));
            assert!(bound <= strsim::levenshtein(a, b), "{a} / {b}");
        }
        assert_eq!(edits_at_least(&letters("Hegses"), &letters("Hegseth")), 2);
        assert!(edits_at_least(&letters("Brussels"), &letters("Hegseth")) > 3);
    }

    #[test]
    fn near_misses_suggest_the_declared_spelling() {
        let md = "Hegses spoke. Hegseth agreed. Brussels was calm.\n";
        let a = Article::parse(md);
        let got = near_misses(&a, md, &[(0, "Pete Hegseth"), (0, "Hegseth")]);
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].word.as_str(), got[0].like.as_str(), got[0].offset),
            ("Hegses", "Hegseth", 0)
        );
    }
}
