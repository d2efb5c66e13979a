//! Resident identity card number (居民身份证号码, GB 11643) and the other identity documents.

use std::fmt;

use chrono::NaiveDate;

use super::certificate::Sex;
use super::normalize::{InputProblem, canonical_ascii};
use crate::i18n::{Key, Message};

/// ISO 7064 MOD 11-2 weights for the first 17 digits.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check characters indexed by the weighted sum modulo 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// First two digits that GB/T 2260 has used for provinces, plus 81/82/83 for the residence
/// permits of Hong Kong, Macau and Taiwan residents. Lower-level codes are not checked, because
/// address codes change over time and an obsolete one is still a valid ID number.
const PROVINCE_PREFIXES: [u8; 37] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82, 83, 91, 99,
];

/// A resident ID number in its 18-character form, with a correct check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(String);

/// Why a value is not a valid resident ID number.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant\'s doc names its fields")]
pub enum IdNumberError {
    /// Empty input or a number Excel already mangled.
    Input(InputProblem),
    /// Neither 18 nor the legacy 15 characters.
    Length { length: usize },
    /// A character that may not stand at this position (1-based).
    Character { position: usize, character: char },
    /// The first two digits name no province.
    Province { prefix: String },
    /// The birth date digits are not a calendar date.
    BirthDate { digits: String },
    /// The 18th character does not match the MOD 11-2 check.
    CheckCharacter { expected: char, found: char },
}

impl IdNumber {
    /// Parses an 18-digit number, or a legacy 15-digit one which is upgraded to 18 digits.
    pub fn parse(input: &str) -> Result<Self, IdNumberError> {
        let value = canonical_ascii(input).map_err(IdNumberError::Input)?;
        let length = value.chars().count();
        match length {
            18 => Self::parse_18(&value),
            15 => Self::parse_15(&value),
            _ => Err(IdNumberError::Length { length }),
        }
    }

    fn parse_18(value: &str) -> Result<Self, IdNumberError> {
        check_digits(&value[..17], 0)?;
        let last = value.chars().nth(17).unwrap_or_default();
        if !(last.is_ascii_digit() || last == 'X') {
            return Err(IdNumberError::Character { position: 18, character: last });
        }
        check_province(value)?;
        check_birth_date(&value[6..14])?;
        let expected = check_character(&value[..17]);
        if last != expected {
            return Err(IdNumberError::CheckCharacter { expected, found: last });
        }
        Ok(Self(value.to_owned()))
    }

    fn parse_15(value: &str) -> Result<Self, IdNumberError> {
        check_digits(value, 0)?;
        check_province(value)?;
        let first17 = format!("{}19{}", &value[..6], &value[6..]);
        check_birth_date(&first17[6..14])?;
        let check = check_character(&first17);
        Ok(Self(format!("{first17}{check}")))
    }

    /// Builds a number from its first 17 digits, computing the check character.
    /// Used by the sample-data generator.
    pub fn from_first17(first17: &str) -> Result<Self, IdNumberError> {
        if first17.len() != 17 {
            return Err(IdNumberError::Length { length: first17.chars().count() + 1 });
        }
        let check = check_character(first17);
        Self::parse(&format!("{first17}{check}"))
    }

    /// Returns the full 18-character number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the 6-digit address code of the place of first registration.
    pub fn region_code(&self) -> &str {
        &self.0[..6]
    }

    /// Returns the birth date encoded in digits 7 to 14.
    pub fn birth_date(&self) -> NaiveDate {
        parse_birth_date(&self.0[6..14]).unwrap_or_default()
    }

    /// Returns the sex encoded by the parity of the 17th digit (odd is male).
    pub fn sex(&self) -> Sex {
        let digit = self.0.as_bytes()[16] - b'0';
        if digit % 2 == 1 { Sex::Male } else { Sex::Female }
    }

    /// Tells whether this is a residence permit of a Hong Kong, Macau or Taiwan resident.
    pub fn is_residence_permit(&self) -> bool {
        matches!(&self.0[..6], "810000" | "820000" | "830000")
    }

