//! Render stage: the theme: Tera templates (parsed once) and static files, with fallback.
//!
//! The default theme is embedded in the binary (see `build.rs`) and registered under the
//! prefix `default/`; a project theme's templates are registered under their bare names.
//! Tera's fallback prefixes resolve `overview.html` to the project's file when it has one and
//! to `default/overview.html` otherwise, for `render`, `extends` and `include` alike.

use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::diag::{DiagBuild, Diagnostic};

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A loaded theme: templates and the static files to copy.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Static files: output path (relative to the site root) → bytes.
    pub statics: Vec<(String, Vec<u8>)>,
}

/// Tera's HTML escaping (`&`, `<`, `>`, `"` and `'`, the last as `&#39;`), writing the text
/// between those characters in whole runs instead of byte by byte.
pub fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut run = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[run..i])?;
        out.write_all(entity)?;
        run = i + 1;
    }
    out.write_all(&bytes[run..])
}

/// Loads the default theme, then `themes/<name>/` of the project over it.
pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    let mut diags = Vec::new();
    if let Err(e) = tera.set_fallback_prefixes(["default/"]) {
        diags.push(Diagnostic::error(
            "themes",
            0,
            0,
            format!("cannot set up templates: {e}"),
        ));
    }
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let mut templates: Vec<(String, String, PathBuf)> = Vec::new();
    let mut statics: Vec<(String, Vec<u8>)> = Vec::new();
    for (path, bytes) in DEFAULT_THEME {
        if let Some(t) = path.strip_prefix("templates/") {
            let src = String::from_utf8_lossy(bytes).into_owned();
            templates.push((
                format!("default/{t}"),
                src,
                PathBuf::from("themes/default").join(path),
            ));
        } else if let Some(s) = path.strip_prefix("static/") {
            statics.push((s.to_string(), bytes.to_vec()));
        }
    }
    // The project's `themes/<name>/`, also when it is `default`: a copy of the default theme
    // there is an override like any other theme (its files win, the missing ones fall back).
    let dir = Path::new("themes").join(name);
    for entry in walkdir::WalkDir::new(root.join(&dir))
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let relp = crate::load::rel(root, entry.path());
        let inner = relp
            .strip_prefix(&dir)
            .unwrap_or(&relp)
            .to_string_lossy()
            .replace('\\', "/");
        if inner.split('/').any(|c| c.starts_with('.')) {
            continue;
        }
        // A file identical to the built-in one at the same path changes nothing (the bundled
        // example's own `themes/default/` is the built-in theme): not compiled a second time.
        let builtin = DEFAULT_THEME
            .iter()
            .find(|(p, _)| *p == inner)
            .map(|(_, b)| *b);
        let mut d = crate::diag::Diagnostics::default();
        if let Some(t) = inner.strip_prefix("templates/") {
            if let Some(src) = crate::load::read_text(root, &relp, &mut d)
                && builtin != Some(src.as_bytes())
            {
                templates.push((t.to_string(), src, relp.clone()));
            }
        } else if let Some(s) = inner.strip_prefix("static/") {
            match std::fs::read(entry.path()) {
                Ok(bytes) if builtin == Some(bytes.as_slice()) => {}
                Ok(bytes) => {
                    statics.retain(|(p, _)| p != s);
                    statics.push((s.to_string(), bytes));
                }
                Err(e) => diags.push(Diagnostic::error(&relp, 0, 0, format!("cannot read: {e}"))),
            }
        }
        diags.extend(d.sorted().into_iter().cloned());
    }
    // All at once: inheritance is resolved after every template is known.
    if let Err(e) =
        tera.add_raw_templates(templates.iter().map(|(n, s, _)| (n.as_str(), s.as_str())))
    {
        let file = match e.kind() {
            ErrorKind::SyntaxError(r) => templates
                .iter()
                .find(|t| t.0 == r.filename())
                .map(|t| t.2.clone()),
            _ => None,
        };
        let d = match e.kind() {
            ErrorKind::CircularInclude { include_chain, .. } => {
                cycle(&templates, include_chain, "include")
            }
            ErrorKind::CircularExtend {
                inheritance_chain, ..
            } => cycle(&templates, inheritance_chain, "extends"),
            _ => None,
        };
        diags.push(d.unwrap_or_else(|| {
            template_error(
                &e,
                &file.unwrap_or_else(|| PathBuf::from("themes").join(name).join("templates")),
                None,
            )
        }));
    }
    if diags.is_empty() {
        Ok(Theme { tera, statics })
    } else {
        Err(diags)
    }
}

