//! `brief`: a static site generator for briefing packets.
//!
//! The pipeline is `load → validate → render → write` ([`pipeline`]); `check` stops after
//! render (in memory), `serve` reruns it packet by packet. Plain data passes between stages:
//! raw serde shapes ([`load::raw`]), the validated model ([`model`]), view structs
//! ([`render::views`]).

// Every public item documented; `pub` only where the crate's API really exposes it.
#![warn(missing_docs, unreachable_pub)]
// A `Diagnostic` is the error of content checks: returned once per problem, never on a hot path.
#![allow(clippy::result_large_err)]

pub mod diag;
pub mod linkcheck;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod quote;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod text;
pub mod validate;
pub mod write;
