//! Timestamps: XES's `xs:dateTime` and the many ways spreadsheets, help desks and CRMs write
//! dates in CSV files. Every time becomes milliseconds since the Unix epoch; a time with no
//! offset is taken as UTC (only differences between times of one log are ever used).

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Serialize;

/// ISO 8601 / RFC 3339 with an offset or `Z` (`2010-12-30T14:32:00.000+01:00`), also with a
/// space for the `T`, or without an offset (taken as UTC).
pub const ISO: &str = "ISO 8601";

/// The formats a CSV date column is tried against, in order of preference. Day-first
/// formats come before month-first ones: when every sampled date fits both, the guess says
/// so ([`DateGuess::ambiguous`]) and the user confirms.
pub const CANDIDATES: &[&str] = &[
    ISO,
    "%Y/%m/%d %H:%M:%S%.f",
    "%Y/%m/%d %H:%M",
    "%d/%m/%Y %H:%M:%S%.f",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S%.f",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%d.%m.%Y %H:%M:%S%.f",
    "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M:%S%.f",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d %b %Y %H:%M:%S",
    "%d %b %Y %H:%M",
    "%d %b %Y",
    "%b %d %Y %H:%M:%S",
];

/// Milliseconds since the epoch of an ISO 8601 time, or `None` when it is not one.
pub fn parse_iso(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Some(t) = parse_iso_plain(s) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp_millis());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(t.timestamp_millis());
        }
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc().timestamp_millis());
        }
    }
    None
}

/// The shape nearly every XES file writes, `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`, read
/// without chrono's general parser (a log has a timestamp per event, and this is about
/// ten times faster); chrono still checks the date and does the calendar arithmetic.
/// `None` for anything else, which [`parse_iso`] then hands to chrono.
fn parse_iso_plain(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
    let time = date.and_hms_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?)?;
    let mut rest = &b[19..];
    let mut millis = 0i64;
    if let Some((b'.', digits)) = rest.split_first() {
        let n = digits.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        for k in 0..3 {
            millis = millis * 10
                + digits
                    .get(k)
                    .filter(|_| k < n)
                    .map_or(0, |&c| i64::from(c - b'0'));
        }
        rest = &digits[n..];
    }
    let offset_minutes: i64 = match rest {
        [] | [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let digit = |c: &u8| c.is_ascii_digit().then(|| i64::from(c - b'0'));
            let minutes = (digit(h1)? * 10 + digit(h2)?) * 60 + digit(m1)? * 10 + digit(m2)?;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    Some(time.and_utc().timestamp_millis() + millis - offset_minutes * 60_000)
}

/// Milliseconds since the epoch of `s` read with `format` ([`ISO`] or a chrono pattern),
/// or `None` when it does not fit.
pub fn parse_with(s: &str, format: &str) -> Option<i64> {
    if format == ISO {
        return parse_iso(s);
    }
    let s = s.trim();
    if format.contains("%z") || format.contains("%:z") {
        return DateTime::parse_from_str(s, format)
            .ok()
            .map(|t| t.timestamp_millis());
    }
    if format.contains("%H") || format.contains("%I") {
        return NaiveDateTime::parse_from_str(s, format)
            .ok()
            .map(|t| t.and_utc().timestamp_millis());
    }
    NaiveDate::parse_from_str(s, format)
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_millis())
}

/// The date format guessed for a column, for the user to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateGuess {
    /// [`ISO`] or a chrono pattern such as `%d/%m/%Y %H:%M`.
    pub format: String,
    /// Another format that reads every sampled value too (day and month could be either
    /// way round).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ambiguous: Option<String>,
}

/// The format of [`CANDIDATES`] that reads the most non-empty samples, provided it reads
/// at least 80% of them (a few bad rows must not hide the format; they are reported as
/// bad rows later), with another that reads just as many; `None` when no format qualifies.
/// Ties go to the earlier candidate.
///
/// # Complexity
/// O(samples × candidates).
pub fn guess_format<'a>(samples: impl Iterator<Item = &'a str> + Clone) -> Option<DateGuess> {
    let total = samples.clone().filter(|s| !s.trim().is_empty()).count();
    if total == 0 {
        return None;
    }
    let mut scored: Vec<(usize, &str)> = CANDIDATES
        .iter()
        .map(|f| {
            let read = samples
                .clone()
                .filter(|s| !s.trim().is_empty() && parse_with(s, f).is_some())
                .count();
            (read, *f)
        })
        .filter(|&(read, _)| read * 5 >= total * 4)
        .collect();
    // Stable: equal counts keep the candidates' order.
    scored.sort_by_key(|&(read, _)| std::cmp::Reverse(read));
    let (best, format) = *scored.first()?;
    Some(DateGuess {
        format: format.to_owned(),
        ambiguous: scored
            .get(1)
            .filter(|&&(read, _)| read == best)
            .map(|&(_, f)| f.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_times_with_and_without_offsets() {
        let a = parse_iso("2010-12-30T14:32:00.000+01:00").unwrap();
        let b = parse_iso("2010-12-30T13:32:00Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(parse_iso("2010-12-30 13:32:00"), Some(b));
        assert_eq!(parse_iso("2010-12-30T13:32:00.5"), Some(b + 500));
        assert_eq!(
            parse_iso("2012-10-09T14:50:17+0000"),
            parse_iso("2012-10-09T14:50:17Z")
        );
        assert_eq!(parse_iso("yesterday"), None);
        assert_eq!(
            parse_iso("2010-12-30T14:32:00.123456-02:30"),
            parse_iso("2010-12-30T17:02:00.123Z")
        );
        assert_eq!(parse_iso("2010-02-30T14:32:00Z"), None);
        assert_eq!(parse_iso("2010-12-30T14:32:00.Z"), None);
        // The fast path agrees with chrono.
        for s in [
            "1970-01-02T12:23:00.000+01:00",
            "2012-10-09T14:50:17+00:00",
            "2011-01-06T09:18:00.5Z",
        ] {
            let chrono = DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis();
            assert_eq!(parse_iso_plain(s), Some(chrono), "{s}");
        }
    }

    #[test]
    fn guesses_day_first_and_says_when_ambiguous() {
        let only_day_first = ["13/01/2024 09:00", "02/01/2024 10:30"];
        let g = guess_format(only_day_first.iter().copied()).unwrap();
        assert_eq!(g.format, "%d/%m/%Y %H:%M");
        assert_eq!(g.ambiguous, None);
        let either = ["03/01/2024 09:00:00", "02/01/2024 10:30:00"];
        let g = guess_format(either.iter().copied()).unwrap();
        assert_eq!(g.format, "%d/%m/%Y %H:%M:%S%.f");
        assert_eq!(g.ambiguous.as_deref(), Some("%m/%d/%Y %H:%M:%S%.f"));
        let us = ["01/13/2024 9:00 PM"];
        assert_eq!(
            guess_format(us.iter().copied()).unwrap().format,
            "%m/%d/%Y %I:%M %p"
        );
        assert_eq!(
            guess_format(["2024-01-13"].iter().copied()).unwrap().format,
            "%Y-%m-%d"
        );
        assert!(guess_format(["soon"].iter().copied()).is_none());
    }
}
