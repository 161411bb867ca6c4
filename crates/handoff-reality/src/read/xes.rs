//! XES (IEEE 1849) in one streaming pass with quick-xml: only the attributes a reality check
//! uses are kept (`concept:name` of traces and events, `org:resource`, `time:timestamp`,
//! `lifecycle:transition`); everything else is skipped as it streams past.

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

use super::{LogError, LogErrorKind, MAX_DEPTH};
use crate::log::{EventLog, Lifecycle, LogBuilder, Order, NO_TIME};
use crate::time::parse_iso;

/// Where the element being read sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Log,
    Trace,
    Event,
    /// Anything else: skipped with everything inside it.
    Other,
}

/// The event being read. One is kept for the whole file and cleared for each event, so
/// reading an event allocates nothing.
#[derive(Debug, Default)]
struct Pending {
    open: bool,
    /// Where the `<event>` tag ends in the block; turned into a line only for a bad event.
    at: usize,
    activity: Option<()>,
    activity_text: String,
    resource: Option<()>,
    resource_text: String,
    /// `Some(Err(()))`: a timestamp that is not a date; its text is in `bad_time`.
    time: Option<Result<i64, ()>>,
    bad_time: String,
    lifecycle: Lifecycle,
}

impl Pending {
    fn set(&mut self, key: Key, value: &str) {
        match key {
            Key::Name => {
                self.activity = Some(());
                self.activity_text.clear();
                self.activity_text.push_str(value);
            }
            Key::Resource => {
                self.resource = Some(());
                self.resource_text.clear();
                self.resource_text.push_str(value);
            }
            Key::Lifecycle => self.lifecycle = Lifecycle::parse(value),
            Key::Timestamp => {
                self.time = Some(parse_iso(value).ok_or(()));
                if self.time == Some(Err(())) {
                    self.bad_time.clear();
                    self.bad_time.push_str(value);
                }
            }
        }
    }

    fn start(&mut self, at: usize) {
        self.open = true;
        self.at = at;
        self.activity = None;
        self.resource = None;
        self.time = None;
        self.lifecycle = Lifecycle::None;
    }
}

/// The attributes of an XES event that a reality check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Name,
    Resource,
    Lifecycle,
    Timestamp,
}

/// Bytes read at a time. Each block is cut after its last `</trace>`, so that quick-xml
/// can parse complete traces straight from the block without copying every element into
/// a buffer of its own (about twice as fast); the rest waits for the next block.
const BLOCK: usize = 4 << 20;
/// A single trace larger than this is refused (memory stays bounded).
const MAX_TRACE: usize = 256 << 20;

/// The state of reading a log, carried from one block to the next.
#[derive(Debug)]
struct State {
    builder: LogBuilder,
    /// The open elements: their scope, and where their names end in `names`.
    stack: Vec<(Scope, usize)>,
    names: String,
    case: Option<u32>,
    traces: u64,
    pending: Pending,
    seen_root: bool,
}

/// Line numbers within a block, counted as far as they are asked for.
#[derive(Debug)]
struct LineCount {
    /// Lines before the block.
    before: u64,
    /// Newlines in the block before `upto`.
    within: u64,
    upto: usize,
}

