//! The RACI matrix of a process (steps × seats) and its exports: XLSX, CSV and PDF.
//!
//! Responsible is the seat of the step's lane; Accountable, Consulted and Informed come
//! from the step's RACI. Rows are the steps in procedure order, numbered as in the SOP;
//! columns are the lanes' seats in lane order, then any other seat the RACI names.

use chrono::{Datelike, NaiveDate};
use handoff_core::procedure::Procedure;
use handoff_core::{Document, NodeId, NodeTag, SeatId};
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use crate::directions::Names;
use crate::typeset::{Cell, Column, Rgb3, Running, Style, Typesetter};
use crate::Rendered;

/// A seat's part in one step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    pub responsible: bool,
    pub accountable: bool,
    pub consulted: bool,
    pub informed: bool,
}

impl Roles {
    /// The cell text: "R/A" when the seat both does and answers for the step, otherwise the
    /// strongest single letter (A, R, C, I), or "" for no part.
    pub fn code(self) -> &'static str {
        match self {
            Roles {
                responsible: true,
                accountable: true,
                ..
            } => "R/A",
            Roles {
                accountable: true, ..
            } => "A",
            Roles {
                responsible: true, ..
            } => "R",
            Roles {
                consulted: true, ..
            } => "C",
            Roles { informed: true, .. } => "I",
            _ => "",
        }
    }

    /// Reads a cell text back ("R/A", "A/R", "R", "a", ...); `None` for anything else.
    pub fn parse(code: &str) -> Option<Roles> {
        let mut r = Roles::default();
        for part in code.split('/').map(str::trim) {
            match part.to_ascii_uppercase().as_str() {
                "R" => r.responsible = true,
                "A" => r.accountable = true,
                "C" => r.consulted = true,
                "I" => r.informed = true,
                "" if code.trim().is_empty() => {}
                _ => return None,
            }
        }
        Some(r)
    }
}

/// The codes the XLSX drop-down offers.
pub const CODES: [&str; 5] = ["R", "A", "C", "I", "R/A"];

/// One column of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatColumn {
    pub id: SeatId,
    pub name: String,
}

/// One row: a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaciRow {
    /// The step's number in the procedure.
    pub number: usize,
    pub step: NodeId,
    pub label: String,
    /// One entry per [`RaciMatrix::seats`] column.
    pub roles: Vec<Roles>,
}

/// Steps × seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaciMatrix {
    pub process: String,
    pub seats: Vec<SeatColumn>,
    pub rows: Vec<RaciRow>,
}

impl RaciMatrix {
    /// The matrix of `doc`.
    ///
    /// # Complexity
    /// O(steps × seats) for the cells, plus a procedure walk linear in the map.
    pub fn new(doc: &Document) -> RaciMatrix {
        let p = &doc.process;
        let names = Names { doc };
        let procedure = Procedure::new(p);
        let mut seats: Vec<SeatId> = Vec::new();
        let add = |s: &SeatId, seats: &mut Vec<SeatId>| {
            if !seats.contains(s) {
                seats.push(s.clone());
            }
        };
        for lane in &p.lanes {
            add(&lane.seat, &mut seats);
        }
        let steps: Vec<usize> = procedure
            .order()
            .iter()
            .copied()
            .filter(|&i| p.nodes[i].tag() == NodeTag::Step)
            .collect();
        for &i in &steps {
            if let Some(d) = p.nodes[i].details() {
                for s in d
                    .raci
                    .accountable
                    .iter()
                    .chain(&d.raci.consulted)
                    .chain(&d.raci.informed)
                {
                    add(s, &mut seats);
                }
            }
        }
        let column: std::collections::HashMap<&SeatId, usize> =
            seats.iter().enumerate().map(|(k, s)| (s, k)).collect();
        let rows = steps
            .iter()
            .map(|&i| {
                let node = &p.nodes[i];
                let mut roles = vec![Roles::default(); seats.len()];
                if let Some(s) = names.lane_seat(node.lane.as_ref()) {
                    roles[column[s]].responsible = true;
                }
                if let Some(d) = node.details() {
                    for s in &d.raci.accountable {
                        roles[column[s]].accountable = true;
                    }
                    for s in &d.raci.consulted {
                        roles[column[s]].consulted = true;
                    }
                    for s in &d.raci.informed {
                        roles[column[s]].informed = true;
                    }
                }
                RaciRow {
                    number: procedure.number(&node.id).unwrap_or(0),
                    step: node.id.clone(),
                    label: node.display_name(),
                    roles,
                }
            })
            .collect();
        RaciMatrix {
            process: p.name.clone(),
            seats: seats
                .iter()
                .map(|s| SeatColumn {
                    id: s.clone(),
                    name: names.seat(s),
                })
                .collect(),
            rows,
        }
    }
}

