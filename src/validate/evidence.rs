//! Validate stage: evidence entries: each quote found exactly once in the article, or a
//! located error naming the closest text; a per-packet cap keeps hostile lists fast.

use std::cell::{Cell, RefCell};
use std::path::Path;

use serde_saphyr::Spanned;

use super::Cx;
use super::items::text;
use super::refs::Place;
use crate::diag::{DiagBuild, Diagnostic, Kind};
use crate::load::loc;
use crate::load::raw::EvidenceRaw;
use crate::load::text_loc;
use crate::model::Evidence as EvidenceModel;
use crate::model::article::Hit;
use crate::validate::anchor::{Matcher, Miss, Query};

/// Most evidence entries one packet may have (each is looked up in the whole article).
pub(super) const MAX_QUOTES: usize = 2000;

/// What evidence is checked against.
pub(super) struct Evidence<'a> {
    /// The article's blocks, or `None` when the article could not be read.
    pub matcher: Option<&'a Matcher<'a>>,
    /// Entries looked up so far in this packet.
    pub seen: Cell<usize>,
    /// Quotes not looked up for want of an article: the first and how many.
    unchecked: RefCell<(Option<Place>, usize)>,
}

impl<'a> Evidence<'a> {
    /// Evidence checked against `matcher`.
    pub(super) fn new(matcher: Option<&'a Matcher<'a>>) -> Self {
        Self {
            matcher,
            seen: Cell::new(0),
            unchecked: RefCell::new((None, 0)),
        }
    }

    /// One note for the quotes that were not looked up because the article did not load
    /// (`article`; its own error is already reported), at the first of them.
    pub(super) fn note(&self, article: &Path) -> Option<Diagnostic> {
        let (first, count) = self.unchecked.take();
        let (file, line, col, len) = first?;
        let label = match count {
            0 | 1 => "this quote was not looked up".to_string(),
            2 => "this and 1 more quote were not looked up".to_string(),
            n => format!("this and {} more quotes were not looked up", n - 1),
        };
        let article = article.to_string_lossy().replace('\\', "/");
        Some(
            Diagnostic::note(
                file,
                line,
                col,
                format!("evidence is not checked: {article} did not load"),
            )
            .span_len(len)
            .label(label)
            .help(format!(
                "fix the error in {article} first; every quote is checked once it loads"
            )),
        )
    }
}

/// Resolves every evidence entry; `base` names the anchors (`event-x` → `ev-event-x-1`).
pub(super) fn evidence(
    cx: &mut Cx,
    items: &[Spanned<EvidenceRaw>],
    base: &str,
    ev: &Evidence,
) -> Vec<EvidenceModel> {
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let e = &item.value;
        let at = loc(item);
        let Some(q) = &e.quote else {
            cx.push(
                Diagnostic::error(cx.file.clone(), at.0, at.1, "evidence is missing `quote`")
                    .label("add `quote:` with text from the article")
                    .kind(Kind::MissingKey("quote".into())),
            );
            continue;
        };
        // A short-form quote has no position of its own: use the list item's.
        let qat = if q.referenced.line() == 0 {
            text_loc(&item.referenced, &q.value)
        } else {
            text_loc(&q.referenced, &q.value)
        };
        let Some(matcher) = ev.matcher else {
            let mut unchecked = ev.unchecked.borrow_mut();
            if unchecked.0.is_none() {
                let len = q.value.chars().count();
                unchecked.0 = Some((cx.file.clone(), qat.0, qat.1, len));
            }
            unchecked.1 += 1;
            continue;
        };
        ev.seen.set(ev.seen.get() + 1);
        if ev.seen.get() > MAX_QUOTES {
            if ev.seen.get() == MAX_QUOTES + 1 {
                cx.push(
                    Diagnostic::error(
                        cx.file.clone(),
                        at.0,
                        at.1,
                        format!("more than {MAX_QUOTES} evidence quotes in one packet"),
                    )
                    .label("this and later quotes are not checked")
                    .help(
                        "a briefing cites its source selectively; split the packet or drop quotes",
                    ),
                );
            }
            continue;
        }
        let query = Query {
            quote: &q.value,
            prefix: e.prefix.as_ref().map(|p| p.value.as_str()),
            suffix: e.suffix.as_ref().map(|s| s.value.as_str()),
        };
        let file = cx.file.clone();
        let article = file
            .with_file_name("article.md")
            .to_string_lossy()
            .replace('\\', "/");
        match matcher.find(query) {
            Ok(hit) => out.push(EvidenceModel {
                quote: q.value.trim().to_string(),
                note: text(&e.note),
                hit,
                anchor: format!("ev-{base}-{}", k + 1),
            }),
            Err(Miss::Empty) => {
                let (line, col, len) = super::whole_scalar(q, &item.referenced);
                cx.push(
                    Diagnostic::error(file, line, col, "empty quote")
                        .span_len(len)
                        .label("no text to look for")
                        .help("quote the words of article.md this entry rests on"),
                );
            }
            Err(Miss::Spans(a, b)) => {
                cx.push(
                    Diagnostic::error(file, qat.0, qat.1, format!("quote runs from block {a} into block {b} of the article"))
                        .span_len(q.value.chars().count())
                        .label("a quote must lie within one block")
                        .help(format!(
                            "a quote is matched inside one paragraph, heading, list item or table cell: split it into two evidence entries (block {b} starts at {})",
                            super::misses::place(matcher, &article, &Hit { block: b, start: 0, end: 0 })
                        )),
                );
            }
            Err(Miss::NotFound(close)) => {
                let help = super::misses::not_found(matcher, &article, &q.value, &close);
                cx.push(
                    Diagnostic::error(file, qat.0, qat.1, "quote not found in the article")
                        .span_len(q.value.chars().count())
                        .label("no block of article.md contains this text")
                        .help(help),
                );
            }
            Err(Miss::Ambiguous(hits)) => {
                let help = super::misses::ambiguous(matcher, &article, &q.value, &hits);
                cx.push(
                    Diagnostic::error(
                        file,
                        qat.0,
                        qat.1,
                        format!("quote found {} times in the article", hits.len()),
                    )
                    .span_len(q.value.chars().count())
                    .label("ambiguous")
                    .help(help),
                );
            }
            Err(miss @ (Miss::Prefix(_) | Miss::Suffix(_))) => {
                let (key, before, hits, value) = match (&miss, &e.prefix, &e.suffix) {
                    (Miss::Prefix(h), Some(v), _) => ("prefix", true, h, v),
                    (Miss::Suffix(h), _, Some(v)) => ("suffix", false, h, v),
                    _ => continue,
                };
                let at = text_loc(&value.referenced, &value.value);
                let side = if before { "before" } else { "after" };
                let help =
                    super::misses::context(matcher, &article, key, &value.value, hits, before);
                cx.push(
                    Diagnostic::error(
                        file,
                        at.0,
                        at.1,
                        format!("`{key}` does not match the text {side} the quote"),
                    )
                    .span_len(value.value.chars().count())
                    .label(format!(
                        "no occurrence of the quote has this text just {side} it"
                    ))
                    .help(help),
                );
            }
        }
    }
    out
}
