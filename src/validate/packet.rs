//! Validate stage: one packet: metadata, the choice of inline or separate lists, the article,
//! mentions and the name audit. The lists themselves are checked in `items`.

use std::collections::HashSet;
use std::path::Path;

use serde_saphyr::Spanned;

use super::Cx;
use super::items::{self, text};
use super::refs::ActorIds;
use crate::diag::{DiagBuild, Diagnostic, Severity};
use crate::load::RawPacket;
use crate::load::raw::{PacketRaw, S};
use crate::model::article::Article;
use crate::model::{Change, Config, Packet, Source};
use crate::render::html::markdown::web_url;
use crate::validate::anchor::Matcher;
use crate::validate::{audit, mentions};

/// Checks one packet; `None` when it has errors (all of them pushed to `out`).
pub(super) fn validate(
    p: RawPacket,
    _config: &Config,
    out: &mut Vec<Diagnostic>,
) -> Option<Packet> {
    let meta_file = p.dir.join("packet.yaml");
    let article_file = p.dir.join("article.md");
    let readable = p.article.is_some();
    let article_text = p.article.unwrap_or_default();
    let article = Article::parse(&article_text);
    let matcher = Matcher::new(&article, &article_text);
    // Where the actors may be declared when that file did not load (its error is reported).
    let unloaded = |name: &str| p.unloaded.iter().any(|u| u == name);
    let actors_unloaded = if unloaded("actors.yaml") {
        Some(p.dir.join("actors.yaml"))
    } else if p.actors_file.is_none() && unloaded("packet.yaml") {
        Some(meta_file.clone())
    } else {
        None
    };
    let mut meta = p.meta;
    let mut cx = Cx::new(&meta_file);

    // Each list comes from packet.yaml or from its own file, never both.
    let timeline = pick(
        &mut cx,
        meta.as_mut().and_then(|m| m.timeline.take()),
        p.timeline_file,
        &meta_file,
        "timeline",
    );
    let actors = pick(
        &mut cx,
        meta.as_mut().and_then(|m| m.actors.take()),
        p.actors_file,
        &meta_file,
        "actors",
    );
    let questions = pick(
        &mut cx,
        meta.as_mut().and_then(|m| m.questions.take()),
        p.questions_file,
        &meta_file,
        "questions",
    );

    let header = meta.as_ref().map(|m| meta_fields(&mut cx, m));
    let not_names = meta.as_mut().map(|m| std::mem::take(&mut m.not_names));

    let ev = super::evidence::Evidence::new(readable.then_some(&matcher));
    let declared = actors
        .1
        .iter()
        .filter_map(|a| a.value.id.as_ref().map(|s| s.value.trim().to_string()))
        .collect();
    let actor_list = super::actors::actors(actors, &ev, out);
    let known = ActorIds::new(
        actor_list.iter().map(|a| a.id.clone()).collect(),
        declared,
        actors_unloaded,
    );
    let events = items::events(timeline, &known, &ev, out);
    let question_list = items::questions(questions, &known, &ev, out);
    out.extend(known.note());
    out.extend(ev.note(&article_file));

    // Mentions and the name audit.
    let names: Vec<(usize, &str)> = actor_list
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            std::iter::once((i, a.name.as_str()))
                .chain(a.aliases.iter().map(move |s| (i, s.as_str())))
        })
        .collect();
    let ignore = acknowledged(&mut cx, not_names.as_deref().unwrap_or_default(), &names);
    out.append(&mut cx.diags);
    let (found, misses) = rayon::join(
        || mentions::find(&article, &names),
        || audit::near_misses(&article, &article_text, &names, &ignore),
    );
    for miss in misses {
        let (line, col) = line_col(&article_text, miss.offset);
        let actor = &actor_list[miss.actor];
        out.push(
            Diagnostic::warning(
                &article_file,
                line,
                col,
                format!("`{}` looks like `{}` ({})", miss.word, miss.like, actor.id),
            )
            .span_len(miss.word.chars().count())
            .label("not a declared name or alias")
            .help(format!(
                "if it means {}, add `{}` to the aliases of `{}`; if it is another name or \
                     no name, add it to packet.yaml as `not_names: [{}]` and this warning stops",
                actor.name,
                miss.word,
                actor.id,
                yaml_plain(&miss.word)
            )),
        );
    }

    super::drop_typo_cascades(out, &p.typos);
    let (title, summary, as_of, updated, draft, tags, source, changelog) = header?;
    if out.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    Some(Packet {
        slug: p.slug,
        dir: p.dir,
        title: title?,
        summary,
        as_of,
        updated,
        draft,
        tags,
        source,
        changelog,
        article,
        article_source: std::sync::Arc::from(article_text),
        events,
        actors: actor_list,
        questions: question_list,
        mentions: found,
        assets: p.assets,
    })
}

