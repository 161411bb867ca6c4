//! XES (IEEE 1849) in one streaming pass with quick-xml: only the attributes a reality check
//! uses are kept (`concept:name` of traces and events, `org:resource`, `time:timestamp`,
//! `lifecycle:transition`); everything else is skipped as it streams past.

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

use super::lines::Lines;
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
    line: u64,
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
    fn start(&mut self, line: u64) {
        self.open = true;
        self.line = line;
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

/// Reads an XES log.
///
/// # Errors
/// [`LogErrorKind::Xml`] for malformed XML, [`LogErrorKind::Doctype`],
/// [`LogErrorKind::TooDeep`], [`LogErrorKind::NotXes`], [`LogErrorKind::Io`] (also for
/// damaged gzip data), [`LogErrorKind::TooManyEvents`]; each with the line.
pub(super) fn read<R: BufRead>(input: Lines<R>, file: &str) -> Result<EventLog, LogError> {
    let mut reader = Reader::from_reader(input);
    // Mismatched end tags are still refused: the element stack below tracks every open
    // element and the file must close them all.
    reader.config_mut().check_end_names = true;
    let mut builder = LogBuilder::new(Order::AsRead);
    let mut buf = Vec::with_capacity(1024);
    let mut stack: Vec<Scope> = Vec::with_capacity(16);
    let mut case: Option<u32> = None;
    let mut traces = 0u64;
    let mut pending = Pending::default();
    let mut seen_root = false;
    let fail = |reader: &Reader<Lines<R>>, kind| LogError {
        file: file.to_owned(),
        line: Some(reader.get_ref().line()),
        kind,
    };
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(quick_xml::Error::Io(e)) => {
                let kind = LogErrorKind::Io(std::io::Error::new(e.kind(), e.to_string()));
                return Err(fail(&reader, kind));
            }
            Err(e) => return Err(fail(&reader, LogErrorKind::Xml(e.to_string()))),
        };
        let (e, opens) = match event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(_) => {
                match stack.pop() {
                    Some(Scope::Event) => {
                        if let (true, Some(c)) = (pending.open, case) {
                            finish_event(&mut builder, c, &pending)
                                .map_err(|n| fail(&reader, LogErrorKind::TooManyEvents(n)))?;
                        }
                        pending.open = false;
                    }
                    Some(Scope::Trace) => case = None,
                    _ => {}
                }
                continue;
            }
            Event::DocType(_) => return Err(fail(&reader, LogErrorKind::Doctype)),
            Event::Eof => break,
            _ => continue,
        };
        let parent = stack.last().copied();
        let name = e.local_name();
        let name = name.into_inner();
        let scope = match parent {
            None => {
                seen_root = true;
                if name != "log" {
                    return Err(fail(&reader, LogErrorKind::NotXes(name.to_owned())));
                }
                Scope::Log
            }
            Some(Scope::Log) if name == "trace" => {
                traces += 1;
                case = Some(builder.new_case(&format!("trace {traces}")));
                Scope::Trace
            }
            Some(Scope::Trace) if name == "event" => {
                pending.start(reader.get_ref().line());
                Scope::Event
            }
            Some(Scope::Trace) => {
                if let (Some(c), Some((Key::Name, value))) = (case, key_value(&e)) {
                    builder.rename_case(c, &value);
                }
                Scope::Other
            }
            Some(Scope::Event) => {
                if let (true, Some((key, value))) = (pending.open, key_value(&e)) {
                    let p = &mut pending;
                    match key {
                        Key::Name => {
                            p.activity = Some(());
                            p.activity_text.clear();
                            p.activity_text.push_str(&value);
                        }
                        Key::Resource => {
                            p.resource = Some(());
                            p.resource_text.clear();
                            p.resource_text.push_str(&value);
                        }
                        Key::Lifecycle => p.lifecycle = Lifecycle::parse(&value),
                        Key::Timestamp => {
                            p.time = Some(parse_iso(&value).ok_or(()));
                            if p.time == Some(Err(())) {
                                p.bad_time.clear();
                                p.bad_time.push_str(&value);
                            }
                        }
                    }
                }
                Scope::Other
            }
            Some(_) => Scope::Other,
        };
        if opens {
            if stack.len() >= MAX_DEPTH {
                return Err(fail(&reader, LogErrorKind::TooDeep));
            }
            stack.push(scope);
        } else if scope == Scope::Event {
            // `<event/>`: an event with no attributes at all.
            if let Some(c) = case {
                finish_event(&mut builder, c, &pending)
                    .map_err(|n| fail(&reader, LogErrorKind::TooManyEvents(n)))?;
            }
            pending.open = false;
        } else if scope == Scope::Trace {
            case = None;
        }
    }
    if !seen_root {
        return Err(LogError {
            file: file.to_owned(),
            line: None,
            kind: LogErrorKind::Empty,
        });
    }
    if !stack.is_empty() {
        return Err(fail(
            &reader,
            LogErrorKind::Xml("the file ends before the log is closed".into()),
        ));
    }
    Ok(builder.finish())
}

/// The `key` and `value` of an XES attribute element, if it has both and the key is one
/// of those read.
fn key_value<'e>(e: &'e BytesStart<'_>) -> Option<(Key, Cow<'e, str>)> {
    let mut key = None;
    let mut value = None;
    for a in e.attributes().flatten() {
        match a.key.into_inner() {
            "key" => {
                key = Some(match &*a.normalized_value(XmlVersion::Implicit1_0).ok()? {
                    "concept:name" => Key::Name,
                    "org:resource" => Key::Resource,
                    "lifecycle:transition" => Key::Lifecycle,
                    "time:timestamp" => Key::Timestamp,
                    _ => return None,
                });
            }
            "value" => value = Some(a.normalized_value(XmlVersion::Implicit1_0).ok()?),
            _ => {}
        }
    }
    Some((key?, value?))
}

/// Adds a finished event, or counts it as bad when it has no name or an unreadable time.
fn finish_event(builder: &mut LogBuilder, case: u32, p: &Pending) -> Result<(), u64> {
    let activity = p.activity_text.as_str();
    if p.activity.is_none() || activity.trim().is_empty() {
        builder.bad(p.line, "the event has no concept:name (activity)");
        return Ok(());
    }
    let time = match p.time {
        None => NO_TIME,
        Some(Ok(t)) => t,
        Some(Err(())) => {
            builder.bad(
                p.line,
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
