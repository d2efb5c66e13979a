//! 挂证 checks: the findings C01–C12 as pure rules over one person's records on an as-of day.
//!
//! Target state: registration unit = social-security unit = housing-fund unit = 安管 B unit, and
//! each unique. Each rule reports its finding with the evidence that triggered it, an
//! explanation and a fix. A recorded exemption turns a C02 or C04 finding into "explained",
//! which is shown, never dropped. Findings are data, not errors: a rule never fails.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{Datelike as _, Days, NaiveDate};
use serde::Serialize;

use super::records::{
    ApplicationKind, ApplicationState, COMPULSORY_HOURS, ChangeApplication, ContinuingEducation, ELECTIVE_HOURS,
    Exemption, PaymentMonth, Project, ProjectStatus, SafetyCategory, SafetyCertificate, SafetyStatus, YearMonth,
};
use super::{Certificate, CertificateStatus, Qualification};
use crate::i18n::{Key, Message};

/// A finding code of the 挂证 checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub enum FindingCode {
    /// One ID number registered in two or more units.
    C01,
    /// Registration unit differs from the social-security payer, without an exemption.
    C02,
    /// Two or more units paid social security for the same month.
    C03,
    /// No social security for recent months, holder not retired.
    C04,
    /// Housing-fund payer differs from the registration unit, or several payers.
    C05,
    /// 安管 B certificate unit differs from the constructor registration unit.
    C06,
    /// Project manager on two or more active projects without an allowed exception.
    C07,
    /// Over 65, registration expired, or a specialty expired.
    C08,
    /// A specialty expires within 90 days.
    C09,
    /// An exported copy is past its usage period or within 14 days of it.
    C10,
    /// Continuing-education hours short for the current period.
    C11,
    /// Several registration changes within 12 months.
    C12,
}

impl FindingCode {
    /// Every code in order.
    pub const ALL: [Self; 12] = [
        Self::C01,
        Self::C02,
        Self::C03,
        Self::C04,
        Self::C05,
        Self::C06,
        Self::C07,
        Self::C08,
        Self::C09,
        Self::C10,
        Self::C11,
        Self::C12,
    ];

    /// Returns the code as text, `C01` to `C12`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::C01 => "C01",
            Self::C02 => "C02",
            Self::C03 => "C03",
            Self::C04 => "C04",
            Self::C05 => "C05",
            Self::C06 => "C06",
            Self::C07 => "C07",
            Self::C08 => "C08",
            Self::C09 => "C09",
            Self::C10 => "C10",
            Self::C11 => "C11",
            Self::C12 => "C12",
        }
    }

    /// Returns the short title of the finding.
    pub fn title(self) -> Key {
        match self {
            Self::C01 => Key::FindingTitleC01,
            Self::C02 => Key::FindingTitleC02,
            Self::C03 => Key::FindingTitleC03,
            Self::C04 => Key::FindingTitleC04,
            Self::C05 => Key::FindingTitleC05,
            Self::C06 => Key::FindingTitleC06,
            Self::C07 => Key::FindingTitleC07,
            Self::C08 => Key::FindingTitleC08,
            Self::C09 => Key::FindingTitleC09,
            Self::C10 => Key::FindingTitleC10,
            Self::C11 => Key::FindingTitleC11,
            Self::C12 => Key::FindingTitleC12,
        }
    }
}

/// Severity of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 低
    Low,
    /// 中
    Medium,
    /// 高
    High,
}

/// Whether a finding still needs action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    /// Needs action.
    Open,
    /// A recorded exemption explains it; kept as evidence.
    Explained,
}

