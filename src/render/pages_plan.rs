//! Render stage: the HTML pages to render for the site and for one packet, planned from the
//! page table ([`super::TABLE`]).

use super::{Out, PACKET_PAGES, SITE_PAGES, file_of};

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
    /// Which output it is.
    pub out: Out,
    /// URL path below the site root (`us-ukraine/actors/trump/`, `` for the index).
    pub path: String,
    /// What it shows.
    pub scope: Scope,
}

impl Page {
    /// Page kind = template name without `.html`.
    pub fn kind(&self) -> &'static str {
        self.out.kind()
    }

    /// Its template.
    pub fn template(&self) -> &'static str {
        self.out.template().unwrap_or_default()
    }

    /// Output file, relative to the output folder.
    pub fn output(&self) -> String {
        file_of(&self.path)
    }
}

/// The site-level HTML pages.
pub fn site_pages() -> [Page; 2] {
    SITE_PAGES.map(|out| Page {
        out,
        path: out.path("", ""),
        scope: Scope::Site,
    })
}

/// Every HTML page of one packet.
pub fn packet_pages<'a>(
    slug: &str,
    actors: impl Iterator<Item = &'a str>,
    questions: impl Iterator<Item = &'a str>,
) -> Vec<Page> {
    let mut pages: Vec<Page> = PACKET_PAGES
        .iter()
        .map(|&out| Page {
            out,
            path: out.path(slug, ""),
            scope: Scope::Packet,
        })
        .collect();
    for (ai, id) in actors.enumerate() {
        pages.push(Page {
            out: Out::Actor,
            path: Out::Actor.path(slug, id),
            scope: Scope::Actor(ai),
        });
    }
    for (qi, id) in questions.enumerate() {
        pages.push(Page {
            out: Out::Question,
            path: Out::Question.path(slug, id),
            scope: Scope::Question(qi),
        });
    }
    pages
}
