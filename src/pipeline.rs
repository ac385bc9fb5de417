//! The pipeline: `load → validate → render → write`, shared by `build` and `check`.
//!
//! Every packet goes through the stages on its own, in parallel (`packets`), while the theme
//! compiles on a thread of its own; the site-level files follow from the packets' summaries.
//! [`run`] keeps every file in memory (for `check`); [`build`] writes each packet's files into a
//! staging folder as soon as they are rendered, so memory stays bounded on large sites, and swaps
//! the folder in only when the whole run succeeded: a failed build leaves the previous output
//! as it was.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::{Config, Packet, Site};
use crate::render::{self, Content, Files, PacketOutput, Renderer};
use crate::validate::{self, Overrides};
use crate::{load, write};

/// What one run produced.
#[derive(Debug)]
pub struct Outcome {
    /// Every problem found.
    pub diags: Diagnostics,
    /// The validated site and its files, when there was no error.
    pub site: Option<(Site, Files)>,
}

/// Loads, validates and renders the project at `root` (nothing is written).
pub fn run(root: &Path, ov: &Overrides) -> Outcome {
    let mut diags = Diagnostics::default();
    let Some(config) = configure(root, ov, &mut diags) else {
        return Outcome { diags, site: None };
    };
    let done = packets(
        root,
        &config,
        ov,
        &mut diags,
        &Progress::default(),
        |p, o| Ok((p, o)),
    );
    let Ok(Some((renderer, done))) = done else {
        return Outcome { diags, site: None };
    };
    let (packets, outputs): (Vec<Packet>, Vec<PacketOutput>) = done.into_iter().unzip();
    let refs: Vec<&PacketOutput> = outputs.iter().collect();
    let site = match renderer.site_files(&refs) {
        Ok(files) if !diags.has_errors() => Some((
            Site { config, packets },
            render::assemble(files, outputs.into_iter().map(|o| o.files)),
        )),
        Ok(_) => None,
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    Outcome { diags, site }
}

/// `brief check`: run, then check every internal link and anchor of the rendered site.
pub fn check(root: &Path, ov: &Overrides) -> Outcome {
    let mut outcome = run(root, ov);
    if let Some((site, files)) = &outcome.site {
        outcome.diags.extend(crate::linkcheck::check(
            files,
            &site.config.root,
            &site.config.base_url,
        ));
    }
    outcome
}

/// Summary of a successful build.
#[derive(Debug)]
pub struct Built {
    /// Where the site was written.
    pub output: PathBuf,
    /// Packets built.
    pub packets: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files of the site (pages included), written or, when unchanged, left as they were.
    pub files: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// How far a build is: packets done of the total. Another thread may read it while the build
/// runs (the command line shows it on a terminal).
#[derive(Debug, Default)]
pub struct Progress {
    /// Packets that went through every stage.
    pub done: AtomicUsize,
    /// Packets found under `content/` (0 until they are listed).
    pub total: AtomicUsize,
}

/// `brief build`: run, writing to `output` (or the configured `output_dir`) as packets finish.
pub fn build(
    root: &Path,
    output: Option<&Path>,
    ov: &Overrides,
    progress: &Progress,
) -> (Diagnostics, anyhow::Result<Option<Built>>) {
    let start = Instant::now();
    let mut diags = Diagnostics::default();
    let Some(config) = configure(root, ov, &mut diags) else {
        return (diags, Ok(None));
    };
    let out = output.map_or_else(|| config.output_dir.clone(), Path::to_path_buf);
    let staging = match write::Staging::create(root, &out) {
        Ok(s) => s,
        Err(e) => return (diags, Err(e)),
    };
    // Each packet's files go to disk as soon as they are rendered and are dropped from memory.
    let done = packets(root, &config, ov, &mut diags, progress, |_, mut o| {
        staging.write(&o.files)?;
        let counts = (count_pages(&o.files), o.files.len());
        o.files = Files::new();
        Ok((o, counts))
    });
    let (renderer, done) = match done {
        Ok(Some(d)) => d,
        Ok(None) => return (diags, Ok(None)),
        Err(e) => return (diags, Err(e)),
    };
    let outputs: Vec<&PacketOutput> = done.iter().map(|(o, _)| o).collect();
    let site = match renderer.site_files(&outputs) {
        Ok(files) => files,
        Err(ds) => {
            diags.extend(ds);
            return (diags, Ok(None));
        }
    };
    if diags.has_errors() {
        return (diags, Ok(None));
    }
    let (pages, files) = done
        .iter()
        .fold((0, 0), |(p, f), (_, (pp, ff))| (p + pp, f + ff));
    let result = staging
        .write(&site)
        .and_then(|()| staging.commit())
        .map(|()| {
            Some(Built {
                output: out,
                packets: done.len(),
                pages: pages + count_pages(&site),
                files: files + site.len(),
                seconds: start.elapsed().as_secs_f64(),
            })
        });
    (diags, result)
}

/// Reads and checks `brief.yaml` (with the command-line overrides).
fn configure(root: &Path, ov: &Overrides, diags: &mut Diagnostics) -> Option<Config> {
    let raw = load::load_config(root, diags);
    validate::config(&raw, root, ov, diags)
}

/// Takes every packet under `content/` through load → validate → render, in parallel, and hands each
/// rendered one to `keep`, whose results come back in slug order with the renderer. The theme
/// compiles meanwhile on its own thread. Problems go to `diags`; a packet with an error is
/// validated but not rendered, so one run reports every problem. `Ok(None)` when the theme
/// failed; `Err` when `keep` did (writing, say).
fn packets<T: Send>(
    root: &Path,
    config: &Config,
    ov: &Overrides,
    diags: &mut Diagnostics,
    progress: &Progress,
    keep: impl Fn(Packet, PacketOutput) -> anyhow::Result<T> + Sync,
) -> anyhow::Result<Option<(Renderer, Vec<T>)>> {
    let slugs = load::packet_slugs(root, diags);
    progress.total.store(slugs.len(), Ordering::Relaxed);
    let theme: OnceLock<Result<Renderer, Vec<Diagnostic>>> = OnceLock::new();
    let results: Vec<(Vec<Diagnostic>, Option<anyhow::Result<T>>)> = std::thread::scope(|s| {
        s.spawn(|| {
            // The packets wait for this cell: it is filled even if loading the theme panics.
            let loaded = std::panic::catch_unwind(|| Renderer::new(config, root));
            theme.set(loaded.unwrap_or_else(|_| {
                Err(vec![Diagnostic::error(
                    "themes",
                    0,
                    0,
                    "the theme could not be loaded (internal error)",
                )])
            }))
        });
        slugs
            .par_iter()
            .map(|slug| {
                let (packet, mut ds) = validated_packet(root, slug, config);
                let clean = !ds.iter().any(|d| d.severity == Severity::Error);
                let kept = match (packet, theme.wait()) {
                    (Some(p), Ok(r)) if clean && (ov.drafts || !p.draft) => match r.packet(&p) {
                        Ok(o) => Some(keep(p, o)),
                        Err(rd) => {
                            ds.extend(rd);
                            None
                        }
                    },
                    _ => None,
                };
                progress.done.fetch_add(1, Ordering::Relaxed);
                (ds, kept)
            })
            .collect()
    });
    // Every packet's problems are reported, even when writing one of them failed.
    let mut kept = Vec::new();
    let mut failed = None;
    for (ds, k) in results {
        diags.extend(ds);
        match k {
            Some(Ok(t)) => kept.push(t),
            Some(Err(e)) => failed = failed.or(Some(e)),
            None => {}
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    match theme.into_inner() {
        Some(Ok(r)) => Ok(Some((r, kept))),
        Some(Err(ds)) => {
            diags.extend(ds);
            Ok(None)
        }
        None => Ok(None),
    }
}

/// Loads and validates the packet `slug`: its model (`None` when validation failed) and every
/// problem found in its files. `serve` reloads an edited packet with it too.
pub fn validated_packet(
    root: &Path,
    slug: &str,
    config: &Config,
) -> (Option<Packet>, Vec<Diagnostic>) {
    let mut ld = Diagnostics::default();
    let raw = load::load_packet(root, slug, &mut ld);
    let (packet, vd) = validate::validate_packet(raw, config);
    let mut diags = ld.into_vec();
    diags.extend(vd);
    (packet, diags)
}

/// Rendered HTML pages among `files` (a packet's copied `.html` files are not pages).
fn count_pages(files: &Files) -> usize {
    files
        .iter()
        .filter(|(k, c)| k.ends_with(".html") && matches!(c, Content::Bytes(_)))
        .count()
}
