//! Render stage: THE page table. Every output file of a site, its template and its view.
//!
//! | output path                         | template / writer     | view (context variables)          |
//! |-------------------------------------|-----------------------|-----------------------------------|
//! | `index.html`                        | `index.html`          | `site`, `page`, `packets`         |
//! | `<slug>/index.html`                 | `overview.html`       | `site`, `page`, `packet`          |
//! | `<slug>/article/index.html`         | `article.html`        | `site`, `page`, `packet`          |
//! | `<slug>/timeline/index.html`        | `timeline.html`       | `site`, `page`, `packet`          |
//! | `<slug>/actors/index.html`          | `actors.html`         | `site`, `page`, `packet`          |
//! | `<slug>/actors/<id>/index.html`     | `actor.html`          | `site`, `page`, `packet`, `actor` |
//! | `<slug>/questions/index.html`       | `questions.html`      | `site`, `page`, `packet`          |
//! | `<slug>/questions/<id>/index.html`  | `question.html`       | `site`, `page`, `packet`, `question` |
//! | `<slug>/print/index.html`           | `print.html`          | `site`, `page`, `packet`          |
//! | `<slug>/packet.json`                | `json::packet_json`   | the model                         |
//! | `<slug>/timeline.json`              | `json::timeline_json` | the model                         |
//! | `<slug>/<file>`                     | copied                | other files of the packet folder  |
//! | `404.html`                          | `404.html`            | `site`, `page`                    |
//! | `atom.xml`                          | `atom.xml`            | `site`, `packets`, `updated`      |
//! | `sitemap.xml`                       | `sitemap.xml`         | `site`, `entries`                 |
//! | `.nojekyll`                         | empty file            |                                   |
//! | `search.json`                       | `search::index_json`  | every packet's `search::entries`  |
//! | `<static file>`                     | copied                | the theme's `static/**`           |
//! | `highlight.css`                     | syntect               | when an article has code          |
//!
//! A packet's files come from `Renderer::packet` (`render/mod.rs`); the site-level files from
//! `Renderer::site_part` (`render/site.rs`), in groups by input (`SitePart`).

/// What a page shows, beyond `site` and `page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Site-level page (`packets`).
    Site,
    /// A packet page: `packet`.
    Packet,
    /// An actor page: `packet` and `actor` (index into the packet's actors).
    Actor(usize),
    /// A question page: `packet` and `question`.
    Question(usize),
}

/// One HTML page to render.
#[derive(Debug, Clone)]
pub struct Page {
    /// Page kind = template name without `.html`.
    pub kind: &'static str,
    /// Template name.
    pub template: &'static str,
    /// URL path below the site root (`us-ukraine/actors/trump/`, `` for the index).
    pub path: String,
    /// What it shows.
    pub scope: Scope,
}

impl Page {
    /// Output file, relative to the output folder.
    pub fn output(&self) -> String {
        if self.path.ends_with(".html") {
            self.path.clone()
        } else {
            format!("{}index.html", self.path)
        }
    }
}

/// The pages of one packet: `(kind, template, path below the packet folder)`, in navigation
/// order.
pub const PACKET_PAGES: [(&str, &str, &str); 6] = [
    ("overview", "overview.html", ""),
    ("article", "article.html", "article/"),
    ("timeline", "timeline.html", "timeline/"),
    ("actors", "actors.html", "actors/"),
    ("questions", "questions.html", "questions/"),
    ("print", "print.html", "print/"),
];

/// The site-level HTML pages.
pub fn site_pages() -> [Page; 2] {
    [
        Page {
            kind: "index",
            template: "index.html",
            path: String::new(),
            scope: Scope::Site,
        },
        Page {
            kind: "404",
            template: "404.html",
            path: "404.html".into(),
            scope: Scope::Site,
        },
    ]
}

/// Every HTML page of one packet.
pub fn packet_pages<'a>(
    slug: &str,
    actors: impl Iterator<Item = &'a str>,
    questions: impl Iterator<Item = &'a str>,
) -> Vec<Page> {
    let mut pages: Vec<Page> = PACKET_PAGES
        .iter()
        .map(|(kind, template, sub)| Page {
            kind,
            template,
            path: format!("{slug}/{sub}"),
            scope: Scope::Packet,
        })
        .collect();
    for (ai, id) in actors.enumerate() {
        pages.push(Page {
            kind: "actor",
            template: "actor.html",
            path: format!("{slug}/actors/{id}/"),
            scope: Scope::Actor(ai),
        });
    }
    for (qi, id) in questions.enumerate() {
        pages.push(Page {
            kind: "question",
            template: "question.html",
            path: format!("{slug}/questions/{id}/"),
            scope: Scope::Question(qi),
        });
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_packet_page_is_planned() {
        let outs: Vec<String> = packet_pages("p", ["a"].into_iter(), ["q"].into_iter())
            .iter()
            .map(Page::output)
            .collect();
        assert_eq!(
            outs,
            [
                "p/index.html",
                "p/article/index.html",
                "p/timeline/index.html",
                "p/actors/index.html",
                "p/questions/index.html",
                "p/print/index.html",
                "p/actors/a/index.html",
                "p/questions/q/index.html"
            ]
        );
        let site: Vec<String> = site_pages().iter().map(Page::output).collect();
        assert_eq!(site, ["index.html", "404.html"]);
    }
}
