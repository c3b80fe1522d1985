//! ISO 8601 / RFC 3339 times in UTC, to and from milliseconds since the Unix epoch: what the notes'
//! `created` and `modified` are written as. Written here rather than taken from a date crate
//! because the widget needs only this one shape and a crate's general formatter and parser weighed
//! 1.7 KB gzip in the wasm (measured with humantime, which the native tests still check this
//! against). Days and civil dates convert by Howard Hinnant's `days_from_civil` and
//! `civil_from_days` algorithms (proleptic Gregorian calendar).
//!
//! Times before 1970 and after the year 9999 are out of range: the first cannot be a note's, the
//! second cannot be written in four digits.

/// Milliseconds in a day.
const DAY_MS: u64 = 86_400_000;
/// Days from 0000-03-01 to 1970-01-01 (the algorithms count from a March 1st).
const EPOCH_SHIFT: u64 = 719_468;
/// Days in a 400-year era.
const ERA_DAYS: u64 = 146_097;
/// The first millisecond after the year 9999: 10000-01-01T00:00:00Z.
pub const END_MS: u64 = 253_402_300_800_000;
/// The fraction of a second read, in digits (more are allowed and dropped: milliseconds are kept).
const MAX_FRACTION_DIGITS: usize = 9;

/// The civil date (year, month 1–12, day 1–31) of day `days` since 1970-01-01.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + EPOCH_SHIFT;
    let (era, doe) = (z / ERA_DAYS, z % ERA_DAYS);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(month <= 2), month, day)
}

/// Days since 1970-01-01 of a civil date from 1970 on (month 1–12, day valid for it).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let y = year - u64::from(month <= 2);
    let (era, yoe) = (y / 400, y % 400);
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * ERA_DAYS + doe - EPOCH_SHIFT
}

