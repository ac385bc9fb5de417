//! Scaffold stage (`brief new --article`): an article's text as words and breaks, block by
//! block, with contractions, possessives and shouted lead-ins dealt with.

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::words::{ABBREVIATIONS, COMMON, all_caps, has_lower};

#[derive(Debug)]
pub(super) enum Tok {
    /// A word, and whether it opens a sentence.
    Word(String, bool),
    /// Punctuation that ends a run of capitalised words (`'` after a possessive).
    Break(char),
}

/// The text of each paragraph, list item, quote and table cell (headings and code skipped).
pub(super) fn blocks(markdown: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut skip = 0usize;
    for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match ev {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => skip += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image) => {
                skip = skip.saturating_sub(1);
                out.push(String::new());
            }
            Event::Text(t) if skip == 0 => {
                if let Some(last) = out.last_mut() {
                    last.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(last) = out.last_mut() {
                    last.push(' ');
                }
            }
            Event::Code(_) => {
                if let Some(last) = out.last_mut() {
                    last.push_str(" , ");
                }
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::BlockQuote(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
            ) => out.push(String::new()),
            _ => {}
        }
    }
    out.retain(|b| !b.trim().is_empty());
    out
}

/// Words and breaks of one block; the first word, and each after `.`, `!`, `?`, `:` or an
/// opening quote, opens a sentence.
pub(super) fn tokens(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut initial = true;
    let mut word = String::new();
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let after_space = std::mem::replace(&mut prev, c).is_whitespace();
        let inner = (c == '\'' || c == '’' || c == '-')
            && !word.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphabetic());
        if c.is_alphanumeric() || inner {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            let abbreviation = has_lower(&ABBREVIATIONS, &word);
            push_word(&mut toks, &std::mem::take(&mut word), initial);
            initial = false;
            if c == '.' && abbreviation {
                continue;
            }
        }
        if c.is_whitespace() {
            continue;
        }
        toks.push(Tok::Break(c));
        let opening_quote = c == '“' || (matches!(c, '"' | '\'' | '‘') && after_space);
        if matches!(c, '.' | '!' | '?' | ':') || opening_quote {
            initial = true;
        }
    }
    if !word.is_empty() {
        push_word(&mut toks, &word, initial);
    }
    toks
}

/// Pushes one word: a possessive `'s` becomes a break after it ("Ukraine's NATO" is two
/// names), a contraction ("I'm", "Where'd", "don't") a lower-case word, and an acronym glued
/// by a hyphen ("Authority-MTA") a word of its own.
fn push_word(toks: &mut Vec<Tok>, w: &str, initial: bool) {
    let w = w.replace('’', "'");
    if let Some(base) = w.strip_suffix("'s") {
        toks.push(Tok::Word(base.to_string(), initial));
        toks.push(Tok::Break('\''));
        return;
    }
    if let Some((_, tail)) = w.rsplit_once('\'')
        && ["m", "d", "ll", "re", "ve", "t"].contains(&tail.to_lowercase().as_str())
    {
        toks.push(Tok::Word(w.to_lowercase(), initial));
        return;
    }
    if let Some((head, tail)) = w.rsplit_once('-')
        && all_caps(tail)
        && !all_caps(head)
    {
        toks.push(Tok::Word(head.to_string(), initial));
        toks.push(Tok::Break('-'));
        toks.push(Tok::Word(tail.to_string(), false));
        return;
    }
    toks.push(Tok::Word(w, initial));
}

/// Words in capitals that are ordinary words shouted ("HOURS BEFORE the strike", "NEW YORK
/// (AP)"): a stretch of them holding a word the article writes in lower case or a common word,
/// or one such word of five letters or more, is read in title case.
pub(super) fn unshout(block: &mut [Tok], lower: &HashSet<String>) {
    let caps = |t: &Tok| matches!(t, Tok::Word(w, _) if all_caps(w));
    let mut i = 0;
    while i < block.len() {
        if !caps(&block[i]) {
            i += 1;
            continue;
        }
        let end = (i..block.len())
            .find(|&j| !caps(&block[j]))
            .unwrap_or(block.len());
        let ordinary = |t: &Tok, min: usize| match t {
            Tok::Word(w, _) => {
                let lc = w.to_lowercase();
                lc.chars().count() >= min && (lower.contains(&lc) || COMMON.contains(lc.as_str()))
            }
            Tok::Break(_) => false,
        };
        let shouted = if end - i >= 2 {
            block[i..end].iter().any(|t| ordinary(t, 1))
        } else {
            ordinary(&block[i], 5)
        };
        if shouted {
            for t in &mut block[i..end] {
                if let Tok::Word(w, _) = t {
                    let mut c = w.chars();
                    let first: String = c.next().map(|f| f.to_string()).unwrap_or_default();
                    *w = first + &c.as_str().to_lowercase();
                }
            }
        }
        i = end;
    }
}