/// One piece of evidence behind a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// A registration in force.
    Registration {
        /// Qualification code.
        qualification: Qualification,
        /// Registration number.
        registration_number: String,
        /// Registration unit.
        unit_credit_code: String,
    },
    /// Months a unit paid social security or housing fund.
    Payments {
        /// `social_security` or `housing_fund`.
        fund: &'static str,
        /// Paying unit.
        unit_credit_code: String,
        /// The months.
        months: Vec<YearMonth>,
    },
    /// Months with no payment at all.
    MissingMonths {
        /// The months.
        months: Vec<YearMonth>,
    },
    /// A 安管 certificate.
    SafetyCertificate {
        /// Certificate number.
        certificate_number: String,
        /// Registration unit of the certificate.
        unit_credit_code: String,
    },
    /// An active project.
    Project {
        /// Project identifier.
        project_id: String,
        /// Name.
        name: String,
        /// Start day.
        started_on: NaiveDate,
    },
    /// A date that decides the finding.
    Date {
        /// Meaning of the date: `birthday_65`, `valid_to` or `usable_until`.
        what: &'static str,
        /// The date.
        date: NaiveDate,
        /// The specialty or copy concerned, if any.
        subject: String,
    },
    /// Continuing-education hours of the current period.
    Hours {
        /// Specialty.
        specialty: String,
        /// Compulsory hours done.
        compulsory: u32,
        /// Elective hours done.
        elective: u32,
    },
    /// Applications filed within the window.
    Applications {
        /// Their identifiers and days.
        filed: Vec<(String, NaiveDate)>,
    },
    /// A recorded exemption.
    Exemption {
        /// Exemption kind code.
        exemption: &'static str,
        /// Evidence file reference.
        evidence_file: String,
    },
}

/// A finding about one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// C01 to C12.
    pub code: FindingCode,
    /// Severity.
    pub severity: Severity,
    /// Open or explained.
    pub status: FindingStatus,
    /// The person's ID number (mask it before showing).
    pub id_number: String,
    /// The person's name.
    pub name: String,
    /// Registration numbers concerned.
    pub registration_numbers: Vec<String>,
    /// Credit codes of the units concerned.
    pub units: Vec<String>,
    /// Evidence that triggered the finding.
    pub evidence: Vec<Evidence>,
    /// Plain explanation.
    #[serde(skip)]
    pub explanation: Message,
    /// The fix: the next step for the user.
    #[serde(skip)]
    pub fix: Message,
    /// The day the rules were run for.
    pub as_of: NaiveDate,
}

/// A copy exported from the register (用证台账), for C10.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedCopy {
    /// Label of the copy for the user: its file name.
    pub label: String,
    /// Registration number of the certificate.
    pub registration_number: String,
    /// Last day the copy may be used.
    pub usable_until: NaiveDate,
}

/// Everything the rules look at for one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFacts {
    /// ID number.
    pub id_number: String,
    /// Name.
    pub name: String,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// Certificate versions in force (superseded versions are ignored).
    pub certificates: Vec<Certificate>,
    /// Social-security months, any payer.
    pub social_security: Vec<PaymentMonth>,
    /// Housing-fund months, any payer.
    pub housing_fund: Vec<PaymentMonth>,
    /// 安管 certificates.
    pub safety_certificates: Vec<SafetyCertificate>,
    /// Projects the person manages.
    pub projects: Vec<Project>,
    /// Continuing-education records.
    pub continuing_education: Vec<ContinuingEducation>,
    /// Recorded exemptions.
    pub exemptions: Vec<Exemption>,
    /// Registration applications.
    pub applications: Vec<ChangeApplication>,
    /// Exported copies.
    pub exported_copies: Vec<ExportedCopy>,
    /// Names of units by credit code, for the explanations. `store::compliance::load_facts`
    /// fills it with every unit of the cache, one map shared by all the people it returns.
    pub unit_names: Arc<BTreeMap<String, String>>,
}

/// Windows and thresholds of the rules. The two reminder windows are user settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CheckSettings {
    /// Months before the as-of month that count as recent for C02, C04 and C05.
    pub recent_months: usize,
    /// Days before expiry when C09 starts (90).
    pub expiry_warning_days: i64,
    /// Days before expiry when C09 becomes medium: renewal must be filed 30 days before.
    pub renewal_deadline_days: i64,
    /// Days before the end of a copy's usage period when C10 starts (14).
    pub copy_warning_days: i64,
    /// Changes within 12 months from which C12 is raised (3).
    pub frequent_changes: usize,
    /// Days after the end of a copy's usage period during which C10 still reports it (90), so a
    /// copy that lapsed long ago stops cluttering the list.
    pub lapsed_copy_days: i64,
}

impl Default for CheckSettings {
    fn default() -> Self {
        Self {
            recent_months: 3,
            expiry_warning_days: 90,
            renewal_deadline_days: 30,
            copy_warning_days: 14,
            lapsed_copy_days: 90,
            frequent_changes: 3,
        }
    }
}

/// 65: registration lapses at this age.
pub const REGISTRATION_AGE_LIMIT: i32 = 65;