/// Days in `month` of `year`.
fn month_days(year: u64, month: u64) -> u64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Appends `n` in `width` decimal digits (its last `width` digits, zero-padded).
fn push_digits(out: &mut String, n: u64, width: u32) {
    for place in (0..width).rev() {
        let digit = (n / 10u64.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// `ms` since the epoch as "YYYY-MM-DDTHH:MM:SS.mmmZ"; `None` from the year 10000 on.
pub fn format(ms: u64) -> Option<String> {
    if ms >= END_MS {
        return None;
    }
    let (year, month, day) = civil_from_days(ms / DAY_MS);
    let in_day = ms % DAY_MS;
    let mut out = String::with_capacity(24);
    let parts = [
        (year, 4, '-'),
        (month, 2, '-'),
        (day, 2, 'T'),
        (in_day / 3_600_000, 2, ':'),
        (in_day / 60_000 % 60, 2, ':'),
        (in_day / 1000 % 60, 2, '.'),
        (in_day % 1000, 3, 'Z'),
    ];
    for (n, width, after) in parts {
        push_digits(&mut out, n, width);
        out.push(after);
    }
    Some(out)
}

/// Reads "YYYY-MM-DD" `T` (or `t`, or a space) "HH:MM:SS", then an optional fraction of a second
/// ("." and digits; milliseconds are kept, the rest dropped) and an optional UTC mark ("Z", "z"
/// or "+00:00"), as milliseconds since the epoch. A second of 60 (a leap second) is read as 59.
/// `None` for anything else, an invalid date, or a time out of range.
pub fn parse(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    let number = |from: usize, len: usize| -> Option<u64> {
        b.get(from..from + len)?.iter().try_fold(0u64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u64::from(c - b'0'))
        })
    };
    let at = |i: usize, ok: &[u8]| b.get(i).is_some_and(|c| ok.contains(c));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?.min(59));
    let valid = year >= 1970
        && (1..=12).contains(&month)
        && (1..=month_days(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && number(17, 2)? <= 60;
    if !valid {
        return None;
    }
    let mut rest = b.get(19..)?;
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > MAX_FRACTION_DIGITS {
            return None;
        }
        millis = (0..3).fold(0, |n, i| {
            n * 10
                + fraction
                    .get(i)
                    .filter(|_| i < digits)
                    .map_or(0, |c| u64::from(c - b'0'))
        });
        rest = &fraction[digits..];
    }
    if !matches!(rest, b"" | b"Z" | b"z" | b"+00:00") {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some(seconds * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_parses(s: &str, want: Option<u64>) {
        assert_eq!(parse(s), want, "{s:?}");
    }

    #[test]
    fn known_times() {
        let cases = [
            (0, "1970-01-01T00:00:00.000Z"),
            (1_593_778_153_000, "2020-07-03T12:09:13.000Z"),
            (951_782_400_123, "2000-02-29T00:00:00.123Z"),
            (END_MS - 1, "9999-12-31T23:59:59.999Z"),
        ];
        for (ms, text) in cases {
            assert_eq!(format(ms).as_deref(), Some(text));
            assert_parses(text, Some(ms));
        }
        assert_eq!(format(END_MS), None);
    }

    #[test]
    fn what_is_read_and_what_is_not() {
        let noon = Some(1_593_777_600_000);
        let cases = [
            ("2020-07-03T12:00:00", noon),
            ("2020-07-03 12:00:00Z", noon),
            ("2020-07-03t12:00:00+00:00", noon),
            ("2020-07-03T12:00:00.5Z", noon.map(|t| t + 500)),
            ("2020-07-03T12:00:00.123456789Z", noon.map(|t| t + 123)),
            ("2016-12-31T23:59:60Z", Some(1_483_228_799_000)),
            ("2000-02-29T00:00:00Z", Some(951_782_400_000)),
            ("2024-02-29T12:00:00Z", Some(1_709_208_000_000)),
            ("1999-12-31T23:59:59.999Z", Some(946_684_799_999)),
            ("2100-02-29T00:00:00Z", None),
            ("1900-02-29T00:00:00Z", None),
            ("2020-07-03T12:00:00.Z", None),
            ("2020-07-03T12:00:00.1234567890Z", None),
            ("2020-07-03T12:00:00+07:00", None),
            ("2020-07-03T12:00:00ZZ", None),
            ("2021-02-29T00:00:00Z", None),
            ("2020-13-01T00:00:00Z", None),
            ("2020-00-01T00:00:00Z", None),
            ("2020-07-00T00:00:00Z", None),
            ("2020-07-03T24:00:00Z", None),
            ("2020-07-03T12:60:00Z", None),
            ("1969-12-31T23:59:59Z", None),
            ("2020-07-03", None),
            ("yesterday", None),
            ("２020-07-03T12:00:00Z", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_parses(text, want);
        }
    }

    /// Natively only: humantime and proptest are native dev-dependencies.
    #[cfg(not(target_arch = "wasm32"))]
    mod against_humantime {
        use super::super::{format, parse, END_MS};
        use proptest::prelude::*;
        use std::time::{Duration, UNIX_EPOCH};

        /// What humantime (the crate this replaces in the wasm) writes for `ms`.
        fn humantime_format(ms: u64) -> String {
            humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(ms)).to_string()
        }

        /// Forms other than the one written here read as humantime reads them (which refuses a
        /// lower-case `t`, which RFC 3339 allows and this reads).
        #[test]
        fn other_forms_read_as_humantime_reads_them() {
            let forms = [
                "2020-07-03 12:00:00",
                "2020-07-03T12:00:00.5",
                "2020-07-03T12:00:00.987654321",
                "2016-12-31T23:59:60",
                "2024-02-29T23:59:59.001",
                "2020-07-03T12:00:00+00:00",
            ];
            for form in forms {
                let theirs = humantime::parse_rfc3339_weak(form).expect(form);
                let ms = theirs
                    .duration_since(UNIX_EPOCH)
                    .expect("after")
                    .as_millis();
                assert_eq!(parse(form).map(u128::from), Some(ms), "{form}");
            }
        }

        proptest! {
            /// Every time from 1970 to the year 9999 is written as humantime writes it and read back.
            #[test]
            fn agrees_with_humantime(ms in 0..END_MS) {
                let text = format(ms).expect("in range");
                prop_assert_eq!(&text, &humantime_format(ms));
                prop_assert_eq!(parse(&text), Some(ms));
                let parsed = humantime::parse_rfc3339_weak(text.trim_end_matches('Z')).expect("reads");
                prop_assert_eq!(parsed.duration_since(UNIX_EPOCH).expect("after").as_millis(), u128::from(ms));
            }
        }
    }
}
