//! Scaffold stage (`brief new --article`): the capitalised names of an article, for actors.yaml.
//!
//! A heuristic, not a parser of English: runs of capitalised words ("Pete Hegseth", "Bank of
//! England") are one name; a capitalised word that opens a sentence counts only when the same
//! word is also capitalised mid-sentence, and common sentence openers ("The", "However") are
//! dropped from the front of a run. Headings and code are skipped. The writer reviews the list.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One name found in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as written ("Maria Oyelaran").
    pub name: String,
    /// Occurrences, those of its aliases included.
    pub count: usize,
    /// Single words that occur alone and are part of this name only ("Oyelaran").
    pub aliases: Vec<String>,
}

/// A word list from `files/words/` (whitespace-separated; `#` lines are comments).
fn word_list(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
}

/// Words that open sentences or stand before names without being names themselves.
static COMMON: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("files/words/common.txt")));
/// Titles: a run loses everything up to its last title ("Defense Secretary Pete Hegseth").
static TITLES: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("files/words/titles.txt")));
/// Words that make a name look like an organisation's.
pub static ORG_WORDS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("files/words/organisations.txt")));
/// Lower-case words allowed inside a name ("Bank of England", "Ursula von der Leyen").
static CONNECTORS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("files/words/connectors.txt")));
/// Abbreviations whose full stop does not end a sentence.
static ABBREVIATIONS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| word_list(include_str!("files/words/abbreviations.txt")));

#[derive(Debug)]
enum Tok {
    /// A word, and whether it opens a sentence.
    Word(String, bool),
    /// Punctuation that ends a run of capitalised words.
    Break,
}

/// The names of `markdown`, most frequent first (then in order of first appearance).
pub fn find(markdown: &str) -> Vec<Name> {
    let blocks = blocks(markdown);
    let toks: Vec<Vec<Tok>> = blocks.iter().map(|b| tokens(b)).collect();
    let mut lower = HashSet::new();
    let mut mid_caps = HashSet::new();
    for t in toks.iter().flatten() {
        if let Tok::Word(w, initial) = t {
            if !is_capitalised(w) {
                lower.insert(w.to_lowercase());
            } else if !initial {
                mid_caps.insert(w.clone());
            }
        }
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for block in &toks {
        for run in runs(block) {
            if let Some(name) = keep(run, &lower, &mid_caps) {
                let i = *index.entry(name.clone()).or_insert_with(|| {
                    counts.push((name, 0));
                    counts.len() - 1
                });
                counts[i].1 += 1;
            }
        }
    }
    fold_aliases(counts)
}

/// The text of each paragraph, list item, quote and table cell (headings and code skipped).
fn blocks(markdown: &str) -> Vec<String> {
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
fn tokens(text: &str) -> Vec<Tok> {
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
            let (w, possessive) = strip_possessive(&std::mem::take(&mut word));
            let abbreviation = ABBREVIATIONS.contains(w.to_lowercase().as_str());
            toks.push(Tok::Word(w, initial));
            if possessive {
                toks.push(Tok::Break); // "Ukraine's NATO" is two names
            }
            initial = false;
            if c == '.' && abbreviation {
                continue;
            }
        }
        if c.is_whitespace() {
            continue;
        }
        toks.push(Tok::Break);
        let opening_quote = c == '“' || (matches!(c, '"' | '\'' | '‘') && after_space);
        if matches!(c, '.' | '!' | '?' | ':') || opening_quote {
            initial = true;
        }
    }
    if !word.is_empty() {
        toks.push(Tok::Word(strip_possessive(&word).0, initial));
    }
    toks
}

/// The word without a possessive `'s`, and whether it had one.
fn strip_possessive(w: &str) -> (String, bool) {
    match w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
        Some(base) => (base.to_string(), true),
        None => (w.to_string(), false),
    }
}

/// A name-like word: starts with an upper-case letter, and is not a lone letter ("I", "A").
fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() > 1
}

