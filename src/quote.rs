//! `brief quote SLUG TEXT` and the preview's Cite control: every place a text occurs in a
//! packet's article, found by the build's matcher, each with the evidence entry that picks it.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::diag::{DiagBuild, Diagnostic, Diagnostics};
use crate::model::article::{Article, Hit};
use crate::validate::anchor::Matcher;
use crate::validate::cite::{self, Cite};
use crate::validate::misses;

/// Most occurrences given an entry (each takes a few searches of the whole article).
pub const MAX_MATCHES: usize = 20;

/// One occurrence, ready to paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    /// `content/<slug>/article.md`.
    pub file: String,
    /// 1-based line in article.md.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Block number (`p-N`).
    pub block: usize,
    /// The words around it, the occurrence between `«` and `»`.
    pub context: String,
    /// The quote with the article's own characters.
    pub quote: String,
    /// The shortest text before it that makes it unique, if one is needed.
    pub prefix: Option<String>,
    /// The shortest text after it that makes it unique, if one is needed.
    pub suffix: Option<String>,
    /// `false` when nothing inside its block tells it from another occurrence.
    pub unique: bool,
    /// The evidence entry, a YAML list item.
    pub yaml: String,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Search {
    /// The packet.
    pub packet: String,
    /// The text searched for.
    pub text: String,
    /// How many times it occurs.
    pub count: usize,
    /// The first [`MAX_MATCHES`] occurrences.
    pub matches: Vec<Found>,
    /// When it occurs nowhere: the closest passage and what differs, as `build` says it.
    pub help: Option<String>,
}

/// An occurrence with its entry.
pub fn found(m: &Matcher, file: &str, hit: &Hit) -> Found {
    let c: Cite = cite::cite(m, hit);
    let (line, column) = m.locate(hit.block, hit.start);
    Found {
        file: file.to_string(),
        line,
        column,
        block: hit.block,
        context: m.excerpt(hit),
        yaml: cite::entry_yaml(&c),
        quote: c.quote,
        prefix: c.prefix,
        suffix: c.suffix,
        unique: c.unique,
    }
}

/// Searches `text` in the article `source` of packet `slug`.
pub fn search(slug: &str, source: &str, text: &str) -> Search {
    let file = format!("content/{slug}/article.md");
    let article = Article::parse(source);
    let m = Matcher::new(&article, source);
    let hits = m.all(text);
    let matches = hits
        .iter()
        .take(MAX_MATCHES)
        .map(|h| found(&m, &file, h))
        .collect();
    let help = hits.is_empty().then(|| {
        let close = match m.find(crate::validate::anchor::Query {
            quote: text,
            prefix: None,
            suffix: None,
        }) {
            Err(crate::validate::anchor::Miss::NotFound(c)) => c,
            _ => Vec::new(),
        };
        misses::not_found(&m, &file, text, &close)
    });
    Search {
        packet: slug.to_string(),
        text: text.to_string(),
        count: hits.len(),
        matches,
        help,
    }
}

/// Reads packet `slug` of the project at `root` and searches `text` in its article; `Err`
/// with the problems when the packet or its article cannot be read.
pub fn search_packet(root: &Path, slug: &str, text: &str) -> Result<Search, Diagnostics> {
    let mut diags = Diagnostics::default();
    if !root.join("content").join(slug).is_dir() {
        diags.push(
            Diagnostic::error(
                Path::new("content").join(slug),
                0,
                0,
                format!("no packet `{slug}`"),
            )
            .help("name a folder of content/"),
        );
        return Err(diags);
    }
    let raw = crate::load::load_packet(root, slug, &mut diags);
    match raw.article {
        Some(source) if !diags.has_errors() => Ok(search(slug, &source, text)),
        _ => Err(diags),
    }
}

/// The search as the terminal shows it.
pub fn render(s: &Search) -> String {
    let file = format!("content/{}/article.md", s.packet);
    let mut out = String::new();
    match s.count {
        0 => {
            let _ = writeln!(out, "not found in {file}");
            if let Some(help) = &s.help {
                let _ = writeln!(out, "{help}");
            }
            return out;
        }
        1 => {
            let _ = writeln!(out, "found once in {file}; the evidence entry:");
        }
        n => {
            let _ = writeln!(
                out,
                "found {n} times in {file}; the entry below each one picks it:"
            );
        }
    }
    for f in &s.matches {
        let _ = writeln!(
            out,
            "\n{}:{}:{} (block {})",
            f.file, f.line, f.column, f.block
        );
        let _ = writeln!(out, "  {}", f.context);
        if !f.unique {
            let _ = writeln!(
                out,
                "  (the same text comes in the same words elsewhere: no prefix or suffix in its block picks it)"
            );
        }
        for line in f.yaml.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    if s.count > s.matches.len() {
        let _ = writeln!(out, "\nand {} more", s.count - s.matches.len());
    }
    out
}

/// The preview's answer to a selection: the entry to copy, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Selection {
    /// `true` when `found` is an entry the build will anchor exactly there.
    pub ok: bool,
    /// "unique", "made unique with a prefix"…, or what is wrong with the selection.
    pub message: String,
    /// The occurrence and its entry (also when it cannot be made unique).
    pub found: Option<Found>,
}

impl Selection {
    /// No entry, and why.
    pub fn explain(message: impl Into<String>) -> Selection {
        Selection {
            ok: false,
            message: message.into(),
            found: None,
        }
    }
}

/// Cites the selection `text` of block `block` of packet `slug`'s article `source`, `offset`
/// UTF-16 units (as a browser counts) after the block's start: the occurrence nearest there.
pub fn select(slug: &str, source: &str, block: usize, offset: usize, text: &str) -> Selection {
    let file = format!("content/{slug}/article.md");
    let article = Article::parse(source);
    let m = Matcher::new(&article, source);
    let Some(b) = article.block(block) else {
        return Selection::explain(
            "Select text inside the article: a paragraph, heading, list item or table cell.",
        );
    };
    if text.trim().is_empty() {
        return Selection::explain("Select some words of the article first.");
    }
    let hits: Vec<Hit> = m
        .all(text)
        .into_iter()
        .filter(|h| h.block == block)
        .collect();
    let units = |end: usize| b.text.get(..end).map_or(0, |s| s.encode_utf16().count());
    let Some(hit) = hits
        .iter()
        .min_by_key(|h| units(h.start).abs_diff(offset))
        .copied()
    else {
        let cells = if b.kind == crate::model::article::BlockKind::Table {
            " A quote lies within one table cell."
        } else {
            ""
        };
        return Selection::explain(format!(
            "This selection is not text of block {block} as the build reads it (a footnote number or the border of a table cell may be inside it).{cells} Select words within one block."
        ));
    };
    if cite::cuts_a_word(&m, &hit) {
        return Selection::explain(format!(
            "The selection starts or ends inside a word ({}): select whole words.",
            m.excerpt(&hit)
        ));
    }
    let f = found(&m, &file, &hit);
    let message = match (f.unique, &f.prefix, &f.suffix) {
        (false, _, _) => {
            "Not unique: the same words come elsewhere, and no prefix or suffix inside this block tells them apart; quote a longer passage."
        }
        (true, None, None) => "unique",
        (true, Some(_), None) => "made unique with a prefix",
        (true, None, Some(_)) => "made unique with a suffix",
        (true, Some(_), Some(_)) => "made unique with a prefix and a suffix",
    };
    Selection {
        ok: f.unique,
        message: message.to_string(),
        found: Some(f),
    }
}

#[cfg(test)]
#[path = "quote_tests.rs"]
mod tests;
