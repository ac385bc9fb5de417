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
