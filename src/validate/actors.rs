//! Validate stage: the actor list: ids, names and aliases, relations with their evidence.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_saphyr::Spanned;

use super::Cx;
use super::evidence::{Evidence, evidence};
use super::items::{id, text};
use super::refs::actor_ref;
use crate::diag::{DiagBuild, Diagnostic};
use crate::load::loc;
use crate::load::raw::ActorRaw;
use crate::model::{Actor, Relation};

/// Checks the actor list.
pub(super) fn actors(
    list: (PathBuf, Vec<Spanned<ActorRaw>>),
    ev: &Evidence,
    out: &mut Vec<Diagnostic>,
) -> Vec<Actor> {
    let (file, items) = list;
    let mut cx = Cx::new(&file);
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut spellings: HashMap<String, (String, usize, usize)> = HashMap::new();
    let ids: Vec<String> = items
        .iter()
        .filter_map(|a| a.value.id.as_ref().map(|s| s.value.trim().to_string()))
        .collect();
    let mut actors = Vec::new();
    for item in &items {
        let a = &item.value;
        let at = loc(item);
        let id = id(&mut cx, &a.id, "this actor", at, &mut seen);
        let name = cx.required(&a.name, "name", "this actor", at);
        let kind = cx.keyword(&a.kind, "kind", crate::model::ActorKind::Person);
        let (Some(id), Some(name)) = (id, name) else {
            continue;
        };
        let mut aliases = Vec::new();
        for (si, s) in a.name.iter().chain(a.aliases.iter()).enumerate() {
            let spelling = s.value.trim().to_string();
            if spelling.is_empty() {
                cx.at(s, "empty alias")
                    .label("write a spelling or remove the entry");
                continue;
            }
            match spellings.get(&spelling) {
                Some((other, line, _)) if *other != id => {
                    cx.at(
                        s,
                        format!("`{spelling}` is a name or alias of both `{other}` and `{id}`"),
                    )
                    .label(format!("also declared for `{other}` on line {line}"))
                    .help("a spelling must point at one actor: remove it from one of them");
                }
                Some(_) => {}
                None => {
                    let (l, c) = loc(s);
                    spellings.insert(spelling.clone(), (id.clone(), l, c));
                }
            }
            if si > 0 && !aliases.contains(&spelling) {
                aliases.push(spelling);
            }
        }
        let mut relations = Vec::new();
        for (ri, r) in a.relations.iter().enumerate() {
            let rat = loc(r);
            let to = cx
                .required(&r.value.to, "to", "this relation", rat)
                .and(r.value.to.as_ref())
                .and_then(|t| actor_ref(&mut cx, t, &ids).map(|to| (t, to)))
                .and_then(|(t, to)| {
                    if to != id {
                        return Some(to);
                    }
                    cx.at(t, format!("`{id}` has a relation to itself"))
                        .label("this is the id of the actor that declares the relation")
                        .help("a relation links two different actors: set `to:` to the other actor's id, or remove the relation");
                    None
                });
            let label = cx.required(&r.value.label, "label", "this relation", rat);
            let evidence = evidence(
                &mut cx,
                &r.value.evidence,
                &format!("rel-{id}-{}", ri + 1),
                ev,
            );
            if let (Some(to), Some(label)) = (to, label) {
                relations.push((to, label, evidence));
            }
        }
        let mut links = Vec::new();
        for l in &a.links {
            let lat = loc(l);
            let title = cx.required(&l.value.title, "title", "this link", lat);
            let url = cx.required(&l.value.url, "url", "this link", lat);
            if let (Some(title), Some(url), Some(u)) = (title, url, l.value.url.as_ref()) {
                match crate::render::html::markdown::web_url(&url)
                    .or_else(|| url.starts_with("mailto:").then(|| url.clone()))
                {
                    Some(url) => links.push((title, url)),
                    None => {
                        cx.at(u, "link URLs must be http, https or mailto")
                            .label("not allowed");
                    }
                }
            }
        }
        actors.push((id, name, kind, a, aliases, relations, links));
    }
    out.append(&mut cx.diags);
    let index: HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.0.as_str(), i))
        .collect();
    let mut result = Vec::new();
    for (id, name, kind, a, aliases, relations, links) in &actors {
        let relations = relations
            .iter()
            .filter_map(|(to, label, evidence)| {
                index.get(to.as_str()).map(|&to| Relation {
                    to,
                    label: label.clone(),
                    evidence: evidence.clone(),
                })
            })
            .collect();
        result.push(Actor {
            id: id.clone(),
            name: name.clone(),
            kind: *kind,
            role: text(&a.role),
            side: text(&a.side),
            aliases: aliases.clone(),
            summary: text(&a.summary),
            relations,
            links: links.clone(),
        });
    }
    result
}
