//! Unit tests of dates: every written form, the mistakes named, and the order.

use super::*;

fn show(s: &str) -> String {
    FuzzyDate::parse(s)
        .map(|d| d.display())
        .unwrap_or_else(|e| format!("error: {e}"))
}

fn err(s: &str) -> DateError {
    FuzzyDate::parse(s).expect_err(s)
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
fn either_end_of_a_range_may_be_approximate() {
    assert_eq!(show("2005-10~/2005-12~"), "c. October–December 2005");
    assert_eq!(show("2005-10~/2005-12"), "c. October – December 2005");
    assert_eq!(
        show("2005-12-20/2005-12~"),
        "20 December – c. December 2005"
    );
    assert_eq!(show("2004~/2005-12"), "c. 2004 – December 2005");
    let d = FuzzyDate::parse("2005-10/2005-12~").unwrap();
    assert!(!d.approximate && d.end_approximate && d.is_approximate());
}

#[test]
fn bad_dates_name_the_wrong_part() {
    let e = err("2025-13-01");
    assert_eq!((e.offset, e.len), (5, 2));
    assert!(e.message.contains("month 13"));
    let e = err("2025-02-30");
    assert_eq!(e.offset, 8);
    assert!(e.message.contains("28 days"), "{}", e.message);
    let e = err("2025-02-10/2025-02-01");
    assert_eq!(e.offset, 11);
    assert!(e.message.contains("ends (2025-02-01) before it starts"));
    assert!(FuzzyDate::parse("").is_err());
    assert!(FuzzyDate::parse("25-02-01").is_err());
}

#[test]
fn usual_mistakes_are_named_with_the_fix() {
    let e = err("2005-12-22 / 2005-12-28");
    assert_eq!(e.message, "a range is written without spaces around `/`");
    assert_eq!((e.offset, e.len), (10, 3));
    assert_eq!(e.help, "write `2005-12-22/2005-12-28`");
    let e = err("2005-12-22 /2005-12-28");
    assert_eq!((e.offset, e.len), (10, 2));
    let e = err("2005-~10");
    assert!(
        e.message.starts_with("`~` goes right after the date"),
        "{e}"
    );
    assert_eq!((e.offset, e.len), (5, 1));
    assert_eq!(e.help, "write `2005-10~`");
    let e = err("~2005-10/2005-12");
    assert_eq!(e.offset, 0);
    assert_eq!(e.help, "write `2005-10~/2005-12`");
    let e = err("2005-10/~2005-12");
    assert_eq!(e.offset, 8);
    assert_eq!(e.help, "write `2005-10/2005-12~`");
    let e = err("2005-10~~");
    assert_eq!(e.message, "one `~` is enough");
    assert_eq!(e.help, "write `2005-10~`");
    let e = err("2005-12-20 – 2005-12-22");
    assert_eq!(e.message, "a range is written with `/`, not `–`");
    assert_eq!(e.help, "write `2005-12-20/2005-12-22`");
    let e = err("2005-12-20 to 2005-12-22");
    assert_eq!(e.message, "a range is written with `/`, not `to`");
    let e = err("2005/12/22");
    assert!(e.message.contains("with `-`"), "{e}");
    assert_eq!(e.help, "write `2005-12-22`");
    let e = err("December 2005");
    assert_eq!(e.help, "write `2005-12`");
    assert_eq!(err("22 Dec 2005~").help, "write `2005-12-22~`");
    let e = err("next tuesday");
    assert_eq!((e.offset, e.len), (0, 12));
    assert!(e.message.contains("is not a date"), "{e}");
    let e = err("2005-12 -22");
    assert_eq!(e.message, "a date has no spaces");
    assert_eq!(e.help, DATE_HELP);
}

#[test]
fn a_month_or_a_year_sorts_after_the_days_it_covers() {
    let sorted = |dates: &[&str]| {
        let mut v: Vec<FuzzyDate> = dates.iter().map(|d| FuzzyDate::parse(d).unwrap()).collect();
        v.sort(); // stable: equal keys keep their order
        v.iter().map(FuzzyDate::display).collect::<Vec<_>>()
    };
    assert_eq!(
        sorted(&[
            "2005",
            "2005-12",
            "2005-12-28",
            "2005-12-20/2005-12-22",
            "2005-12-20",
            "2005-11-30",
            "2005-12-31",
            "2005-10~/2005-12~",
        ]),
        [
            "c. October–December 2005",
            "30 November 2005",
            "20–22 December 2005",
            "20 December 2005",
            "28 December 2005",
            "31 December 2005",
            "December 2005",
            "2005",
        ]
    );
    // A month-long range starting in November sorts by the end of November.
    assert_eq!(
        sorted(&["2024-11/2025-01", "2024-11-27", "2024-12-01"]),
        [
            "27 November 2024",
            "November 2024 – January 2025",
            "1 December 2024"
        ]
    );
}
