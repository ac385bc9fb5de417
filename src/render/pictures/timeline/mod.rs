//! Render stage: the timeline chart: a broken time axis, marks packed into lanes.

pub mod axis;
pub mod chart;
pub mod marks;