type Header = (
    Option<String>,
    Option<String>,
    Option<crate::model::date::FuzzyDate>,
    Option<crate::model::date::FuzzyDate>,
    bool,
    Vec<String>,
    Option<Source>,
    Vec<Change>,
);

fn meta_fields(cx: &mut Cx, m: &PacketRaw) -> Header {
    let title = cx.required(&m.title, "title", "packet.yaml", (1, 1));
    let summary = text(&m.summary);
    let as_of = cx.opt_date(&m.as_of);
    let updated = cx.opt_date(&m.updated);
    let tags = m
        .tags
        .iter()
        .map(|t| t.value.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let source = m.source.as_ref().map(|s| {
        let s = &s.value;
        let url = s.url.as_ref().and_then(|u| {
            let ok = web_url(&u.value);
            if ok.is_none() {
                cx.at(u, "`source.url` must be an http or https URL")
                    .label("not a web address");
            }
            ok
        });
        Source {
            title: text(&s.title),
            publisher: text(&s.publisher),
            url,
            published: cx.opt_date(&s.published),
            authors: s
                .authors
                .iter()
                .map(|a| a.value.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            language: text(&s.language),
            note: text(&s.note),
        }
    });
    let mut changelog = Vec::new();
    for c in &m.changelog {
        let at = crate::load::loc(c);
        let date = cx
            .required(&c.value.date, "date", "this changelog entry", at)
            .and(c.value.date.as_ref())
            .and_then(|d| cx.date(d));
        let note = cx.required(&c.value.note, "note", "this changelog entry", at);
        if let (Some(date), Some(note)) = (date, note) {
            changelog.push(Change { date, note });
        }
    }
    changelog.sort_by(|a, b| b.date.cmp(&a.date));
    (
        title,
        summary,
        as_of,
        updated,
        m.draft.unwrap_or(false),
        tags,
        source,
        changelog,
    )
}

/// The list from packet.yaml or from its own file; both is an error pointing at each.
fn pick<T>(
    cx: &mut Cx,
    inline: Option<Spanned<Vec<Spanned<T>>>>,
    file: Option<(std::path::PathBuf, Spanned<Vec<Spanned<T>>>)>,
    meta_file: &Path,
    key: &str,
) -> (std::path::PathBuf, Vec<Spanned<T>>) {
    match (inline, file) {
        (Some(i), Some((f, _))) => {
            let (line, col) = crate::load::loc(&i);
            cx.push(
                Diagnostic::error(
                    meta_file,
                    line,
                    col,
                    format!("`{key}` is defined both here and in {}", f.display()),
                )
                .label(format!("inline `{key}:` list"))
                .help(format!(
                    "keep one: move these entries into {} or delete that file",
                    f.display()
                )),
            );
            (meta_file.to_path_buf(), i.value)
        }
        (Some(i), None) => (meta_file.to_path_buf(), i.value),
        (None, Some((f, l))) => (f, l.value),
        (None, None) => (meta_file.to_path_buf(), Vec::new()),
    }
}

/// The phrases of `not_names` (trimmed), each checked: not empty, not a declared spelling.
fn acknowledged<'a>(cx: &mut Cx, list: &'a [S], names: &[(usize, &str)]) -> HashSet<&'a str> {
    let mut out = HashSet::new();
    for s in list {
        let t = s.value.trim();
        if t.is_empty() {
            let (line, col, len) = super::whole_scalar(s, &s.referenced);
            cx.push(
                Diagnostic::error(&cx.file, line, col, "empty entry in `not_names`")
                    .span_len(len)
                    .label("write the word or phrase to leave alone, or remove the entry"),
            );
        } else if names.iter().any(|(_, n)| *n == t) {
            cx.at(
                s,
                format!("`{t}` is both a declared name and in `not_names`"),
            )
            .label("declared as a name or alias of an actor")
            .help("`not_names` lists what is not a name: remove it from here or from the actor");
        } else {
            out.insert(t);
        }
    }
    out
}

/// `word` as a YAML plain scalar, quoted when YAML would read it as something else.
fn yaml_plain(word: &str) -> String {
    let special = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    if special.contains(&word.to_lowercase().as_str()) {
        format!("\"{word}\"")
    } else {
        word.to_string()
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
