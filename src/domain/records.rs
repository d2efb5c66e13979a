//! The records around a certificate that the compliance rules compare: social security and
//! housing fund months, 安管 certificates, projects, continuing education, professional titles,
//! exemptions and change applications.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike as _, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    year: u16,
    month: u8,
}

/// Error of a text that is not a `YYYY-MM` month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearMonthError {
    /// The text as given.
    pub text: String,
}

impl YearMonth {
    /// Builds a month; `None` unless the month is 1 to 12 and the year 1900 to 2099.
    pub fn new(year: u16, month: u8) -> Option<Self> {
        ((1900..=2099).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// Returns the month containing a day.
    pub fn of(day: NaiveDate) -> Self {
        let year = u16::try_from(day.year()).unwrap_or(1900);
        let month = u8::try_from(day.month()).unwrap_or(1);
        Self { year, month }
    }

    /// Returns the year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// Returns the month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Returns the following month.
    #[must_use]
    pub fn next(self) -> Self {
        if self.month == 12 {
            Self { year: self.year + 1, month: 1 }
        } else {
            Self { year: self.year, month: self.month + 1 }
        }
    }

    /// Returns the month before.
    #[must_use]
    pub fn previous(self) -> Self {
        if self.month == 1 {
            Self { year: self.year - 1, month: 12 }
        } else {
            Self { year: self.year, month: self.month - 1 }
        }
    }

    /// Returns the months from `self` to `last`, both included.
    pub fn through(self, last: Self) -> impl Iterator<Item = Self> {
        std::iter::successors(Some(self), move |m| (*m < last).then(|| m.next()))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = YearMonthError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || YearMonthError { text: text.to_owned() };
        let (year, month) = text.trim().split_once('-').ok_or_else(error)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(error());
        }
        Self::new(year.parse().map_err(|_| error())?, month.parse().map_err(|_| error())?).ok_or_else(error)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|_| {
            let message = crate::i18n::Message::new(crate::i18n::Key::MonthInvalid).arg("text", &text);
            serde::de::Error::custom(message.render(crate::i18n::Lang::ZhCn))
        })
    }
}

/// A person as the platform records them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Identity document type: `resident_id` for a resident identity card.
    pub id_type: String,
    /// Document number.
    pub id_number: String,
    /// Name; may contain characters outside the Basic Multilingual Plane.
    pub name: String,
    /// Sex.
    pub sex: super::Sex,
    /// Birth date.
    pub birth_date: NaiveDate,
}

/// A unit (企业 or other employer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Unified social credit code.
    pub credit_code: String,
    /// Name.
    pub name: String,
    /// GB/T 2260 administrative division code of the registered address.
    pub region_code: String,
}

/// One month in which a unit paid a person's social insurance (社保) or housing fund (公积金).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PaymentMonth {
    /// The person's ID number.
    pub id_number: String,
    /// The paying unit's credit code.
    pub unit_credit_code: String,
    /// The month paid for.
    pub month: YearMonth,
}

/// Category of a work-safety certificate (安管人员证书): A principal, B project manager,
/// C full-time safety staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SafetyCategory {
    /// A: the unit's principal.
    A,
    /// B: project manager; must be registered in the same unit as the constructor registration.
    B,
    /// C: full-time safety staff.
    C,
}

/// Status code of a 安管 e-certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SafetyStatus {
    /// 01 有效
    #[serde(rename = "01")]
    Valid,
    /// 02 暂扣
    #[serde(rename = "02")]
    Suspended,
    /// 03 吊销
    #[serde(rename = "03")]
    Revoked,
    /// 04 注销
    #[serde(rename = "04")]
    Cancelled,
    /// 05 过期
    #[serde(rename = "05")]
    Expired,
    /// 06 转出中
    #[serde(rename = "06")]
    TransferringOut,
    /// 07 撤回
    #[serde(rename = "07")]
    Withdrawn,
    /// 99 其他
    #[serde(rename = "99")]
    Other,
}

impl SafetyStatus {
    /// Every status with its two-digit code.
    pub const CODES: [(Self, &'static str); 8] = [
        (Self::Valid, "01"),
        (Self::Suspended, "02"),
        (Self::Revoked, "03"),
        (Self::Cancelled, "04"),
        (Self::Expired, "05"),
        (Self::TransferringOut, "06"),
        (Self::Withdrawn, "07"),
        (Self::Other, "99"),
    ];

    /// Returns the two-digit code.
    pub fn code(self) -> &'static str {
        Self::CODES.iter().find(|(s, _)| *s == self).map_or("99", |(_, c)| c)
    }

    /// Parses a two-digit code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::CODES.iter().find(|(_, c)| *c == code).map(|(s, _)| *s)
    }
}

