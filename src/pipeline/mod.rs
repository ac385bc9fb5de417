//! The pipeline: `load → validate → render`, one incremental [`Project`] for `build`, `check` and
//! `serve`.
//!
//! A [`Project`] owns the configuration, the compiled theme, each packet's state and the
//! site-level files. [`Project::update`] brings it up to date for a [`Change`]: a change to
//! `brief.yaml` or a theme redoes everything; a change under `content/<slug>/` reloads,
//! validates and renders that packet, then renders again only the groups of site-level files
//! whose input changed. Every packet goes through the stages on its own, in parallel, while the
//! theme compiles on a thread of its own; each rendered packet's files go to a [`Sink`], which
//! writes them (`build`) or keeps them in memory (`check`, `serve`).
//!
//! - `build` ([`build`]): a fresh project, [`Change::All`], files written into a staging folder
//!   as packets finish, then the site-level files, then one commit (`write`).
//! - `check` ([`check`]): the same in memory, plus the link check.
//! - `serve`: one project kept alive and fed the watcher's changes (`serve/`).

mod build;
mod change;
mod site;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load;
use crate::model::Config;
use crate::render::{Content, Files, PacketOutput, Renderer};
use crate::validate::{self, Overrides};
pub use build::{Built, build};
pub use change::{Change, classify};
use site::SiteState;
pub use site::{SiteFiles, Snapshot};

/// Where each rendered packet's files go.
pub trait Sink: Sync {
    /// Called once the configuration is known, before any packet is rendered (`build` creates
    /// its staging folder here).
    fn open(&self, config: &Config) -> anyhow::Result<()>;

    /// Takes one packet's files as they are rendered; returns what the project keeps of them
    /// (all of them in memory, or nothing once written). `Err` stops the run (a write failed).
    fn packet(&self, files: Files) -> Result<Arc<Files>, SinkError>;
}

/// Why a [`Sink`] could not take a packet's files.
#[derive(Debug)]
pub enum SinkError {
    /// A problem with one of the writer's files (an asset that cannot be read): reported with
    /// the packet's other problems.
    Content(Vec<Diagnostic>),
    /// Writing the site failed: the run stops.
    Io(anyhow::Error),
}

/// Keeps every file in memory (`check`, and the `serve` of tests); copied files stay paths.
#[derive(Debug, Default)]
pub struct Keep;

impl Sink for Keep {
    fn open(&self, _: &Config) -> anyhow::Result<()> {
        Ok(())
    }

    fn packet(&self, files: Files) -> Result<Arc<Files>, SinkError> {
        Ok(Arc::new(files))
    }
}

/// Keeps every byte in memory, copied files read now (`serve`: nothing is read from disk when a
/// page is requested, so what is served is what was checked).
#[derive(Debug)]
pub struct Memory {
    root: PathBuf,
}

impl Memory {
    /// A sink for the project at `root` (problems are reported relative to it).
    pub fn new(root: &Path) -> Memory {
        Memory {
            root: root.to_path_buf(),
        }
    }
}

impl Sink for Memory {
    fn open(&self, _: &Config) -> anyhow::Result<()> {
        Ok(())
    }

    fn packet(&self, mut files: Files) -> Result<Arc<Files>, SinkError> {
        let mut problems = Vec::new();
        for content in files.values_mut() {
            if let Content::Copy(src) = content {
                match std::fs::read(&*src) {
                    Ok(bytes) => *content = Content::Bytes(bytes),
                    Err(e) => problems.push(Diagnostic::error(
                        load::rel(&self.root, src),
                        0,
                        0,
                        format!("cannot read this file: {}", load::io_reason(&e)),
                    )),
                }
            }
        }
        if problems.is_empty() {
            Ok(Arc::new(files))
        } else {
            Err(SinkError::Content(problems))
        }
    }
}

/// How far an update is: packets done of the total. Another thread may read it while the update
/// runs (the command line shows it on a terminal).
#[derive(Debug, Default)]
pub struct Progress {
    /// Packets that went through every stage.
    pub done: AtomicUsize,
    /// Packets being updated (0 until they are listed).
    pub total: AtomicUsize,
}

/// One packet as the project knows it.
#[derive(Debug, Default)]
struct PacketState {
    /// Its load, validation and render problems.
    diags: Vec<Diagnostic>,
    /// Its output without its files (they went to the sink), when it was rendered: validated
    /// without error and not a left-out draft.
    output: Option<Arc<PacketOutput>>,
    /// What the sink kept of its files.
    files: Arc<Files>,
    /// The text of its article.md, when it was rendered.
    article: Option<Arc<str>>,
}

