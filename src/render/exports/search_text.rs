//! Render stage: the search index's words — folding and tokenising. `themes/default/static/
//! search.js` does exactly the same to a query and to the records it reads (`fold`, `tokens`,
//! `indexed`); `search_text_tests` and the browser test check both against one fixture.

use unicode_normalization::UnicodeNormalization;

/// Longest word indexed, in characters (longer ones are left out on both sides).
pub const LONGEST: usize = 40;

/// `s` lowercased with its diacritics removed (canonical decomposition, then the combining
/// marks U+0300–U+036F dropped), as `fold` in search.js.
pub fn fold(s: &str) -> String {
    let bare: String = s
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect();
    bare.to_lowercase()
}

/// `true` for a character that is part of a word (Unicode Alphabetic or Number), as
/// `[\p{Alphabetic}\p{N}]` in search.js.
fn word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// `true` for a character of a script written without spaces between words (kana and CJK
/// ideographs): each is a word of its own, so a search finds a word inside a phrase. The same
/// ranges as `CJK` in search.js.
pub fn ideograph(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// `true` for a folded word the index lists: at most [`LONGEST`] characters, and two or more
/// unless it is a number or an ideograph (search.js ignores the other one-letter words of a
/// query).
pub fn indexed(w: &str) -> bool {
    let n = w.chars().count();
    n <= LONGEST && (n >= 2 || w.chars().all(|c| c.is_numeric() || ideograph(c)))
}

/// The words of `s`, in order (repeats kept): folded, split at every character that is not a
/// letter or digit and around every ideograph, without those over [`LONGEST`] characters.
pub fn tokens(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() && word.chars().count() <= LONGEST {
            out.push(std::mem::take(word));
        }
        word.clear();
    };
    for c in folded.chars() {
        if ideograph(c) {
            flush(&mut word, &mut out);
            out.push(c.to_string());
        } else if word_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
#[path = "search_text_tests.rs"]
mod tests;
