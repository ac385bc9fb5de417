//! The integration tests of `brief`: one binary, one module per area (see each module's `//!`).

mod check;
mod common;
mod errors;
mod example;
mod features;
mod output_safety;
mod pages;
mod security;
mod serve;
mod subpath;
mod theme;