impl LineCount {
    fn at(&mut self, block: &[u8], pos: usize) -> u64 {
        let pos = pos.min(block.len());
        if pos >= self.upto {
            self.within += newlines(&block[self.upto..pos]);
            self.upto = pos;
            self.before + self.within + 1
        } else {
            self.before + newlines(&block[..pos]) + 1
        }
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Reads an XES log.
///
/// # Errors
/// [`LogErrorKind::Xml`] for malformed XML, [`LogErrorKind::Doctype`],
/// [`LogErrorKind::TooDeep`], [`LogErrorKind::NotXes`], [`LogErrorKind::Io`] (also for
/// damaged gzip data), [`LogErrorKind::TooManyEvents`]; each with the line.
pub(super) fn read<R: BufRead>(input: R, file: &str) -> Result<EventLog, LogError> {
    read_in_blocks(input, file, BLOCK)
}

/// [`read`] with blocks of `block_size` bytes (tests use tiny ones to cross many block
/// boundaries).
fn read_in_blocks<R: BufRead>(
    mut input: R,
    file: &str,
    block_size: usize,
) -> Result<EventLog, LogError> {
    let fail = |line: u64, kind| LogError {
        file: file.to_owned(),
        line: Some(line),
        kind,
    };
    let mut state = State {
        builder: LogBuilder::new(Order::AsRead),
        stack: Vec::with_capacity(16),
        names: String::with_capacity(256),
        case: None,
        traces: 0,
        pending: Pending::default(),
        seen_root: false,
    };
    let mut block: Vec<u8> = Vec::with_capacity(block_size + block_size / 4);
    let mut lines_before = 0u64;
    let mut eof = false;
    while !eof || !block.is_empty() {
        // Fill the block.
        let want = block.len().max(block_size);
        while !eof && block.len() < want {
            let old = block.len();
            block.resize(want, 0);
            match input.read(&mut block[old..]) {
                Ok(0) => {
                    block.truncate(old);
                    eof = true;
                }
                Ok(n) => block.truncate(old + n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => block.truncate(old),
                Err(e) => {
                    let line = lines_before + newlines(&block[..old]) + 1;
                    return Err(fail(line, LogErrorKind::Io(e)));
                }
            }
        }
        let cut = if eof {
            block.len()
        } else {
            match last_trace_end(&block) {
                Some(end) => end,
                None if block.len() >= MAX_TRACE => {
                    let kind =
                        LogErrorKind::Xml(format!("a trace is larger than {} MB", MAX_TRACE >> 20));
                    return Err(fail(lines_before + 1, kind));
                }
                None => {
                    // No trace ends in the block yet: read a larger one.
                    block.reserve(block.len());
                    let grown = block.len() * 2;
                    let old = block.len();
                    block.resize(grown, 0);
                    match input.read(&mut block[old..]) {
                        Ok(0) => {
                            block.truncate(old);
                            eof = true;
                        }
                        Ok(n) => block.truncate(old + n),
                        Err(e) => {
                            block.truncate(old);
                            return Err(fail(lines_before + 1, LogErrorKind::Io(e)));
                        }
                    }
                    continue;
                }
            }
        };
        let mut lines = LineCount {
            before: lines_before,
            within: 0,
            upto: 0,
        };
        state
            .parse(&block[..cut], &mut lines)
            .map_err(|(pos, kind)| fail(lines.at(&block[..cut], pos), kind))?;
        lines_before += newlines(&block[lines.upto..cut]) + lines.within;
        block.drain(..cut);
        if eof && block.is_empty() {
            break;
        }
    }
    if !state.seen_root {
        return Err(LogError {
            file: file.to_owned(),
            line: None,
            kind: LogErrorKind::Empty,
        });
    }
    if !state.stack.is_empty() {
        return Err(fail(
            lines_before + 1,
            LogErrorKind::Xml("the file ends before the log is closed".into()),
        ));
    }
    Ok(state.builder.finish())
}

/// Where the last `</trace>` in `block` ends. (A `</trace>` written inside a comment or a
/// CDATA section would cut the block there and make it fail to parse; XES writers put no
/// markup in comments, so this is accepted for twice the speed.)
fn last_trace_end(block: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</trace>";
    block
        .windows(TAG.len())
        .rposition(|w| w == TAG)
        .map(|i| i + TAG.len())
}

impl State {
    /// Parses one block of complete elements (or the file's last bytes).
    ///
    /// # Errors
    /// The byte position in the block and what is wrong.
    fn parse(&mut self, block: &[u8], lines: &mut LineCount) -> Result<(), (usize, LogErrorKind)> {
        let mut reader = Reader::from_reader(block);
        // Blocks begin inside open elements, which quick-xml has not seen: end tags are
        // matched against `self.stack` here instead.
        reader.config_mut().check_end_names = false;
        reader.config_mut().allow_unmatched_ends = true;
        loop {
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = reader.error_position() as usize;
                    return Err((at, LogErrorKind::Xml(e.to_string())));
                }
            };
            let here = || reader.buffer_position() as usize;
            let (e, opens) = match event {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    let open = self.stack.pop();
                    let from = self.stack.last().map_or(0, |&(_, end)| end);
                    let name = e.name();
                    let expected = &self.names[from..];
                    if open.is_none() || expected != name.into_inner() {
                        let message = format!(
                            "the end tag </{}> does not close <{expected}>",
                            name.into_inner()
                        );
                        return Err((here(), LogErrorKind::Xml(message)));
                    }
                    self.names.truncate(from);
                    match open.map(|(s, _)| s) {
                        Some(Scope::Event) => self.finish_event(here(), block, lines)?,
                        Some(Scope::Trace) => self.case = None,
                        _ => {}
                    }
                    continue;
                }
                Event::DocType(_) => return Err((here(), LogErrorKind::Doctype)),
                Event::Eof => return Ok(()),
                _ => continue,
            };
            let parent = self.stack.last().map(|&(s, _)| s);
            let local = e.local_name();
            let local = local.into_inner();
            let scope = match parent {
                None => {
                    if self.seen_root {
                        let message = "the file has a second root element".to_owned();
                        return Err((here(), LogErrorKind::Xml(message)));
                    }
                    self.seen_root = true;
                    if local != "log" {
                        return Err((here(), LogErrorKind::NotXes(local.to_owned())));
                    }
                    Scope::Log
                }
                Some(Scope::Log) if local == "trace" => {
                    self.traces += 1;
                    let name = format!("trace {}", self.traces);
                    self.case = Some(self.builder.new_case(&name));
                    Scope::Trace
                }
                Some(Scope::Trace) if local == "event" => {
                    self.pending.start(here());
                    Scope::Event
                }
                Some(Scope::Trace) => {
                    if let (Some(c), Some((Key::Name, value))) = (self.case, key_value(&e)) {
                        self.builder.rename_case(c, &value);
                    }
                    Scope::Other
                }
                Some(Scope::Event) => {
                    if let (true, Some((key, value))) = (self.pending.open, key_value(&e)) {
                        self.pending.set(key, &value);
                    }
                    Scope::Other
                }
                Some(_) => Scope::Other,
            };
            if opens {
                if self.stack.len() >= MAX_DEPTH {
                    return Err((here(), LogErrorKind::TooDeep));
                }
                self.names.push_str(e.name().into_inner());
                self.stack.push((scope, self.names.len()));
            } else if scope == Scope::Event {
                // `<event/>`: an event with no attributes at all.
                self.finish_event(here(), block, lines)?;
            } else if scope == Scope::Trace {
                self.case = None;
            }
        }
    }

