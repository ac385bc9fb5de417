//! Render stage: the machine-readable exports, `packet.json` and `timeline.json`.

use serde_json::{Value, json};

use crate::model::date::{FuzzyDate, Point};
use crate::model::{Evidence, Packet};
use crate::render::views::PacketView;

fn evidence(list: &[Evidence]) -> Value {
    list.iter()
        .map(|e| json!({"quote": e.quote, "block": e.hit.block, "anchor": e.anchor}))
        .collect()
}

fn date(d: &FuzzyDate) -> Value {
    json!({
        "start": d.start.iso(),
        "end": d.end.map(|e| e.iso()),
        "precision": d.precision().as_str(),
        "approximate": d.approximate,
        "end_approximate": d.end_approximate,
    })
}

/// `packet.json`: the resolved packet (contract fields plus a few descriptive ones).
pub fn packet_json(p: &Packet, view: &PacketView) -> Vec<u8> {
    let ids = |v: &[usize]| -> Vec<&str> { v.iter().map(|&i| p.actors[i].id.as_str()).collect() };
    let timeline: Vec<Value> = p
        .events
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "date": date(&e.date),
                "display_date": e.date.display(),
                "title": e.title,
                "importance": if e.key { "key" } else { "normal" },
                "tags": e.tags,
                "actors": ids(&e.actors),
                "sourcing": e.sourcing,
                "evidence": evidence(&e.evidence),
            })
        })
        .collect();
    let actors: Vec<Value> = p
        .actors
        .iter()
        .zip(&view.actors)
        .map(|(a, v)| {
            json!({
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "role": a.role,
                "side": a.side,
                "aliases": a.aliases,
                "mentions": v.mentions.iter().map(|m| m.block).collect::<Vec<_>>(),
                "events": v.events.iter().map(|e| &e.id).collect::<Vec<_>>(),
                "questions": v.questions.iter().map(|q| &q.id).collect::<Vec<_>>(),
                "relations": a.relations.iter().map(|r| json!({
                    "to": p.actors[r.to].id, "label": r.label, "evidence": evidence(&r.evidence),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let questions: Vec<Value> = p
        .questions
        .iter()
        .map(|q| {
            json!({
                "id": q.id,
                "question": q.question,
                "status": q.status,
                "priority": q.priority,
                "likelihood": q.likelihood,
                "confidence": q.confidence,
                "actors": ids(&q.actors),
                "evidence": evidence(&q.evidence),
            })
        })
        .collect();
    let doc = json!({
        "slug": p.slug,
        "title": p.title,
        "as_of": p.as_of.as_ref().map(|d| d.start.iso()),
        "updated": p.updated.as_ref().map(|d| d.start.iso()),
        "tags": p.tags,
        "source_url": p.source.as_ref().and_then(|s| s.url.clone()),
        "blocks": p.article.blocks.len(),
        "timeline": timeline,
        "actors": actors,
        "questions": questions,
    });
    pretty(&doc)
}

fn tl_date(p: &Point, display: Option<String>) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("year".into(), json!(p.year));
    if let Some(mo) = p.month {
        m.insert("month".into(), json!(mo));
    }
    if let Some(d) = p.day {
        m.insert("day".into(), json!(d));
    }
    if let Some(d) = display {
        m.insert("display_date".into(), json!(d));
    }
    Value::Object(m)
}

/// `timeline.json` in Knight Lab TimelineJS3 form: precision by the fields present.
pub fn timeline_json(p: &Packet, view: &PacketView) -> Vec<u8> {
    let events: Vec<Value> = p
        .events
        .iter()
        .zip(&view.events)
        .map(|(e, v)| {
            let mut ev = serde_json::Map::new();
            ev.insert("unique_id".into(), json!(v.anchor));
            ev.insert(
                "start_date".into(),
                tl_date(&e.date.start, Some(e.date.display())),
            );
            if let Some(end) = &e.date.end {
                ev.insert("end_date".into(), tl_date(end, None));
            }
            ev.insert("display_date".into(), json!(e.date.display()));
            let text = v.body_html.clone().unwrap_or_default();
            ev.insert(
                "text".into(),
                json!({"headline": escape(&e.title), "text": text}),
            );
            if e.key {
                ev.insert("group".into(), json!("Key events"));
            }
            Value::Object(ev)
        })
        .collect();
    let title_text = view.summary_html.clone().unwrap_or_default();
    pretty(&json!({
        "title": {"text": {"headline": escape(&p.title), "text": title_text}},
        "events": events,
    }))
}

// TimelineJS renders `headline` and `text` as HTML: plain strings are escaped with this.
use crate::text::escape_html as escape;

fn pretty(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}
