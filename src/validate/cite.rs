//! Validate stage: citing a passage: every occurrence of a text with the shortest `prefix` or
//! `suffix` that makes the build's matcher pick exactly it, and the YAML entry to paste
//! (`brief quote`, and the preview's Cite control).

use super::anchor::{Matcher, Query};
use crate::model::article::{CELL_BARRIER, Hit};

/// Words of context tried on each side before giving up on making an occurrence unique.
const MAX_WORDS: usize = 12;

/// One occurrence of a text, ready to cite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    /// Where it is.
    pub hit: Hit,
    /// The quote with the block's own characters.
    pub quote: String,
    /// The text just before it that makes it unique, if needed.
    pub prefix: Option<String>,
    /// The text just after it that makes it unique, if needed.
    pub suffix: Option<String>,
    /// `false` when no prefix or suffix inside its block tells it from another occurrence
    /// (the same sentence twice).
    pub unique: bool,
}

/// Every occurrence of `text` in the article, each with its shortest disambiguation.
pub fn cite_all(m: &Matcher, text: &str) -> Vec<Cite> {
    m.all(text).iter().map(|h| cite(m, h)).collect()
}

/// The occurrence `hit` with the shortest `prefix`/`suffix` (in characters, whole words) with
/// which the matcher finds it and nothing else.
pub fn cite(m: &Matcher, hit: &Hit) -> Cite {
    let quote = m.text(hit).trim().to_string();
    let block = m.article().block(hit.block).map_or("", |b| b.text.as_str());
    let befores = context(block.get(..hit.start).unwrap_or(""), true);
    let afters = context(block.get(hit.end..).unwrap_or(""), false);
    let mut pairs: Vec<(Option<&str>, Option<&str>)> = Vec::new();
    for p in std::iter::once(None).chain(befores.iter().map(|s| Some(s.as_str()))) {
        for s in std::iter::once(None).chain(afters.iter().map(|s| Some(s.as_str()))) {
            pairs.push((p, s));
        }
    }
    let len = |x: Option<&str>| x.map_or(0, |s| s.trim().chars().count());
    // Shortest first; a prefix alone before a suffix alone, either before both.
    pairs.sort_by_key(|(p, s)| (len(*p) + len(*s), p.is_some() && s.is_some(), p.is_none()));
    for (prefix, suffix) in pairs {
        let q = Query {
            quote: &quote,
            prefix,
            suffix,
        };
        if m.find(q) == Ok(*hit) {
            return Cite {
                hit: *hit,
                quote,
                prefix: prefix.map(str::to_string),
                suffix: suffix.map(str::to_string),
                unique: true,
            };
        }
    }
    Cite {
        hit: *hit,
        quote,
        prefix: None,
        suffix: None,
        unique: false,
    }
}

/// The texts of 1, 2, … [`MAX_WORDS`] whole words next to the passage (`before`: ending where
/// it starts, with the space between), within its table cell.
pub fn context(text: &str, before: bool) -> Vec<String> {
    let cell = if before {
        text.rsplit(CELL_BARRIER).next().unwrap_or("")
    } else {
        text.split(CELL_BARRIER).next().unwrap_or("")
    };
    let mut out = Vec::new();
    if before {
        // Starts of words, from the nearest.
        let starts: Vec<usize> = cell
            .char_indices()
            .filter(|&(i, c)| {
                !c.is_whitespace()
                    && cell[..i]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace)
            })
            .map(|(i, _)| i)
            .collect();
        for &s in starts.iter().rev().take(MAX_WORDS) {
            out.push(cell[s..].to_string());
        }
    } else {
        let ends: Vec<usize> = cell
            .char_indices()
            .filter(|&(i, c)| {
                !c.is_whitespace()
                    && cell[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace)
            })
            .map(|(i, c)| i + c.len_utf8())
            .collect();
        for &e in ends.iter().take(MAX_WORDS) {
            out.push(cell[..e].to_string());
        }
    }
    out
}

/// `s` as a YAML double-quoted scalar (`\` and `"` escaped, control characters by code).
pub fn yaml_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The evidence entry as YAML list item lines (short form when no prefix or suffix is needed).
pub fn entry_yaml(c: &Cite) -> String {
    if c.prefix.is_none() && c.suffix.is_none() {
        return format!("- {}\n", yaml_quote(&c.quote));
    }
    let mut s = format!("- quote: {}\n", yaml_quote(&c.quote));
    if let Some(p) = &c.prefix {
        s.push_str(&format!("  prefix: {}\n", yaml_quote(p)));
    }
    if let Some(x) = &c.suffix {
        s.push_str(&format!("  suffix: {}\n", yaml_quote(x)));
    }
    s
}

/// `true` when the passage starts or ends inside a word (a selection that cut a word).
pub fn cuts_a_word(m: &Matcher, hit: &Hit) -> bool {
    let block = m.article().block(hit.block).map_or("", |b| b.text.as_str());
    let word = |c: char| c.is_alphanumeric();
    let (Some(before), Some(first)) = (
        block.get(..hit.start).map(|s| s.chars().next_back()),
        block.get(hit.start..hit.end).map(|s| s.chars().next()),
    ) else {
        return false;
    };
    let last = block
        .get(hit.start..hit.end)
        .and_then(|s| s.chars().next_back());
    let after = block.get(hit.end..).and_then(|s| s.chars().next());
    let starts_inside = before.is_some_and(word) && first.is_some_and(word);
    let ends_inside = last.is_some_and(word) && after.is_some_and(word);
    starts_inside || ends_inside
}

#[cfg(test)]
#[path = "cite_tests.rs"]
mod tests;
