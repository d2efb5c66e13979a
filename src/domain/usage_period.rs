//! The usage period (使用时限) of an exported copy of an e-certificate.
//!
//! A copy may be used until the earliest of three days: 180 days after the export, the last
//! valid day of the first-ending registered specialty, and the holder's 65th birthday, when the
//! registration lapses. All days are China Standard Time calendar days.

use chrono::{Datelike as _, Days, NaiveDate};

/// 180 days: how long an exported (annotated) copy may be used after the day it was made.
pub const EXPORT_WINDOW_DAYS: u64 = 180;

/// 65 years: registration lapses on the holder's 65th birthday.
pub const RETIREMENT_AGE_YEARS: i32 = 65;

/// The limit, of the three, that decided the end of the usage period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageLimit {
    /// 180 days after the export day.
    ExportWindow,
    /// The last valid day of the first-ending specialty.
    SpecialtyValidity,
    /// The holder's 65th birthday.
    RetirementAge,
}

/// The last day a copy may be used, and the limit that set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsagePeriod {
    /// Last day (inclusive) on which the copy is usable.
    pub usable_until: NaiveDate,
    /// The limit that set `usable_until`. When two limits fall on the same day, the earlier one
    /// in the order export window, specialty, age is reported.
    pub limited_by: UsageLimit,
}

/// Computes the usage period of a copy exported on `export_day`.
///
/// `earliest_valid_to` is the last valid day of the first-ending specialty (`None` when the
/// certificate lists none, so only the other two limits apply).
pub fn usage_period(export_day: NaiveDate, earliest_valid_to: Option<NaiveDate>, birth_date: NaiveDate) -> UsagePeriod {
    let window_end = export_day.checked_add_days(Days::new(EXPORT_WINDOW_DAYS)).unwrap_or(NaiveDate::MAX);
    let mut period = UsagePeriod { usable_until: window_end, limited_by: UsageLimit::ExportWindow };

    if let Some(valid_to) = earliest_valid_to
        && valid_to < period.usable_until
    {
        period = UsagePeriod { usable_until: valid_to, limited_by: UsageLimit::SpecialtyValidity };
    }

    let retirement = birthday_at_age(birth_date, RETIREMENT_AGE_YEARS);
    if retirement < period.usable_until {
        period = UsagePeriod { usable_until: retirement, limited_by: UsageLimit::RetirementAge };
    }
    period
}

/// Returns the birthday at `age` years. Someone born on 29 February has the birthday on
/// 28 February in a common year, the earlier of the two possible readings.
pub fn birthday_at_age(birth_date: NaiveDate, age: i32) -> NaiveDate {
    let year = birth_date.year() + age;
    NaiveDate::from_ymd_opt(year, birth_date.month(), birth_date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn usage_period_takes_the_earliest_limit() {
        struct Case {
            export: NaiveDate,
            valid_to: Option<NaiveDate>,
            birth: NaiveDate,
            until: NaiveDate,
            limit: UsageLimit,
        }
        let cases = [
            // Young holder, long validity: 180 days after the export.
            Case {
                export: day(2026, 12, 4),
                valid_to: Some(day(2029, 1, 1)),
                birth: day(1985, 5, 1),
                until: day(2027, 6, 2),
                limit: UsageLimit::ExportWindow,
            },
            // A specialty ends first.
            Case {
                export: day(2026, 12, 4),
                valid_to: Some(day(2027, 3, 31)),
                birth: day(1985, 5, 1),
                until: day(2027, 3, 31),
                limit: UsageLimit::SpecialtyValidity,
            },
            // The holder turns 65 first.
            Case {
                export: day(2026, 12, 4),
                valid_to: Some(day(2028, 3, 31)),
                birth: day(1962, 2, 10),
                until: day(2027, 2, 10),
                limit: UsageLimit::RetirementAge,
            },
            // No specialty listed.
            Case {
                export: day(2026, 1, 1),
                valid_to: None,
                birth: day(1990, 1, 1),
                until: day(2026, 6, 30),
                limit: UsageLimit::ExportWindow,
            },
            // Ties go to the export window.
            Case {
                export: day(2026, 12, 4),
                valid_to: Some(day(2027, 6, 2)),
                birth: day(1985, 5, 1),
                until: day(2027, 6, 2),
                limit: UsageLimit::ExportWindow,
            },
            // Born on 29 February, turning 65 in a common year.
            Case {
                export: day(2026, 12, 4),
                valid_to: None,
                birth: day(1960, 2, 29),
                until: day(2025, 2, 28),
                limit: UsageLimit::RetirementAge,
            },
        ];
        for case in cases {
            let period = usage_period(case.export, case.valid_to, case.birth);
            assert_eq!(period.usable_until, case.until, "export {} birth {}", case.export, case.birth);
            assert_eq!(period.limited_by, case.limit, "export {} birth {}", case.export, case.birth);
        }
    }

    #[test]
    fn leap_day_birthday_in_leap_year() {
        assert_eq!(birthday_at_age(day(1960, 2, 29), 64), day(2024, 2, 29));
        assert_eq!(birthday_at_age(day(1960, 2, 29), 65), day(2025, 2, 28));
    }
}
