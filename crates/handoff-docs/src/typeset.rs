//! The small layout layer printpdf lacks: word wrap, page breaks, tables whose header
//! repeats on every page, running headers and footers with page numbers, bookmarks, and a
//! deterministic save.
//!
//! Everything is measured in PDF points with `y` growing downwards from the top of the
//! page, the way a document is read; conversion to PDF's bottom-up coordinates happens
//! only when an operation is emitted.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, Destination, FontId, Line, LinePoint, LinkAnnotation, Mm, Op,
    PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon,
    PolygonRing, Pt, Rect, Rgb, TextItem, WindingOrder,
};

use crate::fonts::{Face, Fonts, Weight};

/// A4 in points.
pub const A4_WIDTH: f32 = 595.28;
pub const A4_HEIGHT: f32 = 841.89;
/// Margin left and right of the text column.
pub const MARGIN_X: f32 = 50.0;
const TOP: f32 = 62.0;
const BOTTOM: f32 = 56.0;

/// An RGB colour with components in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb3(pub f32, pub f32, pub f32);

pub const BLACK: Rgb3 = Rgb3(0.1, 0.1, 0.12);
pub const GREY: Rgb3 = Rgb3(0.42, 0.44, 0.48);
pub const LIGHT: Rgb3 = Rgb3(0.93, 0.94, 0.96);
pub const RULE: Rgb3 = Rgb3(0.78, 0.8, 0.84);
pub const ACCENT: Rgb3 = Rgb3(0.09, 0.33, 0.62);
pub const WARN: Rgb3 = Rgb3(0.7, 0.35, 0.0);

impl Rgb3 {
    pub(crate) fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: self.0,
            g: self.1,
            b: self.2,
            icc_profile: None,
        })
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    pub color: Rgb3,
}

impl Style {
    pub const BODY: Style = Style {
        size: 9.5,
        weight: Weight::Regular,
        color: BLACK,
    };
    pub const BOLD: Style = Style {
        weight: Weight::Bold,
        ..Style::BODY
    };
    pub const SMALL: Style = Style {
        size: 8.0,
        weight: Weight::Regular,
        color: GREY,
    };
    pub const H1: Style = Style {
        size: 14.0,
        weight: Weight::Bold,
        color: ACCENT,
    };
    pub const H2: Style = Style {
        size: 11.0,
        weight: Weight::Bold,
        color: BLACK,
    };
    pub const TITLE: Style = Style {
        size: 20.0,
        weight: Weight::Bold,
        color: BLACK,
    };

    /// Distance between baselines.
    pub fn leading(self) -> f32 {
        self.size * 1.3
    }

    pub fn with_color(self, color: Rgb3) -> Style {
        Style { color, ..self }
    }

    pub fn with_size(self, size: f32) -> Style {
        Style { size, ..self }
    }
}

/// A page being filled: its size and drawing operations.
#[derive(Debug)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub ops: Vec<Op>,
}

impl Page {
    fn font_id(weight: Weight) -> FontId {
        FontId(
            match weight {
                Weight::Regular => "F1",
                Weight::Bold => "F2",
            }
            .to_owned(),
        )
    }

