//! Tests of citing: the shortest disambiguating prefix or suffix, and the YAML entry.

use super::*;
use crate::model::article::Article;

fn cites(md: &str, text: &str) -> Vec<(usize, Option<String>, Option<String>, bool)> {
    let a = Article::parse(md);
    let m = Matcher::new(&a, md);
    cite_all(&m, text)
        .into_iter()
        .map(|c| (c.hit.block, c.prefix, c.suffix, c.unique))
        .collect()
}

#[test]
fn a_unique_text_needs_nothing() {
    assert_eq!(
        cites("Trump spoke with Putin.\n", "spoke with"),
        [(1, None, None, true)]
    );
}

#[test]
fn the_shortest_word_before_or_after_is_chosen() {
    let md = "Trump spoke with Putin. Trump then spoke with Zelenskyy.\n";
    assert_eq!(
        cites(md, "spoke with"),
        [
            // "Trump" is shorter than "Putin." and not just before the second one.
            (1, Some("Trump ".into()), None, true),
            (1, Some("then ".into()), None, true),
        ]
    );
}

#[test]
fn more_words_when_one_is_not_enough() {
    let md = "He met Lee in Rome. She met Lee in Oslo. He met Lee in Kyiv.\n";
    let got = cites(md, "met Lee");
    assert_eq!(got[0], (1, None, Some(" in Rome.".into()), true));
    assert_eq!(got[1], (1, Some("She ".into()), None, true));
    // As long as " in Kyiv.": the prefix is preferred.
    assert_eq!(got[2], (1, Some("Oslo. He ".into()), None, true));
}

#[test]
fn prefix_and_suffix_stay_inside_the_block() {
    // At the start of its block, the second occurrence can only be told by what follows.
    let md = "Talks resumed today.\n\nTalks resumed in May.\n";
    assert_eq!(
        cites(md, "Talks resumed"),
        [
            (1, None, Some(" today.".into()), true),
            (2, None, Some(" in".into()), true),
        ]
    );
}

#[test]
fn the_same_sentence_twice_cannot_be_told_apart() {
    let md = "It rained.\n\nIt rained.\n";
    assert_eq!(
        cites(md, "It rained."),
        [(1, None, None, false), (2, None, None, false)]
    );
}

#[test]
fn the_entry_is_valid_yaml_with_the_articles_characters() {
    let md = "He said “no” – twice. He said “no” – once.\n";
    let a = Article::parse(md);
    let m = Matcher::new(&a, md);
    let c = cite_all(&m, "said \"no\" - ");
    assert_eq!(c.len(), 2);
    assert_eq!(
        entry_yaml(&c[1]),
        "- quote: \"said “no” –\"\n  suffix: \" once.\"\n"
    );
    assert_eq!(yaml_quote("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u0001\"");
}

#[test]
fn a_cut_word_is_noticed() {
    let md = "Trump spoke with Putin.\n";
    let a = Article::parse(md);
    let m = Matcher::new(&a, md);
    let hit = |t: &str| m.all(t)[0];
    assert!(cuts_a_word(&m, &hit("rump spoke")));
    assert!(cuts_a_word(&m, &hit("spoke wi")));
    assert!(!cuts_a_word(&m, &hit("Trump spoke")));
    assert!(!cuts_a_word(&m, &hit("with Putin.")));
}
