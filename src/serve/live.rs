//! Serve stage: the site held in memory and rebuilt per packet.
//!
//! [`Live`] runs the same stages as `build` but keeps each packet's output. A change under
//! `content/<slug>/` reloads, validates and re-renders that packet only; a change to
//! `brief.yaml` or `themes/` rebuilds everything. The site-level files are rendered again
//! whenever what they are made of (each packet's summary, sitemap entries and search entries)
//! changed, and kept otherwise. A rebuild with errors changes nothing that is served:
//! [`Live::snapshot`] stays the last good site.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::{Config, Packet};
use crate::render::{Content, Files, PacketOutput, Renderer, SitePart};
use crate::validate::{self, Overrides};

/// What a change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// brief.yaml, a theme, or something unknown: rebuild everything.
    All,
    /// Only these packet folders.
    Packets(BTreeSet<String>),
}

/// The last good site: site-level files plus each packet's files, shared cheaply.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// index, 404, feed, sitemap, statics.
    pub site: Arc<Files>,
    /// Packet slug → its files (paths include the slug).
    pub packets: BTreeMap<String, Arc<Files>>,
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

    /// Every file, as a full build would write them.
    pub fn files(&self) -> Files {
        crate::render::assemble(
            (*self.site).clone(),
            self.packets.values().map(|f| (**f).clone()),
        )
    }
}

struct PacketState {
    /// The validated packet; `None` when it has errors or is a left-out draft.
    packet: Option<Packet>,
    /// Its load and validation problems.
    diags: Vec<Diagnostic>,
    /// `None` until rendered by the current renderer; then its output without its files (they
    /// move to `files`, nothing reads them from here), or its render problems.
    output: Option<Result<Arc<PacketOutput>, Vec<Diagnostic>>>,
    /// Its files, shared with the snapshot.
    files: Arc<Files>,
}

impl PacketState {
    fn output(&self) -> Option<&Arc<PacketOutput>> {
        self.output.as_ref().and_then(|o| o.as_ref().ok())
    }
}

/// What the snapshot's site-level files were rendered from.
struct SiteInputs {
    /// [`Live::generation`] of the renderer.
    generation: u64,
    /// Every rendered packet's output, in slug order (the slug is part of it).
    outputs: Vec<Arc<PacketOutput>>,
    /// The files of each [`SitePart`], in [`SitePart::ALL`] order.
    parts: Vec<Arc<Files>>,
}

/// The incremental site.
pub struct Live {
    root: PathBuf,
    ov: Overrides,
    config: Option<Config>,
    config_diags: Vec<Diagnostic>,
    theme_diags: Vec<Diagnostic>,
    renderer: Option<Renderer>,
    /// Counts renderers, so site-level files are never kept across a theme or config change.
    generation: u64,
    packets: BTreeMap<String, PacketState>,
    snapshot: Snapshot,
    site_inputs: Option<SiteInputs>,
}

impl Live {
    /// A site that has not been built yet; call [`Live::rebuild`] with [`Change::All`].
    pub fn new(root: &Path, ov: Overrides) -> Live {
        Live {
            root: root.to_path_buf(),
            ov,
            config: None,
            config_diags: Vec::new(),
            theme_diags: Vec::new(),
            renderer: None,
            generation: 0,
            packets: BTreeMap::new(),
            snapshot: Snapshot::default(),
            site_inputs: None,
        }
    }

