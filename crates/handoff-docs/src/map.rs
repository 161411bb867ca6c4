//! The swimlane map drawn as vectors on landscape pages.
//!
//! Geometry comes from [`handoff_core::layout`], the same the canvas and the BPMN export
//! use, and so does every arrow's path ([`handoff_core::layout::route`]) and every label's
//! box ([`handoff_core::layout::drawing`]): branch conditions, handoff badges naming what is
//! handed over, and the names of events and gateways are printed where the core placed
//! them, at the map's scale, in the face the core's text model measures (DejaVu Sans).
//! A badge shortened for lack of room is listed in full under its sheet. The map is
//! scaled so that all lanes fit a page's height at a readable size; when that would make
//! it too small, lanes are split into groups, one row of pages per group. Along the lanes
//! the map is cut into as many pages as needed, and cuts fall in the gaps between shapes
//! so no step is split. Each node's text is printed on exactly one page.

use handoff_core::layout::drawing::drawing;
use handoff_core::layout::drawing::Drawing;
use handoff_core::layout::labels::{
    Label, LabelKind, CAPTION_PAD, FONT_SIZE, ICON_WIDTH, LINE_HEIGHT, PAD_X, PAD_Y,
};
use handoff_core::layout::{Band, Rect};
use handoff_core::procedure::Procedure;
use handoff_core::{Document, Node, NodeTag};

use crate::directions::Names;
use crate::typeset::{Page, Rgb3, Style, Typesetter, ACCENT, LIGHT, RULE};

/// The largest and smallest scale (points per canvas unit). At the smallest, a step box is
/// 50 × 40 pt and its 7 pt text still reads comfortably on paper; labels, set at the
/// core's 11 canvas units, print at 5.5 to 8.25 pt.
const MAX_SCALE: f32 = 0.75;
const MIN_SCALE: f32 = 0.5;
/// A label's first baseline below the top of its line, in canvas units: DejaVu Sans's
/// ascender at [`FONT_SIZE`], centred in [`LINE_HEIGHT`].
const BASELINE: f64 = 10.8;
/// Width of the lane-name column on the page.
const HEAD_W: f32 = 84.0;
/// Top of the drawing area on a map page, below the heading and caption.
const AREA_TOP: f32 = 104.0;
const TEXT: Style = Style {
    size: 7.0,
    weight: crate::fonts::Weight::Regular,
    color: crate::typeset::BLACK,
};
const FLOW_TEXT: Rgb3 = Rgb3(0.15, 0.35, 0.55);
const CAPTION_TEXT: Rgb3 = Rgb3(0.2, 0.23, 0.28);
const GATE_TEXT: Rgb3 = Rgb3(0.35, 0.28, 0.1);
const HANDOVER_TEXT: Rgb3 = Rgb3(0.5, 0.29, 0.03);
const HANDOVER_SOFT: Rgb3 = Rgb3(1.0, 0.95, 0.87);
const PILL_LINE: Rgb3 = Rgb3(0.68, 0.72, 0.78);
const LEGEND: Style = Style {
    size: 7.0,
    weight: crate::fonts::Weight::Regular,
    color: Rgb3(0.4, 0.24, 0.04),
};
const HANDOVER: Rgb3 = Rgb3(0.72, 0.42, 0.08);
const STEP_FILL: Rgb3 = Rgb3(0.92, 0.95, 1.0);
const GATE_FILL: Rgb3 = Rgb3(1.0, 0.96, 0.86);
const START_FILL: Rgb3 = Rgb3(0.88, 0.97, 0.88);
const END_FILL: Rgb3 = Rgb3(0.98, 0.9, 0.9);
const LINE: Rgb3 = Rgb3(0.3, 0.33, 0.38);

