//! The bundled typeface: DejaVu Sans, regular and bold (Bitstream Vera licence, see
//! `fonts/LICENSE.txt`). It covers Latin with its extensions, Greek and Cyrillic, so names
//! like "Łódź", "Αθήνα" and "Москва" print as written.
//!
//! The faces are parsed once per process and shared: they are constant data, so sharing
//! them keeps output deterministic while sparing every document the parse.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::ParsedFont;

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Printed instead of a character the typeface lacks; DejaVu Sans has it.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// Code points below this get their advance widths precomputed: Latin, its extensions,
/// IPA, Greek and Cyrillic, which is nearly everything a business map contains.
const TABLE_LEN: usize = 0x0530;

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

/// One parsed face with the widths text layout needs.
#[derive(Debug)]
pub struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Advance width in ems per code point below [`TABLE_LEN`]; negative when missing.
    table: Vec<f32>,
}

impl Face {
    fn load(bytes: &[u8]) -> Face {
        // The bytes are the bundled, known-good fonts: failing to parse them is a build
        // defect caught by every test, not something a user's input can cause.
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .expect("the bundled DejaVu Sans font parses");
        let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
        let mut face = Face {
            parsed,
            units_per_em,
            table: Vec::new(),
        };
        face.table = (0..TABLE_LEN as u32)
            .map(|c| face.lookup(c).unwrap_or(-1.0))
            .collect();
        face
    }

    fn lookup(&self, c: u32) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(c).filter(|&g| g != 0)?;
        Some(f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em)
    }

    /// The advance width of `c` in ems, or `None` when the face has no glyph for it.
    pub fn em_width(&self, c: char) -> Option<f32> {
        let code = c as usize;
        if code < TABLE_LEN {
            let w = self.table[code];
            (w >= 0.0).then_some(w)
        } else {
            self.lookup(c as u32)
        }
    }

    /// The width of already-cleaned `text` at `size` points. Characters the face lacks
    /// count as the placeholder. Linear in the length of the text.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let placeholder = self.em_width(PLACEHOLDER).unwrap_or(0.6);
        text.chars()
            .map(|c| self.em_width(c).unwrap_or(placeholder))
            .sum::<f32>()
            * size
    }
}

/// The two bundled faces.
#[derive(Debug)]
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    /// The shared, parsed bundled fonts. Parses them on first use (a few milliseconds).
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            regular: Face::load(REGULAR_TTF),
            bold: Face::load(BOLD_TTF),
        })
    }

    /// The face of a weight.
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// `text` made printable: tabs and line breaks become spaces, other control characters
    /// are dropped, and every character the faces lack becomes [`PLACEHOLDER`] and is
    /// added to `missing`. Linear in the length of the text.
    pub fn clean(&self, text: &str, missing: &mut BTreeSet<char>) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\t' | '\n' | '\r' => out.push(' '),
                c if c.is_control() => {}
                // Zero-width joiners and variation selectors belong to the (missing) emoji
                // they decorate; printing a box for each would double the noise.
                '\u{200B}'..='\u{200D}' | '\u{FE00}'..='\u{FE0F}' => {}
                c if self.regular.em_width(c).is_some() && self.bold.em_width(c).is_some() => {
                    out.push(c)
                }
                c => {
                    missing.insert(c);
                    out.push(PLACEHOLDER);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_latin_extended_greek_and_cyrillic() {
        let fonts = Fonts::get();
        let mut missing = BTreeSet::new();
        let text = "Łódź Αθήνα Москва Ærøskøbing";
        assert_eq!(fonts.clean(text, &mut missing), text);
        assert!(missing.is_empty());
        assert!(fonts.regular.em_width(PLACEHOLDER).is_some());
    }

    #[test]
    fn missing_characters_become_the_placeholder_and_are_reported() {
        let fonts = Fonts::get();
        let mut missing = BTreeSet::new();
        let cleaned = fonts.clean("ok क 東", &mut missing);
        assert_eq!(cleaned, format!("ok {PLACEHOLDER} {PLACEHOLDER}"));
        assert_eq!(missing.into_iter().collect::<Vec<_>>(), ['क', '東']);
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let fonts = Fonts::get();
        let r = fonts.regular.width("Handoff", 10.0);
        let b = fonts.bold.width("Handoff", 10.0);
        assert!(r > 20.0 && b > r, "regular {r}, bold {b}");
    }
}