    fn finish_event(
        &mut self,
        pos: usize,
        block: &[u8],
        lines: &mut LineCount,
    ) -> Result<(), (usize, LogErrorKind)> {
        if let (true, Some(c)) = (self.pending.open, self.case) {
            let line = || lines.at(block, self.pending.at);
            finish_event(&mut self.builder, c, &self.pending, line)
                .map_err(|n| (pos, LogErrorKind::TooManyEvents(n)))?;
        }
        self.pending.open = false;
        Ok(())
    }
}

/// The `key` and `value` of an XES attribute element, if it has both and the key is one
/// of those read.
fn key_value<'e>(e: &'e BytesStart<'_>) -> Option<(Key, Cow<'e, str>)> {
    let mut key = None;
    let mut value = None;
    // Duplicate attributes are not looked for (the last one counts): the check costs a
    // tenth of the reading time.
    for a in e.attributes().with_checks(false).flatten() {
        match a.key.into_inner() {
            "key" => {
                let k = plain(a)?;
                key = Some(match &*k {
                    "concept:name" => Key::Name,
                    "org:resource" => Key::Resource,
                    "lifecycle:transition" => Key::Lifecycle,
                    "time:timestamp" => Key::Timestamp,
                    _ => return None,
                });
            }
            "value" => value = Some(plain(a)?),
            _ => {}
        }
    }
    Some((key?, value?))
}

