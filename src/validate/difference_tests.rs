//! Tests of the marked difference between a quote and the article's passage.

use super::*;

#[test]
fn a_changed_word_is_marked_under_both_lines() {
    let m = difference("met in Paris", "met in Geneva").unwrap();
    assert_eq!(m.quote, "met in Paris ");
    assert_eq!(m.passage, "met in Geneva");
    assert_eq!(m.marks, "       ^^^^^^");
    assert!(m.names.is_empty(), "{:?}", m.names);
}

#[test]
fn case_is_named() {
    let m = difference("trump spoke", "Trump spoke").unwrap();
    assert_eq!(m.marks, "^");
    assert_eq!(
        m.names,
        ["different case: `t` in the quote, `T` in the article"]
    );
}

#[test]
fn invisible_characters_are_shown_and_named() {
    let m = difference("cease\u{200B}fire", "ceasefire").unwrap();
    assert_eq!(m.quote, "cease·fire");
    assert_eq!(m.passage, "cease fire");
    assert_eq!(m.marks, "     ^");
    assert_eq!(
        m.names,
        ["a zero-width space (U+200B) in the quote, nothing in the article"]
    );
    let m = difference("co-operate", "co\u{AD}operate").unwrap();
    assert_eq!(m.marks, "  ^");
    assert_eq!(
        m.names,
        ["`-` (hyphen) in the quote, a soft hyphen (U+00AD) in the article"]
    );
}

#[test]
fn look_alike_letters_and_apostrophes_are_named() {
    let m = difference("Kyiv", "Kуiv").unwrap();
    assert_eq!(m.marks, " ^");
    assert_eq!(
        m.names,
        ["`y` in the quote, `у` (U+0443, not a Latin letter) in the article"]
    );
    let m = difference("Trump's", "Trumpʼs").unwrap();
    assert_eq!(
        m.names,
        ["`'` (straight apostrophe) in the quote, `ʼ` (modifier letter apostrophe) in the article"]
    );
}

#[test]
fn what_the_matcher_treats_as_equal_is_not_marked() {
    // Dashes, typographic quotes, `…` and whitespace compare equal: no difference at all.
    assert_eq!(difference("a - b's \"c\"...", "a – b’s “c”…"), None);
    assert_eq!(difference("one  two", "one\u{A0}two"), None);
    // The article's own characters are shown; only the real difference is marked.
    let m = difference("well-known fact", "well–known facts").unwrap();
    assert_eq!(m.passage, "well–known facts");
    assert_eq!(m.marks, "               ^");
}
