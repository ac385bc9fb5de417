//! Render stage: a packet's view as the value its templates see, built once per packet.
//!
//! `packet.sides` holds the same actors as `packet.actors`, `packet.question_groups` the same
//! questions as `packet.questions`, and `packet.key_events` some of `packet.events`. Tera
//! values are reference-counted, so each item is serialized once (the lists on every core) and
//! the groups hold clones that share it: the value is the same as serializing every copy, for
//! a fraction of the work.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Map, Value};

use crate::render::views::PacketView;

/// The `packet` variable of every page of the packet `view` describes.
pub fn packet_value(view: &PacketView) -> Value {
    let ((own, events), (actors, questions)) = rayon::join(
        || rayon::join(|| Value::from_serializable(view), || values(&view.events)),
        || rayon::join(|| values(&view.actors), || values(&view.questions)),
    );
    let sides = view.sides.iter().map(|g| {
        group([
            ("side", Value::from(g.side.clone())),
            ("actors", pick(&actors, &g.actors)),
        ])
    });
    let question_groups = view.question_groups.iter().map(|g| {
        group([
            ("status", Value::from(g.status)),
            ("questions", pick(&questions, &g.questions)),
        ])
    });
    let mut map = own.into_map().unwrap_or_default();
    map.insert("key_events".into(), pick(&events, &view.key_events));
    map.insert("sides".into(), Value::from(sides.collect::<Vec<_>>()));
    map.insert(
        "question_groups".into(),
        Value::from(question_groups.collect::<Vec<_>>()),
    );
    map.insert("events".into(), Value::from(events));
    map.insert("actors".into(), Value::from(actors));
    map.insert("questions".into(), Value::from(questions));
    Value::from(map)
}

/// Each item of `list` as a value, in parallel.
fn values<T: Serialize + Sync>(list: &[T]) -> Vec<Value> {
    list.par_iter().map(Value::from_serializable).collect()
}

/// The values at `indexes` (shared, not copied).
fn pick(all: &[Value], indexes: &[usize]) -> Value {
    Value::from(
        indexes
            .iter()
            .filter_map(|&i| all.get(i).cloned())
            .collect::<Vec<_>>(),
    )
}

/// A map of `fields`.
fn group<const N: usize>(fields: [(&'static str, Value); N]) -> Value {
    let mut map = Map::default();
    for (k, v) in fields {
        map.insert(k.into(), v);
    }
    Value::from(map)
}
