//! Render stage: the view structs of a packet's items (events, actors, questions, evidence) and
//! of its annotated article; part of the theme author's reference (see [`super`]).

use serde::Serialize;

use super::{DateView, Neighbourhood};

/// A short reference to an actor (in event, question and relation lists).
#[derive(Debug, Clone, Serialize)]
pub struct ActorRef {
    /// Actor id.
    pub id: String,
    /// Actor name.
    pub name: String,
    /// Actor page URL.
    pub url: String,
}

/// A short reference to an event or a question (on actor pages).
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef {
    /// Event or question id.
    pub id: String,
    /// Event title or question text.
    pub title: String,
    /// URL of the item (event: its entry on the timeline page; question: its page).
    pub url: String,
    /// Event date display text, or the question's status.
    pub detail: String,
}

/// One piece of evidence: a quote found in the article.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// The quote as written in the YAML.
    pub quote: String,
    /// Number of the article block it was found in.
    pub block: usize,
    /// Id of its `<mark>` on the article page.
    pub anchor: String,
    /// URL of the highlight on the article page.
    pub url: String,
    /// URL of the quote on the original page (text fragment), or null without `source.url`.
    pub source_url: Option<String>,
    /// Comment on this evidence, rendered Markdown, or null.
    pub note_html: Option<String>,
}

/// One timeline event.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Event id (given, or made from date and title).
    pub id: String,
    /// Its date.
    pub date: DateView,
    /// Title (plain text).
    pub title: String,
    /// Body, rendered Markdown, or null.
    pub body_html: Option<String>,
    /// Actors involved.
    pub actors: Vec<ActorRef>,
    /// Tags.
    pub tags: Vec<String>,
    /// `key` or `normal`.
    pub importance: &'static str,
    /// Who the article says the claim rests on, or null.
    pub sourcing: Option<String>,
    /// Evidence from the article.
    pub evidence: Vec<EvidenceView>,
    /// The event's entry on the timeline page (`…/timeline/#event-<id>`).
    pub url: String,
    /// Id of its entry on the timeline page (`event-<id>`).
    pub anchor: String,
}

/// One actor.
#[derive(Debug, Clone, Serialize)]
pub struct ActorView {
    /// Actor id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `person`, `organization`, `country` or `group`.
    pub kind: &'static str,
    /// Role, or null.
    pub role: Option<String>,
    /// Side, or null.
    pub side: Option<String>,
    /// Other spellings counted as mentions.
    pub aliases: Vec<String>,
    /// Summary, rendered Markdown, or null.
    pub summary_html: Option<String>,
    /// Declared relations to other actors.
    pub relations: Vec<RelationView>,
    /// Relations other actors declare to this one, in actor file order.
    pub incoming: Vec<IncomingView>,
    /// External links (only http/https/mailto/relative kept).
    pub links: Vec<LinkView>,
    /// Events this actor takes part in, in timeline order.
    pub events: Vec<ItemRef>,
    /// Questions naming this actor.
    pub questions: Vec<ItemRef>,
    /// Article blocks that mention this actor.
    pub mentions: Vec<MentionView>,
    /// Actor page URL.
    pub url: String,
    /// This actor, its relations and the actors it shares events with, as a picture (actor
    /// page), or null when it has none.
    pub neighbourhood: Option<Neighbourhood>,
    /// The same neighbourhood stacked for narrow screens and paper (the actor on top, its
    /// neighbours in rows below); null when `neighbourhood` is.
    pub neighbourhood_narrow: Option<Neighbourhood>,
    /// Summary (else role) as plain text, at most 200 characters, for the page head.
    pub description: String,
    /// The actor as a schema.org `Person`, `Organization` or `Country` (aliases as
    /// `alternateName`); see [`super::PacketMeta`] for the escaping.
    pub ld_json: String,
}

/// An actor's relation to another.
#[derive(Debug, Clone, Serialize)]
pub struct RelationView {
    /// The other actor.
    pub to: ActorRef,
    /// What the relation is (plain text).
    pub label: String,
    /// Evidence from the article.
    pub evidence: Vec<EvidenceView>,
}

