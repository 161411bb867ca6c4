//! The compact form every reader produces: cases as runs of step occurrences, with
//! activity and resource names interned to small integers and times as milliseconds since
//! the Unix epoch (UTC).
//!
//! A reader feeds raw events into a [`LogBuilder`] in any order; [`LogBuilder::finish`]
//! groups them by case, orders each case and pairs `start` events with the `complete`
//! events they belong to. One occurrence costs 24 bytes, so a log of a million events
//! takes about 24 MB once built (and about as much again while it is being built).

use rustc_hash::FxHashMap;
use serde::Serialize;

/// The value of a time that the log does not give.
pub const NO_TIME: i64 = i64::MIN;
/// The id of "no resource".
pub const NO_RESOURCE: u32 = u32::MAX;
/// At most this many bad rows or events are kept as examples; all are counted.
pub const MAX_BAD_EXAMPLES: usize = 100;
/// A log with more events than this is refused (it would not fit the promised memory).
pub const MAX_EVENTS: u64 = 50_000_000;

/// Names interned to dense ids, in order of first appearance.
#[derive(Debug, Clone, Default)]
pub struct Names {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Names {
    /// The id of `name`, adding it when new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }

    /// The name with this id.
    ///
    /// # Panics
    /// When `id` was not handed out by this table.
    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// The id of `name`, if it was interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every name, by id.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|n| &**n)
    }
}

/// What an event says about the activity's life cycle (XES `lifecycle:transition`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lifecycle {
    /// No life cycle given: the event is the activity done.
    #[default]
    None,
    /// The activity was started; its `complete` event follows.
    Start,
    /// The activity was completed.
    Complete,
    /// Anything else (schedule, assign, suspend, ...): counted, not replayed.
    Other,
}

impl Lifecycle {
    /// Reads a transition name, any case.
    pub fn parse(s: &str) -> Lifecycle {
        let s = s.trim();
        if s.is_empty() {
            Lifecycle::None
        } else if s.eq_ignore_ascii_case("complete") || s.eq_ignore_ascii_case("completed") {
            Lifecycle::Complete
        } else if s.eq_ignore_ascii_case("start") || s.eq_ignore_ascii_case("started") {
            Lifecycle::Start
        } else {
            Lifecycle::Other
        }
    }
}

/// A row or event a reader could not use, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// 1-based line in the file (for XES: the line of the `<event>` tag).
    pub line: u64,
    pub reason: String,
}

/// The bad rows of a log: all counted, the first [`MAX_BAD_EXAMPLES`] kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BadRows {
    pub count: u64,
    pub examples: Vec<BadRow>,
}

impl BadRows {
    /// Counts one bad row and keeps it while there is room.
    pub fn add(&mut self, line: u64, reason: impl Into<String>) {
        self.count += 1;
        if self.examples.len() < MAX_BAD_EXAMPLES {
            self.examples.push(BadRow {
                line,
                reason: reason.into(),
            });
        }
    }
}

/// One case's occurrences, as slices of the log's columns.
#[derive(Debug, Clone, Copy)]
pub struct Case<'a> {
    pub name: &'a str,
    /// Activity ids (see [`EventLog::activities`]).
    pub activity: &'a [u32],
    /// Resource ids, [`NO_RESOURCE`] where none.
    pub resource: &'a [u32],
    /// When the activity was started (from its `start` event), [`NO_TIME`] where unknown.
    pub start: &'a [i64],
    /// When it was done, [`NO_TIME`] where unknown.
    pub end: &'a [i64],
}

impl Case<'_> {
    /// How many occurrences the case has.
    pub fn len(&self) -> usize {
        self.activity.len()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.activity.is_empty()
    }
}

/// An event log reduced to what a reality check needs.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    pub activities: Names,
    pub resources: Names,
    case_names: Vec<Box<str>>,
    /// Where each case's occurrences begin; one more entry than there are cases.
    offsets: Vec<u32>,
    activity: Vec<u32>,
    resource: Vec<u32>,
    start: Vec<i64>,
    end: Vec<i64>,
    /// Every event read, whatever its life cycle.
    pub events: u64,
    /// Events whose life cycle is neither start nor complete; not replayed.
    pub other_lifecycle: u64,
    /// Rows or events that could not be used.
    pub bad: BadRows,
}

