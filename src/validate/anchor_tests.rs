//! Tests of evidence matching: normalisation, prefix/suffix, block edges, closest text.

use super::*;

fn find(
    md: &str,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Result<(usize, String), Miss> {
    let a = Article::parse(md);
    let m = Matcher::new(&a);
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
        Err(Miss::NotFound(c)) => assert_eq!(c[0], (2, "Trump spoke with Putin".to_string())),
        other => panic!("{other:?}"),
    }
}
