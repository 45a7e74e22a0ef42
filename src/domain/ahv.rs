//! The Swiss social-security number AHVN13 (`756.XXXX.XXXX.XC`), an EAN-13 with country prefix 756.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ahvn13(u64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AhvError {
    #[error("an AHV number has 13 digits, this one has {0}")]
    WrongLength(usize),
    #[error("an AHV number contains only digits and dots, found {0:?}")]
    InvalidCharacter(char),
    #[error("an AHV number starts with 756")]
    WrongPrefix,
    #[error("the check digit is wrong: the last digit should be {expected}")]
    CheckDigit { expected: u8 },
}

impl AhvError {
    /// Stable key for the UI strings (`data/i18n/*.toml`, section `error`).
    pub fn code(&self) -> &'static str {
        match self {
            AhvError::WrongLength(_) => "ahv_length",
            AhvError::InvalidCharacter(_) => "ahv_character",
            AhvError::WrongPrefix => "ahv_prefix",
            AhvError::CheckDigit { .. } => "ahv_check_digit",
        }
    }
}

/// EAN-13 check digit over the first twelve digits: weights 1,3,1,3,... from the left.
pub fn ean13_check_digit(first_twelve: &[u8; 12]) -> u8 {
    let sum: u32 = first_twelve
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl Ahvn13 {
    /// Builds a valid number from the nine digits after `756`, computing the check digit.
    pub fn from_body(body: u32) -> Ahvn13 {
        let twelve = 756_000_000_000u64 + u64::from(body % 1_000_000_000);
        let mut digits = [0u8; 12];
        let mut rest = twelve;
        for slot in digits.iter_mut().rev() {
            *slot = (rest % 10) as u8;
            rest /= 10;
        }
        Ahvn13(twelve * 10 + u64::from(ean13_check_digit(&digits)))
    }

    pub fn digits(&self) -> String {
        format!("{:013}", self.0)
    }
}

impl FromStr for Ahvn13 {
    type Err = AhvError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let mut digits = Vec::with_capacity(13);
        for c in input.trim().chars() {
            match c {
                '0'..='9' => digits.push(c as u8 - b'0'),
                '.' | ' ' => {}
                other => return Err(AhvError::InvalidCharacter(other)),
            }
        }
        if digits.len() != 13 {
            return Err(AhvError::WrongLength(digits.len()));
        }
        if digits[..3] != [7, 5, 6] {
            return Err(AhvError::WrongPrefix);
        }
        let first_twelve: [u8; 12] = digits[..12].try_into().expect("length checked above");
        let expected = ean13_check_digit(&first_twelve);
        if digits[12] != expected {
            return Err(AhvError::CheckDigit { expected });
        }
        Ok(Ahvn13(
            digits.iter().fold(0u64, |n, d| n * 10 + u64::from(*d)),
        ))
    }
}

impl fmt::Display for Ahvn13 {
    /// The official grouping `756.1234.5678.97`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "{}.{}.{}.{}", &d[0..3], &d[3..7], &d[7..11], &d[11..13])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_published_example_number() {
        // The example printed on the Swiss AHV card specimen.
        let n: Ahvn13 = "756.9217.0769.85".parse().unwrap();
        assert_eq!(n.to_string(), "756.9217.0769.85");
        assert_eq!("7569217076985".parse::<Ahvn13>().unwrap(), n);
    }

    #[test]
    fn refuses_a_wrong_check_digit_and_names_the_right_one() {
        assert_eq!(
            "756.9217.0769.84".parse::<Ahvn13>(),
            Err(AhvError::CheckDigit { expected: 5 })
        );
    }

    #[test]
    fn refuses_wrong_length_prefix_and_letters() {
        assert_eq!(
            "756.9217.0769".parse::<Ahvn13>(),
            Err(AhvError::WrongLength(11))
        );
        assert_eq!(
            "123.9217.0769.85".parse::<Ahvn13>(),
            Err(AhvError::WrongPrefix)
        );
        assert_eq!(
            "756.921x.0769.85".parse::<Ahvn13>(),
            Err(AhvError::InvalidCharacter('x'))
        );
    }

    #[test]
    fn generated_numbers_pass_validation() {
        for body in [0, 1, 12_345_678, 999_999_999] {
            let n = Ahvn13::from_body(body);
            assert_eq!(n.to_string().parse::<Ahvn13>().unwrap(), n);
        }
    }
}
