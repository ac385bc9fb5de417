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
//! | `<static file>`                     | copied                | the theme's `static/**`           |
//! | `highlight.css`                     | syntect               | when an article has code          |

/// What a page shows, beyond `site` and `page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Site-level page (`packets` or nothing).
    Site,
    /// A packet page: `packet`.
    Packet(usize),
    /// An actor page: `packet` and `actor` (packet index, actor index).
    Actor(usize, usize),
    /// A question page: `packet` and `question`.
    Question(usize, usize),
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

/// The pages of one packet: `(kind, path below the packet folder)`, in navigation order.
pub const PACKET_PAGES: [(&str, &str); 6] = [
    ("overview", ""),
    ("article", "article/"),
    ("timeline", "timeline/"),
    ("actors", "actors/"),
    ("questions", "questions/"),
    ("print", "print/"),
];

/// Every HTML page of a site whose packets are `(slug, actor ids, question ids)`.
pub fn plan<'a>(packets: impl Iterator<Item = (&'a str, Vec<&'a str>, Vec<&'a str>)>) -> Vec<Page> {
    let mut pages = vec![
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
    ];
    for (pi, (slug, actors, questions)) in packets.enumerate() {
        for (kind, sub) in PACKET_PAGES {
            pages.push(Page {
                kind,
                template: template(kind),
                path: format!("{slug}/{sub}"),
                scope: Scope::Packet(pi),
            });
        }
        for (ai, id) in actors.iter().enumerate() {
            pages.push(Page {
                kind: "actor",
                template: "actor.html",
                path: format!("{slug}/actors/{id}/"),
                scope: Scope::Actor(pi, ai),
            });
        }
        for (qi, id) in questions.iter().enumerate() {
            pages.push(Page {
                kind: "question",
                template: "question.html",
                path: format!("{slug}/questions/{id}/"),
                scope: Scope::Question(pi, qi),
            });
        }
    }
    pages
}

fn template(kind: &str) -> &'static str {
    match kind {
        "overview" => "overview.html",
        "article" => "article.html",
        "timeline" => "timeline.html",
        "actors" => "actors.html",
        "questions" => "questions.html",
        _ => "print.html",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_packet_page_is_planned() {
        let pages = plan([("p", vec!["a"], vec!["q"])].into_iter());
        let outs: Vec<String> = pages.iter().map(Page::output).collect();
        assert_eq!(
            outs,
            [
                "index.html",
                "404.html",
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
    }
}
