//! Unit tests of page metadata: plain text, descriptions, script-safe JSON-LD.

use super::*;

#[test]
fn markdown_becomes_one_line_of_text() {
    assert_eq!(
        plain_text(
            "**Bottom line:** US pressure\nnow falls on [Kyiv](https://x.example).\n\n- a\n- b"
        ),
        "Bottom line: US pressure now falls on Kyiv. a b"
    );
    assert_eq!(plain_text("<b>raw</b> text"), "raw text");
    let long = "word ".repeat(100);
    let d = description(Some(&long), "x");
    assert!(d.chars().count() <= DESCRIPTION && d.ends_with('…'));
    assert_eq!(description(None, "Fallback"), "Fallback");
    assert_eq!(description(Some("  "), "Fallback"), "Fallback");
}

#[test]
fn ld_json_cannot_close_its_script() {
    let v = json!({"name": "</script><script>alert(1)</script> & \u{2028}"});
    let s = ld_json(&v);
    assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
    assert!(s.contains("\\u003c/script\\u003e"));
    let back: Value = serde_json::from_str(&s).unwrap();
    assert_eq!(back, v, "still the same JSON");
}

#[test]
fn tidy_drops_unknowns() {
    let v = tidy(json!({"a": null, "b": [], "c": {"d": null, "e": 1}, "f": "x"}));
    assert_eq!(v, json!({"c": {"e": 1}, "f": "x"}));
    assert_eq!(
        with_context(json!({"@type": "X"}))["@context"],
        "https://schema.org"
    );
}

#[test]
fn css_strings_cannot_close_their_style() {
    assert_eq!(css_string("US–Ukraine, 2025"), "\"US\\2013 Ukraine, 2025\"");
    let s = css_string("</style><script>\"\\\n");
    assert!(!s[1..s.len() - 1].contains(['<', '>', '"', '\n']));
    assert_eq!(s, "\"\\3c \\2f style\\3e \\3c script\\3e \\22 \\5c \\a \"");
}
