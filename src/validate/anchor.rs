//! Validate stage: finding an evidence quote in the article, deterministically.
//!
//! Text is compared after [`normalize`]: runs of whitespace become one space, typographic
//! quotes and apostrophes become straight ones, look-alike dashes (and runs of them, `--`)
//! become one `-`, and `…` becomes `...`; everything else (case included) must be equal.
//! A quote must lie inside one block (and one table cell). `prefix`/`suffix` keep only the
//! occurrences preceded or followed by that text. Exactly one occurrence must remain: none or
//! several is an error that names the closest text, never a guess.

use crate::model::article::{Article, Hit};

/// Text normalised for matching, with the original byte offset of every normalised byte.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `map[i]` = byte offset in the original of normalised byte `i`; one extra entry at the end.
    pub map: Vec<usize>,
}

/// Dashes that match each other (and the hyphen-minus): hyphen, non-breaking hyphen, figure
/// dash, en dash, em dash, horizontal bar, minus sign.
pub const DASHES: [char; 8] = [
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
];

/// What one character of the original becomes (`None`: it joins the run before it).
fn fold(c: char, prev: Option<char>) -> Option<&'static str> {
    let folded = match c {
        '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2026}' => "...",
        c if c.is_whitespace() => " ",
        c if DASHES.contains(&c) => "-",
        _ => return Some(""),
    };
    let run = match folded {
        " " => prev.is_some_and(char::is_whitespace),
        "-" => prev.is_some_and(|p| DASHES.contains(&p)),
        _ => false,
    };
    (!run).then_some(folded)
}

/// Collapses whitespace and dashes, straightens typographic quotes, spells out `…`.
pub fn normalize(s: &str) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut prev = None;
    for (i, c) in s.char_indices() {
        match fold(c, prev) {
            None => {}
            Some("") => {
                text.push(c);
                map.extend(std::iter::repeat_n(i, c.len_utf8()));
            }
            Some(f) => {
                text.push_str(f);
                map.extend(std::iter::repeat_n(i, f.len()));
            }
        }
        prev = Some(c);
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

/// Why a quote could not be anchored. Passages are [`Hit`]s: block and byte range of its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Miss {
    /// The quote is empty after normalisation.
    Empty,
    /// Found nowhere; the closest passages, best first.
    NotFound(Vec<Hit>),
    /// Found more than once (after prefix/suffix); every occurrence.
    Ambiguous(Vec<Hit>),
    /// Found only across the end of one block and the start of the next (their numbers).
    Spans(usize, usize),
    /// The quote is found, but never just after `prefix`: its occurrences.
    Prefix(Vec<Hit>),
    /// The quote is found (after `prefix`, if any), but never just before `suffix`.
    Suffix(Vec<Hit>),
}

/// The article's blocks, normalised once for every quote.
pub struct Matcher<'a> {
    pub(super) article: &'a Article,
    /// The text of article.md, to locate passages by line and column.
    source: &'a str,
    pub(super) blocks: Vec<Normalized>,
    /// Closest-passage searches left (each reads the whole article).
    searches: std::cell::Cell<usize>,
}

/// One occurrence of a quote, in normalised block text: block index, start, end.
type Occurrence = (usize, usize, usize);

impl<'a> Matcher<'a> {
    /// Normalises every block of `article`, parsed from `source` (which only locates passages
    /// in error messages: `""` will do where none are shown).
    pub fn new(article: &'a Article, source: &'a str) -> Self {
        Self {
            article,
            source,
            blocks: article.blocks.iter().map(|b| normalize(&b.text)).collect(),
            searches: std::cell::Cell::new(MAX_SEARCHES),
        }
    }

