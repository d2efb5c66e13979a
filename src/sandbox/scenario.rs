//! Scenario files: a case written down exactly (units, people, registrations, months, projects,
//! exemptions), the way a bug report or a regulator's example describes it. The format is
//! documented in `docs/sandbox-scenarios.md`.
//!
//! Loading checks every identifier and reference and refuses the whole file on the first
//! problem, naming the file, the place and the fix, so nothing is ever served half-loaded.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::dataset::Dataset;
use super::images;
use super::sample::Account;
use crate::domain::records::{
    ChangeApplication, ContinuingEducation, Exemption, PaymentMonth, Person, ProfessionalTitle, Project,
    SafetyCertificate, Unit, YearMonth,
};
use crate::domain::{
    Certificate, CertificateStatus, CreditCode, IdNumber, LicenceId, Qualification, RegistrationNumber, Sex, Specialty,
};
use crate::i18n::{Key, Lang, Message};
use crate::platform::wire::{RESIDENT_ID, Role};

/// A scenario file as written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Description of the case.
    #[serde(default)]
    pub description: String,
    /// Units.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Persons.
    #[serde(default)]
    pub persons: Vec<ScenarioPerson>,
    /// Certificates; photos, signatures and licence identifiers are generated.
    #[serde(default)]
    pub certificates: Vec<ScenarioCertificate>,
    /// Social-security payments.
    #[serde(default)]
    pub social_security: Vec<ScenarioPayments>,
    /// Housing-fund payments.
    #[serde(default)]
    pub housing_fund: Vec<ScenarioPayments>,
    /// 安管 certificates.
    #[serde(default)]
    pub safety_certificates: Vec<SafetyCertificate>,
    /// Projects.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Continuing-education hours.
    #[serde(default)]
    pub continuing_education: Vec<ContinuingEducation>,
    /// Professional titles.
    #[serde(default)]
    pub titles: Vec<ProfessionalTitle>,
    /// Exemptions.
    #[serde(default)]
    pub exemptions: Vec<Exemption>,
    /// Registration applications.
    #[serde(default)]
    pub applications: Vec<ChangeApplication>,
    /// Accounts; when empty, one holder account per person and one unit account per unit.
    #[serde(default)]
    pub accounts: Vec<ScenarioAccount>,
}

/// A person; sex and birth date default to what a resident ID number encodes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioPerson {
    /// Document number.
    pub id_number: String,
    /// Name.
    pub name: String,
    /// Document type; `resident_id` when omitted.
    #[serde(default = "resident_id")]
    pub id_type: String,
    /// Sex; required for other document types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Birth date; required for other document types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
}

fn resident_id() -> String {
    RESIDENT_ID.to_owned()
}

fn first_version() -> u32 {
    1
}

fn valid_status() -> CertificateStatus {
    CertificateStatus::Valid
}

/// A certificate version.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioCertificate {
    /// ID number of the holder, who must be listed in `persons`.
    pub person: String,
    /// Qualification code, such as `constructor1`.
    pub qualification: Qualification,
    /// Registration number.
    pub registration_number: String,
    /// Seal check code, 2 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_check_code: Option<String>,
    /// Credit code of the unit, which must be listed in `units`.
    pub unit: String,
    /// Certificate identifier; derived from the registration number when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_id: Option<String>,
    /// Version number; 1 when omitted.
    #[serde(default = "first_version")]
    pub version: u32,
    /// `valid` (default) or `superseded`.
    #[serde(default = "valid_status")]
    pub status: CertificateStatus,
    /// Issue date.
    pub issued_on: NaiveDate,
    /// Issuer; the ministry when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Specialties with their validity.
    pub specialties: Vec<Specialty>,
}

/// Months one unit paid for one person: a list, a range, or both.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioPayments {
    /// ID number of the person.
    pub person: String,
    /// Credit code of the paying unit.
    pub unit: String,
    /// Single months.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<YearMonth>,
    /// First month of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<YearMonth>,
    /// Last month of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<YearMonth>,
}