/// A project being built, checked or served (see the module documentation).
pub struct Project {
    root: PathBuf,
    ov: Overrides,
    config: Option<Config>,
    /// Problems of `brief.yaml`.
    config_diags: Vec<Diagnostic>,
    /// Problems of the `content/` folder itself (a packet folder that is a link, say).
    folder_diags: Vec<Diagnostic>,
    /// The compiled theme, or why it failed; `None` until first needed.
    theme: Option<Result<Renderer, Vec<Diagnostic>>>,
    /// Counts compiled themes, so that site-level files are never kept across a theme change.
    generation: u64,
    packets: BTreeMap<String, PacketState>,
    site: SiteState,
}

impl Project {
    /// A project at `root` that has not been read yet: the first [`Project::update`] is
    /// [`Change::All`].
    pub fn new(root: &Path, ov: Overrides) -> Project {
        Project {
            root: root.to_path_buf(),
            ov,
            config: None,
            config_diags: Vec::new(),
            folder_diags: Vec::new(),
            theme: None,
            generation: 0,
            packets: BTreeMap::new(),
            site: SiteState::default(),
        }
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The configuration, once read without error.
    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// Brings the project up to date after `change`: reloads and renders what depends on it
    /// and hands each rendered packet's files to `sink`. Problems are kept, see
    /// [`Project::diagnostics`]; `Err` only when the sink failed to write.
    pub fn update(
        &mut self,
        change: &Change,
        sink: &dyn Sink,
        progress: &Progress,
    ) -> anyhow::Result<()> {
        // Without a valid configuration, every change rereads everything.
        let change = if self.config.is_none() {
            &Change::All
        } else {
            change
        };
        let named = match change {
            Change::All => {
                self.reload_config();
                self.theme = None;
                self.packets.clear();
                None
            }
            Change::Packets(slugs) => Some(slugs),
        };
        let Some(config) = self.config.clone() else {
            return Ok(());
        };
        sink.open(&config)?;
        let slugs = self.packets_to_load(named);
        progress.total.store(slugs.len(), Ordering::Relaxed);
        let failed = self.load_and_render(&config, &slugs, sink, progress);
        if let Some(e) = failed {
            return Err(e);
        }
        if self.has_errors() {
            self.site.clear_diags();
        } else {
            self.render_site();
        }
        Ok(())
    }

    /// Every current problem: the configuration's, the content folder's, the theme's and each
    /// packet's.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut diags = Diagnostics::default();
        diags.extend(self.config_diags.iter().cloned());
        diags.extend(self.folder_diags.iter().cloned());
        if let Some(Err(ds)) = &self.theme {
            diags.extend(ds.iter().cloned());
        }
        for p in self.packets.values() {
            diags.extend(p.diags.iter().cloned());
        }
        diags.extend(self.site.diags.iter().cloned());
        diags
    }

    /// `true` when any current problem is an error.
    fn has_errors(&self) -> bool {
        let error = |ds: &[Diagnostic]| ds.iter().any(|d| d.severity == Severity::Error);
        self.config.is_none()
            || error(&self.config_diags)
            || error(&self.folder_diags)
            || !matches!(self.theme, Some(Ok(_)))
            || self.packets.values().any(|p| error(&p.diags))
    }

    /// The site as it is now, when it has no error: the site-level files and what the sink
    /// kept of each packet's.
    pub fn snapshot(&self) -> Option<Snapshot> {
        if self.has_errors() || !self.site.diags.is_empty() {
            return None;
        }
        let packets = self
            .packets
            .iter()
            .filter(|(_, p)| p.output.is_some())
            .map(|(slug, p)| (slug.clone(), p.files.clone()))
            .collect();
        let articles = self
            .packets
            .iter()
            .filter_map(|(slug, p)| Some((slug.clone(), p.article.clone()?)))
            .collect();
        Some(Snapshot {
            site: self.site.files.clone(),
            packets,
            articles,
        })
    }

    fn reload_config(&mut self) {
        let mut diags = Diagnostics::default();
        let raw = load::load_config(&self.root, &mut diags);
        self.config = validate::config(&raw, &self.root, &self.ov, &mut diags);
        self.config_diags = diags.into_vec();
    }

    /// The packets to load again: all of them (`None`), or those named. The content folder is
    /// listed again unless each named packet is known and still a folder (then the list of
    /// packets, and what it says about the folders, is as it was).
    fn packets_to_load(
        &mut self,
        named: Option<&std::collections::BTreeSet<String>>,
    ) -> Vec<String> {
        let content = self.root.join("content");
        if let Some(named) = named
            && named.iter().all(|s| {
                self.packets.contains_key(s)
                    && std::fs::symlink_metadata(content.join(s)).is_ok_and(|m| m.is_dir())
            })
        {
            return named.iter().cloned().collect();
        }
        let mut diags = Diagnostics::default();
        let present = load::packet_slugs(&self.root, &mut diags);
        self.folder_diags = diags.into_vec();
        self.packets
            .retain(|slug, _| present.binary_search(slug).is_ok());
        present
            .into_iter()
            .filter(|s| named.is_none_or(|n| n.contains(s)))
            .collect()
    }