/// The fill colour of a code, shared by the PDF and the XLSX.
fn tint(code: &str) -> Option<(Rgb3, u32)> {
    match code {
        "R" => Some((Rgb3(0.82, 0.9, 1.0), 0xD1E5FF)),
        "A" | "R/A" => Some((Rgb3(1.0, 0.85, 0.75), 0xFFD9BF)),
        "C" => Some((Rgb3(0.86, 0.95, 0.84), 0xDBF2D6)),
        "I" => Some((Rgb3(0.93, 0.93, 0.93), 0xEDEDED)),
        _ => None,
    }
}

/// Writes the matrix as a CSV: UTF-8 with a byte-order mark (so spreadsheet programs read
/// accents), a header row `Step, Name, <seat>...`, one row per step, RFC 4180 quoting and
/// CRLF line ends.
///
/// # Complexity
/// O(steps × seats).
pub fn to_csv(m: &RaciMatrix) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    let mut line = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    let mut header = vec!["Step".to_owned(), "Name".to_owned()];
    header.extend(m.seats.iter().map(|s| s.name.clone()));
    line(header);
    for row in &m.rows {
        let mut cells = vec![row.number.to_string(), row.label.clone()];
        cells.extend(row.roles.iter().map(|r| r.code().to_owned()));
        line(cells);
    }
    out.into_bytes()
}

fn csv_field(s: &str) -> String {
    // A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Why an XLSX could not be written. Only the spreadsheet writer itself can fail.
#[derive(Debug, thiserror::Error)]
#[error("could not write the spreadsheet: {0}")]
pub struct XlsxWriteError(#[from] XlsxError);

/// Writes the matrix as an XLSX workbook: a "RACI" sheet with a styled header, frozen
/// step column and header row, a colour per letter (conditional formats, so edits recolour),
/// an R/A/C/I drop-down in every cell, landscape printing fitted to the page width; and a
/// "Legend" sheet. `date` becomes the workbook's creation date, so the same matrix and date
/// give the same bytes.
///
/// # Errors
/// [`XlsxWriteError`] when the writer rejects the workbook, e.g. a matrix larger than
/// Excel's 16,384 columns.
///
/// # Complexity
/// O(steps × seats).
pub fn to_xlsx(m: &RaciMatrix, date: NaiveDate) -> Result<Vec<u8>, XlsxWriteError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(2000),
        date.month() as u8,
        date.day() as u8,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("RACI · {}", m.process))
            .set_creation_datetime(&created),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0x1F4E79))
        .set_font_color(Color::White)
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xC8CCD4));
    let label = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xC8CCD4));

    let ws = wb.add_worksheet();
    ws.set_name("RACI")?;
    ws.write_string_with_format(0, 0, "Step", &header)?;
    ws.write_string_with_format(0, 1, "Name", &header)?;
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 40)?;
    ws.set_row_height(0, 32)?;
    for (k, s) in m.seats.iter().enumerate() {
        let col = col_num(k + 2)?;
        ws.write_string_with_format(0, col, &s.name, &header)?;
        ws.set_column_width(col, 14)?;
    }
    for (r, row) in m.rows.iter().enumerate() {
        let r = row_num(r + 1)?;
        ws.write_number_with_format(r, 0, row.number as f64, &cell)?;
        ws.write_string_with_format(r, 1, &row.label, &label)?;
        for (k, roles) in row.roles.iter().enumerate() {
            let col = col_num(k + 2)?;
            match roles.code() {
                "" => ws.write_blank(r, col, &cell)?,
                code => ws.write_string_with_format(r, col, code, &cell)?,
            };
        }
    }
    ws.set_freeze_panes(1, 2)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    if !m.rows.is_empty() && !m.seats.is_empty() {
        let (r1, c1) = (row_num(m.rows.len())?, col_num(m.seats.len() + 1)?);
        let dv = DataValidation::new()
            .allow_list_strings(&CODES)?
            .set_input_title("RACI")?
            .set_input_message("R does it, A answers for it, C is asked, I is told.")?;
        ws.add_data_validation(1, 2, r1, c1, &dv)?;
        for code in CODES {
            if let Some((_, rgb)) = tint(code) {
                let cf = ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::EqualTo(code))
                    .set_format(
                        Format::new()
                            .set_background_color(Color::RGB(rgb))
                            .set_bold(),
                    );
                ws.add_conditional_format(1, 2, r1, c1, &cf)?;
            }
        }
    }

    let legend = wb.add_worksheet();
    legend.set_name("Legend")?;
    legend.write_string_with_format(0, 0, "Letter", &header)?;
    legend.write_string_with_format(0, 1, "Meaning", &header)?;
    legend.set_column_width(0, 8)?;
    legend.set_column_width(1, 70)?;
    let meanings = [
        (
            "R",
            "Responsible: does the work. Always the seat of the step's lane.",
        ),
        (
            "A",
            "Accountable: answers for the result. Exactly one per step.",
        ),
        ("C", "Consulted: asked before the step is done."),
        ("I", "Informed: told after the step is done."),
        (
            "R/A",
            "Responsible and Accountable: the same seat does and answers for the step.",
        ),
    ];
    for (k, (code, meaning)) in meanings.iter().enumerate() {
        let r = row_num(k + 1)?;
        let mut f = cell.clone().set_bold();
        if let Some((_, rgb)) = tint(code) {
            f = f.set_background_color(Color::RGB(rgb));
        }
        legend.write_string_with_format(r, 0, *code, &f)?;
        legend.write_string_with_format(r, 1, *meaning, &label)?;
    }
    Ok(wb.save_to_buffer()?)
}

