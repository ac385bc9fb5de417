//! Validate stage: raw shapes → checked model, every problem collected as a diagnostic.
//!
//! [`config`] checks `brief.yaml`; [`validate_packet`] checks one packet (the pipeline runs it
//! for every packet in parallel) and yields its model or nothing, plus its own diagnostics, so
//! one run reports every problem of every file. Positions come from serde-saphyr's `Spanned` values kept in the raw shapes.

mod actors;
pub mod anchor;
pub mod audit;
pub mod cite;
mod closest;
mod cx;
pub mod difference;
mod evidence;
mod items;
pub mod mentions;
pub(crate) mod misses;
mod refs;

pub(crate) use cx::{Cx, drop_typo_cascades, whole_scalar};
mod packet;

use std::path::{Path, PathBuf};

use crate::diag::{DiagBuild, Diagnostic, Diagnostics, closest};
use crate::load::raw::ConfigRaw;
use crate::model::{Config, MentionMode, Packet};
use items::text;

/// Options of a run that change what is validated.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--drafts`: keep draft packets.
    pub drafts: bool,
}

/// Checks one packet: its model (when it has no error) and its diagnostics.
pub fn validate_packet(
    raw: crate::load::RawPacket,
    config: &Config,
) -> (Option<Packet>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let packet = packet::validate(raw, config, &mut diags);
    (packet, diags)
}

/// Checks `brief.yaml` (with the command-line overrides); `None` when it has errors.
pub fn config(
    raw: &ConfigRaw,
    root: &Path,
    ov: &Overrides,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let file = Path::new("brief.yaml");
    let mut cx = Cx::new(file);
    let title = text(&raw.title).unwrap_or_else(|| "Briefing packets".into());
    let base = match &ov.base_url {
        Some(url) => Some(url.clone()),
        None => raw.base_url.as_ref().map(|s| s.value.clone()),
    };
    let base_url = match base {
        None => "http://127.0.0.1:1111/".to_string(),
        Some(url) => match base_url(&url) {
            Some(u) => u,
            None => {
                let empty_segment = url.split_once("://").is_some_and(|(_, after)| {
                    after
                        .split(['?', '#'])
                        .next()
                        .is_some_and(|p| p.contains("//"))
                });
                let (msg, help) = if empty_segment {
                    (
                        format!(
                            "`{url}` has an empty path segment (`//`): links to `/…` would lead to another host"
                        ),
                        "write each `/` once, e.g. https://user.github.io/repo/",
                    )
                } else {
                    (
                        format!("`{url}` is not an absolute http(s) URL"),
                        "write the site's full address, e.g. https://user.github.io/repo/",
                    )
                };
                match (&ov.base_url, &raw.base_url) {
                    (None, Some(s)) => {
                        cx.at(s, msg).help(help);
                    }
                    _ => {
                        cx.push(
                            Diagnostic::error("brief.yaml", 0, 0, format!("--base-url: {msg}"))
                                .help(help),
                        );
                    }
                }
                "http://127.0.0.1:1111/".into()
            }
        },
    };
    let root_path = url_path(&base_url);
    let theme = text(&raw.theme).unwrap_or_else(|| "default".into());
    let plain = !theme.contains(['/', '\\', ':']) && theme != "." && theme != "..";
    if !plain && let Some(s) = &raw.theme {
        cx.at(s, format!("`{theme}` is a path, not a theme name"))
            .label("a theme is named by its folder under themes/")
            .help("move the theme to themes/<name>/ and write `theme: <name>`");
    } else if theme != "default"
        && !root.join("themes").join(&theme).is_dir()
        && let Some(s) = &raw.theme
    {
        let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.push("default".into());
        let hint = closest(&theme, names.iter().map(String::as_str))
            .map(|c| format!("did you mean `{c}`?"));
        cx.at(s, format!("theme `{theme}` not found in themes/"))
            .label(hint.unwrap_or_default())
            .help(format!("available themes: {}", names.join(", ")));
    }
    let mentions = match cx.one_of(
        &raw.mentions,
        "mentions",
        &crate::model::MENTION_MODES,
        "first",
    ) {
        "all" => MentionMode::All,
        "none" => MentionMode::None,
        _ => MentionMode::First,
    };
    let highlight_theme = text(&raw.highlight_theme)
        .unwrap_or_else(|| crate::render::html::highlight::DEFAULT_THEME.into());
    if let Some(s) = &raw.highlight_theme {
        let names = crate::render::html::highlight::theme_names();
        if !names.contains(&highlight_theme) {
            let hint = closest(&highlight_theme, names.iter().map(String::as_str))
                .map(|c| format!("did you mean `{c}`?"));
            cx.at(s, format!("unknown highlight theme `{highlight_theme}`"))
                .label(hint.unwrap_or_default())
                .help(format!("available: {}", names.join(", ")));
        }
    }
    let output_dir = PathBuf::from(text(&raw.output_dir).unwrap_or_else(|| "public".into()));
    let ok = !cx
        .diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    diags.extend(cx.diags);
    ok.then_some(Config {
        title,
        base_url,
        root: root_path,
        theme,
        output_dir,
        mentions,
        raw_html: raw.raw_html.as_ref().is_some_and(|b| b.value),
        highlight_theme,
    })
}

/// `https://host/path` normalised to end in `/`, or `None` when not absolute http(s).
fn base_url(url: &str) -> Option<String> {
    let u = crate::render::html::markdown::web_url(url)?;
    let after = u.split_once("://")?.1;
    if after.is_empty() || after.starts_with('/') || u.contains(['"', '<', '>', ' ', '\'']) {
        return None;
    }
    let u = u.split(['?', '#']).next().unwrap_or(&u).to_string();
    // `https://host//evil.example/` would make every root-relative link `//evil.example/…`.
    if u.split_once("://").is_some_and(|(_, a)| a.contains("//")) {
        return None;
    }
    Some(if u.ends_with('/') { u } else { format!("{u}/") })
}

/// The path of an absolute URL, starting and ending in `/`.
fn url_path(url: &str) -> String {
    let after = url.split_once("://").map_or(url, |(_, a)| a);
    match after.find('/') {
        Some(i) => after[i..].to_string(),
        None => "/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalised() {
        assert_eq!(
            base_url("https://u.github.io/repo").as_deref(),
            Some("https://u.github.io/repo/")
        );
        assert_eq!(
            base_url("http://127.0.0.1:1111/").as_deref(),
            Some("http://127.0.0.1:1111/")
        );
        assert_eq!(base_url("/repo/"), None);
        assert_eq!(base_url("https://host//evil.example/"), None);
        assert_eq!(base_url("https://host/a//b"), None);
        assert_eq!(base_url("javascript:x"), None);
        assert_eq!(url_path("https://u.github.io/repo/"), "/repo/");
        assert_eq!(url_path("https://example.org/"), "/");
    }
}
