//! Render stage: the annotated article of one packet (`packet.article`): evidence marked,
//! mentions linked, each block's citations listed.

use crate::model::{Config, MentionMode, Packet};
use crate::render::html::article::{self as html, Link, Mark};
use crate::render::html::highlight::Highlighter;
use crate::render::html::markdown::MdContext;
use crate::render::views::*;

/// `packet.article`: the article's blocks with their evidence marked, mentions linked and
/// citations listed.
#[allow(clippy::too_many_arguments)]
pub fn article_view(
    p: &Packet,
    config: &Config,
    cx: &MdContext,
    events: &[EventView],
    questions: &[QuestionView],
    actors: &[ActorView],
    hl: &Highlighter,
) -> ArticleView {
    // Every evidence entry becomes a mark and a citation of its block.
    let mut marks = Vec::new();
    let mut citations: Vec<(usize, CitationView)> = Vec::new();
    let mut cite = |kind: &'static str, title: &str, url: &str, ev: &[crate::model::Evidence]| {
        for e in ev {
            marks.push(Mark {
                block: e.hit.block,
                start: e.hit.start,
                end: e.hit.end,
                anchor: e.anchor.clone(),
            });
            citations.push((
                e.hit.block,
                CitationView {
                    kind,
                    title: title.to_string(),
                    url: url.to_string(),
                    anchor: e.anchor.clone(),
                },
            ));
        }
    };
    for (v, e) in events.iter().zip(&p.events) {
        cite("event", &v.title, &v.url, &e.evidence);
    }
    for (v, q) in questions.iter().zip(&p.questions) {
        cite("question", &v.question, &v.url, &q.evidence);
    }
    for (v, a) in actors.iter().zip(&p.actors) {
        for r in &a.relations {
            let title = format!("{} → {}: {}", a.name, p.actors[r.to].name, r.label);
            let url = format!("{}#relation-{}", v.url, p.actors[r.to].id);
            cite("relation", &title, &url, &r.evidence);
        }
    }

    let mut seen = vec![false; p.actors.len()];
    let links: Vec<Link> = p
        .mentions
        .iter()
        .filter(|m| p.article.runs[m.run].linkable)
        .filter(|m| match config.mentions {
            MentionMode::None => false,
            MentionMode::All => true,
            MentionMode::First => !std::mem::replace(&mut seen[m.actor], true),
        })
        .map(|m| Link {
            run: m.run,
            start: m.start,
            end: m.end,
            url: actors[m.actor].url.clone(),
        })
        .collect();

    let source_title = p.source.as_ref().and_then(|s| s.title.as_deref());
    let title = leading_title(&p.article, source_title);
    let rendered = html::render(&p.article, &marks, &links, cx, hl, title);
    let blocks = p
        .article
        .chunks
        .iter()
        .zip(rendered.chunks)
        .filter(|(c, _)| c.kind != crate::model::article::ChunkKind::Footnote)
        .map(|(c, html)| BlockView {
            number: c.numbers.first().copied().unwrap_or(0),
            numbers: c.numbers.clone(),
            kind: c.kind.as_str(),
            html,
            citations: citations
                .iter()
                .filter(|(b, _)| c.numbers.contains(b))
                .map(|(_, v)| v.clone())
                .collect(),
            title: false,
        })
        .collect::<Vec<BlockView>>();
    let mut view = ArticleView {
        blocks,
        footnotes_html: rendered.footnotes,
        title_html: None,
        title_number: 0,
    };
    if title && let Some(first) = view.blocks.first_mut() {
        let html = &first.html;
        let inner = html
            .find('>')
            .zip(html.rfind("</h"))
            .filter(|(a, b)| a < b)
            .map(|(a, b)| html[a + 1..b].to_string());
        if let Some(inner) = inner {
            first.title = true;
            view.title_html = Some(inner);
            view.title_number = first.number;
        }
    }
    view
}

/// `true` when the article's first block is a `#` title that repeats the page title `page`
/// (compared as plain text, ignoring case and spacing; any `#` title when there is no page
/// title): the article page then shows it as its own heading.
fn leading_title(a: &crate::model::article::Article, page: Option<&str>) -> bool {
    use pulldown_cmark::{Event, HeadingLevel, Tag};
    let Some(chunk) = a.chunks.first() else {
        return false;
    };
    let heading = matches!(
        a.events.get(chunk.events.start),
        Some(Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }))
    );
    if !heading {
        return false;
    }
    let text: String = a.events[chunk.events.clone()]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect();
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    page.is_none_or(|p| norm(p) == norm(&text))
}
