//! Where the words of a map go: branch conditions, handoff badges and the captions of
//! events and gateways, placed once for every renderer so that no label covers a shape,
//! another label or a lane header.
//!
//! A [`Scene`] holds what labels must keep clear of (shapes, lane headers, the area the
//! drawing may use) and the arrows' paths; each [`Request`] asks for one label. Requests
//! are placed one after another in the order given, each clear of everything placed before
//! it, so the result depends only on the input: the same scene always gives the same boxes.
//!
//! **Candidates.** A label on an arrow is tried centred on its path and beside it (above or
//! below a level stretch, left or right of an upright one) at points every [`STEP`] units
//! along the path. A branch condition prefers points near the arrow's start, a handoff badge
//! points near the middle of its arrow (a free stretch between the two lanes). A caption is
//! tried below, above and beside its shape. Among the candidates that overlap nothing, the
//! cheapest wins: its preference plus [`CROSSING`] for each other arrow it would cover, and
//! [`SHARED`] for each other arrow running along the stretch it labels.
//!
//! **No room.** When no candidate is free, the text is wrapped narrower; then it is set off
//! at a free spot nearby with a leader line back to its anchor; then shortened to one short
//! line with an ellipsis (on the path, then with a leader). A label is never dropped: when
//! even that fails it takes the candidate that overlaps least and says so ([`Label::clear`]).
//! The whole text always stays in [`Label::text`], for hover and documents.
//!
//! Text is measured with [`super::text`]'s model at [`FONT_SIZE`].
//!
//! The UI places labels with the same rules (`ui/src/lib/labels.ts`); `tests/labels.rs`
//! checks that both agree on every template.

use std::collections::HashMap;

use serde::Serialize;

use super::text::{text_width, wrap};
use super::Rect;

/// A point on the canvas.
pub type Point = (f64, f64);

/// The font size of every label, in canvas units (the canvas draws it in 11 px).
pub const FONT_SIZE: f64 = 11.0;
/// The height of one line of a label.
pub const LINE_HEIGHT: f64 = 14.0;
/// Room left and right of a badge's text, inside its border.
pub const PAD_X: f64 = 6.0;
/// Room above and below a badge's text, inside its border.
pub const PAD_Y: f64 = 2.0;
/// Room a handoff badge keeps for its icon, left of the text.
pub const ICON_WIDTH: f64 = 14.0;
/// Room around a caption's text.
pub const CAPTION_PAD: f64 = 2.0;
/// The widest a line of a badge's text is set.
pub const BADGE_TEXT_WIDTH: f64 = 180.0;
/// The widest a line of a caption is set.
pub const CAPTION_TEXT_WIDTH: f64 = 140.0;
/// The widest a line is set when the first try found no room.
pub const NARROW_TEXT_WIDTH: f64 = 96.0;
/// The width a text is shortened to when even the narrow form found no room.
pub const SHORT_TEXT_WIDTH: f64 = 64.0;
/// Space kept between a label and any shape, header or other label.
pub const CLEAR: f64 = 4.0;
/// Space between an arrow and a label set beside it.
pub const GAP: f64 = 3.0;
/// Distance between the points along an arrow where a label is tried.
pub const STEP: f64 = 6.0;
/// The most points tried along one straight stretch of an arrow.
pub const MAX_SAMPLES: usize = 64;
/// Length at the end of an arrow kept free for its arrow head.
pub const HEAD_CLEAR: f64 = 14.0;
/// What covering another arrow costs, in units of distance along the path.
pub const CROSSING: f64 = 60.0;
/// What labelling a stretch that another arrow runs along too costs: more than going some
/// way further along the arrow to a stretch of its own.
pub const SHARED: f64 = 500.0;
/// What sitting beside the arrow instead of on it costs.
pub const BESIDE: f64 = 8.0;
/// Distance between the rings searched for a label set off with a leader line.
pub const RING: f64 = 24.0;
/// How many rings are searched.
pub const RINGS: usize = 8;
/// What is shown for a label with no text yet.
pub const PLACEHOLDER: &str = "?";

