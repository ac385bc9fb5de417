//! Render stage: the view structs, the only data templates see (the theme author's reference).
//!
//! Every template receives `site` ([`SiteView`]) and `page` ([`PageMeta`]); packet pages also
//! receive `packet` ([`PacketView`]), actor pages `actor`, question pages `question`, and the
//! site index `packets`. Optional values are always present and `null` when unset, so
//! `{% if packet.summary_html %}` works. Fields ending in `_html` are already-safe HTML (rendered
//! Markdown, escaped and URL-filtered) and are printed with `| safe`; every other string is
//! plain text and is escaped by Tera. Every `url` is a root-relative path that already carries
//! the base URL's path (`/repo/us-ukraine/timeline/`), so templates never build URLs.
//!
//! Two more kinds of pre-escaped strings exist, each for one context only: fields ending in
//! `ld_json` are JSON-LD escaped for a `<script type="application/ld+json">` element, and
//! `title_css` is a CSS string escaped for a `<style>` element (see [`PacketMeta`]). The
//! pictures (`packet.timeline_chart`, `packet.actor_map`, `actor.neighbourhood`) are geometry
//! computed at build time, documented in [`pictures`]; the theme draws them as SVG.

use serde::Serialize;

pub mod pictures;
pub use pictures::*;

/// `site`: the whole site, on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title from `brief.yaml`.
    pub title: String,
    /// Absolute base URL, always ending in `/` (`https://user.github.io/repo/`).
    pub base_url: String,
    /// The base URL's path, always starting and ending in `/` (`/repo/`): the site root link.
    pub root: String,
    /// URL of the theme stylesheet (`style.css` from the theme's static files).
    pub stylesheet: String,
    /// URL of the generated code-highlighting stylesheet, or null when the page shows no code
    /// (set on a packet's pages when its article has a code block, on the site pages when any
    /// article has one).
    pub highlight_stylesheet: Option<String>,
    /// URL of the Atom feed.
    pub feed_url: String,
    /// `brief` version that wrote the site.
    pub generator: String,
    /// URL of the site-wide search index (`search.json`, see [`crate::render::search`]).
    pub search_index: String,
    /// URL of the search script (`search.js` from the theme's static files).
    pub search_script: String,
    /// URL of the site icon (`favicon.svg` from the theme's static files).
    pub favicon: String,
}

/// `page`: what is being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// Page kind, equal to the template name without `.html`: `index`, `overview`, `article`,
    /// `timeline`, `actors`, `actor`, `questions`, `question`, `print`, `404`.
    pub kind: &'static str,
    /// Text for `<title>` (without the site title).
    pub title: String,
    /// This page's URL (root-relative).
    pub url: String,
    /// This page's absolute URL, for `<link rel="canonical">`.
    pub permalink: String,
}

/// `packet` on every packet page.
///
/// Templates see it through [`crate::render::value::packet_value`], which serializes each
/// event, actor and question once and puts the same values in the lists and the groups (so
/// `Serialize` alone leaves the six lists out).
#[derive(Debug, Clone, Serialize)]
pub struct PacketView {
    /// Folder name under `content/`.
    pub slug: String,
    /// Packet title (plain text).
    pub title: String,
    /// Bottom line up front, rendered Markdown, or null.
    pub summary_html: Option<String>,
    /// Date the packet describes, or null.
    pub as_of: Option<DateView>,
    /// Last revision date, or null.
    pub updated: Option<DateView>,
    /// `true` for a draft (only built with `--drafts`).
    pub draft: bool,
    /// Tags, in file order.
    pub tags: Vec<String>,
    /// Where the article comes from, or null.
    pub source: Option<SourceView>,
    /// Corrections and revisions, newest first.
    pub changelog: Vec<ChangeView>,
    /// Links to every page of the packet.
    pub urls: PacketUrls,
    /// Number of numbered blocks in the article.
    pub block_count: usize,
    /// Number of words in the article.
    pub word_count: usize,
    /// The timeline, sorted by start date then file order.
    #[serde(skip)]
    pub events: Vec<EventView>,
    /// The key events only (`importance: key`), in timeline order. In Rust, their indexes in
    /// `events`; templates see the events themselves.
    #[serde(skip)]
    pub key_events: Vec<usize>,
    /// Every actor, in file order.
    #[serde(skip)]
    pub actors: Vec<ActorView>,
    /// Actors grouped by `side`, groups in order of first appearance; actors without a side
    /// come last in a group whose `side` is null.
    #[serde(skip)]
    pub sides: Vec<SideGroup>,
    /// Every question, in file order.
    #[serde(skip)]
    pub questions: Vec<QuestionView>,
    /// Questions grouped by status (`open`, `answered`, `moot`; empty groups left out), each
    /// group sorted by priority (high first) then file order.
    #[serde(skip)]
    pub question_groups: Vec<QuestionGroup>,
    /// The annotated article.
    pub article: ArticleView,
    /// The timeline chart, every event labelled (timeline and print pages), or null without
    /// events.
    pub timeline_chart: Option<TimelineChart>,
    /// The small timeline chart (overview): key events labelled (or, without key events, the
    /// first ones), the others as ticks on the axis; null without events.
    pub timeline_chart_small: Option<TimelineChart>,
    /// The map of all actors by side, or null without actors.
    pub actor_map: Option<ActorMap>,
    /// Descriptions and JSON-LD for the page heads.
    pub meta: PacketMeta,
}

