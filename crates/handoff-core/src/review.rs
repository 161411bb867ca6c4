//! When a process is due for review.
//!
//! A process is reviewed on a rhythm that follows its cadence: processes that run weekly or
//! more often are reviewed quarterly, monthly ones semi-annually, everything else yearly.
//! An explicit `review_due` date on the process wins over the rhythm.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{Cadence, Process};

/// How many months may pass between reviews for a cadence.
///
/// Daily processes are reviewed as often as weekly ones: what runs every day drifts at least
/// as fast as what runs every week.
pub fn review_interval_months(cadence: Cadence) -> u32 {
    match cadence {
        Cadence::Daily | Cadence::Weekly => 3,
        Cadence::Monthly => 6,
        Cadence::Quarterly | Cadence::Yearly | Cadence::AsNeeded => 12,
    }
}

/// The date the next review is due: `review_due` when set, otherwise the last review plus
/// the cadence's interval. `None` when the process has never been reviewed and no date is set.
pub fn next_review(process: &Process) -> Option<NaiveDate> {
    process.review_due.or_else(|| {
        process.last_reviewed.and_then(|last| {
            last.checked_add_months(Months::new(review_interval_months(process.cadence)))
        })
    })
}

/// Where a process stands with its review on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "status")]
pub enum ReviewStatus {
    /// Never reviewed and no date set.
    NeverReviewed,
    /// Due on `due`, which is after today by more than [`UPCOMING_DAYS`].
    Current {
        #[cfg_attr(feature = "specta", specta(type = String))]
        due: NaiveDate,
    },
    /// Due within [`UPCOMING_DAYS`] days.
    Upcoming {
        #[cfg_attr(feature = "specta", specta(type = String))]
        due: NaiveDate,
    },
    /// The due date has passed.
    Overdue {
        #[cfg_attr(feature = "specta", specta(type = String))]
        due: NaiveDate,
    },
}

/// How many days ahead a review counts as upcoming.
pub const UPCOMING_DAYS: i64 = 30;

/// The review status of `process` on `today`.
pub fn review_status(process: &Process, today: NaiveDate) -> ReviewStatus {
    match next_review(process) {
        None => ReviewStatus::NeverReviewed,
        Some(due) if due < today => ReviewStatus::Overdue { due },
        Some(due) if (due - today).num_days() <= UPCOMING_DAYS => ReviewStatus::Upcoming { due },
        Some(due) => ReviewStatus::Current { due },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProcessId;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn process(cadence: Cadence, last: &str) -> Process {
        let mut p = Process::blank(ProcessId::from("p"), "P");
        p.cadence = cadence;
        p.last_reviewed = Some(date(last));
        p
    }

    #[test]
    fn interval_follows_cadence() {
        assert_eq!(
            next_review(&process(Cadence::Weekly, "2026-01-31")),
            Some(date("2026-04-30"))
        );
        assert_eq!(
            next_review(&process(Cadence::Monthly, "2026-01-15")),
            Some(date("2026-07-15"))
        );
        assert_eq!(
            next_review(&process(Cadence::AsNeeded, "2026-01-15")),
            Some(date("2027-01-15"))
        );
        assert_eq!(
            next_review(&process(Cadence::Quarterly, "2026-01-15")),
            Some(date("2027-01-15"))
        );
    }

    #[test]
    fn explicit_due_date_wins() {
        let mut p = process(Cadence::Weekly, "2026-01-01");
        p.review_due = Some(date("2026-12-24"));
        assert_eq!(next_review(&p), Some(date("2026-12-24")));
    }

    #[test]
    fn status_on_a_day() {
        let p = process(Cadence::Monthly, "2026-01-15");
        assert_eq!(
            review_status(&p, date("2026-07-16")),
            ReviewStatus::Overdue {
                due: date("2026-07-15")
            }
        );
        assert_eq!(
            review_status(&p, date("2026-07-15")),
            ReviewStatus::Upcoming {
                due: date("2026-07-15")
            }
        );
        assert_eq!(
            review_status(&p, date("2026-03-01")),
            ReviewStatus::Current {
                due: date("2026-07-15")
            }
        );
        let never = Process::blank(ProcessId::from("q"), "Q");
        assert_eq!(
            review_status(&never, date("2026-03-01")),
            ReviewStatus::NeverReviewed
        );
    }
}