    /// Draws one line of already-cleaned text with its baseline at `baseline` (from the top).
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        let y = self.height - baseline;
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(Page::font_id(style.weight)),
                size: Pt(style.size),
            },
            Op::SetFillColor {
                col: style.color.color(),
            },
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Fills a rectangle whose top-left corner is at (`x`, `top`).
    pub fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, color: Rgb3) {
        self.ops.push(Op::SetFillColor { col: color.color() });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - top - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    /// Outlines a rectangle whose top-left corner is at (`x`, `top`).
    pub fn stroke_rect(&mut self, x: f32, top: f32, w: f32, h: f32, color: Rgb3, width: f32) {
        self.stroke_style(color, width);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - top - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }

    /// Restricts drawing to a rectangle until [`Page::unclip`].
    pub fn clip_rect(&mut self, x: f32, top: f32, w: f32, h: f32) {
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - top - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Clip),
                winding_order: None,
            },
        });
    }

    pub fn unclip(&mut self) {
        self.ops.push(Op::RestoreGraphicsState);
    }

    fn stroke_style(&mut self, color: Rgb3, width: f32) {
        self.ops.push(Op::SetOutlineColor { col: color.color() });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    }

    fn point(&self, (x, y): (f32, f32), bezier: bool) -> LinePoint {
        LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(self.height - y),
            },
            bezier,
        }
    }

    /// A line through `points` (top-down coordinates).
    pub fn polyline(&mut self, points: &[(f32, f32)], color: Rgb3, width: f32) {
        self.stroke_style(color, width);
        let points = points.iter().map(|&p| self.point(p, false)).collect();
        self.ops.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        });
    }

    /// A closed shape through `points`, given as (point, is-bezier-handle) pairs, filled
    /// with `fill` and outlined with `stroke`.
    pub fn shape(&mut self, points: &[((f32, f32), bool)], fill: Option<Rgb3>, stroke: Rgb3) {
        let mode = if let Some(fill) = fill {
            self.ops.push(Op::SetFillColor { col: fill.color() });
            PaintMode::FillStroke
        } else {
            PaintMode::Stroke
        };
        self.stroke_style(stroke, 0.8);
        let points = points.iter().map(|&(p, b)| self.point(p, b)).collect();
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// A filled polygon with no outline (arrow heads).
    pub fn fill_polygon(&mut self, points: &[(f32, f32)], color: Rgb3) {
        self.ops.push(Op::SetFillColor { col: color.color() });
        let points = points.iter().map(|&p| self.point(p, false)).collect();
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }
}

/// One column of a [`Table`].
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Share of the table's width.
    pub weight: f32,
}

impl Column {
    pub fn new(title: &str, weight: f32) -> Column {
        Column {
            title: title.to_owned(),
            weight,
        }
    }
}

/// A table cell: text, optionally bold or tinted.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub style: Style,
    pub fill: Option<Rgb3>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell {
            text,
            style: Style::BODY.with_size(8.5),
            fill: None,
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_owned())
    }
}

/// What the running header and footer of every page say.
#[derive(Debug, Clone, Default)]
pub struct Running {
    /// Top left: the document's title.
    pub header_left: String,
    /// Top right, e.g. "Revision 3 · effective 2026-03-01".
    pub header_right: String,
    /// Bottom left, e.g. "Owner: Operations lead"; bottom right is "Page n of N".
    pub footer_left: String,
}

/// One entry of the PDF outline (the bookmarks panel).
#[derive(Debug, Clone)]
struct Bookmark {
    title: String,
    /// 0-based page index.
    page: usize,
    /// Distance of the target from the top of the page.
    top: f32,
}

/// Lays text out onto pages.
#[derive(Debug)]
pub struct Typesetter {
    pub fonts: &'static Fonts,
    pub pages: Vec<Page>,
    /// The cursor: top of the next line, measured from the top of the current page.
    pub y: f32,
    missing: BTreeSet<char>,
    bookmarks: Vec<Bookmark>,
    /// Named places links can jump to: page index and distance from the page top.
    anchors: HashMap<String, (usize, f32)>,
    /// Clickable areas: page index, x, top, width, height and the anchor they jump to.
    links: Vec<(usize, f32, f32, f32, f32, String)>,
    /// Prefix of the anchors "step N" refers to, so that several procedures can share a
    /// document (the seat handout) without their step numbers colliding.
    pub link_scope: String,
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    /// An empty document with one portrait A4 page.
    pub fn new() -> Typesetter {
        let mut t = Typesetter {
            fonts: Fonts::get(),
            pages: Vec::new(),
            y: TOP,
            missing: BTreeSet::new(),
            bookmarks: Vec::new(),
            anchors: HashMap::new(),
            links: Vec::new(),
            link_scope: String::new(),
        };
        t.new_page(false);
        t
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages
            .last_mut()
            .expect("a typesetter always has a page")
    }

    fn page_ref(&self) -> &Page {
        self.pages.last().expect("a typesetter always has a page")
    }

    /// Starts a new A4 page, landscape or portrait, and puts the cursor at its top.
    pub fn new_page(&mut self, landscape: bool) {
        let (width, height) = if landscape {
            (A4_HEIGHT, A4_WIDTH)
        } else {
            (A4_WIDTH, A4_HEIGHT)
        };
        self.pages.push(Page {
            width,
            height,
            ops: Vec::new(),
        });
        self.y = TOP;
    }

    /// Starts a portrait page unless the current one is still empty and portrait.
    pub fn break_page(&mut self) {
        let p = self.page_ref();
        if p.ops.is_empty() && p.width < p.height {
            self.y = TOP;
            return;
        }
        self.new_page(false);
    }

