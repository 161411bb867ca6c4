//! CSV event logs, as spreadsheets, help desks and CRMs export them: one row an event, a
//! header row naming the columns. The delimiter, which columns hold the case, activity,
//! timestamp, resource and life cycle, and the date format are guessed from the header and
//! the first rows, and reported ([`CsvGuess`]) so the user can confirm or correct them
//! ([`CsvOptions`]).

use std::io::BufRead;

use ::csv::{ReaderBuilder, StringRecord};
use serde::Serialize;

use super::{LogError, LogErrorKind, ReadOptions};
use crate::log::{EventLog, Lifecycle, LogBuilder, Order, NO_TIME};
use crate::time::{guess_format, parse_with, DateGuess};

/// Rows read before the columns and the date format are guessed.
const SAMPLE_ROWS: usize = 1000;

/// What the user says about a CSV file; anything left `None` is guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvOptions {
    pub delimiter: Option<u8>,
    /// Column names (as in the header, any case).
    pub case: Option<String>,
    pub activity: Option<String>,
    pub timestamp: Option<String>,
    pub start_timestamp: Option<String>,
    pub resource: Option<String>,
    pub lifecycle: Option<String>,
    /// [`crate::time::ISO`] or a chrono pattern such as `%d/%m/%Y %H:%M`.
    pub date_format: Option<String>,
}

/// How a CSV file was read: shown to the user for confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsvGuess {
    pub delimiter: String,
    /// Every column of the header, in order.
    pub columns: Vec<String>,
    pub case: String,
    pub activity: String,
    pub timestamp: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_timestamp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<String>,
    pub date_format: DateGuess,
}

/// Header names (lower case, letters and digits only) that say what a column holds, best
/// first.
const CASE_NAMES: &[&str] = &[
    "caseid",
    "caseconceptname",
    "case",
    "casename",
    "casenumber",
    "caseidentifier",
    "ticketid",
    "ticket",
    "ticketnumber",
    "orderid",
    "order",
    "processinstance",
    "instanceid",
    "traceid",
    "trace",
];
const ACTIVITY_NAMES: &[&str] = &[
    "activity",
    "conceptname",
    "activityname",
    "activityid",
    "eventname",
    "event",
    "task",
    "taskname",
    "action",
    "step",
    "status",
];
const TIME_NAMES: &[&str] = &[
    "timestamp",
    "timetimestamp",
    "completetimestamp",
    "endtimestamp",
    "endtime",
    "completetime",
    "completedat",
    "datetime",
    "time",
    "date",
    "eventtime",
    "createdat",
];
const START_NAMES: &[&str] = &["starttimestamp", "starttime", "startedat", "start"];
const RESOURCE_NAMES: &[&str] = &[
    "resource",
    "orgresource",
    "user",
    "username",
    "agent",
    "assignee",
    "assignedto",
    "owner",
    "performer",
    "employee",
    "handler",
    "actor",
    "orgrole",
    "role",
];
const LIFECYCLE_NAMES: &[&str] = &[
    "lifecycletransition",
    "lifecycle",
    "transition",
    "eventtype",
];

/// A header name reduced to lower-case letters and digits.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The delimiter of the first line: the most frequent of `,`, `;`, tab and `|` outside
/// quotes (a comma when none occurs).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let mut counts = [0usize; 4];
    let cands = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = cands.iter().position(|&c| c == b) {
                counts[i] += 1;
            }
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], std::cmp::Reverse(i)));
    match best {
        Some(i) if counts[i] > 0 => cands[i],
        _ => b',',
    }
}

