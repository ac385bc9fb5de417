//! Writing the Pages workflow: `brief init` adds it where it is missing and, finding one,
//! says whether it is older than the one this brief writes; `brief init --update-workflow`
//! shows the difference and replaces it with consent.

use std::cmp::Ordering;
use std::fs;
use std::io::{BufRead, ErrorKind, Write as _};
use std::path::Path;

use anyhow::{Context, Result};

use super::workflow::{Placement, VERSION};
use super::{InitReport, UsageError, write_new};

/// A workflow found where `init` would write one, compared with the one it would write.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Existing {
    /// Exactly the workflow this brief writes.
    Current,
    /// Written by an older brief (its version, or a description).
    Older(String),
    /// Written by a newer brief (its version).
    Newer(String),
    /// Written by this version of brief, then changed.
    Edited,
    /// Not written by brief.
    Foreign,
}

/// What `old` is, compared with `new`, the workflow this brief writes.
pub(super) fn existing(old: &str, new: &str) -> Existing {
    if old == new {
        return Existing::Current;
    }
    let marker = old.lines().find_map(|l| {
        let v = l.trim().strip_prefix("BRIEF_VERSION:")?;
        Some(
            v.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']),
        )
    });
    match marker {
        Some(v) => match compare(v, VERSION) {
            Some(Ordering::Less) => Existing::Older(v.to_string()),
            Some(Ordering::Greater) => Existing::Newer(v.to_string()),
            Some(Ordering::Equal) => Existing::Edited,
            None => Existing::Foreign,
        },
        // The workflow of brief before its first release built brief from Git.
        None if old.contains("BRIEF_GIT:") => Existing::Older("before 0.1.0".into()),
        None => Existing::Foreign,
    }
}

/// Orders two versions `MAJOR.MINOR.PATCH[-PRE]` (a pre-release before its release); `None`
/// when either is not one.
fn compare(a: &str, b: &str) -> Option<Ordering> {
    fn key(v: &str) -> Option<([u64; 3], bool, &str)> {
        let (core, pre) = v.split_once('-').unwrap_or((v, ""));
        let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
        let n = [parts.next()??, parts.next()??, parts.next()??];
        parts.next().is_none().then_some((n, pre.is_empty(), pre))
    }
    Some(key(a)?.cmp(&key(b)?))
}

/// Writes the workflow for `init DIR` (`project`), or notes in `report` why it did not.
pub(super) fn add(project: &Path, place: &Placement, report: &mut InitReport) -> Result<()> {
    let shown = place.shown();
    let path = place.workflow();
    let new = place.render();
    if fs::symlink_metadata(&path).is_ok() {
        let old = String::from_utf8_lossy(&fs::read(&path).unwrap_or_default()).into_owned();
        let command = if project == Path::new(".") {
            "brief init --update-workflow".to_string()
        } else {
            format!("brief init {} --update-workflow", project.display())
        };
        report
            .kept
            .push((shown, kept_reason(&existing(&old, &new), &command)));
    } else if let Some(why) = place.obstacle()? {
        report.skipped.push((shown, why));
    } else if write_new(&path, &new)? {
        report.added.push(if place.dir.is_empty() {
            shown
        } else {
            format!(
                "{shown} (at the root of the Git repository {}; it builds {}/)",
                place.root.display(),
                place.dir
            )
        });
    } else {
        report.kept.push((shown, "already there".into()));
    }
    Ok(())
}

/// Why `init` left a workflow alone, and what to do about it (`command`).
fn kept_reason(found: &Existing, command: &str) -> String {
    let update = format!("`{command}` shows the difference and replaces it if you agree");
    match found {
        Existing::Current | Existing::Foreign => "already there".into(),
        Existing::Older(v) => {
            format!("written by brief {v}; this brief, {VERSION}, writes a newer one: {update}")
        }
        Existing::Newer(v) => format!("already there, written by a newer brief, {v}"),
        Existing::Edited => {
            format!("already there, changed since brief {VERSION} wrote it: {update}")
        }
    }
}

