//! The registration certificate (注册证书) as the platform issues it, and its summary for lists.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::record_signature::SignatureStatus;

/// Sex as printed on the certificate face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男
    Male,
    /// 女
    Female,
}

/// A registered qualification (注册执业资格). All of them count when one ID number is
/// registered in two units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualification {
    /// 一级注册建造师
    Constructor1,
    /// 二级注册建造师
    Constructor2,
    /// 注册监理工程师
    SupervisionEngineer,
    /// 注册造价工程师
    CostEngineer,
    /// 注册安全工程师
    SafetyEngineer,
    /// 注册建筑师
    Architect,
    /// 勘察设计注册工程师
    SurveyDesignEngineer,
}

impl Qualification {
    /// Every qualification.
    pub const ALL: [Self; 7] = [
        Self::Constructor1,
        Self::Constructor2,
        Self::SupervisionEngineer,
        Self::CostEngineer,
        Self::SafetyEngineer,
        Self::Architect,
        Self::SurveyDesignEngineer,
    ];

    /// Returns the stable code used in the cache and on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Self::Constructor1 => "constructor1",
            Self::Constructor2 => "constructor2",
            Self::SupervisionEngineer => "supervision_engineer",
            Self::CostEngineer => "cost_engineer",
            Self::SafetyEngineer => "safety_engineer",
            Self::Architect => "architect",
            Self::SurveyDesignEngineer => "survey_design_engineer",
        }
    }

    /// Parses a code written by [`Qualification::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.code() == code)
    }
}

/// Whether a certificate version is the one in force. A new version is issued on every change,
/// renewal or added specialty, and the previous one becomes invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// The current version.
    Valid,
    /// Replaced by a newer version; kept for history, never shown as valid.
    Superseded,
}

impl CertificateStatus {
    /// Returns the stable code used in the cache.
    pub fn code(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Superseded => "superseded",
        }
    }

    /// Parses a code written by [`CertificateStatus::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "valid" => Some(Self::Valid),
            "superseded" => Some(Self::Superseded),
            _ => None,
        }
    }
}

/// A registered specialty (注册专业) with its own validity window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Specialty {
    /// Name as printed, such as 建筑工程; legacy names are kept as they are.
    pub name: String,
    /// First day of the registration period.
    pub valid_from: NaiveDate,
    /// Last day of the registration period.
    pub valid_to: NaiveDate,
}

/// How a specialty stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// In force, with more than the warning window left.
    Valid,
    /// In force, ending within the warning window.
    Expiring {
        /// Days from the as-of date to the last valid day.
        days_left: i64,
    },
    /// Past its last day.
    Expired,
    /// Starts after the as-of date.
    NotYetValid,
}

/// The ten specialties of 一级注册建造师 in force since 2008, as (full name, short name).
pub const CONSTRUCTOR1_SPECIALTIES: [(&str, &str); 10] = [
    ("建筑工程", "建筑"),
    ("公路工程", "公路"),
    ("铁路工程", "铁路"),
    ("民航机场工程", "民航"),
    ("港口与航道工程", "港航"),
    ("水利水电工程", "水利"),
    ("矿业工程", "矿业"),
    ("市政公用工程", "市政"),
    ("通信与广电工程", "通信"),
    ("机电工程", "机电"),
];

/// The six specialties of 二级注册建造师, as (full name, short name).
pub const CONSTRUCTOR2_SPECIALTIES: [(&str, &str); 6] = [
    ("建筑工程", "建筑"),
    ("公路工程", "公路"),
    ("水利水电工程", "水利水电"),
    ("市政公用工程", "市政公用"),
    ("矿业工程", "矿业"),
    ("机电工程", "机电"),
];

impl Qualification {
    /// Returns the specialties in force as (full name, short name), or `None` for the
    /// qualifications whose specialties are not modelled (all but the two constructor levels).
    pub fn specialties_in_force(self) -> Option<&'static [(&'static str, &'static str)]> {
        match self {
            Self::Constructor1 => Some(&CONSTRUCTOR1_SPECIALTIES),
            Self::Constructor2 => Some(&CONSTRUCTOR2_SPECIALTIES),
            _ => None,
        }
    }

    /// Returns the full name of a specialty in force, given its full or short name.
    pub fn specialty_in_force(self, name: &str) -> Option<&'static str> {
        let name = name.trim();
        self.specialties_in_force()?.iter().find(|(full, short)| *full == name || *short == name).map(|(full, _)| *full)
    }
}

/// 90 days: specialties that end within this window are flagged for renewal.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