/// 120 days: a stoppage at least this long, not caused by the contractor and with the client's
/// consent, frees the project manager.
pub const STOPPAGE_DAYS: i64 = 120;

/// Runs every rule for one person.
pub fn check_person(facts: &PersonFacts, as_of: NaiveDate, settings: &CheckSettings) -> Vec<Finding> {
    check_person_for(facts, as_of, settings, &FindingCode::ALL)
}

/// Runs the rules of the given codes for one person, in code order whatever the order of `codes`.
pub fn check_person_for(
    facts: &PersonFacts,
    as_of: NaiveDate,
    settings: &CheckSettings,
    codes: &[FindingCode],
) -> Vec<Finding> {
    let context = Context::new(facts, as_of, settings);
    let mut findings = Vec::new();
    for code in FindingCode::ALL.into_iter().filter(|code| codes.contains(code)) {
        match code {
            FindingCode::C01 => findings.extend(c01_two_units(&context)),
            FindingCode::C02 => findings.extend(c02_other_payer(&context)),
            FindingCode::C03 => findings.extend(c03_two_payers(&context)),
            FindingCode::C04 => findings.extend(c04_no_payments(&context)),
            FindingCode::C05 => findings.extend(c05_housing_fund(&context)),
            FindingCode::C06 => findings.extend(c06_safety_certificate(&context)),
            FindingCode::C07 => findings.extend(c07_two_projects(&context)),
            FindingCode::C08 => findings.extend(c08_expired(&context)),
            FindingCode::C09 => findings.extend(c09_expiring(&context)),
            FindingCode::C10 => findings.extend(c10_copies(&context)),
            FindingCode::C11 => findings.extend(c11_education(&context)),
            FindingCode::C12 => findings.extend(c12_frequent_changes(&context)),
        }
    }
    findings
}

struct Context<'a> {
    facts: &'a PersonFacts,
    as_of: NaiveDate,
    settings: &'a CheckSettings,
    /// Certificates in force on the as-of day.
    current: Vec<&'a Certificate>,
    /// Units of the constructor registrations in force.
    constructor_units: BTreeSet<&'a str>,
    /// The recent months, oldest first.
    recent: Vec<YearMonth>,
}

impl<'a> Context<'a> {
    fn new(facts: &'a PersonFacts, as_of: NaiveDate, settings: &'a CheckSettings) -> Self {
        let current: Vec<&Certificate> = facts
            .certificates
            .iter()
            .filter(|c| c.status == CertificateStatus::Valid)
            .filter(|c| c.specialties.iter().any(|s| s.valid_from <= as_of && as_of <= s.valid_to))
            .collect();
        let constructor_units = current
            .iter()
            .filter(|c| matches!(c.qualification, Qualification::Constructor1 | Qualification::Constructor2))
            .map(|c| c.unit_credit_code.as_str())
            .collect();
        let this_month = YearMonth::of(as_of);
        let mut recent: Vec<YearMonth> = std::iter::successors(Some(this_month.previous()), |m| Some(m.previous()))
            .take(settings.recent_months)
            .collect();
        recent.reverse();
        Self { facts, as_of, settings, current, constructor_units, recent }
    }

    fn finding(&self, code: FindingCode, severity: Severity, explanation: Message, fix: Message) -> Finding {
        Finding {
            code,
            severity,
            status: FindingStatus::Open,
            id_number: self.facts.id_number.clone(),
            name: self.facts.name.clone(),
            registration_numbers: self.current.iter().map(|c| c.registration_number.clone()).collect(),
            units: Vec::new(),
            evidence: Vec::new(),
            explanation,
            fix,
            as_of: self.as_of,
        }
    }

    fn registration_evidence(&self) -> Vec<Evidence> {
        self.current
            .iter()
            .map(|c| Evidence::Registration {
                qualification: c.qualification,
                registration_number: c.registration_number.clone(),
                unit_credit_code: c.unit_credit_code.clone(),
            })
            .collect()
    }

    /// Returns a unit's name, or its credit code when the name is not known.
    fn unit_label(&self, credit_code: &str) -> String {
        self.facts.unit_names.get(credit_code).cloned().unwrap_or_else(|| credit_code.to_owned())
    }

