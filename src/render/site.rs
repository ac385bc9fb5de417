//! Render stage: the site-level files (index, 404, feed, sitemap, search index, statics), in
//! groups by what each is made of, so that `serve` renders again only the groups whose input
//! changed.

use std::sync::Arc;

use tera::{Context, Value};

use super::exports::{search, search_index};
use super::pages::{self, Out};
use super::views::{PacketSummary, PageMeta, SitemapEntry};
use super::{Content, Files, PacketOutput, Renderer};
use crate::diag::{DiagBuild, Diagnostic};

/// The site-level files in groups, by what each is made of, so that `serve` renders again only
/// the groups whose input changed ([`SitePart::same_input`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitePart {
    /// `index.html`, `404.html`, `atom.xml`: from the packets' summaries.
    Listing,
    /// `sitemap.xml`: from the packets' sitemap entries.
    Sitemap,
    /// The search index under `_search/`: from the packets' search entries.
    Search,
    /// The theme's static files, `highlight.css`, `.nojekyll`.
    Statics,
}

impl SitePart {
    /// Every group.
    pub const ALL: [SitePart; 4] = [
        SitePart::Listing,
        SitePart::Sitemap,
        SitePart::Search,
        SitePart::Statics,
    ];

    /// `true` when the packet outputs `a` and `b` (each in slug order) give this group the same
    /// input, so that, with the same renderer, it would come out byte for byte the same.
    pub fn same_input(self, a: &[&PacketOutput], b: &[&PacketOutput]) -> bool {
        let code = |x: &[&PacketOutput]| x.iter().any(|p| p.has_code);
        a.len() == b.len()
            && code(a) == code(b)
            // The same packet output (an unchanged packet under `serve`) is the same input.
            && a.iter().zip(b).all(|(x, y)| std::ptr::eq(*x, *y) || match self {
                SitePart::Listing => x.summary == y.summary,
                SitePart::Sitemap => x.sitemap == y.sitemap,
                SitePart::Search => x.search == y.search,
                SitePart::Statics => true,
            })
    }
}

impl Renderer {
    /// The site-level files: index, 404, feed, sitemap, search index, theme statics, highlight
    /// stylesheet, `.nojekyll`. `packets` are the outputs of every packet, in slug order.
    pub fn site_files(&self, packets: &[&PacketOutput]) -> Result<Files, Vec<Diagnostic>> {
        let mut files = Files::new();
        let mut errors = Vec::new();
        for part in SitePart::ALL {
            match self.site_part(part, packets) {
                Ok(f) => files.extend(
                    f.iter()
                        .flat_map(|f| f.iter())
                        .map(|(k, v)| (k.clone(), v.clone())),
                ),
                Err(ds) => errors.extend(ds),
            }
        }
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    /// Renders the site-level output `out` from its template.
    fn render_out(&self, out: Out, cx: &Context) -> Result<(String, Vec<u8>), Diagnostic> {
        self.render_one(out.template().unwrap_or_default(), cx, &out.file("", ""))
    }

    /// One group of site-level files (see [`SitePart`]), in one map or more (the search index
    /// gives one per group of packets, kept while the group does not change).
    pub fn site_part(
        &self,
        part: SitePart,
        packets: &[&PacketOutput],
    ) -> Result<Vec<Arc<Files>>, Vec<Diagnostic>> {
        let config = &self.config;
        let has_code = packets.iter().any(|p| p.has_code);
        let base = self.base(has_code);
        let mut files = Files::new();
        let mut errors = Vec::new();
        let mut add = |r: Result<(String, Vec<u8>), Diagnostic>| match r {
            Ok((path, bytes)) => {
                files.insert(path, Content::Bytes(bytes));
            }
            Err(d) => errors.push(d),
        };
        match part {
            SitePart::Listing => {
                let summaries: Vec<&PacketSummary> = packets.iter().map(|p| &p.summary).collect();
                let listed = Value::from_serializable(&summaries);
                for page in pages::site_pages() {
                    let mut cx = base.clone();
                    let title = if page.out == Out::NotFound {
                        "Page not found"
                    } else {
                        "All packets"
                    };
                    cx.insert(
                        "page",
                        &PageMeta {
                            kind: page.kind(),
                            title: title.to_string(),
                            url: format!("{}{}", config.root, page.path),
                            permalink: format!("{}{}", config.base_url, page.path),
                        },
                    );
                    cx.insert_value("packets", listed.clone());
                    add(self.render_one(page.template(), &cx, &page.output()));
                }
                let mut newest = summaries;
                newest.sort_by(|a, b| b.feed_updated.cmp(&a.feed_updated));
                let mut feed = base.clone();
                feed.insert(
                    "updated",
                    &newest
                        .first()
                        .map_or("1970-01-01T00:00:00Z".to_string(), |s| {
                            s.feed_updated.clone()
                        }),
                );
                feed.insert("packets", &newest);
                add(self.render_out(Out::Feed, &feed));
            }
            SitePart::Sitemap => {
                let home: Vec<SitemapEntry> = pages::SITE_PAGES
                    .iter()
                    .filter(|o| o.row().sitemap)
                    .map(|o| SitemapEntry {
                        permalink: o.url(&config.base_url, "", ""),
                        lastmod: None,
                    })
                    .collect();
                let entries: Vec<&SitemapEntry> = home
                    .iter()
                    .chain(packets.iter().flat_map(|p| &p.sitemap))
                    .collect();
                let mut sitemap = base.clone();
                sitemap.insert("entries", &entries);
                add(self.render_out(Out::Sitemap, &sitemap));
            }
            SitePart::Search => {
                let entries: Vec<&search::PacketSearch> =
                    packets.iter().map(|p| &p.search).collect();
                // A poisoned lock only means a panic mid-update: start from an empty cache.
                let mut cache = self.search.lock().unwrap_or_else(|e| {
                    self.search.clear_poison();
                    let mut g = e.into_inner();
                    *g = Default::default();
                    g
                });
                return Ok(search_index::files(&entries, &mut cache));
            }
            SitePart::Statics => {
                for (path, bytes) in &self.theme.statics {
                    files
                        .entry(path.clone())
                        .or_insert_with(|| Content::Bytes(bytes.clone()));
                }
                if has_code {
                    match crate::render::html::highlight::stylesheet(&config.highlight_theme) {
                        Ok(css) => {
                            files.insert(
                                Out::Highlight.file("", ""),
                                Content::Bytes(css.into_bytes()),
                            );
                        }
                        Err(names) => errors.push(
                            Diagnostic::error(
                                "brief.yaml",
                                0,
                                0,
                                format!("unknown highlight theme `{}`", config.highlight_theme),
                            )
                            .help(format!("available: {}", names.join(", "))),
                        ),
                    }
                }
                files.insert(Out::NoJekyll.file("", ""), Content::Bytes(Vec::new()));
            }
        }
        if errors.is_empty() {
            Ok(vec![Arc::new(files)])
        } else {
            Err(errors)
        }
    }
}
