//! Render stage: THE page table. Every output file of a site, its URL, what makes it and from
//! which view; rendering, the sitemap, the link checker and `serve` read it ([`Out`], [`TABLE`]).
//!
//! | output file | URL | made by | view (context variables) | in sitemap |
//! |---|---|---|---|---|
//! | `index.html` | `<root>` | template `index.html` | `site`, `page`, `packets` | yes |
//! | `404.html` | `<root>404.html` | template `404.html` | `site`, `page`, `packets` | no |
//! | `atom.xml` | `<root>atom.xml` | template `atom.xml` | `site`, `packets`, `updated` | no |
//! | `sitemap.xml` | `<root>sitemap.xml` | template `sitemap.xml` | `site`, `entries` | no |
//! | `_search/meta.json` | `<root>_search/meta.json` | `search_index::files` | every packet's `search::entries` | no |
//! | `_search/w/<id>.json` | `<root>_search/w/<id>.json` | `search_index::files` | every packet's words; `<id>`: shard, or shard-group | no |
//! | `_search/p/<id>.json` | `<root>_search/p/<id>.json` | `search::entries` | 12 records of a packet; `<id>`: packet-chunk | no |
//! | `highlight.css` | `<root>highlight.css` | syntect, when an article has code | `highlight_theme` of brief.yaml | no |
//! | `.nojekyll` | `<root>.nojekyll` | an empty file | nothing | no |
//! | `style.css` | `<root>style.css` | copied from the theme | the theme's `static/style.css` | no |
//! | `search.js` | `<root>search.js` | copied from the theme | the theme's `static/search.js` | no |
//! | `favicon.svg` | `<root>favicon.svg` | copied from the theme | the theme's `static/favicon.svg` | no |
//! | `<file>` | `<root><file>` | copied from the theme | the theme's other `static/**` | no |
//! | `.brief-output` | `<root>.brief-output` | write stage: marks a folder brief wrote | the list of written files | no |
//! | `<slug>/index.html` | `<root><slug>/` | template `overview.html` | `site`, `page`, `packet` | yes |
//! | `<slug>/article/index.html` | `<root><slug>/article/` | template `article.html` | `site`, `page`, `packet` | yes |
//! | `<slug>/timeline/index.html` | `<root><slug>/timeline/` | template `timeline.html` | `site`, `page`, `packet` | yes |
//! | `<slug>/actors/index.html` | `<root><slug>/actors/` | template `actors.html` | `site`, `page`, `packet` | yes |
//! | `<slug>/questions/index.html` | `<root><slug>/questions/` | template `questions.html` | `site`, `page`, `packet` | yes |
//! | `<slug>/print/index.html` | `<root><slug>/print/` | template `print.html` | `site`, `page`, `packet` | yes |
//! | `<slug>/actors/<id>/index.html` | `<root><slug>/actors/<id>/` | template `actor.html` | `site`, `page`, `packet`, `actor` | yes |
//! | `<slug>/questions/<id>/index.html` | `<root><slug>/questions/<id>/` | template `question.html` | `site`, `page`, `packet`, `question` | yes |
//! | `<slug>/packet.json` | `<root><slug>/packet.json` | `json::packet_json` | the model | no |
//! | `<slug>/timeline.json` | `<root><slug>/timeline.json` | `json::timeline_json` | the model | no |
//! | `<slug>/<file>` | `<root><slug>/<file>` | copied from the packet folder | its other files | no |
//!
//! `<root>` is the base URL's path (`/repo/`) or the whole base URL (permalinks); a URL ending
//! in `/` is served by the `index.html` inside. A packet's files come from `Renderer::packet`
//! (`render/mod.rs`), the site-level files from `Renderer::site_part` (`render/site.rs`). The
//! table above is checked against [`TABLE`] by a unit test (`pages_tests.rs`). The search
//! index lives under `_search/`, a name no packet slug can take.
//!
//! Adding a page to every packet: a variant of [`Out`] and its row in [`TABLE`] (same index),
//! the variant in [`PACKET_PAGES`] (the plan `build`, `check` and `serve` all render from), the
//! template in `themes/default/templates/`, any new data as a documented field of the packet's
//! view (`render/views/`), its URL in `PacketUrls` (`packet::urls`, from the table) for the
//! link in `partials/packet_nav.html`; then the row above. The sitemap, the link checker and
//! the preview pick the page up from the table. A new check goes in `validate/`, which every
//! command runs through the one pipeline (`pipeline/`).