/// What a label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    /// A decision branch's condition, near the start of its arrow.
    Branch,
    /// What is handed over between lanes, on a free stretch of its arrow.
    Handover,
    /// The name of an event or gateway, next to its shape.
    Caption,
}

/// What a label belongs to, as an index into [`Scene::arrows`] or [`Scene::shapes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Arrow(usize),
    Shape(usize),
}

/// One label to place.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub kind: LabelKind,
    /// The whole text; empty shows [`PLACEHOLDER`].
    pub text: String,
    pub anchor: Anchor,
    /// The top and bottom edge the label must stay between (a caption stays in its lane).
    pub within: Option<(f64, f64)>,
    /// The widest a line of its text may be set, when a renderer wraps text narrower than
    /// [`BADGE_TEXT_WIDTH`] or [`CAPTION_TEXT_WIDTH`] (bpmn.io wraps external labels at 90).
    pub text_width: Option<f64>,
}

/// What labels are placed among.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Boxes no label may cover: nodes (and any shapes a renderer adds).
    pub shapes: Vec<Rect>,
    /// Lane headers: no label may cover them either.
    pub headers: Vec<Rect>,
    /// Every label lies inside this box.
    pub area: Rect,
    /// The arrows' paths; labels avoid covering arrows other than their own.
    pub arrows: Vec<Vec<Point>>,
}

/// A placed label.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Label {
    pub kind: LabelKind,
    /// The whole text, as asked for (trimmed).
    pub text: String,
    /// The lines drawn, top to bottom: the text wrapped, possibly shortened.
    pub lines: Vec<String>,
    /// The label's box: for badges their border, for captions the text with
    /// [`CAPTION_PAD`] around it.
    pub rect: Rect,
    /// The lines do not hold the whole text (show [`Label::text`] on hover).
    pub abbreviated: bool,
    /// A line from the box (first point) to what the label belongs to (second), when the
    /// label had to be set off.
    pub leader: Option<(Point, Point)>,
    /// The label overlaps nothing it must keep clear of; `false` only when the map left no
    /// room anywhere near (shapes on top of each other).
    pub clear: bool,
}

/// One way of setting a text: its lines and the size of its box.
#[derive(Debug, Clone)]
struct Form {
    lines: Vec<String>,
    whole: bool,
    width: f64,
    height: f64,
}

fn form(kind: LabelKind, text: &str, width: f64, max_lines: usize) -> Form {
    let shown = if text.is_empty() { PLACEHOLDER } else { text };
    let (lines, whole) = wrap(shown, FONT_SIZE, width, max_lines);
    let widest = lines
        .iter()
        .map(|l| text_width(l, FONT_SIZE))
        .fold(0.0, f64::max);
    let (pad_x, pad_y, icon) = match kind {
        LabelKind::Caption => (CAPTION_PAD, CAPTION_PAD, 0.0),
        LabelKind::Branch => (PAD_X, PAD_Y, 0.0),
        LabelKind::Handover => (PAD_X, PAD_Y, ICON_WIDTH),
    };
    Form {
        height: lines.len() as f64 * LINE_HEIGHT + 2.0 * pad_y,
        width: widest + 2.0 * pad_x + icon,
        lines,
        whole,
    }
}

/// A candidate box: where, what it costs before crossings, and the point it labels.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    rect: Rect,
    cost: f64,
    anchor: Point,
}

/// A bucket grid over boxes, so that asking what a box overlaps looks at its neighbours
/// only. Boxes spanning very many cells go in one list that is always checked.
#[derive(Debug)]
struct Grid {
    cells: HashMap<(i64, i64), Vec<usize>>,
    big: Vec<usize>,
    rects: Vec<Rect>,
    /// Per box: whose it is (an arrow index, for arrow stretches).
    owner: Vec<usize>,
}

const CELL: f64 = 64.0;
const MAX_CELLS: i64 = 64;

fn cell_range(r: &Rect) -> Option<(i64, i64, i64, i64)> {
    let c = |v: f64| (v / CELL).floor() as i64;
    let (x0, y0, x1, y1) = (c(r.x), c(r.y), c(r.right()), c(r.bottom()));
    let wide = x1.saturating_sub(x0) > MAX_CELLS || y1.saturating_sub(y0) > MAX_CELLS;
    (!wide).then_some((x0, y0, x1, y1))
}

