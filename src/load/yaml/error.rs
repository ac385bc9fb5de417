//! Load stage: serde-saphyr's errors in the writer's terms: which key, what was expected,
//! what was found there, and how to fix it; parser jargon never reaches the terminal.

use std::path::Path;

use serde_saphyr::Error;
use serde_saphyr::budget::BudgetBreach;

use super::syntax::{Syntax, classify, syntax};
use super::text::{Src, example_for};
use crate::diag::{DiagBuild, Diagnostic, Kind, closest};

pub(super) const LIMITS: &str = "brief limits aliases, anchors and nesting in YAML so that broken or hostile files fail fast; write the values out plainly";
pub(super) const QUOTING: &str = "check the indentation and quoting on this line; put text in quotes when it contains `: ` or starts with a special character";

/// One located diagnostic for a YAML error in `text` (the file `file` as parsed).
pub(super) fn to_diagnostic(e: &Error, text: &str, file: &Path) -> Diagnostic {
    let outer = e.without_snippet();
    let e = inner(outer);
    let (line, col) = outer
        .location()
        .or_else(|| e.location())
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let list = crate::load::LIST_FILES
        .contains(&name.as_str())
        .then(|| name.trim_end_matches(".yaml").to_string());
    let src = Src::new(text, line, col, list);
    // Through an alias, describe the anchored value the alias stands for.
    let anchored = match outer {
        Error::AliasError { locations, .. } => {
            let at = locations.defined_location;
            Some(Src::new(text, at.line() as usize, at.column() as usize, None).found())
        }
        _ => None,
    };
    let d = |msg: String| Diagnostic::error(file, line, col, msg);
    match e {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let meant = closest(field, expected.iter().copied());
            let label = meant.map_or_else(
                || "unknown key".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            d(format!("unknown key `{field}`"))
                .span_len(field.chars().count())
                .label(label)
                .help(format!("known keys here: {}", expected.join(", ")))
                .kind(Kind::UnknownKey {
                    key: field.clone(),
                    meant: meant.map(str::to_string),
                })
        }
        Error::Unexpected { expected, .. } => match *expected {
            "string scalar" | "scalar" => wrong_type(d, &src, "text", file, anchored),
            "sequence start" => wrong_type(d, &src, "a list", file, anchored),
            "mapping start" => wrong_type(d, &src, "a mapping", file, anchored),
            other => d(format!("expected {other} here")).help(QUOTING),
        },
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => invalid_type(d, &src, unexpected, expected),
        Error::InvalidBooleanStrict { .. } | Error::InvalidScalar { ty: "boolean", .. } => {
            let word = src.word();
            let what = src.key().map_or("this value".into(), |k| format!("`{k}`"));
            d(format!("{what} must be `true` or `false`, not `{word}`"))
                .span_len(word.chars().count())
                .help("write `true` or `false`")
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_else(|| src.word());
            let mut diag = d(format!("duplicate key `{key}`")).span_len(key.chars().count());
            if let Some(first) = src.earlier_key(&key) {
                diag = diag.label(format!("`{key}` is already set on line {first}"));
            }
            diag.help("a key may appear once in each mapping; keep one of them")
        }
        Error::MultipleDocuments { .. } => d("this file holds more than one YAML document".into())
            .label("a second document starts here")
            .help("remove the `---` or `...` line above it (or everything after it): one file holds one document"),
        Error::UnknownAnchor { .. } => {
            let word = src.word();
            d(format!("alias `{word}` names no anchor"))
                .span_len(word.chars().count())
                .label("no `&` anchor of this name comes before it")
                .help("an alias `*name` repeats a value marked `&name` earlier in the same file; write the value out instead")
        }
        Error::Budget { breach, .. } => d(budget(breach)).help(LIMITS),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => {
            d("aliases in this file expand to too much data".into()).help(LIMITS)
        }
        Error::TaggedScalarCannotDeserializeIntoString { .. } => {
            syntax(d, &src, Syntax::Tag, "tag", file).kind(Kind::Syntax)
        }
        Error::NullIntoString { .. } => d("expected text here, not an empty value".into())
            .help("write a value after the `:`, or remove the line"),
        Error::Eof { .. } => d("the file ends in the middle of a value".into())
            .help("close every open quote and bracket"),
        other => syntax(d, &src, classify(other), &first_line(other), file).kind(Kind::Syntax),
    }
}