/// An account that can sign in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioAccount {
    /// `holder` or `unit`.
    pub role: Role,
    /// Account name.
    pub account: String,
    /// Password.
    pub password: String,
    /// ID number of the holder (role `holder`) or credit code of the unit (role `unit`).
    pub scope: String,
}

/// Reason a scenario file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// The file.
    pub file: PathBuf,
    /// Place in the file: a JSON path such as `persons[2].id_number`, or a line and column.
    pub location: String,
    /// The problem found.
    pub problem: Message,
    /// The fix: the next step for the user.
    pub fix: Message,
}

impl ScenarioError {
    /// Renders the error as one line: file, place, problem and fix.
    pub fn render(&self, lang: Lang) -> String {
        Message::new(Key::ScenarioError)
            .arg("file", self.file.display())
            .arg("location", &self.location)
            .arg("problem", self.problem.render(lang).trim_end_matches(['。', '.']))
            .arg("fix", self.fix.render(lang))
            .render(lang)
    }
}

/// Reads, checks and expands a scenario file.
pub fn load(path: &Path) -> Result<Dataset, ScenarioError> {
    let error = |location: String, problem: Message, fix: Message| ScenarioError {
        file: path.to_path_buf(),
        location,
        problem,
        fix,
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        error(
            String::new(),
            Message::new(Key::ScenarioUnreadable).io_arg("detail", &e),
            Message::new(Key::ScenarioFixPath),
        )
    })?;
    let file: ScenarioFile = serde_json::from_str(&text).map_err(|e| {
        let location = Message::new(Key::ScenarioLineColumn).arg("line", e.line()).arg("column", e.column());
        error(
            location.render(Lang::ZhCn),
            Message::new(Key::ScenarioSyntax).arg("detail", e),
            Message::new(Key::ScenarioFixSyntax),
        )
    })?;
    expand(&file).map_err(|(location, problem, fix)| error(location, problem, fix))
}

type Problem = (String, Message, Message);

/// Checks a parsed scenario and builds the dataset it describes.
pub fn expand(file: &ScenarioFile) -> Result<Dataset, Problem> {
    let units = check_units(&file.units)?;
    let persons = check_persons(&file.persons)?;
    let known_person = |location: String, id: &str| -> Result<(), Problem> {
        if persons.iter().any(|p| p.id_number == id) {
            Ok(())
        } else {
            Err((
                location,
                Message::new(Key::ScenarioUnknownPerson).arg("value", mask(id)),
                Message::new(Key::ScenarioFixAddPerson),
            ))
        }
    };
    let known_unit = |location: String, code: &str| -> Result<(), Problem> {
        if units.iter().any(|u| u.credit_code == code) {
            Ok(())
        } else {
            Err((
                location,
                Message::new(Key::ScenarioUnknownUnit).arg("value", code),
                Message::new(Key::ScenarioFixAddUnit),
            ))
        }
    };

    let mut data = Dataset { units: units.clone(), persons: persons.clone(), ..Dataset::default() };
    for (i, certificate) in file.certificates.iter().enumerate() {
        let at = |field: &str| format!("certificates[{i}].{field}");
        known_person(at("person"), &certificate.person)?;
        known_unit(at("unit"), &certificate.unit)?;
        data.certificates.push(build_certificate(certificate, &persons, &units, &at)?);
    }
    for (list, target, name) in [
        (&file.social_security, &mut data.social_security, "social_security"),
        (&file.housing_fund, &mut data.housing_fund, "housing_fund"),
    ] {
        for (i, payments) in list.iter().enumerate() {
            known_person(format!("{name}[{i}].person"), &payments.person)?;
            known_unit(format!("{name}[{i}].unit"), &payments.unit)?;
            target.extend(expand_months(payments, &format!("{name}[{i}]"))?);
        }
    }
    for (i, record) in file.safety_certificates.iter().enumerate() {
        known_person(format!("safety_certificates[{i}].id_number"), &record.id_number)?;
        known_unit(format!("safety_certificates[{i}].unit_credit_code"), &record.unit_credit_code)?;
    }
    for (i, project) in file.projects.iter().enumerate() {
        known_person(format!("projects[{i}].manager_id_number"), &project.manager_id_number)?;
        known_unit(format!("projects[{i}].contractor_credit_code"), &project.contractor_credit_code)?;
    }
    for (i, record) in file.continuing_education.iter().enumerate() {
        known_person(format!("continuing_education[{i}].id_number"), &record.id_number)?;
    }
    for (i, record) in file.titles.iter().enumerate() {
        known_person(format!("titles[{i}].id_number"), &record.id_number)?;
    }
    for (i, record) in file.exemptions.iter().enumerate() {
        known_person(format!("exemptions[{i}].id_number"), &record.id_number)?;
    }
    for (i, record) in file.applications.iter().enumerate() {
        known_person(format!("applications[{i}].id_number"), &record.id_number)?;
        known_unit(format!("applications[{i}].unit_credit_code"), &record.unit_credit_code)?;
    }
    data.safety_certificates.clone_from(&file.safety_certificates);
    data.projects.clone_from(&file.projects);
    data.continuing_education.clone_from(&file.continuing_education);
    data.titles.clone_from(&file.titles);
    data.exemptions.clone_from(&file.exemptions);
    data.applications.clone_from(&file.applications);
    data.accounts = accounts(file, &persons, &units, &known_person, &known_unit)?;
    Ok(data)
}

