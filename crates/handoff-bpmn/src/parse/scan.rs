//! Where the parse gets its XML events from.
//!
//! [`Scanner`] is a tokenizer for the well-formed files nearly every tool writes. It hands
//! out the very events quick-xml would (same kinds, same text, same offsets), but without
//! quick-xml's per-event UTF-8 checks and bookkeeping: the text is already known to be
//! UTF-8. It does not try to report mistakes: at anything quick-xml would refuse or might
//! read differently (a tag left open at the end, an end tag that does not match, a
//! `<!DOCTYPE>`, an unfinished reference, a processing instruction `<?>`), it gives up with
//! [`Stop::Unsure`] and the parse starts again from the top with [`QuickXml`], so every
//! message and position is quick-xml's own.

use quick_xml::events::{BytesCData, BytesEnd, BytesRef, BytesStart, BytesText, Event};
use quick_xml::reader::Reader;

use super::syntax;
use crate::BpmnError;

/// Why a source stopped before the end of the file.
#[derive(Debug)]
pub(super) enum Stop {
    /// The file is not BPMN a map can be read from; this is the answer.
    Error(BpmnError),
    /// The fast scanner met something it leaves to quick-xml.
    Unsure,
}

impl From<BpmnError> for Stop {
    fn from(e: BpmnError) -> Self {
        Stop::Error(e)
    }
}

/// A stream of XML events, each with the byte offset where it starts.
pub(super) trait Source<'t> {
    fn next(&mut self) -> Result<(usize, Event<'t>), Stop>;
}

/// quick-xml's own reader: the reference, used whenever [`Scanner`] is unsure.
pub(super) struct QuickXml<'t> {
    text: &'t str,
    reader: Reader<&'t [u8]>,
}

impl<'t> QuickXml<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        QuickXml {
            text,
            reader: Reader::from_str(text),
        }
    }
}

impl<'t> Source<'t> for QuickXml<'t> {
    fn next(&mut self) -> Result<(usize, Event<'t>), Stop> {
        let start = self.reader.buffer_position() as usize;
        match self.reader.read_event() {
            Ok(ev) => Ok((start, ev)),
            Err(e) => {
                let at = self.reader.error_position() as usize;
                Err(Stop::Error(syntax(self.text, at, e.to_string())))
            }
        }
    }
}

/// The fast tokenizer for well-formed files.
pub(super) struct Scanner<'t> {
    text: &'t str,
    pos: usize,
    /// At a `&` in text (quick-xml reads a reference as an event of its own).
    at_ref: bool,
    /// The names of the open elements, for checking end tags as quick-xml does.
    open: Vec<&'t str>,
}

impl<'t> Scanner<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Scanner {
            text,
            pos: 0,
            at_ref: false,
            open: Vec::with_capacity(32),
        }
    }

    /// The offset of the first `needle` at or after `from`.
    fn find(&self, from: usize, needle: &str) -> Result<usize, Stop> {
        match self.text.get(from..).and_then(|rest| rest.find(needle)) {
            Some(i) => Ok(from + i),
            None => Err(Stop::Unsure),
        }
    }

    /// Reads the text from `pos` up to the next markup or reference.
    fn text_event(&mut self) -> Result<(usize, Event<'t>), Stop> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let end = find_byte(bytes, start, [b'<', b'&', b'&']).unwrap_or(bytes.len());
        self.at_ref = bytes.get(end) == Some(&b'&');
        self.pos = end;
        Ok((
            start,
            Event::Text(BytesText::from_escaped(&self.text[start..end])),
        ))
    }

    /// Reads a reference (`&name;`) at `pos`.
    fn ref_event(&mut self) -> Result<(usize, Event<'t>), Stop> {
        self.at_ref = false;
        let start = self.pos;
        let body = &self.text.as_bytes()[start + 1..];
        // quick-xml ends a reference at `;` and refuses one cut short by `&`, `<` or the
        // end of the file.
        let semi = body
            .iter()
            .position(|&b| matches!(b, b';' | b'&' | b'<'))
            .filter(|&i| body[i] == b';')
            .ok_or(Stop::Unsure)?;
        let name = &self.text[start + 1..start + 1 + semi];
        self.pos = start + semi + 2;
        Ok((start, Event::GeneralRef(BytesRef::new(name))))
    }

    /// Reads the markup starting with `<` at `pos`.
    fn markup_event(&mut self) -> Result<(usize, Event<'t>), Stop> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        match bytes.get(start + 1) {
            Some(b'/') => {
                let gt = find_byte(bytes, start + 2, [b'>'; 3]).ok_or(Stop::Unsure)?;
                let content = &self.text[start + 2..gt];
                // A quote in an end tag changes where quick-xml thinks it ends.
                if content.contains(['"', '\'']) {
                    return Err(Stop::Unsure);
                }
                let name = content.trim_end_matches([' ', '\t', '\r', '\n']);
                if self.open.pop() != Some(name) {
                    return Err(Stop::Unsure);
                }
                self.pos = gt + 1;
                Ok((start, Event::End(BytesEnd::new(name))))
            }
            Some(b'!') => {
                let rest = &bytes[start..];
                if rest.starts_with(b"<!--") {
                    // quick-xml's comment ends at the first `-->` after `<!--`.
                    self.pos = self.find(start + 4, "-->")? + 3;
                    let content = &self.text[start + 4..self.pos - 3];
                    Ok((start, Event::Comment(BytesText::from_escaped(content))))
                } else if rest.starts_with(b"<![CDATA[") {
                    let end = self.find(start + 9, "]]>")?;
                    self.pos = end + 3;
                    let content = &self.text[start + 9..end];
                    Ok((start, Event::CData(BytesCData::new(content))))
                } else {
                    // `<!DOCTYPE` (refused by the parse, with quick-xml's position) and
                    // anything malformed.
                    Err(Stop::Unsure)
                }
            }
            Some(b'?') => {
                // A declaration or processing instruction: nothing the import reads.
                let end = self.find(start + 1, "?>")?;
                if end + 2 - start <= 3 {
                    return Err(Stop::Unsure);
                }
                self.pos = end + 2;
                self.next()
            }
            Some(_) => {
                let gt = tag_end(bytes, start + 1).ok_or(Stop::Unsure)?;
                self.pos = gt + 1;
                let (content, empty) = match self.text[start + 1..gt].strip_suffix('/') {
                    Some(c) => (c, true),
                    None => (&self.text[start + 1..gt], false),
                };
                let name_len = content
                    .bytes()
                    .position(is_xml_space)
                    .unwrap_or(content.len());
                if name_len == 0 {
                    return Err(Stop::Unsure);
                }
                let e = BytesStart::from_content(content, name_len);
                if empty {
                    Ok((start, Event::Empty(e)))
                } else {
                    self.open.push(&content[..name_len]);
                    Ok((start, Event::Start(e)))
                }
            }
            None => Err(Stop::Unsure),
        }
    }
}

