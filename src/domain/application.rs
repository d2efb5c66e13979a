//! Registration applications (注册申请): the materials each type needs, and the checks that can
//! be run before submission. The materials table is data, kept in one place to change easily.

use chrono::{Datelike as _, Days, NaiveDate};

use super::compliance::PersonFacts;
use super::records::{ApplicationKind, ApplicationState, COMPULSORY_HOURS, ELECTIVE_HOURS, ProjectStatus};
use super::{CertificateStatus, Qualification};
use crate::i18n::{Key, Message};

/// A kind of material (申请材料).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MaterialKind {
    /// 注册申请表
    ApplicationForm,
    /// 资格证书
    QualificationCertificate,
    /// 身份证明
    IdDocument,
    /// 劳动合同 (with the new unit for a change of employer)
    LabourContract,
    /// 继续教育证明
    ContinuingEducationProof,
    /// 解除或终止劳动合同证明，或劳动仲裁裁决
    LeavingProof,
    /// 退休证明
    RetirementCertificate,
    /// 新单位社保缴纳证明
    SocialSecurityProof,
    /// 变更证明：营业执照变更记录或身份证件
    ChangeEvidence,
    /// 持证人本人的注销申请
    HolderCancellationRequest,
}

impl MaterialKind {
    /// Every kind.
    pub const ALL: [Self; 10] = [
        Self::ApplicationForm,
        Self::QualificationCertificate,
        Self::IdDocument,
        Self::LabourContract,
        Self::ContinuingEducationProof,
        Self::LeavingProof,
        Self::RetirementCertificate,
        Self::SocialSecurityProof,
        Self::ChangeEvidence,
        Self::HolderCancellationRequest,
    ];

    /// Returns the stable code used on the command line and in the cache.
    pub fn code(self) -> &'static str {
        match self {
            Self::ApplicationForm => "application-form",
            Self::QualificationCertificate => "qualification",
            Self::IdDocument => "id-document",
            Self::LabourContract => "labour-contract",
            Self::ContinuingEducationProof => "education-proof",
            Self::LeavingProof => "leaving-proof",
            Self::RetirementCertificate => "retirement",
            Self::SocialSecurityProof => "social-security-proof",
            Self::ChangeEvidence => "change-evidence",
            Self::HolderCancellationRequest => "holder-cancellation",
        }
    }

    /// Parses a code written by [`MaterialKind::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Returns the name users know the material by.
    pub fn name(self) -> Key {
        match self {
            Self::ApplicationForm => Key::MaterialApplicationForm,
            Self::QualificationCertificate => Key::MaterialQualificationCertificate,
            Self::IdDocument => Key::MaterialIdDocument,
            Self::LabourContract => Key::MaterialLabourContract,
            Self::ContinuingEducationProof => Key::MaterialContinuingEducationProof,
            Self::LeavingProof => Key::MaterialLeavingProof,
            Self::RetirementCertificate => Key::MaterialRetirementCertificate,
            Self::SocialSecurityProof => Key::MaterialSocialSecurityProof,
            Self::ChangeEvidence => Key::MaterialChangeEvidence,
            Self::HolderCancellationRequest => Key::MaterialHolderCancellationRequest,
        }
    }
}

/// When a material is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Always.
    Required,
    /// One of the materials with the same group number is enough.
    OneOf(u8),
    /// Only when the qualification (or the added specialty's pass) is more than 3 years old.
    WhenOverdue,
    /// Welcome but not needed.
    Optional,
}

