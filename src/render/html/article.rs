//! Render stage: the article's chunks to HTML, with block ids, evidence marks and mention links.
//!
//! This is the Markdown renderer's own output: pulldown-cmark's writer, fed the sanitized
//! events plus a few inserted tags. Numbered elements get `id="p-N"` (tables and code blocks
//! through a wrapper), every evidence range is wrapped in `<mark class="evidence">` piece by
//! piece (one piece per text event, so marks nest correctly across emphasis and links; the
//! first piece carries the anchor id; inside a highlighted code block, one piece per run of
//! text between its spans), and linked mentions become `<a class="mention">`.
//! Headings are levelled below the page's title ([`heading_levels`]): it is the only `<h1>`.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::model::article::{Article, ChunkKind};
use crate::render::html::highlight::{Highlighter, pre};
use crate::render::html::markdown::{MdContext, Sanitizer, cow};
use crate::render::html::marks::{mark_code, open_tag};

/// An evidence range to highlight: block number, byte range in the block's text, anchor id.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Block number.
    pub block: usize,
    /// Start byte in the block's text.
    pub start: usize,
    /// End byte in the block's text.
    pub end: usize,
    /// Id of the mark (`ev-event-x-1`).
    pub anchor: String,
}

/// A mention to link: text run, byte range in the run's text, target URL.
#[derive(Debug, Clone)]
pub struct Link {
    /// Index into [`Article::runs`].
    pub run: usize,
    /// Start byte in the run's text.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The actor page URL.
    pub url: String,
}

/// The article as HTML, chunk by chunk.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML of each entry of [`Article::chunks`] (empty for footnote definitions).
    pub chunks: Vec<String>,
    /// The footnote definitions, when there are any.
    pub footnotes: Option<String>,
}

struct State<'x> {
    opened: HashSet<&'x str>,
    footnotes: HashMap<String, usize>,
}

impl State<'_> {
    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_string()).or_insert(next)
    }
}

/// Renders every chunk of `article`. `title`: its first chunk is a `#` title that the page
/// shows as its own heading (see [`heading_levels`]).
pub fn render(
    article: &Article,
    marks: &[Mark],
    links: &[Link],
    cx: &MdContext,
    hl: &Highlighter,
    title: bool,
) -> Rendered {
    let levelled = heading_levels(article, title);
    let mut run_of: HashMap<usize, usize> = HashMap::new();
    for (ri, r) in article.runs.iter().enumerate() {
        run_of.insert(r.event, ri);
    }
    let mut state = State {
        opened: HashSet::new(),
        footnotes: HashMap::new(),
    };
    let mut out = Rendered::default();
    let mut notes = String::new();
    for (ci, chunk) in article.chunks.iter().enumerate() {
        let in_title = title && ci == 0;
        let mut events: Vec<Event> = Vec::new();
        let mut sanitizer = Sanitizer::new(*cx);
        let mut code: Option<(usize, String, String)> = None; // (block, lang, text)
        for i in chunk.events.clone() {
            let opens = article.opens[i];
            let Some(e) = sanitizer.event(article.events[i].clone()) else {
                continue;
            };
            if let Some((_, _, text)) = code.as_mut() {
                match e {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let (block, lang, text) = code.take().unwrap_or_default();
                        let html = hl.html(&text, &lang);
                        let ranges: Vec<(usize, usize, &str)> = marks
                            .iter()
                            .filter(|m| m.block == block && block > 0)
                            .map(|m| (m.start, m.end, m.anchor.as_str()))
                            .collect();
                        let html =
                            mark_code(&html, &text, &ranges, &mut state.opened).unwrap_or(html);
                        events.push(Event::Html(cow(pre(&lang, block, &html))));
                    }
                    _ => {}
                }
                continue;
            }
            match e {
                Event::Start(Tag::Paragraph) if opens > 0 => {
                    events.push(Event::Html(cow(format!("<p id=\"p-{opens}\">"))))
                }
                Event::Start(Tag::Item) if opens > 0 => {
                    events.push(Event::Html(cow(format!("<li id=\"p-{opens}\">"))))
                }
                Event::Start(Tag::Heading {
                    level,
                    classes,
                    attrs,
                    ..
                }) => {
                    let id = (opens > 0).then(|| CowStr::from(format!("p-{opens}")));
                    events.push(Event::Start(Tag::Heading {
                        level: levelled(level, in_title),
                        id,
                        classes,
                        attrs,
                    }));
                }
                Event::End(TagEnd::Heading(level)) => {
                    events.push(Event::End(TagEnd::Heading(levelled(level, in_title))))
                }
                Event::Start(Tag::Table(al)) => {
                    events.push(Event::Html(cow(format!(
                        "<div class=\"table\" id=\"p-{opens}\">"
                    ))));
                    events.push(Event::Start(Tag::Table(al)));
                }
                Event::End(TagEnd::Table) => {
                    events.push(Event::End(TagEnd::Table));
                    events.push(Event::Html("</div>\n".into()));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        pulldown_cmark::CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((opens, lang, String::new()));
                }
                Event::FootnoteReference(label) => {
                    let n = state.footnote_number(&label);
                    let id = footnote_id(&label);
                    events.push(Event::InlineHtml(cow(format!(
                        "<sup class=\"footnote-reference\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{n}</a></sup>"
                    ))));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let n = state.footnote_number(&label);
                    let id = footnote_id(&label);
                    events.push(Event::Html(cow(format!(
                        "<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\">{n}</sup>"
                    ))));
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    events.push(Event::Html("</div>\n".into()))
                }
                Event::Text(t) => match run_of.get(&i) {
                    Some(&ri) => split_text(article, ri, &t, marks, links, &mut state, &mut events),
                    None => events.push(Event::Text(t)),
                },
                other => events.push(other),
            }
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        if chunk.kind == ChunkKind::Footnote {
            notes.push_str(&html);
            out.chunks.push(String::new());
        } else {
            out.chunks.push(html);
        }
    }
    out.footnotes = (!notes.is_empty()).then_some(notes);
    out
}