    /// Returns the names of several units, joined for a sentence.
    fn unit_list<'u>(&self, credit_codes: impl IntoIterator<Item = &'u str>) -> String {
        credit_codes.into_iter().map(|code| self.unit_label(code)).collect::<Vec<_>>().join("、")
    }

    fn registration_units_text(&self) -> String {
        self.unit_list(self.constructor_units.iter().copied())
    }

    /// Applies a recorded exemption, if any, to a C02 or C04 finding. The status becomes
    /// explained, the explanation names the exemption, and the exemption joins the evidence.
    fn explain(&self, mut finding: Finding) -> Finding {
        if let Some(exemption) = self.facts.exemptions.first() {
            finding.status = FindingStatus::Explained;
            finding.explanation = Message::new(Key::FindingExplainedBy)
                .key_arg("finding", finding.code.title())
                .key_arg("exemption", exemption_name(exemption.kind))
                .arg("file", &exemption.evidence_file);
            finding.fix = Message::new(Key::FixExplained);
            finding.evidence.push(Evidence::Exemption {
                exemption: exemption.kind.code(),
                evidence_file: exemption.evidence_file.clone(),
            });
        }
        finding
    }
}

/// Returns the name of an exemption kind.
pub fn exemption_name(kind: super::records::ExemptionKind) -> Key {
    use super::records::ExemptionKind as K;
    match kind {
        K::Retired => Key::ExemptionRetired,
        K::PublicInstitution => Key::ExemptionPublicInstitution,
        K::UniversityConsulting => Key::ExemptionUniversityConsulting,
        K::DemobilisedMilitary => Key::ExemptionDemobilisedMilitary,
        K::InsuranceBoughtOut => Key::ExemptionInsuranceBoughtOut,
        K::OtherLegalBasis => Key::ExemptionOtherLegalBasis,
    }
}

/// Groups payment months by payer, restricted to `months` when given.
fn payers<'a>(payments: &'a [PaymentMonth], months: Option<&[YearMonth]>) -> BTreeMap<&'a str, Vec<YearMonth>> {
    let mut by_unit: BTreeMap<&str, Vec<YearMonth>> = BTreeMap::new();
    for payment in payments {
        if months.is_none_or(|m| m.contains(&payment.month)) {
            by_unit.entry(payment.unit_credit_code.as_str()).or_default().push(payment.month);
        }
    }
    for months in by_unit.values_mut() {
        months.sort_unstable();
        months.dedup();
    }
    by_unit
}

fn payment_evidence(fund: &'static str, by_unit: &BTreeMap<&str, Vec<YearMonth>>) -> Vec<Evidence> {
    by_unit
        .iter()
        .map(|(unit, months)| Evidence::Payments { fund, unit_credit_code: (*unit).to_owned(), months: months.clone() })
        .collect()
}

fn c01_two_units(context: &Context<'_>) -> Option<Finding> {
    let units: BTreeSet<&str> = context.current.iter().map(|c| c.unit_credit_code.as_str()).collect();
    if units.len() < 2 {
        return None;
    }
    let list = context.unit_list(units.iter().copied());
    let mut finding = context.finding(
        FindingCode::C01,
        Severity::High,
        Message::new(Key::FindingC01).arg("count", units.len()).arg("units", &list),
        Message::new(Key::FixC01),
    );
    finding.units = units.iter().map(|u| (*u).to_owned()).collect();
    finding.evidence = context.registration_evidence();
    Some(finding)
}

fn c02_other_payer(context: &Context<'_>) -> Option<Finding> {
    if context.constructor_units.is_empty() {
        return None;
    }
    let recent = payers(&context.facts.social_security, Some(&context.recent));
    let others: BTreeMap<&str, Vec<YearMonth>> = recent
        .iter()
        .filter(|(unit, _)| !context.constructor_units.contains(*unit))
        .map(|(u, m)| (*u, m.clone()))
        .collect();
    let registration_paid = recent.keys().any(|unit| context.constructor_units.contains(unit));
    if others.is_empty() || registration_paid {
        return None;
    }
    let payer_list = context.unit_list(others.keys().copied());
    let mut finding = context.finding(
        FindingCode::C02,
        Severity::High,
        Message::new(Key::FindingC02).arg("registration", context.registration_units_text()).arg("payers", &payer_list),
        Message::new(Key::FixC02).arg("payers", &payer_list).arg("registration", context.registration_units_text()),
    );
    finding.units = context.constructor_units.iter().chain(others.keys()).map(|u| (*u).to_owned()).collect();
    finding.evidence = context.registration_evidence();
    finding.evidence.extend(payment_evidence("social_security", &others));
    Some(context.explain(finding))
}