fn mask(id: &str) -> String {
    crate::domain::id_number::mask_id_text(id)
}

fn check_units(units: &[Unit]) -> Result<Vec<Unit>, Problem> {
    let mut seen = HashSet::new();
    for (i, unit) in units.iter().enumerate() {
        let location = format!("units[{i}].credit_code");
        let code = CreditCode::parse(&unit.credit_code)
            .map_err(|e| (location.clone(), e.message(), Message::new(Key::ScenarioFixIdentifier)))?;
        if code.as_str() != unit.credit_code {
            return Err((
                location,
                Message::new(Key::ScenarioNotNormalized).arg("value", code.as_str()),
                Message::new(Key::ScenarioFixIdentifier),
            ));
        }
        if !seen.insert(unit.credit_code.as_str()) {
            return Err((
                location,
                Message::new(Key::ScenarioDuplicate).arg("value", &unit.credit_code),
                Message::new(Key::ScenarioFixDuplicate),
            ));
        }
    }
    Ok(units.to_vec())
}

fn check_persons(persons: &[ScenarioPerson]) -> Result<Vec<Person>, Problem> {
    let mut seen = HashSet::new();
    let mut checked = Vec::with_capacity(persons.len());
    for (i, person) in persons.iter().enumerate() {
        let location = format!("persons[{i}].id_number");
        let (sex, birth_date) = if person.id_type == RESIDENT_ID {
            let id = IdNumber::parse(&person.id_number)
                .map_err(|e| (location.clone(), e.message(), Message::new(Key::ScenarioFixIdentifier)))?;
            if id.as_str() != person.id_number {
                return Err((
                    location,
                    Message::new(Key::ScenarioNotNormalized).arg("value", id.masked()),
                    Message::new(Key::ScenarioFixIdentifier),
                ));
            }
            (person.sex.unwrap_or(id.sex()), person.birth_date.unwrap_or(id.birth_date()))
        } else {
            let missing = || {
                (
                    format!("persons[{i}]"),
                    Message::new(Key::ScenarioOtherDocument),
                    Message::new(Key::ScenarioFixOtherDocument),
                )
            };
            (person.sex.ok_or_else(missing)?, person.birth_date.ok_or_else(missing)?)
        };
        if !seen.insert(person.id_number.as_str()) {
            return Err((
                location,
                Message::new(Key::ScenarioDuplicate).arg("value", mask(&person.id_number)),
                Message::new(Key::ScenarioFixDuplicate),
            ));
        }
        checked.push(Person {
            id_type: person.id_type.clone(),
            id_number: person.id_number.clone(),
            name: person.name.clone(),
            sex,
            birth_date,
        });
    }
    Ok(checked)
}

