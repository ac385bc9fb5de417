//! Pipeline: the site-level files, kept between updates and rendered again by group only when
//! the group's input changed ([`SitePart::same_input`]); the [`Snapshot`] of a whole site.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::render::{Content, Files, PacketOutput, Renderer, SitePart};

/// The site-level files, in parts, each shared (the same `Arc`) while it does not change:
/// `serve` replaces only the parts whose input changed, without gathering them into one map.
/// A path in two parts (a theme's static file named like a generated one) is the later part's
/// file, as `build` writes the parts in order.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles(Vec<Arc<Files>>);

impl SiteFiles {
    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&Content> {
        self.0.iter().rev().find_map(|f| f.get(path))
    }

    /// Every file, part by part (a path in two parts comes twice, the one that counts last).
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Content)> {
        self.0.iter().flat_map(|f| f.iter())
    }

    /// The parts.
    pub fn parts(&self) -> &[Arc<Files>] {
        &self.0
    }

    /// The paths of the parts not shared with `other` (at the same place in its parts).
    pub fn unshared<'a>(&'a self, other: &'a SiteFiles) -> impl Iterator<Item = &'a String> {
        self.0
            .iter()
            .enumerate()
            .filter(|(i, f)| !other.0.get(*i).is_some_and(|g| Arc::ptr_eq(f, g)))
            .flat_map(|(_, f)| f.keys())
    }

    /// `true` when both are made of the same parts (the same `Arc`s): the same files, without
    /// comparing them.
    pub fn same(&self, other: &SiteFiles) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

/// A whole site, shared cheaply: the site-level files plus each packet's files.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// index, 404, feed, sitemap, search index, statics.
    pub site: SiteFiles,
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
        let mut all: Files = self
            .site
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
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
    parts: Vec<Option<Vec<Arc<Files>>>>,
    /// All the parts' files together (the same `Arc`s while no part changed).
    pub(super) files: SiteFiles,
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
                        Ok(files) => Some(files),
                        Err(ds) => {
                            diags.extend(ds);
                            None
                        }
                    }
                }
            });
        }
        if changed {
            self.files = SiteFiles(parts.iter().flatten().flatten().cloned().collect());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn part(files: &[(&str, &str)]) -> Arc<Files> {
        Arc::new(
            files
                .iter()
                .map(|(k, v)| (k.to_string(), Content::Bytes(v.as_bytes().to_vec())))
                .collect(),
        )
    }

    #[test]
    fn site_files_read_through_their_parts_and_compare_only_what_is_not_shared() {
        let listing = part(&[("index.html", "generated"), ("404.html", "missing")]);
        let statics = part(&[("index.html", "theme's"), ("style.css", "css")]);
        let a = SiteFiles(vec![listing.clone(), statics.clone()]);
        // A path in two parts is the later part's file, as `build` writes them in order.
        assert_eq!(
            a.get("index.html"),
            Some(&Content::Bytes(b"theme's".to_vec()))
        );
        assert_eq!(
            a.get("404.html"),
            Some(&Content::Bytes(b"missing".to_vec()))
        );
        assert_eq!(a.get("nope.html"), None);
        assert_eq!(a.iter().count(), 4);

        let b = SiteFiles(vec![listing.clone(), statics.clone()]);
        assert!(a.same(&b) && a.unshared(&b).next().is_none());
        // A part made again, even with the same files, is not shared: only its paths are
        // compared.
        let c = SiteFiles(vec![listing.clone(), part(&[("style.css", "css")])]);
        assert!(!a.same(&c));
        let paths: Vec<&String> = a.unshared(&c).collect();
        assert_eq!(paths, ["index.html", "style.css"]);
        assert_eq!(c.unshared(&a).collect::<Vec<_>>(), ["style.css"]);
        // Fewer parts: the missing ones are not shared.
        let d = SiteFiles(vec![listing]);
        assert_eq!(a.unshared(&d).count(), 2);
        assert_eq!(d.unshared(&a).count(), 0);
    }
}
