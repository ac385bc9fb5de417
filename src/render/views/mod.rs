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
//! computed at build time, documented in [`pictures`] (and their narrow-screen and paper forms
//! in [`narrow`]); the theme draws them as SVG. The views of
//! a packet's events, actors, questions and article are in [`items`].

use serde::Serialize;

pub mod items;
pub mod narrow;
pub mod pictures;
pub use items::*;
pub use narrow::*;
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
    /// URL of the site-wide search index's `_search/meta.json` (see
    /// [`crate::render::exports::search_index`]).
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
    /// The timeline chart with time running down (every event labelled), drawn instead of
    /// `timeline_chart` on narrow screens and on paper; null without events.
    pub timeline_column: Option<TimelineColumn>,
    /// The small chart with time running down (overview, narrow screens and paper); null
    /// without events.
    pub timeline_column_small: Option<TimelineColumn>,
    /// The full timeline chart laid out for paper (narrower, so that it prints at its own
    /// size with 8 pt labels), drawn instead of `timeline_chart` when printing; null without
    /// events.
    pub timeline_chart_paper: Option<TimelineChart>,
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
    /// `true` when the date, or either end of a range, is approximate (`~`).
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
