//! The pipeline: `load → validate → render → write`, shared by `build` and `check`.
//!
//! [`run`] does everything but writing and returns the diagnostics with the rendered files;
//! `build` writes them only when there was no error, so a failed build leaves the previous
//! output as it was.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diag::Diagnostics;
use crate::model::Site;
use crate::render::Files;
use crate::validate::Overrides;
use crate::{load, render, validate, write};

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
    let raw = load::load(root, &mut diags);
    let site = validate::validate(raw, ov, &mut diags);
    let files = match &site {
        Some(s) if !diags.has_errors() => render::render(s, root, &mut diags),
        _ => None,
    };
    let site = match (site, files) {
        (Some(s), Some(f)) if !diags.has_errors() => Some((s, f)),
        _ => None,
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
    /// Files written.
    pub files: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// `brief build`: run, then write to `output` (or the configured `output_dir`).
pub fn build(
    root: &Path,
    output: Option<&Path>,
    ov: &Overrides,
) -> (Diagnostics, anyhow::Result<Option<Built>>) {
    let start = Instant::now();
    let outcome = run(root, ov);
    let Some((site, files)) = outcome.site else {
        return (outcome.diags, Ok(None));
    };
    let out = output.map_or_else(|| site.config.output_dir.clone(), Path::to_path_buf);
    let written = write::write_site(root, &out, &files).map(|()| {
        Some(Built {
            output: out,
            packets: site.packets.len(),
            files: files.len(),
            seconds: start.elapsed().as_secs_f64(),
        })
    });
    (outcome.diags, written)
}
