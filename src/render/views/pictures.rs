//! Render stage: the view structs of the pictures (timeline charts, actor map, neighbourhoods),
//! re-exported by [`super`] (`crate::render::views`), where the fields that hold them are.
//!
//! Charts are computed at build time; templates only draw them. Every coordinate is in SVG user
//! units of the picture's own `viewBox="0 0 {width} {height}"`, rounded to 0.1. Plain-text
//! fields (labels, titles) are escaped by Tera like any other string.

use serde::Serialize;

use super::ActorRef;

/// `packet.timeline_chart` (timeline and print pages, every event labelled) and
/// `packet.timeline_chart_small` (overview: key events labelled, the others drawn as a rug of
/// ticks on the axis). Null when the packet has no events.
///
/// The time axis is broken into segments (`segments`), each with its own linear scale; long
/// empty stretches between them are cut out and shown as `breaks`. Marks are stacked into
/// lanes so that no two labels overlap.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineChart {
    /// Width of the viewBox.
    pub width: f64,
    /// Height of the viewBox.
    pub height: f64,
    /// Label font size (user units).
    pub font: f64,
    /// Top of the first lane.
    pub top: f64,
    /// y of the axis line.
    pub axis_y: f64,
    /// y of the tick labels (baseline).
    pub tick_y: f64,
    /// y of the segment captions (baseline).
    pub caption_y: f64,
    /// Number of lanes.
    pub lanes: usize,
    /// The axis segments, left to right.
    pub segments: Vec<ChartSegment>,
    /// The cut-out stretches between segments.
    pub breaks: Vec<ChartBreak>,
    /// Labelled marks, in timeline order.
    pub marks: Vec<ChartMark>,
    /// Unlabelled events (small chart only): x positions of ticks on the axis.
    pub rug: Vec<ChartRug>,
    /// The whole span as text (`2014 – 20 February 2025`), for `<desc>`.
    pub span: String,
}

/// One linear piece of the time axis.
#[derive(Debug, Clone, Serialize)]
pub struct ChartSegment {
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Ticks of this piece.
    pub ticks: Vec<ChartTick>,
    /// Context the tick labels leave out (`Feb 2025` under day ticks, `2024` under month
    /// ticks), or null.
    pub caption: Option<String>,
    /// Centre of the caption.
    pub caption_x: f64,
}

/// One tick of a segment.
#[derive(Debug, Clone, Serialize)]
pub struct ChartTick {
    /// x of its grid line, or null when the unit starts outside the segment.
    pub x: Option<f64>,
    /// Label (`12`, `Feb`, `2014`); may be empty when there is no room.
    pub label: String,
    /// Centre of the label.
    pub label_x: f64,
}

/// A stretch of time cut out of the axis.
#[derive(Debug, Clone, Serialize)]
pub struct ChartBreak {
    /// Left edge (end of the previous segment).
    pub x0: f64,
    /// Right edge (start of the next segment).
    pub x1: f64,
    /// Centre.
    pub x: f64,
    /// The length of time left out (`4 yr`, `8 mo`, `19 d`), empty when none is (the scale
    /// changes without a gap).
    pub label: String,
}

/// One event on the chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartMark {
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
    /// `point` (a single day) or `bar` (a range, a month or a year).
    pub shape: &'static str,
    /// `true` for a key event.
    pub key: bool,
    /// `true` for an approximate date: `fuzz_x0`/`fuzz_x1` give its blurred extent.
    pub approximate: bool,
    /// Lane (0 = top).
    pub lane: usize,
    /// Start of the mark (bar: left edge; point: centre).
    pub x0: f64,
    /// End of the mark (bar: right edge; point: centre).
    pub x1: f64,
    /// Vertical centre of the mark.
    pub y: f64,
    /// Point radius, or half the bar height.
    pub r: f64,
    /// Top of the bar (`y - r`).
    pub bar_y: f64,
    /// Width of the bar (`x1 - x0`; 0 for a point).
    pub bar_w: f64,
    /// Height of the bar (`2 r`).
    pub bar_h: f64,
    /// Left end of the uncertainty whisker (approximate dates), else equal to `x0`.
    pub fuzz_x0: f64,
    /// Right end of the uncertainty whisker, else equal to `x1`.
    pub fuzz_x1: f64,
    /// `true` when the bar starts before the axis (drawn open on the left).
    pub open_start: bool,
    /// `true` when the bar ends after the axis (drawn open on the right).
    pub open_end: bool,
    /// Label anchor point.
    pub label_x: f64,
    /// Label baseline.
    pub label_y: f64,
    /// `start` (label right of the mark, or over a long bar) or `end` (left of the mark): the
    /// SVG `text-anchor`.
    pub label_anchor: &'static str,
    /// `true` when the label is drawn inside its (long) bar, which is then taller
    /// (`bar_h`) and drawn light.
    pub label_over: bool,
    /// `true` for a month or a year much longer than the run of days its segment zooms
    /// into: drawn as a thin, light bar so that it does not swamp them.
    pub context: bool,
}

