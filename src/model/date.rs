//! Validate stage: the contract's dates (`2019`, `2025-02`, `2025-02-12`, `~`, `A/B`).
//!
//! A [`FuzzyDate`] keeps the precision it was written with; [`FuzzyDate::display`] shows it at
//! that precision ("February 2025", "c. 2019", "14–16 February 2025"). Calendar validity is
//! checked with jiff, so `2025-02-30` is refused.

use std::cmp::Ordering;
use std::fmt;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How much of a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// `YYYY`
    Year,
    /// `YYYY-MM`
    Month,
    /// `YYYY-MM-DD`
    Day,
}

impl Precision {
    /// `year`, `month` or `day`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// One calendar point at some precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// Year (1..=9999).
    pub year: i16,
    /// Month 1..=12 when written.
    pub month: Option<i8>,
    /// Day of month when written.
    pub day: Option<i8>,
}

impl Point {
    /// Precision of this point.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Sort key: earliest day the point covers.
    pub fn key(&self) -> (i16, i8, i8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Machine form: `2025`, `2025-02`, `2025-02-12`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    fn month_name(&self) -> &'static str {
        self.month
            .map_or("", |m| MONTHS[(m as usize).saturating_sub(1) % 12])
    }

    fn display(&self) -> String {
        match (self.month, self.day) {
            (Some(_), Some(d)) => format!("{} {} {}", d, self.month_name(), self.year),
            (Some(_), None) => format!("{} {}", self.month_name(), self.year),
            _ => self.year.to_string(),
        }
    }
}

/// A contract date: a point or a range, possibly approximate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyDate {
    /// Start (or the only point).
    pub start: Point,
    /// End of a range.
    pub end: Option<Point>,
    /// Written with a trailing `~`.
    pub approximate: bool,
}

/// Why a date string was refused: the message and the character offset of the bad part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, in the user's terms.
    pub message: String,
    /// Character offset of the wrong part inside the string.
    pub offset: usize,
    /// Character length of the wrong part.
    pub len: usize,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl FuzzyDate {
    /// Parses `YYYY[-MM[-DD]][~]` or `A/B` (each side a point; `~` at the very end applies to
    /// the whole range).
    pub fn parse(s: &str) -> Result<FuzzyDate, DateError> {
        let (body, approximate) = match s.strip_suffix('~') {
            Some(b) => (b, true),
            None => (s, false),
        };
        let (start, end) = match body.split_once('/') {
            Some((a, b)) => {
                let start = parse_point(a, 0)?;
                let end = parse_point(b, a.chars().count() + 1)?;
                if end.key() < start.key() {
                    return Err(DateError {
                        message: format!(
                            "the range ends ({}) before it starts ({})",
                            end.iso(),
                            start.iso()
                        ),
                        offset: a.chars().count() + 1,
                        len: b.chars().count(),
                    });
                }
                (start, Some(end))
            }
            None => (parse_point(body, 0)?, None),
        };
        Ok(FuzzyDate {
            start,
            end,
            approximate,
        })
    }

    /// The precision of the start point.
    pub fn precision(&self) -> Precision {
        self.start.precision()
    }

    /// Sort key (start).
    pub fn key(&self) -> (i16, i8, i8) {
        self.start.key()
    }

    /// Human form at the written precision.
    pub fn display(&self) -> String {
        let base = match &self.end {
            None => self.start.display(),
            Some(end) => display_range(&self.start, end),
        };
        if self.approximate {
            format!("c. {base}")
        } else {
            base
        }
    }
}

impl PartialOrd for FuzzyDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FuzzyDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

fn display_range(a: &Point, b: &Point) -> String {
    match (a.precision(), b.precision()) {
        (Precision::Day, Precision::Day) if a.year == b.year && a.month == b.month => {
            format!(
                "{}–{} {} {}",
                a.day.unwrap_or(1),
                b.day.unwrap_or(1),
                a.month_name(),
                a.year
            )
        }
        (Precision::Day, Precision::Day) if a.year == b.year => format!(
            "{} {} – {} {} {}",
            a.day.unwrap_or(1),
            a.month_name(),
            b.day.unwrap_or(1),
            b.month_name(),
            a.year
        ),
        (Precision::Month, Precision::Month) if a.year == b.year => {
            format!("{}–{} {}", a.month_name(), b.month_name(), a.year)
        }
        (Precision::Year, Precision::Year) => format!("{}–{}", a.year, b.year),
        _ => format!("{} – {}", a.display(), b.display()),
    }
}

