//! The SOP and the seat handout as Markdown, for readers that take text rather than a PDF:
//! an assistant reading the library through the MCP server, a wiki, a pull request.
//!
//! Each says what its PDF says, in the same order and with the same step numbers and
//! directions ("If approved, go to step 7"), minus what only a page can show (the drawn
//! map, running headers). The sentences come from the same functions the PDFs use, so the
//! two editions cannot drift apart.

mod handout;
mod sop;

pub use handout::handout;
pub use sop::sop;

/// A Markdown document being written: blocks separated by one blank line.
#[derive(Debug, Default)]
pub(crate) struct Markdown {
    out: String,
}

impl Markdown {
    fn block(&mut self, text: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `# text` at `level` (1–6), on one line.
    pub(crate) fn heading(&mut self, level: usize, text: &str) {
        self.block(&format!(
            "{} {}",
            "#".repeat(level.clamp(1, 6)),
            one_line(text)
        ));
    }

    /// A paragraph; blank lines inside it are dropped so it stays one block.
    pub(crate) fn paragraph(&mut self, text: &str) {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .collect();
        if !lines.is_empty() {
            self.block(&lines.join("\n"));
        }
    }

    /// A bulleted list, one item a line; nothing for no items.
    pub(crate) fn list<S: AsRef<str>>(&mut self, items: &[S]) {
        if items.is_empty() {
            return;
        }
        let lines: Vec<String> = items
            .iter()
            .map(|i| format!("- {}", one_line(i.as_ref())))
            .collect();
        self.block(&lines.join("\n"));
    }

    /// A list of "**Label:** value" facts.
    pub(crate) fn fields(&mut self, fields: &[(&str, String)]) {
        let items: Vec<String> = fields
            .iter()
            .map(|(label, value)| format!("**{label}:** {value}"))
            .collect();
        self.list(&items);
    }

    /// A table with a header row; cells are kept on one line and `|` is escaped.
    pub(crate) fn table<S: AsRef<str>>(&mut self, headers: &[&str], rows: &[Vec<S>]) {
        let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
        let mut lines = vec![
            row(headers.iter().map(|h| cell(h)).collect()),
            row(headers.iter().map(|_| "---".to_owned()).collect()),
        ];
        lines.extend(
            rows.iter()
                .map(|r| row(r.iter().map(|c| cell(c.as_ref())).collect())),
        );
        self.block(&lines.join("\n"));
    }

    /// The document, ending in one newline.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Text on one line: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A table cell: one line, with `|` escaped so it does not end the cell.
fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_separated_by_one_blank_line_and_cells_stay_in_their_column() {
        let mut md = Markdown::default();
        md.heading(1, "Order\nto cash");
        md.paragraph("First line\n\n  \nsecond line");
        md.list(&["a", "b"]);
        md.list::<&str>(&[]);
        md.table(&["Seat", "Role"], &[vec!["A | B", "does\nthings"]]);
        assert_eq!(
            md.finish(),
            "# Order to cash\n\nFirst line\nsecond line\n\n- a\n- b\n\n\
             | Seat | Role |\n| --- | --- |\n| A \\| B | does things |\n"
        );
    }
}
