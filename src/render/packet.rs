//! Render stage: model → view structs for one packet (article HTML included).

use crate::model::{Config, Packet};
use crate::render::html::highlight::Highlighter;
use crate::render::html::markdown::{MdContext, to_html};
use crate::render::pages::Out;
use crate::render::views::*;

use crate::model::date::FuzzyDate;

/// URLs of one packet, from the site root path and its slug.
pub fn urls(root: &str, slug: &str) -> PacketUrls {
    let url = |out: Out| out.url(root, slug, "");
    PacketUrls {
        overview: url(Out::Overview),
        article: url(Out::Article),
        timeline: url(Out::Timeline),
        actors: url(Out::Actors),
        questions: url(Out::Questions),
        print: url(Out::Print),
        packet_json: url(Out::PacketJson),
        timeline_json: url(Out::TimelineJson),
    }
}

/// A date for templates.
pub fn date_view(d: &FuzzyDate) -> DateView {
    DateView {
        display: d.display(),
        start: d.start.iso(),
        end: d.end.map(|e| e.iso()),
        precision: d.precision().as_str(),
        approximate: d.is_approximate(),
    }
}

/// Builds the whole view of `p`.
pub fn packet_view(p: &Packet, config: &Config, hl: &Highlighter) -> PacketView {
    let urls = urls(&config.root, &p.slug);
    let cx = MdContext {
        raw_html: config.raw_html,
        root: &config.root,
        packet: &urls.overview,
    };
    let md = |s: &Option<String>| s.as_ref().map(|s| to_html(s, &cx));
    let source_url = p.source.as_ref().and_then(|s| s.url.clone());

    let evidence = |list: &[crate::model::Evidence]| -> Vec<EvidenceView> {
        list.iter()
            .map(|e| EvidenceView {
                quote: e.quote.clone(),
                block: e.hit.block,
                anchor: e.anchor.clone(),
                url: format!("{}#{}", urls.article, e.anchor),
                source_url: source_url.as_ref().map(|u| text_fragment(u, &e.quote)),
                note_html: md(&e.note),
            })
            .collect()
    };
    let actor_ref = |i: usize| {
        let a = &p.actors[i];
        ActorRef {
            id: a.id.clone(),
            name: a.name.clone(),
            url: Out::Actor.url(&config.root, &p.slug, &a.id),
        }
    };

    let events: Vec<EventView> = p
        .events
        .iter()
        .map(|e| EventView {
            id: e.id.clone(),
            date: date_view(&e.date),
            title: e.title.clone(),
            body_html: md(&e.body),
            actors: e.actors.iter().map(|&i| actor_ref(i)).collect(),
            tags: e.tags.clone(),
            importance: if e.key { "key" } else { "normal" },
            sourcing: e.sourcing.clone(),
            evidence: evidence(&e.evidence),
            url: format!("{}#event-{}", urls.timeline, e.id),
            anchor: format!("event-{}", e.id),
        })
        .collect();

    let questions: Vec<QuestionView> = p
        .questions
        .iter()
        .map(|q| QuestionView {
            id: q.id.clone(),
            question: q.question.clone(),
            status: q.status.as_str(),
            priority: q.priority.as_str(),
            likelihood: q.likelihood,
            confidence: q.confidence,
            actors: q.actors.iter().map(|&i| actor_ref(i)).collect(),
            context_html: md(&q.context),
            watch_for: q.watch_for.clone(),
            sourcing: q.sourcing.clone(),
            answer_html: md(&q.answer),
            evidence: evidence(&q.evidence),
            url: Out::Question.url(&config.root, &p.slug, &q.id),
            description: String::new(),
            ld_json: String::new(),
        })
        .collect();

    let article_text_of = |block: usize| p.article.block(block).map_or("", |b| b.text.as_str());
    let mut actors: Vec<ActorView> = p
        .actors
        .iter()
        .enumerate()
        .map(|(ai, a)| {
            let mut blocks: Vec<(usize, usize)> = Vec::new(); // (block, offset of first mention in block text)
            for m in p.mentions.iter().filter(|m| m.actor == ai) {
                let run = &p.article.runs[m.run];
                if !blocks.iter().any(|(b, _)| *b == run.block) {
                    blocks.push((run.block, run.start + m.start));
                }
            }
            ActorView {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind.as_str(),
                role: a.role.clone(),
                side: a.side.clone(),
                aliases: a.aliases.clone(),
                summary_html: md(&a.summary),
                relations: a
                    .relations
                    .iter()
                    .map(|r| RelationView {
                        to: actor_ref(r.to),
                        label: r.label.clone(),
                        evidence: evidence(&r.evidence),
                    })
                    .collect(),
                incoming: Vec::new(),
                links: a
                    .links
                    .iter()
                    .map(|(t, u)| LinkView {
                        title: t.clone(),
                        url: u.clone(),
                    })
                    .collect(),
                events: events
                    .iter()
                    .zip(&p.events)
                    .filter(|(_, e)| e.actors.contains(&ai))
                    .map(|(v, _)| ItemRef {
                        id: v.id.clone(),
                        title: v.title.clone(),
                        url: v.url.clone(),
                        detail: v.date.display.clone(),
                    })
                    .collect(),
                questions: questions
                    .iter()
                    .zip(&p.questions)
                    .filter(|(_, q)| q.actors.contains(&ai))
                    .map(|(v, _)| ItemRef {
                        id: v.id.clone(),
                        title: v.question.clone(),
                        url: v.url.clone(),
                        detail: v.status.to_string(),
                    })
                    .collect(),
                mentions: blocks
                    .iter()
                    .map(|&(b, off)| MentionView {
                        block: b,
                        url: format!("{}#p-{b}", urls.article),
                        excerpt: excerpt(article_text_of(b), off),
                    })
                    .collect(),
                url: Out::Actor.url(&config.root, &p.slug, &a.id),
                neighbourhood: None,
                neighbourhood_narrow: None,
                description: String::new(),
                ld_json: String::new(),
            }
        })
        .collect();

    for (ai, a) in p.actors.iter().enumerate() {
        for r in &a.relations {
            actors[r.to].incoming.push(IncomingView {
                from: actor_ref(ai),
                label: r.label.clone(),
                evidence: evidence(&r.evidence),
            });
        }
    }

    let mut sides: Vec<SideGroup> = Vec::new();
    for (i, a) in actors.iter().enumerate().filter(|(_, a)| a.side.is_some()) {
        match sides.iter_mut().find(|g| g.side == a.side) {
            Some(g) => g.actors.push(i),
            None => sides.push(SideGroup {
                side: a.side.clone(),
                actors: vec![i],
            }),
        }
    }
    let sideless: Vec<usize> = (0..actors.len())
        .filter(|&i| actors[i].side.is_none())
        .collect();
    if !sideless.is_empty() {
        sides.push(SideGroup {
            side: None,
            actors: sideless,
        });
    }

    let rank = |p: &str| match p {
        "high" => 0,
        "medium" => 1,
        _ => 2,
    };
    let question_groups = ["open", "answered", "moot"]
        .iter()
        .filter_map(|status| {
            let mut qs: Vec<usize> = (0..questions.len())
                .filter(|&i| questions[i].status == *status)
                .collect();
            qs.sort_by_key(|&i| rank(questions[i].priority));
            (!qs.is_empty()).then_some(QuestionGroup {
                status,
                questions: qs,
            })
        })
        .collect();

    let article =
        super::article_view::article_view(p, config, &cx, &events, &questions, &actors, hl);

    let mut view = PacketView {
        slug: p.slug.clone(),
        title: p.title.clone(),
        summary_html: md(&p.summary),
        as_of: p.as_of.as_ref().map(date_view),
        updated: p.updated.as_ref().map(date_view),
        draft: p.draft,
        tags: p.tags.clone(),
        source: p.source.as_ref().map(|s| SourceView {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            published: s.published.as_ref().map(date_view),
            authors: s.authors.clone(),
            language: s.language.clone(),
            note_html: md(&s.note),
        }),
        changelog: p
            .changelog
            .iter()
            .map(|c| ChangeView {
                date: date_view(&c.date),
                note_html: to_html(&c.note, &cx),
            })
            .collect(),
        urls,
        block_count: p.article.blocks.len(),
        word_count: p.article.words,
        key_events: (0..events.len())
            .filter(|&i| events[i].importance == "key")
            .collect(),
        events,
        actors,
        sides,
        questions,
        question_groups,
        article,
        timeline_chart: None,
        timeline_chart_small: None,
        timeline_column: None,
        timeline_column_small: None,
        timeline_chart_paper: None,
        actor_map: None,
        meta: PacketMeta::default(),
    };
    crate::render::enrich::enrich(&mut view, p, config);
    view
}

