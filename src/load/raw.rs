//! Load stage: the raw serde shapes of `brief.yaml`, `packet.yaml` and the list files.
//!
//! These mirror the YAML exactly. Every value that validation may later refuse is wrapped in
//! serde-saphyr's [`Spanned`] so its line and column survive deserialisation; required keys are
//! `Option`s here so that validation can report every missing key of a file at once, each at
//! the position of the mapping that lacks it. Unknown keys are refused by `deny_unknown_fields`
//! (the loader turns serde's message into a located diagnostic naming the closest key).

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

/// A string with its position.
pub type S = Spanned<String>;

/// `brief.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigRaw {
    pub title: Option<S>,
    pub base_url: Option<S>,
    pub theme: Option<S>,
    pub output_dir: Option<S>,
    pub mentions: Option<S>,
    pub raw_html: Option<Spanned<bool>>,
    pub highlight_theme: Option<S>,
}

/// `packet.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PacketRaw {
    pub title: Option<S>,
    pub summary: Option<S>,
    pub as_of: Option<S>,
    pub updated: Option<S>,
    pub draft: Option<bool>,
    #[serde(default)]
    pub tags: Vec<S>,
    pub source: Option<Spanned<SourceRaw>>,
    #[serde(default)]
    pub changelog: Vec<Spanned<ChangeRaw>>,
    /// Words or phrases of the article that the name audit should not report (not names).
    #[serde(default)]
    pub not_names: Vec<S>,
    pub timeline: Option<Spanned<Vec<Spanned<EventRaw>>>>,
    pub actors: Option<Spanned<Vec<Spanned<ActorRaw>>>>,
    pub questions: Option<Spanned<Vec<Spanned<QuestionRaw>>>>,
}

/// `source:` in packet.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRaw {
    pub title: Option<S>,
    pub publisher: Option<S>,
    pub url: Option<S>,
    pub published: Option<S>,
    #[serde(default)]
    pub authors: Vec<S>,
    pub language: Option<S>,
    pub note: Option<S>,
}

/// One `changelog` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRaw {
    pub date: Option<S>,
    pub note: Option<S>,
}

/// One timeline event.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRaw {
    pub id: Option<S>,
    pub date: Option<S>,
    pub title: Option<S>,
    pub body: Option<S>,
    #[serde(default)]
    pub actors: Vec<S>,
    #[serde(default)]
    pub tags: Vec<S>,
    pub importance: Option<S>,
    pub sourcing: Option<S>,
    #[serde(default)]
    pub evidence: Vec<Spanned<EvidenceRaw>>,
}

/// One actor.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorRaw {
    pub id: Option<S>,
    pub name: Option<S>,
    pub kind: Option<S>,
    pub role: Option<S>,
    pub side: Option<S>,
    #[serde(default)]
    pub aliases: Vec<S>,
    pub summary: Option<S>,
    #[serde(default)]
    pub relations: Vec<Spanned<RelationRaw>>,
    #[serde(default)]
    pub links: Vec<Spanned<LinkRaw>>,
}

/// One relation of an actor.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRaw {
    pub to: Option<S>,
    pub label: Option<S>,
    #[serde(default)]
    pub evidence: Vec<Spanned<EvidenceRaw>>,
}

/// One external link of an actor.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkRaw {
    pub title: Option<S>,
    pub url: Option<S>,
}

/// One question.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionRaw {
    pub id: Option<S>,
    pub question: Option<S>,
    pub status: Option<S>,
    pub priority: Option<S>,
    pub likelihood: Option<S>,
    pub confidence: Option<S>,
    #[serde(default)]
    pub actors: Vec<S>,
    pub context: Option<S>,
    #[serde(default)]
    pub watch_for: Vec<S>,
    pub sourcing: Option<S>,
    pub answer: Option<S>,
    #[serde(default)]
    pub evidence: Vec<Spanned<EvidenceRaw>>,
}

/// One evidence entry: `"quote"` or `{quote, prefix, suffix, note}`.
#[derive(Debug, Default)]
pub struct EvidenceRaw {
    pub quote: Option<S>,
    pub prefix: Option<S>,
    pub suffix: Option<S>,
    pub note: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceLong {
    quote: Option<S>,
    prefix: Option<S>,
    suffix: Option<S>,
    note: Option<S>,
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