/// Draws the map section: a heading, then as many landscape pages as the map needs.
pub(crate) fn draw(t: &mut Typesetter, doc: &Document, procedure: &Procedure) {
    let p = &doc.process;
    let names = Names { doc };
    t.new_page(true);
    t.heading(1, "Process map", 0.0);
    if p.nodes.is_empty() {
        t.paragraph("Nothing is drawn yet.", Style::BODY);
        return;
    }
    let d = drawing(p);
    let lay = &d.layout;
    // Boxes in canvas units, with `y` measured from the top of the first lane.
    let boxes: &[Rect] = &d.nodes;

    let page_h = t.pages.last().map_or(595.0, |pg| pg.height);
    // Room under the map for the list of what is handed over.
    let area_h = page_h - 56.0 - AREA_TOP - 30.0;
    let area_w = t.width() - HEAD_W;
    let total_h = lay.height() as f32;
    let scale = (area_h / total_h.max(1.0)).clamp(MIN_SCALE, MAX_SCALE);

    // Lanes in groups that fit a page's height at this scale.
    let mut groups: Vec<Vec<&Band>> = Vec::new();
    let mut used = 0.0;
    for band in &lay.bands {
        let h = band.height as f32 * scale;
        match groups.last_mut() {
            Some(g) if used + h <= area_h + 0.5 => {
                g.push(band);
                used += h;
            }
            _ => {
                groups.push(vec![band]);
                used = h;
            }
        }
    }

    let routes: Vec<Route> = d
        .routes
        .iter()
        .enumerate()
        .filter_map(|(fi, r)| {
            let path = r.as_ref()?.points.clone();
            let mut bbox = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in &path {
                bbox = (bbox.0.min(x), bbox.1.min(y), bbox.2.max(x), bbox.3.max(y));
            }
            let to = p.nodes.iter().position(|n| n.id == p.flows[fi].to)?;
            Some(Route {
                flow: fi,
                to,
                path,
                bbox,
            })
        })
        .collect();
    let labels: Vec<&Label> = d.labels().collect();
    let span = f64::from(area_w / scale);

    // Every window of every lane group that shows something; a window with neither a shape
    // nor a line in it would be a blank sheet.
    let mut tiles = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        // Each lane group is cut on its own: its gaps need not line up with other lanes'.
        let (gy0, gy1) = (group[0].top, group.last().map_or(0.0, |b| b.top + b.height));
        let members: Vec<Rect> = boxes
            .iter()
            .chain(labels.iter().map(|l| &l.rect))
            .filter(|b| b.center_y() >= gy0 && b.center_y() < gy1)
            .copied()
            .collect();
        let cuts = cut_points(&members, span, d.width());
        // A lane taller than a sheet (nodes placed far down) continues on further sheets.
        let rows = ((gy1 - gy0) as f32 * scale / area_h).ceil().max(1.0) as usize;
        let step = (gy1 - gy0) / rows as f64;
        for (row, &(x0, x1)) in (0..rows).flat_map(|r| cuts.iter().map(move |c| (r, c))) {
            let tile = Tile {
                x0,
                x1,
                y0: gy0 + row as f64 * step,
                y1: if row + 1 == rows {
                    gy1
                } else {
                    gy0 + (row + 1) as f64 * step
                },
                scale,
                left: t.left() + HEAD_W,
                top: 0.0,
            };
            let shows_node = boxes
                .iter()
                .chain(labels.iter().map(|l| &l.rect))
                .any(|b| tile.touches(b.x, b.y, b.right(), b.bottom()));
            let shows_line = routes.iter().any(|r| {
                let (x0, y0, x1, y1) = r.bbox;
                tile.touches(x0, y0, x1, y1)
            });
            if shows_node || shows_line {
                tiles.push((g, tile));
            }
        }
    }
    let n = tiles.len();
    for (k, (g, mut tile)) in tiles.into_iter().enumerate() {
        if k > 0 {
            t.new_page(true);
        }
        let group = &groups[g];
        let mut caption = String::new();
        if n > 1 {
            caption.push_str(&format!("Sheet {} of {n}", k + 1));
            if groups.len() > 1 {
                caption.push_str(&format!(", lane group {} of {}", g + 1, groups.len()));
            }
            caption.push_str(". ");
        }
        caption.push_str(
            "Numbers are the step numbers of the procedure; orange badges name what is handed over between seats.",
        );
        t.paragraph(&caption, Style::SMALL);
        tile.top = t.y + 4.0;
        draw_tile(t, &names, procedure, &d, &routes, group, &tile);
    }
}