/// Maximal runs of capitalised words (connectors allowed between two of them), with whether the
/// run opens a sentence.
fn runs(toks: &[Tok]) -> Vec<(Vec<&str>, bool)> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut cur_initial = false;
    for t in toks {
        match t {
            Tok::Word(w, initial) if is_capitalised(w) => {
                if cur.is_empty() {
                    cur_initial = *initial;
                }
                cur.push(w);
            }
            Tok::Word(w, _) if !cur.is_empty() && CONNECTORS.contains(w.as_str()) => cur.push(w),
            _ => close_run(&mut cur, &mut out, cur_initial),
        }
    }
    close_run(&mut cur, &mut out, cur_initial);
    out
}

/// Ends the current run: trailing connectors dropped, the rest kept if anything is left.
fn close_run<'a>(cur: &mut Vec<&'a str>, out: &mut Vec<(Vec<&'a str>, bool)>, initial: bool) {
    while cur.last().is_some_and(|w| !is_capitalised(w)) {
        cur.pop();
    }
    if !cur.is_empty() {
        out.push((std::mem::take(cur), initial));
    }
}

/// The name a run stands for, if any: common words and titles dropped from its front; a lone
/// sentence-opening word only when it is capitalised mid-sentence elsewhere too.
fn keep(
    (mut words, initial): (Vec<&str>, bool),
    lower: &HashSet<String>,
    mid_caps: &HashSet<String>,
) -> Option<String> {
    let mut first_initial = initial;
    let is = |list: &HashSet<&str>, w: &str| list.contains(w.to_lowercase().as_str());
    if let Some(t) = words.iter().rposition(|w| is(&TITLES, w)) {
        let mut rest = t + 1;
        if words.get(rest).is_some_and(|w| is(&CONNECTORS, w)) && words.len() > rest + 2 {
            rest += 2; // "Secretary of State Marco Rubio"
        }
        words.drain(..rest.min(words.len()));
        first_initial = false;
    }
    while let Some(w) = words.first() {
        let lc = w.to_lowercase();
        let common = COMMON.contains(lc.as_str())
            || CONNECTORS.contains(lc.as_str())
            || (first_initial
                && !mid_caps.contains(*w)
                && (words.len() == 1 || lower.contains(&lc)));
        if !common {
            break;
        }
        words.remove(0);
        first_initial = false;
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// Whether `name` looks like a person's full name: two or three words, none in capitals only
/// (initials aside), none an organisation word.
fn personal(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let last = words.len().saturating_sub(1);
    (2..=3).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            let initials = i < last && w.chars().count() <= 2; // "JD Vance"
            (initials || w.chars().skip(1).any(char::is_lowercase)) && !ORG_WORDS.contains(w)
        })
}

/// Folds each single word that is the surname of exactly one person's full name into it, as an
/// alias ("Oyelaran" into "Maria Oyelaran").
fn fold_aliases(counts: Vec<(String, usize)>) -> Vec<Name> {
    let mut names: Vec<Name> = counts
        .into_iter()
        .map(|(name, count)| Name {
            name,
            count,
            aliases: Vec::new(),
        })
        .collect();
    let mut folded = vec![false; names.len()];
    for i in 0..names.len() {
        if names[i].name.contains(' ') {
            continue;
        }
        let word = names[i].name.clone();
        let owners: Vec<usize> = (0..names.len())
            .filter(|&j| {
                personal(&names[j].name) && names[j].name.rsplit(' ').next() == Some(&word)
            })
            .collect();
        if let [j] = owners[..] {
            names[j].count += names[i].count;
            names[j].aliases.push(word);
            folded[i] = true;
        }
    }
    let mut out: Vec<Name> = names
        .into_iter()
        .zip(folded)
        .filter(|(_, f)| !f)
        .map(|(n, _)| n)
        .collect();
    out.sort_by_key(|n| std::cmp::Reverse(n.count)); // stable: ties keep the order of appearance
    out
}

#[cfg(test)]
mod tests;