    pub fn left(&self) -> f32 {
        MARGIN_X
    }

    pub fn width(&self) -> f32 {
        self.page_ref().width - 2.0 * MARGIN_X
    }

    pub fn bottom(&self) -> f32 {
        self.page_ref().height - BOTTOM
    }

    /// Moves to a new page unless `height` points still fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > TOP + 0.5 {
            let landscape = self.page_ref().width > self.page_ref().height;
            self.new_page(landscape);
        }
    }

    pub fn space(&mut self, h: f32) {
        self.y += h;
    }

    /// `text` with the characters the font lacks replaced (and remembered for warnings).
    pub fn clean(&mut self, text: &str) -> String {
        self.fonts.clean(text, &mut self.missing)
    }

    pub fn face(&self, style: Style) -> &'static Face {
        self.fonts.face(style.weight)
    }

    /// Width of cleaned text.
    pub fn measure(&self, text: &str, style: Style) -> f32 {
        self.face(style).width(text, style.size)
    }

    /// Breaks `text` into lines no wider than `width`, at spaces where possible and inside
    /// words longer than a line. Returns at least one (possibly empty) line.
    ///
    /// # Complexity
    /// Linear in the length of the text.
    pub fn wrap(&mut self, text: &str, style: Style, width: f32) -> Vec<String> {
        let text = self.clean(text);
        let face = self.face(style);
        let space = face.width(" ", style.size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let w = face.width(word, style.size);
            let extra = if line.is_empty() { w } else { space + w };
            if line_w + extra <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += extra;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if w <= width {
                line.push_str(word);
                line_w = w;
                continue;
            }
            // A word longer than the line: cut it where it overflows.
            for c in word.chars() {
                let cw = face.width(c.encode_utf8(&mut [0; 4]), style.size);
                if line_w + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Shortens cleaned `text` with an ellipsis so it fits `width`.
    pub fn fit(&self, text: &str, style: Style, width: f32) -> String {
        fit_with(self.fonts, text, style, width)
    }

    /// Writes wrapped lines at the cursor, starting `indent` points in, breaking pages as
    /// needed.
    pub fn lines_at(&mut self, indent: f32, lines: &[String], style: Style) {
        let x = self.left() + indent;
        for line in lines {
            self.ensure(style.leading());
            let baseline = self.y + style.size;
            self.page().text(x, baseline, line, style);
            self.y += style.leading();
        }
    }

    /// A wrapped paragraph followed by a little space.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        self.paragraph_indented(0.0, text, style);
        self.y += style.size * 0.45;
    }

    /// A wrapped paragraph starting `indent` points in, with no space after.
    pub fn paragraph_indented(&mut self, indent: f32, text: &str, style: Style) {
        let lines = self.wrap(text, style, self.width() - indent);
        self.lines_at(indent, &lines, style);
    }

    /// A bulleted item.
    pub fn bullet(&mut self, text: &str, style: Style) {
        let lines = self.wrap(text, style, self.width() - 14.0);
        self.ensure(style.leading());
        let baseline = self.y + style.size;
        let x = self.left() + 3.0;
        self.page().text(x, baseline, "•", style);
        self.lines_at(14.0, &lines, style);
    }

    /// A label in bold in a fixed column with its value wrapped beside it.
    pub fn field(&mut self, label: &str, value: &str) {
        const LABEL_W: f32 = 120.0;
        let label = self.clean(label);
        let lines = self.wrap(value, Style::BODY, self.width() - LABEL_W);
        self.ensure(Style::BODY.leading());
        let baseline = self.y + Style::BODY.size;
        let x = self.left();
        self.page().text(x, baseline, &label, Style::BOLD);
        self.lines_at(LABEL_W, &lines, Style::BODY);
    }

    /// A section heading; level 1 also becomes a bookmark. Keeps at least `keep` points of
    /// what follows on the same page.
    pub fn heading(&mut self, level: u8, text: &str, keep: f32) {
        let style = if level <= 1 { Style::H1 } else { Style::H2 };
        let before = if level <= 1 { 12.0 } else { 7.0 };
        if self.y > TOP + 1.0 {
            self.y += before;
        }
        self.ensure(style.leading() + keep);
        if level <= 1 {
            self.bookmark(text);
        }
        let lines = self.wrap(text, style, self.width());
        self.lines_at(0.0, &lines, style);
        if level <= 1 {
            let (x, y, w) = (self.left(), self.y + 1.0, self.width());
            self.page().fill_rect(x, y, w, 0.8, ACCENT);
            self.y += 6.0;
        } else {
            self.y += 2.0;
        }
    }

    /// Adds an outline entry pointing at the cursor on the current page.
    pub fn bookmark(&mut self, title: &str) {
        self.bookmarks.push(Bookmark {
            title: title.to_owned(),
            page: self.pages.len() - 1,
            top: self.y,
        });
    }

    /// Marks the cursor as the place "step `number`" links jump to (in the current scope).
    pub fn anchor_step(&mut self, number: usize) {
        let key = format!("{}step {number}", self.link_scope);
        let at = (self.pages.len() - 1, self.y);
        self.anchors.insert(key, at);
    }

    /// A wrapped paragraph whose every "step N" becomes a link to that step's anchor, when
    /// the document has one.
    pub fn linked_paragraph(&mut self, indent: f32, text: &str, style: Style) {
        let lines = self.wrap(text, style, self.width() - indent);
        let x = self.left() + indent;
        for line in &lines {
            self.ensure(style.leading());
            let top = self.y;
            let page = self.pages.len() - 1;
            self.page().text(x, top + style.size, line, style);
            let mut from = 0;
            while let Some(at) = line[from..].find("step ") {
                let start = from + at;
                let digits: String = line[start + 5..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                from = start + 5;
                if digits.is_empty() {
                    continue;
                }
                let end = start + 5 + digits.len();
                let dx = self.measure(&line[..start], style);
                let w = self.measure(&line[start..end], style);
                let key = format!("{}step {digits}", self.link_scope);
                self.links
                    .push((page, x + dx, top, w, style.leading(), key));
                from = end;
            }
            self.y += style.leading();
        }
    }

    /// A thin horizontal rule across the text column.
    pub fn rule(&mut self) {
        let (x, y, w) = (self.left(), self.y + 2.0, self.width());
        self.page().fill_rect(x, y, w, 0.5, RULE);
        self.y += 6.0;
    }

    /// Draws a table at the cursor. Rows never split unless one is taller than a page;
    /// the header row is repeated at the top of every page the table continues on.
    ///
    /// # Complexity
    /// Linear in the total length of the cells.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>]) {
        const PAD: f32 = 3.5;
        let total: f32 = columns
            .iter()
            .map(|c| c.weight)
            .sum::<f32>()
            .max(f32::EPSILON);
        let width = self.width();
        let widths: Vec<f32> = columns.iter().map(|c| width * c.weight / total).collect();
        let head_style = Style::BOLD.with_size(8.5);
        // A header word too long for its column is set smaller rather than split.
        let header: Vec<(Vec<String>, Style)> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let room = w - 2.0 * PAD;
                let title = self.clean(&c.title);
                let longest = title
                    .split(' ')
                    .map(|word| self.measure(word, head_style))
                    .fold(0.0, f32::max);
                let style = if longest > room && longest > 0.0 {
                    head_style.with_size((head_style.size * room / longest).max(6.0))
                } else {
                    head_style
                };
                (self.wrap(&title, style, room), style)
            })
            .collect();
        let header_h = header
            .iter()
            .map(|(lines, style)| lines.len().max(1) as f32 * style.leading())
            .fold(0.0, f32::max)
            + 2.0 * PAD;
        self.ensure(header_h + 24.0);
        self.table_header(&header, &widths, header_h, PAD);
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| self.wrap(&c.text, c.style, w - 2.0 * PAD))
                .collect();
            let leading = row
                .iter()
                .map(|c| c.style.leading())
                .fold(Style::BODY.with_size(8.5).leading(), f32::max);
            // A row taller than a page is written in slices of as many lines as fit.
            let mut from = 0;
            let max_lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            while from < max_lines {
                let room = self.bottom() - self.y - 2.0 * PAD;
                let mut fit = (room / leading).floor().max(0.0) as usize;
                let wanted = max_lines - from;
                if fit < wanted && (from > 0 || self.y > TOP + header_h + 1.0) {
                    // Start the row (or its rest) on a fresh page under a repeated header.
                    let landscape = self.page_ref().width > self.page_ref().height;
                    self.new_page(landscape);
                    self.table_header(&header, &widths, header_h, PAD);
                    let room = self.bottom() - self.y - 2.0 * PAD;
                    fit = (room / leading).floor().max(1.0) as usize;
                }
                let take = wanted.min(fit.max(1));
                let h = take as f32 * leading + 2.0 * PAD;
                let top = self.y;
                let mut x = self.left();
                if r % 2 == 1 {
                    let w = self.width();
                    self.page()
                        .fill_rect(x, top, w, h, Rgb3(0.975, 0.978, 0.985));
                }
                for ((cell, lines), w) in row.iter().zip(&cells).zip(&widths) {
                    if let Some(fill) = cell.fill {
                        self.page().fill_rect(x, top, *w, h, fill);
                    }
                    for (k, line) in lines.iter().skip(from).take(take).enumerate() {
                        let baseline = top + PAD + k as f32 * leading + cell.style.size;
                        self.page().text(x + PAD, baseline, line, cell.style);
                    }
                    x += w;
                }
                let (lx, lw) = (self.left(), self.width());
                self.page().fill_rect(lx, top + h - 0.4, lw, 0.4, RULE);
                self.y = top + h;
                from += take;
            }
        }
        self.y += 8.0;
    }

    fn table_header(&mut self, header: &[(Vec<String>, Style)], widths: &[f32], h: f32, pad: f32) {
        let top = self.y;
        let (lx, lw) = (self.left(), self.width());
        self.page().fill_rect(lx, top, lw, h, LIGHT);
        let mut x = lx;
        for ((lines, style), w) in header.iter().zip(widths) {
            let style = *style;
            for (k, line) in lines.iter().enumerate() {
                let baseline = top + pad + k as f32 * style.leading() + style.size;
                self.page().text(x + pad, baseline, line, style);
            }
            x += w;
        }
        self.page().fill_rect(lx, top + h - 0.6, lw, 0.6, RULE);
        self.y = top + h;
    }

    /// The characters the font lacks that were replaced, as warnings, one per character.
    pub fn warnings(&self) -> Vec<String> {
        self.missing
            .iter()
            .map(|c| {
                format!(
                    "the character '{c}' (U+{:04X}) is not in the bundled font; it is printed as '{}'",
                    *c as u32,
                    crate::fonts::PLACEHOLDER
                )
            })
            .collect()
    }

    /// Adds the running header and footer to every page and saves the document.
    ///
    /// The output depends only on what was laid out, `title` and `date`: object ids, font
    /// names, document dates and the file identifier are all fixed or derived from them.
    pub fn finish(mut self, title: &str, date: NaiveDate, running: &Running) -> Vec<u8> {
        let n = self.pages.len();
        let header_left = self.clean(&running.header_left);
        let header_right = self.clean(&running.header_right);
        let footer_left = self.clean(&running.footer_left);
        let small = Style::SMALL;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let right = page.width - MARGIN_X;
            let fonts = self.fonts;
            let w = |t: &str| fonts.face(small.weight).width(t, small.size);
            let avail = page.width - 2.0 * MARGIN_X - w(&header_right) - 12.0;
            let left_text = fit_with(fonts, &header_left, small, avail);
            page.text(MARGIN_X, 34.0, &left_text, small);
            page.text(right - w(&header_right), 34.0, &header_right, small);
            page.fill_rect(MARGIN_X, 39.0, page.width - 2.0 * MARGIN_X, 0.5, RULE);
            let number = format!("Page {} of {}", i + 1, n);
            let fb = page.height - 30.0;
            page.fill_rect(MARGIN_X, fb - 12.0, page.width - 2.0 * MARGIN_X, 0.5, RULE);
            let avail = page.width - 2.0 * MARGIN_X - w(&number) - 12.0;
            let footer = fit_with(fonts, &footer_left, small, avail);
            page.text(MARGIN_X, fb, &footer, small);
            page.text(right - w(&number), fb, &number, small);
        }

        // Links jump to their anchors; a link whose step has no anchor here stays text.
        // Border width 0: printpdf's default draws a box around every link.
        for (page, x, top, w, h, key) in std::mem::take(&mut self.links) {
            let Some(&(target, target_top)) = self.anchors.get(&key) else {
                continue;
            };
            let target_height = self.pages[target].height;
            let p = &mut self.pages[page];
            let y = p.height - top - h;
            p.ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect {
                        x: Pt(x),
                        y: Pt(y),
                        width: Pt(w),
                        height: Pt(h),
                        mode: None,
                        winding_order: None,
                    },
                    Actions::go_to(Destination::Xyz {
                        page: target + 1,
                        left: None,
                        top: Some(target_height - (target_top - 12.0).max(0.0)),
                        zoom: None,
                    }),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    None,
                    None,
                ),
            });
        }

        let mut doc = PdfDocument::new(title);
        let stamp = date
            .and_hms_opt(0, 0, 0)
            .map(|d| d.and_utc().timestamp())
            .unwrap_or(0);
        let info = &mut doc.metadata.info;
        if let Ok(when) = printpdf::OffsetDateTime::from_unix_timestamp(stamp) {
            info.creation_date = when;
            info.modification_date = when;
            info.metadata_date = when;
        }
        info.creator = "Handoff".to_owned();
        info.producer = "Handoff (printpdf)".to_owned();
        // Fixed font ids instead of printpdf's process-global counter: the same input must
        // give the same bytes no matter how many documents were made before.
        for weight in [Weight::Regular, Weight::Bold] {
            doc.resources.fonts.map.insert(
                Page::font_id(weight),
                PdfFont::new(self.fonts.face(weight).parsed.clone()),
            );
        }
        doc.pages = self
            .pages
            .into_iter()
            .map(|p| PdfPage::new(Mm::from(Pt(p.width)), Mm::from(Pt(p.height)), p.ops))
            .collect();
        let mut warnings = Vec::new();
        let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
        add_outline(&mut lo, &self.bookmarks);
        let id = file_id(title, date, n);
        lo.trailer.set(
            "ID",
            Object::Array(vec![
                Object::String(id.clone(), StringFormat::Hexadecimal),
                Object::String(id, StringFormat::Hexadecimal),
            ]),
        );
        lo.compress();
        let mut bytes = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = lo.save_to(&mut bytes);
        bytes
    }
}

