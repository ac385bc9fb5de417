//! Unit tests of the name audit.

use super::*;

fn audit(md: &str, names: &[(usize, &str)], ignore: &[&str]) -> Vec<(String, String)> {
    let a = Article::parse(md);
    let ignore: HashSet<&str> = ignore.iter().copied().collect();
    near_misses(&a, md, names, &ignore)
        .into_iter()
        .map(|m| (m.word, m.like))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn letter_counts_bound_the_edits_from_below() {
    let pairs = [
        ("Hegses", "Hegseth"),
        ("Zelensky", "Zelenskyy"),
        ("Witkof", "Witkoff"),
        ("Brussels", "Hegseth"),
        ("Kyiv", "Kiev"),
        ("Ullyot", "Ulyot"),
    ];
    for (a, b) in pairs {
        let bound = edits_at_least(&letters(a), &letters(b));
        assert!(bound <= strsim::levenshtein(a, b), "{a} / {b}");
    }
    assert_eq!(edits_at_least(&letters("Hegses"), &letters("Hegseth")), 2);
    assert!(edits_at_least(&letters("Brussels"), &letters("Hegseth")) > 3);
}

#[test]
fn near_misses_suggest_the_declared_spelling() {
    let md = "Hegses spoke. Hegseth agreed. Brussels was calm.\n";
    let a = Article::parse(md);
    let got = near_misses(
        &a,
        md,
        &[(0, "Pete Hegseth"), (0, "Hegseth")],
        &HashSet::new(),
    );
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].word.as_str(), got[0].like.as_str(), got[0].offset),
        ("Hegses", "Hegseth", 0)
    );
}

#[test]
fn whole_names_are_compared_with_phrases_of_as_many_words() {
    let md = "Pete Hegses met Tom Tillis and Mark Vogel. Pete Hegseth left.\n";
    let names = [(0, "Pete Hegseth"), (1, "Thom Tillis"), (2, "Marc Fogel")];
    assert_eq!(
        audit(md, &names, &[]),
        pairs(&[
            ("Pete Hegses", "Pete Hegseth"),
            ("Tom Tillis", "Thom Tillis"),
            ("Mark Vogel", "Marc Fogel")
        ])
    );
    // A word of the article is never compared with one word of a longer name.
    assert_eq!(audit("Hegses spoke.\n", &names, &[]), pairs(&[]));
    // One word with one word, as before: `Kiev` of `Kyiv` is two edits in four letters.
    assert_eq!(
        audit("Kiev spoke.\n", &[(0, "Kyiv")], &[]),
        pairs(&[("Kiev", "Kyiv")])
    );
}

#[test]
fn one_word_of_a_longer_name_makes_nothing_suspect() {
    // The case: "Yorkers looks like Workers", "Worker looks like Workers".
    let md = "New Yorkers walked. The Transport Workers Union struck. One Worker spoke.\n";
    let names = [(0, "Transport Workers Union"), (0, "TWU"), (1, "New York")];
    assert_eq!(audit(md, &names, &[]), pairs(&[]));
    // The whole name misspelt is still found, a middle word's plural included.
    let md = "The Transport Wrkers Union struck; the Transport Worker Union agreed.\n";
    assert_eq!(
        audit(md, &names, &[]),
        pairs(&[
            ("Transport Wrkers Union", "Transport Workers Union"),
            ("Transport Worker Union", "Transport Workers Union")
        ])
    );
}

#[test]
fn a_shared_first_word_is_not_enough() {
    let names = [(0, "United States"), (1, "Saudi Arabia")];
    assert_eq!(
        audit("The United Nations met in Saudi Arabia.\n", &names, &[]),
        pairs(&[])
    );
}

#[test]
fn acknowledged_phrases_are_left_alone() {
    let names = [(0, "Hegseth"), (1, "Thom Tillis")];
    let md = "Hegses spoke with Tom Tillis.\n";
    assert_eq!(audit(md, &names, &["Hegses", "Tom Tillis"]), pairs(&[]));
    assert_eq!(
        audit(md, &names, &["Hegses"]),
        pairs(&[("Tom Tillis", "Thom Tillis")])
    );
}

#[test]
fn another_case_is_not_a_misspelling() {
    let names = [(0, "port authority"), (0, "Calder Port Authority")];
    assert_eq!(
        audit(
            "The Calder Port Authority, or Port Authority, said no.\n",
            &names,
            &[]
        ),
        pairs(&[])
    );
}
