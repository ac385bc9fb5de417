//! Shared leaf: text helpers every stage may use (depends on no module of the crate).

/// `s` with `&`, `<`, `>`, `"` and `'` escaped for HTML (pulldown-cmark's escaping, as in the article).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// `s` percent-decoded, or `None` when a `%` is not followed by two hex digits or the decoded
/// bytes are not UTF-8 (strict: for request paths and query values, where either is refused).
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).is_some_and(u8::is_ascii_hexdigit);
    if (0..b.len()).any(|i| b[i] == b'%' && !(hex(i + 1) && hex(i + 2))) {
        return None;
    }
    percent_encoding::percent_decode(b)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// `s` percent-decoded, keeping a `%` not followed by two hex digits as it is and replacing
/// bytes that are not UTF-8 with U+FFFD (lenient: for link targets, checked as written).
pub fn percent_decode_lossy(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::{percent_decode, percent_decode_lossy};

    #[test]
    fn strict_decoding_refuses_malformed_escapes_and_non_utf8() {
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%E2%80%93").as_deref(), Some("–"));
        assert_eq!(percent_decode("%e2%80%93").as_deref(), Some("–"));
        assert_eq!(percent_decode("é%C3%A9").as_deref(), Some("éé"));
        // `%2F` becomes a slash (the caller checks segments after decoding).
        assert_eq!(percent_decode("a%2Fb%2f").as_deref(), Some("a/b/"));
        for bad in [
            "%zz", "%", "a%", "%4", "%4g", "%+1", "%%41", "%é1", "%FF", "%C3",
        ] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn lossy_decoding_keeps_malformed_escapes_as_written() {
        assert_eq!(percent_decode_lossy("a%20b"), "a b");
        assert_eq!(percent_decode_lossy("%E2%80%93"), "–");
        assert_eq!(percent_decode_lossy("a%2Fb"), "a/b");
        assert_eq!(percent_decode_lossy("%zz"), "%zz");
        assert_eq!(percent_decode_lossy("%"), "%");
        assert_eq!(percent_decode_lossy("50%"), "50%");
        assert_eq!(percent_decode_lossy("%4"), "%4");
        assert_eq!(percent_decode_lossy("%%41"), "%A");
        assert_eq!(percent_decode_lossy("x%FFy"), "x\u{FFFD}y");
        assert_eq!(percent_decode_lossy("é"), "é");
    }

    #[test]
    fn escapes_markup_and_keeps_the_rest() {
        assert_eq!(
            super::escape_html("a <b> & \"c\" 'd' é"),
            "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; é"
        );
    }
}
