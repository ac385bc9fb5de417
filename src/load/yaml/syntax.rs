//! Load stage: YAML syntax errors, classified by the parser's error kind (never by its
//! message) and retold in the writer's terms, each located where the fix goes (a stray tab, a
//! bad escape).

use std::path::Path;

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind as K;
use serde_saphyr::{Error, ExternalMessageSource};

use super::error::{LIMITS, QUOTING, budget};
use super::text::Src;
use crate::diag::{DiagBuild, Diagnostic};

/// What kind of syntax mistake a parser error is, in the writer's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    /// Nesting deeper than the parser allows.
    Depth,
    /// A tab where YAML allows none.
    Tab,
    /// `key: text: more` (a `: ` inside an unquoted value).
    ColonInValue,
    /// A line that lines up with neither the entry's keys nor a new `- ` entry.
    ListMisaligned,
    /// A line that is not `key: value` at its indentation.
    NotKeyValue,
    /// A quote never closed.
    UnclosedQuote,
    /// A `[` or `{` never closed.
    UnclosedBracket(char),
    /// `[` closed by `}` or the reverse.
    MismatchedBracket,
    /// Two values in brackets without a `,`.
    MissingComma,
    /// A YAML tag (`!…`).
    Tag,
    /// `&` or `*` without a name.
    AnchorName,
    /// `---`, `...` or a `%` directive.
    DocumentMarker,
    /// The file ends inside a value.
    Eof,
    /// A closing bracket without an opening one.
    MisplacedBracket,
    /// A value that starts with a character YAML reserves.
    BadStart,
    /// An unknown `\` escape in double quotes.
    UnknownEscape,
    /// Text after a closing quote.
    TrailingAfterQuote,
    /// `key: - item` on one line.
    ListOnKeyLine,
    /// Anything else.
    Other,
}

/// The kind of a YAML error that [`super::error::to_diagnostic`] does not tell on its own.
pub(super) fn classify(e: &Error) -> Syntax {
    match e {
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => of_parser(scan.kind()),
            _ => Syntax::Other,
        },
        Error::TaggedScalarCannotDeserializeIntoString { .. }
        | Error::UnsupportedTag { .. }
        | Error::TaggedStructFieldName { .. }
        | Error::BinaryNotUtf8 { .. }
        | Error::BytesNotSupportedMissingBinaryTag { .. }
        | Error::ExpectedStringKeyForExternallyTaggedEnum { .. }
        | Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
        | Error::TaggedEnumMismatch { .. } => Syntax::Tag,
        Error::MultipleDocuments { .. } => Syntax::DocumentMarker,
        Error::Eof { .. } => Syntax::Eof,
        _ => Syntax::Other,
    }
}

/// The kind of a parser error (`syntax_tests.rs` checks every kind).
pub(super) fn of_parser(k: &K) -> Syntax {
    match k {
        K::RecursionLimitExceeded => Syntax::Depth,
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabAtBlockScalarStart
        | K::TabInIndentation
        | K::TabInPlainScalar => Syntax::Tab,
        K::MappingValueNotAllowed => Syntax::ColonInValue,
        K::ExpectedBlockSequenceEntry => Syntax::ListMisaligned,
        K::ExpectedBlockMappingKey
        | K::SimpleKeyExpected
        | K::InvalidIndentation
        | K::InvalidQuotedScalarIndent
        | K::InvalidFlowScalarIndent => Syntax::NotKeyValue,
        K::UnclosedQuotedScalar => Syntax::UnclosedQuote,
        K::UnclosedFlowCollection { open } => Syntax::UnclosedBracket(*open),
        K::MismatchedFlowCollectionEnd { .. } => Syntax::MismatchedBracket,
        K::ExpectedFlowMappingSeparator | K::ExpectedFlowSequenceSeparator => Syntax::MissingComma,
        K::DuplicateTagDirective
        | K::UndeclaredTagHandle
        | K::ExpectedTagBang
        | K::ExpectedTagDirectiveBang
        | K::InvalidGlobalTagCharacter
        | K::InvalidTagDirectiveTerminator
        | K::InvalidTagTerminator
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape
        | K::InvalidTagUtf8LeadingByte
        | K::InvalidTagUtf8TrailingByte
        | K::InvalidTagUtf8 => Syntax::Tag,
        K::MissingAnchorOrAliasName => Syntax::AnchorName,
        K::DuplicateVersionDirective
        | K::ExpectedDocumentStart
        | K::MissingDocumentEndBeforeDirective
        | K::MultipleDocumentsUnsupported
        | K::InvalidDocumentEnd
        | K::BomInsideDocument
        | K::InvalidDirectiveTerminator
        | K::DirectiveDisallowed
        | K::MissingYamlVersionSeparator
        | K::MissingDirectiveName
        | K::InvalidDirectiveName
        | K::DirectiveByteLimitExceeded { .. }
        | K::TooManyReservedDirectiveParams { .. }
        | K::YamlVersionTooLong
        | K::MissingYamlVersion
        | K::DocumentIndicatorInQuotedScalar => Syntax::DocumentMarker,
        K::UnexpectedEofFlowSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping
        | K::UnexpectedEofBlockSequence
        | K::UnexpectedEofBlockMapping
        | K::UnexpectedEof => Syntax::Eof,
        K::MisplacedFlowCollectionEnd => Syntax::MisplacedBracket,
        K::UnexpectedCharacter { .. }
        | K::PlainScalarStartsWithDashFlowIndicator
        | K::FlowMappingValueAdjacentCollection
        | K::InvalidMappingValueWhitespace
        | K::InvalidColonPlacement => Syntax::BadStart,
        K::UnknownQuotedScalarEscape => Syntax::UnknownEscape,
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            Syntax::TrailingAfterQuote
        }
        K::BlockSequenceEntryNotAllowed => Syntax::ListOnKeyLine,
        _ => Syntax::Other,
    }
}

