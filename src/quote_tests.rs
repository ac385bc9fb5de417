//! Tests of citing a selection as the preview asks: the occurrence nearest the selection,
//! and the selections that are explained instead.

use super::*;

const MD: &str = "# Talks\n\nSmith said “yes”. Later, Smith said “yes” again.\n\n| a b | c d |\n|---|---|\n| e | f |\n";

#[test]
fn the_occurrence_nearest_the_selection_is_cited() {
    // Offsets count UTF-16 units, as a browser does: the curly quotes count one each.
    let first = select("p", MD, 2, 0, "Smith said \"yes\"");
    assert!(first.ok, "{first:?}");
    assert_eq!(first.message, "made unique with a suffix");
    let f = first.found.unwrap();
    assert_eq!((f.line, f.column), (3, 1));
    assert_eq!(f.quote, "Smith said “yes”");
    let second = select("p", MD, 2, 26, "Smith said \"yes\"");
    let f = second.found.unwrap();
    assert_eq!((f.line, f.column), (3, 26));
    assert_eq!(second.message, "made unique with a prefix");
    assert_eq!(f.prefix.as_deref(), Some("Later, "));
}

#[test]
fn bad_selections_are_explained() {
    let cut = select("p", MD, 2, 1, "mith said");
    assert!(!cut.ok && cut.message.contains("inside a word"), "{cut:?}");
    let other = select("p", MD, 1, 0, "Smith said");
    assert!(
        !other.ok && other.message.contains("not text of block 1"),
        "{other:?}"
    );
    let cells = select("p", MD, 3, 0, "a b c d");
    assert!(cells.message.contains("within one table cell"), "{cells:?}");
    assert!(!select("p", MD, 9, 0, "x").ok);
    assert!(!select("p", MD, 2, 0, "  ").ok);
}
