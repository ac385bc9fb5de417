//! Validate stage: finding an evidence quote in the article, deterministically.
//!
//! Text is compared after [`normalize`]: runs of whitespace become one space and typographic
//! quotes and apostrophes become straight ones; everything else (case included) must be equal.
//! A quote must lie inside one block (and one table cell). `prefix`/`suffix` keep only the
//! occurrences preceded or followed by that text. Exactly one occurrence must remain: none or
//! several is an error that names the closest text, never a guess.

use super::{Article, CELL_BARRIER};

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

/// Where a quote was found: block number and byte range in the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Block number.
    pub block: usize,
    /// Start byte in the block's text.
    pub start: usize,
    /// End byte in the block's text.
    pub end: usize,
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
}

/// The article's blocks, normalised once for every quote.
pub struct Matcher<'a> {
    article: &'a Article,
    blocks: Vec<Normalized>,
}

impl<'a> Matcher<'a> {
    /// Normalises every block of `article`.
    pub fn new(article: &'a Article) -> Self {
        Self {
            article,
            blocks: article.blocks.iter().map(|b| normalize(&b.text)).collect(),
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
        for (bi, nb) in self.blocks.iter().enumerate() {
            let hay = nb.text.as_str();
            let mut from = 0;
            while let Some(pos) = hay[from..].find(&quote) {
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
            0 => Err(Miss::NotFound(self.closest(&quote))),
            _ => Err(Miss::Ambiguous(
                hits.iter().map(|h| (h.block, self.excerpt(h))).collect(),
            )),
        }
    }

    fn excerpt(&self, h: &Hit) -> String {
        let text = self.article.block(h.block).map_or("", |b| b.text.as_str());
        let start = floor_char(text, h.start.saturating_sub(30));
        let end = ceil_char(text, (h.end + 30).min(text.len()));
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.push_str(&text[start..end].replace(CELL_BARRIER, " | "));
        if end < text.len() {
            s.push('…');
        }
        s
    }

    /// The three passages most like `quote`: windows of as many words, scored by similarity.
    fn closest(&self, quote: &str) -> Vec<(usize, String)> {
        let n = quote.split(' ').count().max(1);
        let mut scored: Vec<(f64, usize, String)> = Vec::new();
        for (bi, nb) in self.blocks.iter().enumerate() {
            let words: Vec<&str> = nb.text.split(' ').filter(|w| !w.is_empty()).collect();
            let mut best: Option<(f64, String)> = None;
            for w in 0..words.len().saturating_sub(n - 1).max(1) {
                let window = words[w..(w + n).min(words.len())].join(" ");
                let score = strsim::normalized_levenshtein(quote, &window);
                if best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((score, window));
                }
            }
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
mod tests {
    use super::*;

    fn find(
        md: &str,
        quote: &str,
        prefix: Option<&str>,
        suffix: Option<&str>,
    ) -> Result<(usize, String), Miss> {
        let a = Article::parse(md);
        let m = Matcher::new(&a);
        m.find(Query {
            quote,
            prefix,
            suffix,
        })
        .map(|h| {
            (
                h.block,
                a.blocks[h.block - 1].text[h.start..h.end].to_string(),
            )
        })
    }

    #[test]
    fn whitespace_and_typographic_quotes_are_ignored() {
        let md = "Trump said Hegses’ tone has “a little   softer.”\n";
        assert_eq!(
            find(md, "Hegses' tone has \"a little softer", None, None)
                .unwrap()
                .1,
            "Hegses’ tone has “a little   softer"
        );
        assert_eq!(
            find("one\ntwo three\n", "one two", None, None).unwrap().1,
            "one two"
        );
    }

    #[test]
    fn matching_is_otherwise_exact() {
        assert!(matches!(
            find("Trump spoke.\n", "trump spoke", None, None),
            Err(Miss::NotFound(_))
        ));
    }

    #[test]
    fn prefix_and_suffix_pick_one_of_several() {
        let md = "Trump spoke with Putin. Trump then spoke with Zelenskyy.\n";
        assert!(
            matches!(find(md, "spoke with", None, None), Err(Miss::Ambiguous(v)) if v.len() == 2)
        );
        assert_eq!(
            find(md, "spoke with", Some("Trump then "), None).unwrap().0,
            1
        );
        assert_eq!(
            find(md, "spoke with", None, Some(" Zelenskyy")).unwrap().0,
            1
        );
        assert_eq!(
            find(md, "spoke with", Some("then"), None).unwrap().1,
            "spoke with"
        );
    }

    #[test]
    fn quotes_span_inline_markup() {
        let md = "He said *very* [accurate](https://x.example) words[^1] here.\n\n[^1]: note\n";
        assert_eq!(
            find(md, "said very accurate words here", None, None)
                .unwrap()
                .0,
            1
        );
    }

    #[test]
    fn quotes_at_block_edges_and_non_ascii() {
        let md = "Zelenskyy’s approach\n\nVolodimia Zelensky — Kyiv, Україна.\n";
        assert_eq!(find(md, "Zelenskyy's approach", None, None).unwrap().0, 1);
        assert_eq!(find(md, "Volodimia", None, None).unwrap().0, 2);
        assert_eq!(
            find(md, "Kyiv, Україна.", None, None).unwrap().1,
            "Kyiv, Україна."
        );
    }

    #[test]
    fn quotes_never_span_blocks_or_cells() {
        assert!(find("one two\n\nthree four\n", "two three", None, None).is_err());
        assert!(find("| a b | c d |\n|---|---|\n| e | f |\n", "b c", None, None).is_err());
        assert_eq!(
            find("| a b | c d |\n|---|---|\n| e | f |\n", "c d", None, None)
                .unwrap()
                .0,
            1
        );
    }

    #[test]
    fn not_found_names_the_closest_passage() {
        let md = "Alpha beta gamma.\n\nTrump spoke with Putin on the phone.\n";
        match find(md, "Trump spoke to Putin", None, None) {
            Err(Miss::NotFound(c)) => assert_eq!(c[0], (2, "Trump spoke with Putin".to_string())),
            other => panic!("{other:?}"),
        }
    }
}
