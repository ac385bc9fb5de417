//! Load stage: the raw serde shapes of `brief.yaml`, `packet.yaml` and the list files.
//!
//! These mirror the YAML exactly. Every value that validation may later refuse is wrapped in
//! serde-saphyr's [`Spanned`] so its line and column survive deserialisation; required keys are
//! `Option`s here so that validation can report every missing key of a file at once, each at
//! the position of the mapping that lacks it. Unknown keys are refused by `deny_unknown_fields`
//! (the loader turns serde's message into a located diagnostic naming the closest key).
//!
//! The same types derive the JSON Schemas that editors use (`crate::schema`): each field's doc
//! comment is what hovering the key shows, so it is written for the packet's writer. Spanned
//! values are described by the marker types of [`scalar`] (`#[schemars(with = …)]`).

mod evidence;
mod lists;
pub mod scalar;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

pub use evidence::EvidenceRaw;
pub use lists::{ActorRaw, EventRaw, LinkRaw, QuestionRaw, RelationRaw};
use scalar::{Date, Text};

/// A string with its position.
pub type S = Spanned<String>;

/// brief.yaml: the site's settings. Every key is optional.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigRaw {
    /// The site's title, shown on every page and in the feed. Default: `Briefing packets`.
    #[schemars(with = "Option<Text>")]
    pub title: Option<S>,
    /// The absolute http(s) URL of the site's root, e.g. `https://user.github.io/repo/`; its
    /// path prefixes every link. `--base-url` overrides it. Default: `http://127.0.0.1:1111/`.
    #[schemars(with = "Option<Text>")]
    pub base_url: Option<S>,
    /// A theme: a folder name under `themes/`, or `default` (built in, with the project's
    /// `themes/default/` over it). Default: `default`.
    #[schemars(with = "Option<Text>")]
    pub theme: Option<S>,
    /// Where `brief build` writes the site. Default: `public`.
    #[schemars(with = "Option<Text>")]
    pub output_dir: Option<S>,
    /// Which mentions of an actor in the article link to its page: the `first` one of each
    /// actor, `all`, or `none`. Default: `first`.
    #[schemars(with = "Option<Text>", extend("enum" = crate::model::MENTION_MODES))]
    pub mentions: Option<S>,
    /// Raw HTML in articles: `false` shows it as text (safe), `true` passes it through.
    /// Default: `false`.
    #[schemars(with = "Option<bool>")]
    pub raw_html: Option<Spanned<bool>>,
    /// The syntect theme that colours code blocks. Default: `InspiredGitHub`.
    #[schemars(with = "Option<Text>")]
    pub highlight_theme: Option<S>,
}

/// packet.yaml: the packet's metadata, and optionally its lists inline (instead of
/// timeline.yaml, actors.yaml, questions.yaml). Only `title` is required.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PacketRaw {
    /// Required. The packet's title, plain text.
    #[schemars(with = "Text")]
    pub title: Option<S>,
    /// The bottom line up front, in Markdown.
    #[schemars(with = "Option<Text>")]
    pub summary: Option<S>,
    /// The date the packet describes (see `Date`).
    #[schemars(with = "Option<Date>")]
    pub as_of: Option<S>,
    /// The date of the last revision (see `Date`).
    #[schemars(with = "Option<Date>")]
    pub updated: Option<S>,
    /// `true` leaves the packet out of `brief build` and `brief serve` unless `--drafts`.
    pub draft: Option<bool>,
    /// Tags, plain text.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub tags: Vec<S>,
    /// Where the article comes from, shown with it.
    #[schemars(with = "Option<SourceRaw>")]
    pub source: Option<Spanned<SourceRaw>>,
    /// Corrections and revisions, shown on the overview, newest first.
    #[serde(default)]
    #[schemars(with = "Vec<ChangeRaw>")]
    pub changelog: Vec<Spanned<ChangeRaw>>,
    /// Words or phrases of the article that the name audit should not report (not names).
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub not_names: Vec<S>,
    /// The events, when there is no timeline.yaml.
    #[schemars(with = "Option<Vec<EventRaw>>")]
    pub timeline: Option<Spanned<Vec<Spanned<EventRaw>>>>,
    /// The actors, when there is no actors.yaml.
    #[schemars(with = "Option<Vec<ActorRaw>>")]
    pub actors: Option<Spanned<Vec<Spanned<ActorRaw>>>>,
    /// The open questions, when there is no questions.yaml.
    #[schemars(with = "Option<Vec<QuestionRaw>>")]
    pub questions: Option<Spanned<Vec<Spanned<QuestionRaw>>>>,
}

/// `source:` in packet.yaml: the article's origin.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct SourceRaw {
    /// The original headline.
    #[schemars(with = "Option<Text>")]
    pub title: Option<S>,
    /// The publication.
    #[schemars(with = "Option<Text>")]
    pub publisher: Option<S>,
    /// The article's http(s) address; each evidence quote then links to its place in it.
    #[schemars(with = "Option<Text>")]
    pub url: Option<S>,
    /// When it was published (see `Date`).
    #[schemars(with = "Option<Date>")]
    pub published: Option<S>,
    /// Its authors.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub authors: Vec<S>,
    /// Its language, e.g. `en`.
    #[schemars(with = "Option<Text>")]
    pub language: Option<S>,
    /// A note on the source in Markdown, e.g. "machine translation; names garbled".
    #[schemars(with = "Option<Text>")]
    pub note: Option<S>,
}

/// One `changelog` entry: a correction or revision.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Change")]
pub struct ChangeRaw {
    /// Required. When (see `Date`).
    #[schemars(with = "Date")]
    pub date: Option<S>,
    /// Required. What changed, in Markdown.
    #[schemars(with = "Text")]
    pub note: Option<S>,
}
