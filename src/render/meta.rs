//! Render stage: page metadata: plain-text descriptions and schema.org JSON-LD.
//!
//! JSON-LD is built with serde_json and escaped for the inside of a `<script>` element
//! ([`ld_json`]: `<`, `>`, `&`, U+2028 and U+2029 become `\uXXXX`), so no packet string can
//! close the script; the theme prints it with `| safe` inside `<script type="application/ld+json">`.

use pulldown_cmark::{Event, Parser, TagEnd};
use serde_json::{Map, Value, json};

use crate::model::Config;
use crate::render::pictures::fit::shorten;
use crate::render::views::{ActorView, EventView, PacketView, QuestionView};

/// Longest description, in characters.
pub const DESCRIPTION: usize = 200;

/// The text of a Markdown fragment on one line (markup, HTML and link targets left out).
pub fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(md, crate::render::html::markdown::options()) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A description of at most [`DESCRIPTION`] characters from Markdown, or `fallback`.
pub fn description(md: Option<&str>, fallback: &str) -> String {
    let text = md.map(plain_text).filter(|t| !t.is_empty());
    shorten(text.as_deref().unwrap_or(fallback), DESCRIPTION)
}

/// `v` serialized for a `<script type="application/ld+json">` element.
pub fn ld_json(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as a quoted CSS string for a `<style>` element: everything but letters, digits, spaces
/// and `,.;:!?'()-` is written as a CSS escape (`\22 ` for `"`, `\3c ` for `<`…), so no
/// packet string can end the string or the element.
pub fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || " ,.;:!?'()-".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

/// The absolute form of a root-relative site URL.
pub fn absolute(config: &Config, url: &str) -> String {
    format!(
        "{}{}",
        config.base_url,
        url.strip_prefix(config.root.as_str())
            .unwrap_or(url.trim_start_matches('/'))
    )
}

fn with_context(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        let mut o = Map::new();
        o.insert("@context".into(), json!("https://schema.org"));
        o.append(m);
        return Value::Object(o);
    }
    v
}

/// Drops null fields and empty lists, so the JSON-LD only states what is known.
fn tidy(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, v)| (k, tidy(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(tidy).collect()),
        v => v,
    }
}

/// The source article: a NewsArticle; when the source note says the text is a translation,
/// the text shown (at `page`) is a NewsArticle that is a `translationOfWork` of the original.
pub fn news_article(v: &PacketView, source_note: Option<&str>, page: &str) -> Option<Value> {
    let s = v.source.as_ref()?;
    let original = json!({
        "@type": "NewsArticle",
        "headline": s.title,
        "publisher": s.publisher.as_ref().map(|p| json!({"@type": "Organization", "name": p})),
        "author": s.authors.iter().map(|a| json!({"@type": "Person", "name": a})).collect::<Vec<_>>(),
        "datePublished": s.published.as_ref().map(|d| d.start.clone()),
        "url": s.url,
    });
    let translated = source_note.is_some_and(|n| plain_text(n).to_lowercase().contains("translat"));
    let article = if translated {
        json!({
            "@type": "NewsArticle",
            "headline": s.title.clone().unwrap_or_else(|| v.title.clone()),
            "url": page,
            "inLanguage": s.language,
            "translationOfWork": original,
            "isBasedOn": original,
        })
    } else {
        let mut o = original;
        o["inLanguage"] = json!(s.language);
        o["mainEntityOfPage"] = json!(page);
        o
    };
    Some(with_context(tidy(article)))
}

/// The packet itself: a Report, based on its source.
pub fn report(v: &PacketView, description: &str, based_on: Option<&Value>, url: &str) -> Value {
    let based_on = based_on.map(|b| {
        let mut b = b.clone();
        if let Value::Object(m) = &mut b {
            m.remove("@context");
        }
        b
    });
    with_context(tidy(json!({
        "@type": "Report",
        "headline": v.title,
        "name": v.title,
        "description": description,
        "url": url,
        "dateModified": v.updated.as_ref().map(|d| d.start.clone()),
        "temporalCoverage": v.as_of.as_ref().map(|d| d.start.clone()),
        "keywords": v.tags,
        "isBasedOn": based_on,
    })))
}

/// The timeline: an ItemList of Events.
pub fn events(v: &PacketView, bodies: &[Option<String>], config: &Config) -> Value {
    let items: Vec<Value> = v
        .events
        .iter()
        .zip(bodies)
        .enumerate()
        .map(|(i, (e, body)): (usize, (&EventView, &Option<String>))| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "item": {
                    "@type": "Event",
                    "name": e.title,
                    "startDate": e.date.start,
                    "endDate": e.date.end,
                    "url": absolute(config, &e.url),
                    "description": body.as_deref().map(|b| description(Some(b), "")),
                    "performer": e.actors.iter().map(|a| json!({"name": a.name, "url": absolute(config, &a.url)})).collect::<Vec<_>>(),
                }
            })
        })
        .collect();
    with_context(tidy(json!({
        "@type": "ItemList",
        "name": format!("Timeline · {}", v.title),
        "url": absolute(config, &v.urls.timeline),
        "itemListElement": items,
    })))
}

/// An actor: a Person, Organization or Country, with its aliases as `alternateName`.
pub fn actor(a: &ActorView, summary: Option<&str>, packet: &Value, config: &Config) -> Value {
    let kind = match a.kind {
        "person" => "Person",
        "country" => "Country",
        _ => "Organization",
    };
    let role_key = if kind == "Person" {
        "jobTitle"
    } else {
        "disambiguatingDescription"
    };
    let mut v = json!({
        "@type": kind,
        "name": a.name,
        "alternateName": a.aliases,
        "description": summary.map(|s| description(Some(s), "")),
        "url": absolute(config, &a.url),
        "sameAs": a.links.iter().filter(|l| l.url.starts_with("http")).map(|l| l.url.clone()).collect::<Vec<_>>(),
        "subjectOf": packet,
    });
    v[role_key] = json!(a.role);
    with_context(tidy(v))
}

/// A question, with its accepted answer when it is answered.
pub fn question(
    q: &QuestionView,
    context: Option<&str>,
    answer: Option<&str>,
    packet: &Value,
    config: &Config,
) -> Value {
    with_context(tidy(json!({
        "@type": "Question",
        "name": q.question,
        "text": context.map(plain_text).map_or_else(|| q.question.clone(), |c| format!("{} {c}", q.question)),
        "url": absolute(config, &q.url),
        "answerCount": usize::from(answer.is_some()),
        "acceptedAnswer": answer.map(|a| json!({"@type": "Answer", "text": plain_text(a)})),
        "isPartOf": packet,
    })))
}

#[cfg(test)]
#[path = "meta_tests.rs"]
mod tests;