    /// Returns the number with the birth date and sequence hidden: `110105********002X`.
    pub fn masked(&self) -> String {
        mask_id_text(&self.0)
    }
}

impl fmt::Display for IdNumber {
    /// Shows the masked form, so a full number never reaches a log line by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// Masks any identity-document text: keeps the first 6 and last 4 characters of an 18-character
/// number and hides the middle of anything else.
pub fn mask_id_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (keep_head, keep_tail) = match chars.len() {
        0..=4 => (0, 0),
        5..=8 => (1, 1),
        9..=14 => (2, 2),
        _ => (6, 4),
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < keep_head || i >= chars.len() - keep_tail { *c } else { '*' })
        .collect()
}

/// Computes the MOD 11-2 check character over the first 17 digits.
pub fn check_character(first17: &str) -> char {
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b.wrapping_sub(b'0')) * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

fn check_digits(value: &str, offset: usize) -> Result<(), IdNumberError> {
    match value.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, character)) => Err(IdNumberError::Character { position: offset + i + 1, character }),
        None => Ok(()),
    }
}

fn check_province(value: &str) -> Result<(), IdNumberError> {
    let prefix = &value[..2];
    let known = prefix.parse::<u8>().is_ok_and(|p| PROVINCE_PREFIXES.contains(&p));
    if known { Ok(()) } else { Err(IdNumberError::Province { prefix: prefix.to_owned() }) }
}

fn check_birth_date(digits: &str) -> Result<(), IdNumberError> {
    parse_birth_date(digits).map(|_| ()).ok_or_else(|| IdNumberError::BirthDate { digits: digits.to_owned() })
}

/// Parses `YYYYMMDD` and accepts only years from 1900 to 2099.
fn parse_birth_date(digits: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(digits, "%Y%m%d").ok()?;
    let year = chrono::Datelike::year(&date);
    (1900..=2099).contains(&year).then_some(date)
}

impl IdNumberError {
    /// Describes the problem for the user, naming the position and the expected value.
    pub fn message(&self) -> Message {
        match self {
            Self::Input(InputProblem::Empty) => Message::new(Key::IdEmpty),
            Self::Input(InputProblem::ScientificNotation) => Message::new(Key::IdScientificNotation),
            Self::Length { length } => Message::new(Key::IdLength).arg("length", length),
            Self::Character { position, character } => {
                Message::new(Key::IdCharacter).arg("position", position).arg("character", character)
            }
            Self::Province { prefix } => Message::new(Key::IdProvince).arg("prefix", prefix),
            Self::BirthDate { digits } => Message::new(Key::IdBirthDate).arg("digits", digits),
            Self::CheckCharacter { expected, found } => {
                Message::new(Key::IdCheckCharacter).arg("expected", expected).arg("found", found)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_sample_is_valid() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(id.region_code(), "110105");
        assert_eq!(id.masked(), "110105********002X");
    }

    #[test]
    fn wrong_check_character_names_expected() {
        let err = IdNumber::parse("110105194912310021").unwrap_err();
        assert_eq!(err, IdNumberError::CheckCharacter { expected: 'X', found: '1' });
    }

    #[test]
    fn legacy_fifteen_digits_upgrade() {
        let id = IdNumber::parse("110105491231002").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn lowercase_x_and_full_width_normalise() {
        let id = IdNumber::parse("１１０１０５１９４９１２３１００２ｘ").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn invalid_birth_date_is_named() {
        let first17 = "11010519490231002";
        let full = format!("{first17}{}", check_character(first17));
        assert_eq!(IdNumber::parse(&full).unwrap_err(), IdNumberError::BirthDate { digits: "19490231".into() });
    }

    #[test]
    fn residence_permit_is_recognised() {
        let id = IdNumber::from_first17("81000019900101001").unwrap();
        assert!(id.is_residence_permit());
    }

    #[test]
    fn display_is_masked() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.to_string(), "110105********002X");
    }
}