/// The windows along the lanes, one per sheet, each at most `span` wide: cuts fall in gaps
/// between shapes and labels when one exists, and empty canvas wider than a sheet is skipped.
fn cut_points(boxes: &[Rect], span: f64, width: f64) -> Vec<(f64, f64)> {
    // What each shape or label occupies along the lanes, with a little room either side.
    let mut occupied: Vec<(f64, f64)> =
        boxes.iter().map(|b| (b.x - 6.0, b.right() + 6.0)).collect();
    occupied.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for &(a, b) in &occupied {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let Some(first) = merged.first() else {
        return vec![(0.0, width)];
    };
    let end = width.max(merged.last().map_or(0.0, |m| m.1));
    let mut windows = Vec::new();
    let mut at = first.0.min(0.0);
    while at + span < end {
        let limit = at + span;
        // The last gap that starts after `at` and ends before the limit.
        let mut cut = None;
        for pair in merged.windows(2) {
            let gap = ((pair[0].1 + pair[1].0) / 2.0).min(pair[1].0);
            if gap > at + span * 0.2 && gap <= limit {
                cut = Some(gap);
            }
        }
        // No clean gap (shapes overlap all the way): cut where a shape starts, cutting
        // through as few others as possible, rather than through the middle of one.
        let cut = cut
            .or_else(|| {
                occupied
                    .iter()
                    .map(|o| o.0)
                    .filter(|&x| x > at + span * 0.2 && x <= limit)
                    .min_by_key(|&x| {
                        let inside = occupied.iter().filter(|o| o.0 < x && x < o.1).count();
                        (inside, std::cmp::Reverse((x * 16.0) as i64))
                    })
            })
            .unwrap_or(limit);
        windows.push((at, cut));
        // Skip stretches of empty canvas wider than a sheet: they would print blank.
        at = match merged.iter().find(|m| m.1 > cut) {
            Some(next) if next.0 > cut + span => next.0 - 20.0,
            _ => cut,
        };
    }
    windows.push((at, end));
    windows
}

/// A flow's path on the canvas, computed once for all pages.
#[derive(Debug, Clone)]
struct Route {
    flow: usize,
    to: usize,
    path: Vec<(f64, f64)>,
    /// Bounding box: min x, min y, max x, max y.
    bbox: (f64, f64, f64, f64),
}

/// One page's window onto the map: canvas units in, page points out.
#[derive(Debug, Clone, Copy)]
struct Tile {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    scale: f32,
    /// Page position of canvas point (x0, y0).
    left: f32,
    top: f32,
}

impl Tile {
    fn px(&self, x: f64) -> f32 {
        self.left + (x - self.x0) as f32 * self.scale
    }
    fn py(&self, y: f64) -> f32 {
        self.top + (y - self.y0) as f32 * self.scale
    }
    /// A length along the map in page points.
    fn pt(&self, length: f64) -> f32 {
        length as f32 * self.scale
    }
    fn owns(&self, b: &Rect) -> bool {
        let (cx, cy) = (b.center_x(), b.center_y());
        cx >= self.x0 && cx < self.x1 && cy >= self.y0 && cy < self.y1
    }
    fn touches(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
        x1 >= self.x0 && x0 <= self.x1 && y1 >= self.y0 && y0 <= self.y1
    }
}

fn draw_tile(
    t: &mut Typesetter,
    names: &Names<'_>,
    procedure: &Procedure,
    d: &Drawing,
    routes: &[Route],
    group: &[&Band],
    tile: &Tile,
) {
    let p = &names.doc.process;
    let boxes = &d.nodes;
    let width = tile.pt(tile.x1 - tile.x0);
    let left = tile.left - HEAD_W;

    // Lane bands with the seat's name in the left column.
    for (k, band) in group.iter().enumerate() {
        // Only the part of the band inside this sheet's window.
        let (b0, b1) = (band.top.max(tile.y0), (band.top + band.height).min(tile.y1));
        if b1 <= b0 {
            continue;
        }
        let top = tile.py(b0);
        let h = tile.pt(b1 - b0);
        let fill = if k % 2 == 0 {
            Rgb3(0.985, 0.987, 0.99)
        } else {
            Rgb3(0.965, 0.97, 0.98)
        };
        t.page().fill_rect(tile.left, top, width, h, fill);
        t.page().fill_rect(left, top, HEAD_W, h, LIGHT);
        t.page()
            .stroke_rect(left, top, HEAD_W + width, h, RULE, 0.6);
        let name = match &band.lane {
            Some(lane) => p
                .lane(lane)
                .map_or_else(|| lane.to_string(), |l| names.seat(&l.seat)),
            None => "Not in a lane".to_owned(),
        };
        let kind = band
            .lane
            .as_ref()
            .and_then(|l| p.lane(l))
            .and_then(|l| names.doc.seat(&l.seat))
            .map(|s| s.kind.label());
        let style = Style::BOLD.with_size(7.5);
        let mut lines = t.wrap(&name, style, HEAD_W - 8.0);
        let max = ((h - 14.0) / style.leading()).floor().max(1.0) as usize;
        lines.truncate(max);
        for (i, line) in lines.iter().enumerate() {
            t.page().text(
                left + 4.0,
                top + 4.0 + style.size + i as f32 * style.leading(),
                line,
                style,
            );
        }
        if let Some(kind) = kind {
            let y = top + 4.0 + style.size + lines.len() as f32 * style.leading();
            if y + 6.0 < top + h {
                t.page()
                    .text(left + 4.0, y, kind, Style::SMALL.with_size(6.5));
            }
        }
    }

    t.page()
        .clip_rect(tile.left, tile.top, width, tile.pt(tile.y1 - tile.y0));
    // Flows first, so shapes sit on top of line ends.
    for r in routes {
        let (x0, y0, x1, y1) = r.bbox;
        if !tile.touches(x0, y0, x1, y1) {
            continue;
        }
        let pts: Vec<(f32, f32)> = r
            .path
            .iter()
            .map(|&(x, y)| (tile.px(x), tile.py(y)))
            .collect();
        t.page().polyline(&pts, LINE, 0.7);
        arrow_head(t.page(), pts[pts.len() - 2], pts[pts.len() - 1]);
    }
    for (node, b) in p.nodes.iter().zip(boxes) {
        if tile.touches(b.x, b.y, b.right(), b.bottom()) {
            draw_node(t, procedure, node, b, tile);
        }
    }
    // Labels last, where the core placed them; each on the sheet that holds its centre.
    let mut legend = Vec::new();
    for (k, flow) in p.flows.iter().enumerate() {
        for label in [&d.branches[k], &d.handovers[k]].into_iter().flatten() {
            if !tile.owns(&label.rect) {
                continue;
            }
            draw_label(t, label, tile, FLOW_TEXT);
            if label.kind == LabelKind::Handover && label.abbreviated {
                let to = routes
                    .iter()
                    .find(|r| r.flow == k)
                    .and_then(|r| names.lane_seat(p.nodes[r.to].lane.as_ref()))
                    .map_or_else(|| "no one".to_owned(), |s| names.seat(s));
                legend.push(format!("{} → {to}", flow.handover.trim()));
            }
        }
    }
    for (node, label) in p.nodes.iter().zip(&d.captions) {
        if let Some(label) = label.as_ref().filter(|l| tile.owns(&l.rect)) {
            let color = if node.tag() == NodeTag::Decision {
                GATE_TEXT
            } else {
                CAPTION_TEXT
            };
            draw_label(t, label, tile, color);
        }
    }
    t.page().unclip();
    t.y = tile.py(tile.y1) + 6.0;
    if !legend.is_empty() {
        t.paragraph(
            &format!(
                "Handed over (badges shortened above): {}",
                legend.join(" · ")
            ),
            LEGEND,
        );
    }
}

/// One placed label: a badge's rounded box (white for a branch condition, orange for what
/// is handed over, with its icon) or a caption's bare text, and its leader line if it has
/// one. Text is set at [`FONT_SIZE`] canvas units, so it fills the box the core measured.
fn draw_label(t: &mut Typesetter, label: &Label, tile: &Tile, color: Rgb3) {
    let r = label.rect;
    let (x, y, w, h) = (
        tile.px(r.x),
        tile.py(r.y),
        tile.pt(r.width),
        tile.pt(r.height),
    );
    if let Some((from, to)) = label.leader {
        let line = [
            (tile.px(from.0), tile.py(from.1)),
            (tile.px(to.0), tile.py(to.1)),
        ];
        t.page().polyline(&line, PILL_LINE, 0.5);
    }
    let style = Style {
        size: tile.pt(FONT_SIZE),
        weight: crate::fonts::Weight::Regular,
        color,
    };
    let (pad_x, pad_y) = match label.kind {
        LabelKind::Caption => (CAPTION_PAD, CAPTION_PAD),
        LabelKind::Branch => (PAD_X, PAD_Y),
        LabelKind::Handover => (PAD_X + ICON_WIDTH, PAD_Y),
    };
    let radius = tile.pt(LINE_HEIGHT / 2.0).min(h / 2.0);
    match label.kind {
        LabelKind::Caption => {}
        LabelKind::Branch => {
            let outline = rounded_rect(x, y, w, h, radius);
            t.page()
                .shape(&outline, Some(Rgb3(1.0, 1.0, 1.0)), PILL_LINE);
        }
        LabelKind::Handover => {
            let outline = rounded_rect(x, y, w, h, radius);
            t.page().shape(&outline, Some(HANDOVER_SOFT), HANDOVER);
            // Two arrows, one each way: something changes hands.
            let (ix, iy) = (x + tile.pt(PAD_X), y + h / 2.0);
            let u = tile.pt(ICON_WIDTH - 4.0);
            let e = u * 0.22;
            for (dy, (a, b)) in [(-e, (ix, ix + u)), (e, (ix + u, ix))] {
                let tip = if a < b { b - e } else { b + e };
                t.page()
                    .polyline(&[(a, iy + dy), (b, iy + dy)], HANDOVER, 0.6);
                t.page().polyline(
                    &[(tip, iy + dy - e), (b, iy + dy), (tip, iy + dy + e)],
                    HANDOVER,
                    0.6,
                );
            }
        }
    }
    let style = style.with_color(if label.kind == LabelKind::Handover {
        HANDOVER_TEXT
    } else {
        color
    });
    for (i, line) in label.lines.iter().enumerate() {
        let line = t.clean(line);
        let top = r.y + pad_y + i as f64 * LINE_HEIGHT + BASELINE;
        let lx = if label.kind == LabelKind::Caption {
            // Centred, as the canvas sets captions.
            x + (w - t.measure(&line, style)) / 2.0
        } else {
            x + tile.pt(pad_x)
        };
        t.page().text(lx, tile.py(top), &line, style);
    }
}

fn arrow_head(page: &mut Page, from: (f32, f32), to: (f32, f32)) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (ux, uy) = (dx / len, dy / len);
    let (l, w) = (5.0, 2.4);
    let base = (to.0 - ux * l, to.1 - uy * l);
    page.fill_polygon(
        &[
            to,
            (base.0 - uy * w, base.1 + ux * w),
            (base.0 + uy * w, base.1 - ux * w),
        ],
        LINE,
    );
}