/// A syntax error of kind `kind` (`msg`: the parser's words, shown only for [`Syntax::Other`]).
pub(super) fn syntax(
    d: impl Fn(String) -> Diagnostic,
    src: &Src,
    kind: Syntax,
    msg: &str,
    file: &Path,
) -> Diagnostic {
    match kind {
        Syntax::Depth => return d(budget(&BudgetBreach::Depth { depth: 0 })).help(LIMITS),
        Syntax::Tab => {
            return match src.find_tab() {
                Some((l, c)) => Diagnostic::error(file, l, c, "a tab character in the indentation")
                    .label("tab")
                    .help("YAML is indented with spaces only; replace the tab with spaces"),
                None => d("a tab character where YAML allows none".into())
                    .help("YAML is indented with spaces only; replace tabs with spaces"),
            };
        }
        Syntax::ColonInValue => {
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
        Syntax::ListMisaligned => {
            return d("this line does not line up with the list it is in".into())
                .label("this indentation matches neither the entry's keys nor a new `- ` entry")
                .help(src.align_help());
        }
        _ => {}
    }
    if let Some(block) = src.block_text_above() {
        return d("this line is not indented as part of the text block above".into())
            .label("unexpected here")
            .help(format!("every line of a `{block}` text block is indented deeper than its key, by the same amount as its first line"));
    }
    match kind {
        Syntax::NotKeyValue => d("this line is not a `key: value` line at this indentation".into())
            .label("unexpected here")
            .help(src.align_help()),
        Syntax::UnclosedQuote => d("this quote is never closed".into())
            .label("opened here")
            .help("end the value with the same quote mark it starts with"),
        Syntax::UnclosedBracket(open) => {
            let close = if open == '{' { '}' } else { ']' };
            d(format!("this `{open}` is never closed"))
                .label("opened here")
                .help(format!(
                    "close it with `{close}`, or put the value in quotes if the bracket is text"
                ))
        }
        Syntax::MismatchedBracket => d("brackets do not match".into())
            .help("close a `[` list with `]` and a `{` mapping with `}`; put text with brackets in quotes"),
        Syntax::MissingComma => d("missing `,` between two values in brackets".into())
            .help("separate the values in `[…]` or `{…}` with `, `; put a value that contains `,`, `:` or brackets in quotes"),
        Syntax::Tag => d("YAML tags (`!…`) are not used in brief files".into())
            .help("remove the tag, or put the value in quotes if the `!` is part of the text"),
        Syntax::AnchorName => d("`&` and `*` must be followed by a name".into())
            .help("put the value in quotes if the `&` or `*` is part of the text"),
        Syntax::DocumentMarker => d("a document marker (`---`, `...`, `%`) inside the file".into())
            .help("remove the line; one file holds one YAML document"),
        Syntax::Eof => d("the file ends in the middle of a value".into())
            .help("close every open quote and bracket"),
        Syntax::MisplacedBracket => d("a closing bracket without an opening one".into())
            .help("remove it, or put the value in quotes if the bracket is part of the text"),
        Syntax::BadStart => {
            let c = src.word().chars().next().unwrap_or('?');
            d(format!("a value cannot start with `{c}`")).help("put the value in quotes: \"…\"")
        }
        Syntax::UnknownEscape => {
            let (l, c) = src.bad_escape();
            Diagnostic::error(file, l, c, "unknown escape sequence in double quotes")
                .span_len(2)
                .label("not a YAML escape")
                .help("write `\\\\` for a backslash, or use single quotes ('…'), which keep backslashes as they are")
        }
        Syntax::TrailingAfterQuote => d("text after the closing quote".into())
            .label("this text is outside the quotes")
            .help("put the whole value inside the quotes"),
        Syntax::ListOnKeyLine => d("a list cannot start on the same line as its key".into())
            .help("put each `- item` on its own line below the key, indented, or write `[a, b]`"),
        Syntax::Depth | Syntax::Tab | Syntax::ColonInValue | Syntax::ListMisaligned | Syntax::Other => {
            d(format!("invalid YAML: {msg}")).help(QUOTING)
        }
    }
}

#[cfg(test)]
#[path = "syntax_tests.rs"]
mod tests;
