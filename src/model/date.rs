//! Validate stage: the contract's dates (`2019`, `2025-02`, `2025-02-12`, `~`, `A/B`).
//!
//! A [`FuzzyDate`] keeps the precision it was written with; [`FuzzyDate::display`] shows it at
//! that precision ("February 2025", "c. 2019", "14–16 February 2025"). Calendar validity is
//! checked with jiff, so `2025-02-30` is refused. Dates order by the latest day on which they
//! can have started ([`FuzzyDate::key`]), so "December 2005" never comes before a dated day of
//! December. The outer grammar and its mistakes are in `date_syntax.rs`.

use std::cmp::{Ordering, Reverse};

use super::date_syntax::split;
pub use super::date_syntax::{DATE_HELP, DateError};

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

    /// Earliest day the point covers.
    pub fn key(&self) -> (i16, i8, i8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Latest day the point covers: a month's last day, a year's 31 December.
    pub fn last_day(&self) -> (i16, i8, i8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| {
            jiff::civil::Date::new(self.year, month, 1).map_or(31, |d| d.days_in_month())
        });
        (self.year, month, day)
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

    /// The display without the year (`12 February`, `February`), for a range's start.
    fn display_in_year(&self) -> String {
        match (self.month, self.day) {
            (Some(_), Some(d)) => format!("{} {}", d, self.month_name()),
            (Some(_), None) => self.month_name().to_string(),
            _ => self.year.to_string(),
        }
    }
}

/// A contract date: a point or a range, either end possibly approximate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyDate {
    /// Start (or the only point).
    pub start: Point,
    /// End of a range.
    pub end: Option<Point>,
    /// The point, or the start of a range, was written with `~`.
    pub approximate: bool,
    /// The end of a range was written with `~`.
    pub end_approximate: bool,
}

impl FuzzyDate {
    /// Parses `YYYY[-MM[-DD]][~]` or `A/B`, each end a point with its own optional `~`
    /// (`2005-10~/2005-12~`).
    pub fn parse(s: &str) -> Result<FuzzyDate, DateError> {
        let (a, b) = split(s)?;
        let start = parse_point(a.text, a.offset)?;
        let end = match b {
            Some(b) => {
                let end = parse_point(b.text, b.offset)?;
                if end.last_day() < start.key() {
                    return Err(DateError::new(
                        format!(
                            "the range ends ({}) before it starts ({})",
                            end.iso(),
                            start.iso()
                        ),
                        b.offset,
                        b.text.chars().count(),
                    ));
                }
                Some(end)
            }
            None => None,
        };
        Ok(FuzzyDate {
            start,
            end,
            approximate: a.approximate,
            end_approximate: b.is_some_and(|b| b.approximate),
        })
    }

    /// The precision of the start point.
    pub fn precision(&self) -> Precision {
        self.start.precision()
    }

    /// `true` when either end is approximate.
    pub fn is_approximate(&self) -> bool {
        self.approximate || self.end_approximate
    }

    /// Sort key: the latest day on which the date can have started (a day is itself, a month
    /// its last day, a year 31 December; a range its start's), then the more precise first.
    /// Equal keys keep their file order (the sorts are stable).
    pub fn key(&self) -> ((i16, i8, i8), Reverse<Precision>) {
        (self.start.last_day(), Reverse(self.start.precision()))
    }

    /// Human form at the written precision.
    pub fn display(&self) -> String {
        let circa = |approximate: bool, s: String| {
            if approximate { format!("c. {s}") } else { s }
        };
        match &self.end {
            None => circa(self.approximate, self.start.display()),
            Some(end) if self.approximate == self.end_approximate => {
                circa(self.approximate, display_range(&self.start, end))
            }
            // One end approximate: each end says so for itself.
            Some(end) => {
                let start = if self.start.year == end.year && end.precision() != Precision::Year {
                    self.start.display_in_year()
                } else {
                    self.start.display()
                };
                format!(
                    "{} – {}",
                    circa(self.approximate, start),
                    circa(self.end_approximate, end.display())
                )
            }
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
    let err =
        |message: String, offset: usize, len: usize| DateError::new(message, base + offset, len);
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
#[path = "date_tests.rs"]
mod tests;
