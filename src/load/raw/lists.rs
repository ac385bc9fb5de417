//! Load stage: the raw shapes of the three lists' entries (events, actors with their relations
//! and links, questions), as in timeline.yaml, actors.yaml and questions.yaml.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::S;
use super::evidence::EvidenceRaw;
use super::scalar::{Date, Id, Text};

/// One timeline event. `date` and `title` are required.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Event")]
pub struct EventRaw {
    /// The event's id (a-z, 0-9, `-`), unique in the timeline; made from the date and title
    /// when absent.
    #[schemars(with = "Option<Id>")]
    pub id: Option<S>,
    /// Required. When it happened (see `Date`).
    #[schemars(with = "Date")]
    pub date: Option<S>,
    /// Required. What happened, plain text.
    #[schemars(with = "Text")]
    pub title: Option<S>,
    /// More about it, in Markdown.
    #[schemars(with = "Option<Text>")]
    pub body: Option<S>,
    /// The ids of the actors involved (from actors.yaml).
    #[serde(default)]
    #[schemars(with = "Vec<Id>")]
    pub actors: Vec<S>,
    /// Tags, plain text.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub tags: Vec<S>,
    /// `key` events lead the overview. Default: `normal`.
    #[schemars(with = "Option<Text>", extend("enum" = crate::model::IMPORTANCES))]
    pub importance: Option<S>,
    /// Who the article says the claim rests on, e.g. "two officials".
    #[schemars(with = "Option<Text>")]
    pub sourcing: Option<S>,
    /// Quotes from article.md that the event rests on.
    #[serde(default)]
    #[schemars(with = "Vec<EvidenceRaw>")]
    pub evidence: Vec<Spanned<EvidenceRaw>>,
}

/// One actor: a person, organisation, country or group. `id` and `name` are required.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Actor")]
pub struct ActorRaw {
    /// Required. The actor's id (a-z, 0-9, `-`), unique in the packet; events, questions
    /// and relations refer to the actor by it.
    #[schemars(with = "Id")]
    pub id: Option<S>,
    /// Required. The name; it counts as a mention wherever it occurs in article.md as whole
    /// words.
    #[schemars(with = "Text")]
    pub name: Option<S>,
    /// What the actor is. Default: `person`.
    #[schemars(with = "Option<Text>", extend("enum" = crate::model::ACTOR_KINDS))]
    pub kind: Option<S>,
    /// The actor's role, plain text.
    #[schemars(with = "Option<Text>")]
    pub role: Option<S>,
    /// The side the actor is on; groups the actor index.
    #[schemars(with = "Option<Text>")]
    pub side: Option<S>,
    /// Other spellings in the article (garbled ones included); each counts as a mention.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub aliases: Vec<S>,
    /// Who the actor is and why they matter, in Markdown.
    #[schemars(with = "Option<Text>")]
    pub summary: Option<S>,
    /// Relations to other actors.
    #[serde(default)]
    #[schemars(with = "Vec<RelationRaw>")]
    pub relations: Vec<Spanned<RelationRaw>>,
    /// External links (official page, encyclopaedia).
    #[serde(default)]
    #[schemars(with = "Vec<LinkRaw>")]
    pub links: Vec<Spanned<LinkRaw>>,
}

/// One relation of an actor to another. `to` and `label` are required.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Relation")]
pub struct RelationRaw {
    /// Required. The other actor's id (not this actor's own).
    #[schemars(with = "Id")]
    pub to: Option<S>,
    /// Required. The relation, plain text, e.g. "negotiates with".
    #[schemars(with = "Text")]
    pub label: Option<S>,
    /// Quotes from article.md that the relation rests on.
    #[serde(default)]
    #[schemars(with = "Vec<EvidenceRaw>")]
    pub evidence: Vec<Spanned<EvidenceRaw>>,
}

/// One external link of an actor. `title` and `url` are required.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Link")]
pub struct LinkRaw {
    /// Required. The link's text.
    #[schemars(with = "Text")]
    pub title: Option<S>,
    /// Required. An http, https or mailto URL.
    #[schemars(with = "Text")]
    pub url: Option<S>,
}

/// One open question. `id` and `question` are required.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Question")]
pub struct QuestionRaw {
    /// Required. The question's id (a-z, 0-9, `-`), unique in the packet.
    #[schemars(with = "Id")]
    pub id: Option<S>,
    /// Required. The question, plain text.
    #[schemars(with = "Text")]
    pub question: Option<S>,
    /// Default: `open`; `answered` needs an `answer`.
    #[schemars(with = "Option<Text>", extend("enum" = crate::model::STATUSES))]
    pub status: Option<S>,
    /// Default: `medium`.
    #[schemars(with = "Option<Text>", extend("enum" = crate::model::PRIORITIES))]
    pub priority: Option<S>,
    /// How likely the answer is yes, in the ICD 203 terms.
    #[schemars(with = "Option<Text>", extend("enum" = crate::model::LIKELIHOODS))]
    pub likelihood: Option<S>,
    /// Confidence in that judgement.
    #[schemars(with = "Option<Text>", extend("enum" = crate::model::CONFIDENCES))]
    pub confidence: Option<S>,
    /// The ids of the actors concerned (from actors.yaml).
    #[serde(default)]
    #[schemars(with = "Vec<Id>")]
    pub actors: Vec<S>,
    /// Why it matters, in Markdown.
    #[schemars(with = "Option<Text>")]
    pub context: Option<S>,
    /// Indicators that would answer it.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub watch_for: Vec<S>,
    /// Who the article says the claim rests on.
    #[schemars(with = "Option<Text>")]
    pub sourcing: Option<S>,
    /// What settled it, in Markdown; required when `status` is `answered`.
    #[schemars(with = "Option<Text>")]
    pub answer: Option<S>,
    /// Quotes from article.md that the question rests on.
    #[serde(default)]
    #[schemars(with = "Vec<EvidenceRaw>")]
    pub evidence: Vec<Spanned<EvidenceRaw>>,
}