/// An attribute's value as XML reads it: as written when it has no entity and no tab or
/// line break, normalised by quick-xml otherwise.
fn plain(a: quick_xml::events::attributes::Attribute<'_>) -> Option<Cow<'_, str>> {
    let raw = &a.value;
    if !raw
        .bytes()
        .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
    {
        return Some(a.value);
    }
    a.normalized_value(XmlVersion::Implicit1_0)
        .ok()
        .map(|v| Cow::Owned(v.into_owned()))
}

/// Adds a finished event, or counts it as bad when it has no name or an unreadable time.
fn finish_event(
    builder: &mut LogBuilder,
    case: u32,
    p: &Pending,
    line: impl FnOnce() -> u64,
) -> Result<(), u64> {
    let activity = p.activity_text.as_str();
    if p.activity.is_none() || activity.trim().is_empty() {
        builder.bad(line(), "the event has no concept:name (activity)");
        return Ok(());
    }
    let time = match p.time {
        None => NO_TIME,
        Some(Ok(t)) => t,
        Some(Err(())) => {
            builder.bad(
                line(),
                format!(
                    "time:timestamp \"{}\" is not an ISO 8601 date and time",
                    p.bad_time
                ),
            );
            return Ok(());
        }
    };
    let resource = p.resource.map(|()| p.resource_text.as_str());
    builder.event(case, activity, resource, time, p.lifecycle)
}

#[cfg(test)]
mod tests {
    use super::super::{read_log, LogErrorKind, ReadOptions};

    fn opts() -> ReadOptions {
        ReadOptions {
            name: "t.xes".into(),
            ..ReadOptions::default()
        }
    }

    const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <string key="concept:name" value="the log"/>
  <trace>
    <string key="concept:name" value="case &amp; 1"/>
    <event>
      <string key="concept:name" value="Register"/>
      <string key="org:resource" value="Pete"/>
      <date key="time:timestamp" value="2010-12-30T14:32:00.000+01:00"/>
      <string key="note" value="x"><string key="concept:name" value="nested, ignored"/></string>
    </event>
    <event>
      <string key="concept:name" value="Decide"/>
      <date key="time:timestamp" value="not a date"/>
    </event>
    <event>
      <date key="time:timestamp" value="2010-12-30T15:32:00.000+01:00"/>
    </event>
    <event>
      <string key="concept:name" value="Pay"/>
      <date key="time:timestamp" value="2010-12-30T16:32:00Z"/>
    </event>
  </trace>
  <trace/>
</log>"#;

    #[test]
    fn reads_traces_events_and_counts_bad_events_with_lines() {
        let read = read_log(SMALL.as_bytes(), &opts()).unwrap();
        let log = read.log;
        assert_eq!(log.case_count(), 2);
        assert_eq!(log.events, 2);
        let c = log.case(0);
        assert_eq!(c.name, "case & 1");
        let names: Vec<_> = c.activity.iter().map(|&a| log.activities.name(a)).collect();
        assert_eq!(names, ["Register", "Pay"]);
        assert_eq!(log.resources.name(c.resource[0]), "Pete");
        assert_eq!(c.end[1] - c.end[0], 3 * 3600 * 1000);
        assert_eq!(log.bad.count, 2);
        assert_eq!(log.bad.examples[0].line, 12);
        assert!(log.bad.examples[0].reason.contains("not a date"));
        assert_eq!(log.bad.examples[1].line, 16);
        assert_eq!(log.case(1).len(), 0);
    }

    #[test]
    fn blocks_cut_between_traces_read_the_same() {
        let whole = super::read(SMALL.as_bytes(), "t.xes").unwrap();
        let many = format!(
            "{}{}</log>",
            &SMALL[..SMALL.rfind("<trace/>").unwrap()],
            SMALL[SMALL.find("<trace>").unwrap()..SMALL.find("<trace/>").unwrap()].repeat(5)
        );
        let expect = super::read(many.as_bytes(), "t.xes").unwrap();
        for size in [1, 7, 64, 300, 1000] {
            let small = super::read_in_blocks(SMALL.as_bytes(), "t.xes", size).unwrap();
            assert_eq!(small.events, whole.events);
            assert_eq!(small.bad, whole.bad, "block size {size}");
            let log = super::read_in_blocks(many.as_bytes(), "t.xes", size).unwrap();
            assert_eq!((log.case_count(), log.events), (6, 12));
            assert_eq!(log.bad, expect.bad, "block size {size}");
            assert_eq!(
                log.bad.examples.last().unwrap().line,
                expect.bad.examples.last().unwrap().line
            );
        }
        let broken = "<log>\n<trace>\n</trace>\n<trace>\n<event>\n</trace>\n</log>";
        let e = super::read_in_blocks(broken.as_bytes(), "t.xes", 8).unwrap_err();
        assert_eq!(e.line, Some(6), "{e}");
    }

    #[test]
    fn malformed_files_name_the_line() {
        let broken = "<log>\n<trace>\n<event>\n</trace>\n</log>";
        let e = read_log(broken.as_bytes(), &opts()).unwrap_err();
        assert!(matches!(e.kind, LogErrorKind::Xml(_)), "{e}");
        assert_eq!(e.line, Some(4));
        assert!(e
            .to_string()
            .starts_with("t.xes: line 4: the XML is not well-formed"));

        let other = read_log("<definitions/>".as_bytes(), &opts()).unwrap_err();
        assert!(matches!(other.kind, LogErrorKind::NotXes(_)));

        let doctype = "<!DOCTYPE log [<!ENTITY a \"b\">]><log/>";
        let e = read_log(doctype.as_bytes(), &opts()).unwrap_err();
        assert!(matches!(e.kind, LogErrorKind::Doctype));

        let cut = "<log><trace><event>";
        let e = read_log(cut.as_bytes(), &opts()).unwrap_err();
        assert!(matches!(e.kind, LogErrorKind::Xml(_)));
    }

    #[test]
    fn gzip_is_recognised_by_its_bytes() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(SMALL.as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        let read = read_log(&bytes[..], &opts()).unwrap();
        assert!(read.compressed);
        assert_eq!(read.log.events, 2);

        let damaged = &bytes[..bytes.len() / 2];
        let e = read_log(damaged, &opts()).unwrap_err();
        assert!(matches!(e.kind, LogErrorKind::Io(_)), "{e}");
    }
}
