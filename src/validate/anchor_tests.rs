//! Tests of evidence matching: normalisation, prefix/suffix, block edges, closest text.

use super::*;

fn find(
    md: &str,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Result<(usize, String), Miss> {
    let a = Article::parse(md);
    let m = Matcher::new(&a, md);
    m.find(Query {
        quote,
        prefix,
        suffix,
    })
    .map(|h| {
        (
            h.block,
            a.blocks[h.block - 1].text[h.start..h.end].to_string(),
        )
    })
}

#[test]
fn whitespace_and_typographic_quotes_are_ignored() {
    let md = "Trump said Hegses’ tone has “a little   softer.”\n";
    assert_eq!(
        find(md, "Hegses' tone has \"a little softer", None, None)
            .unwrap()
            .1,
        "Hegses’ tone has “a little   softer"
    );
    assert_eq!(
        find("one\ntwo three\n", "one two", None, None).unwrap().1,
        "one two"
    );
}

#[test]
fn matching_is_otherwise_exact() {
    assert!(matches!(
        find("Trump spoke.\n", "trump spoke", None, None),
        Err(Miss::NotFound(_))
    ));
}

#[test]
fn prefix_and_suffix_pick_one_of_several() {
    let md = "Trump spoke with Putin. Trump then spoke with Zelenskyy.\n";
    assert!(matches!(find(md, "spoke with", None, None), Err(Miss::Ambiguous(v)) if v.len() == 2));
    assert_eq!(
        find(md, "spoke with", Some("Trump then "), None).unwrap().0,
        1
    );
    assert_eq!(
        find(md, "spoke with", None, Some(" Zelenskyy")).unwrap().0,
        1
    );
    assert_eq!(
        find(md, "spoke with", Some("then"), None).unwrap().1,
        "spoke with"
    );
}

#[test]
fn quotes_span_inline_markup() {
    let md = "He said *very* [accurate](https://x.example) words[^1] here.\n\n[^1]: note\n";
    assert_eq!(
        find(md, "said very accurate words here", None, None)
            .unwrap()
            .0,
        1
    );
}

#[test]
fn quotes_at_block_edges_and_non_ascii() {
    let md = "Zelenskyy’s approach\n\nVolodimia Zelensky — Kyiv, Україна.\n";
    assert_eq!(find(md, "Zelenskyy's approach", None, None).unwrap().0, 1);
    assert_eq!(find(md, "Volodimia", None, None).unwrap().0, 2);
    assert_eq!(
        find(md, "Kyiv, Україна.", None, None).unwrap().1,
        "Kyiv, Україна."
    );
}

#[test]
fn quotes_never_span_blocks_or_cells() {
    assert!(find("one two\n\nthree four\n", "two three", None, None).is_err());
    assert!(find("| a b | c d |\n|---|---|\n| e | f |\n", "b c", None, None).is_err());
    assert_eq!(
        find("| a b | c d |\n|---|---|\n| e | f |\n", "c d", None, None)
            .unwrap()
            .0,
        1
    );
}

#[test]
fn not_found_names_the_closest_passage() {
    let md = "Alpha beta gamma.\n\nTrump spoke with Putin on the phone.\n";
    match find(md, "Trump spoke to Putin", None, None) {
        Err(Miss::NotFound(c)) => {
            let a = Article::parse(md);
            let m = Matcher::new(&a, md);
            assert_eq!((c[0].block, m.text(&c[0])), (2, "Trump spoke with Putin"));
            assert_eq!(m.locate(c[0].block, c[0].start), (3, 1));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn look_alike_dashes_and_ellipses_match() {
    let md = "A cease–fire — or a truce -- was agreed… in May.\n";
    for (quote, found) in [
        (
            "cease-fire - or a truce - was agreed...",
            "cease–fire — or a truce -- was agreed…",
        ),
        ("cease—fire", "cease–fire"),
        ("truce — was", "truce -- was"),
        ("agreed... in", "agreed… in"),
    ] {
        assert_eq!(find(md, quote, None, None).unwrap().1, found, "{quote}");
    }
    // A run of dashes is one dash, but a dash is never nothing.
    assert!(find(md, "ceasefire", None, None).is_err());
}

#[test]
fn the_offsets_map_points_into_the_original() {
    let n = normalize("a -- b…c  d");
    assert_eq!(n.text, "a - b...c d");
    assert_eq!(n.map, [0, 1, 2, 4, 5, 6, 6, 6, 9, 10, 12, 13]);
}

#[test]
fn a_prefix_or_suffix_that_does_not_match_is_its_own_miss() {
    let md = "Trump spoke with Putin. Trump then spoke with Zelenskyy.\n";
    assert!(matches!(
        find(md, "spoke with", Some("Trump thne"), None),
        Err(Miss::Prefix(v)) if v.len() == 2
    ));
    assert!(matches!(
        find(md, "spoke with", Some("then"), Some("Putin")),
        Err(Miss::Suffix(v)) if v.len() == 1
    ));
    assert!(matches!(
        find(md, "spoke to", Some("then"), None),
        Err(Miss::NotFound(_))
    ));
}

#[test]
fn passages_are_located_in_article_md() {
    let md = "# Title\n\nSome *very* long\ntext &amp; more.\n\n- item one\n";
    let a = Article::parse(md);
    let m = Matcher::new(&a, md);
    let at = |t: &str| {
        let h = m.all(t)[0];
        m.locate(h.block, h.start)
    };
    assert_eq!(at("Title"), (1, 3));
    assert_eq!(at("very long"), (3, 7));
    assert_eq!(at("text"), (4, 1));
    assert_eq!(at("one"), (6, 8));
}