impl EventLog {
    /// How many cases the log has.
    pub fn case_count(&self) -> usize {
        self.case_names.len()
    }

    /// How many occurrences (completed activities) the log has.
    pub fn occurrence_count(&self) -> usize {
        self.activity.len()
    }

    /// The case at `i`, in the order the log gave them.
    ///
    /// # Panics
    /// When `i >= case_count()`.
    pub fn case(&self, i: usize) -> Case<'_> {
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        Case {
            name: &self.case_names[i],
            activity: &self.activity[a..b],
            resource: &self.resource[a..b],
            start: &self.start[a..b],
            end: &self.end[a..b],
        }
    }

    /// Every case, in log order.
    pub fn cases(&self) -> impl Iterator<Item = Case<'_>> {
        (0..self.case_count()).map(|i| self.case(i))
    }
}

/// One raw event, as kept between reading and [`LogBuilder::finish`].
#[derive(Debug, Clone, Copy)]
struct Raw {
    case: u32,
    seq: u32,
    activity: u32,
    resource: u32,
    time: i64,
    /// A start time the row itself gives (a CSV start-time column).
    start: i64,
    lifecycle: Lifecycle,
}

/// How events of one case are put in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As the file lists them, case after case (XES: a trace is an ordered list and
    /// comes whole). Each case is finished as soon as the next begins, so no event is kept
    /// twice. Events must not go back to an earlier case: they would join the current one.
    AsRead,
    /// By time, ties in file order (CSV rows of a case may come in any order).
    ByTime,
}

/// Collects raw events and builds an [`EventLog`].
#[derive(Debug)]
pub struct LogBuilder {
    log: EventLog,
    case_ids: FxHashMap<Box<str>, u32>,
    /// [`Order::ByTime`]: every event; [`Order::AsRead`]: the current case's.
    raw: Vec<Raw>,
    order: Order,
    /// [`Order::AsRead`]: the case being read.
    current: Option<u32>,
    /// Cases whose occurrences are in the columns already.
    emitted: u32,
    /// Starts not yet paired with a completion, while a case is emitted.
    open: Vec<(u32, i64)>,
}

impl LogBuilder {
    /// An empty builder.
    pub fn new(order: Order) -> Self {
        LogBuilder {
            log: EventLog::default(),
            case_ids: FxHashMap::default(),
            raw: Vec::new(),
            order,
            current: None,
            emitted: 0,
            open: Vec::new(),
        }
    }

    /// Starts a new case that no other shares, even when the name repeats (an XES trace).
    pub fn new_case(&mut self, name: &str) -> u32 {
        let id = self.log.case_names.len() as u32;
        self.log.case_names.push(name.into());
        id
    }

    /// The case with this name, started when first seen (a CSV case id).
    pub fn case_named(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.case_ids.get(name) {
            return id;
        }
        let id = self.new_case(name);
        self.case_ids.insert(name.into(), id);
        id
    }

    /// Renames a case (an XES trace names itself after its first events may be read).
    pub fn rename_case(&mut self, case: u32, name: &str) {
        if let Some(n) = self.log.case_names.get_mut(case as usize) {
            *n = name.into();
        }
    }

    /// Counts a bad row.
    pub fn bad(&mut self, line: u64, reason: impl Into<String>) {
        self.log.bad.add(line, reason);
    }

    /// How many events have been added.
    pub fn events(&self) -> u64 {
        self.log.events
    }

    /// Adds one event of `case` at `time` ([`NO_TIME`] when unknown).
    ///
    /// # Errors
    /// When the log already holds [`MAX_EVENTS`] events.
    pub fn event(
        &mut self,
        case: u32,
        activity: &str,
        resource: Option<&str>,
        time: i64,
        lifecycle: Lifecycle,
    ) -> Result<(), u64> {
        self.event_from(case, activity, resource, NO_TIME, time, lifecycle)
    }

