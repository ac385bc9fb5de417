//! Render stage: completes a packet's view with its pictures and page metadata.
//!
//! [`enrich`] runs after [`super::packet::packet_view`] has built the plain views: it adds the
//! timeline charts (wide and vertical), the actor map, each actor's neighbourhood, and the descriptions and
//! JSON-LD of the page heads, all computed from the model and the views alone.

use rayon::prelude::*;
use serde_json::json;

use crate::model::date::Precision;
use crate::model::{Config, Packet};
use crate::render::meta;
use crate::render::pictures::ego;
use crate::render::pictures::map::{self, Graph};
use crate::render::pictures::timeline::chart::{self, Item};
use crate::render::pictures::timeline::column;
use crate::render::views::{PacketMeta, PacketView, TimelineChart, TimelineColumn};

/// The links between a packet's actors.
pub fn graph(p: &Packet) -> Graph {
    let mut g = Graph::default();
    for (i, a) in p.actors.iter().enumerate() {
        for r in &a.relations {
            g.relations.push((i, r.to, r.label.clone()));
        }
    }
    for e in &p.events {
        g.add_event(&e.actors);
    }
    g
}

/// The events as the timeline charts see them: every event labelled, or (`small`) the key
/// events only, else the first six, the others drawn as ticks on the axis.
pub fn chart_items(p: &Packet, v: &PacketView, small: bool) -> Vec<Item> {
    let any_key = p.events.iter().any(|e| e.key);
    p.events
        .iter()
        .zip(&v.events)
        .enumerate()
        .map(|(i, (e, ev))| {
            let (start, end) = chart::extent(&e.date);
            let coarse = e.date.start.precision() != Precision::Day
                || e.date.end.is_some_and(|d| d.precision() != Precision::Day);
            Item {
                start,
                end,
                coarse,
                approximate: e.date.is_approximate(),
                key: e.key,
                labelled: !small || if any_key { e.key } else { i < 6 },
                id: ev.id.clone(),
                title: ev.title.clone(),
                date: ev.date.display.clone(),
                url: ev.url.clone(),
            }
        })
        .collect()
}

/// The timeline chart ([`chart_items`]): wide, vertical and (the full one only) for paper;
/// `None` without events.
pub fn timeline_chart(p: &Packet, v: &PacketView, small: bool) -> Option<Charts> {
    if p.events.is_empty() {
        return None;
    }
    let items = chart_items(p, v, small);
    Some((
        chart::layout(&items, if small { &chart::SMALL } else { &chart::FULL }),
        column::layout(&items, &column::COLUMN),
        (!small).then(|| chart::layout(&items, &chart::PAPER)),
    ))
}

/// One timeline chart in its three forms: wide, vertical, for paper.
type Charts = (TimelineChart, TimelineColumn, Option<TimelineChart>);

/// Adds pictures and metadata to `v`, the view of `p`.
pub fn enrich(v: &mut PacketView, p: &Packet, config: &Config) {
    let g = graph(p);
    // The pictures are independent of each other: draw them on every core.
    let view: &PacketView = v;
    let ((full, small), (actor_map, neighbourhoods)) = rayon::join(
        || {
            rayon::join(
                || timeline_chart(p, view, false),
                || timeline_chart(p, view, true),
            )
        },
        || {
            rayon::join(
                || map::layout(&view.actors, &g),
                || {
                    (0..view.actors.len())
                        .into_par_iter()
                        .map(|i| {
                            (
                                ego::layout(&view.actors, &g, i),
                                ego::layout_narrow(&view.actors, &g, i),
                            )
                        })
                        .collect::<Vec<_>>()
                },
            )
        },
    );
    if let Some((wide, column, paper)) = full {
        (v.timeline_chart, v.timeline_column, v.timeline_chart_paper) =
            (Some(wide), Some(column), paper);
    }
    if let Some((wide, column, _)) = small {
        (v.timeline_chart_small, v.timeline_column_small) = (Some(wide), Some(column));
    }
    v.actor_map = actor_map;

    let description = meta::description(p.summary.as_deref(), &p.title);
    let overview = meta::absolute(config, &v.urls.overview);
    let article = meta::news_article(
        v,
        p.source.as_ref().and_then(|s| s.note.as_deref()),
        &meta::absolute(config, &v.urls.article),
    );
    let report = meta::report(v, &description, article.as_ref(), &overview);
    let bodies: Vec<Option<String>> = p.events.iter().map(|e| e.body.clone()).collect();
    let packet_ref = json!({"@type": "Report", "name": p.title, "url": overview});
    v.actors
        .par_iter_mut()
        .zip(&p.actors)
        .zip(neighbourhoods)
        .for_each(|((a, m), (n, narrow))| {
            a.neighbourhood = n;
            a.neighbourhood_narrow = narrow;
            a.description =
                meta::description(m.summary.as_deref(), m.role.as_deref().unwrap_or(&m.name));
            a.ld_json = meta::ld_json(&meta::actor(a, m.summary.as_deref(), &packet_ref, config));
        });
    for (q, m) in v.questions.iter_mut().zip(&p.questions) {
        q.description = meta::description(m.context.as_deref(), &m.question);
        q.ld_json = meta::ld_json(&meta::question(
            q,
            m.context.as_deref(),
            m.answer.as_deref(),
            &packet_ref,
            config,
        ));
    }
    v.meta = PacketMeta {
        events_ld_json: meta::ld_json(&meta::events(v, &bodies, config)),
        report_ld_json: meta::ld_json(&report),
        article_ld_json: article.as_ref().map(meta::ld_json),
        description,
        title_css: meta::css_string(&p.title),
    };
}