/// Reads a CSV log.
///
/// # Errors
/// [`LogErrorKind::NoHeader`], [`LogErrorKind::Columns`] when the case or activity column
/// (or a named one) cannot be found, [`LogErrorKind::DateFormat`] when no format reads the
/// timestamps, [`LogErrorKind::Io`], [`LogErrorKind::TooManyEvents`].
pub(super) fn read<R: BufRead>(
    mut input: R,
    options: &ReadOptions,
) -> Result<(EventLog, CsvGuess), LogError> {
    let file = options.name.as_str();
    let fail = |line: Option<u64>, kind| LogError {
        file: file.to_owned(),
        line,
        kind,
    };
    let opts = &options.csv;
    let delimiter = match opts.delimiter {
        Some(d) => d,
        None => sniff_delimiter(input.fill_buf().map_err(|e| fail(None, e.into()))?),
    };
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(input);
    let headers = match reader.headers() {
        Ok(h) if h.iter().any(|c| !c.trim().is_empty()) => h.clone(),
        Ok(_) => return Err(fail(Some(1), LogErrorKind::NoHeader)),
        Err(e) => return Err(fail(Some(1), csv_error(e))),
    };
    let columns: Vec<String> = headers
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();

    let mut builder = LogBuilder::new(Order::ByTime);
    let mut sample: Vec<(StringRecord, u64)> = Vec::new();
    let mut record = StringRecord::new();
    let mut done = false;
    while sample.len() < SAMPLE_ROWS {
        match next(&mut reader, &mut record, &mut builder).map_err(|k| fail(None, k))? {
            Some(line) => sample.push((record.clone(), line)),
            None => {
                done = true;
                break;
            }
        }
    }

    let cols = Columns::choose(&columns, opts, &sample).map_err(|m| fail(None, m))?;
    let samples_of = |c: usize| sample.iter().filter_map(move |(r, _)| r.get(c));
    let date_format = match &opts.date_format {
        Some(f) => DateGuess {
            format: f.clone(),
            ambiguous: None,
        },
        None => {
            let all = samples_of(cols.timestamp).chain(cols.start.into_iter().flat_map(samples_of));
            guess_format(all).ok_or_else(|| {
                let example = samples_of(cols.timestamp)
                    .find(|s| !s.trim().is_empty())
                    .unwrap_or("");
                fail(
                    None,
                    LogErrorKind::DateFormat(format!(
                        "no known date format reads the column \"{}\" (for example \"{example}\"); give the format with --date-format",
                        columns[cols.timestamp]
                    )),
                )
            })?
        }
    };

    let width = columns.len();
    let row = |r: &StringRecord, line: u64, b: &mut LogBuilder| -> Result<(), LogErrorKind> {
        if r.len() < width {
            b.bad(
                line,
                format!("the row has {} fields, the header {width}", r.len()),
            );
            return Ok(());
        }
        let field = |c: usize| r.get(c).unwrap_or("").trim();
        let case = field(cols.case);
        let activity = field(cols.activity);
        if case.is_empty() {
            b.bad(line, format!("no case id in \"{}\"", columns[cols.case]));
            return Ok(());
        }
        if activity.is_empty() {
            b.bad(
                line,
                format!("no activity in \"{}\"", columns[cols.activity]),
            );
            return Ok(());
        }
        let when = field(cols.timestamp);
        let Some(time) = parse_with(when, &date_format.format) else {
            b.bad(
                line,
                format!(
                    "\"{when}\" in \"{}\" does not match the date format {}",
                    columns[cols.timestamp], date_format.format
                ),
            );
            return Ok(());
        };
        let start = match cols.start.map(field) {
            None | Some("") => NO_TIME,
            Some(s) => match parse_with(s, &date_format.format) {
                Some(t) => t,
                None => {
                    b.bad(
                        line,
                        format!(
                            "\"{s}\" does not match the date format {}",
                            date_format.format
                        ),
                    );
                    return Ok(());
                }
            },
        };
        let resource = cols.resource.map(field);
        let lifecycle = cols
            .lifecycle
            .map_or(Lifecycle::None, |c| Lifecycle::parse(field(c)));
        let id = b.case_named(case);
        b.event_from(id, activity, resource, start, time, lifecycle)
            .map_err(LogErrorKind::TooManyEvents)
    };
    for (r, line) in &sample {
        row(r, *line, &mut builder).map_err(|k| fail(Some(*line), k))?;
    }
    drop(sample);
    if !done {
        while let Some(line) =
            next(&mut reader, &mut record, &mut builder).map_err(|k| fail(None, k))?
        {
            row(&record, line, &mut builder).map_err(|k| fail(Some(line), k))?;
        }
    }
    let name = |c: usize| columns[c].clone();
    let guess = CsvGuess {
        delimiter: (delimiter as char).to_string(),
        case: name(cols.case),
        activity: name(cols.activity),
        timestamp: name(cols.timestamp),
        start_timestamp: cols.start.map(name),
        resource: cols.resource.map(name),
        lifecycle: cols.lifecycle.map(name),
        date_format,
        columns,
    };
    Ok((builder.finish(), guess))
}