/// An unlabelled event on the small chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRug {
    /// Position on the axis.
    pub x: f64,
    /// `true` for a key event.
    pub key: bool,
}

/// `packet.actor_map`: every actor, grouped by side into columns, with declared relations as
/// numbered, arrowed edges and co-appearances (actors named in the same events) as lighter
/// lines. Null when the packet has no actors. The layout is deterministic: columns in order
/// of the sides' first appearance (actors without a side last), actors ordered within their
/// column to shorten edges, ties in file order.
#[derive(Debug, Clone, Serialize)]
pub struct ActorMap {
    /// Width of the viewBox.
    pub width: f64,
    /// Height of the viewBox.
    pub height: f64,
    /// Label font size.
    pub font: f64,
    /// Side headings (a large side may span several columns).
    pub columns: Vec<MapColumn>,
    /// The actors.
    pub nodes: Vec<MapNode>,
    /// Declared relations, numbered 1, 2, 3… in file order (`number` is the badge and the
    /// entry in the legend).
    pub relations: Vec<MapEdge>,
    /// Co-appearances not already covered by a relation.
    pub together: Vec<MapEdge>,
}

/// A side's heading above its column(s).
#[derive(Debug, Clone, Serialize)]
pub struct MapColumn {
    /// The side as written, or `Other` for actors without one.
    pub label: String,
    /// Centre of the heading.
    pub x: f64,
    /// Baseline of the heading.
    pub y: f64,
    /// Left edge of the side's area.
    pub x0: f64,
    /// Right edge of the side's area.
    pub x1: f64,
}

/// An actor drawn as a labelled box.
#[derive(Debug, Clone, Serialize)]
pub struct MapNode {
    /// Actor id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Name as drawn (shortened with `…` when long), on one line.
    pub label: String,
    /// The name as drawn: one line, or two in a smaller size (class `node-two-lines`) when it
    /// is too long for one.
    pub lines: Vec<String>,
    /// Offset of the second line from the first (0 with one line).
    pub line_dy: f64,
    /// `person`, `organization`, `country` or `group`.
    pub kind: &'static str,
    /// Actor page URL.
    pub url: String,
    /// `true` for the actor whose neighbourhood this is.
    pub focus: bool,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Label anchor (the box's centre).
    pub text_x: f64,
    /// Baseline of the first line.
    pub text_y: f64,
}

/// An edge between two actors.
#[derive(Debug, Clone, Serialize)]
pub struct MapEdge {
    /// Where it starts (for a relation: the actor that declares it).
    pub from: ActorRef,
    /// Where it ends.
    pub to: ActorRef,
    /// A relation's label, or `N shared events` for a co-appearance.
    pub label: String,
    /// `relation` or `together`.
    pub kind: &'static str,
    /// Number of events naming both actors.
    pub shared: usize,
    /// SVG path data (`M x y C …`) of the curve.
    pub d: String,
    /// Stroke width.
    pub weight: f64,
    /// Relation number (badge and legend), 0 for co-appearances and in neighbourhoods.
    pub number: usize,
    /// Centre of the badge (or of the label's anchor).
    pub badge_x: f64,
    /// Centre of the badge (or the label's baseline).
    pub badge_y: f64,
    /// Label lines drawn beside the edge (neighbourhoods only; empty on the full map).
    pub lines: Vec<String>,
}

/// `actor.neighbourhood`: the actor (left), and one row per related or co-appearing actor
/// (right), each joined to it by an edge labelled with the relations (`→` declared by this
/// actor, `←` by the other) or the number of shared events. Null when the actor has neither.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbourhood {
    /// Width of the viewBox.
    pub width: f64,
    /// Height of the viewBox.
    pub height: f64,
    /// Label font size.
    pub font: f64,
    /// The actor itself (`focus: true`).
    pub center: MapNode,
    /// Its neighbours, related ones first.
    pub nodes: Vec<MapNode>,
    /// One edge per neighbour, in the same order; `lines` hold its label lines and
    /// `badge_x`/`badge_y` the right end and baseline of the first line.
    pub edges: Vec<MapEdge>,
    /// Line height of the labels.
    pub line_height: f64,
    /// `end` when `badge_x` is the labels' right end (the wide form), `start` when their left
    /// end (the narrow form, `actor.neighbourhood_narrow`): the SVG `text-anchor`.
    pub label_anchor: &'static str,
}
