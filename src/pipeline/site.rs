//! Pipeline: the site-level files, kept between updates and rendered again by group only when
//! the group's input changed ([`SitePart::same_input`]); the [`Snapshot`] of a whole site.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::render::{Content, Files, PacketOutput, Renderer, SitePart};

/// A whole site, shared cheaply: the site-level files plus each packet's files.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// index, 404, feed, sitemap, search index, statics.
    pub site: Arc<Files>,
    /// Packet slug → its files (paths include the slug).
    pub packets: BTreeMap<String, Arc<Files>>,
    /// Packet slug → the text of its article.md (the preview's Cite control answers from it).
    pub articles: BTreeMap<String, Arc<str>>,
}

impl Snapshot {
    /// The file at `path` (relative to the site root).
    pub fn get(&self, path: &str) -> Option<&Content> {
        if let Some(c) = self.site.get(path) {
            return Some(c);
        }
        let slug = path.split('/').next()?;
        self.packets.get(slug)?.get(path)
    }

    /// Every file, as a full build writes them.
    pub fn files(&self) -> Files {
        let mut all = (*self.site).clone();
        for f in self.packets.values() {
            all.extend(f.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        all
    }
}

/// The site-level files and what they were rendered from.
#[derive(Debug, Default)]
pub(super) struct SiteState {
    /// The theme generation they were rendered with.
    generation: u64,
    /// Every rendered packet's output, in slug order, when they were rendered.
    inputs: Vec<Arc<PacketOutput>>,
    /// Each [`SitePart`]'s files, in [`SitePart::ALL`] order (`None`: not rendered, or failed).
    parts: Vec<Option<Arc<Files>>>,
    /// All the parts' files together (the same `Arc` while no part changed).
    pub(super) files: Arc<Files>,
    /// Problems of the last rendering.
    pub(super) diags: Vec<Diagnostic>,
}

impl SiteState {
    /// Renders again every part whose input differs from the last time (all of them with a new
    /// theme generation).
    pub(super) fn update(
        &mut self,
        renderer: &Renderer,
        generation: u64,
        outputs: Vec<Arc<PacketOutput>>,
    ) {
        let same_theme = self.generation == generation && self.parts.len() == SitePart::ALL.len();
        let before: Vec<&PacketOutput> = self.inputs.iter().map(|o| &**o).collect();
        let now: Vec<&PacketOutput> = outputs.iter().map(|o| &**o).collect();
        let mut parts = Vec::with_capacity(SitePart::ALL.len());
        let mut diags = Vec::new();
        let mut changed = !same_theme;
        for (i, part) in SitePart::ALL.into_iter().enumerate() {
            let kept = self
                .parts
                .get(i)
                .cloned()
                .flatten()
                .filter(|_| same_theme && part.same_input(&before, &now));
            parts.push(match kept {
                Some(files) => Some(files),
                None => {
                    changed = true;
                    match renderer.site_part(part, &now) {
                        Ok(files) => Some(Arc::new(files)),
                        Err(ds) => {
                            diags.extend(ds);
                            None
                        }
                    }
                }
            });
        }
        if changed {
            let mut all = Files::new();
            for p in parts.iter().flatten() {
                all.extend(p.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            self.files = Arc::new(all);
        }
        drop(before);
        drop(now);
        self.parts = parts;
        self.inputs = outputs;
        self.generation = generation;
        self.diags = diags;
    }

    /// Forgets the last problems (the site-level files are not rendered while packets have
    /// errors, so nothing is known of them).
    pub(super) fn clear_diags(&mut self) {
        self.diags.clear();
    }
}