/// Reads the next record into `record`, returning its line; a record that is not valid
/// (bad UTF-8, an unclosed quote) is counted as a bad row and skipped.
fn next<R: std::io::Read>(
    reader: &mut ::csv::Reader<R>,
    record: &mut StringRecord,
    builder: &mut LogBuilder,
) -> Result<Option<u64>, LogErrorKind> {
    loop {
        match reader.read_record(record) {
            Ok(false) => return Ok(None),
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                return Ok(Some(line));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                match e.into_kind() {
                    ::csv::ErrorKind::Io(io) => return Err(LogErrorKind::Io(io)),
                    ::csv::ErrorKind::Utf8 { .. } => {
                        builder.bad(line, "the row is not valid UTF-8 text")
                    }
                    other => builder.bad(line, format!("{other:?}")),
                }
            }
        }
    }
}

fn csv_error(e: ::csv::Error) -> LogErrorKind {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => LogErrorKind::Io(io),
        ::csv::ErrorKind::Utf8 { .. } => LogErrorKind::NoHeader,
        other => LogErrorKind::Columns(format!("the header row cannot be read: {other:?}")),
    }
}

/// Which column holds what, by position.
#[derive(Debug, Clone, Copy)]
struct Columns {
    case: usize,
    activity: usize,
    timestamp: usize,
    start: Option<usize>,
    resource: Option<usize>,
    lifecycle: Option<usize>,
}

impl Columns {
    /// Picks the columns: those the user named, else by header name, else the case,
    /// activity and timestamp are the first three columns when the third holds dates.
    fn choose(
        columns: &[String],
        opts: &CsvOptions,
        sample: &[(StringRecord, u64)],
    ) -> Result<Columns, LogErrorKind> {
        let squashed: Vec<String> = columns.iter().map(|c| squash(c)).collect();
        let mut taken: Vec<usize> = Vec::new();
        let named = |name: &Option<String>, what: &str| -> Result<Option<usize>, LogErrorKind> {
            let Some(name) = name else { return Ok(None) };
            let want = squash(name);
            match squashed.iter().position(|c| *c == want) {
                Some(i) => Ok(Some(i)),
                None => Err(LogErrorKind::Columns(format!(
                    "there is no column \"{name}\" for the {what}; the columns are {}",
                    list(columns)
                ))),
            }
        };
        let by_name = |names: &[&str], taken: &[usize]| -> Option<usize> {
            names.iter().find_map(|n| {
                (0..squashed.len()).find(|&i| squashed[i] == *n && !taken.contains(&i))
            })
        };
        let dates = |c: usize| {
            let vals = sample.iter().filter_map(|(r, _)| r.get(c));
            guess_format(vals).is_some()
        };
        let pick = |given: Option<usize>, names: &[&str], taken: &mut Vec<usize>| {
            let c = given.or_else(|| by_name(names, taken));
            if let Some(c) = c {
                taken.push(c);
            }
            c
        };
        let case = pick(named(&opts.case, "case id")?, CASE_NAMES, &mut taken);
        let activity = pick(
            named(&opts.activity, "activity")?,
            ACTIVITY_NAMES,
            &mut taken,
        );
        let timestamp = pick(named(&opts.timestamp, "timestamp")?, TIME_NAMES, &mut taken);
        let start = pick(
            named(&opts.start_timestamp, "start time")?,
            START_NAMES,
            &mut taken,
        );
        let resource = pick(
            named(&opts.resource, "resource")?,
            RESOURCE_NAMES,
            &mut taken,
        );
        let lifecycle = pick(
            named(&opts.lifecycle, "life cycle")?,
            LIFECYCLE_NAMES,
            &mut taken,
        );
        // A start column that holds no dates is not one.
        let start = start.filter(|&c| dates(c));
        let (case, activity, timestamp) = match (case, activity, timestamp) {
            (Some(c), Some(a), Some(t)) => (c, a, t),
            (c, a, t) if columns.len() >= 3 && c.or(a).or(t).is_none() && dates(2) => {
                (c.unwrap_or(0), a.unwrap_or(1), t.unwrap_or(2))
            }
            (c, a, t) => {
                let missing: Vec<&str> = [(c, "case id"), (a, "activity"), (t, "timestamp")]
                    .into_iter()
                    .filter(|(x, _)| x.is_none())
                    .map(|(_, w)| w)
                    .collect();
                return Err(LogErrorKind::Columns(format!(
                    "cannot tell which column holds the {}; the columns are {}; name them with --case-column, --activity-column and --timestamp-column",
                    missing.join(" and the "),
                    list(columns)
                )));
            }
        };
        Ok(Columns {
            case,
            activity,
            timestamp,
            start,
            resource,
            lifecycle,
        })
    }
}