fn row_num(n: usize) -> Result<u32, XlsxError> {
    u32::try_from(n).map_err(|_| XlsxError::RowColumnLimitError)
}

fn col_num(n: usize) -> Result<u16, XlsxError> {
    u16::try_from(n).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The matrix as a table inside a document being typeset. More than eight seats get
/// landscape pages so columns stay readable.
pub(crate) fn write_table(t: &mut Typesetter, m: &RaciMatrix) {
    if m.rows.is_empty() {
        t.paragraph(
            "The map has no steps, so there is no RACI yet.",
            Style::BODY,
        );
        return;
    }
    if m.seats.len() > 8 {
        t.new_page(true);
    }
    let digits = m
        .rows
        .iter()
        .map(|r| r.number.to_string().len())
        .max()
        .unwrap_or(1);
    let number_weight = 0.3 + 0.12 * digits as f32;
    let mut columns = vec![Column::new("#", number_weight), Column::new("Step", 3.2)];
    columns.extend(m.seats.iter().map(|s| Column::new(&s.name, 1.0)));
    let rows: Vec<Vec<Cell>> = m
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                Cell::from(row.number.to_string()),
                Cell::from(row.label.clone()),
            ];
            cells.extend(row.roles.iter().map(|r| {
                let code = r.code();
                Cell {
                    text: code.to_owned(),
                    style: Style::BOLD.with_size(8.5),
                    fill: tint(code).map(|(c, _)| c),
                }
            }));
            cells
        })
        .collect();
    t.table(&columns, &rows);
}

/// The RACI matrix alone as a PDF, dated `date`.
///
/// # Complexity
/// O(steps × seats).
pub fn to_pdf(m: &RaciMatrix, date: NaiveDate) -> Rendered {
    let mut t = Typesetter::new();
    let title = format!("RACI · {}", m.process);
    t.heading(1, &title, 40.0);
    t.paragraph(
        "R: does the work · A: answers for the result · C: asked before · I: told after.",
        Style::SMALL,
    );
    write_table(&mut t, m);
    let running = Running {
        header_left: title.clone(),
        header_right: format!("as of {date}"),
        footer_left: format!("{} steps × {} seats", m.rows.len(), m.seats.len()),
    };
    let warnings = t.warnings();
    let pdf = t.finish(&title, date, &running);
    Rendered { pdf, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in CODES {
            assert_eq!(Roles::parse(code).map(Roles::code), Some(code));
        }
        assert_eq!(Roles::parse("A/R").map(Roles::code), Some("R/A"));
        assert_eq!(Roles::parse("").map(Roles::code), Some(""));
        assert_eq!(Roles::parse("X"), None);
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("Łódź"), "Łódź");
    }

    #[test]
    fn matrix_of_generated_map_has_one_responsible_per_row() {
        let doc = handoff_core::build::generate(30, 4);
        let m = RaciMatrix::new(&doc);
        assert_eq!(m.rows.len(), 30);
        assert_eq!(m.seats.len(), 4);
        for row in &m.rows {
            assert_eq!(row.roles.iter().filter(|r| r.responsible).count(), 1);
        }
    }
}