fn build_certificate(
    certificate: &ScenarioCertificate,
    persons: &[Person],
    units: &[Unit],
    at: &dyn Fn(&str) -> String,
) -> Result<Certificate, Problem> {
    let constructor = matches!(certificate.qualification, Qualification::Constructor1 | Qualification::Constructor2);
    if constructor {
        RegistrationNumber::parse(&certificate.registration_number)
            .map_err(|e| (at("registration_number"), e.message(), Message::new(Key::ScenarioFixIdentifier)))?;
    }
    if certificate.specialties.is_empty() || certificate.specialties.iter().any(|s| s.valid_to < s.valid_from) {
        return Err((
            at("specialties"),
            Message::new(Key::ScenarioSpecialties),
            Message::new(Key::ScenarioFixSpecialties),
        ));
    }
    let person = persons.iter().find(|p| p.id_number == certificate.person).ok_or_else(|| {
        (
            at("person"),
            Message::new(Key::ScenarioUnknownPerson).arg("value", mask(&certificate.person)),
            Message::new(Key::ScenarioFixAddPerson),
        )
    })?;
    let unit = units.iter().find(|u| u.credit_code == certificate.unit).ok_or_else(|| {
        (
            at("unit"),
            Message::new(Key::ScenarioUnknownUnit).arg("value", &certificate.unit),
            Message::new(Key::ScenarioFixAddUnit),
        )
    })?;
    let digest = Sha256::digest(format!("{}\n{}", certificate.person, certificate.registration_number).as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&digest);
    let mut rng = ChaCha8Rng::from_seed(seed);
    let serial: String = digest.iter().take(10).map(|b| char::from(b'0' + b % 10)).collect();
    let type_code = match certificate.qualification {
        Qualification::Constructor1 => "JZS1",
        Qualification::Constructor2 => "JZS2",
        _ => "ZCRY",
    };
    let licence_id = LicenceId::build(
        type_code,
        super::sample::MOHURD_CREDIT_CODE,
        &serial,
        u16::try_from(certificate.version).unwrap_or(1),
    )
    .map(|id| id.as_str().to_owned())
    .unwrap_or_default();
    Ok(Certificate {
        certificate_id: certificate
            .certificate_id
            .clone()
            .unwrap_or_else(|| format!("cert-{}", certificate.registration_number)),
        version: certificate.version,
        status: certificate.status,
        qualification: certificate.qualification,
        registration_number: certificate.registration_number.clone(),
        seal_check_code: certificate.seal_check_code.clone(),
        holder_name: person.name.clone(),
        sex: person.sex,
        birth_date: person.birth_date,
        id_type: person.id_type.clone(),
        id_number: person.id_number.clone(),
        unit_name: unit.name.clone(),
        unit_credit_code: unit.credit_code.clone(),
        specialties: certificate.specialties.clone(),
        issuer: certificate.issuer.clone().unwrap_or_else(|| super::sample::MOHURD.to_owned()),
        issued_on: certificate.issued_on,
        licence_id,
        photo_png: images::photo(&mut rng),
        signature_png: images::signature(&mut rng),
    })
}

fn expand_months(payments: &ScenarioPayments, at: &str) -> Result<Vec<PaymentMonth>, Problem> {
    let mut months = payments.months.clone();
    match (payments.from, payments.to) {
        (Some(from), Some(to)) if from <= to => months.extend(from.through(to)),
        (None, None) => {}
        _ => {
            return Err((
                format!("{at}.from"),
                Message::new(Key::ScenarioMonthRange),
                Message::new(Key::ScenarioFixMonthRange),
            ));
        }
    }
    if months.is_empty() {
        return Err((
            format!("{at}.months"),
            Message::new(Key::ScenarioMonthRange),
            Message::new(Key::ScenarioFixMonthRange),
        ));
    }
    months.sort_unstable();
    months.dedup();
    Ok(months
        .into_iter()
        .map(|month| PaymentMonth {
            id_number: payments.person.clone(),
            unit_credit_code: payments.unit.clone(),
            month,
        })
        .collect())
}

