//! Unified social credit code (统一社会信用代码, GB 32100) of a unit.

use std::fmt;

use super::normalize::{InputProblem, canonical_ascii};
use crate::i18n::{Key, Message};

/// The 31 characters a credit code may use: digits and capitals without I, O, S, V and Z.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights 3^i mod 31 for the first 17 characters.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// An 18-character credit code with a correct check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditCode(String);

/// Why a value is not a valid credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant\'s doc names its fields")]
pub enum CreditCodeError {
    /// Empty input or a number Excel already mangled.
    Input(InputProblem),
    /// Not 18 characters long.
    Length { length: usize },
    /// A character outside the 31-character set, at a 1-based position.
    Character { position: usize, character: char },
    /// The 18th character does not match the GB 32100 check.
    CheckCharacter { expected: char, found: char },
}

impl CreditCode {
    /// Parses and checks a credit code, normalising case, full-width forms and separators.
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let value = canonical_ascii(input).map_err(CreditCodeError::Input)?;
        let chars: Vec<char> = value.chars().collect();
        if chars.len() != 18 {
            return Err(CreditCodeError::Length { length: chars.len() });
        }
        if let Some((i, &character)) = chars.iter().enumerate().find(|(_, c)| value_of(**c).is_none()) {
            return Err(CreditCodeError::Character { position: i + 1, character });
        }
        let expected = check_character(&value[..17]).unwrap_or('0');
        if chars[17] != expected {
            return Err(CreditCodeError::CheckCharacter { expected, found: chars[17] });
        }
        Ok(Self(value))
    }

    /// Builds a code from its first 17 characters, computing the check character.
    pub fn from_first17(first17: &str) -> Result<Self, CreditCodeError> {
        let check = check_character(first17).ok_or(CreditCodeError::Length { length: first17.len() + 1 })?;
        Self::parse(&format!("{first17}{check}"))
    }

    /// Returns the full code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the 6-digit administrative division code (characters 3 to 8).
    pub fn region_code(&self) -> &str {
        &self.0[2..8]
    }

    /// Returns the 9-character organisation code (characters 9 to 17).
    pub fn organization_code(&self) -> &str {
        &self.0[8..17]
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn value_of(c: char) -> Option<u32> {
    ALPHABET.find(c).and_then(|i| u32::try_from(i).ok())
}

/// Computes the GB 32100 check character over 17 characters, or `None` if any is outside the set.
pub fn check_character(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, weight) in first17.chars().zip(WEIGHTS) {
        sum += value_of(c)? * weight;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check as usize)
}

impl CreditCodeError {
    /// Describes the problem for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Input(InputProblem::Empty) => Message::new(Key::CreditCodeEmpty),
            Self::Input(InputProblem::ScientificNotation) => Message::new(Key::IdScientificNotation),
            Self::Length { length } => Message::new(Key::CreditCodeLength).arg("length", length),
            Self::Character { position, character } => {
                Message::new(Key::CreditCodeCharacter).arg("position", position).arg("character", character)
            }
            Self::CheckCharacter { expected, found } => {
                Message::new(Key::CreditCodeCheckCharacter).arg("expected", expected).arg("found", found)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_are_valid() {
        for code in ["11100000000013338W", "11110000000021135M", "11430000006122244L"] {
            assert!(CreditCode::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn wrong_check_character_is_named() {
        assert_eq!(
            CreditCode::parse("11100000000013338X").unwrap_err(),
            CreditCodeError::CheckCharacter { expected: 'W', found: 'X' }
        );
    }

    #[test]
    fn letter_outside_set_is_named() {
        assert_eq!(
            CreditCode::parse("1110000000001333OW").unwrap_err(),
            CreditCodeError::Character { position: 17, character: 'O' }
        );
    }

    #[test]
    fn lowercase_is_accepted() {
        assert_eq!(CreditCode::parse("11100000000013338w").unwrap().as_str(), "11100000000013338W");
    }
}