fn c03_two_payers(context: &Context<'_>) -> Option<Finding> {
    let mut by_month: BTreeMap<YearMonth, BTreeSet<&str>> = BTreeMap::new();
    let window_start = YearMonth::of(context.as_of);
    let year_ago: Vec<YearMonth> =
        std::iter::successors(Some(window_start.previous()), |m| Some(m.previous())).take(12).collect();
    for payment in &context.facts.social_security {
        if year_ago.contains(&payment.month) {
            by_month.entry(payment.month).or_default().insert(payment.unit_credit_code.as_str());
        }
    }
    let doubled: Vec<YearMonth> = by_month.iter().filter(|(_, units)| units.len() > 1).map(|(m, _)| *m).collect();
    if doubled.is_empty() {
        return None;
    }
    let involved = payers(&context.facts.social_security, Some(&doubled));
    let months_text = doubled.iter().map(ToString::to_string).collect::<Vec<_>>().join("、");
    let mut finding = context.finding(
        FindingCode::C03,
        Severity::High,
        Message::new(Key::FindingC03).arg("count", involved.len()).arg("months", &months_text),
        Message::new(Key::FixC03),
    );
    finding.units = involved.keys().map(|u| (*u).to_owned()).collect();
    finding.evidence = payment_evidence("social_security", &involved);
    Some(finding)
}

fn c04_no_payments(context: &Context<'_>) -> Option<Finding> {
    if context.current.is_empty() {
        return None;
    }
    let recent = payers(&context.facts.social_security, Some(&context.recent));
    if !recent.is_empty() {
        return None;
    }
    let months_text = context.recent.iter().map(ToString::to_string).collect::<Vec<_>>().join("、");
    let mut finding = context.finding(
        FindingCode::C04,
        Severity::Medium,
        Message::new(Key::FindingC04).arg("months", &months_text),
        Message::new(Key::FixC04).arg("registration", context.registration_units_text()),
    );
    finding.units = context.constructor_units.iter().map(|u| (*u).to_owned()).collect();
    finding.evidence = vec![Evidence::MissingMonths { months: context.recent.clone() }];
    Some(context.explain(finding))
}

fn c05_housing_fund(context: &Context<'_>) -> Option<Finding> {
    if context.constructor_units.is_empty() {
        return None;
    }
    let recent = payers(&context.facts.housing_fund, Some(&context.recent));
    let elsewhere = recent.keys().any(|unit| !context.constructor_units.contains(unit));
    if recent.is_empty() || (!elsewhere && recent.len() < 2) {
        return None;
    }
    let payer_list = context.unit_list(recent.keys().copied());
    let mut finding = context.finding(
        FindingCode::C05,
        Severity::Medium,
        Message::new(Key::FindingC05).arg("registration", context.registration_units_text()).arg("payers", &payer_list),
        Message::new(Key::FixC05).arg("registration", context.registration_units_text()),
    );
    finding.units = context.constructor_units.iter().chain(recent.keys()).map(|u| (*u).to_owned()).collect();
    finding.units.dedup();
    finding.evidence = payment_evidence("housing_fund", &recent);
    Some(finding)
}

fn c06_safety_certificate(context: &Context<'_>) -> Option<Finding> {
    if context.constructor_units.is_empty() {
        return None;
    }
    let mismatched: Vec<&SafetyCertificate> = context
        .facts
        .safety_certificates
        .iter()
        .filter(|s| s.category == SafetyCategory::B && s.status == SafetyStatus::Valid)
        .filter(|s| !context.constructor_units.contains(s.unit_credit_code.as_str()))
        .collect();
    let first = mismatched.first()?;
    let mut finding = context.finding(
        FindingCode::C06,
        Severity::Medium,
        Message::new(Key::FindingC06)
            .arg("safety", context.unit_label(&first.unit_credit_code))
            .arg("registration", context.registration_units_text()),
        Message::new(Key::FixC06).arg("registration", context.registration_units_text()),
    );
    finding.units = context.constructor_units.iter().map(|u| (*u).to_owned()).collect();
    finding.units.extend(mismatched.iter().map(|s| s.unit_credit_code.clone()));
    finding.evidence = mismatched
        .iter()
        .map(|s| Evidence::SafetyCertificate {
            certificate_number: s.certificate_number.clone(),
            unit_credit_code: s.unit_credit_code.clone(),
        })
        .collect();
    Some(finding)
}