/// The materials of each application type.
pub const MATERIALS: &[(ApplicationKind, &[(MaterialKind, Need)])] = &[
    (
        ApplicationKind::Initial,
        &[
            (MaterialKind::ApplicationForm, Need::Required),
            (MaterialKind::QualificationCertificate, Need::Required),
            (MaterialKind::IdDocument, Need::Required),
            (MaterialKind::LabourContract, Need::Required),
            (MaterialKind::ContinuingEducationProof, Need::WhenOverdue),
        ],
    ),
    (
        ApplicationKind::Renewal,
        &[
            (MaterialKind::ApplicationForm, Need::Required),
            (MaterialKind::LabourContract, Need::Required),
            (MaterialKind::ContinuingEducationProof, Need::Required),
        ],
    ),
    (
        ApplicationKind::ChangeEmployer,
        &[
            (MaterialKind::ApplicationForm, Need::Required),
            (MaterialKind::LabourContract, Need::Required),
            (MaterialKind::LeavingProof, Need::OneOf(1)),
            (MaterialKind::RetirementCertificate, Need::OneOf(1)),
            (MaterialKind::SocialSecurityProof, Need::Required),
        ],
    ),
    (
        ApplicationKind::ChangeOther,
        &[(MaterialKind::ApplicationForm, Need::Required), (MaterialKind::ChangeEvidence, Need::Required)],
    ),
    (
        ApplicationKind::AddSpecialty,
        &[
            (MaterialKind::ApplicationForm, Need::Required),
            (MaterialKind::QualificationCertificate, Need::Required),
            (MaterialKind::LabourContract, Need::Required),
            (MaterialKind::ContinuingEducationProof, Need::WhenOverdue),
        ],
    ),
    (
        ApplicationKind::Cancellation,
        &[
            (MaterialKind::ApplicationForm, Need::Required),
            (MaterialKind::HolderCancellationRequest, Need::Required),
            (MaterialKind::LeavingProof, Need::Optional),
        ],
    ),
    (
        ApplicationKind::Reregistration,
        &[
            (MaterialKind::ApplicationForm, Need::Required),
            (MaterialKind::QualificationCertificate, Need::Required),
            (MaterialKind::IdDocument, Need::Required),
            (MaterialKind::LabourContract, Need::Required),
            (MaterialKind::ContinuingEducationProof, Need::Required),
        ],
    ),
];

/// Returns the materials of an application type.
pub fn materials_of(kind: ApplicationKind) -> &'static [(MaterialKind, Need)] {
    MATERIALS.iter().find(|(k, _)| *k == kind).map_or(&[], |(_, list)| list)
}

/// An application being prepared: who, what and which files are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The application type.
    pub kind: ApplicationKind,
    /// The qualification concerned.
    pub qualification: Qualification,
    /// The unit filing it (the new unit for a change of employer).
    pub unit_credit_code: String,
    /// Specialties concerned (renewed or added).
    pub specialties: Vec<String>,
    /// The day the qualification or the added specialty was passed, for the overdue rule.
    pub qualified_on: Option<NaiveDate>,
    /// The kinds of the attached materials.
    pub attached: Vec<MaterialKind>,
    /// The platform's application this draft corrects after 退回补正, which the "already
    /// pending" rule does not count.
    pub corrects: Option<String>,
}

/// Whether a pre-check stops the submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// May be overridden with a recorded reason.
    Warning,
    /// Cannot be overridden.
    Block,
}

/// The rule a pre-check result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A required material is missing.
    MissingMaterial,
    /// The person is 65 or older.
    OverAge,
    /// A renewal is filed later than 30 days before expiry.
    LateRenewal,
    /// A specialty concerned has already expired.
    SpecialtyExpired,
    /// The person manages an unfinished project (blocks a change of employer).
    UnfinishedProject,
    /// The person is already registered in another unit.
    RegisteredElsewhere,
    /// Continuing-education hours are short.
    EducationShort,
    /// The new unit does not pay the person's social security yet.
    NoSocialSecurityAtNewUnit,
    /// The same application is already pending.
    AlreadyPending,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Self; 9] = [
        Self::MissingMaterial,
        Self::OverAge,
        Self::LateRenewal,
        Self::SpecialtyExpired,
        Self::UnfinishedProject,
        Self::RegisteredElsewhere,
        Self::EducationShort,
        Self::NoSocialSecurityAtNewUnit,
        Self::AlreadyPending,
    ];

    /// Returns the stable code recorded with an overridden warning and sent to the platform.
    pub fn code(self) -> &'static str {
        match self {
            Self::MissingMaterial => "missing_material",
            Self::OverAge => "over_age",
            Self::LateRenewal => "late_renewal",
            Self::SpecialtyExpired => "specialty_expired",
            Self::UnfinishedProject => "unfinished_project",
            Self::RegisteredElsewhere => "registered_elsewhere",
            Self::EducationShort => "education_short",
            Self::NoSocialSecurityAtNewUnit => "no_social_security_at_new_unit",
            Self::AlreadyPending => "already_pending",
        }
    }
}

/// One result of the pre-checks, with its reason and fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreCheck {
    /// The rule.
    pub rule: Rule,
    /// Block or warning.
    pub level: Level,
    /// The problem found.
    pub reason: Message,
    /// The fix: the next step for the user.
    pub fix: Message,
}

/// 3 years: after this a qualification or pass needs continuing-education proof to register.
const OVERDUE_YEARS: i32 = 3;

/// 30 days: a renewal must be filed at least this long before expiry.
const RENEWAL_LEAD_DAYS: u64 = 30;