impl Grid {
    fn new() -> Self {
        Grid {
            cells: HashMap::new(),
            big: Vec::new(),
            rects: Vec::new(),
            owner: Vec::new(),
        }
    }

    fn insert(&mut self, r: Rect, owner: usize) {
        let k = self.rects.len();
        self.rects.push(r);
        self.owner.push(owner);
        match cell_range(&r) {
            Some((x0, y0, x1, y1)) => {
                for i in x0..=x1 {
                    for j in y0..=y1 {
                        self.cells.entry((i, j)).or_default().push(k);
                    }
                }
            }
            None => self.big.push(k),
        }
    }

    /// Calls `f` with every box that may overlap `r` (some more than once).
    fn near(&self, r: &Rect, mut f: impl FnMut(usize) -> bool) -> bool {
        for &k in &self.big {
            if f(k) {
                return true;
            }
        }
        let Some((x0, y0, x1, y1)) = cell_range(r) else {
            return (0..self.rects.len()).any(f);
        };
        for i in x0..=x1 {
            for j in y0..=y1 {
                if let Some(ks) = self.cells.get(&(i, j)) {
                    for &k in ks {
                        if f(k) {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }

    fn overlaps(&self, r: &Rect) -> bool {
        self.near(r, |k| overlap(&self.rects[k], r))
    }

    /// How many boxes overlap `r` (each counted once).
    fn count(&self, r: &Rect) -> usize {
        let mut hits = Vec::new();
        self.near(r, |k| {
            if overlap(&self.rects[k], r) {
                hits.push(k);
            }
            false
        });
        hits.sort_unstable();
        hits.dedup();
        hits.len()
    }

    /// How many owners other than `own` have a box overlapping `r`.
    fn owners_except(&self, r: &Rect, own: Option<usize>) -> usize {
        let mut hits = Vec::new();
        self.near(r, |k| {
            if Some(self.owner[k]) != own && overlap(&self.rects[k], r) {
                hits.push(self.owner[k]);
            }
            false
        });
        hits.sort_unstable();
        hits.dedup();
        hits.len()
    }
}

/// Whether two boxes share some area (touching edges do not count).
pub fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

fn inflate(r: &Rect, by: f64) -> Rect {
    Rect {
        x: r.x - by,
        y: r.y - by,
        width: r.width + 2.0 * by,
        height: r.height + 2.0 * by,
    }
}

fn centred(c: Point, w: f64, h: f64) -> Rect {
    Rect {
        x: c.0 - w / 2.0,
        y: c.1 - h / 2.0,
        width: w,
        height: h,
    }
}

fn inside(r: &Rect, area: &Rect, within: Option<(f64, f64)>) -> bool {
    let (top, bottom) = within.unwrap_or((area.y, area.bottom()));
    r.x >= area.x
        && r.right() <= area.right()
        && r.y >= area.y.max(top)
        && r.bottom() <= area.bottom().min(bottom)
}

/// The 16 directions a set-off label is tried in, in order: below, above, right, left,
/// the four diagonals, then the eight between.
const DIRECTIONS: [Point; 16] = [
    (0.0, 1.0),
    (0.0, -1.0),
    (1.0, 0.0),
    (-1.0, 0.0),
    (1.0, 1.0),
    (-1.0, 1.0),
    (1.0, -1.0),
    (-1.0, -1.0),
    (0.5, 1.0),
    (-0.5, 1.0),
    (0.5, -1.0),
    (-0.5, -1.0),
    (1.0, 0.5),
    (-1.0, 0.5),
    (1.0, -0.5),
    (-1.0, -0.5),
];

struct Placer<'a> {
    scene: &'a Scene,
    /// Shapes, headers and placed labels, each grown by [`CLEAR`].
    blocked: Grid,
    /// The arrows' straight stretches, owned by their arrow's index.
    lines: Grid,
}

impl Placer<'_> {
    fn free(&self, r: &Rect, within: Option<(f64, f64)>) -> bool {
        inside(r, &self.scene.area, within) && !self.blocked.overlaps(r)
    }

    /// What the candidate costs beyond its preference: [`CROSSING`] for each arrow other than
    /// `own` that it covers or nearly touches, and for a label on an arrow [`SHARED`] for each
    /// other arrow running along the stretch it labels (there it could be read as theirs:
    /// branches of one decision leave by one side and part only later).
    fn penalty(&self, c: &Candidate, own: Option<usize>) -> f64 {
        let covered = self.lines.owners_except(&inflate(&c.rect, 2.0), own);
        let shared = match own {
            Some(_) => self.lines.owners_except(&centred(c.anchor, 2.0, 2.0), own),
            None => 0,
        };
        CROSSING * covered as f64 + SHARED * shared as f64
    }

    /// The cheapest free candidate, if any; ties go to the earlier one.
    fn best(
        &self,
        cands: &[Candidate],
        within: Option<(f64, f64)>,
        own: Option<usize>,
    ) -> Option<Candidate> {
        let mut best: Option<(f64, Candidate)> = None;
        for c in cands {
            if best.is_some_and(|(b, _)| c.cost >= b) || !self.free(&c.rect, within) {
                continue;
            }
            let cost = c.cost + self.penalty(c, own);
            if best.is_none_or(|(b, _)| cost < b) {
                best = Some((cost, *c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// The candidate overlapping the fewest boxes; ties go to the earlier one.
    fn least_bad(&self, cands: &[Candidate]) -> Option<Candidate> {
        let mut best: Option<(usize, Candidate)> = None;
        for c in cands {
            let n = self.blocked.count(&c.rect);
            if best.is_none_or(|(b, _)| n < b) {
                best = Some((n, *c));
            }
        }
        best.map(|(_, c)| c)
    }

    fn along(&self, kind: LabelKind, path: &[Point], w: f64, h: f64) -> Vec<Candidate> {
        let lengths: Vec<f64> = path.windows(2).map(|s| length(s[0], s[1])).collect();
        let total: f64 = lengths.iter().sum();
        let end = if total > 2.0 * HEAD_CLEAR {
            total - HEAD_CLEAR
        } else {
            total
        };
        let mut out = Vec::new();
        let mut start = 0.0;
        for (k, seg) in path.windows(2).enumerate() {
            let (a, b, len) = (seg[0], seg[1], lengths[k]);
            if len > 0.0 && len.is_finite() {
                let level = (b.1 - a.1).abs() <= (b.0 - a.0).abs();
                let m = ((len / STEP).ceil() as usize).clamp(1, MAX_SAMPLES);
                for j in 0..=m {
                    let t = len * j as f64 / m as f64;
                    let s = start + t;
                    if s > end {
                        break;
                    }
                    let q = (a.0 + (b.0 - a.0) * (t / len), a.1 + (b.1 - a.1) * (t / len));
                    let pref = match kind {
                        LabelKind::Handover => (s - total / 2.0).abs(),
                        _ => s,
                    };
                    let beside = if level {
                        [(q.0, q.1 - GAP - h / 2.0), (q.0, q.1 + GAP + h / 2.0)]
                    } else {
                        [(q.0 + GAP + w / 2.0, q.1), (q.0 - GAP - w / 2.0, q.1)]
                    };
                    out.push(Candidate {
                        rect: centred(q, w, h),
                        cost: pref,
                        anchor: q,
                    });
                    for c in beside {
                        out.push(Candidate {
                            rect: centred(c, w, h),
                            cost: pref + BESIDE,
                            anchor: q,
                        });
                    }
                }
            }
            start += len;
        }
        out
    }

    fn around(&self, kind: LabelKind, shape: &Rect, w: f64, h: f64) -> Vec<Candidate> {
        let (cx, cy) = (shape.center_x(), shape.center_y());
        // Exactly the clearance away, the closest a label may come to any shape.
        let below = shape.bottom() + CLEAR;
        let above = shape.y - CLEAR - h;
        let spots = [
            (cx - w / 2.0, below),
            (cx - w / 2.0, above),
            (shape.right() + CLEAR, cy - h / 2.0),
            (shape.x - CLEAR - w, cy - h / 2.0),
            (cx + CLEAR, below),
            (cx - CLEAR - w, below),
            (cx + CLEAR, above),
            (cx - CLEAR - w, above),
        ];
        // A decision's branches leave by its right and bottom, so its name goes above.
        let order: [usize; 8] = match kind {
            LabelKind::Branch | LabelKind::Handover => [0, 1, 2, 3, 4, 5, 6, 7],
            LabelKind::Caption => [0, 1, 4, 5, 6, 7, 2, 3],
        };
        order
            .iter()
            .enumerate()
            .map(|(rank, &i)| Candidate {
                rect: Rect {
                    x: spots[i].0,
                    y: spots[i].1,
                    width: w,
                    height: h,
                },
                cost: rank as f64 * 10.0,
                anchor: (cx, cy),
            })
            .collect()
    }

    /// Boxes in rings around `at`, for a label set off with a leader line.
    fn rings(&self, at: Point, w: f64, h: f64) -> Vec<Candidate> {
        let mut out = Vec::with_capacity(RINGS * DIRECTIONS.len());
        for ring in 1..=RINGS {
            let r = RING * ring as f64;
            for (k, d) in DIRECTIONS.iter().enumerate() {
                let c = (at.0 + d.0 * (r + w / 2.0), at.1 + d.1 * (r + h / 2.0));
                out.push(Candidate {
                    rect: centred(c, w, h),
                    cost: ring as f64 * 100.0 + k as f64,
                    anchor: at,
                });
            }
        }
        out
    }

    /// Where a set-off label points: a branch's near its start, a badge's at the middle of
    /// its arrow, a caption's at its shape's centre.
    fn leader_anchor(&self, req: &Request) -> Option<Point> {
        match req.anchor {
            Anchor::Shape(i) => self
                .scene
                .shapes
                .get(i)
                .map(|r| (r.center_x(), r.center_y())),
            Anchor::Arrow(i) => {
                let path = self.scene.arrows.get(i)?;
                let total: f64 = path.windows(2).map(|s| length(s[0], s[1])).sum();
                let want = match req.kind {
                    LabelKind::Handover => total / 2.0,
                    _ => (total / 4.0).min(2.0 * RING),
                };
                point_at(path, want)
            }
        }
    }

    /// The leader line of a set-off label: from its box to the point on its arrow, or to
    /// its shape's edge.
    fn leader(&self, req: &Request, c: &Candidate) -> (Point, Point) {
        let from = nearest_on(&c.rect, c.anchor);
        let to = match req.anchor {
            Anchor::Shape(i) => self.scene.shapes.get(i).map_or(c.anchor, |s| {
                nearest_on(s, (c.rect.center_x(), c.rect.center_y()))
            }),
            Anchor::Arrow(_) => c.anchor,
        };
        (from, to)
    }

    fn candidates(&self, req: &Request, f: &Form) -> Vec<Candidate> {
        match req.anchor {
            Anchor::Arrow(i) => self
                .scene
                .arrows
                .get(i)
                .map(|p| self.along(req.kind, p, f.width, f.height))
                .unwrap_or_default(),
            Anchor::Shape(i) => self
                .scene
                .shapes
                .get(i)
                .map(|r| self.around(req.kind, r, f.width, f.height))
                .unwrap_or_default(),
        }
    }

    fn place(&mut self, req: &Request) -> Label {
        let own = match req.anchor {
            Anchor::Arrow(i) => Some(i),
            Anchor::Shape(_) => None,
        };
        let first_width = match req.kind {
            LabelKind::Caption => CAPTION_TEXT_WIDTH,
            _ => BADGE_TEXT_WIDTH,
        };
        let first_width = req.text_width.map_or(first_width, |w| w.min(first_width));
        let natural = form(req.kind, &req.text, first_width, 3);
        let narrow = form(req.kind, &req.text, NARROW_TEXT_WIDTH.min(first_width), 3);
        let short = form(req.kind, &req.text, SHORT_TEXT_WIDTH, 1);
        let at = self.leader_anchor(req);

        let mut tries: Vec<(&Form, bool)> = vec![(&natural, false)];
        if narrow.lines != natural.lines {
            tries.push((&narrow, false));
        }
        tries.push((&natural, true));
        if short.lines != natural.lines {
            tries.push((&short, false));
            tries.push((&short, true));
        }
        for (f, set_off) in tries {
            let cands = match (set_off, at) {
                (false, _) => self.candidates(req, f),
                (true, Some(at)) => self.rings(at, f.width, f.height),
                (true, None) => Vec::new(),
            };
            if let Some(c) = self.best(&cands, req.within, own) {
                let leader = set_off.then(|| self.leader(req, &c));
                return self.commit(req, f, c.rect, leader, true);
            }
        }
        // No room anywhere near: the least crowded spot on the path or by the shape.
        let cands = self.candidates(req, &natural);
        let rect = match self.least_bad(&cands) {
            Some(c) => c.rect,
            None => {
                let p = at.unwrap_or((self.scene.area.x, self.scene.area.y));
                centred(p, natural.width, natural.height)
            }
        };
        self.commit(req, &natural, rect, None, false)
    }

    fn commit(
        &mut self,
        req: &Request,
        f: &Form,
        rect: Rect,
        leader: Option<(Point, Point)>,
        clear: bool,
    ) -> Label {
        self.blocked.insert(inflate(&rect, CLEAR), usize::MAX);
        Label {
            kind: req.kind,
            text: req.text.clone(),
            lines: f.lines.clone(),
            rect,
            abbreviated: !f.whole,
            leader,
            clear,
        }
    }
}

/// The distance between two points. Written out (no `powi`) so that the UI's copy, which
/// multiplies the same way, gets the same bits.
fn length(a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    (dx * dx + dy * dy).sqrt()
}

/// The point `distance` along `path` (its last point when the path is shorter).
fn point_at(path: &[Point], distance: f64) -> Option<Point> {
    let mut left = distance;
    for s in path.windows(2) {
        let len = length(s[0], s[1]);
        if len > 0.0 && left <= len {
            let t = left / len;
            return Some((
                s[0].0 + (s[1].0 - s[0].0) * t,
                s[0].1 + (s[1].1 - s[0].1) * t,
            ));
        }
        left -= len;
    }
    path.last().copied()
}

/// The point of `r`'s edge or inside nearest to `p`.
fn nearest_on(r: &Rect, p: Point) -> Point {
    (p.0.clamp(r.x, r.right()), p.1.clamp(r.y, r.bottom()))
}

/// Places every request in order (see the module docs), one label per request.
///
/// Deterministic: the same scene and requests always give the same labels.
///
/// # Complexity
/// For each request, the candidates along its arrow (at most [`MAX_SAMPLES`] + 1 per
/// straight stretch, three per point) or around its shape, each checked against the shapes,
/// headers, labels and arrow stretches near it through a bucket grid: about linear in the
/// size of the map when shapes are spread out.
pub fn place(scene: &Scene, requests: &[Request]) -> Vec<Label> {
    let mut blocked = Grid::new();
    for r in scene.shapes.iter().chain(&scene.headers) {
        blocked.insert(inflate(r, CLEAR), usize::MAX);
    }
    let mut lines = Grid::new();
    for (i, path) in scene.arrows.iter().enumerate() {
        for s in path.windows(2) {
            let (x0, x1) = (s[0].0.min(s[1].0), s[0].0.max(s[1].0));
            let (y0, y1) = (s[0].1.min(s[1].1), s[0].1.max(s[1].1));
            let r = Rect {
                x: x0,
                y: y0,
                width: x1 - x0,
                height: y1 - y0,
            };
            lines.insert(r, i);
        }
    }
    let mut placer = Placer {
        scene,
        blocked,
        lines,
    };
    requests.iter().map(|r| placer.place(r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    fn scene(shapes: Vec<Rect>, arrows: Vec<Vec<Point>>) -> Scene {
        Scene {
            shapes,
            headers: vec![rect(-30.0, 0.0, 30.0, 400.0)],
            area: rect(0.0, 0.0, 2000.0, 400.0),
            arrows,
        }
    }

    fn branch(text: &str, arrow: usize) -> Request {
        Request {
            kind: LabelKind::Branch,
            text: text.to_owned(),
            anchor: Anchor::Arrow(arrow),
            within: None,
            text_width: None,
        }
    }

    #[test]
    fn a_branch_label_sits_on_its_arrow_near_the_start_clear_of_the_boxes() {
        let a = rect(0.0, 40.0, 50.0, 50.0);
        let b = rect(300.0, 25.0, 100.0, 80.0);
        let s = scene(vec![a, b], vec![vec![(50.0, 65.0), (300.0, 65.0)]]);
        let labels = place(&s, &[branch("approved", 0)]);
        let l = &labels[0];
        assert!(l.clear && l.leader.is_none() && !l.abbreviated);
        assert_eq!(l.lines, vec!["approved"]);
        assert!(!overlap(&l.rect, &inflate(&a, CLEAR - 0.01)));
        assert!(l.rect.x < 120.0, "{:?}", l.rect);
        assert_eq!(l.rect.center_y(), 65.0);
    }

    #[test]
    fn two_labels_on_one_stretch_do_not_overlap() {
        let a = rect(0.0, 40.0, 50.0, 50.0);
        let path = vec![(50.0, 65.0), (300.0, 65.0)];
        let s = scene(vec![a], vec![path.clone(), path]);
        let labels = place(&s, &[branch("yes", 0), branch("no", 1)]);
        assert!(labels.iter().all(|l| l.clear));
        assert!(!overlap(&labels[0].rect, &labels[1].rect));
    }

    #[test]
    fn a_caption_goes_below_its_shape_unless_an_arrow_leaves_there() {
        let e = rect(100.0, 100.0, 36.0, 36.0);
        let cap = Request {
            kind: LabelKind::Caption,
            text: "Order received".into(),
            anchor: Anchor::Shape(0),
            within: None,
            text_width: None,
        };
        let free = place(&scene(vec![e], vec![]), std::slice::from_ref(&cap));
        assert!(free[0].rect.y >= e.bottom());
        let down = vec![(118.0, 136.0), (118.0, 300.0)];
        let busy = place(&scene(vec![e], vec![down]), &[cap]);
        assert!(busy[0].rect.bottom() <= e.y, "{:?}", busy[0].rect);
    }

    #[test]
    fn with_no_room_on_the_path_a_label_is_set_off_or_shortened() {
        // Two boxes 20 apart: the arrow between them has no room for a label.
        let a = rect(0.0, 100.0, 100.0, 80.0);
        let b = rect(120.0, 100.0, 100.0, 80.0);
        let s = scene(vec![a, b], vec![vec![(100.0, 140.0), (120.0, 140.0)]]);
        let labels = place(&s, &[branch("a long branch condition", 0)]);
        let l = &labels[0];
        assert!(l.clear);
        assert!(l.leader.is_some() || l.abbreviated, "{l:?}");
        for shape in [a, b] {
            assert!(!overlap(&l.rect, &shape));
        }
        assert_eq!(l.text, "a long branch condition");
    }

    #[test]
    fn a_map_with_no_room_at_all_still_gets_every_label() {
        let full = rect(0.0, 0.0, 2000.0, 400.0);
        let s = scene(vec![full], vec![vec![(10.0, 10.0), (500.0, 10.0)]]);
        let labels = place(&s, &[branch("x", 0), branch("y", 7)]);
        assert_eq!(labels.len(), 2);
        assert!(!labels[0].clear);
    }

    #[test]
    fn odd_coordinates_do_not_hang_or_panic() {
        let s = scene(
            vec![
                rect(f64::MAX / 4.0, 0.0, 100.0, 80.0),
                rect(-1e300, 1e300, 1.0, 1.0),
            ],
            vec![
                vec![(0.0, 0.0), (1e300, 0.0), (f64::NAN, 5.0)],
                vec![(1.0, 1.0)],
                vec![],
            ],
        );
        let labels = place(&s, &[branch("a", 0), branch("b", 1), branch("c", 2)]);
        assert_eq!(labels.len(), 3);
    }
}