fn draw_node(t: &mut Typesetter, procedure: &Procedure, node: &Node, b: &Rect, tile: &Tile) {
    let (x, y) = (tile.px(b.x), tile.py(b.y));
    let (w, h) = (tile.pt(b.width), tile.pt(b.height));
    let owns = tile.owns(b);
    let number = procedure.number(&node.id);
    match node.tag() {
        NodeTag::Step => {
            t.page()
                .shape(&rounded_rect(x, y, w, h, 4.0), Some(STEP_FILL), ACCENT);
            if owns {
                let label = match number {
                    Some(n) => format!("{n}. {}", node.display_name()),
                    None => node.display_name(),
                };
                let lines = boxed_lines(t, &label, TEXT, w - 6.0, h - 4.0);
                let block = lines.len() as f32 * TEXT.leading();
                let top = y + (h - block) / 2.0;
                for (i, line) in lines.iter().enumerate() {
                    let lw = t.measure(line, TEXT);
                    t.page().text(
                        x + (w - lw) / 2.0,
                        top + TEXT.size + i as f32 * TEXT.leading(),
                        line,
                        TEXT,
                    );
                }
            }
        }
        NodeTag::Decision | NodeTag::ParallelSplit | NodeTag::ParallelJoin => {
            let (cx, cy) = (x + w / 2.0, y + h / 2.0);
            let d = [
                ((cx, y), false),
                ((x + w, cy), false),
                ((cx, y + h), false),
                ((x, cy), false),
            ];
            t.page().shape(&d, Some(GATE_FILL), Rgb3(0.7, 0.5, 0.1));
            if owns {
                let mark = match (node.tag(), number) {
                    (NodeTag::Decision, Some(n)) => n.to_string(),
                    (NodeTag::Decision, None) => "?".to_owned(),
                    _ => "+".to_owned(),
                };
                let style = Style::BOLD.with_size(7.5);
                let mw = t.measure(&mark, style);
                t.page()
                    .text(cx - mw / 2.0, cy + style.size * 0.36, &mark, style);
            }
        }
        NodeTag::Start | NodeTag::Outcome => {
            let (cx, cy, r) = (x + w / 2.0, y + h / 2.0, w / 2.0);
            let (fill, stroke) = if node.tag() == NodeTag::Start {
                (START_FILL, Rgb3(0.2, 0.55, 0.25))
            } else {
                (END_FILL, Rgb3(0.65, 0.2, 0.2))
            };
            t.page().shape(&circle(cx, cy, r), Some(fill), stroke);
            if node.tag() == NodeTag::Outcome {
                t.page().shape(&circle(cx, cy, r - 1.6), None, stroke);
            }
        }
    }
}