fn list(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::{read_log, LogErrorKind, ReadOptions};
    use super::*;

    fn read(text: &str) -> Result<super::super::ReadLog, super::super::LogError> {
        read_log(
            text.as_bytes(),
            &ReadOptions {
                name: "log.csv".into(),
                ..ReadOptions::default()
            },
        )
    }

    #[test]
    fn guesses_columns_delimiter_and_date_format() {
        let text = "Ticket ID;Status;Assigned To;Created At;Priority\n\
                    T-2;Closed;bo;14/03/2024 10:00;low\n\
                    T-1;Opened;ann;13/03/2024 09:00;high\n\
                    T-1;Closed;bo;13/03/2024 17:30;high\n\
                    T-2;Opened;ann;14/03/2024 08:00;low\n";
        let read = read(text).unwrap();
        let g = read.csv.unwrap();
        assert_eq!(g.delimiter, ";");
        assert_eq!(
            (g.case.as_str(), g.activity.as_str()),
            ("Ticket ID", "Status")
        );
        assert_eq!(g.timestamp, "Created At");
        assert_eq!(g.resource.as_deref(), Some("Assigned To"));
        assert_eq!(g.date_format.format, "%d/%m/%Y %H:%M");
        let log = read.log;
        assert_eq!((log.case_count(), log.events), (2, 4));
        // Rows of a case are put in time order.
        let t2 = log.case(0);
        assert_eq!(t2.name, "T-2");
        assert_eq!(log.activities.name(t2.activity[0]), "Opened");
    }

    #[test]
    fn bad_rows_are_counted_with_their_lines() {
        let text = "case,activity,timestamp\n\
                    1,A,2024-01-01T10:00:00Z\n\
                    1,,2024-01-01T11:00:00Z\n\
                    ,B,2024-01-01T11:00:00Z\n\
                    1,B,someday\n\
                    1,C\n\
                    1,D,2024-01-01T12:00:00Z\n";
        let read = read(text).unwrap();
        assert_eq!(read.log.events, 2);
        let lines: Vec<u64> = read.log.bad.examples.iter().map(|b| b.line).collect();
        assert_eq!(lines, [3, 4, 5, 6]);
        assert_eq!(read.log.bad.count, 4);
        assert!(read.log.bad.examples[2].reason.contains("someday"));
    }

    #[test]
    fn unknown_columns_and_dates_are_clear_errors() {
        let e = read("a,b\nx,y\n").unwrap_err();
        assert!(matches!(e.kind, LogErrorKind::Columns(_)));
        assert!(e.to_string().contains("\"a\", \"b\""), "{e}");
        let e = read("case,activity,timestamp\n1,A,tomorrow\n").unwrap_err();
        assert!(matches!(e.kind, LogErrorKind::DateFormat(_)), "{e}");
        assert!(e.to_string().starts_with("log.csv: "));
        let e = read_log(
            "case,activity,timestamp\n1,A,2024-01-01\n".as_bytes(),
            &ReadOptions {
                name: "log.csv".into(),
                csv: CsvOptions {
                    resource: Some("who".into()),
                    ..CsvOptions::default()
                },
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("no column \"who\""), "{e}");
    }

    #[test]
    fn unnamed_columns_fall_back_to_case_activity_time() {
        let read =
            read("c1,c2,c3\n7,Pay,2024-01-02 10:00:00\n7,Ship,2024-01-03 10:00:00\n").unwrap();
        let g = read.csv.unwrap();
        assert_eq!((g.case.as_str(), g.timestamp.as_str()), ("c1", "c3"));
        assert_eq!(read.log.events, 2);
    }
}
