//! Calendar days under China Standard Time (UTC+8), the legal day boundary whatever the
//! computer's own time zone is.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// China Standard Time, UTC+8, with no daylight saving.
pub const CHINA_STANDARD_TIME: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

/// Returns the China Standard Time offset.
pub fn china_standard_time() -> FixedOffset {
    CHINA_STANDARD_TIME
}

/// Returns the calendar day in China at the instant `now`.
pub fn china_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&china_standard_time()).date_naive()
}

/// Returns today's calendar day in China.
pub fn today_in_china() -> NaiveDate {
    china_date(Utc::now())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;

    #[test]
    fn day_boundary_is_midnight_in_beijing() {
        let before = Utc.with_ymd_and_hms(2026, 12, 3, 15, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 12, 3, 16, 0, 0).unwrap();
        assert_eq!(china_date(before), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
        assert_eq!(china_date(after), NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
    }
}