/// Wraps `text` into lines that fit a `w` × `h` box, ending with an ellipsis if cut.
fn boxed_lines(t: &mut Typesetter, text: &str, style: Style, w: f32, h: f32) -> Vec<String> {
    let mut lines = t.wrap(text, style, w);
    let max = (h / style.leading()).floor().max(1.0) as usize;
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let shortened = t.fit(&format!("{last}…"), style, w);
            *last = if shortened.ends_with('…') {
                shortened
            } else {
                format!("{last}…")
            };
        }
    }
    lines
}

const K: f32 = 0.552_284_8;

fn circle(cx: f32, cy: f32, r: f32) -> Vec<((f32, f32), bool)> {
    let k = K * r;
    vec![
        ((cx + r, cy), false),
        ((cx + r, cy + k), true),
        ((cx + k, cy + r), true),
        ((cx, cy + r), false),
        ((cx - k, cy + r), true),
        ((cx - r, cy + k), true),
        ((cx - r, cy), false),
        ((cx - r, cy - k), true),
        ((cx - k, cy - r), true),
        ((cx, cy - r), false),
        ((cx + k, cy - r), true),
        ((cx + r, cy - k), true),
        ((cx + r, cy), false),
    ]
}

fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Vec<((f32, f32), bool)> {
    let k = K * r;
    vec![
        ((x + r, y), false),
        ((x + w - r, y), false),
        ((x + w - r + k, y), true),
        ((x + w, y + r - k), true),
        ((x + w, y + r), false),
        ((x + w, y + h - r), false),
        ((x + w, y + h - r + k), true),
        ((x + w - r + k, y + h), true),
        ((x + w - r, y + h), false),
        ((x + r, y + h), false),
        ((x + r - k, y + h), true),
        ((x, y + h - r + k), true),
        ((x, y + h - r), false),
        ((x, y + r), false),
        ((x, y + r - k), true),
        ((x + r - k, y), true),
        ((x + r, y), false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use handoff_core::build::Builder;
    use handoff_core::{NodeKind, Position, SeatKind};

    /// The sheet windows for steps at `xs`, in the f32 the page works in.
    fn windows_for(xs: &[f64]) -> Vec<(f32, f32)> {
        let mut b = Builder::new("w").lane("l", "L", SeatKind::Person);
        for (i, _) in xs.iter().enumerate() {
            b = b.step(&format!("s{i}"), "l");
        }
        let doc = b
            .with(|d| {
                for (n, &x) in d.process.nodes.iter_mut().zip(xs) {
                    n.position = Position { x, y: 40.0 };
                }
            })
            .build();
        let boxes: Vec<Rect> = doc
            .process
            .nodes
            .iter()
            .map(|n| Rect {
                x: n.position.x,
                y: n.position.y,
                width: 100.0,
                height: 80.0,
            })
            .collect();
        let width = handoff_core::layout::layout(&doc.process).content_width;
        cut_points(&boxes, 1000.0, width)
            .into_iter()
            .map(|(a, b)| (a as f32, b as f32))
            .collect()
    }

    #[test]
    fn every_shape_lies_whole_in_one_window() {
        let xs: Vec<f64> = (0..40).map(|i| f64::from(i) * 170.0).collect();
        let windows = windows_for(&xs);
        assert!(windows.len() >= 6, "{windows:?}");
        for &x in &xs {
            let (l, r) = (x as f32, x as f32 + 100.0);
            assert!(
                windows.iter().any(|&(a, b)| a <= l && r <= b),
                "step at {x} is cut: {windows:?}"
            );
        }
    }

    #[test]
    fn far_apart_and_negative_positions_give_few_sheets() {
        let windows = windows_for(&[-500.0, 0.0, 1.0e9]);
        assert!(windows.len() <= 4, "{windows:?}");
        assert!(windows[0].0 <= -500.0);
        assert!(windows.last().is_some_and(|w| w.1 >= 1.0e9 + 100.0));
    }

    #[test]
    fn odd_maps_render_without_panicking() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let opts = crate::SopOptions::new(date);
        let empty = Builder::bare("").build();
        let unplaced = Builder::bare("x")
            .node("a", NodeKind::step(), None)
            .node("d", NodeKind::Decision, Some("ghost"))
            .arrow("a", "d")
            .arrow("d", "missing")
            .build();
        for doc in [empty, unplaced] {
            let out = crate::sop(&doc, &opts);
            assert!(out.pdf.starts_with(b"%PDF-"));
        }
    }
}
