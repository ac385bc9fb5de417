//! Render stage: HTML from Markdown: the Markdown fields, the annotated article, highlighted code.

pub mod article;
pub mod highlight;
pub mod markdown;
pub mod marks;