    /// The last good site.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// Applies a change; returns every current problem. The snapshot moves only when there is
    /// no error, so a broken edit keeps the last good site served.
    pub fn rebuild(&mut self, change: &Change) -> Diagnostics {
        let slugs = match change {
            Change::All => {
                self.reload_config();
                self.packets.clear();
                None
            }
            Change::Packets(s) => Some(s),
        };
        if let Some(config) = self.config.clone() {
            self.refresh_packets(&config, slugs);
            self.render(&config);
        }
        let mut diags = Diagnostics::default();
        diags.extend(self.config_diags.iter().cloned());
        diags.extend(self.theme_diags.iter().cloned());
        for p in self.packets.values() {
            diags.extend(p.diags.iter().cloned());
            if let Some(Err(ds)) = &p.output {
                diags.extend(ds.iter().cloned());
            }
        }
        if diags.has_errors() {
            return diags;
        }
        let Some(renderer) = &self.renderer else {
            return diags;
        };
        let outputs: Vec<(&String, &PacketState, &Arc<PacketOutput>)> = self
            .packets
            .iter()
            .filter_map(|(slug, p)| p.output().map(|o| (slug, p, o)))
            .collect();
        let packets = outputs
            .iter()
            .map(|(slug, p, _)| ((*slug).clone(), p.files.clone()))
            .collect();
        let refs: Vec<&PacketOutput> = outputs.iter().map(|(_, _, o)| &***o).collect();
        // Each group of site-level files is rendered again only when its input changed.
        let previous = self
            .site_inputs
            .take()
            .filter(|s| s.generation == self.generation);
        let before: Vec<&PacketOutput> = previous
            .as_ref()
            .map(|s| s.outputs.iter().map(|o| &**o).collect())
            .unwrap_or_default();
        let mut parts = Vec::new();
        let mut changed = false;
        for (i, part) in SitePart::ALL.into_iter().enumerate() {
            let kept = previous
                .as_ref()
                .filter(|_| part.same_input(&before, &refs))
                .map(|s| s.parts[i].clone());
            match kept {
                Some(files) => parts.push(files),
                None => match renderer.site_part(part, &refs) {
                    Ok(files) => {
                        changed = true;
                        parts.push(Arc::new(files));
                    }
                    Err(ds) => diags.extend(ds),
                },
            }
        }
        drop(before);
        if diags.has_errors() {
            self.site_inputs = previous;
            return diags;
        }
        if changed {
            let site = parts
                .iter()
                .flat_map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())))
                .collect();
            self.snapshot = Snapshot {
                site: Arc::new(site),
                packets,
            };
        } else {
            // The site-level files would come out the same: keep them.
            self.snapshot.packets = packets;
        }
        self.site_inputs = Some(SiteInputs {
            generation: self.generation,
            outputs: outputs.iter().map(|(_, _, o)| (*o).clone()).collect(),
            parts,
        });
        diags
    }

    fn reload_config(&mut self) {
        let mut diags = Diagnostics::default();
        let raw = load::load_config(&self.root, &mut diags);
        self.config = validate::config(&raw, &self.root, &self.ov, &mut diags);
        self.config_diags = diags.into_vec();
        self.renderer = None;
    }

    /// Loads and validates the packets named (all when `None`); removed folders are dropped.
    fn refresh_packets(&mut self, config: &Config, slugs: Option<&BTreeSet<String>>) {
        // Only the packets named can have appeared or gone. When each is a known packet whose
        // folder is still there, the list of packets (and what it says about the folders) is
        // as it was: skip listing content/ (which opens every packet folder).
        let content = self.root.join("content");
        if let Some(slugs) = slugs
            && slugs.iter().all(|s| {
                self.packets.contains_key(s)
                    && std::fs::symlink_metadata(content.join(s)).is_ok_and(|m| m.is_dir())
            })
        {
            self.load_packets(config, slugs.iter().collect());
            return;
        }
        let mut folder_diags = Diagnostics::default();
        let present: BTreeSet<String> = load::packet_slugs(&self.root, &mut folder_diags)
            .into_iter()
            .collect();
        self.config_diags.retain(|d| !d.file.starts_with("content"));
        self.config_diags.extend(folder_diags.into_vec());
        self.packets.retain(|slug, _| present.contains(slug));
        let wanted: Vec<&String> = present
            .iter()
            .filter(|s| slugs.is_none_or(|w| w.contains(*s)))
            .collect();
        self.load_packets(config, wanted);
    }

    /// Loads and validates these packets, replacing what was known of them.
    fn load_packets(&mut self, config: &Config, wanted: Vec<&String>) {
        let (root, drafts) = (&self.root, self.ov.drafts);
        let fresh: Vec<(String, PacketState)> = wanted
            .par_iter()
            .map(|slug| {
                let (packet, diags) = crate::pipeline::validated_packet(root, slug, config);
                let packet = packet.filter(|p| drafts || !p.draft);
                let state = PacketState {
                    packet,
                    diags,
                    output: None,
                    files: Arc::new(Files::new()),
                };
                ((*slug).clone(), state)
            })
            .collect();
        self.packets.extend(fresh);
    }

    /// Renders every packet that has no output yet (all of them after a theme change).
    fn render(&mut self, config: &Config) {
        if self.renderer.is_none() {
            match Renderer::new(config, &self.root) {
                Ok(r) => {
                    self.renderer = Some(r);
                    self.generation += 1;
                    self.theme_diags.clear();
                    for p in self.packets.values_mut() {
                        p.output = None;
                    }
                }
                Err(ds) => {
                    self.renderer = None;
                    self.theme_diags = ds;
                    return;
                }
            }
        }
        let Some(renderer) = &self.renderer else {
            return;
        };
        let todo: Vec<&mut PacketState> = self
            .packets
            .values_mut()
            .filter(|p| p.output.is_none() && p.packet.is_some())
            .collect();
        todo.into_par_iter().for_each(|state| {
            let Some(packet) = &state.packet else { return };
            state.output = Some(match renderer.packet(packet) {
                Ok(mut out) => {
                    state.files = Arc::new(std::mem::take(&mut out.files));
                    Ok(Arc::new(out))
                }
                Err(ds) => Err(ds),
            });
        });
    }
}

/// Sorts changed paths (relative to the root) into a [`Change`]; `None` when nothing that
/// matters changed (editor swap files, the output folder, files outside the project's sources).
pub fn classify<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Option<Change> {
    let mut slugs = BTreeSet::new();
    let mut all = false;
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if load::is_scratch(&name) {
            continue;
        }
        let mut comps = p
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        match comps.next().as_deref() {
            Some("brief.yaml") | Some("themes") => all = true,
            Some("content") => match comps.next() {
                Some(slug) if !load::is_scratch(&slug) => {
                    slugs.insert(slug);
                }
                Some(_) => {}
                None => all = true, // the folder itself, created or removed
            },
            _ => {}
        }
    }
    if all {
        Some(Change::All)
    } else if slugs.is_empty() {
        None
    } else {
        Some(Change::Packets(slugs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(classify([p("brief.yaml").as_path()]), Some(Change::All));
        assert_eq!(
            classify([p("themes/x/templates/a.html").as_path()]),
            Some(Change::All)
        );
        let c = classify([
            p("content/a/article.md").as_path(),
            p("content/b/.article.md.swp").as_path(),
        ]);
        assert_eq!(
            c,
            Some(Change::Packets(["a".to_string()].into_iter().collect()))
        );
        assert_eq!(classify([p("content/a/article.md~").as_path()]), None);
        assert_eq!(classify([p("content").as_path()]), Some(Change::All));
        assert_eq!(
            classify([
                p("public/index.html").as_path(),
                p("content/.hidden").as_path()
            ]),
            None
        );
    }
}
