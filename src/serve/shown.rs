//! Serve stage: what the terminal is told after each rebuild, without repeating warnings.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use super::ServeOptions;
use crate::diag::{Diagnostic, Diagnostics, Severity};

/// The warnings the terminal shows now. A rebuild prints every error, every time, but only the
/// warnings not printed by the build before: on a large project, printing (and rendering)
/// every warning of every packet on each save would bury the few that changed, and took longer
/// than the rebuild itself (3,000 warnings at 1,000 packets: about 100 ms a save).
/// Each is kept as its hash: two different warnings with the same 64-bit hash are too unlikely
/// to matter (one of them would not be printed again), and 3,000 clones cost more.
#[derive(Debug, Default)]
pub(super) struct Shown(HashSet<u64>);

fn warning(d: &Diagnostic) -> bool {
    d.severity == Severity::Warning
}

fn hash(d: &Diagnostic) -> u64 {
    use std::hash::BuildHasher as _;
    // Fixed keys: the same warning has the same hash in every build of the run.
    std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
        .hash_one(d)
}

impl Shown {
    /// Prints the outcome of a build; returns the overlay text when it failed.
    pub(super) fn report(
        &mut self,
        diags: &Diagnostics,
        opts: &ServeOptions,
        start: Instant,
    ) -> Option<String> {
        eprint!("{}", self.terminal(diags, &opts.root, opts.color));
        if diags.has_errors() {
            eprintln!("build failed: still serving the last good site");
            Some(overlay(diags, &opts.root))
        } else {
            eprintln!("built in {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
            None
        }
    }

    /// What the terminal is told of `diags`: every error and note, the warnings it was not
    /// told last time, the summary of them all, and how many warnings it was told before.
    fn terminal(&mut self, diags: &Diagnostics, root: &Path, color: bool) -> String {
        let again = diags
            .iter()
            .filter(|d| warning(d) && self.0.contains(&hash(d)))
            .count();
        let mut text =
            diags.render_only(root, color, |d| !warning(d) || !self.0.contains(&hash(d)));
        if again > 0 {
            let them = if again == 1 { "it was" } else { "they were" };
            text.push_str(&format!(
                "({again} of the warnings not shown again: {them} printed above by an earlier build)\n"
            ));
        }
        self.0 = diags.iter().filter(|d| warning(d)).map(hash).collect();
        text
    }
}

/// The text laid over the pages when a build failed: its errors (and their notes), located;
/// the warnings stay in the terminal.
fn overlay(diags: &Diagnostics, root: &Path) -> String {
    let mut text = diags.render_only(root, false, |d| !warning(d));
    if diags.warning_count() > 0 {
        text.push_str("(the warnings are printed in the terminal)\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diags(list: &[Diagnostic]) -> Diagnostics {
        let mut d = Diagnostics::default();
        d.extend(list.iter().cloned());
        d
    }

    #[test]
    fn a_rebuild_prints_errors_again_but_only_new_warnings() {
        let root = Path::new("no-such-project");
        let old = Diagnostic::warning("content/a/packet.yaml", 3, 5, "old warning");
        let other = Diagnostic::warning("content/b/packet.yaml", 2, 1, "other warning");
        let new = Diagnostic::warning("content/a/packet.yaml", 4, 5, "new warning");
        let error = Diagnostic::error("content/a/timeline.yaml", 1, 1, "an error");
        let mut shown = Shown::default();

        let first = shown.terminal(&diags(&[old.clone(), other.clone()]), root, false);
        assert!(first.contains("old warning") && first.contains("other warning"));
        assert!(first.contains("2 warnings emitted"));
        assert!(!first.contains("not shown again"));

        let second = shown.terminal(
            &diags(&[old.clone(), other.clone(), new.clone(), error.clone()]),
            root,
            false,
        );
        assert!(second.contains("new warning") && second.contains("an error"));
        assert!(!second.contains("old warning") && !second.contains("other warning"));
        assert!(second.contains("1 error and 3 warnings found"));
        assert!(second.contains("(2 of the warnings not shown again: they were printed"));

        // The error is printed every time; a warning fixed and then back is new again.
        let third = shown.terminal(&diags(&[old.clone(), error.clone()]), root, false);
        assert!(third.contains("an error") && !third.contains("old warning"));
        assert!(third.contains("(1 of the warnings not shown again: it was printed"));
        let fourth = shown.terminal(&diags(std::slice::from_ref(&other)), root, false);
        assert!(fourth.contains("other warning") && !fourth.contains("not shown again"));
    }

    #[test]
    fn the_overlay_holds_the_errors_and_says_where_the_warnings_are() {
        let root = Path::new("no-such-project");
        let list = diags(&[
            Diagnostic::warning("content/a/packet.yaml", 3, 5, "a warning"),
            Diagnostic::error("content/a/timeline.yaml", 1, 1, "an error"),
        ]);
        let text = overlay(&list, root);
        assert!(text.contains("content/a/timeline.yaml:1:1") && text.contains("an error"));
        assert!(!text.contains("a warning"));
        assert!(text.contains("1 error and 1 warning found"));
        assert!(text.ends_with("(the warnings are printed in the terminal)\n"));
    }
}