/// A cycle of `{% include %}` or `{% extends %}` as a diagnostic at the tag that closes it:
/// the first template of the chain, at the line naming the next one.
fn cycle(
    templates: &[(String, String, PathBuf)],
    chain: &[String],
    tag: &str,
) -> Option<Diagnostic> {
    let first = chain.first()?;
    let next = chain.get(1).unwrap_or(first);
    let shown = |n: &str| n.strip_prefix("default/").unwrap_or(n).to_string();
    let (_, src, file) = templates.iter().find(|t| t.0 == *first)?;
    let target = shown(next);
    let (line, col, len) = src
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let at = l.find(tag)?;
            let name = l[at..].find(target.as_str())?;
            Some((i + 1, at + 1, name + target.len() + 1))
        })
        .unwrap_or((0, 0, 1));
    let path: Vec<String> = chain.iter().map(|n| shown(n)).collect();
    Some(
        Diagnostic::error(file, line, col, format!("template `{}` {tag}s itself: {}", shown(first), path.join(" → ")))
            .span_len(len)
            .label("this closes the loop")
            .help(format!("a template cannot {tag} itself, directly or through others; remove or change this `{{% {tag} %}}`")),
    )
}

/// The project file a registered template name comes from.
pub fn template_file(theme: &str, name: &str) -> PathBuf {
    match name.strip_prefix("default/") {
        Some(n) => PathBuf::from("themes/default/templates").join(n),
        None => PathBuf::from("themes")
            .join(theme)
            .join("templates")
            .join(name),
    }
}

/// A Tera error as a diagnostic: the template file, its line and column where Tera gives them,
/// and the page being rendered.
pub fn template_error(e: &tera::Error, file: &Path, page: Option<&str>) -> Diagnostic {
    let on_page = page
        .map(|p| format!(" while rendering {p}"))
        .unwrap_or_default();
    let mut chain = String::new();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        chain.push_str(&format!(": {s}"));
        src = s.source();
    }
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let file = if r.filename().is_empty() {
                file.to_path_buf()
            } else {
                file_for(file, r.filename())
            };
            let len = if span.start_line == span.end_line {
                span.end_col.saturating_sub(span.start_col).max(1)
            } else {
                1
            };
            Diagnostic::error(
                file,
                span.start_line,
                span.start_col + 1,
                format!("template error{on_page}: {}{chain}", r.message()),
            )
            .span_len(len)
            .help("fix the template; the theme's other pages still fall back to the default theme")
        }
        _ => Diagnostic::error(file, 0, 0, format!("template error{on_page}: {e}{chain}"))
            .help("check the theme's templates (extends/include names, recursion)"),
    }
}

/// Maps the template name in a Tera report to its file, next to `base`.
fn file_for(base: &Path, tera_name: &str) -> PathBuf {
    match tera_name.strip_prefix("default/") {
        Some(n) => PathBuf::from("themes/default/templates").join(n),
        None => {
            // `base` is themes/<name>/templates/<file>: swap the file part.
            let mut comps: Vec<_> = base.components().collect();
            while comps.len() > 3 {
                comps.pop();
            }
            let mut p: PathBuf = comps.iter().collect();
            p.push(tera_name);
            p
        }
    }
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape_html(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_the_five_html_characters_and_keeps_the_rest() {
        assert_eq!(
            escaped(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escaped("Зеленський — «мир»"), "Зеленський — «мир»");
        assert_eq!(escaped(""), "");
        assert_eq!(escaped("&&"), "&amp;&amp;");
    }
}
