//! Scaffold stage: `brief new SLUG [--article FILE]`, a packet folder with commented skeletons;
//! with an article, actors.yaml lists the names found in it, commented out.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::names::{self, Kind, Name};
use super::{PACKET_TO_ROOT, UsageError, schema_files, with_schema, write_new};
use crate::load::{MAX_FILE_BYTES, is_valid_slug, slugify};

/// At most this many names are listed in actors.yaml.
const MAX_NAMES: usize = 40;

/// What `new` did.
#[derive(Debug)]
pub struct NewReport {
    /// The packet folder, `<root>/content/<slug>`.
    pub dir: PathBuf,
    /// Files written, in the packet folder.
    pub files: Vec<&'static str>,
    /// Names listed in actors.yaml (`None` without `--article`).
    pub names: Option<usize>,
    /// JSON Schemas added to the project (it had none), relative to the project.
    pub schemas: Vec<String>,
}

impl NewReport {
    /// The summary printed by `brief new`.
    pub fn render(&self) -> String {
        let mut s = format!("created {}: {}\n", shown(&self.dir), self.files.join(", "));
        if !self.schemas.is_empty() {
            let _ = writeln!(
                s,
                "added {}/: JSON Schemas that editors use to complete and check the YAML files",
                crate::schema::SCHEMA_DIR
            );
        }
        match self.names {
            Some(0) => s.push_str("no capitalised names found in the article for actors.yaml\n"),
            Some(n) => {
                let _ = writeln!(
                    s,
                    "actors.yaml lists {n} name{} found in the article, commented out",
                    if n == 1 { "" } else { "s" }
                );
            }
            None => s.push_str("next: paste the source article into article.md\n"),
        }
        s.push_str("then: add events, actors and questions, and run `brief check`\n");
        s
    }
}

/// `brief new SLUG [--root DIR] [--article FILE]`.
pub fn new_packet(root: &Path, slug: &str, article: Option<&Path>) -> Result<NewReport> {
    if !is_valid_slug(slug) {
        let hint = slugify(slug);
        let hint = if hint.is_empty() || hint == slug {
            String::new()
        } else {
            format!("; try `{hint}`")
        };
        return Err(UsageError(format!(
            "invalid packet name `{slug}`: use a-z, 0-9 and `-` (not at either end){hint}"
        ))
        .into());
    }
    if !root.is_dir() {
        return Err(UsageError(format!("no project folder `{}`", root.display())).into());
    }
    let dir = root.join("content").join(slug);
    if fs::symlink_metadata(&dir).is_ok() {
        return Err(UsageError(format!(
            "`{}` already exists: pick another name, or delete that folder first",
            shown(&dir)
        ))
        .into());
    }
    let text = article.map(read_article).transpose()?;
    let title = text
        .as_deref()
        .and_then(first_heading)
        .unwrap_or_else(|| humanise(slug));
    let found = text.as_deref().map(names::find);
    let today = jiff::ZonedDateTime::now().date().to_string();
    let packet = include_str!("files/new/packet.yaml")
        .replace("__TITLE__", &quote(&title))
        .replace("__DATE__", &today);
    let article_text = text.unwrap_or_else(|| include_str!("files/new/article.md").to_string());
    let yaml = |name, text: &str| with_schema(name, PACKET_TO_ROOT, text);
    let files: [(&'static str, String); 5] = [
        ("article.md", article_text),
        ("packet.yaml", yaml("packet.yaml", &packet)),
        (
            "timeline.yaml",
            yaml("timeline.yaml", include_str!("files/new/timeline.yaml")),
        ),
        (
            "actors.yaml",
            yaml("actors.yaml", &actors_yaml(found.as_deref())),
        ),
        (
            "questions.yaml",
            yaml("questions.yaml", include_str!("files/new/questions.yaml")),
        ),
    ];
    fs::create_dir_all(root.join("content"))
        .with_context(|| format!("cannot create {}", root.join("content").display()))?;
    fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, text) in &files {
        write_new(&dir.join(name), text)?;
    }
    // The schemas the files point at, when the project lacks them (an older project).
    let mut schemas = Vec::new();
    for (rel, text) in schema_files() {
        if write_new(&root.join(&rel), &text)? {
            schemas.push(rel);
        }
    }
    Ok(NewReport {
        dir,
        files: files.iter().map(|(n, _)| *n).collect(),
        schemas,
        names: found.map(|f| {
            f.iter()
                .filter(|n| n.kind.actor_kind().is_some())
                .count()
                .min(MAX_NAMES)
        }),
    })
}