fn accounts(
    file: &ScenarioFile,
    persons: &[Person],
    units: &[Unit],
    known_person: &dyn Fn(String, &str) -> Result<(), Problem>,
    known_unit: &dyn Fn(String, &str) -> Result<(), Problem>,
) -> Result<Vec<Account>, Problem> {
    if file.accounts.is_empty() {
        let holders = persons.iter().enumerate().map(|(i, p)| Account {
            role: Role::Holder,
            account: format!("holder-{}", i + 1),
            password: "scenario".to_owned(),
            display_name: p.name.clone(),
            scope: p.id_number.clone(),
        });
        let unit_accounts = units.iter().enumerate().map(|(i, u)| Account {
            role: Role::Unit,
            account: format!("unit-{}", i + 1),
            password: "scenario".to_owned(),
            display_name: u.name.clone(),
            scope: u.credit_code.clone(),
        });
        return Ok(holders.chain(unit_accounts).collect());
    }
    let mut accounts = Vec::new();
    for (i, account) in file.accounts.iter().enumerate() {
        let location = format!("accounts[{i}].scope");
        let display_name = match account.role {
            Role::Holder => {
                known_person(location, &account.scope)?;
                persons.iter().find(|p| p.id_number == account.scope).map(|p| p.name.clone())
            }
            Role::Unit => {
                known_unit(location, &account.scope)?;
                units.iter().find(|u| u.credit_code == account.scope).map(|u| u.name.clone())
            }
        };
        accounts.push(Account {
            role: account.role,
            account: account.account.clone(),
            password: account.password.clone(),
            display_name: display_name.unwrap_or_default(),
            scope: account.scope.clone(),
        });
    }
    Ok(accounts)
}

/// Writes a dataset as a scenario file that loads back to the same records (photos and licence
/// identifiers are generated again from the certificate's holder and number).
pub fn from_dataset(data: &Dataset) -> ScenarioFile {
    ScenarioFile {
        description: String::new(),
        units: data.units.clone(),
        persons: data
            .persons
            .iter()
            .map(|p| ScenarioPerson {
                id_number: p.id_number.clone(),
                name: p.name.clone(),
                id_type: p.id_type.clone(),
                sex: Some(p.sex),
                birth_date: Some(p.birth_date),
            })
            .collect(),
        certificates: data
            .certificates
            .iter()
            .map(|c| ScenarioCertificate {
                person: c.id_number.clone(),
                qualification: c.qualification,
                registration_number: c.registration_number.clone(),
                seal_check_code: c.seal_check_code.clone(),
                unit: c.unit_credit_code.clone(),
                certificate_id: Some(c.certificate_id.clone()),
                version: c.version,
                status: c.status,
                issued_on: c.issued_on,
                issuer: Some(c.issuer.clone()),
                specialties: c.specialties.clone(),
            })
            .collect(),
        social_security: payments_of(&data.social_security),
        housing_fund: payments_of(&data.housing_fund),
        safety_certificates: data.safety_certificates.clone(),
        projects: data.projects.clone(),
        continuing_education: data.continuing_education.clone(),
        titles: data.titles.clone(),
        exemptions: data.exemptions.clone(),
        applications: data.applications.clone(),
        accounts: data
            .accounts
            .iter()
            .map(|a| ScenarioAccount {
                role: a.role,
                account: a.account.clone(),
                password: a.password.clone(),
                scope: a.scope.clone(),
            })
            .collect(),
    }
}

/// Groups months by person and unit, in the order each pair first appears.
fn payments_of(months: &[PaymentMonth]) -> Vec<ScenarioPayments> {
    let mut grouped: Vec<ScenarioPayments> = Vec::new();
    let mut group_of: HashMap<(&str, &str), usize> = HashMap::new();
    for month in months {
        let key = (month.id_number.as_str(), month.unit_credit_code.as_str());
        if let Some(&group) = group_of.get(&key) {
            grouped[group].months.push(month.month);
            continue;
        }
        group_of.insert(key, grouped.len());
        grouped.push(ScenarioPayments {
            person: month.id_number.clone(),
            unit: month.unit_credit_code.clone(),
            months: vec![month.month],
            from: None,
            to: None,
        });
    }
    grouped
}
