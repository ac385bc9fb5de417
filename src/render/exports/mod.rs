//! Render stage: the machine-readable exports: `packet.json`, `timeline.json` and the search index.

pub mod json;
pub mod search;
pub mod search_index;
pub mod search_shards;
pub mod search_text;