    /// Loads, validates and renders `slugs` in parallel (compiling the theme meanwhile when
    /// there is none), each packet's files going to `sink`. The first write error, if any.
    fn load_and_render(
        &mut self,
        config: &Config,
        slugs: &[String],
        sink: &dyn Sink,
        progress: &Progress,
    ) -> Option<anyhow::Error> {
        let theme: OnceLock<Result<Renderer, Vec<Diagnostic>>> = OnceLock::new();
        let compile = match self.theme.take() {
            Some(t) => {
                let _ = theme.set(t);
                false
            }
            None => true,
        };
        let (root, drafts) = (&self.root, self.ov.drafts);
        let done: Vec<(String, PacketState, Option<anyhow::Error>)> = std::thread::scope(|s| {
            if compile {
                s.spawn(|| {
                    // The packets wait for this cell: it is filled even if compiling panics.
                    let loaded = std::panic::catch_unwind(|| Renderer::new(config, root));
                    let _ = theme.set(loaded.unwrap_or_else(|_| {
                        Err(vec![Diagnostic::error(
                            "themes",
                            0,
                            0,
                            "the theme could not be loaded (internal error)",
                        )])
                    }));
                });
            }
            slugs
                .par_iter()
                .map(|slug| {
                    let (state, err) = packet(root, slug, config, drafts, theme.wait(), sink);
                    progress.done.fetch_add(1, Ordering::Relaxed);
                    (slug.clone(), state, err)
                })
                .collect()
        });
        let compiled = theme.into_inner();
        if compile {
            self.generation += 1;
        }
        self.theme = compiled;
        let mut failed = None;
        for (slug, state, err) in done {
            self.packets.insert(slug, state);
            failed = failed.or(err);
        }
        failed
    }

    /// Renders again the groups of site-level files whose input changed.
    fn render_site(&mut self) {
        let Some(Ok(renderer)) = &self.theme else {
            return;
        };
        let outputs: Vec<Arc<PacketOutput>> = self
            .packets
            .values()
            .filter_map(|p| p.output.clone())
            .collect();
        self.site.update(renderer, self.generation, outputs);
    }
}

/// Loads, validates and renders one packet (`build`, `check` and `serve` all come here).
fn packet(
    root: &Path,
    slug: &str,
    config: &Config,
    drafts: bool,
    theme: &Result<Renderer, Vec<Diagnostic>>,
    sink: &dyn Sink,
) -> (PacketState, Option<anyhow::Error>) {
    let (packet, mut diags) = validated_packet(root, slug, config);
    let clean = !diags.iter().any(|d| d.severity == Severity::Error);
    let mut state = PacketState::default();
    let mut failed = None;
    if let (Some(p), Ok(renderer)) = (packet, theme)
        && clean
        && (drafts || !p.draft)
    {
        match renderer.packet(&p) {
            Ok(mut out) => match sink.packet(std::mem::take(&mut out.files)) {
                Ok(files) => {
                    state.files = files;
                    state.output = Some(Arc::new(out));
                    state.article = Some(p.article_source.clone());
                }
                Err(SinkError::Content(ds)) => diags.extend(ds),
                Err(SinkError::Io(e)) => failed = Some(e),
            },
            Err(ds) => diags.extend(ds),
        }
    }
    state.diags = diags;
    (state, failed)
}

/// Loads and validates the packet `slug`: its model (`None` when validation failed) and every
/// problem found in its files.
pub fn validated_packet(
    root: &Path,
    slug: &str,
    config: &Config,
) -> (Option<crate::model::Packet>, Vec<Diagnostic>) {
    let mut ld = Diagnostics::default();
    let raw = load::load_packet(root, slug, &mut ld);
    let (packet, vd) = validate::validate_packet(raw, config);
    let mut diags = ld.into_vec();
    diags.extend(vd);
    (packet, diags)
}

/// What [`run`] and [`check`] found.
#[derive(Debug)]
pub struct Outcome {
    /// Every problem found.
    pub diags: Diagnostics,
    /// Every file of the site, when there was no error.
    pub files: Option<Files>,
    /// The configuration, when it was read without error.
    pub config: Option<Config>,
}

/// Loads, validates and renders the project at `root` in memory (nothing is written).
pub fn run(root: &Path, ov: &Overrides) -> Outcome {
    let mut project = Project::new(root, ov.clone());
    // Keeping files in memory cannot fail.
    let _ = project.update(&Change::All, &Keep, &Progress::default());
    Outcome {
        diags: project.diagnostics(),
        files: project.snapshot().map(|s| s.files()),
        config: project.config().cloned(),
    }
}

/// `brief check`: run, then check every internal link and anchor of the rendered site.
pub fn check(root: &Path, ov: &Overrides) -> Outcome {
    let mut outcome = run(root, ov);
    if let (Some(files), Some(config)) = (&outcome.files, &outcome.config) {
        outcome.diags.extend(crate::linkcheck::check(
            files,
            &config.root,
            &config.base_url,
        ));
    }
    outcome
}
