//! The integration tests of `brief`: one binary, one module per area (see each module's `//!`).

mod browser;
mod check;
mod common;
mod corpus;
mod dates;
mod errors;
mod example;
mod features;
mod interrupted;
mod kept;
mod limits;
mod output_safety;
mod pages;
mod policy;
mod props;
mod quote;
mod scaffold;
mod schema;
mod security;
mod serve;
mod serve_bounds;
mod subpath;
mod theme;