/// `packet.meta`: what the page heads say about the packet.
///
/// Fields ending in `_ld_json` (here and on actors and questions) are schema.org JSON-LD,
/// already escaped for the inside of a `<script>` element (`<`, `>` and `&` are written
/// `\u003c`, `\u003e`, `\u0026`): print them with `| safe` inside
/// `<script type="application/ld+json">…</script>` and nowhere else.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PacketMeta {
    /// The summary as plain text, at most 200 characters (the title when there is no summary):
    /// for `<meta name="description">`, OpenGraph and Twitter cards.
    pub description: String,
    /// The packet as a schema.org `Report` based on its source (overview and print pages).
    pub report_ld_json: String,
    /// The source as a `NewsArticle` (article page); when the source note says the text is a
    /// translation, the text shown is a `NewsArticle` whose `translationOfWork` and
    /// `isBasedOn` are the original. Null without a source.
    pub article_ld_json: Option<String>,
    /// The timeline as an `ItemList` of `Event`s (timeline page).
    pub events_ld_json: String,
    /// The packet title as a quoted CSS string, every character but letters, digits, spaces
    /// and `,.;:!?'()-` escaped (`"A \2013  B"`): for `content:` in a `<style>` element (the
    /// print page's running header), printed with `| safe` there and nowhere else.
    pub title_css: String,
}

/// `packet.urls`: the packet's pages and exports.
#[derive(Debug, Clone, Serialize)]
pub struct PacketUrls {
    /// Overview page.
    pub overview: String,
    /// Annotated article page.
    pub article: String,
    /// Timeline page.
    pub timeline: String,
    /// Actor index page.
    pub actors: String,
    /// Question index page.
    pub questions: String,
    /// Printable whole packet.
    pub print: String,
    /// `packet.json` export.
    pub packet_json: String,
    /// `timeline.json` export (TimelineJS3).
    pub timeline_json: String,
}

/// A date as written and as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateView {
    /// Shown at its precision: `2019`, `February 2025`, `12 February 2025`, `c. February 2025`,
    /// `14–16 February 2025`.
    pub display: String,
    /// Machine form of the start (`2025-02-12`, `2025-02`, `2019`), for `<time datetime>`.
    pub start: String,
    /// Machine form of the end of a range, or null.
    pub end: Option<String>,
    /// `year`, `month` or `day`.
    pub precision: &'static str,
    /// `true` for an approximate date (`~`).
    pub approximate: bool,
}

/// `packet.source`: the article's origin.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Title of the original, or null.
    pub title: Option<String>,
    /// Publisher, or null.
    pub publisher: Option<String>,
    /// URL of the original (only http/https kept), or null.
    pub url: Option<String>,
    /// Publication date, or null.
    pub published: Option<DateView>,
    /// Authors, in file order.
    pub authors: Vec<String>,
    /// Language of the text, or null.
    pub language: Option<String>,
    /// Note on the source (e.g. machine translation), rendered Markdown, or null.
    pub note_html: Option<String>,
}

/// One `changelog` entry.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// When.
    pub date: DateView,
    /// What changed, rendered Markdown.
    pub note_html: String,
}

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
    /// Summary (else role) as plain text, at most 200 characters, for the page head.
    pub description: String,
    /// The actor as a schema.org `Person`, `Organization` or `Country` (aliases as
    /// `alternateName`); see [`PacketMeta`] for the escaping.
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
    /// see [`PacketMeta`] for the escaping.
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

/// One entry of `packets` on the site index (`index.html`) and in `atom.xml`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PacketSummary {
    /// Folder name under `content/`.
    pub slug: String,
    /// Packet title (plain text).
    pub title: String,
    /// Bottom line up front, rendered Markdown, or null.
    pub summary_html: Option<String>,
    /// Date the packet describes, or null.
    pub as_of: Option<DateView>,
    /// Last revision date, or null.
    pub updated: Option<DateView>,
    /// Tags.
    pub tags: Vec<String>,
    /// `true` for a draft.
    pub draft: bool,
    /// Overview page URL.
    pub url: String,
    /// Absolute overview URL (feed entry id and link).
    pub permalink: String,
    /// RFC 3339 timestamp for the feed: `updated`, else `as_of`, else the epoch.
    pub feed_updated: String,
    /// Number of events, actors and questions.
    pub counts: Counts,
}

/// Sizes of a packet's lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counts {
    /// Events in the timeline.
    pub events: usize,
    /// Actors.
    pub actors: usize,
    /// Questions.
    pub questions: usize,
    /// Questions still open.
    pub open_questions: usize,
}

/// One `<url>` of `sitemap.xml` (context variable `entries`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitemapEntry {
    /// Absolute URL.
    pub permalink: String,
    /// `YYYY-MM-DD` of the packet's `updated` or `as_of`, or null.
    pub lastmod: Option<String>,
}
