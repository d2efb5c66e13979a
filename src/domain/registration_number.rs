//! Registration number (注册编号) of a registered constructor: `京111050700001`, optionally
//! followed by the 2-digit seal check code that seals print, `京111050700001(02)`.
//!
//! Layout: province abbreviation of the current registration (军 for the PLA), level (1 or 2),
//! GB/T 2260 province code at initial registration (99 for PLA logistics), qualification year,
//! initial registration year and a 5-digit serial. Only the first character changes when the
//! holder moves province, so people are matched by ID number, never by registration number.

use std::fmt;

use crate::i18n::{Key, Message};

/// Province abbreviations with their full names. 黔/贵 and 滇/云 both occur for one province.
const PROVINCES: [(char, &str); 34] = [
    ('京', "北京市"),
    ('津', "天津市"),
    ('冀', "河北省"),
    ('晋', "山西省"),
    ('蒙', "内蒙古自治区"),
    ('辽', "辽宁省"),
    ('吉', "吉林省"),
    ('黑', "黑龙江省"),
    ('沪', "上海市"),
    ('苏', "江苏省"),
    ('浙', "浙江省"),
    ('皖', "安徽省"),
    ('闽', "福建省"),
    ('赣', "江西省"),
    ('鲁', "山东省"),
    ('豫', "河南省"),
    ('鄂', "湖北省"),
    ('湘', "湖南省"),
    ('粤', "广东省"),
    ('桂', "广西壮族自治区"),
    ('琼', "海南省"),
    ('渝', "重庆市"),
    ('川', "四川省"),
    ('黔', "贵州省"),
    ('贵', "贵州省"),
    ('云', "云南省"),
    ('滇', "云南省"),
    ('藏', "西藏自治区"),
    ('陕', "陕西省"),
    ('甘', "甘肃省"),
    ('青', "青海省"),
    ('宁', "宁夏回族自治区"),
    ('新', "新疆维吾尔自治区"),
    ('军', "中国人民解放军"),
];

/// GB/T 2260 province codes that may stand at the initial-registration position, plus 99.
const PROVINCE_CODES: [u8; 32] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 99,
];

/// A well-formed registration number, with the seal check code when one was given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegistrationNumber {
    number: String,
    seal_check_code: Option<String>,
}

/// Why a value is not a registration number.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant\'s doc names its fields")]
pub enum RegistrationNumberError {
    /// Nothing was given.
    Empty,
    /// The first character is not a province abbreviation.
    Province { character: char },
    /// Not one character followed by 12 digits.
    Length { digits: usize },
    /// A character that is not a digit, at a 1-based position.
    Character { position: usize, character: char },
    /// The level digit is neither 1 nor 2.
    Level { level: char },
    /// The initial-registration province code names no province.
    ProvinceCode { code: String },
    /// The seal check code in brackets is not 2 digits.
    SealCheckCode { code: String },
}

impl RegistrationNumber {
    /// Parses a registration number, with or without the bracketed seal check code.
    pub fn parse(input: &str) -> Result<Self, RegistrationNumberError> {
        let cleaned: String = input
            .trim()
            .trim_start_matches('\'')
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{3000}'))
            .map(|c| match c {
                '\u{FF10}'..='\u{FF19}' | '\u{FF08}' | '\u{FF09}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        let (number, seal_check_code) = split_seal_code(&cleaned)?;
        let mut chars = number.chars();
        let province = chars.next().ok_or(RegistrationNumberError::Empty)?;
        if province_name(province).is_none() {
            return Err(RegistrationNumberError::Province { character: province });
        }
        let digits: Vec<char> = chars.collect();
        if let Some((i, &character)) = digits.iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(RegistrationNumberError::Character { position: i + 2, character });
        }
        if digits.len() != 12 {
            return Err(RegistrationNumberError::Length { digits: digits.len() });
        }
        if !matches!(digits[0], '1' | '2') {
            return Err(RegistrationNumberError::Level { level: digits[0] });
        }
        let code: String = digits[1..3].iter().collect();
        if !code.parse::<u8>().is_ok_and(|c| PROVINCE_CODES.contains(&c)) {
            return Err(RegistrationNumberError::ProvinceCode { code });
        }
        Ok(Self { number: number.to_owned(), seal_check_code })
    }

    /// Returns the 13-character number without the seal check code.
    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// Returns the seal check code, if the input carried one.
    pub fn seal_check_code(&self) -> Option<&str> {
        self.seal_check_code.as_deref()
    }

    /// Returns the province abbreviation of the current registration.
    pub fn province_character(&self) -> char {
        self.number.chars().next().unwrap_or_default()
    }

    /// Returns the full name of the province of the current registration.
    pub fn province(&self) -> &'static str {
        province_name(self.province_character()).unwrap_or_default()
    }

