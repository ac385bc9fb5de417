//! Load stage: one evidence entry, written as a quote (a string) or as a mapping with `quote`
//! and optional `prefix`, `suffix`, `note`; its schema offers both forms.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use super::S;
use super::scalar::Text;

/// One evidence entry: `"quote"` or `{quote, prefix, suffix, note}`.
#[derive(Debug, Default)]
pub struct EvidenceRaw {
    /// The quote.
    pub quote: Option<S>,
    /// Text just before it.
    pub prefix: Option<S>,
    /// Text just after it.
    pub suffix: Option<S>,
    /// A comment on it.
    pub note: Option<S>,
}

/// Evidence in the long form: the quote, the text around it when it occurs more than once,
/// and a note.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "EvidenceEntry")]
struct EvidenceLong {
    /// Required. Words copied from article.md, found in exactly one block (paragraph, heading,
    /// list item or table cell). Whitespace and typographic quotes may differ.
    #[schemars(with = "Text")]
    quote: Option<S>,
    /// The text just before the quote, to pick one of several places it occurs.
    #[schemars(with = "Option<Text>")]
    prefix: Option<S>,
    /// The text just after the quote, to pick one of several places it occurs.
    #[schemars(with = "Option<Text>")]
    suffix: Option<S>,
    /// A comment on this evidence, in Markdown.
    #[schemars(with = "Option<Text>")]
    note: Option<S>,
}

impl JsonSchema for EvidenceRaw {
    fn schema_name() -> Cow<'static, str> {
        "Evidence".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let long = generator.subschema_for::<EvidenceLong>();
        let short = generator.subschema_for::<Text>();
        json_schema!({
            "description": "A quote from article.md: the words themselves, or a mapping with `quote` and optional `prefix`, `suffix` and `note`.",
            "anyOf": [short, long]
        })
    }
}

impl<'de> Deserialize<'de> for EvidenceRaw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EvidenceRaw;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a quote (a string) or a mapping with `quote` and optional `prefix`, `suffix`, `note`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EvidenceRaw, E> {
                // The position is filled in by the loader from the enclosing `Spanned`.
                let quote = Spanned::new(
                    v.to_string(),
                    serde_saphyr::Location::UNKNOWN,
                    serde_saphyr::Location::UNKNOWN,
                );
                Ok(EvidenceRaw {
                    quote: Some(quote),
                    ..EvidenceRaw::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<EvidenceRaw, A::Error> {
                let long = EvidenceLong::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(EvidenceRaw {
                    quote: long.quote,
                    prefix: long.prefix,
                    suffix: long.suffix,
                    note: long.note,
                })
            }
        }
        d.deserialize_any(V)
    }
}
