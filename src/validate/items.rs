//! Validate stage: the timeline and the questions, with their evidence, and what every list
//! shares (ids, references to actors); the actors are in `actors.rs`.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_saphyr::Spanned;

use super::Cx;
use super::evidence::{Evidence, evidence};
use super::refs::{ActorIds, refs};
use crate::diag::{DiagBuild, Diagnostic};
use crate::load::raw::{EventRaw, QuestionRaw, S};
use crate::load::{is_valid_slug, loc, slugify};
use crate::model::{CONFIDENCES, Event, IMPORTANCES, LIKELIHOODS, Priority, Question, Status};

/// Checks the timeline; returns it in date order ([`crate::model::date::FuzzyDate::key`]: the
/// latest day each event can have started), then file order.
pub(super) fn events(
    list: (PathBuf, Vec<Spanned<EventRaw>>),
    actors: &ActorIds,
    ev: &Evidence,
    out: &mut Vec<Diagnostic>,
) -> Vec<Event> {
    let (file, items) = list;
    let mut cx = Cx::new(&file);
    let mut seen = HashMap::new();
    let mut events = Vec::new();
    for item in &items {
        let e = &item.value;
        let at = loc(item);
        let date = cx
            .required(&e.date, "date", "this event", at)
            .and(e.date.as_ref())
            .and_then(|d| cx.date(d));
        let title = cx.required(&e.title, "title", "this event", at);
        let id = match &e.id {
            Some(_) => id(&mut cx, &e.id, "this event", at, &mut seen),
            None => {
                let made = slugify(&format!(
                    "{} {}",
                    e.date.as_ref().map_or("", |d| d.value.as_str()),
                    title.as_deref().unwrap_or("")
                ));
                let made: String = made
                    .chars()
                    .take(60)
                    .collect::<String>()
                    .trim_end_matches('-')
                    .to_string();
                if let Some((l, _)) = seen.get(&made) {
                    cx.push(
                        Diagnostic::error(
                            &file,
                            at.0,
                            at.1,
                            format!("two events get the same id `{made}`"),
                        )
                        .label(format!("made from this date and title, as for the event on line {l}"))
                        .help(format!("an event without `id:` gets one from its date and title; give one of them an explicit id, e.g. `id: {made}-2`")),
                    );
                    None
                } else {
                    seen.insert(made.clone(), at);
                    Some(made)
                }
            }
        };
        let actor_idx = refs(&mut cx, &e.actors, actors);
        let importance = cx.one_of(&e.importance, "importance", &IMPORTANCES, "normal");
        let evidence = id
            .as_ref()
            .map(|id| evidence(&mut cx, &e.evidence, &format!("event-{id}"), ev))
            .unwrap_or_default();
        if let (Some(id), Some(date), Some(title)) = (id, date, title) {
            events.push(Event {
                id,
                date,
                title,
                body: text(&e.body),
                actors: actor_idx,
                tags: strings(&e.tags),
                key: importance == "key",
                sourcing: text(&e.sourcing),
                evidence,
            });
        }
    }
    out.append(&mut cx.diags);
    events.sort_by(|a, b| a.date.cmp(&b.date)); // stable: file order among equal keys
    events
}

/// Checks the question list.
pub(super) fn questions(
    list: (PathBuf, Vec<Spanned<QuestionRaw>>),
    actors: &ActorIds,
    ev: &Evidence,
    out: &mut Vec<Diagnostic>,
) -> Vec<Question> {
    let (file, items) = list;
    let mut cx = Cx::new(&file);
    let mut seen = HashMap::new();
    let mut questions = Vec::new();
    for item in &items {
        let q = &item.value;
        let at = loc(item);
        let id = id(&mut cx, &q.id, "this question", at, &mut seen);
        let question = cx.required(&q.question, "question", "this question", at);
        let status = cx.keyword(&q.status, "status", Status::Open);
        let priority = cx.keyword(&q.priority, "priority", Priority::Medium);
        let likelihood = q.likelihood.as_ref().map(|_| {
            cx.one_of(
                &q.likelihood,
                "likelihood",
                &LIKELIHOODS,
                "roughly even chance",
            )
        });
        let confidence = q
            .confidence
            .as_ref()
            .map(|_| cx.one_of(&q.confidence, "confidence", &CONFIDENCES, "moderate"));
        let answer = text(&q.answer);
        if status == Status::Answered && answer.is_none() {
            let (line, col) = q.status.as_ref().map_or(at, loc);
            cx.push(
                Diagnostic::error(&file, line, col, "an answered question needs an `answer`")
                    .span_len(8)
                    .label("status is `answered`")
                    .help("add `answer:` with what settled it, or set the status back to `open`"),
            );
        }
        let actor_idx = refs(&mut cx, &q.actors, actors);
        let evidence = id
            .as_ref()
            .map(|id| evidence(&mut cx, &q.evidence, &format!("question-{id}"), ev))
            .unwrap_or_default();
        if let (Some(id), Some(question)) = (id, question) {
            questions.push(Question {
                id,
                question,
                status,
                priority,
                likelihood,
                confidence,
                actors: actor_idx,
                context: text(&q.context),
                watch_for: strings(&q.watch_for),
                sourcing: text(&q.sourcing),
                answer,
                evidence,
            });
        }
    }
    out.append(&mut cx.diags);
    questions
}

/// A required, well-formed, unique id.
pub(super) fn id(
    cx: &mut Cx,
    v: &Option<S>,
    what: &str,
    at: (usize, usize),
    seen: &mut HashMap<String, (usize, usize)>,
) -> Option<String> {
    let id = cx.required(v, "id", what, at)?;
    let s = v.as_ref()?;
    if !is_valid_slug(&id) {
        cx.at(s, format!("invalid id `{id}`"))
            .label(format!("try `{}`", slugify(&id)))
            .help("ids use a-z, 0-9 and `-` only");
        return None;
    }
    let here = loc(s);
    if let Some((l, c)) = seen.get(&id) {
        cx.at(s, format!("duplicate id `{id}`"))
            .label(format!("first used on line {l}, column {c}"))
            .help("ids must be unique within a packet's list");
        return None;
    }
    seen.insert(id.clone(), here);
    Some(id)
}

/// A trimmed, non-empty string value.
pub(super) fn text(v: &Option<S>) -> Option<String> {
    v.as_ref()
        .map(|s| s.value.trim().to_string())
        .filter(|s| !s.is_empty())
}

pub(super) fn strings(v: &[S]) -> Vec<String> {
    v.iter()
        .map(|s| s.value.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}