    /// Returns the level: 1 for 一级, 2 for 二级.
    pub fn level(&self) -> u8 {
        self.digit_at(0)
    }

    fn digits(&self) -> &str {
        let first = self.province_character().len_utf8();
        &self.number[first..]
    }

    fn digit_at(&self, index: usize) -> u8 {
        self.digits().as_bytes()[index] - b'0'
    }

    /// Returns the GB/T 2260 province code at initial registration (`99` for PLA logistics).
    pub fn initial_province_code(&self) -> &str {
        &self.digits()[1..3]
    }

    /// Returns the two-digit year the qualification was obtained.
    pub fn qualification_year(&self) -> &str {
        &self.digits()[3..5]
    }

    /// Returns the two-digit year of initial registration.
    pub fn initial_registration_year(&self) -> &str {
        &self.digits()[5..7]
    }

    /// Returns the 5-digit serial.
    pub fn serial(&self) -> &str {
        &self.digits()[7..12]
    }
}

impl fmt::Display for RegistrationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.seal_check_code {
            Some(code) => write!(f, "{}({code})", self.number),
            None => f.write_str(&self.number),
        }
    }
}

/// Returns the full province name for an abbreviation.
pub fn province_name(abbreviation: char) -> Option<&'static str> {
    PROVINCES.iter().find(|(c, _)| *c == abbreviation).map(|(_, name)| *name)
}

fn split_seal_code(value: &str) -> Result<(&str, Option<String>), RegistrationNumberError> {
    if value.is_empty() {
        return Err(RegistrationNumberError::Empty);
    }
    let Some(open) = value.find('(') else {
        return Ok((value, None));
    };
    let code = value[open + 1..].trim_end_matches(')');
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) || !value.ends_with(')') {
        return Err(RegistrationNumberError::SealCheckCode { code: value[open..].to_owned() });
    }
    Ok((&value[..open], Some(code.to_owned())))
}

impl RegistrationNumberError {
    /// Describes the problem for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new(Key::RegNoEmpty),
            Self::Province { character } => Message::new(Key::RegNoProvince).arg("character", character),
            Self::Length { digits } => Message::new(Key::RegNoLength).arg("digits", digits),
            Self::Character { position, character } => {
                Message::new(Key::RegNoCharacter).arg("position", position).arg("character", character)
            }
            Self::Level { level } => Message::new(Key::RegNoLevel).arg("level", level),
            Self::ProvinceCode { code } => Message::new(Key::RegNoProvinceCode).arg("code", code),
            Self::SealCheckCode { code } => Message::new(Key::RegNoSealCheckCode).arg("code", code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_number_parts() {
        let number = RegistrationNumber::parse("京111050700001").unwrap();
        assert_eq!(number.province(), "北京市");
        assert_eq!(number.level(), 1);
        assert_eq!(number.initial_province_code(), "11");
        assert_eq!(number.qualification_year(), "05");
        assert_eq!(number.initial_registration_year(), "07");
        assert_eq!(number.serial(), "00001");
        assert_eq!(number.seal_check_code(), None);
    }

    #[test]
    fn seal_check_code_full_width_brackets() {
        let number = RegistrationNumber::parse("京111050700001（02）").unwrap();
        assert_eq!(number.seal_check_code(), Some("02"));
        assert_eq!(number.to_string(), "京111050700001(02)");
    }

    #[test]
    fn unknown_province_is_named() {
        assert_eq!(
            RegistrationNumber::parse("X111050700001").unwrap_err(),
            RegistrationNumberError::Province { character: 'X' }
        );
    }

    #[test]
    fn level_three_is_rejected() {
        assert_eq!(
            RegistrationNumber::parse("京311050700001").unwrap_err(),
            RegistrationNumberError::Level { level: '3' }
        );
    }

    #[test]
    fn pla_number_is_valid() {
        assert_eq!(RegistrationNumber::parse("军199100800012").unwrap().province(), "中国人民解放军");
    }
}