/// Runs every pre-check for a draft against the person's cached records on `as_of`.
pub fn pre_checks(draft: &Draft, person: &PersonFacts, as_of: NaiveDate) -> Vec<PreCheck> {
    let mut results = Vec::new();
    results.extend(missing_materials(draft, as_of));
    results.extend(over_age(draft, person, as_of));
    results.extend(renewal_timing(draft, person, as_of));
    results.extend(unfinished_project(draft, person, as_of));
    results.extend(registered_elsewhere(draft, person, as_of));
    results.extend(education_short(draft, person, as_of));
    results.extend(no_social_security(draft, person, as_of));
    results.extend(already_pending(draft, person));
    results.sort_by_key(|r| std::cmp::Reverse(r.level));
    results
}

/// Tells whether any result blocks the submission.
pub fn blocked(results: &[PreCheck]) -> bool {
    results.iter().any(|r| r.level == Level::Block)
}

fn check(rule: Rule, level: Level, reason: Message, fix: Message) -> PreCheck {
    PreCheck { rule, level, reason, fix }
}

fn overdue(draft: &Draft, as_of: NaiveDate) -> bool {
    draft.qualified_on.is_some_and(|day| {
        let limit = day.with_year(day.year() + OVERDUE_YEARS).unwrap_or(day);
        as_of > limit
    })
}

fn missing_materials(draft: &Draft, as_of: NaiveDate) -> Vec<PreCheck> {
    let list = materials_of(draft.kind);
    let mut results = Vec::new();
    for (kind, need) in list {
        let needed = match need {
            Need::Required => true,
            Need::WhenOverdue => overdue(draft, as_of),
            Need::OneOf(group) => {
                let group_satisfied =
                    list.iter().any(|(other, n)| *n == Need::OneOf(*group) && draft.attached.contains(other));
                let first_of_group =
                    list.iter().find(|(_, n)| *n == Need::OneOf(*group)).map(|(k, _)| *k) == Some(*kind);
                !group_satisfied && first_of_group
            }
            Need::Optional => false,
        };
        if needed && !draft.attached.contains(kind) {
            let alternatives: Vec<Key> = match need {
                Need::OneOf(group) => {
                    list.iter().filter(|(_, n)| *n == Need::OneOf(*group)).map(|(k, _)| k.name()).collect()
                }
                _ => vec![kind.name()],
            };
            let mut reason =
                Message::new(if alternatives.len() > 1 { Key::PreCheckMissingOneOf } else { Key::PreCheckMissing })
                    .key_arg("material", alternatives[0]);
            if let Some(second) = alternatives.get(1) {
                reason = reason.key_arg("other", *second);
            }
            results.push(check(Rule::MissingMaterial, Level::Block, reason, Message::new(Key::PreCheckFixMissing)));
        }
    }
    results
}

fn over_age(draft: &Draft, person: &PersonFacts, as_of: NaiveDate) -> Option<PreCheck> {
    if draft.kind == ApplicationKind::Cancellation {
        return None;
    }
    let birth = person.birth_date?;
    let limit = birth.with_year(birth.year() + super::compliance::REGISTRATION_AGE_LIMIT)?;
    (as_of >= limit).then(|| {
        check(
            Rule::OverAge,
            Level::Block,
            Message::new(Key::PreCheckOverAge).date_arg("date", limit),
            Message::new(Key::PreCheckFixOverAge),
        )
    })
}

/// Returns the person's current registration of the draft's qualification.
fn current_registration<'a>(draft: &Draft, person: &'a PersonFacts) -> Option<&'a super::Certificate> {
    person.certificates.iter().find(|c| c.status == CertificateStatus::Valid && c.qualification == draft.qualification)
}

fn renewal_timing(draft: &Draft, person: &PersonFacts, as_of: NaiveDate) -> Vec<PreCheck> {
    if draft.kind != ApplicationKind::Renewal {
        return Vec::new();
    }
    let Some(registration) = current_registration(draft, person) else { return Vec::new() };
    let mut results = Vec::new();
    for specialty in
        registration.specialties.iter().filter(|s| draft.specialties.is_empty() || draft.specialties.contains(&s.name))
    {
        if specialty.valid_to < as_of {
            results.push(check(
                Rule::SpecialtyExpired,
                Level::Block,
                Message::new(Key::PreCheckExpired)
                    .arg("specialty", &specialty.name)
                    .date_arg("date", specialty.valid_to),
                Message::new(Key::PreCheckFixExpired),
            ));
        } else if as_of > specialty.valid_to - Days::new(RENEWAL_LEAD_DAYS) {
            results.push(check(
                Rule::LateRenewal,
                Level::Block,
                Message::new(Key::PreCheckLateRenewal)
                    .arg("specialty", &specialty.name)
                    .date_arg("deadline", specialty.valid_to - Days::new(RENEWAL_LEAD_DAYS)),
                Message::new(Key::PreCheckFixLateRenewal),
            ));
        }
    }
    results
}

