//! Validate stage: finding an evidence quote in the article, deterministically.
//!
//! Text is compared after [`normalize`]: runs of whitespace become one space and typographic
//! quotes and apostrophes become straight ones; everything else (case included) must be equal.
//! A quote must lie inside one block (and one table cell). `prefix`/`suffix` keep only the
//! occurrences preceded or followed by that text. Exactly one occurrence must remain: none or
//! several is an error that names the closest text, never a guess.

use crate::model::article::{Article, CELL_BARRIER, Hit};

/// Text normalised for matching, with the original byte offset of every normalised byte.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `map[i]` = byte offset in the original of normalised byte `i`; one extra entry at the end.
    pub map: Vec<usize>,
}

/// Collapses whitespace and straightens typographic quotes.
pub fn normalize(s: &str) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if in_space {
                continue;
            }
            in_space = true;
        } else {
            in_space = false;
        }
        for _ in 0..c.len_utf8() {
            map.push(i);
        }
        text.push(c);
    }
    map.push(s.len());
    Normalized { text, map }
}

/// A quote with its optional disambiguation.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    /// The quote.
    pub quote: &'a str,
    /// Text that must come just before it.
    pub prefix: Option<&'a str>,
    /// Text that must come just after it.
    pub suffix: Option<&'a str>,
}

/// Why a quote could not be anchored.
#[derive(Debug, Clone, PartialEq)]
pub enum Miss {
    /// The quote is empty after normalisation.
    Empty,
    /// Found nowhere; the closest passages as `(block, excerpt)`, best first.
    NotFound(Vec<(usize, String)>),
    /// Found more than once (after prefix/suffix); every occurrence as `(block, excerpt)`.
    Ambiguous(Vec<(usize, String)>),
    /// Found only across the end of one block and the start of the next (their numbers).
    Spans(usize, usize),
}

/// The article's blocks, normalised once for every quote.
pub struct Matcher<'a> {
    article: &'a Article,
    blocks: Vec<Normalized>,
    /// Closest-passage searches left (each reads the whole article).
    searches: std::cell::Cell<usize>,
}

impl<'a> Matcher<'a> {
    /// Normalises every block of `article`.
    pub fn new(article: &'a Article) -> Self {
        Self {
            article,
            blocks: article.blocks.iter().map(|b| normalize(&b.text)).collect(),
            searches: std::cell::Cell::new(MAX_SEARCHES),
        }
    }

    /// Finds `q` exactly once, or says why not.
    pub fn find(&self, q: Query) -> Result<Hit, Miss> {
        let quote = normalize(q.quote.trim()).text;
        if quote.is_empty() {
            return Err(Miss::Empty);
        }
        let prefix = q
            .prefix
            .map(|p| normalize(p).text)
            .filter(|p| !p.trim().is_empty());
        let suffix = q
            .suffix
            .map(|s| normalize(s).text)
            .filter(|s| !s.trim().is_empty());
        let mut hits = Vec::new();
        // One searcher per quote, reused for every block.
        let finder = memchr::memmem::Finder::new(quote.as_bytes());
        for (bi, nb) in self.blocks.iter().enumerate() {
            let hay = nb.text.as_str();
            let mut from = 0;
            while let Some(pos) = finder.find(&hay.as_bytes()[from..]) {
                let (s, e) = (from + pos, from + pos + quote.len());
                let before_ok = prefix.as_ref().is_none_or(|p| {
                    hay[..s].trim_end().ends_with(p.trim_end()) || hay[..s].ends_with(p.as_str())
                });
                let after_ok = suffix.as_ref().is_none_or(|x| {
                    hay[e..].trim_start().starts_with(x.trim_start())
                        || hay[e..].starts_with(x.as_str())
                });
                if before_ok && after_ok {
                    hits.push(Hit {
                        block: bi + 1,
                        start: nb.map[s],
                        end: nb.map[e],
                    });
                }
                from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
            }
        }
        match hits.len() {
            1 => Ok(hits[0]),
            0 => {
                let left = self.searches.get();
                if left == 0 {
                    return Err(Miss::NotFound(Vec::new()));
                }
                self.searches.set(left - 1);
                match self.spanning(&quote) {
                    Some(b) => Err(Miss::Spans(b, b + 1)),
                    None => Err(Miss::NotFound(self.closest(&quote))),
                }
            }
            _ => Err(Miss::Ambiguous(
                hits.iter().map(|h| (h.block, self.excerpt(h))).collect(),
            )),
        }
    }

    /// The hit with up to [`CONTEXT_WORDS`] words either side, so that occurrences in one
    /// block can be told apart (and the words suggest a `prefix` or `suffix`).
    fn excerpt(&self, h: &Hit) -> String {
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
    fn spanning(&self, quote: &str) -> Option<usize> {
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

    /// The three passages most like `quote`: windows of as many words (at most
    /// [`CLOSE_WORDS`]), scored by similarity. Bounded work on any article: each block's
    /// windows are ranked by shared words in one pass, and only the best few of the best blocks
    /// are compared letter by letter.
    fn closest(&self, quote: &str) -> Vec<(usize, String)> {
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
        let mut scored: Vec<(f64, usize, String)> = Vec::new();
        for (_, bi, starts) in ranked.into_iter().take(CLOSE_BLOCKS) {
            let words: Vec<&str> = self.blocks[bi]
                .text
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect();
            let best = starts
                .iter()
                .map(|&w| {
                    let window = words[w..(w + n).min(words.len())].join(" ");
                    (strsim::normalized_levenshtein(&quote, &window), window)
                })
                .fold(None::<(f64, String)>, |acc, x| match acc {
                    Some(a) if a.0 >= x.0 => Some(a),
                    _ => Some(x),
                });
            if let Some((score, window)) = best {
                scored.push((score, bi + 1, window.replace(CELL_BARRIER, " | ")));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .filter(|s| s.0 > 0.3)
            .take(3)
            .map(|(_, b, w)| (b, w))
            .collect()
    }
}

/// Words shown either side of each occurrence of an ambiguous quote.
const CONTEXT_WORDS: usize = 4;
/// Quotes not found for which the closest passages are searched (the rest are just reported).
const MAX_SEARCHES: usize = 50;
/// Words of a quote compared when looking for the closest passage.
const CLOSE_WORDS: usize = 16;
/// Blocks whose best windows are compared letter by letter.
const CLOSE_BLOCKS: usize = 24;
/// Windows per block compared letter by letter (those sharing the most words).
const CLOSE_CANDIDATES: usize = 8;

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
#[path = "anchor_tests.rs"]
mod tests;
