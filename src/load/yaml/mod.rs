//! Load stage: YAML parsing with resource budgets, and serde errors turned into diagnostics.

use std::path::{Path, PathBuf};

use serde_saphyr::{Budget, Options, Spanned};

mod error;
mod syntax;
mod text;

use crate::diag::{DiagBuild, Diagnostic, Diagnostics, closest};
use error as yaml_error;

/// An unknown key that is probably a misspelling of `key`, in the mapping whose first key is
/// at `line`:`col` of `file`. Validation leaves out its "missing `key`" error there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typo {
    /// The file.
    pub file: PathBuf,
    /// Line of the mapping's first key.
    pub line: usize,
    /// Column of the mapping's first key.
    pub col: usize,
    /// The key it resembles.
    pub key: String,
}

/// [`parse_typos`], forgetting the typos.
pub fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<T> {
    parse_typos(text, file, diags, &mut Vec::new())
}

/// Parses `text` as `T`, with budgets that make hostile input fail fast: few aliases, shallow
/// nesting, bounded events. A failure becomes one located diagnostic; unknown keys that look
/// like a known one are added to `typos`.
pub fn parse_typos<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    diags: &mut Diagnostics,
    typos: &mut Vec<Typo>,
) -> Option<T> {
    if is_blank(text) {
        diags.push(
            Diagnostic::error(file, 0, 0, "this file is empty")
                .help("write the YAML it should hold, or delete the file (see `brief new` for a commented skeleton)"),
        );
        return None;
    }
    let mut options = Options::default();
    options.with_snippet = false;
    // Comments are never read back: skip capturing them.
    options.emit_comments = false;
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
    for round in 0..16 {
        match serde_saphyr::from_str_with_options::<T>(&source, options.clone()) {
            // With keys commented out, the rest is still checked; the unknown key's error
            // already fails the run.
            Ok(v) => return Some(v),
            Err(e) => {
                let e = e.without_snippet();
                // An alias to an anchor inside a commented-out value is our doing, not the
                // writer's: stop there.
                if round > 0 && matches!(e, serde_saphyr::Error::UnknownAnchor { .. }) {
                    return None;
                }
                let unknown = matches!(e, serde_saphyr::Error::SerdeUnknownField { .. });
                let (line, col) = e
                    .location()
                    .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
                if let serde_saphyr::Error::SerdeUnknownField {
                    field, expected, ..
                } = e
                    && let Some(key) = closest(field, expected.iter().copied())
                    && line > 0
                {
                    let (line, col) = mapping_start(&source, line, col);
                    typos.push(Typo {
                        file: file.to_path_buf(),
                        line,
                        col,
                        key: key.to_string(),
                    });
                }
                diags.push(yaml_error::to_diagnostic(e, &source, file));
                match (unknown, line) {
                    (true, l) if l > 0 => source = std::borrow::Cow::Owned(comment_out(&source, l)),
                    _ => return None,
                }
            }
        }
    }
    None
}

/// Parses a list file (`timeline.yaml`, `actors.yaml`, `questions.yaml`). A file holding
/// nothing but comments and blank lines is an empty list. A file whose first value is `[]`
/// (an empty list) with entries after it is one error at the `[]` line; the entries are then
/// parsed without it, so that their own problems are reported in the same run.
pub fn parse_list<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    diags: &mut Diagnostics,
    typos: &mut Vec<Typo>,
) -> Option<Spanned<Vec<Spanned<T>>>> {
    if is_blank(text) {
        let nowhere = serde_saphyr::Location::UNKNOWN;
        return Some(Spanned::new(Vec::new(), nowhere, nowhere));
    }
    let Some((line, col)) = empty_list_then_entries(text) else {
        return parse_typos(text, file, diags, typos);
    };
    diags.push(
        Diagnostic::error(file, line, col, "`[]` (an empty list) comes before the entries")
            .span_len(2)
            .label("this line says the list is empty")
            .help("delete this `[]` line and keep the entries below it (a file holding only comments is an empty list)"),
    );
    let without: String = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| if i + 1 == line { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    parse_typos(&without, file, diags, typos)
}

/// `true` when `text` holds only comments and blank lines.
pub fn is_blank(text: &str) -> bool {
    text.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

/// Line and column of a `[]` line that is the file's first value when more values follow it.
fn empty_list_then_entries(text: &str) -> Option<(usize, usize)> {
    let mut values = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let (i, first) = values.next()?;
    let body = first.trim_start();
    let rest = body.strip_prefix("[]")?.trim_start();
    if !(rest.is_empty() || rest.starts_with('#')) || values.next().is_none() {
        return None;
    }
    Some((i + 1, first.len() - body.len() + 1))
}

/// Line and column of the first key of the block mapping that holds the key at `line`:`col`
/// (its `- ` entry's first key, or the top of the file).
fn mapping_start(text: &str, line: usize, col: usize) -> (usize, usize) {
    if col <= 1 {
        return (1, 1);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut top = line;
    for l in (1..=line).rev() {
        let t = lines.get(l - 1).copied().unwrap_or("");
        let body = t.trim_start();
        let indent = t.len() - body.len();
        if body.is_empty() || body.starts_with('#') || indent + 1 > col {
            continue;
        }
        if indent + 1 == col {
            top = l;
            continue;
        }
        // A `- key:` line whose key sits at `col` starts the entry.
        let after_dash = body.strip_prefix('-').map(str::trim_start);
        if let Some(rest) = after_dash
            && t.len() - rest.len() + 1 == col
        {
            top = l;
        }
        break;
    }
    (top, col)
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
    fn comments_only_is_an_empty_list_and_a_leading_empty_list_is_named() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            id: Option<String>,
        }
        let file = Path::new("actors.yaml");
        for blank in ["", "# nothing yet\n\n", "\n  # indented comment\n"] {
            let mut d = Diagnostics::default();
            let v = parse_list::<T>(blank, file, &mut d, &mut Vec::new());
            assert!(v.is_some_and(|v| v.value.is_empty()), "{blank:?}");
            assert_eq!(d.error_count(), 0, "{blank:?}");
        }
        assert_eq!(empty_list_then_entries("[]\n# - id: a\n"), None);
        assert_eq!(empty_list_then_entries("- id: a\n"), None);
        let text = "# Actors\n[]  # empty\n- id: a\n- id: b\n  nmae: x\n";
        assert_eq!(empty_list_then_entries(text), Some((2, 1)));
        let mut d = Diagnostics::default();
        let v = parse_list::<T>(text, file, &mut d, &mut Vec::new());
        let msgs: Vec<String> = d
            .sorted()
            .iter()
            .map(|d| format!("{}:{}:{}", d.line, d.col, d.message))
            .collect();
        assert_eq!(
            msgs,
            [
                "2:1:`[]` (an empty list) comes before the entries",
                "5:3:unknown key `nmae`"
            ]
        );
        assert_eq!(v.map(|v| v.value.len()), Some(2));
    }

    #[test]
    fn mapping_start_finds_the_entrys_first_key() {
        let text = "- id: a\n  name: A\n  relations:\n    - to: b\n      lable: x\n";
        assert_eq!(mapping_start(text, 5, 7), (4, 7));
        assert_eq!(mapping_start(text, 2, 3), (1, 3));
        assert_eq!(mapping_start("titel: x\n", 1, 1), (1, 1));
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("us-ukraine-2025"));
        assert!(!is_valid_slug("US_Ukraine"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug(""));
    }
}