/// A relation another actor declares to this one (listed on this actor's page).
#[derive(Debug, Clone, Serialize)]
pub struct IncomingView {
    /// The actor that declares the relation.
    pub from: ActorRef,
    /// What the relation is (plain text).
    pub label: String,
    /// Evidence from the article.
    pub evidence: Vec<EvidenceView>,
}

/// An external link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Link text.
    pub title: String,
    /// Target URL (filtered; a dropped URL removes the link).
    pub url: String,
}

/// A block of the article that mentions an actor.
#[derive(Debug, Clone, Serialize)]
pub struct MentionView {
    /// Block number.
    pub block: usize,
    /// URL of the block on the article page.
    pub url: String,
    /// A short plain-text excerpt around the first mention.
    pub excerpt: String,
}

/// Actors sharing a `side`.
#[derive(Debug, Clone, Serialize)]
pub struct SideGroup {
    /// The side, or null for actors without one.
    pub side: Option<String>,
    /// Its actors, in file order. In Rust, their indexes in `PacketView::actors`; templates
    /// see the actors themselves.
    pub actors: Vec<usize>,
}

/// One open question.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// Question id.
    pub id: String,
    /// The question (plain text).
    pub question: String,
    /// `open`, `answered` or `moot`.
    pub status: &'static str,
    /// `high`, `medium` or `low`.
    pub priority: &'static str,
    /// ICD 203 likelihood term, or null.
    pub likelihood: Option<&'static str>,
    /// `low`, `moderate` or `high`, or null.
    pub confidence: Option<&'static str>,
    /// Actors concerned.
    pub actors: Vec<ActorRef>,
    /// Context, rendered Markdown, or null.
    pub context_html: Option<String>,
    /// Indicators that would answer it.
    pub watch_for: Vec<String>,
    /// Who the article says the claim rests on, or null.
    pub sourcing: Option<String>,
    /// The answer, rendered Markdown (set when `answered`), or null.
    pub answer_html: Option<String>,
    /// Evidence from the article.
    pub evidence: Vec<EvidenceView>,
    /// Question page URL.
    pub url: String,
    /// Context (else the question) as plain text, at most 200 characters, for the page head.
    pub description: String,
    /// The question as a schema.org `Question` (with its `acceptedAnswer` when answered);
    /// see [`super::PacketMeta`] for the escaping.
    pub ld_json: String,
}

/// Questions sharing a status.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionGroup {
    /// `open`, `answered` or `moot`.
    pub status: &'static str,
    /// Its questions, by priority then file order. In Rust, their indexes in
    /// `PacketView::questions`; templates see the questions themselves.
    pub questions: Vec<usize>,
}

/// `packet.article`: the source article, block by block.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Top-level blocks in document order.
    pub blocks: Vec<BlockView>,
    /// Footnote definitions, rendered, or null when the article has none.
    pub footnotes_html: Option<String>,
    /// When the article starts with a `#` title that repeats the page's title (the source's
    /// title, or any leading `#` title when the source has none): that heading's content, for
    /// the article page to show as its own `<h1>` (with `id="p-{title_number}"`) instead of
    /// showing it twice; its block has `title: true`. Null otherwise.
    pub title_html: Option<String>,
    /// The block number of that title (0 without one).
    pub title_number: usize,
}

/// One top-level block of the article (a paragraph, heading, list, quote, table or code).
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// The first block number inside it (a list holds one number per item).
    pub number: usize,
    /// Every block number inside it.
    pub numbers: Vec<usize>,
    /// `paragraph`, `heading`, `list`, `quote`, `table` or `code`.
    pub kind: &'static str,
    /// The rendered block: numbered elements carry `id="p-N"`, evidence is wrapped in
    /// `<mark class="evidence">`, mentions in `<a class="mention">`.
    pub html: String,
    /// The annotations citing anything in this block.
    pub citations: Vec<CitationView>,
    /// `true` for the article's leading title when the article page folds it into its own
    /// heading (see `ArticleView.title_html`); the print page still shows it as a block.
    pub title: bool,
}

/// An annotation citing a block.
#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    /// `event`, `question` or `relation`.
    pub kind: &'static str,
    /// Event title, question text or `Actor → Other: label`.
    pub title: String,
    /// URL of the annotation.
    pub url: String,
    /// Id of the `<mark>` it points to.
    pub anchor: String,
}