/// `brief init DIR --update-workflow [--yes]`: shows how the project's workflow differs from
/// the one this brief writes (a unified diff on standard output), then replaces it if `yes`,
/// or if the answer to the question on standard error is yes. Returns the closing message.
pub fn update_workflow(project: &Path, yes: bool) -> Result<String> {
    if !project.is_dir() {
        return Err(UsageError(format!(
            "`{}` is not a folder: `brief init {0}` starts a project there",
            project.display()
        ))
        .into());
    }
    let place = Placement::of(project)?;
    let (path, shown, new) = (place.workflow(), place.shown_from(project), place.render());
    let old = match fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if let Some(why) = place.obstacle()? {
                return Err(UsageError(why).into());
            }
            write_new(&path, &new)?;
            return Ok(format!("added {shown}: brief {VERSION}'s workflow\n"));
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let found = existing(&old, &new);
    if found == Existing::Current {
        return Ok(format!(
            "{shown} is already brief {VERSION}'s workflow: nothing to change\n"
        ));
    }
    if let Some(why) = place.obstacle()?.filter(|w| w.contains("cannot name")) {
        return Err(UsageError(why).into());
    }
    let diff = similar::TextDiff::from_lines(&old, &new)
        .unified_diff()
        .header(
            &format!("{shown} (now)"),
            &format!("{shown} (brief {VERSION})"),
        )
        .to_string();
    print!("{diff}");
    let _ = std::io::stdout().flush();
    let caution = match &found {
        Existing::Foreign => "it was not written by brief; ".to_string(),
        Existing::Newer(v) => format!("it was written by a newer brief, {v}; "),
        Existing::Edited => "it was changed by hand, and those changes go; ".into(),
        Existing::Older(_) | Existing::Current => String::new(),
    };
    let question = format!("{caution}replace {shown} with brief {VERSION}'s workflow? [y/N] ");
    if !yes && !ask(&question)? {
        return Ok(format!(
            "{shown} left as it was; `brief init --update-workflow --yes` replaces it without \
             asking\n"
        ));
    }
    replace(&path, &new)?;
    Ok(format!("updated {shown} to brief {VERSION}'s workflow\n"))
}

/// Asks `question` on standard error; true only for an answer of y or yes.
fn ask(question: &str) -> Result<bool> {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .context("cannot read the answer")?;
    if answer.is_empty() {
        eprintln!();
    }
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// Replaces the file at `path` with `text` in one step (a sibling file renamed over it).
fn replace(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_file_name(".pages.yml.brief-new");
    fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        anyhow::Error::new(e).context(format!("cannot replace {}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scaffold::workflow::render;

    #[test]
    fn versions_compare_as_semver() {
        assert_eq!(compare("0.1.0", "0.1.0"), Some(Ordering::Equal));
        assert_eq!(compare("0.9.0", "0.10.0"), Some(Ordering::Less));
        assert_eq!(compare("1.0.0-rc.1", "1.0.0"), Some(Ordering::Less));
        assert_eq!(compare("2.0.0", "1.99.99"), Some(Ordering::Greater));
        assert_eq!(compare("1.0", "1.0.0"), None);
        assert_eq!(compare("1.0.0.0", "1.0.0"), None);
    }

    #[test]
    fn an_existing_workflow_is_recognised() {
        let new = render("main", "");
        assert_eq!(existing(&new, &new), Existing::Current);
        let old = new.replace(&format!("BRIEF_VERSION: {VERSION}"), "BRIEF_VERSION: 0.0.1");
        assert_eq!(existing(&old, &new), Existing::Older("0.0.1".into()));
        let newer = new.replace(
            &format!("BRIEF_VERSION: {VERSION}"),
            "BRIEF_VERSION: 99.0.0",
        );
        assert_eq!(existing(&newer, &new), Existing::Newer("99.0.0".into()));
        let edited = new.replace("ubuntu-latest", "ubuntu-24.04");
        assert_eq!(existing(&edited, &new), Existing::Edited);
        assert_eq!(existing("name: mine\n", &new), Existing::Foreign);
        let before_release = "env:\n  BRIEF_GIT: https://github.com/OWNER/brief\n";
        assert!(matches!(existing(before_release, &new), Existing::Older(_)));
    }
}
