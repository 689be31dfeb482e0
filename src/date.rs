//! A calendar date, shared by every stage: the model reads it (the signature's 成文日期),
//! the exporters write it into document properties, [`crate::world`] makes one from
//! `SOURCE_DATE_EPOCH`. It belongs to no stage, so none imports another for it.

/// A proleptic Gregorian date. Invariant (kept by its makers, not checked here): `month` is
/// 1–12 and `day` a day of that month; `year` is 1–9999.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Date {
    /// The year, 1–9999.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// 成文日期: Arabic digits, month and day without leading zeros (standards §1.5).
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// The UTC date of a Unix time (seconds since 1970-01-01T00:00:00Z, not negative).
    pub fn from_epoch(secs: i64) -> Date {
        let days = secs.div_euclid(86_400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as u16;
        Date {
            year: y,
            month: m,
            day: d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(Date::from_epoch(0), d(1970, 1, 1));
        assert_eq!(Date::from_epoch(1_611_100_800), d(2021, 1, 20));
    }
}