/// A 安管 certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyCertificate {
    /// Certificate number, such as `京建安B(2023)0012345`.
    pub certificate_number: String,
    /// Holder's ID number.
    pub id_number: String,
    /// A, B or C.
    pub category: SafetyCategory,
    /// The unit the certificate is registered to.
    pub unit_credit_code: String,
    /// Status.
    pub status: SafetyStatus,
    /// Last valid day.
    pub valid_to: NaiveDate,
}

/// Status of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// Under construction.
    InProgress,
    /// Work stopped.
    Stopped,
    /// Completion acceptance passed or handed over.
    Completed,
}

impl ProjectStatus {
    /// Returns the stable code used in the cache.
    pub fn code(self) -> &'static str {
        match self {
            Self::InProgress => "in_progress",
            Self::Stopped => "stopped",
            Self::Completed => "completed",
        }
    }

    /// Parses a code written by [`ProjectStatus::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::InProgress, Self::Stopped, Self::Completed].into_iter().find(|s| s.code() == code)
    }
}

/// A period in which work on a project stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stoppage {
    /// First day without work.
    pub stopped_on: NaiveDate,
    /// Day work resumed; `None` while still stopped.
    pub resumed_on: Option<NaiveDate>,
    /// Whether the contractor caused the stoppage.
    pub contractor_caused: bool,
    /// Whether the client consented to the manager working elsewhere.
    pub client_consent: bool,
}

/// A construction project with its project manager (项目负责人).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// The platform's project identifier.
    pub project_id: String,
    /// Project name.
    pub name: String,
    /// Contractor's credit code.
    pub contractor_credit_code: String,
    /// Project manager's ID number.
    pub manager_id_number: String,
    /// Status.
    pub status: ProjectStatus,
    /// Start day.
    pub started_on: NaiveDate,
    /// Completion acceptance or handover day.
    pub completed_on: Option<NaiveDate>,
    /// Day the contract acceptance passed, which frees the manager for another project.
    pub contract_accepted_on: Option<NaiveDate>,
    /// The project this one is a section or phase of; adjacent sections may share a manager.
    pub parent_project_id: Option<String>,
    /// Stoppages.
    pub stoppages: Vec<Stoppage>,
}

/// Continuing-education hours (继续教育) for one registration period and specialty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuingEducation {
    /// The person's ID number.
    pub id_number: String,
    /// Specialty name.
    pub specialty: String,
    /// First day of the period.
    pub period_start: NaiveDate,
    /// Last day of the period.
    pub period_end: NaiveDate,
    /// Compulsory hours completed (60 required).
    pub compulsory_hours: u32,
    /// Elective hours completed (60 required).
    pub elective_hours: u32,
}

/// 60 hours: compulsory continuing education per registration period and specialty.
pub const COMPULSORY_HOURS: u32 = 60;

/// 60 hours: elective continuing education per registration period and specialty.
pub const ELECTIVE_HOURS: u32 = 60;

/// A professional title (职称).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionalTitle {
    /// The person's ID number.
    pub id_number: String,
    /// Title, such as 高级工程师.
    pub title: String,
    /// Level: 初级, 中级, 副高级 or 正高级.
    pub level: String,
    /// Issuing body.
    pub issuer: String,
    /// Day conferred.
    pub issued_on: NaiveDate,
}

/// The lawful reasons for social security paid outside the registration unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionKind {
    /// (1) Retired, or lawful early retirement.
    Retired,
    /// (2) Kept public-institution (事业单位) status after restructuring.
    PublicInstitution,
    /// (3) University staff working in the university's own consulting unit.
    UniversityConsulting,
    /// (4) Self-employed demobilised military (军队自主择业).
    DemobilisedMilitary,
    /// (5) Social insurance bought out (买断) in a restructuring or land expropriation.
    InsuranceBoughtOut,
    /// (6) Another legal or policy basis.
    OtherLegalBasis,
}

impl ExemptionKind {
    /// Every kind, in the order of the notice that lists them.
    pub const ALL: [Self; 6] = [
        Self::Retired,
        Self::PublicInstitution,
        Self::UniversityConsulting,
        Self::DemobilisedMilitary,
        Self::InsuranceBoughtOut,
        Self::OtherLegalBasis,
    ];

    /// Returns the stable code used in the cache and on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Self::Retired => "retired",
            Self::PublicInstitution => "public_institution",
            Self::UniversityConsulting => "university_consulting",
            Self::DemobilisedMilitary => "demobilised_military",
            Self::InsuranceBoughtOut => "insurance_bought_out",
            Self::OtherLegalBasis => "other_legal_basis",
        }
    }

    /// Parses a code written by [`ExemptionKind::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// An exemption recorded for a person, with the file that proves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exemption {
    /// Identifier of the record.
    pub exemption_id: String,
    /// The person's ID number.
    pub id_number: String,
    /// Which exemption.
    pub kind: ExemptionKind,
    /// Reference to the evidence file: its SHA-256 or its name in the evidence folder.
    pub evidence_file: String,
    /// Free text.
    pub note: String,
    /// Day recorded.
    pub recorded_on: NaiveDate,
}