/// `url#:~:text=…` for a quote (percent-encoded per the text-fragment syntax).
pub fn text_fragment(url: &str, quote: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let mut enc = String::new();
    for b in quote
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .bytes()
    {
        if b.is_ascii_alphanumeric() || b"._~!*'()".contains(&b) {
            enc.push(b as char);
        } else {
            enc.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{base}#:~:text={enc}")
}

/// About 160 characters of `text` around byte `at`, on word boundaries.
pub fn excerpt(text: &str, at: usize) -> String {
    let text = text.replace(crate::model::article::CELL_BARRIER, " ");
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let pos = chars.iter().position(|(i, _)| *i >= at).unwrap_or(0);
    let start = pos.saturating_sub(60);
    let end = (start + 160).min(chars.len());
    let mut s: String = chars[start..end].iter().map(|(_, c)| c).collect();
    if start > 0 {
        s = format!("…{}", s.split_once(' ').map_or(s.as_str(), |(_, r)| r));
    }
    if end < chars.len() {
        s = format!("{}…", s.rsplit_once(' ').map_or(s.as_str(), |(l, _)| l));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fragments_are_encoded() {
        assert_eq!(
            text_fragment("https://x.example/a#top", "Trump’s “very  accurate”, - yes"),
            "https://x.example/a#:~:text=Trump%E2%80%99s%20%E2%80%9Cvery%20accurate%E2%80%9D%2C%20%2D%20yes"
        );
    }

    #[test]
    fn excerpts_cut_on_words() {
        let t = "word ".repeat(100);
        let e = excerpt(&t, 250);
        assert!(e.starts_with('…') && e.ends_with('…'));
        assert!(e.chars().count() <= 162);
        assert_eq!(excerpt("short text", 0), "short text");
    }
}