/// Every kind of output file; [`TABLE`] has its row at the same index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Out {
    /// The site's index page.
    Index,
    /// The page served for a missing URL.
    NotFound,
    /// The Atom feed.
    Feed,
    /// The sitemap.
    Sitemap,
    /// The search index's description (`_search/meta.json`).
    SearchIndex,
    /// One shard of the search index's words.
    SearchShard,
    /// One packet's search records.
    SearchRecords,
    /// The code highlighting stylesheet.
    Highlight,
    /// Tells GitHub Pages not to run Jekyll.
    NoJekyll,
    /// The theme's stylesheet.
    Stylesheet,
    /// The theme's search script.
    SearchScript,
    /// The theme's icon.
    Favicon,
    /// Any file of the theme's `static/`.
    Static,
    /// The write stage's marker of an output folder.
    Marker,
    /// A packet's overview page.
    Overview,
    /// A packet's article page.
    Article,
    /// A packet's timeline page.
    Timeline,
    /// A packet's actor list.
    Actors,
    /// A packet's question list.
    Questions,
    /// A packet's print page.
    Print,
    /// One actor's page.
    Actor,
    /// One question's page.
    Question,
    /// A packet's JSON export.
    PacketJson,
    /// A packet's timeline in TimelineJS3 JSON.
    TimelineJson,
    /// Another file of a packet's folder.
    Asset,
}

/// What makes an output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MadeBy {
    /// A theme template (its name).
    Template(&'static str),
    /// Code (what, said for people).
    Producer(&'static str),
}

/// One row of the page table.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The output it describes.
    pub out: Out,
    /// URL path below the site root; `<slug>` stands for the packet's slug, `<id>` for an
    /// actor's or question's id, `<file>` for a copied file's path.
    pub url: &'static str,
    /// What makes it.
    pub made_by: MadeBy,
    /// What it is made from (a template's context variables).
    pub view: &'static str,
    /// Listed in `sitemap.xml`.
    pub sitemap: bool,
}

const fn row(
    out: Out,
    url: &'static str,
    made_by: MadeBy,
    view: &'static str,
    sitemap: bool,
) -> Row {
    Row {
        out,
        url,
        made_by,
        view,
        sitemap,
    }
}

use MadeBy::{Producer as P, Template as T};

const PAGE: &str = "`site`, `page`, `packet`";
const THEME: &str = "copied from the theme";

/// The page table, in [`Out`] order.
#[rustfmt::skip]
pub const TABLE: [Row; 25] = [
    row(Out::Index, "", T("index.html"), "`site`, `page`, `packets`", true),
    row(Out::NotFound, "404.html", T("404.html"), "`site`, `page`, `packets`", false),
    row(Out::Feed, "atom.xml", T("atom.xml"), "`site`, `packets`, `updated`", false),
    row(Out::Sitemap, "sitemap.xml", T("sitemap.xml"), "`site`, `entries`", false),
    row(Out::SearchIndex, "_search/meta.json", P("`search_index::files`"), "every packet's `search::entries`", false),
    row(Out::SearchShard, "_search/w/<id>.json", P("`search_index::files`"), "every packet's words; `<id>`: shard, or shard-group", false),
    row(Out::SearchRecords, "_search/p/<id>.json", P("`search::entries`"), "12 records of a packet; `<id>`: packet-chunk", false),
    row(Out::Highlight, "highlight.css", P("syntect, when an article has code"), "`highlight_theme` of brief.yaml", false),
    row(Out::NoJekyll, ".nojekyll", P("an empty file"), "nothing", false),
    row(Out::Stylesheet, "style.css", P(THEME), "the theme's `static/style.css`", false),
    row(Out::SearchScript, "search.js", P(THEME), "the theme's `static/search.js`", false),
    row(Out::Favicon, "favicon.svg", P(THEME), "the theme's `static/favicon.svg`", false),
    row(Out::Static, "<file>", P(THEME), "the theme's other `static/**`", false),
    row(Out::Marker, ".brief-output", P("write stage: marks a folder brief wrote"), "the list of written files", false),
    row(Out::Overview, "<slug>/", T("overview.html"), PAGE, true),
    row(Out::Article, "<slug>/article/", T("article.html"), PAGE, true),
    row(Out::Timeline, "<slug>/timeline/", T("timeline.html"), PAGE, true),
    row(Out::Actors, "<slug>/actors/", T("actors.html"), PAGE, true),
    row(Out::Questions, "<slug>/questions/", T("questions.html"), PAGE, true),
    row(Out::Print, "<slug>/print/", T("print.html"), PAGE, true),
    row(Out::Actor, "<slug>/actors/<id>/", T("actor.html"), "`site`, `page`, `packet`, `actor`", true),
    row(Out::Question, "<slug>/questions/<id>/", T("question.html"), "`site`, `page`, `packet`, `question`", true),
    row(Out::PacketJson, "<slug>/packet.json", P("`json::packet_json`"), "the model", false),
    row(Out::TimelineJson, "<slug>/timeline.json", P("`json::timeline_json`"), "the model", false),
    row(Out::Asset, "<slug>/<file>", P("copied from the packet folder"), "its other files", false),
];