/// Type of a registration application (注册申请).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    /// 初始注册
    Initial,
    /// 延续注册
    Renewal,
    /// 变更注册: change of employer.
    ChangeEmployer,
    /// 变更注册: unit renamed or personal data changed.
    ChangeOther,
    /// 增项注册
    AddSpecialty,
    /// 注销注册
    Cancellation,
    /// 重新注册
    Reregistration,
}

impl ApplicationKind {
    /// Every kind.
    pub const ALL: [Self; 7] = [
        Self::Initial,
        Self::Renewal,
        Self::ChangeEmployer,
        Self::ChangeOther,
        Self::AddSpecialty,
        Self::Cancellation,
        Self::Reregistration,
    ];

    /// Returns the stable code used in the cache and on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Self::Initial => "initial",
            Self::Renewal => "renewal",
            Self::ChangeEmployer => "change_employer",
            Self::ChangeOther => "change_other",
            Self::AddSpecialty => "add_specialty",
            Self::Cancellation => "cancellation",
            Self::Reregistration => "reregistration",
        }
    }

    /// Parses a code written by [`ApplicationKind::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// State of an application: 草稿 → 已提交 → 审核中 → 退回补正 → 重新提交 → 已通过 / 不予批准.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// 草稿
    Draft,
    /// 已提交
    Submitted,
    /// 审核中
    UnderReview,
    /// 退回补正, with the reviewer's reasons.
    Returned,
    /// Resubmitted after correction.
    Resubmitted,
    /// 已通过: a new certificate version follows.
    Approved,
    /// 不予批准
    Rejected,
}

impl ApplicationState {
    /// Every state.
    pub const ALL: [Self; 7] = [
        Self::Draft,
        Self::Submitted,
        Self::UnderReview,
        Self::Returned,
        Self::Resubmitted,
        Self::Approved,
        Self::Rejected,
    ];

    /// Returns the stable code used in the cache and on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::UnderReview => "under_review",
            Self::Returned => "returned",
            Self::Resubmitted => "resubmitted",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    /// Parses a code written by [`ApplicationState::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One step in an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationEvent {
    /// Day of the step.
    pub happened_on: NaiveDate,
    /// State entered.
    pub state: ApplicationState,
    /// Reviewer's reason or other note.
    pub note: String,
}

/// A registration application and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeApplication {
    /// Identifier of the application.
    pub application_id: String,
    /// The person's ID number.
    pub id_number: String,
    /// Type of application.
    pub kind: ApplicationKind,
    /// Current state.
    pub state: ApplicationState,
    /// The unit filing it.
    pub unit_credit_code: String,
    /// The qualification it concerns.
    pub qualification: super::Qualification,
    /// Day created.
    pub created_on: NaiveDate,
    /// Steps so far, oldest first.
    pub history: Vec<ApplicationEvent>,
    /// The reviewer's reason for each material to correct, when the application is 退回补正.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<MaterialCorrection>,
}

/// A reviewer's reason to correct one material of a returned application (补正意见).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialCorrection {
    /// Code of the material kind, as [`crate::domain::application::MaterialKind::code`] writes it.
    pub material: String,
    /// The reviewer's request.
    pub reason: String,
}

/// Contribution a roster lists: social insurance (社保) or the housing fund (公积金).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// 社会保险
    SocialSecurity,
    /// 住房公积金
    HousingFund,
}

impl PaymentKind {
    /// Returns the stable code used on the command line and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::SocialSecurity => "social_security",
            Self::HousingFund => "housing_fund",
        }
    }
}

/// One roster row: a person a unit paid for in some months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    /// The person's name as the file gives it.
    pub name: String,
    /// The person's ID number.
    pub id_number: super::IdNumber,
    /// The paying unit's credit code.
    pub unit_credit_code: super::CreditCode,
    /// The paying unit's name as the file gives it.
    pub unit_name: String,
    /// The months paid for, ascending and without repeats.
    pub months: Vec<YearMonth>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_parses_and_rejects() {
        assert_eq!("2026-01".parse::<YearMonth>().unwrap().to_string(), "2026-01");
        assert!("2026-13".parse::<YearMonth>().is_err());
        assert!("2026-00".parse::<YearMonth>().is_err());
        assert!("26-01".parse::<YearMonth>().is_err());
    }

    #[test]
    fn months_through_crosses_year() {
        let from: YearMonth = "2025-11".parse().unwrap();
        let to: YearMonth = "2026-02".parse().unwrap();
        let months: Vec<String> = from.through(to).map(|m| m.to_string()).collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
    }

    #[test]
    fn safety_status_codes_round_trip() {
        for (status, code) in SafetyStatus::CODES {
            assert_eq!(SafetyStatus::from_code(code), Some(status));
            assert_eq!(status.code(), code);
        }
    }
}
