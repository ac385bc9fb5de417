//! Unit tests of the YAML syntax adapter: every parser error kind is classified as the parser's
//! message used to be read (the old substring rules, kept here as the oracle only).

use super::*;

/// How `syntax` classified a parser message before it matched on kinds.
fn by_message(msg: &str) -> Syntax {
    let m = msg.to_lowercase();
    let has = |s: &str| m.contains(s);
    if has("recursion limit") {
        Syntax::Depth
    } else if has("tab ") || has("tabs") || m.ends_with("a tab") {
        Syntax::Tab
    } else if has("mapping values are not allowed") {
        Syntax::ColonInValue
    } else if has("did not find expected '-'") {
        Syntax::ListMisaligned
    } else if has("did not find expected key") || has("expected ':'") || has("invalid indentation")
    {
        Syntax::NotKeyValue
    } else if has("unclosed quote") || has("unexpected end of stream") {
        Syntax::UnclosedQuote
    } else if let Some(rest) = m.strip_prefix("unclosed bracket '") {
        Syntax::UnclosedBracket(rest.chars().next().unwrap_or('['))
    } else if has("mismatched bracket") {
        Syntax::MismatchedBracket
    } else if has("expected ',' or") {
        Syntax::MissingComma
    } else if has("tag") || has("handle") {
        Syntax::Tag
    } else if has("anchor or alias") {
        Syntax::AnchorName
    } else if has("document") || has("directive") {
        Syntax::DocumentMarker
    } else if has("eof") {
        Syntax::Eof
    } else if has("misplaced bracket") {
        Syntax::MisplacedBracket
    } else if has("unexpected character") || has("cannot start with") || has("':'") {
        Syntax::BadStart
    } else if has("unknown escape") {
        Syntax::UnknownEscape
    } else if has("trailing content after") {
        Syntax::TrailingAfterQuote
    } else if has("block sequence entries are not allowed") {
        Syntax::ListOnKeyLine
    } else {
        Syntax::Other
    }
}

#[test]
fn every_parser_kind_is_classified_as_its_message_was() {
    let kinds = [
        K::UnexpectedEofFlowSequence,
        K::UnexpectedEofFlowMapping,
        K::UnexpectedEofImplicitFlowMapping,
        K::UnexpectedEofBlockSequence,
        K::UnexpectedEofBlockMapping,
        K::UnexpectedEof,
        K::ExpectedStreamStart,
        K::DuplicateVersionDirective,
        K::UnsupportedYamlMajorVersion,
        K::DuplicateTagDirective,
        K::ExpectedDocumentStart,
        K::MissingDocumentEndBeforeDirective,
        K::AnchorCountOverflow,
        K::UnknownAnchor,
        K::ExpectedNodeContent,
        K::ExpectedBlockMappingKey,
        K::ExpectedFlowMappingSeparator,
        K::ExpectedFlowSequenceSeparator,
        K::ExpectedBlockSequenceEntry,
        K::UndeclaredTagHandle,
        K::MissingIncludeResolver,
        K::MultipleDocumentsUnsupported,
        K::InputOffsetsWithoutSlice,
        K::InputSlicingUnavailable,
        K::ExpectedTagBang,
        K::ExpectedTagDirectiveBang,
        K::InvalidGlobalTagCharacter,
        K::SimpleKeyExpected,
        K::InvalidSimpleKey,
        K::InvalidDocumentEnd,
        K::InvalidIndentation,
        K::BomInsideDocument,
        K::UnexpectedCharacter { character: '@' },
        K::UnexpectedCharacter { character: '`' },
        K::TabNotAllowed,
        K::TabInBlockIndentation,
        K::CommentInterceptedScalar,
        K::ExpectedWhitespace,
        K::CommentNotSeparated,
        K::InvalidDirectiveTerminator,
        K::DirectiveDisallowed,
        K::MissingYamlVersionSeparator,
        K::MissingDirectiveName,
        K::InvalidDirectiveName,
        K::DirectiveByteLimitExceeded { limit: 10 },
        K::TooManyReservedDirectiveParams { limit: 10 },
        K::YamlVersionTooLong,
        K::MissingYamlVersion,
        K::InvalidTagDirectiveTerminator,
        K::InvalidTagTerminator,
        K::MissingTagUri,
        K::UnclosedVerbatimTag,
        K::InvalidTagEscape,
        K::InvalidTagUtf8LeadingByte,
        K::InvalidTagUtf8TrailingByte,
        K::InvalidTagUtf8,
        K::MissingAnchorOrAliasName,
        K::MisplacedFlowCollectionEnd,
        K::MismatchedFlowCollectionEnd {
            open: '[',
            close: '}',
        },
        K::UnclosedFlowCollection { open: '[' },
        K::UnclosedFlowCollection { open: '{' },
        K::RecursionLimitExceeded,
        K::BlockEntryInFlowCollection,
        K::BlockSequenceEntryNotAllowed,
        K::InvalidBlockEntryWhitespace,
        K::ZeroBlockScalarIndent,
        K::InvalidBlockScalarHeader,
        K::TabAtBlockScalarStart,
        K::InvalidBlockScalarIndent,
        K::DocumentIndicatorInQuotedScalar,
        K::UnclosedQuotedScalar,
        K::TabInIndentation,
        K::InvalidQuotedScalarIndent,
        K::InvalidTrailingSingleQuotedScalar,
        K::InvalidTrailingDoubleQuotedScalar,
        K::UnknownQuotedScalarEscape,
        K::InvalidQuotedScalarHexEscape,
        K::InvalidLowSurrogateHexEscape,
        K::InvalidLowSurrogate,
        K::MissingLowSurrogate,
        K::UnpairedLowSurrogate,
        K::InvalidUnicodeEscape,
        K::InvalidFlowScalarIndent,
        K::PlainScalarStartsWithDashFlowIndicator,
        K::TabInPlainScalar,
        K::UnexpectedEndOfPlainScalar,
        K::MappingKeyNotAllowed,
        K::FlowMappingValueAdjacentCollection,
        K::InvalidMappingValueWhitespace,
        K::InvalidColonPlacement,
        K::MappingValueNotAllowed,
    ];
    for k in &kinds {
        assert_eq!(of_parser(k), by_message(&k.to_string()), "{k:?}: {k}");
    }
}

/// The kind of the error that parsing `text` gives.
fn kind_of(text: &str) -> Syntax {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct T {
        a: Option<String>,
        b: Option<Vec<String>>,
    }
    match serde_saphyr::from_str::<T>(text) {
        Ok(_) => panic!("{text:?} parsed"),
        Err(e) => classify(super::super::error::inner(e.without_snippet())),
    }
}

#[test]
fn real_errors_have_their_kind() {
    assert_eq!(kind_of("a: x: y\n"), Syntax::ColonInValue);
    assert_eq!(kind_of("a: \"open\n"), Syntax::UnclosedQuote);
    assert_eq!(kind_of("b: [x, y\n"), Syntax::UnclosedBracket('['));
    assert_eq!(kind_of("a: \"\\q\"\n"), Syntax::UnknownEscape);
    assert_eq!(kind_of("a: 'x' y\n"), Syntax::TrailingAfterQuote);
    assert_eq!(kind_of("a: x\n\tb: y\n"), Syntax::Tab);
    assert_eq!(kind_of("b: [x] ]\n"), Syntax::MisplacedBracket);
}
