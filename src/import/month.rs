//! Months as rosters write them: `2026-01`, `2026/01`, `202601`, `2026年1月`, a date, a number,
//! an Excel serial date, or a range such as `2026-01至2026-06` that expands to each month.

use chrono::{Days, NaiveDate};

use super::sheet::Cell;
use crate::domain::records::YearMonth;

/// The reason a cell gives no months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MonthProblem {
    /// The cell is empty.
    Missing,
    /// The text is no month or range of months.
    Unreadable {
        /// The cell as text.
        text: String,
    },
    /// Excel stored `2026.10` as the number `2026.1`, which could be January or October.
    Ambiguous {
        /// The cell as text.
        text: String,
        /// The year.
        year: u16,
    },
    /// A range with no end, such as `2026-01至今`.
    OpenEnded {
        /// The cell as text.
        text: String,
    },
    /// A range whose end comes before its start.
    Reversed {
        /// The range as text.
        text: String,
    },
}

/// Day 0 of Excel's 1900 date system. Excel counts 1900-02-29, which never existed, so serial
/// numbers from 61 on (1900-03-01) line up with this epoch and earlier ones do not matter here.
const EXCEL_EPOCH: (i32, u32, u32) = (1899, 12, 30);

/// 73050: the serial number of 2099-12-31, the last day a month may fall in.
const LAST_SERIAL: f64 = 73_050.0;

/// Reads one cell as one month or a range of months, returning every month in it.
pub fn months_of_cell(cell: &Cell) -> Result<Vec<YearMonth>, MonthProblem> {
    match cell {
        Cell::Empty => Err(MonthProblem::Missing),
        Cell::Text(text) if text.is_empty() => Err(MonthProblem::Missing),
        Cell::Text(text) => months_of_text(text),
        Cell::Number(value) => month_of_number(*value).map(|month| vec![month]),
        Cell::Date(day) => Ok(vec![YearMonth::of(*day)]),
    }
}

/// Joins a start and an end cell into the months from one to the other.
pub fn months_between(from: &Cell, to: &Cell) -> Result<Vec<YearMonth>, MonthProblem> {
    let first = months_of_cell(from)?;
    let last = match months_of_cell(to) {
        Err(MonthProblem::Missing) => return Err(MonthProblem::OpenEnded { text: cell_text(from) }),
        other => other?,
    };
    expand(first[0], last[last.len() - 1], || format!("{}—{}", cell_text(from), cell_text(to)))
}

/// Returns a cell as the user typed it, for messages.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Number(value) => value.to_string(),
        Cell::Date(day) => day.to_string(),
    }
}

fn months_of_text(text: &str) -> Result<Vec<YearMonth>, MonthProblem> {
    let unreadable = || MonthProblem::Unreadable { text: text.to_owned() };
    let groups = digit_groups(text);
    if groups.len() == 1 && groups[0].len() <= 5 && !text.contains(['年', '-', '/', '.']) {
        let serial: f64 = groups[0].parse().map_err(|_| unreadable())?;
        return month_of_number(serial).map(|month| vec![month]);
    }
    let months = months_of_groups(&groups).ok_or_else(unreadable)?;
    match months.as_slice() {
        [_] if text.contains('今') => Err(MonthProblem::OpenEnded { text: text.to_owned() }),
        [month] => Ok(vec![*month]),
        [first, last] => expand(*first, *last, || text.to_owned()),
        _ => Err(unreadable()),
    }
}

fn expand(first: YearMonth, last: YearMonth, text: impl Fn() -> String) -> Result<Vec<YearMonth>, MonthProblem> {
    if last < first {
        return Err(MonthProblem::Reversed { text: text() });
    }
    Ok(first.through(last).collect())
}

