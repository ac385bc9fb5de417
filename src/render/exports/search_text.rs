//! Render stage: the search index's words — folding and tokenising. `themes/default/static/
//! search.js` does exactly the same to a query and to the records it reads (`fold`, `tokens`,
//! `indexed`); `search_text_tests` and the browser test check both against one fixture.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfd_quick};

/// Longest word indexed, in characters (longer ones are left out on both sides).
pub const LONGEST: usize = 40;

/// `s` lowercased with its diacritics removed (canonical decomposition, then the combining
/// marks U+0300–U+036F dropped), as `fold` in search.js.
pub fn fold(s: &str) -> String {
    // ASCII is its own decomposition and has no combining marks.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mark = |c: &char| ('\u{300}'..='\u{36f}').contains(c);
    // Most text is already decomposed (curly quotes, dashes): then only the marks go.
    let bare: String = if is_nfd_quick(s.chars()) == IsNormalized::Yes {
        s.chars().filter(|c| !mark(c)).collect()
    } else {
        s.nfd().filter(|c| !mark(c)).collect()
    };
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
    words(&fold(s)).map(str::to_string).collect()
}

/// The words of `folded` (already [`fold`]ed), as [`tokens`] gives them.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    let mut rest = folded.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = rest.next()?;
            if ideograph(c) {
                return Some(&folded[start..start + c.len_utf8()]);
            }
            if !word_char(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = rest.peek() {
                if ideograph(c) || !word_char(c) {
                    break;
                }
                end = i + c.len_utf8();
                rest.next();
            }
            let w = &folded[start..end];
            if w.chars().count() <= LONGEST {
                return Some(w);
            }
        }
    })
}

#[cfg(test)]
#[path = "search_text_tests.rs"]
mod tests;
