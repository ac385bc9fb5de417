//! Render stage: the timeline chart: a broken time axis, marks packed into lanes; wide
//! ([`chart`]) and, for narrow screens and paper, vertical ([`column`]).

pub mod axis;
pub mod chart;
pub mod column;
pub mod marks;
pub mod plan;