impl<'t> Source<'t> for Scanner<'t> {
    fn next(&mut self) -> Result<(usize, Event<'t>), Stop> {
        if self.pos == 0 {
            // A byte-order mark or UTF-16-looking start: quick-xml may treat it specially.
            let head = &self.text.as_bytes()[..self.text.len().min(4)];
            if head
                .first()
                .is_some_and(|b| matches!(b, 0xEF | 0xFE | 0xFF))
                || head.contains(&0)
            {
                return Err(Stop::Unsure);
            }
        }
        if self.at_ref {
            return self.ref_event();
        }
        match self.text.as_bytes().get(self.pos) {
            None => Ok((self.pos, Event::Eof)),
            Some(b'<') => self.markup_event(),
            Some(b'&') => self.ref_event(),
            Some(_) => self.text_event(),
        }
    }
}

fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The offset of the `>` that ends the tag whose name starts at `from`, skipping any `>`
/// inside quoted attribute values (as quick-xml does); `None` when the file ends first.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = find_byte(bytes, at, [b'>', b'"', b'\''])?;
        match bytes[i] {
            b'>' => return Some(i),
            quote => at = find_byte(bytes, i + 1, [quote; 3])? + 1,
        }
    }
}

/// The offset of the first of `needles` at or after `from`, eight bytes at a time.
fn find_byte(bytes: &[u8], from: usize, needles: [u8; 3]) -> Option<usize> {
    const LOW: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let splat = needles.map(|n| LOW * u64::from(n));
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        // A byte of `word ^ splat` is zero where the byte equals the needle; the lowest
        // flagged byte is always a true match.
        let mut hits = 0;
        for s in splat {
            let x = word ^ s;
            hits |= x.wrapping_sub(LOW) & !x & HIGH;
        }
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|b| needles.contains(b))
        .map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::super::run;
    use super::*;

    /// The fast scanner either reads a file exactly as quick-xml does or gives up.
    #[test]
    fn scanner_agrees_with_quick_xml_or_gives_up() {
        let head = r#"<?xml version="1.0"?><!-- c --><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:h="https://handoff.app/schema/bpmn/1" exporter="x"><process id="p">"#;
        let cases = [
            r#"<task id="a" name="A &amp; B"/>"#,
            r#"<task id = 'a' name="x>y" h:id="b"><documentation>one &lt;two&gt; &#233;&#x1F600;</documentation></task>"#,
            "<task id=\"a\"><documentation><![CDATA[a <b> c]]>\r\nd</documentation></task>",
            r#"<task id="a" id="b"/>"#,
            r#"<task id="a" name=x/>"#,
            r#"<task id="a"><documentation>&bogus;</documentation></task>"#,
            r#"<task id="a"><documentation>a & b</documentation></task>"#,
            r#"<task id="a"></tusk>"#,
            r#"<task id="a" name="tab	here"/><?pi x?><!---->"#,
            r#"<task id="a"/><!DOCTYPE x>"#,
            r#"<task id="a"/><"#,
            r#"<task id="a" name="unclosed/>"#,
            r#"<x:task xmlns:x="http://www.omg.org/spec/BPMN/20100524/MODEL" id="a"/></process >"#,
        ];
        for case in cases {
            for tail in ["</process></definitions>", ""] {
                let text = format!("{head}{case}{tail}");
                let slow = format!("{:?}", run(&text, QuickXml::new(&text)));
                match run(&text, Scanner::new(&text)) {
                    Err(Stop::Unsure) => {}
                    fast => assert_eq!(format!("{fast:?}"), slow, "{text}"),
                }
            }
        }
    }
}