/// Tells whether a project still occupies its manager on the as-of day: not completed, contract
/// acceptance not passed, and not in a long stoppage the contractor did not cause and the client
/// agreed to.
fn occupies_manager(project: &Project, as_of: NaiveDate) -> bool {
    if project.status == ProjectStatus::Completed || project.completed_on.is_some_and(|d| d <= as_of) {
        return false;
    }
    if project.contract_accepted_on.is_some_and(|d| d <= as_of) {
        return false;
    }
    let excused_stoppage = project.stoppages.iter().any(|s| {
        let end = s.resumed_on.unwrap_or(as_of);
        let days = (end - s.stopped_on).num_days();
        s.stopped_on <= as_of
            && s.resumed_on.is_none_or(|r| r > as_of)
            && days >= STOPPAGE_DAYS
            && !s.contractor_caused
            && s.client_consent
    });
    !excused_stoppage && project.started_on <= as_of
}

fn c07_two_projects(context: &Context<'_>) -> Option<Finding> {
    let active: Vec<&Project> = context.facts.projects.iter().filter(|p| occupies_manager(p, context.as_of)).collect();
    // Adjacent sections or phases of one project count once.
    let groups: BTreeSet<&str> =
        active.iter().map(|p| p.parent_project_id.as_deref().unwrap_or(p.project_id.as_str())).collect();
    if groups.len() < 2 {
        return None;
    }
    let names = active.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、");
    let mut finding = context.finding(
        FindingCode::C07,
        Severity::High,
        Message::new(Key::FindingC07).arg("count", groups.len()).arg("projects", &names),
        Message::new(Key::FixC07),
    );
    let units: BTreeSet<String> = active.iter().map(|p| p.contractor_credit_code.clone()).collect();
    finding.units = units.into_iter().collect();
    finding.evidence = active
        .iter()
        .map(|p| Evidence::Project { project_id: p.project_id.clone(), name: p.name.clone(), started_on: p.started_on })
        .collect();
    Some(finding)
}

fn sixty_fifth_birthday(birth: NaiveDate) -> NaiveDate {
    let year = birth.year() + REGISTRATION_AGE_LIMIT;
    birth.with_year(year).unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).unwrap_or(birth))
}

fn c08_expired(context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let registered: Vec<&Certificate> =
        context.facts.certificates.iter().filter(|c| c.status == CertificateStatus::Valid).collect();
    if registered.is_empty() {
        return findings;
    }
    if let Some(birth) = context.facts.birth_date {
        let limit = sixty_fifth_birthday(birth);
        if context.as_of >= limit {
            let mut finding = context.finding(
                FindingCode::C08,
                Severity::High,
                Message::new(Key::FindingC08Age).date_arg("date", limit),
                Message::new(Key::FixC08Age),
            );
            finding.registration_numbers = registered.iter().map(|c| c.registration_number.clone()).collect();
            finding.units = registered.iter().map(|c| c.unit_credit_code.clone()).collect();
            finding.evidence = vec![Evidence::Date { what: "birthday_65", date: limit, subject: String::new() }];
            findings.push(finding);
        }
    }
    for certificate in registered {
        for specialty in certificate.specialties.iter().filter(|s| s.valid_to < context.as_of) {
            let mut finding = context.finding(
                FindingCode::C08,
                Severity::High,
                Message::new(Key::FindingC08Expired)
                    .arg("specialty", &specialty.name)
                    .date_arg("date", specialty.valid_to),
                Message::new(Key::FixC08Expired),
            );
            finding.registration_numbers = vec![certificate.registration_number.clone()];
            finding.units = vec![certificate.unit_credit_code.clone()];
            finding.evidence =
                vec![Evidence::Date { what: "valid_to", date: specialty.valid_to, subject: specialty.name.clone() }];
            findings.push(finding);
        }
    }
    findings
}

