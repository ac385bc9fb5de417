//! Unit tests of the search words: tricky words fold and split as the fixture says (the
//! browser test checks search.js against the same fixture), and which words the index lists.

use super::*;

/// `tests/fixtures/search-words/words.json`: `[text, [its tokens]]` pairs.
fn fixture() -> Vec<(String, Vec<String>)> {
    serde_json::from_str(include_str!(
        "../../../tests/fixtures/search-words/words.json"
    ))
    .expect("the fixture is JSON")
}

#[test]
fn tricky_words_give_the_fixture_tokens() {
    for (text, want) in fixture() {
        assert_eq!(tokens(&text), want, "{text}");
    }
}

#[test]
fn one_letter_words_are_not_indexed_but_numbers_and_ideographs_are() {
    assert!(indexed("nato") && indexed("us") && indexed("7") && indexed("京"));
    assert!(!indexed("x") && !indexed("a"));
    assert!(indexed(&"a".repeat(LONGEST)) && !indexed(&"a".repeat(LONGEST + 1)));
}