/// The error an alias points back to (the alias's use site keeps the location).
pub(super) fn inner(mut e: &Error) -> &Error {
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = e {
        e = error;
    }
    e
}

fn first_line(e: &Error) -> String {
    let s = e.to_string();
    let s = s.lines().next().unwrap_or("invalid YAML").trim();
    s.split(" at line ").next().unwrap_or(s).to_string()
}

pub(super) fn budget(b: &BudgetBreach) -> String {
    match b {
        BudgetBreach::Aliases { .. } => {
            "too many aliases (`*name`): brief allows 100 in one file".into()
        }
        BudgetBreach::Anchors { .. } => {
            "too many anchors (`&name`): brief allows 100 in one file".into()
        }
        BudgetBreach::Depth { .. } => "lists and mappings are nested too deeply here".into(),
        _ => "this YAML file is too large or too complex".into(),
    }
}

/// `want` (text, a list, a mapping) was expected where the source has something else.
fn wrong_type(
    d: impl Fn(String) -> Diagnostic,
    src: &Src,
    want: &str,
    file: &Path,
    anchored: Option<String>,
) -> Diagnostic {
    let found = match anchored {
        Some(f) => format!("{f} (through the alias `{}`)", src.word()),
        None => src.found(),
    };
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (msg, help) = match src.owner() {
        Some((key, true)) => (
            format!("each entry of `{key}` must be {want}, not {found}"),
            help_for(want, &key, true),
        ),
        Some((key, false)) => (
            format!("`{key}` must be {want}, not {found}"),
            help_for(
                want,
                &key,
                found.starts_with("a mapping") && key == "actors",
            ),
        ),
        None if src.at_top() => (
            format!("{name} must hold {}, not {found}", top_want(&name)),
            format!("start the file with {}", top_example(&name)),
        ),
        None => (format!("expected {want} here, not {found}"), QUOTING.into()),
    };
    d(msg).span_len(src.value_len()).label(found).help(help)
}

fn top_want(name: &str) -> &'static str {
    if name == "packet.yaml" || name == "brief.yaml" {
        "a mapping of keys"
    } else {
        "a list of entries"
    }
}

fn top_example(name: &str) -> &'static str {
    match name {
        "packet.yaml" => "`title: …` and the packet's other keys, one per line",
        "brief.yaml" => "`title: …` and the site's other keys, one per line",
        _ => "one `- id: …` line per entry, its other keys indented below it",
    }
}

fn help_for(want: &str, key: &str, item: bool) -> String {
    match (want, item) {
        ("a list", entries)
            if entries
                || matches!(
                    key,
                    "timeline" | "questions" | "changelog" | "relations" | "links"
                ) =>
        {
            format!(
                "write one `- {}` entry per item under `{key}:`, its other keys indented below it",
                example_for(key)
            )
        }
        ("a list", _) => {
            format!("write `{key}: [a, b]`, or one `- a` line per entry under `{key}:`")
        }
        ("a mapping", true) => format!(
            "write each entry of `{key}` as `- {}` with its other keys indented below it",
            example_for(key)
        ),
        ("a mapping", false) => format!(
            "write `{key}:` on its own line and its keys indented below it (`{}`)",
            example_for(key)
        ),
        _ => "write plain text here; if it is meant as text, put it in quotes: \"…\"".into(),
    }
}

fn invalid_type(
    d: impl Fn(String) -> Diagnostic,
    src: &Src,
    unexpected: &str,
    expected: &str,
) -> Diagnostic {
    let found = match unexpected.split_once(' ') {
        Some(("integer" | "floating", _)) => format!("the number `{}`", src.word()),
        Some(("boolean", _)) => format!("`{}`", src.word()),
        _ if unexpected == "sequence" => "a list".into(),
        _ if unexpected == "map" => "a mapping".into(),
        _ => src.found(),
    };
    if expected.starts_with("a quote") {
        let help = if found.starts_with('a') {
            "write the quote as text, `- \"…\"`, or as `- quote: \"…\"` with optional `prefix:`, `suffix:`, `note:`".to_string()
        } else {
            format!(
                "put it in quotes to quote it as text: `- \"{}\"`",
                src.word()
            )
        };
        return d(format!(
            "evidence must be a quote or a mapping with `quote:`, not {found}"
        ))
        .span_len(src.value_len())
        .label(found)
        .help(help);
    }
    d(format!("expected {expected}, not {found}"))
        .label(found)
        .help(QUOTING)
}