fn c09_expiring(context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for certificate in &context.current {
        for specialty in &certificate.specialties {
            let days_left = (specialty.valid_to - context.as_of).num_days();
            if days_left < 0 || days_left > context.settings.expiry_warning_days {
                continue;
            }
            let severity =
                if days_left <= context.settings.renewal_deadline_days { Severity::Medium } else { Severity::Low };
            let mut finding = context.finding(
                FindingCode::C09,
                severity,
                Message::new(Key::FindingC09)
                    .arg("specialty", &specialty.name)
                    .date_arg("date", specialty.valid_to)
                    .arg("days", days_left),
                renewal_fix(specialty.valid_to, context.as_of),
            );
            finding.registration_numbers = vec![certificate.registration_number.clone()];
            finding.units = vec![certificate.unit_credit_code.clone()];
            finding.evidence =
                vec![Evidence::Date { what: "valid_to", date: specialty.valid_to, subject: specialty.name.clone() }];
            findings.push(finding);
        }
    }
    findings
}

/// Tells when to file the renewal, or that its 30-day deadline has passed.
fn renewal_fix(valid_to: NaiveDate, as_of: NaiveDate) -> Message {
    let deadline = valid_to - Days::new(30);
    if deadline < as_of {
        Message::new(Key::FixC09Late).date_arg("deadline", deadline)
    } else {
        Message::new(Key::FixC09).date_arg("deadline", deadline)
    }
}

fn c10_copies(context: &Context<'_>) -> Vec<Finding> {
    context
        .facts
        .exported_copies
        .iter()
        .filter(|copy| {
            let days_left = (copy.usable_until - context.as_of).num_days();
            (-context.settings.lapsed_copy_days..=context.settings.copy_warning_days).contains(&days_left)
        })
        .map(|copy| {
            let key = if copy.usable_until < context.as_of { Key::FindingC10Lapsed } else { Key::FindingC10Lapsing };
            let mut finding = context.finding(
                FindingCode::C10,
                Severity::Low,
                Message::new(key).arg("copy", &copy.label).date_arg("date", copy.usable_until),
                Message::new(Key::FixC10),
            );
            finding.registration_numbers = vec![copy.registration_number.clone()];
            finding.evidence =
                vec![Evidence::Date { what: "usable_until", date: copy.usable_until, subject: copy.label.clone() }];
            finding
        })
        .collect()
}

fn c11_education(context: &Context<'_>) -> Vec<Finding> {
    context
        .facts
        .continuing_education
        .iter()
        .filter(|record| record.period_start <= context.as_of && context.as_of <= record.period_end)
        .filter(|record| record.compulsory_hours < COMPULSORY_HOURS || record.elective_hours < ELECTIVE_HOURS)
        .map(|record| {
            let mut finding = context.finding(
                FindingCode::C11,
                Severity::Low,
                Message::new(Key::FindingC11)
                    .arg("specialty", &record.specialty)
                    .arg("compulsory", record.compulsory_hours)
                    .arg("elective", record.elective_hours),
                Message::new(Key::FixC11).date_arg("date", record.period_end),
            );
            finding.evidence = vec![Evidence::Hours {
                specialty: record.specialty.clone(),
                compulsory: record.compulsory_hours,
                elective: record.elective_hours,
            }];
            finding
        })
        .collect()
}

fn c12_frequent_changes(context: &Context<'_>) -> Option<Finding> {
    let year_ago = context.as_of.checked_sub_days(Days::new(365)).unwrap_or(context.as_of);
    let filed: Vec<&ChangeApplication> = context
        .facts
        .applications
        .iter()
        .filter(|a| {
            matches!(
                a.kind,
                ApplicationKind::ChangeEmployer | ApplicationKind::ChangeOther | ApplicationKind::AddSpecialty
            )
        })
        .filter(|a| !matches!(a.state, ApplicationState::Draft | ApplicationState::Rejected))
        .filter(|a| a.created_on > year_ago && a.created_on <= context.as_of)
        .collect();
    if filed.len() < context.settings.frequent_changes {
        return None;
    }
    let mut finding = context.finding(
        FindingCode::C12,
        Severity::Low,
        Message::new(Key::FindingC12).arg("count", filed.len()),
        Message::new(Key::FixC12),
    );
    let units: BTreeSet<String> = filed.iter().map(|a| a.unit_credit_code.clone()).collect();
    finding.units = units.into_iter().collect();
    finding.evidence = vec![Evidence::Applications {
        filed: filed.iter().map(|a| (a.application_id.clone(), a.created_on)).collect(),
    }];
    Some(finding)
}