/// The levels article headings are rendered at, so that the page's title stays the only
/// `<h1>` and no level is skipped after it: the article's highest level becomes `<h2>` and the
/// others follow it (`#`/`##` become `<h2>`/`<h3>`; an article of `###` only gets `<h2>`). A
/// folded leading title (`title`) is an `<h2>` wherever it is shown as a block, and the
/// article's other headings are levelled without it.
pub fn heading_levels(
    article: &Article,
    title: bool,
) -> impl Fn(HeadingLevel, bool) -> HeadingLevel + use<> {
    let skip = if title {
        article.chunks.first().map_or(0..0, |c| c.events.clone())
    } else {
        0..0
    };
    let top = article
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .filter_map(|(_, e)| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    move |level: HeadingLevel, in_title: bool| {
        let n = if in_title {
            2
        } else {
            (level as usize + 2).saturating_sub(top).clamp(2, 6)
        };
        HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
    }
}

/// A footnote label made safe for an id.
fn footnote_id(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Emits one text event split at every mark and mention boundary.
fn split_text<'x>(
    article: &Article,
    ri: usize,
    text: &str,
    marks: &'x [Mark],
    links: &[Link],
    state: &mut State<'x>,
    events: &mut Vec<Event<'_>>,
) {
    let run = &article.runs[ri];
    let len = text.len();
    let local = |x: usize| x.saturating_sub(run.start).min(len);
    let here: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.block == run.block && m.start < run.end && m.end > run.start)
        .collect();
    let mine: Vec<&Link> = links.iter().filter(|l| l.run == ri).collect();
    if here.is_empty() && mine.is_empty() {
        events.push(Event::Text(cow(text.to_string())));
        return;
    }
    let mut cuts = vec![0, len];
    for m in &here {
        cuts.extend([local(m.start), local(m.end)]);
    }
    for l in &mine {
        cuts.extend([l.start.min(len), l.end.min(len)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let active: Vec<&&Mark> = here
            .iter()
            .filter(|m| local(m.start) <= a && local(m.end) >= b)
            .collect();
        let link = mine.iter().find(|l| l.start <= a && l.end >= b);
        for m in &active {
            events.push(Event::InlineHtml(cow(open_tag(
                &m.anchor,
                &mut state.opened,
            ))));
        }
        if let Some(l) = link {
            events.push(Event::InlineHtml(cow(format!(
                "<a class=\"mention\" href=\"{}\">",
                escape_attr(&l.url)
            ))));
        }
        events.push(Event::Text(cow(text[a..b].to_string())));
        if link.is_some() {
            events.push(Event::InlineHtml("</a>".into()));
        }
        for _ in &active {
            events.push(Event::InlineHtml("</mark>".into()));
        }
    }
}

/// Escapes a value for a double-quoted attribute.
fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_href(&mut out, s);
    out
}
