//! Render stage: the view structs of the pictures for narrow screens and paper (a timeline
//! whose time runs down the page), re-exported by [`super`] (`crate::render::views`).
//!
//! Like the wide pictures ([`super::pictures`]) they are geometry computed at build time in
//! the SVG user units of `viewBox="0 0 {width} {height}"`, rounded to 0.1. The theme draws
//! them at their own size (one user unit per CSS pixel, narrower on a very small screen), so a
//! label of `font` units reads at `font` pixels on a phone and about `0.75 font` points on
//! paper.

use serde::Serialize;

/// `packet.timeline_column` (timeline and print pages, every event labelled) and
/// `packet.timeline_column_small` (overview: key events labelled, the others as ticks on the
/// axis): the same events as the wide chart, with time running down a vertical axis, the
/// segments and breaks of the wide chart stacked, and every label on its own line to the
/// right. Null when the packet has no events.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineColumn {
    /// Width of the viewBox.
    pub width: f64,
    /// Height of the viewBox.
    pub height: f64,
    /// Label font size (user units).
    pub font: f64,
    /// Font size of the tick labels and captions.
    pub tick_font: f64,
    /// x of the time axis.
    pub axis_x: f64,
    /// Right end of the tick labels (`text-anchor: end`).
    pub tick_x: f64,
    /// The axis segments, top to bottom.
    pub segments: Vec<ColumnSegment>,
    /// The cut-out stretches between segments.
    pub breaks: Vec<ColumnBreak>,
    /// Labelled marks, in timeline order.
    pub marks: Vec<ColumnMark>,
    /// Unlabelled events (small chart only): y positions of ticks across the axis.
    pub rug: Vec<ColumnRug>,
}

/// One linear piece of the vertical axis.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnSegment {
    /// Top.
    pub y0: f64,
    /// Bottom.
    pub y1: f64,
    /// Ticks of this piece.
    pub ticks: Vec<ColumnTick>,
    /// Context the tick labels leave out (`Feb 2025`), drawn above the piece, or null.
    pub caption: Option<String>,
    /// Baseline of the caption.
    pub caption_y: f64,
}

/// One tick of a segment.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnTick {
    /// y of its tick mark, or null when the unit starts outside the segment.
    pub y: Option<f64>,
    /// Label (`12`, `Feb`, `2014`); may be empty when there is no room.
    pub label: String,
    /// Baseline of the label.
    pub label_y: f64,
}

/// A stretch of time cut out of the axis.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnBreak {
    /// Top (end of the previous segment).
    pub y0: f64,
    /// Bottom (start of the next segment).
    pub y1: f64,
    /// Middle, where the break sign is drawn.
    pub y: f64,
    /// The length of time left out (`4 yr`), empty when none is.
    pub label: String,
}

/// One event on the vertical chart.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnMark {
    /// Event id.
    pub id: String,
    /// Full event title.
    pub title: String,
    /// The label drawn (the title, shortened on a word boundary with `…` when long).
    pub label: String,
    /// Date as shown (`c. February 2025`).
    pub date: String,
    /// The event's entry on the timeline page.
    pub url: String,
    /// `point` (a single day, on the axis) or `bar` (a range, a month or a year, in a lane
    /// right of the axis).
    pub shape: &'static str,
    /// `true` for a key event.
    pub key: bool,
    /// `true` for an approximate date: `fuzz_y0`/`fuzz_y1` give its blurred extent.
    pub approximate: bool,
    /// `true` for a month or a year much longer than the run of days its segment zooms into
    /// (drawn thin and light).
    pub context: bool,
    /// Centre of the mark across the axis (the axis for a point, its lane for a bar).
    pub x: f64,
    /// Top of the mark (a point: its centre).
    pub y0: f64,
    /// Bottom of the mark (a point: its centre).
    pub y1: f64,
    /// Point radius, or half the bar's width.
    pub r: f64,
    /// Left edge of the bar (`x - r`).
    pub bar_x: f64,
    /// Width of the bar (`2 r`).
    pub bar_w: f64,
    /// Height of the bar (`y1 - y0`; 0 for a point).
    pub bar_h: f64,
    /// Upper end of the uncertainty whisker (approximate dates), else equal to `y0`.
    pub fuzz_y0: f64,
    /// Lower end of the uncertainty whisker, else equal to `y1`.
    pub fuzz_y1: f64,
    /// `true` when the bar starts before its segment (drawn open at the top).
    pub open_start: bool,
    /// `true` when the bar ends after its segment (drawn open at the bottom).
    pub open_end: bool,
    /// Where the leader from the mark to its label starts (the mark's right edge).
    pub leader_x: f64,
    /// Height of the leader's start (on the mark).
    pub leader_y: f64,
    /// Left end of the label (`text-anchor: start`).
    pub label_x: f64,
    /// Middle of the label's line (the leader's end).
    pub label_mid: f64,
    /// Label baseline.
    pub label_y: f64,
}

/// An unlabelled event on the small vertical chart.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnRug {
    /// Position on the axis.
    pub y: f64,
    /// `true` for a key event.
    pub key: bool,
}
