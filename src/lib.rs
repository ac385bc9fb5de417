//! `brief`: a static site generator for briefing packets.
//!
//! The pipeline is `load → validate → render → write` ([`build::run`]); `check` stops after
//! render (in memory), `serve` reruns it. Plain data passes between stages: raw serde shapes
//! ([`load::raw`]), the validated model ([`model`]), view structs ([`render::views`]).

pub mod article;
pub mod date;
pub mod diag;
pub mod highlight;
pub mod load;
pub mod markdown;
pub mod model;
pub mod validate;
pub mod pipeline;
pub mod render;
pub mod write;
