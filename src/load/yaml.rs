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
    // An unknown key stops serde at once. To report the file's other problems in the same
    // run, comment the key (and its indented value) out and parse again, a few times at most.
    let mut source = std::borrow::Cow::Borrowed(text);
    for _ in 0..16 {
        match serde_saphyr::from_str_with_options::<T>(&source, options.clone()) {
            // With keys commented out, the rest is still checked; the unknown key's error
            // already fails the run.
            Ok(v) => return Some(v),
            Err(e) => {
                let unknown = matches!(
                    e.without_snippet(),
                    serde_saphyr::Error::SerdeUnknownField { .. }
                );
                let line = e.location().map_or(0, |l| l.line() as usize);
                diags.push(to_diagnostic(&e, file));
                match (unknown, line) {
                    (true, l) if l > 0 => source = std::borrow::Cow::Owned(comment_out(&source, l)),
                    _ => return None,
                }
            }
        }
    }
    None
}

/// `true` while `l` still belongs to the value of the key on `first` (indented `base`): blank,
/// deeper, or a `- ` item at the same depth under a plain key.
fn continues(l: &str, first: &str, base: usize) -> bool {
    let depth = l.len() - l.trim_start().len();
    let same_depth_item =
        depth == base && l.trim_start().starts_with("- ") && !first.trim_start().starts_with("- ");
    l.trim().is_empty() || depth > base || same_depth_item
}

/// Comments out line `line` (1-based) and the lines below it indented deeper (its value).
fn comment_out(text: &str, line: usize) -> String {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(first) = lines.get(line - 1) else {
        return text.to_string();
    };
    let base = indent(first);
    let mut out = Vec::with_capacity(lines.len());
    let mut inside = false;
    for (i, l) in lines.iter().enumerate() {
        if i + 1 == line {
            inside = true;
            out.push(format!("{}#{}", &l[..base], &l[base..]));
        } else if inside && continues(l, first, base) {
            out.push(format!("#{l}"));
        } else {
            inside = false;
            out.push((*l).to_string());
        }
    }
    out.join("\n")
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
    fn unknown_keys_are_commented_out_with_their_values() {
        let text = "a: 1\ntitel:\n  - x\n  - y\nb: 2\n";
        assert_eq!(
            comment_out(text, 2),
            "a: 1\n#titel:\n#  - x\n#  - y\nb: 2\n"
        );
        let list = "- id: a\n  titel: x\n  date: 2025\n";
        assert_eq!(comment_out(list, 2), "- id: a\n  #titel: x\n  date: 2025\n");
    }

    #[test]
    fn every_problem_of_a_file_is_reported() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            title: Option<String>,
            date: Option<String>,
        }
        let mut d = Diagnostics::default();
        let v: Option<T> = parse(
            "titel: x\ndate: 2025\nsumary: y\n",
            Path::new("f.yaml"),
            &mut d,
        );
        assert!(v.is_some());
        let msgs: Vec<String> = d
            .sorted()
            .iter()
            .map(|d| format!("{}:{}", d.line, d.message))
            .collect();
        assert_eq!(msgs, ["1:unknown key `titel`", "3:unknown key `sumary`"]);
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("us-ukraine-2025"));
        assert!(!is_valid_slug("US_Ukraine"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug(""));
    }
}
