//! Validate stage: the outer grammar of a date string (one point or `A/B`, each with its own
//! `~`), and the messages for the usual mistakes: spaces around `/`, a `~` inside a date,
//! `–` or `to` for a range, slashes for dashes, month names. The points themselves are read in
//! `date.rs`.

use std::fmt;

/// The generic hint shown with a date error that has no more specific one.
pub const DATE_HELP: &str = "dates are YYYY, YYYY-MM or YYYY-MM-DD; `~` right after a date marks \
     it approximate (`2005-12~`); `A/B` is a range, and either end may carry `~` \
     (`2005-10~/2005-12~`)";

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Why a date string was refused: the message, where the wrong part is, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, in the user's terms.
    pub message: String,
    /// Character offset of the wrong part inside the string.
    pub offset: usize,
    /// Character length of the wrong part.
    pub len: usize,
    /// What to do about it (the corrected date when there is one).
    pub help: String,
}

impl DateError {
    /// An error at characters `offset..offset + len` with the generic hint.
    pub fn new(message: impl Into<String>, offset: usize, len: usize) -> Self {
        Self {
            message: message.into(),
            offset,
            len: len.max(1),
            help: DATE_HELP.to_string(),
        }
    }

    fn fix(mut self, fixed: &str) -> Self {
        self.help = format!("write `{fixed}`");
        self
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// One end of a date as written, `~` removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Part<'a> {
    /// The point (`2005-12`).
    pub text: &'a str,
    /// Character offset of the point in the whole string.
    pub offset: usize,
    /// Written with a trailing `~`.
    pub approximate: bool,
}

/// Splits `s` (already trimmed) into its start and, for a range, its end.
pub(super) fn split(s: &str) -> Result<(Part<'_>, Option<Part<'_>>), DateError> {
    if s.is_empty() {
        return Err(DateError::new("the date is empty", 0, 1));
    }
    if let Some(e) = month_name(s) {
        return Err(e);
    }
    if !s
        .trim_start_matches('~')
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(DateError::new(
            format!("`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
            0,
            chars(s),
        ));
    }
    if let Some(e) = other_range_marks(s) {
        return Err(e);
    }
    if let Some(e) = spaces(s) {
        return Err(e);
    }
    let slashes: Vec<usize> = s.match_indices('/').map(|(i, _)| i).collect();
    match slashes[..] {
        [] => Ok((part(s, 0, s)?, None)),
        [i] => {
            let (a, b) = (&s[..i], &s[i + 1..]);
            let b_at = chars(a) + 1;
            Ok((part(a, 0, s)?, Some(part(b, b_at, s)?)))
        }
        _ => {
            let dashed = s.replace('/', "-");
            let e = DateError::new(
                "a range has one `/` between two dates",
                chars(&s[..slashes[1]]),
                1,
            );
            if slashes.len() == 2 && s.bytes().all(|b| b.is_ascii_digit() || b == b'/') {
                Err(DateError {
                    message: "dates are written with `-` (YYYY-MM-DD), not `/`".into(),
                    ..e
                }
                .fix(&dashed))
            } else {
                Err(e)
            }
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// One end: the point and its `~`, which must come last and once.
fn part<'a>(p: &'a str, offset: usize, whole: &str) -> Result<Part<'a>, DateError> {
    let body = p.strip_suffix('~').unwrap_or(p);
    if let Some(i) = body.find('~') {
        let at = offset + chars(&body[..i]);
        if body[i..].chars().all(|c| c == '~') {
            return Err(
                DateError::new("one `~` is enough", at, chars(&body[i..]) + 1)
                    .fix(&format!("{}~", &body[..i])),
            );
        }
        let moved = format!("{}~", body.replace('~', ""));
        let fixed = whole.replacen(p, &moved, 1);
        return Err(DateError::new(
            "`~` goes right after the date it qualifies, not inside or before it",
            at,
            1,
        )
        .fix(&fixed));
    }
    Ok(Part {
        text: body,
        offset,
        approximate: body.len() < p.len(),
    })
}

/// Spaces inside a date: around `/` (a range), or anywhere else.
fn spaces(s: &str) -> Option<DateError> {
    let first = s.find(char::is_whitespace)?;
    if let Some((a, b)) = s.split_once('/') {
        let fixed = format!("{}/{}", a.trim(), b.trim());
        if !fixed.contains(char::is_whitespace) {
            // Underline from the end of the first date to the start of the second.
            let from = chars(a.trim_end());
            let to = chars(a) + 1 + chars(b) - chars(b.trim_start());
            return Some(
                DateError::new(
                    "a range is written without spaces around `/`",
                    from,
                    to - from,
                )
                .fix(&fixed),
            );
        }
    }
    let run = s[first..].chars().take_while(|c| c.is_whitespace()).count();
    Some(DateError::new(
        "a date has no spaces",
        chars(&s[..first]),
        run,
    ))
}

/// `–`, `—`, ` to `, `--` or `..` between two dates: a range is written `A/B`.
fn other_range_marks(s: &str) -> Option<DateError> {
    for mark in ["–", "—", "--", "..", " to "] {
        if let Some(i) = s.find(mark) {
            let (a, b) = (&s[..i], &s[i + mark.len()..]);
            if looks_like_date(a) && looks_like_date(b) {
                return Some(
                    DateError::new(
                        format!("a range is written with `/`, not `{}`", mark.trim()),
                        chars(a),
                        chars(mark),
                    )
                    .fix(&format!("{}/{}", a.trim(), b.trim())),
                );
            }
        }
    }
    None
}

fn looks_like_date(s: &str) -> bool {
    let s = s.trim().trim_end_matches('~');
    s.len() >= 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}

/// `December 2005`, `22 Dec 2005`, `2005 December`: the month written as a word.
fn month_name(s: &str) -> Option<DateError> {
    if !s.contains(|c: char| c.is_alphabetic()) {
        return None;
    }
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let lower = |w: &str| w.to_lowercase();
    let month = words.iter().find_map(|w| {
        let w = lower(w);
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| m.starts_with(&w)))
            .flatten()
    })?;
    let year = words
        .iter()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?;
    let day = words
        .iter()
        .find(|w| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()));
    let fixed = match day {
        Some(d) => format!("{year}-{:02}-{:0>2}", month + 1, d),
        None => format!("{year}-{:02}", month + 1),
    };
    let approx = if s.ends_with('~') { "~" } else { "" };
    Some(
        DateError::new(
            "write the date with numbers, the month too (YYYY-MM-DD)",
            0,
            chars(s),
        )
        .fix(&format!("{fixed}{approx}")),
    )
}