fn fit_with(fonts: &Fonts, text: &str, style: Style, width: f32) -> String {
    let face = fonts.face(style.weight);
    if face.width(text, style.size) <= width {
        return text.to_owned();
    }
    let budget = width - face.width("…", style.size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = face.width(c.encode_utf8(&mut [0; 4]), style.size);
        if w + cw > budget {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// A 16-byte file identifier derived from the inputs (FNV-1a, twice with different seeds).
fn file_id(title: &str, date: NaiveDate, pages: usize) -> Vec<u8> {
    let key = format!("{title}\u{0}{date}\u{0}{pages}");
    let mut out = Vec::with_capacity(16);
    for seed in [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142] {
        let mut h = seed;
        for b in key.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.extend_from_slice(&h.to_be_bytes());
    }
    out
}

/// PDF text strings outside ASCII are UTF-16BE with a byte-order mark.
fn pdf_text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Writes the outline in the order the sections were laid out (printpdf sorts its own
/// bookmarks by name within a page, which would scramble the section order).
fn add_outline(lo: &mut lopdf::Document, bookmarks: &[Bookmark]) {
    if bookmarks.is_empty() {
        return;
    }
    let pages = lo.get_pages();
    let targets: Vec<(&Bookmark, lopdf::ObjectId, f32)> = bookmarks
        .iter()
        .filter_map(|b| {
            let id = *pages.get(&(b.page as u32 + 1))?;
            let height = lo
                .get_object(id)
                .and_then(Object::as_dict)
                .and_then(|d| d.get(b"MediaBox"))
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.get(3))
                .and_then(|h| h.as_float().ok())
                .unwrap_or(A4_HEIGHT);
            Some((b, id, height))
        })
        .collect();
    if targets.is_empty() {
        return;
    }
    let outlines = lo.new_object_id();
    let ids: Vec<lopdf::ObjectId> = targets.iter().map(|_| lo.new_object_id()).collect();
    for (i, ((b, page, height), id)) in targets.iter().zip(&ids).enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", pdf_text(&b.title));
        d.set("Parent", Object::Reference(outlines));
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(*page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(height - (b.top - 16.0).max(0.0)),
                Object::Null,
            ]),
        );
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            d.set("Next", Object::Reference(*next));
        }
        lo.objects.insert(*id, Object::Dictionary(d));
    }
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    root.set("First", Object::Reference(ids[0]));
    root.set("Last", Object::Reference(ids[ids.len() - 1]));
    root.set("Count", Object::Integer(ids.len() as i64));
    lo.objects.insert(outlines, Object::Dictionary(root));
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}