    /// The article matched against.
    pub fn article(&self) -> &'a Article {
        self.article
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
        let all = self.occurrences(&quote);
        if all.is_empty() {
            let left = self.searches.get();
            if left == 0 {
                return Err(Miss::NotFound(Vec::new()));
            }
            self.searches.set(left - 1);
            return match self.spanning(&quote) {
                Some(b) => Err(Miss::Spans(b, b + 1)),
                None => Err(Miss::NotFound(self.closest(&quote))),
            };
        }
        let after_prefix: Vec<Occurrence> = all
            .iter()
            .copied()
            .filter(|&(b, s, _)| {
                let hay = &self.blocks[b].text;
                prefix.as_ref().is_none_or(|p| {
                    hay[..s].trim_end().ends_with(p.trim_end()) || hay[..s].ends_with(p.as_str())
                })
            })
            .collect();
        if after_prefix.is_empty() {
            return Err(Miss::Prefix(all.iter().map(|o| self.hit(*o)).collect()));
        }
        let hits: Vec<Hit> = after_prefix
            .iter()
            .copied()
            .filter(|&(b, _, e)| {
                let hay = &self.blocks[b].text;
                suffix.as_ref().is_none_or(|x| {
                    hay[e..].trim_start().starts_with(x.trim_start())
                        || hay[e..].starts_with(x.as_str())
                })
            })
            .map(|o| self.hit(o))
            .collect();
        match hits.len() {
            0 => Err(Miss::Suffix(
                after_prefix.iter().map(|o| self.hit(*o)).collect(),
            )),
            1 => Ok(hits[0]),
            _ => Err(Miss::Ambiguous(hits)),
        }
    }

    /// Every occurrence of the quote (normalised), ignoring prefix and suffix, as passages.
    pub fn all(&self, quote: &str) -> Vec<Hit> {
        let quote = normalize(quote.trim()).text;
        if quote.is_empty() {
            return Vec::new();
        }
        self.occurrences(&quote)
            .into_iter()
            .map(|o| self.hit(o))
            .collect()
    }

    /// Every occurrence of normalised `quote` in document order.
    fn occurrences(&self, quote: &str) -> Vec<Occurrence> {
        let mut out = Vec::new();
        // One searcher per quote, reused for every block.
        let finder = memchr::memmem::Finder::new(quote.as_bytes());
        for (bi, nb) in self.blocks.iter().enumerate() {
            let hay = nb.text.as_str();
            let mut from = 0;
            while let Some(pos) = finder.find(&hay.as_bytes()[from..]) {
                let s = from + pos;
                out.push((bi, s, s + quote.len()));
                from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }

    /// An occurrence as a passage of the original block text.
    fn hit(&self, (b, s, e): Occurrence) -> Hit {
        let map = &self.blocks[b].map;
        Hit {
            block: b + 1,
            start: map[s],
            end: map[e],
        }
    }

    /// The original text of a passage.
    pub fn text(&self, h: &Hit) -> &'a str {
        let text = self.article.block(h.block).map_or("", |b| b.text.as_str());
        text.get(h.start..h.end).unwrap_or("")
    }

    /// Where a byte of a block's text comes from in article.md: 1-based line and column (in
    /// characters). Text that Markdown changed (an entity, an escape) is located at the start
    /// of its run.
    pub fn locate(&self, block: usize, offset: usize) -> (usize, usize) {
        let article = self.article;
        let run = article
            .runs
            .iter()
            .rfind(|r| r.block == block && r.start <= offset);
        let at = match (run, article.block(block)) {
            (Some(r), Some(b)) => {
                let text = b.text.get(r.start..r.end).unwrap_or("");
                let src = self.source.get(r.source..).unwrap_or("");
                let ahead = src.get(..(text.len() + 8).min(src.len())).unwrap_or(src);
                match ahead.find(text) {
                    Some(skip) if offset <= r.end => r.source + skip + (offset - r.start),
                    Some(skip) => r.source + skip + text.len(),
                    None => r.source,
                }
            }
            (None, Some(b)) => line_start(self.source, b.line),
            _ => 0,
        };
        super::packet::line_col(self.source, floor_char(self.source, at))
    }
}

/// Byte offset where 1-based `line` starts.
fn line_start(s: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    s.match_indices('\n')
        .nth(line - 2)
        .map_or(s.len(), |(i, _)| i + 1)
}

/// Quotes not found for which the closest passages are searched (the rest are just reported).
const MAX_SEARCHES: usize = 50;

pub(super) fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
#[path = "anchor_tests.rs"]
mod tests;