/// Splits text into runs of digits, reading full-width digits as ASCII.
fn digit_groups(text: &str) -> Vec<String> {
    let mut groups = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() {
            groups.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// Reads digit groups as months: `202601`, `20260115`, or a 4-digit year followed by a month
/// and optionally a day, which is skipped.
fn months_of_groups(groups: &[String]) -> Option<Vec<YearMonth>> {
    let mut months = Vec::new();
    let mut index = 0;
    while index < groups.len() {
        let group = &groups[index];
        match group.len() {
            6 | 8 => {
                months.push(YearMonth::new(group[..4].parse().ok()?, group[4..6].parse().ok()?)?);
                index += 1;
            }
            4 => {
                let month = groups.get(index + 1).filter(|g| g.len() <= 2)?;
                months.push(YearMonth::new(group.parse().ok()?, month.parse().ok()?)?);
                index += 2;
                if groups.get(index).is_some_and(|day| day.len() <= 2) {
                    index += 1;
                }
            }
            _ => return None,
        }
    }
    (!months.is_empty()).then_some(months)
}

/// Reads a number cell: `202601`, `20260115`, an Excel serial date, or `2026.01`.
fn month_of_number(value: f64) -> Result<YearMonth, MonthProblem> {
    let text = value.to_string();
    let unreadable = || MonthProblem::Unreadable { text: text.clone() };
    if value.fract() != 0.0 {
        return month_of_decimal(&text).ok_or_else(unreadable)?;
    }
    if (190_001.0..=209_912.0).contains(&value) || (19_000_101.0..=20_991_231.0).contains(&value) {
        return months_of_groups(std::slice::from_ref(&text)).map(|months| months[0]).ok_or_else(unreadable);
    }
    if (1.0..=LAST_SERIAL).contains(&value) {
        return serial_date(value).map(YearMonth::of).ok_or_else(unreadable);
    }
    Err(unreadable())
}

/// Reads `2026.01` to `2026.12` typed into a number cell. Excel drops the trailing zero of
/// `2026.10`, so `2026.1` is ambiguous; `2026.2` to `2026.9` can only mean February to September.
fn month_of_decimal(text: &str) -> Option<Result<YearMonth, MonthProblem>> {
    let (year, fraction) = text.split_once('.')?;
    let year: u16 = year.parse().ok()?;
    let month: u8 = fraction.parse().ok()?;
    if fraction == "1" {
        return Some(Err(MonthProblem::Ambiguous { text: text.to_owned(), year }));
    }
    if fraction.len() > 2 {
        return None;
    }
    YearMonth::new(year, month).map(Ok)
}

#[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked to be 1 to 73050 first")]
fn serial_date(serial: f64) -> Option<NaiveDate> {
    let (year, month, day) = EXCEL_EPOCH;
    NaiveDate::from_ymd_opt(year, month, day)?.checked_add_days(Days::new(serial.trunc() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(cell: &Cell) -> Vec<String> {
        months_of_cell(cell).unwrap().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn text_forms_read_the_same() {
        for text in
            ["2026-01", "2026/01", "202601", "2026年1月", "2026年01月", "2026.01", "2026-01-15", "２０２６-０１"]
        {
            assert_eq!(months(&Cell::Text(text.into())), ["2026-01"], "{text}");
        }
    }

    #[test]
    fn ranges_expand_to_each_month() {
        for text in ["2026-01至2026-06", "202601-202606", "2026年1月～2026年6月", "2026/01 - 2026/06"] {
            assert_eq!(months(&Cell::Text(text.into())).len(), 6, "{text}");
        }
        assert_eq!(months(&Cell::Text("202511-202602".into())), ["2025-11", "2025-12", "2026-01", "2026-02"]);
    }

    #[test]
    fn numbers_and_serial_dates() {
        assert_eq!(months(&Cell::Number(202_601.0)), ["2026-01"]);
        assert_eq!(months(&Cell::Number(46_023.0)), ["2026-01"]);
        assert_eq!(months(&Cell::Text("46054".into())), ["2026-02"]);
        assert_eq!(months(&Cell::Number(2026.02)), ["2026-02"]);
        assert_eq!(months(&Cell::Number(2026.12)), ["2026-12"]);
        assert_eq!(months(&Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap())), ["2026-03"]);
    }

    #[test]
    fn problems_are_named() {
        assert_eq!(months_of_cell(&Cell::Empty), Err(MonthProblem::Missing));
        assert_eq!(
            months_of_cell(&Cell::Number(2026.1)),
            Err(MonthProblem::Ambiguous { text: "2026.1".into(), year: 2026 })
        );
        assert!(matches!(months_of_cell(&Cell::Text("2026-01至今".into())), Err(MonthProblem::OpenEnded { .. })));
        assert!(matches!(months_of_cell(&Cell::Text("202606-202601".into())), Err(MonthProblem::Reversed { .. })));
        assert!(matches!(months_of_cell(&Cell::Text("一月".into())), Err(MonthProblem::Unreadable { .. })));
        assert!(matches!(months_of_cell(&Cell::Text("2026-13".into())), Err(MonthProblem::Unreadable { .. })));
    }

    #[test]
    fn start_and_end_columns_join() {
        let all = months_between(&Cell::Text("2026-01".into()), &Cell::Number(202_603.0)).unwrap();
        assert_eq!(all.len(), 3);
        assert!(matches!(
            months_between(&Cell::Text("2026-01".into()), &Cell::Empty),
            Err(MonthProblem::OpenEnded { .. })
        ));
    }
}
