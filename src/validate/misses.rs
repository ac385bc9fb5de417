//! Validate stage: the help of an evidence quote that was not found once: where the closest
//! passage is in article.md, what differs (marked), the exact text to use instead, what the
//! text before or after the quote really is when a `prefix` or `suffix` does not match.

use std::fmt::Write as _;

use super::anchor::{Matcher, normalize};
use super::cite::yaml_quote;
use super::difference::{Marked, difference};
use crate::model::article::{CELL_BARRIER, Hit};

/// Most occurrences listed in one message.
const MAX_LISTED: usize = 5;

/// `content/p/article.md:3:14`: where a passage starts.
pub(crate) fn place(m: &Matcher, article: &str, h: &Hit) -> String {
    let (line, col) = m.locate(h.block, h.start);
    format!("{article}:{line}:{col}")
}

/// The passage's text on one line (table cells separated by ` | `).
fn shown(m: &Matcher, h: &Hit) -> String {
    m.text(h).replace(CELL_BARRIER, " | ")
}

/// The two texts one above the other, differences marked and named.
fn marked(out: &mut String, first: (&str, &str), second: &str, d: &Marked) {
    let width = first.0.chars().count().max(second.chars().count());
    let _ = writeln!(out, "  {:width$}  {}", first.0, d.quote.trim_end());
    let _ = writeln!(out, "  {second:width$}  {}", d.passage.trim_end());
    let _ = write!(out, "  {:width$}  {}", "", d.marks);
    for name in &d.names {
        let _ = write!(out, "\n  {}: {name}", first.1);
    }
}

/// Help for a quote found nowhere: the closest passage located and compared, the fix, other
/// candidates, and a word on `...`.
pub(crate) fn not_found(m: &Matcher, article: &str, quote: &str, close: &[Hit]) -> String {
    let mut out = String::new();
    match close.split_first() {
        None => out.push_str("no similar passage in article.md; quote the article's exact words"),
        Some((best, rest)) => {
            let _ = writeln!(
                out,
                "closest text in article.md, at {} (block {}):",
                place(m, article, best),
                best.block
            );
            let text = shown(m, best);
            match difference(quote, &text) {
                Some(d) => marked(&mut out, ("quote:", "difference"), "article:", &d),
                None => {
                    let _ = write!(out, "  {}", text);
                }
            }
            let _ = write!(
                out,
                "\nto cite it, write the quote as {}",
                yaml_quote(&text)
            );
            if !rest.is_empty() {
                let others: Vec<String> = rest
                    .iter()
                    .map(|h| format!("{} {}", place(m, article, h), yaml_quote(&shown(m, h))))
                    .collect();
                let _ = write!(out, "\nother close passages: {}", others.join(", "));
            }
        }
    }
    if normalize(quote).text.contains("...") {
        out.push('\n');
        out.push_str(&skipped(m, quote));
    }
    out
}

/// The hint for a quote that skips words with `...`.
fn skipped(m: &Matcher, quote: &str) -> String {
    let n = normalize(quote).text;
    let parts: Vec<&str> = n
        .split("...")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let found = parts.len() > 1 && parts.iter().all(|p| !m.all(p).is_empty());
    if found {
        let list: Vec<String> = parts.iter().map(|p| yaml_quote(p)).collect();
        format!(
            "`...` does not skip words: a quote is matched as written; each part is in the article, so cite them as {} entries: {}",
            parts.len(),
            list.join(", ")
        )
    } else {
        "`...` does not skip words: a quote is matched as written; quote one continuous passage, or split it into several entries".to_string()
    }
}

/// Help for a quote found several times.
pub(crate) fn ambiguous(m: &Matcher, article: &str, quote: &str, hits: &[Hit]) -> String {
    let mut out = String::from(
        "use the long form with `prefix:` or `suffix:` (the text just before or after it) to pick one of:",
    );
    for h in hits.iter().take(MAX_LISTED) {
        let _ = write!(
            out,
            "\n  {} (block {}): \"{}\"",
            place(m, article, h),
            h.block,
            m.excerpt(h)
        );
    }
    if hits.len() > MAX_LISTED {
        let _ = write!(out, "\n  and {} more", hits.len() - MAX_LISTED);
    }
    let slug = std::path::Path::new(article)
        .parent()
        .and_then(|p| p.file_name())
        .map_or_else(|| "SLUG".into(), |s| s.to_string_lossy());
    let _ = write!(
        out,
        "\n`brief quote {slug} {}` prints the entry that picks each one",
        yaml_quote(quote.trim())
    );
    out
}

/// Help for a `prefix` (`before`) or `suffix` that no occurrence of the quote has: the text
/// really there, compared with the key's when the quote occurs once.
pub(crate) fn context(
    m: &Matcher,
    article: &str,
    key: &str,
    value: &str,
    hits: &[Hit],
    before: bool,
) -> String {
    let words = value.split_whitespace().count().max(1);
    let actual = |h: &Hit| -> String {
        let block = m.article().block(h.block).map_or("", |b| b.text.as_str());
        let list = if before {
            super::cite::context(block.get(..h.start).unwrap_or(""), true)
        } else {
            super::cite::context(block.get(h.end..).unwrap_or(""), false)
        };
        list.get(words.min(list.len()).saturating_sub(1))
            .cloned()
            .unwrap_or_default()
    };
    let (side, ends) = if before {
        ("before", "ends the block's text before it")
    } else {
        ("after", "starts the block's text after it")
    };
    let mut out = String::new();
    if let [h] = hits {
        let text = actual(h);
        if text.trim().is_empty() {
            let _ = write!(
                out,
                "the quote, at {}, is at the {} of its block: nothing comes {side} it; remove `{key}:`",
                place(m, article, h),
                if before { "start" } else { "end" }
            );
            return out;
        }
        let _ = writeln!(
            out,
            "the quote occurs once, at {}; the text just {side} it is {}",
            place(m, article, h),
            yaml_quote(&text)
        );
        if let Some(d) = difference(value, &text) {
            marked(&mut out, (&format!("{key}:"), "difference"), "article:", &d);
            out.push('\n');
        }
        let _ = write!(
            out,
            "the quote is found once without `{key}:`: remove it, or write what {ends}"
        );
        return out;
    }
    let _ = write!(
        out,
        "the quote occurs {} times; the text just {side} each:",
        hits.len()
    );
    for h in hits.iter().take(MAX_LISTED) {
        let text = actual(h);
        let text = if text.trim().is_empty() {
            "(nothing: the quote starts or ends its block)".to_string()
        } else {
            yaml_quote(&text)
        };
        let _ = write!(out, "\n  {}: {text}", place(m, article, h));
    }
    if hits.len() > MAX_LISTED {
        let _ = write!(out, "\n  and {} more", hits.len() - MAX_LISTED);
    }
    out
}
