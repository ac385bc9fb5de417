//! Load stage: YAML parsing with resource budgets, and serde errors turned into diagnostics.

use std::path::Path;

use serde_saphyr::{Budget, Options, Spanned};

use crate::diag::{DiagBuild, Diagnostic, Diagnostics, closest};

/// Parses `text` as `T`, with budgets that make hostile input fail fast: few aliases, shallow
/// nesting, bounded events. A failure becomes one located diagnostic.
pub fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<T> {
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        diags.push(
            Diagnostic::error(file, 0, 0, "this file is empty")
                .help("write the YAML it should hold, or delete the file (see `brief new` for a commented skeleton)"),
        );
        return None;
    }
    let mut options = Options::default();
    options.with_snippet = false;
    let mut budget = Budget::default();
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    budget.max_depth = 32;
    budget.flow_nesting_limit = 32;
    budget.max_events = 500_000;
    budget.max_nodes = 200_000;
    budget.max_recorded_anchor_events = 10_000;
    options.budget = Some(budget);
    match serde_saphyr::from_str_with_options::<T>(text, options) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(to_diagnostic(&e, file));
            None
        }
    }
}

fn to_diagnostic(e: &serde_saphyr::Error, file: &Path) -> Diagnostic {
    let (line, col) = e
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let raw = e.without_snippet().to_string();
    let msg = raw
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim()
        .to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    if let Some((key, expected)) = unknown_field(&msg) {
        let suggestion = closest(&key, expected.iter().map(String::as_str));
        let label = suggestion.map_or_else(
            || "unknown key".to_string(),
            |s| format!("did you mean `{s}`?"),
        );
        return Diagnostic::error(file, line, col, format!("unknown key `{key}`"))
            .span_len(key.chars().count())
            .label(label)
            .help(format!("known keys here: {}", expected.join(", ")));
    }
    let mut d = Diagnostic::error(file, line, col, msg.clone());
    if msg.contains("budget")
        || msg.contains("alias")
        || msg.contains("depth")
        || msg.contains("nesting")
    {
        d = d.help("brief limits aliases, anchors and nesting in YAML so broken or hostile files fail fast; write the values out plainly");
    } else if msg.contains("invalid type") {
        d = d.help("check the value's form against the packet-format guide (a list needs `[a, b]` or `- a` lines)");
    } else {
        d = d.help("check the indentation and quoting on this line; quote text that contains `: ` or starts with a special character");
    }
    d
}

/// Parses an "unknown field `x`, expected one of a, b" message (names with or without
/// backticks).
fn unknown_field(msg: &str) -> Option<(String, Vec<String>)> {
    let rest = msg.split("unknown field `").nth(1)?;
    let (key, rest) = rest.split_once('`')?;
    let list = rest.split("expected one of ").nth(1).unwrap_or("");
    let expected = list
        .split(',')
        .map(|s| s.trim().trim_matches('`').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Some((key.to_string(), expected))
}

/// Line and column (1-based) of a spanned value; `(0, 0)` when unknown.
pub fn loc<T>(s: &Spanned<T>) -> (usize, usize) {
    (s.referenced.line() as usize, s.referenced.column() as usize)
}

/// Line and column of the first character of a string value's text: past the opening quote
/// when the scalar was quoted (its span is then longer than its value).
pub fn text_loc(at: &serde_saphyr::Location, value: &str) -> (usize, usize) {
    let quoted = at.span().len() as usize >= value.chars().count() + 2;
    (
        at.line() as usize,
        at.column() as usize + usize::from(quoted),
    )
}

/// `[a-z0-9-]+`, not starting or ending with `-`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_message_is_parsed() {
        let (k, e) =
            unknown_field("unknown field `titel`, expected one of `title`, `summary`").unwrap();
        assert_eq!(k, "titel");
        assert_eq!(e, vec!["title", "summary"]);
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("us-ukraine-2025"));
        assert!(!is_valid_slug("US_Ukraine"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug(""));
    }
}