impl Specialty {
    /// Tells how this specialty stands on `as_of` (a China Standard Time calendar day).
    pub fn validity(&self, as_of: NaiveDate) -> Validity {
        if as_of < self.valid_from {
            return Validity::NotYetValid;
        }
        if as_of > self.valid_to {
            return Validity::Expired;
        }
        let days_left = (self.valid_to - as_of).num_days();
        if days_left <= EXPIRY_WARNING_DAYS { Validity::Expiring { days_left } } else { Validity::Valid }
    }
}

/// One version of an e-certificate with every face field (照面信息).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The platform's identifier of the certificate, the same across versions.
    pub certificate_id: String,
    /// Version number; each change issues a new one.
    pub version: u32,
    /// Whether this version is in force.
    pub status: CertificateStatus,
    /// The qualification this registration is for.
    pub qualification: Qualification,
    /// Registration number (注册编号), such as `京111050700001`.
    pub registration_number: String,
    /// The 2-digit check code printed after the number on seals.
    pub seal_check_code: Option<String>,
    /// Holder's name; may contain characters outside the Basic Multilingual Plane.
    pub holder_name: String,
    /// Holder's sex.
    pub sex: Sex,
    /// Holder's birth date.
    pub birth_date: NaiveDate,
    /// Identity document type, `resident_id` for a resident identity card.
    pub id_type: String,
    /// Full identity document number. Mask it before showing or sharing.
    pub id_number: String,
    /// Employer (聘用企业) name.
    pub unit_name: String,
    /// Employer's unified social credit code.
    pub unit_credit_code: String,
    /// Registered specialties, each with its own validity.
    pub specialties: Vec<Specialty>,
    /// Issuing authority.
    pub issuer: String,
    /// Day this version was issued.
    pub issued_on: NaiveDate,
    /// Electronic licence identifier (电子证照标识).
    pub licence_id: String,
    /// Holder's photo as PNG bytes.
    pub photo_png: Vec<u8>,
    /// Holder's signature image as PNG bytes.
    pub signature_png: Vec<u8>,
}

impl Certificate {
    /// Returns the earliest last valid day over all specialties.
    pub fn earliest_valid_to(&self) -> Option<NaiveDate> {
        self.specialties.iter().map(|s| s.valid_to).min()
    }

    /// Returns the ID number masked for display (`110105********002X`).
    pub fn id_number_masked(&self) -> String {
        super::id_number::mask_id_text(&self.id_number)
    }
}

/// The fields a list row shows, read without the images.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateSummary {
    /// The platform's identifier of the certificate.
    pub certificate_id: String,
    /// Version number.
    pub version: u32,
    /// Whether this version is in force.
    pub status: CertificateStatus,
    /// The qualification.
    pub qualification: Qualification,
    /// Registration number.
    pub registration_number: String,
    /// Holder's name.
    pub holder_name: String,
    /// Masked ID number; the full one is never loaded for lists.
    pub id_number_masked: String,
    /// Employer name.
    pub unit_name: String,
    /// Employer credit code.
    pub unit_credit_code: String,
    /// Specialties with validity.
    pub specialties: Vec<Specialty>,
    /// The result of checking the issuer's signature over the record; `None` until checked.
    pub signature: Option<SignatureStatus>,
}

impl CertificateSummary {
    /// Returns the earliest last valid day over all specialties.
    pub fn earliest_valid_to(&self) -> Option<NaiveDate> {
        self.specialties.iter().map(|s| s.valid_to).min()
    }

    /// Returns the specialty that ends first, which decides the row's validity.
    pub fn first_ending_specialty(&self) -> Option<&Specialty> {
        self.specialties.iter().min_by_key(|s| s.valid_to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn specialty_validity_windows() {
        let specialty =
            Specialty { name: "建筑工程".into(), valid_from: day(2024, 1, 1), valid_to: day(2026, 12, 31) };
        assert_eq!(specialty.validity(day(2023, 12, 31)), Validity::NotYetValid);
        assert_eq!(specialty.validity(day(2025, 6, 1)), Validity::Valid);
        assert_eq!(specialty.validity(day(2026, 12, 4)), Validity::Expiring { days_left: 27 });
        assert_eq!(specialty.validity(day(2026, 12, 31)), Validity::Expiring { days_left: 0 });
        assert_eq!(specialty.validity(day(2027, 1, 1)), Validity::Expired);
    }

    #[test]
    fn qualification_codes_round_trip() {
        for q in [Qualification::Constructor1, Qualification::Architect, Qualification::SurveyDesignEngineer] {
            assert_eq!(Qualification::from_code(q.code()), Some(q));
        }
    }
}
