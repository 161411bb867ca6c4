//! How wide a line of text is drawn, for placing labels before any renderer draws them.
//!
//! **The model.** A character is as wide as its advance in DejaVu Sans, the face the SOP
//! PDF embeds: printable ASCII from a table of those advances (thousandths of an em),
//! anything else a flat [`OTHER_EM`] (Latin with accents, Greek and Cyrillic average about
//! 0.64–0.69 em in that face), ideographs and other double-width characters a full em, and
//! the ellipsis a full em. A line's width is the sum, times the font size, rounded up to a
//! whole unit. The canvas's faces (Inter, Segoe UI, Helvetica and their look-alikes) are
//! narrower than DejaVu Sans for the same text, so a box measured here holds the canvas's
//! text too; the PDF prints in DejaVu Sans at the map's scale, so it fits there exactly.
//!
//! The UI carries the same table (`ui/src/lib/labels.ts`) and the workspace test
//! `tests/labels.rs` checks both give the same boxes.

/// The advance width of each printable ASCII character (space to `~`) in DejaVu Sans, in
/// thousandths of an em.
const ASCII_EM: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// Any other character that is not double-width, in thousandths of an em.
pub const OTHER_EM: u16 = 720;

/// What a shortened text ends with.
pub const ELLIPSIS: char = '…';

/// The width of `c` in thousandths of an em.
pub fn char_em(c: char) -> u32 {
    let code = c as u32;
    if (0x20..0x7f).contains(&code) {
        return u32::from(ASCII_EM[(code - 0x20) as usize]);
    }
    if c == ELLIPSIS || is_wide(code) {
        1000
    } else if code < 0x20 || (0x300..0x370).contains(&code) {
        // Control characters and combining marks take no room of their own.
        0
    } else {
        u32::from(OTHER_EM)
    }
}

/// Ideographs, kana, hangul, full-width forms and emoji: drawn a full em wide.
fn is_wide(code: u32) -> bool {
    matches!(code,
        0x1100..=0x115f | 0x2e80..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f | 0xff00..=0xff60 | 0xffe0..=0xffe6 | 0x1f300..=0x1faff
        | 0x20000..=0x3fffd)
}

/// The width of `text` on one line at font `size`, in the same units as `size`, rounded up
/// to a whole unit.
///
/// # Complexity
/// Linear in the length of the text.
pub fn text_width(text: &str, size: f64) -> f64 {
    let em: u64 = text.chars().map(|c| u64::from(char_em(c))).sum();
    // Whole numbers below 2^53 multiply and divide exactly, so every renderer that uses
    // this model gets the same width.
    (em as f64 * size / 1000.0).ceil()
}

/// `text` broken into lines no wider than `width` at font `size`: at spaces, and inside a
/// word longer than a line. Runs of white space count as one space. At most `max_lines`
/// lines (at least one); when the text needs more, the last line ends with an ellipsis.
/// Returns the lines and whether the whole text is in them.
///
/// # Complexity
/// Linear in the length of the text times the longest word.
pub fn wrap(text: &str, size: f64, width: f64, max_lines: usize) -> (Vec<String>, bool) {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&joined, size) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than a line is broken where it overflows.
        let mut rest = word;
        while text_width(rest, size) > width {
            let cut = fit_prefix(rest, size, width).max(first_char_len(rest));
            lines.push(rest[..cut].to_owned());
            rest = &rest[cut..];
        }
        line = rest.to_owned();
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() <= max_lines {
        return (lines, true);
    }
    let rest = lines[max_lines - 1..].join(" ");
    lines.truncate(max_lines - 1);
    let last = abbreviate(&rest, size, width);
    let whole = last == rest;
    lines.push(last);
    (lines, whole)
}

/// `text` on one line no wider than `width` at font `size`: whole when it fits, otherwise
/// cut and ended with an ellipsis (just the ellipsis when not even one character fits).
///
/// # Complexity
/// Linear in the length of the text.
pub fn abbreviate(text: &str, size: f64, width: f64) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text_width(&text, size) <= width {
        return text;
    }
    let room = width - text_width(&ELLIPSIS.to_string(), size);
    let cut = fit_prefix(&text, size, room);
    let mut out = text[..cut].trim_end().to_owned();
    out.push(ELLIPSIS);
    out
}

/// The length in bytes of the longest prefix of `text` no wider than `width`.
fn fit_prefix(text: &str, size: f64, width: f64) -> usize {
    let mut em: u64 = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        em += u64::from(char_em(c));
        if (em as f64 * size / 1000.0).ceil() > width {
            break;
        }
        end = i + c.len_utf8();
    }
    end
}

fn first_char_len(text: &str) -> usize {
    text.chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_table_and_round_up() {
        // "a" is 0.613 em: 6.743 at 11 units, drawn 7 wide.
        assert_eq!(text_width("a", 11.0), 7.0);
        assert_eq!(text_width("", 11.0), 0.0);
        assert_eq!(text_width("Ł", 10.0), 8.0);
        assert_eq!(text_width("日本", 10.0), 20.0);
        assert!(text_width("mmmm", 11.0) > text_width("iiii", 11.0));
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_inside_long_words() {
        let (lines, whole) = wrap("lead record assigned to the rep", 11.0, 100.0, 3);
        assert!(whole);
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(text_width(l, 11.0) <= 100.0, "{l}");
        }
        assert_eq!(lines.join(" "), "lead record assigned to the rep");
        let (lines, _) = wrap("Supercalifragilistic", 11.0, 40.0, 9);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "Supercalifragilistic");
    }

    #[test]
    fn too_many_lines_end_with_an_ellipsis() {
        let (lines, whole) = wrap("one two three four five six seven", 11.0, 40.0, 2);
        assert!(!whole);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with(ELLIPSIS), "{lines:?}");
        assert!(text_width(&lines[1], 11.0) <= 40.0);
    }

    #[test]
    fn abbreviations_fit() {
        assert_eq!(abbreviate("short", 11.0, 200.0), "short");
        let a = abbreviate("a rather long handover description", 11.0, 80.0);
        assert!(a.ends_with(ELLIPSIS));
        assert!(text_width(&a, 11.0) <= 80.0, "{a}");
        assert_eq!(abbreviate("wide", 11.0, 1.0), "…");
    }
}