    /// Adds one event of `case` that says itself when the work started (a CSV row with a
    /// start-time column); `start` is [`NO_TIME`] when unknown.
    ///
    /// # Errors
    /// When the log already holds [`MAX_EVENTS`] events.
    pub fn event_from(
        &mut self,
        case: u32,
        activity: &str,
        resource: Option<&str>,
        start: i64,
        time: i64,
        lifecycle: Lifecycle,
    ) -> Result<(), u64> {
        if self.log.events >= MAX_EVENTS {
            return Err(MAX_EVENTS);
        }
        if self.order == Order::AsRead && self.current != Some(case) {
            self.flush();
            self.current = Some(case.max(self.current.unwrap_or(0)));
        }
        let seq = self.raw.len() as u32;
        let activity = self.log.activities.intern(activity);
        let resource = match resource {
            Some(r) if !r.trim().is_empty() => self.log.resources.intern(r),
            _ => NO_RESOURCE,
        };
        self.log.events += 1;
        self.raw.push(Raw {
            case,
            seq,
            activity,
            resource,
            time,
            start,
            lifecycle,
        });
        Ok(())
    }

    /// Puts the occurrences of `case` (its events `raws`, in order) into the columns,
    /// pairing each completion with the oldest open start of the same activity.
    fn emit(&mut self, case: u32, raws: &[Raw]) {
        let log = &mut self.log;
        while self.emitted <= case {
            log.offsets.push(log.activity.len() as u32);
            self.emitted += 1;
        }
        self.open.clear();
        for r in raws {
            match r.lifecycle {
                Lifecycle::Start => self.open.push((r.activity, r.time)),
                Lifecycle::Other => log.other_lifecycle += 1,
                Lifecycle::None | Lifecycle::Complete => {
                    let paired = self.open.iter().position(|&(a, _)| a == r.activity);
                    let start = match paired {
                        Some(k) => self.open.remove(k).1,
                        None => r.start,
                    };
                    log.activity.push(r.activity);
                    log.resource.push(r.resource);
                    log.start.push(start);
                    log.end.push(r.time);
                }
            }
        }
    }

    /// [`Order::AsRead`]: emits the case being read.
    fn flush(&mut self) {
        if let Some(case) = self.current {
            let raws = std::mem::take(&mut self.raw);
            self.emit(case, &raws);
            self.raw = raws;
            self.raw.clear();
        }
    }

    /// Groups the events by case, orders them, pairs starts with completions and returns
    /// the log.
    ///
    /// # Complexity
    /// O(e log e) for e events ([`Order::ByTime`]); O(e) for [`Order::AsRead`].
    pub fn finish(mut self) -> EventLog {
        match self.order {
            Order::AsRead => self.flush(),
            Order::ByTime => {
                let mut raw = std::mem::take(&mut self.raw);
                if !raw.is_sorted_by_key(|r| (r.case, r.time)) {
                    raw.sort_by_key(|r| (r.case, r.time, r.seq));
                }
                let n = raw.len();
                self.log.activity.reserve_exact(n);
                self.log.resource.reserve_exact(n);
                self.log.start.reserve_exact(n);
                self.log.end.reserve_exact(n);
                for run in raw.chunk_by(|a, b| a.case == b.case) {
                    self.emit(run[0].case, run);
                }
            }
        }
        let cases = self.log.case_names.len() as u32;
        let log = &mut self.log;
        while self.emitted < cases {
            log.offsets.push(log.activity.len() as u32);
            self.emitted += 1;
        }
        log.offsets.push(log.activity.len() as u32);
        self.log
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_pair_with_their_completions_and_cases_group() {
        let mut b = LogBuilder::new(Order::ByTime);
        let c1 = b.case_named("c1");
        let c2 = b.case_named("c2");
        b.event(c1, "B", None, 30, Lifecycle::None).unwrap();
        b.event(c2, "A", Some("ann"), 5, Lifecycle::Start).unwrap();
        b.event(c1, "A", None, 10, Lifecycle::None).unwrap();
        b.event(c2, "A", Some("ann"), 7, Lifecycle::Complete)
            .unwrap();
        b.event(c2, "A", Some("ann"), 8, Lifecycle::Other).unwrap();
        assert_eq!(b.case_named("c1"), c1);
        let log = b.finish();
        assert_eq!(log.events, 5);
        assert_eq!(log.case_count(), 2);
        assert_eq!(log.other_lifecycle, 1);
        let one = log.case(0);
        assert_eq!(one.name, "c1");
        let names: Vec<_> = one
            .activity
            .iter()
            .map(|&a| log.activities.name(a))
            .collect();
        assert_eq!(names, ["A", "B"]);
        let two = log.case(1);
        assert_eq!(two.len(), 1);
        assert_eq!((two.start[0], two.end[0]), (5, 7));
        assert_eq!(log.resources.name(two.resource[0]), "ann");
    }
}
