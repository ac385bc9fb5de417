//! The `brief` command line: parses arguments and calls the pipeline.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use brief::diag::Diagnostics;
use brief::pipeline;
use brief::validate::Overrides;

/// A static site generator for briefing packets.
#[derive(Parser)]
#[command(name = "brief", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the project, then write the whole site.
    Build {
        /// Project folder (holds brief.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write the site here instead of `output_dir` from brief.yaml (default `public`).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Absolute URL the site will be served from (overrides `base_url`), e.g.
        /// https://user.github.io/repo/; every link carries its path.
        #[arg(long)]
        base_url: Option<String>,
        /// Include packets marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Build in memory, serve the site locally, and rebuild and reload the browser on every
    /// change.
    Serve {
        /// Project folder (holds brief.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on; keep the default unless you mean other machines to see it.
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include packets marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Validate everything and render the site in memory; write nothing.
    Check {
        /// Project folder (holds brief.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Check as if served from this absolute URL.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Find TEXT in a packet's article as the build does, and print each place with the
    /// evidence entry to paste (with the shortest prefix or suffix that picks it). Exit 0 when
    /// TEXT occurs exactly once, 1 otherwise.
    Quote {
        /// The packet's folder name under content/.
        slug: String,
        /// The text to look for (quote it in the shell).
        text: String,
        /// Project folder (holds brief.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print the result as JSON, for editors and scripts.
        #[arg(long)]
        json: bool,
    },
    /// Start a project: brief.yaml, an example packet, a GitHub Pages workflow, .gitignore
    /// and README.md. Never overwrites a file: in a folder that has some, adds the others.
    /// Inside a Git repository, the workflow goes to the repository's root.
    Init {
        /// The project folder (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Only bring the GitHub Pages workflow up to this brief's: show the difference, then
        /// replace it if you agree.
        #[arg(long)]
        update_workflow: bool,
        /// With --update-workflow: replace it without asking.
        #[arg(long, requires = "update_workflow")]
        yes: bool,
    },
    /// Start a packet: content/SLUG/ with article.md, packet.yaml and commented skeletons of
    /// timeline.yaml, actors.yaml and questions.yaml.
    New {
        /// The packet's folder name: a-z, 0-9 and `-`.
        slug: String,
        /// Project folder (holds brief.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Use this file as article.md, and list the names found in it in actors.yaml.
        #[arg(long)]
        article: Option<PathBuf>,
    },
    /// Print the JSON Schema of a packet file, for editors (all five as one JSON object
    /// without FILE), or write them all into a folder.
    Schema {
        /// brief, packet, timeline, actors or questions (`.yaml` optional).
        file: Option<String>,
        /// Write every schema into this folder (replacing those there), e.g. `schemas`.
        #[arg(long, conflicts_with = "file")]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let ov = Overrides { base_url, drafts };
            if let Err(e) = brief::write::guard::install_signal_handler() {
                eprintln!("warning: {e:#}");
            }
            let progress = pipeline::Progress::default();
            let finished = AtomicBool::new(false);
            let (diags, result) = std::thread::scope(|s| {
                if std::io::stderr().is_terminal() {
                    s.spawn(|| show_progress(&progress, &finished));
                }
                let r = pipeline::build(&root, output.as_deref(), &ov, &progress);
                finished.store(true, Ordering::Relaxed);
                r
            });
            report(&diags, &root);
            match result {
                Ok(Some(b)) => {
                    if b.restored {
                        eprintln!(
                            "note: a killed build had set the previous site aside; it was put back first"
                        );
                    }
                    if b.removed_leftovers > 0 {
                        eprintln!(
                            "note: removed {} folder{} left by interrupted builds",
                            b.removed_leftovers,
                            if b.removed_leftovers == 1 { "" } else { "s" }
                        );
                    }
                    if !b.kept.is_empty() {
                        eprintln!(
                            "kept what brief did not write in {}: {}",
                            b.output.display(),
                            summary(&b.kept)
                        );
                    }
                    eprintln!(
                        "built {} packet{} ({} pages, {} files) into {} in {:.0} ms",
                        b.packets,
                        if b.packets == 1 { "" } else { "s" },
                        b.pages,
                        b.files,
                        b.output.display(),
                        b.seconds * 1000.0
                    );
                    ExitCode::SUCCESS
                }
                Ok(None) => {
                    eprintln!(
                        "build failed: nothing was written; the previous output is unchanged"
                    );
                    ExitCode::from(1)
                }
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            interface,
            port,
            open,
            drafts,
        } => {
            let opts = brief::serve::ServeOptions {
                root,
                interface,
                port,
                drafts,
                open,
                color: color(),
            };
            match brief::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            deny_warnings,
            base_url,
        } => {
            let outcome = pipeline::check(
                &root,
                &Overrides {
                    base_url,
                    drafts: true,
                },
            );
            report(&outcome.diags, &root);
            let failed =
                outcome.diags.has_errors() || (deny_warnings && outcome.diags.warning_count() > 0);
            if failed {
                ExitCode::from(1)
            } else {
                eprintln!("check passed");
                ExitCode::SUCCESS
            }
        }
        Command::Quote {
            slug,
            text,
            root,
            json,
        } => quote(&root, &slug, &text, json),
        Command::Init {
            dir,
            update_workflow,
            yes,
        } => scaffold_exit(if update_workflow {
            brief::scaffold::update_workflow(&dir, yes)
        } else {
            brief::scaffold::init(&dir).map(|r| r.render())
        }),
        Command::New {
            slug,
            root,
            article,
        } => scaffold_exit(
            brief::scaffold::new_packet(&root, &slug, article.as_deref()).map(|r| r.render()),
        ),
        Command::Schema { file, out: None } => match brief::schema::print(file.as_deref()) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => scaffold_exit(Err(e)),
        },
        Command::Schema { out: Some(dir), .. } => scaffold_exit(brief::schema::write(&dir)),
    }
}

/// `brief quote`: exit 0 for exactly one match, 1 otherwise, 2 when there is no such packet.
fn quote(root: &Path, slug: &str, text: &str, json: bool) -> ExitCode {
    match brief::quote::search_packet(root, slug, text) {
        Ok(s) => {
            if json {
                println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
            } else {
                print!("{}", brief::quote::render(&s));
            }
            if s.count == 1 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(diags) => {
            report(&diags, root);
            ExitCode::from(2)
        }
    }
}

/// Prints what `init` or `new` did; usage errors exit 2, failures to write 1.
fn scaffold_exit(result: anyhow::Result<String>) -> ExitCode {
    match result {
        Ok(text) => {
            eprint!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) if e.downcast_ref::<brief::scaffold::UsageError>().is_some() => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// On a terminal, a build still running after a second shows `building: done/total packets` on one line,
/// updated in place and cleared at the end. `BRIEF_PROGRESS_AFTER_MS` changes the delay (tests).
fn show_progress(progress: &pipeline::Progress, finished: &AtomicBool) {
    let after = std::env::var("BRIEF_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis);
    let start = Instant::now();
    let mut shown = false;
    while !finished.load(Ordering::Relaxed) {
        if start.elapsed() >= after {
            let total = progress.total.load(Ordering::Relaxed);
            let done = progress.done.load(Ordering::Relaxed);
            eprint!("\r\x1b[2Kbuilding: {done}/{total} packets");
            shown = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    if shown {
        eprint!("\r\x1b[2K");
    }
}

/// Colour only on a terminal, and never with NO_COLOR set.
fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints every diagnostic (coloured only on a terminal without NO_COLOR).
fn report(diags: &Diagnostics, root: &Path) {
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = diags.render(root, color);
    if !text.is_empty() {
        eprint!("{text}");
    }
}

/// Kept entries for one line: the first ten, then how many more.
fn summary(kept: &[String]) -> String {
    let mut s = kept.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
    if kept.len() > 10 {
        s.push_str(&format!(" and {} more", kept.len() - 10));
    }
    s
}
