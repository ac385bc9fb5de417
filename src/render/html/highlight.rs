//! Render stage: code-block highlighting with syntect, through CSS classes.
//!
//! The syntax set is loaded on the first code block that needs it, once per build, and never
//! when no article has code. The matching stylesheet (`highlight.css`) comes from
//! [`stylesheet`] for the `highlight_theme` of brief.yaml.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The highlighting theme used when brief.yaml names none (light, readable).
pub const DEFAULT_THEME: &str = "InspiredGitHub";

/// Highlights code blocks; cheap to create, loads syntaxes lazily.
#[derive(Debug, Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    /// A highlighter that has loaded nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// One code block's code as classed, escaped HTML (the inside of [`pre`]). An unknown
    /// language is shown as plain text.
    pub fn html(&self, code: &str, lang: &str) -> String {
        let ss = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let syntax = ss
            .find_syntax_by_token(lang)
            .unwrap_or_else(|| ss.find_syntax_plain_text());
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            ss,
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        let mut ok = true;
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                ok = false;
                break;
            }
        }
        if ok {
            generator.finalize()
        } else {
            escape(code)
        }
    }

    /// `true` once a code block was highlighted.
    pub fn used(&self) -> bool {
        self.syntaxes.get().is_some()
    }
}

/// One code block as `<pre class="code language-L" id="p-N"><code>body</code></pre>`, `body`
/// being [`Highlighter::html`] of its code.
pub fn pre(lang: &str, block: usize, body: &str) -> String {
    let lang_class: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let id = if block > 0 {
        format!(" id=\"p-{block}\"")
    } else {
        String::new()
    };
    format!("<pre class=\"code language-{lang_class}\"{id}><code>{body}</code></pre>\n")
}

/// The stylesheet for `theme` (one of syntect's bundled themes), or the names available.
pub fn stylesheet(theme: &str) -> Result<String, Vec<String>> {
    let themes = ThemeSet::load_defaults();
    match themes.themes.get(theme) {
        Some(t) => css_for_theme_with_class_style(t, ClassStyle::SpacedPrefixed { prefix: "hl-" })
            .map_err(|_| themes.themes.keys().cloned().collect()),
        None => Err(themes.themes.keys().cloned().collect()),
    }
}

/// The names of the bundled highlighting themes.
pub fn theme_names() -> Vec<String> {
    ThemeSet::load_defaults().themes.keys().cloned().collect()
}

use crate::text::escape_html as escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_classed_and_escaped() {
        let h = Highlighter::new();
        assert!(!h.used());
        let html = pre("rust", 3, &h.html("let x = \"<b>\";\n", "rust"));
        assert!(h.used());
        assert!(
            html.starts_with("<pre class=\"code language-rust\" id=\"p-3\">"),
            "{html}"
        );
        assert!(html.contains("hl-"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn default_theme_exists() {
        assert!(stylesheet(DEFAULT_THEME).is_ok());
        assert!(stylesheet("nope").is_err());
    }
}