/// `path` for messages, without a leading `./`.
fn shown(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

/// Reads the `--article` file: UTF-8 text of a sensible size, or a usage error.
fn read_article(path: &Path) -> Result<String> {
    let bad = |why: String| UsageError(format!("--article {}: {why}", path.display()));
    let meta = fs::metadata(path).map_err(|e| bad(e.to_string()))?;
    if !meta.is_file() {
        return Err(bad("not a file".into()).into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(bad(format!("larger than {} MiB", MAX_FILE_BYTES >> 20)).into());
    }
    let bytes = fs::read(path).map_err(|e| bad(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8 text".into()))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// The text of the article's first heading, if it has one.
fn first_heading(markdown: &str) -> Option<String> {
    let mut inside = false;
    let mut text = String::new();
    for ev in Parser::new(markdown) {
        match ev {
            Event::Start(Tag::Heading { .. }) => inside = true,
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// `calder-strike` → `Calder strike`.
fn humanise(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// A YAML scalar for `s`: plain when that is unambiguous, else double-quoted.
fn quote(s: &str) -> String {
    let plain = s.chars().next().is_some_and(char::is_alphanumeric)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\'' | '’'))
        && !matches!(
            s.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

/// actors.yaml: the header, then either the names found (commented out) or a commented example;
/// places and laws found are listed after them, apart (they are not actors).
fn actors_yaml(found: Option<&[Name]>) -> String {
    let mut s = include_str!("files/new/actors-head.yaml").to_string();
    let (actors, apart): (Vec<&Name>, Vec<&Name>) = found
        .unwrap_or_default()
        .iter()
        .partition(|n| n.kind.actor_kind().is_some());
    if actors.is_empty() && apart.is_empty() {
        s.push_str(include_str!("files/new/actors-example.yaml"));
        return s;
    }
    s.push_str(
        "#\n# Names found in article.md, most frequent first, with how often each occurs (its\n\
         # aliases included). Uncomment the actors that matter; check each kind and add a side.\n",
    );
    let mut ids: Vec<String> = Vec::new();
    for n in actors.iter().take(MAX_NAMES) {
        let base = match slugify(&n.name) {
            b if b.is_empty() => "actor".to_string(),
            b => b,
        };
        let mut id = base.clone();
        let mut i = 2;
        while ids.contains(&id) {
            id = format!("{base}-{i}");
            i += 1;
        }
        let kind = n.kind.actor_kind().unwrap_or("person");
        let _ = writeln!(s, "\n# - id: {id}");
        let _ = writeln!(s, "#   name: {}  # found {}×", quote(&n.name), n.count);
        let _ = writeln!(
            s,
            "#   kind: {kind}  # person | organization | country | group"
        );
        if !n.aliases.is_empty() {
            let list: Vec<String> = n.aliases.iter().map(|a| quote(a)).collect();
            let _ = writeln!(s, "#   aliases: [{}]", list.join(", "));
        }
        ids.push(id);
    }
    if actors.len() > MAX_NAMES {
        let _ = writeln!(
            s,
            "\n# … and {} more names, each found as often or less.",
            actors.len() - MAX_NAMES
        );
    }
    for (kind, what) in [(Kind::Place, "Places"), (Kind::Law, "Laws and agreements")] {
        let list: Vec<String> = apart
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| format!("{} ({}×)", n.name, n.count))
            .collect();
        if !list.is_empty() {
            // One `# ` prefix and no indent, so that uncommenting entries never revives these.
            let mut line = format!("\n# {what} found, not listed as actors:");
            for (i, item) in list.iter().enumerate() {
                let sep = if i + 1 < list.len() { "," } else { "" };
                if line.rsplit('\n').next().map_or(0, str::len) + item.len() > 92 {
                    line.push_str("\n#");
                }
                let _ = write!(line, " {item}{sep}");
            }
            s.push_str(&line);
            s.push('\n');
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_first_heading_or_the_slug() {
        assert_eq!(
            first_heading("Intro.\n\n## The `big` day\n\n# Later").as_deref(),
            Some("The big day")
        );
        assert_eq!(first_heading("No heading."), None);
        assert_eq!(humanise("calder-dock-strike"), "Calder dock strike");
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(quote("Maria Oyelaran"), "Maria Oyelaran");
        assert_eq!(quote("Harbour Workers' Union"), "Harbour Workers' Union");
        assert_eq!(quote("No"), "\"No\"");
        assert_eq!(quote("Talks: day 1"), "\"Talks: day 1\"");
        assert_eq!(quote("\"Quoted\""), "\"\\\"Quoted\\\"\"");
    }
}
