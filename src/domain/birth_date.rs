//! Birth dates as people give them at a desk: often only the year, or year and month.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as eCH-0044 `datePartiallyKnown` allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BirthDateError {
    #[error("write the date as YYYY, YYYY-MM or YYYY-MM-DD")]
    Format,
    #[error("there is no such date")]
    NoSuchDate,
    #[error("the date lies in the future")]
    InFuture,
    #[error("the year is before 1900")]
    TooOld,
}

impl BirthDateError {
    pub fn code(&self) -> &'static str {
        match self {
            BirthDateError::Format => "date_format",
            BirthDateError::NoSuchDate => "date_no_such_date",
            BirthDateError::InFuture => "date_in_future",
            BirthDateError::TooOld => "date_too_old",
        }
    }
}

impl PartialDate {
    /// The earliest full date the partial date can stand for.
    pub fn earliest(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("validated on construction")
    }

    /// Parses and checks a birth date against `today`: a birth date cannot lie in the future.
    pub fn parse_birth_date(input: &str, today: NaiveDate) -> Result<PartialDate, BirthDateError> {
        let date: PartialDate = input.parse()?;
        if date.year < 1900 {
            return Err(BirthDateError::TooOld);
        }
        if date.earliest() > today {
            return Err(BirthDateError::InFuture);
        }
        Ok(date)
    }
}

impl FromStr for PartialDate {
    type Err = BirthDateError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = input.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, BirthDateError> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| BirthDateError::Format)
            } else {
                Err(BirthDateError::Format)
            }
        };
        let (year, month, day) = match parts.as_slice() {
            [y] => (number(y, 4)?, None, None),
            [y, m] => (number(y, 4)?, Some(number(m, 2)?), None),
            [y, m, d] => (number(y, 4)?, Some(number(m, 2)?), Some(number(d, 2)?)),
            _ => return Err(BirthDateError::Format),
        };
        let year = year as i32;
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(BirthDateError::NoSuchDate);
        }
        if let Some(d) = day
            && NaiveDate::from_ymd_opt(year, month.unwrap_or(1), d).is_none()
        {
            return Err(BirthDateError::NoSuchDate);
        }
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn accepts_year_month_and_full_dates() {
        for text in ["1980", "1980-07", "1980-07-31"] {
            let date = PartialDate::parse_birth_date(text, today()).unwrap();
            assert_eq!(date.to_string(), text);
        }
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        assert_eq!(
            "1981-02-29".parse::<PartialDate>(),
            Err(BirthDateError::NoSuchDate)
        );
        assert_eq!(
            "1980-13".parse::<PartialDate>(),
            Err(BirthDateError::NoSuchDate)
        );
        assert!("1980-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn refuses_malformed_text() {
        for text in ["80", "1980/07/01", "1980-7-1", "", "abcd", "1980-07-01-02"] {
            assert_eq!(
                text.parse::<PartialDate>(),
                Err(BirthDateError::Format),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_a_birth_date_in_the_future_but_allows_today() {
        assert_eq!(
            PartialDate::parse_birth_date("2026-11-26", today()),
            Err(BirthDateError::InFuture)
        );
        assert_eq!(
            PartialDate::parse_birth_date("2026-12", today()),
            Err(BirthDateError::InFuture)
        );
        assert!(PartialDate::parse_birth_date("2026-11-25", today()).is_ok());
        assert!(PartialDate::parse_birth_date("2026", today()).is_ok());
        assert_eq!(
            PartialDate::parse_birth_date("1850", today()),
            Err(BirthDateError::TooOld)
        );
    }
}
