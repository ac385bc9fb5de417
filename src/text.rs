//! Shared leaf: text helpers every stage may use (depends on no module of the crate).

/// `s` with `&`, `<`, `>`, `"` and `'` escaped for HTML (pulldown-cmark's escaping, as in the article).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_keeps_the_rest() {
        assert_eq!(
            super::escape_html("a <b> & \"c\" 'd' é"),
            "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; é"
        );
    }
}