/// The file a URL ending in `/` is served from.
pub const INDEX_FILE: &str = "index.html";

/// The pages of one packet that are not about one item, in navigation order.
pub const PACKET_PAGES: [Out; 6] = [
    Out::Overview,
    Out::Article,
    Out::Timeline,
    Out::Actors,
    Out::Questions,
    Out::Print,
];

/// The site-level HTML pages.
pub const SITE_PAGES: [Out; 2] = [Out::Index, Out::NotFound];

impl Out {
    /// Its row of [`TABLE`].
    pub const fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// Its URL pattern (see [`Row::url`]).
    pub const fn pattern(self) -> &'static str {
        self.row().url
    }

    /// Its template, when a template makes it.
    pub fn template(self) -> Option<&'static str> {
        match self.row().made_by {
            MadeBy::Template(t) => Some(t),
            MadeBy::Producer(_) => None,
        }
    }

    /// The page kind its template gets as `page.kind`: the template name without `.html`.
    pub fn kind(self) -> &'static str {
        let t = self.template().unwrap_or("");
        t.strip_suffix(".html").unwrap_or(t)
    }

    /// URL path below the site root for packet `slug` and item (or file) `name`.
    pub fn path(self, slug: &str, name: &str) -> String {
        let mut s = String::new();
        let mut rest = self.pattern();
        while let Some(i) = rest.find('<') {
            s.push_str(&rest[..i]);
            let (hole, after) = rest[i..].split_once('>').unwrap_or((&rest[i..], ""));
            s.push_str(if hole == "<slug" { slug } else { name });
            rest = after;
        }
        s.push_str(rest);
        s
    }

    /// Its URL below `root` (the base URL's path, or the base URL for a permalink).
    pub fn url(self, root: &str, slug: &str, name: &str) -> String {
        format!("{root}{}", self.path(slug, name))
    }

    /// Its output file, relative to the output folder.
    pub fn file(self, slug: &str, name: &str) -> String {
        file_of(&self.path(slug, name))
    }

    /// The slug of the packet whose output of this kind is `file`, if it is one.
    pub fn slug_of(self, file: &str) -> Option<&str> {
        let tail = file_of(self.pattern().strip_prefix("<slug>")?);
        file.strip_suffix(tail.as_str())
            .filter(|s| !s.is_empty() && !s.contains('/'))
    }
}

/// The output file of a URL path below the site root: `a/` → `a/index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}{INDEX_FILE}")
    } else {
        path.to_string()
    }
}

/// The URL path below the site root of an output file: `a/index.html` → `a/`.
pub fn path_of(file: &str) -> &str {
    file.strip_suffix(INDEX_FILE)
        .filter(|p| p.is_empty() || p.ends_with('/'))
        .unwrap_or(file)
}

/// `true` for an output file that is an HTML page.
pub fn is_page(file: &str) -> bool {
    file.ends_with(".html")
}

pub use plan::{Page, Scope, packet_pages, site_pages};

#[path = "pages_plan.rs"]
mod plan;

#[cfg(test)]
#[path = "pages_tests.rs"]
mod tests;
