//! Render stage: the pictures' geometry (timeline chart, actor map, an actor's neighbourhood),
//! computed from the views; the theme draws the SVG.

pub mod ego;
pub mod fit;
pub mod map;
pub mod timeline;
