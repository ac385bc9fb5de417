//! Validate stage output: the checked model every later stage reads.
//!
//! Everything here has passed validation: ids are unique and well-formed, references point at
//! existing actors (by index), dates are real dates and every evidence quote was found exactly
//! once in the article. Markdown fields are still Markdown; rendering turns them into HTML.

pub mod article;
pub mod date;
mod date_syntax;
mod keyword;

pub use keyword::{ActorKind, Keyword, Priority, Status};

use std::path::PathBuf;

use article::{Article, Hit, Mention};
use date::FuzzyDate;

/// The site configuration, defaults applied.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// Absolute base URL ending in `/`.
    pub base_url: String,
    /// Path of the base URL, starting and ending in `/`.
    pub root: String,
    /// Theme name (`default` or a folder under `themes/`).
    pub theme: String,
    /// Output folder, relative to the project root unless absolute.
    pub output_dir: PathBuf,
    /// How mentions are linked.
    pub mentions: MentionMode,
    /// Pass raw HTML in Markdown through.
    pub raw_html: bool,
    /// syntect theme for code blocks.
    pub highlight_theme: String,
}

/// The `mentions` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionMode {
    /// Link the first mention of each actor.
    First,
    /// Link every mention.
    All,
    /// Link none.
    None,
}

/// A validated project.
#[derive(Debug, Clone)]
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// Packets in slug order (drafts only when asked for).
    pub packets: Vec<Packet>,
}

/// One briefing packet.
#[derive(Debug, Clone)]
pub struct Packet {
    /// Folder name.
    pub slug: String,
    /// Folder relative to the project root.
    pub dir: PathBuf,
    /// Title.
    pub title: String,
    /// Bottom line (Markdown).
    pub summary: Option<String>,
    /// Date described.
    pub as_of: Option<FuzzyDate>,
    /// Last revision.
    pub updated: Option<FuzzyDate>,
    /// Left out of builds without `--drafts`.
    pub draft: bool,
    /// Tags.
    pub tags: Vec<String>,
    /// Source of the article.
    pub source: Option<Source>,
    /// Revisions, as written.
    pub changelog: Vec<Change>,
    /// The parsed article.
    pub article: Article,
    /// The text of article.md it was parsed from (the preview's Cite control matches in it).
    pub article_source: std::sync::Arc<str>,
    /// Events in date order (see [`FuzzyDate::key`]), then file order.
    pub events: Vec<Event>,
    /// Actors in file order.
    pub actors: Vec<Actor>,
    /// Questions in file order.
    pub questions: Vec<Question>,
    /// Every mention of an actor in the article.
    pub mentions: Vec<Mention>,
    /// Other files of the packet folder, relative to it.
    pub assets: Vec<PathBuf>,
}

/// `source:` of a packet.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// Title of the original.
    pub title: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// URL (http/https only).
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<FuzzyDate>,
    /// Authors.
    pub authors: Vec<String>,
    /// Language.
    pub language: Option<String>,
    /// Note (Markdown).
    pub note: Option<String>,
}

/// A changelog entry.
#[derive(Debug, Clone)]
pub struct Change {
    /// When.
    pub date: FuzzyDate,
    /// What (Markdown).
    pub note: String,
}

/// A quote anchored in the article.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// The quote as written.
    pub quote: String,
    /// Comment (Markdown).
    pub note: Option<String>,
    /// Where it was found.
    pub hit: Hit,
    /// Id of its mark on the article page.
    pub anchor: String,
}

/// A timeline event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Id (given or generated).
    pub id: String,
    /// Date.
    pub date: FuzzyDate,
    /// Title.
    pub title: String,
    /// Body (Markdown).
    pub body: Option<String>,
    /// Indices into [`Packet::actors`].
    pub actors: Vec<usize>,
    /// Tags.
    pub tags: Vec<String>,
    /// `importance: key`.
    pub key: bool,
    /// Who the claim rests on.
    pub sourcing: Option<String>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
}

/// An actor.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `person`, `organization`, `country` or `group`.
    pub kind: ActorKind,
    /// Role.
    pub role: Option<String>,
    /// Side.
    pub side: Option<String>,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Summary (Markdown).
    pub summary: Option<String>,
    /// Relations to other actors.
    pub relations: Vec<Relation>,
    /// External links `(title, url)`, URLs already filtered.
    pub links: Vec<(String, String)>,
}

/// A relation between two actors.
#[derive(Debug, Clone)]
pub struct Relation {
    /// Index of the other actor.
    pub to: usize,
    /// Label.
    pub label: String,
    /// Evidence.
    pub evidence: Vec<Evidence>,
}

/// An open question.
#[derive(Debug, Clone)]
pub struct Question {
    /// Id.
    pub id: String,
    /// The question.
    pub question: String,
    /// `open`, `answered` or `moot`.
    pub status: Status,
    /// `high`, `medium` or `low`.
    pub priority: Priority,
    /// ICD 203 likelihood term.
    pub likelihood: Option<&'static str>,
    /// `low`, `moderate` or `high`.
    pub confidence: Option<&'static str>,
    /// Indices into [`Packet::actors`].
    pub actors: Vec<usize>,
    /// Context (Markdown).
    pub context: Option<String>,
    /// Indicators.
    pub watch_for: Vec<String>,
    /// Who the claim rests on.
    pub sourcing: Option<String>,
    /// Answer (Markdown).
    pub answer: Option<String>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
}

/// The ICD 203 likelihood terms, least to most likely.
pub const LIKELIHOODS: [&str; 7] = [
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
];

/// The values of an actor's `kind` (the first is the default).
pub const ACTOR_KINDS: [&str; 4] = ["person", "organization", "country", "group"];

/// The values of an event's `importance` (the default is `normal`).
pub const IMPORTANCES: [&str; 2] = ["key", "normal"];

/// The values of a question's `status` (the first is the default).
pub const STATUSES: [&str; 3] = ["open", "answered", "moot"];

/// The values of a question's `priority` (the default is `medium`).
pub const PRIORITIES: [&str; 3] = ["high", "medium", "low"];

/// The values of a question's `confidence`.
pub const CONFIDENCES: [&str; 3] = ["low", "moderate", "high"];

/// The values of `mentions` in brief.yaml (the first is the default).
pub const MENTION_MODES: [&str; 3] = ["first", "all", "none"];