fn parse_point(s: &str, base: usize) -> Result<Point, DateError> {
    let err = |message: String, offset: usize, len: usize| DateError {
        message,
        offset: base + offset,
        len: len.max(1),
    };
    let parts: Vec<&str> = s.split('-').collect();
    if s.is_empty() || parts.len() > 3 {
        return Err(err(
            format!("`{s}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
            0,
            s.chars().count(),
        ));
    }
    let mut offset = 0;
    let mut nums = [0i32; 3];
    for (i, part) in parts.iter().enumerate() {
        let want = if i == 0 { 4 } else { 2 };
        let what = ["year", "month", "day"][i];
        if part.len() != want || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(
                format!(
                    "the {what} `{part}` must be {want} digits (dates are YYYY, YYYY-MM or YYYY-MM-DD)"
                ),
                offset,
                part.chars().count(),
            ));
        }
        nums[i] = part.parse().unwrap_or(0);
        offset += part.chars().count() + 1;
    }
    let year = nums[0];
    if year == 0 {
        return Err(err("the year 0000 does not exist".into(), 0, 4));
    }
    let month = if parts.len() > 1 {
        if !(1..=12).contains(&nums[1]) {
            return Err(err(
                format!("month {} does not exist (01 to 12)", parts[1]),
                5,
                2,
            ));
        }
        Some(nums[1] as i8)
    } else {
        None
    };
    let day = if parts.len() > 2 {
        let (y, m, d) = (year as i16, nums[1] as i8, nums[2] as i8);
        if nums[2] < 1 || jiff::civil::Date::new(y, m, d).is_err() {
            let last = jiff::civil::Date::new(y, m, 1)
                .map(|d| d.days_in_month())
                .unwrap_or(31);
            return Err(err(
                format!(
                    "day {} does not exist in {} {} (it has {} days)",
                    parts[2],
                    MONTHS[(m - 1) as usize],
                    y,
                    last
                ),
                8,
                2,
            ));
        }
        Some(d)
    } else {
        None
    };
    Ok(Point {
        year: year as i16,
        month,
        day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> String {
        FuzzyDate::parse(s)
            .map(|d| d.display())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn every_form_displays_at_its_precision() {
        assert_eq!(show("2019"), "2019");
        assert_eq!(show("2025-02"), "February 2025");
        assert_eq!(show("2025-02-12"), "12 February 2025");
        assert_eq!(show("2025-02~"), "c. February 2025");
        assert_eq!(show("2025-02-14/2025-02-16"), "14–16 February 2025");
        assert_eq!(show("2025-02-28/2025-03-02"), "28 February – 2 March 2025");
        assert_eq!(show("2025-02/2025-03"), "February–March 2025");
        assert_eq!(show("2014/2015"), "2014–2015");
        assert_eq!(
            show("2024-12-30/2025-01-02"),
            "30 December 2024 – 2 January 2025"
        );
    }

    #[test]
    fn bad_dates_name_the_wrong_part() {
        let e = FuzzyDate::parse("2025-13-01").unwrap_err();
        assert_eq!((e.offset, e.len), (5, 2));
        assert!(e.message.contains("month 13"));
        let e = FuzzyDate::parse("2025-02-30").unwrap_err();
        assert_eq!(e.offset, 8);
        assert!(e.message.contains("28 days"), "{}", e.message);
        let e = FuzzyDate::parse("2025-02-10/2025-02-01").unwrap_err();
        assert_eq!(e.offset, 11);
        assert!(FuzzyDate::parse("Feb 2025").is_err());
        assert!(FuzzyDate::parse("").is_err());
        assert!(FuzzyDate::parse("25-02-01").is_err());
    }

    #[test]
    fn dates_sort_by_start() {
        let a = FuzzyDate::parse("2025-02").unwrap();
        let b = FuzzyDate::parse("2025-02-12").unwrap();
        let c = FuzzyDate::parse("2014").unwrap();
        let mut v = vec![b.clone(), a.clone(), c.clone()];
        v.sort();
        assert_eq!(v, vec![c, a, b]);
    }
}
