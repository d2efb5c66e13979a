//! Electronic licence identifier (电子证照标识) with its ISO/IEC 7064 MOD 37,36 check character.
//!
//! Form: `1.2.156.3005.2.<type code>.<issuer credit code>.<serial>.<3-digit version>.<check>`.
//! The check character is computed over the identifier with the `1.2.156.3005.2` root and every
//! dot removed, over the alphabet `0-9A-Z`.

use std::fmt;

use super::normalize::{InputProblem, canonical_ascii};
use crate::i18n::{Key, Message};

/// The object-identifier root of national e-licences.
pub const ROOT: &str = "1.2.156.3005.2";

const MODULUS: u32 = 36;

/// A licence identifier with a correct check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LicenceId(String);

/// Why a value is not a valid licence identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant\'s doc names its fields")]
pub enum LicenceIdError {
    /// Empty input.
    Input(InputProblem),
    /// The identifier does not start with `1.2.156.3005.2.`.
    Root,
    /// The parts after the root are not type, issuer, serial, version and check.
    Parts { count: usize },
    /// The version is not 3 digits.
    Version { version: String },
    /// A character outside `0-9A-Z`.
    Character { character: char },
    /// The last character does not match the MOD 37,36 check.
    CheckCharacter { expected: char, found: String },
}

impl LicenceId {
    /// Parses an identifier and verifies its check character.
    pub fn parse(input: &str) -> Result<Self, LicenceIdError> {
        let value: String = input.trim().chars().filter(|c| !c.is_whitespace()).collect();
        let value = canonical_ascii(&value.replace('。', ".")).map_err(LicenceIdError::Input)?;
        let rest = value.strip_prefix(ROOT).and_then(|r| r.strip_prefix('.')).ok_or(LicenceIdError::Root)?;
        let parts: Vec<&str> = rest.split('.').collect();
        if parts.len() != 5 {
            return Err(LicenceIdError::Parts { count: parts.len() });
        }
        let version = parts[3];
        if version.len() != 3 || !version.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LicenceIdError::Version { version: version.to_owned() });
        }
        let body: String = parts[..4].concat();
        let expected = check_character(&body)?;
        if parts[4] != expected.to_string() {
            return Err(LicenceIdError::CheckCharacter { expected, found: parts[4].to_owned() });
        }
        Ok(Self(value))
    }

    /// Builds an identifier from its parts, computing the check character.
    pub fn build(type_code: &str, issuer: &str, serial: &str, version: u16) -> Result<Self, LicenceIdError> {
        let version = format!("{version:03}");
        let check = check_character(&format!("{type_code}{issuer}{serial}{version}"))?;
        Self::parse(&format!("{ROOT}.{type_code}.{issuer}.{serial}.{version}.{check}"))
    }

    /// Returns the identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn part(&self, index: usize) -> &str {
        self.0[ROOT.len() + 1..].split('.').nth(index).unwrap_or_default()
    }

    /// Returns the licence type code.
    pub fn type_code(&self) -> &str {
        self.part(0)
    }

    /// Returns the credit code of the issuing authority.
    pub fn issuer(&self) -> &str {
        self.part(1)
    }

    /// Returns the version number.
    pub fn version(&self) -> u16 {
        self.part(3).parse().unwrap_or_default()
    }
}

impl fmt::Display for LicenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Computes the ISO/IEC 7064 MOD 37,36 (hybrid system) check character over `0-9A-Z` text.
pub fn check_character(body: &str) -> Result<char, LicenceIdError> {
    let mut product = MODULUS;
    for character in body.chars() {
        let value = character.to_digit(36).ok_or(LicenceIdError::Character { character })?;
        let mut sum = (product + value) % MODULUS;
        if sum == 0 {
            sum = MODULUS;
        }
        product = (sum * 2) % (MODULUS + 1);
    }
    let check = (MODULUS + 1 - product) % MODULUS;
    char::from_digit(check, 36).map(|c| c.to_ascii_uppercase()).ok_or(LicenceIdError::Character { character: '?' })
}

impl LicenceIdError {
    /// Describes the problem for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Input(_) => Message::new(Key::LicenceIdEmpty),
            Self::Root => Message::new(Key::LicenceIdRoot).arg("root", ROOT),
            Self::Parts { count } => Message::new(Key::LicenceIdParts).arg("count", count),
            Self::Version { version } => Message::new(Key::LicenceIdVersion).arg("version", version),
            Self::Character { character } => Message::new(Key::LicenceIdCharacter).arg("character", character),
            Self::CheckCharacter { expected, found } => {
                Message::new(Key::LicenceIdCheckCharacter).arg("expected", expected).arg("found", found)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the hybrid-system check over a body that ends in its check character: a valid
    /// identifier leaves a last sum of 1.
    fn residue(full: &str) -> u32 {
        let mut product = MODULUS;
        let mut sum = 0;
        for c in full.chars() {
            sum = (product + c.to_digit(36).unwrap()) % MODULUS;
            if sum == 0 {
                sum = MODULUS;
            }
            product = (sum * 2) % (MODULUS + 1);
        }
        sum
    }

    #[test]
    fn built_identifier_parses_back() {
        let id = LicenceId::build("0041", "11100000000013338W", "20260001234", 2).unwrap();
        assert_eq!(LicenceId::parse(id.as_str()).unwrap(), id);
        assert_eq!(id.issuer(), "11100000000013338W");
        assert_eq!(id.version(), 2);
    }

    #[test]
    fn check_character_completes_the_residue() {
        let body = "004111100000000013338W20260001234002";
        let check = check_character(body).unwrap();
        assert_eq!(residue(&format!("{body}{check}")), 1);
    }

    #[test]
    fn changed_serial_fails_check() {
        let id = LicenceId::build("0041", "11100000000013338W", "20260001234", 2).unwrap();
        let tampered = id.as_str().replace("20260001234", "20260001235");
        assert!(matches!(LicenceId::parse(&tampered), Err(LicenceIdError::CheckCharacter { .. })));
    }
}