fn unfinished_project(draft: &Draft, person: &PersonFacts, as_of: NaiveDate) -> Vec<PreCheck> {
    if draft.kind != ApplicationKind::ChangeEmployer {
        return Vec::new();
    }
    person
        .projects
        .iter()
        .filter(|p| p.status != ProjectStatus::Completed && p.completed_on.is_none_or(|d| d > as_of))
        .map(|p| {
            check(
                Rule::UnfinishedProject,
                Level::Block,
                Message::new(Key::PreCheckUnfinishedProject).arg("project", &p.name),
                Message::new(Key::PreCheckFixUnfinishedProject),
            )
        })
        .collect()
}

fn registered_elsewhere(draft: &Draft, person: &PersonFacts, as_of: NaiveDate) -> Vec<PreCheck> {
    if matches!(draft.kind, ApplicationKind::Cancellation | ApplicationKind::ChangeEmployer) {
        // A change of employer moves the registration out of the old unit by definition.
        return Vec::new();
    }
    person
        .certificates
        .iter()
        .filter(|c| c.status == CertificateStatus::Valid && c.unit_credit_code != draft.unit_credit_code)
        .filter(|c| c.specialties.iter().any(|s| s.valid_to >= as_of))
        .map(|c| {
            let unit = if c.unit_name.is_empty() { c.unit_credit_code.clone() } else { c.unit_name.clone() };
            check(
                Rule::RegisteredElsewhere,
                Level::Block,
                Message::new(Key::PreCheckRegisteredElsewhere).arg("unit", unit).arg("number", &c.registration_number),
                Message::new(Key::PreCheckFixRegisteredElsewhere),
            )
        })
        .collect()
}

fn education_short(draft: &Draft, person: &PersonFacts, as_of: NaiveDate) -> Vec<PreCheck> {
    if !matches!(draft.kind, ApplicationKind::Renewal | ApplicationKind::Reregistration | ApplicationKind::AddSpecialty)
    {
        return Vec::new();
    }
    person
        .continuing_education
        .iter()
        .filter(|r| r.period_start <= as_of && as_of <= r.period_end)
        .filter(|r| draft.specialties.is_empty() || draft.specialties.contains(&r.specialty))
        .filter(|r| r.compulsory_hours < COMPULSORY_HOURS || r.elective_hours < ELECTIVE_HOURS)
        .map(|r| {
            check(
                Rule::EducationShort,
                Level::Warning,
                Message::new(Key::FindingC11)
                    .arg("specialty", &r.specialty)
                    .arg("compulsory", r.compulsory_hours)
                    .arg("elective", r.elective_hours),
                Message::new(Key::PreCheckFixEducation),
            )
        })
        .collect()
}

fn no_social_security(draft: &Draft, person: &PersonFacts, as_of: NaiveDate) -> Option<PreCheck> {
    if draft.kind != ApplicationKind::ChangeEmployer {
        return None;
    }
    let last_month = super::records::YearMonth::of(as_of).previous();
    let paid = person
        .social_security
        .iter()
        .any(|m| m.unit_credit_code == draft.unit_credit_code && m.month >= last_month.previous());
    (!paid).then(|| {
        check(
            Rule::NoSocialSecurityAtNewUnit,
            Level::Warning,
            Message::new(Key::PreCheckNoSocialSecurity),
            Message::new(Key::PreCheckFixNoSocialSecurity),
        )
    })
}

fn already_pending(draft: &Draft, person: &PersonFacts) -> Option<PreCheck> {
    let pending = person.applications.iter().find(|a| {
        draft.corrects.as_ref() != Some(&a.application_id)
            && a.kind == draft.kind
            && a.qualification == draft.qualification
            && matches!(
                a.state,
                ApplicationState::Submitted
                    | ApplicationState::UnderReview
                    | ApplicationState::Returned
                    | ApplicationState::Resubmitted
            )
    })?;
    Some(check(
        Rule::AlreadyPending,
        Level::Block,
        Message::new(Key::PreCheckAlreadyPending).arg("id", &pending.application_id),
        Message::new(Key::PreCheckFixAlreadyPending),
    ))
}
