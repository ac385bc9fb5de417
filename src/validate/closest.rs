//! Validate stage: what to show when a quote is not found once: the passages most like it,
//! a quote that runs across two blocks, and each occurrence with the words around it.

use super::anchor::{Matcher, ceil_char, floor_char};
use crate::model::article::{CELL_BARRIER, Hit};

/// Words shown either side of each occurrence of an ambiguous quote.
const CONTEXT_WORDS: usize = 4;
/// Words of a quote compared when looking for the closest passage.
const CLOSE_WORDS: usize = 16;
/// Blocks whose best windows are compared letter by letter.
const CLOSE_BLOCKS: usize = 24;
/// Windows per block compared letter by letter (those sharing the most words).
const CLOSE_CANDIDATES: usize = 8;

impl Matcher<'_> {
    /// The passage with up to [`CONTEXT_WORDS`] words either side and `«»` around it, so that
    /// occurrences in one block can be told apart (and the words suggest a `prefix` or `suffix`).
    pub fn excerpt(&self, h: &Hit) -> String {
        let text = self.article.block(h.block).map_or("", |b| b.text.as_str());
        let (start, end) = (
            floor_char(text, h.start),
            ceil_char(text, h.end.min(text.len())),
        );
        let before: Vec<&str> = text[..start].split_whitespace().collect();
        let after: Vec<&str> = text[end..].split_whitespace().collect();
        let lead = before.len().saturating_sub(CONTEXT_WORDS);
        let mut s = String::new();
        if lead > 0 {
            s.push('…');
        }
        s.push_str(&before[lead..].join(" "));
        if !before.is_empty() && text[..start].ends_with(char::is_whitespace) {
            s.push(' ');
        }
        s.push('«');
        s.push_str(&text[start..end]);
        s.push('»');
        if !after.is_empty() && text[end..].starts_with(char::is_whitespace) {
            s.push(' ');
        }
        s.push_str(&after[..after.len().min(CONTEXT_WORDS)].join(" "));
        if after.len() > CONTEXT_WORDS {
            s.push('…');
        }
        s.replace(CELL_BARRIER, " | ")
    }

    /// The number of the first block whose end, with the start of the next, holds `quote`.
    pub(super) fn spanning(&self, quote: &str) -> Option<usize> {
        self.blocks
            .windows(2)
            .position(|pair| {
                let (a, b) = (pair[0].text.trim_end(), pair[1].text.trim_start());
                let tail = &a[floor_char(a, a.len().saturating_sub(quote.len()))..];
                let head = &b[..ceil_char(b, quote.len().min(b.len()))];
                let joined = format!("{tail} {head}");
                let mut from = 0;
                while let Some(pos) = joined[from..].find(quote) {
                    let (s, e) = (from + pos, from + pos + quote.len());
                    if s < tail.len() && e > tail.len() + 1 {
                        return true;
                    }
                    from = s + joined[s..].chars().next().map_or(1, char::len_utf8);
                }
                false
            })
            .map(|i| i + 1)
    }

    /// The three passages most like normalised `quote`: windows of as many words (at most
    /// [`CLOSE_WORDS`]), scored by similarity. Bounded work on any article: each block's
    /// windows are ranked by shared words in one pass, and only the best few of the best blocks
    /// are compared letter by letter.
    pub(super) fn closest(&self, quote: &str) -> Vec<Hit> {
        let quote: String = quote
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(CLOSE_WORDS)
            .collect::<Vec<_>>()
            .join(" ");
        let qwords: std::collections::HashSet<String> =
            quote.split(' ').map(str::to_lowercase).collect();
        let n = quote.split(' ').count().max(1);
        // (shared words, block index, window starts with that many shared words)
        let mut ranked: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        for (bi, nb) in self.blocks.iter().enumerate() {
            let words: Vec<&str> = nb.text.split(' ').filter(|w| !w.is_empty()).collect();
            let shared: Vec<usize> = words
                .iter()
                .map(|w| usize::from(qwords.contains(&w.to_lowercase())))
                .collect();
            let windows = words.len().saturating_sub(n - 1).max(1);
            let mut sum: usize = shared.iter().take(n).sum();
            let mut best = (sum, vec![0]);
            for w in 1..windows {
                sum = sum + shared.get(w + n - 1).copied().unwrap_or(0) - shared[w - 1];
                if sum > best.0 {
                    best = (sum, vec![w]);
                } else if sum == best.0 && best.1.len() < CLOSE_CANDIDATES {
                    best.1.push(w);
                }
            }
            if !words.is_empty() {
                ranked.push((best.0, bi, best.1));
            }
        }
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut scored: Vec<(f64, Hit)> = Vec::new();
        for (_, bi, starts) in ranked.into_iter().take(CLOSE_BLOCKS) {
            let nb = &self.blocks[bi];
            // Byte range of every word of the normalised block.
            let words: Vec<(usize, usize)> = nb
                .text
                .split(' ')
                .scan(0usize, |at, w| {
                    let start = *at;
                    *at += w.len() + 1;
                    Some((start, start + w.len()))
                })
                .filter(|(s, e)| e > s)
                .collect();
            let best = starts
                .iter()
                .filter_map(|&w| {
                    let last = words.get((w + n).min(words.len()).checked_sub(1)?)?;
                    let (s, e) = (words.get(w)?.0, last.1);
                    let window = nb.text.get(s..e)?;
                    Some((strsim::normalized_levenshtein(&quote, window), (s, e)))
                })
                .fold(None::<(f64, (usize, usize))>, |acc, x| match acc {
                    Some(a) if a.0 >= x.0 => Some(a),
                    _ => Some(x),
                });
            if let Some((score, (s, e))) = best {
                let hit = Hit {
                    block: bi + 1,
                    start: nb.map[s],
                    end: nb.map[e],
                };
                scored.push((score, hit));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.block.cmp(&b.1.block)));
        scored
            .into_iter()
            .filter(|s| s.0 > 0.3)
            .take(3)
            .map(|(_, h)| h)
            .collect()
    }
}
