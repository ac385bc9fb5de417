//! Validate stage: actor mentions (names and aliases as whole words); the name audit is in
//! `audit.rs`.
//!
//! All names of all actors go into one Aho-Corasick automaton (leftmost-longest, so "Donald
//! Trump" wins over "Trump"), so the cost is one pass over the article whatever the number of
//! actors. A match counts only as a whole word: the characters around it must not be letters,
//! digits or hyphens (an apostrophe is fine, so possessives count).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::article::{Article, Mention};

/// A letter, digit, `-` or `_`: what a name's edges may not touch.
pub(super) fn is_word_char(c: char) -> bool {
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
}
