//! Load stage: YAML syntax errors from the parser, recognised by their message and retold in
//! the writer's terms, each located where the fix goes (a stray tab, a bad escape).

use std::path::Path;

use serde_saphyr::budget::BudgetBreach;

use super::error::{LIMITS, QUOTING, budget};
use super::text::Src;
use crate::diag::{DiagBuild, Diagnostic};

/// Parser (syntax) errors, recognised by their message.
pub(super) fn syntax(
    d: impl Fn(String) -> Diagnostic,
    src: &Src,
    msg: &str,
    file: &Path,
) -> Diagnostic {
    let m = msg.to_lowercase();
    if m.contains("recursion limit") {
        return d(budget(&BudgetBreach::Depth { depth: 0 })).help(LIMITS);
    }
    if m.contains("tab ") || m.contains("tabs") || m.ends_with("a tab") {
        return match src.find_tab() {
            Some((l, c)) => Diagnostic::error(file, l, c, "a tab character in the indentation")
                .label("tab")
                .help("YAML is indented with spaces only; replace the tab with spaces"),
            None => d("a tab character where YAML allows none".into())
                .help("YAML is indented with spaces only; replace tabs with spaces"),
        };
    }
    if m.contains("mapping values are not allowed") {
        return match src.key_on_line() {
            Some(key) => d("a value containing `: ` must be in quotes".into())
                .label("this `:` reads as the start of another key")
                .help(format!(
                    "write `{key}: \"{}\"`",
                    src.value_after_key().replace('"', "\\\"")
                )),
            None => d("unexpected `key: value` here".into())
                .label("this line is indented deeper than the key above it")
                .help("align the key with the other keys of its mapping, or quote the text above if it is one value"),
        };
    }
    if m.contains("did not find expected '-'") {
        return d("this line does not line up with the list it is in".into())
            .label("this indentation matches neither the entry's keys nor a new `- ` entry")
            .help(src.align_help());
    }
    if let Some(kind) = src.block_text_above() {
        return d("this line is not indented as part of the text block above".into())
            .label("unexpected here")
            .help(format!("every line of a `{kind}` text block is indented deeper than its key, by the same amount as its first line"));
    }
    if m.contains("did not find expected key")
        || m.contains("expected ':'")
        || m.contains("invalid indentation")
    {
        return d("this line is not a `key: value` line at this indentation".into())
            .label("unexpected here")
            .help(src.align_help());
    }
    if m.contains("unclosed quote") || m.contains("unexpected end of stream") {
        return d("this quote is never closed".into())
            .label("opened here")
            .help("end the value with the same quote mark it starts with");
    }
    if let Some(rest) = m.strip_prefix("unclosed bracket '") {
        let open = rest.chars().next().unwrap_or('[');
        let close = if open == '{' { '}' } else { ']' };
        return d(format!("this `{open}` is never closed"))
            .label("opened here")
            .help(format!(
                "close it with `{close}`, or put the value in quotes if the bracket is text"
            ));
    }
    if m.contains("mismatched bracket") {
        return d("brackets do not match".into())
            .help("close a `[` list with `]` and a `{` mapping with `}`; put text with brackets in quotes");
    }
    if m.contains("expected ',' or") {
        return d("missing `,` between two values in brackets".into())
            .help("separate the values in `[…]` or `{…}` with `, `; put a value that contains `,`, `:` or brackets in quotes");
    }
    if m.contains("tag") || m.contains("handle") {
        return d("YAML tags (`!…`) are not used in brief files".into())
            .help("remove the tag, or put the value in quotes if the `!` is part of the text");
    }
    if m.contains("anchor or alias") {
        return d("`&` and `*` must be followed by a name".into())
            .help("put the value in quotes if the `&` or `*` is part of the text");
    }
    if m.contains("document") || m.contains("directive") {
        return d("a document marker (`---`, `...`, `%`) inside the file".into())
            .help("remove the line; one file holds one YAML document");
    }
    if m.contains("eof") {
        return d("the file ends in the middle of a value".into())
            .help("close every open quote and bracket");
    }
    if m.contains("misplaced bracket") {
        return d("a closing bracket without an opening one".into())
            .help("remove it, or put the value in quotes if the bracket is part of the text");
    }
    if m.contains("unexpected character") || m.contains("cannot start with") || m.contains("':'") {
        let c = src.word().chars().next().unwrap_or('?');
        return d(format!("a value cannot start with `{c}`"))
            .help("put the value in quotes: \"…\"");
    }
    if m.contains("unknown escape") {
        let (l, c) = src.bad_escape();
        return Diagnostic::error(file, l, c, "unknown escape sequence in double quotes")
            .span_len(2)
            .label("not a YAML escape")
            .help("write `\\\\` for a backslash, or use single quotes ('…'), which keep backslashes as they are");
    }
    if m.contains("trailing content after") {
        return d("text after the closing quote".into())
            .label("this text is outside the quotes")
            .help("put the whole value inside the quotes");
    }
    if m.contains("block sequence entries are not allowed") {
        return d("a list cannot start on the same line as its key".into())
            .help("put each `- item` on its own line below the key, indented, or write `[a, b]`");
    }
    d(format!("invalid YAML: {msg}")).help(QUOTING)
}
