//! Seeded, deterministic sample data: a demo holder and a demo unit with its roster.
//!
//! Every identifier is standard-valid: ID numbers carry their GB 11643 check character, credit
//! codes their GB 32100 one, registration numbers follow the national layout and licence
//! identifiers carry their MOD 37,36 check. No real person's data is used: names are drawn from
//! common characters and ID numbers are generated.

use chrono::{Datelike as _, Days, NaiveDate};
use rand::seq::IndexedRandom as _;
use rand::{Rng as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

use super::dataset::Dataset;
use super::images;
use crate::domain::records::{
    ApplicationEvent, ApplicationKind, ApplicationState, COMPULSORY_HOURS, ChangeApplication, ContinuingEducation,
    ELECTIVE_HOURS, Exemption, ExemptionKind, PaymentMonth, Person, ProfessionalTitle, Project, ProjectStatus,
    SafetyCategory, SafetyCertificate, SafetyStatus, Unit, YearMonth,
};
use crate::domain::{Certificate, CertificateStatus, CreditCode, IdNumber, LicenceId, Qualification, Sex, Specialty};
use crate::platform::wire::{RESIDENT_ID, Role};

/// Seed of the data the app and `certdesk sandbox serve` use by default.
pub const DEFAULT_SEED: u64 = 20_261_204;

/// People on the demo unit's roster besides the demo holder.
const ROSTER_SIZE: usize = 36;

/// Credit code of the Ministry of Housing and Urban-Rural Development, issuer of 一级 certificates.
pub const MOHURD_CREDIT_CODE: &str = "11100000000013338W";

/// Name of the Ministry of Housing and Urban-Rural Development.
pub const MOHURD: &str = "中华人民共和国住房和城乡建设部";

pub(crate) const SURNAMES: [&str; 36] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许", "欧阳", "司马",
];

pub(crate) const GIVEN: [&str; 40] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "英", "华", "玉", "萍", "红", "建", "文", "辉", "力", "鹏", "宇", "浩", "凯", "俊", "斌", "峰", "晨",
    "欣", "怡",
];

/// Given-name characters missing from GB 2312, and one outside the Basic Multilingual Plane.
pub(crate) const RARE_GIVEN: [&str; 10] = ["喆", "堃", "玥", "赟", "珺", "翀", "镕", "彧", "垚", "𬘓"];

pub(crate) const SPECIALTIES_1: [&str; 10] = [
    "建筑工程",
    "公路工程",
    "铁路工程",
    "民航机场工程",
    "港口与航道工程",
    "水利水电工程",
    "矿业工程",
    "市政公用工程",
    "通信与广电工程",
    "机电工程",
];

pub(crate) const SPECIALTIES_2: [&str; 6] =
    ["建筑工程", "公路工程", "水利水电工程", "市政公用工程", "矿业工程", "机电工程"];

/// Address codes for generated ID numbers (province-level capitals' districts).
pub(crate) const REGIONS: [&str; 8] = ["110105", "310104", "440305", "510107", "320102", "420106", "330106", "610113"];

/// A sandbox account with what it may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Role of the account.
    pub role: Role,
    /// Account name.
    pub account: String,
    /// Password, printed by `certdesk sandbox serve` for people to sign in with.
    pub password: String,
    /// Name of the person or unit.
    pub display_name: String,
    /// ID number (holder) or credit code (unit) whose certificates the account may read.
    pub scope: String,
}

/// A unit while generating: its name and code.
struct GeneratedUnit {
    name: &'static str,
    credit_code: String,
    region_code: &'static str,
}

pub(crate) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// Adds whole years, moving 29 February to 28 February.
pub(crate) fn add_years(day: NaiveDate, years: i32) -> NaiveDate {
    day.with_year(day.year() + years).unwrap_or_else(|| date(day.year() + years, 2, 28))
}

/// Returns the last day of a 3-year registration period starting on `from`.
pub(crate) fn period_end(from: NaiveDate) -> NaiveDate {
    add_years(from, 3).checked_sub_days(Days::new(1)).unwrap_or(from)
}

fn credit_code(rng: &mut ChaCha8Rng, region: &str) -> String {
    let organization: String = (0..8).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
    let organization = format!("{organization}{}", organization_check(&organization));
    let first17 = format!("91{region}{organization}");
    CreditCode::from_first17(&first17).map(|c| c.as_str().to_owned()).unwrap_or_default()
}

/// Computes the GB 11714 check character of an 8-digit organisation code.
pub(crate) fn organization_check(digits: &str) -> char {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = digits.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        c => char::from_digit(c, 10).unwrap_or('0'),
    }
}

pub(crate) fn person_name(rng: &mut ChaCha8Rng) -> String {
    let surname = SURNAMES.choose(rng).copied().unwrap_or("王");
    let mut name = surname.to_owned();
    let given_count = if rng.random_bool(0.7) { 2 } else { 1 };
    for _ in 0..given_count {
        let pool: &[&str] = if rng.random_bool(0.1) { &RARE_GIVEN } else { &GIVEN };
        name.push_str(pool.choose(rng).copied().unwrap_or("明"));
    }
    name
}

fn id_number(rng: &mut ChaCha8Rng, birth: NaiveDate, sex: Sex) -> String {
    let region = REGIONS.choose(rng).copied().unwrap_or("110105");
    let mut sequence = rng.random_range(0..500u32) * 2;
    if sex == Sex::Male {
        sequence += 1;
    }
    let first17 = format!("{region}{}{sequence:03}", birth.format("%Y%m%d"));
    IdNumber::from_first17(&first17).map(|id| id.as_str().to_owned()).unwrap_or_default()
}

pub(crate) fn licence_id(qualification: Qualification, issuer: &str, serial: &str, version: u32) -> String {
    let type_code = match qualification {
        Qualification::Constructor1 => "JZS1",
        Qualification::Constructor2 => "JZS2",
        Qualification::SupervisionEngineer => "JLGC",
        _ => "ZCRY",
    };
    LicenceId::build(type_code, issuer, serial, u16::try_from(version).unwrap_or(1))
        .map(|id| id.as_str().to_owned())
        .unwrap_or_default()
}

struct Holder {
    name: String,
    sex: Sex,
    birth_date: NaiveDate,
    id_number: String,
    photo_png: Vec<u8>,
    signature_png: Vec<u8>,
}

fn holder(rng: &mut ChaCha8Rng, name: String, sex: Sex, birth_date: NaiveDate) -> Holder {
    Holder {
        id_number: id_number(rng, birth_date, sex),
        photo_png: images::photo(rng),
        signature_png: images::signature(rng),
        name,
        sex,
        birth_date,
    }
}

struct Issue<'a> {
    holder: &'a Holder,
    unit: &'a GeneratedUnit,
    qualification: Qualification,
    registration_number: String,
    serial: String,
    issuer: (&'a str, &'a str),
}

impl Issue<'_> {
    fn version(
        &self,
        version: u32,
        status: CertificateStatus,
        issued_on: NaiveDate,
        specialties: Vec<Specialty>,
        seal: &str,
    ) -> Certificate {
        Certificate {
            certificate_id: format!("cert-{}", self.serial),
            version,
            status,
            qualification: self.qualification,
            registration_number: self.registration_number.clone(),
            seal_check_code: Some(seal.to_owned()),
            holder_name: self.holder.name.clone(),
            sex: self.holder.sex,
            birth_date: self.holder.birth_date,
            id_type: RESIDENT_ID.to_owned(),
            id_number: self.holder.id_number.clone(),
            unit_name: self.unit.name.to_owned(),
            unit_credit_code: self.unit.credit_code.clone(),
            specialties,
            issuer: self.issuer.0.to_owned(),
            issued_on,
            licence_id: licence_id(self.qualification, self.issuer.1, &self.serial, version),
            photo_png: self.holder.photo_png.clone(),
            signature_png: self.holder.signature_png.clone(),
        }
    }
}

fn specialty(name: &str, from: NaiveDate) -> Specialty {
    Specialty { name: name.to_owned(), valid_from: from, valid_to: period_end(from) }
}

/// Generates the demo data for a seed. The same seed always gives the same data.
///
/// The roster has one person for each compliance finding and exemption (see
/// [`ROSTER_ANOMALIES`]), so every check has something to find in the demo.
pub fn generate(seed: u64) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let units = [
        GeneratedUnit {
            name: "华夏示范建设工程有限公司",
            credit_code: credit_code(&mut rng, "110105"),
            region_code: "110105",
        },
        GeneratedUnit {
            name: "江南示范路桥集团有限公司",
            credit_code: credit_code(&mut rng, "320102"),
            region_code: "320102",
        },
    ];
    let beijing_board = ("北京市住房和城乡建设委员会", credit_code(&mut rng, "110000"));
    let mut data = Dataset {
        units: units
            .iter()
            .map(|u| Unit {
                credit_code: u.credit_code.clone(),
                name: u.name.to_owned(),
                region_code: u.region_code.to_owned(),
            })
            .collect(),
        ..Dataset::default()
    };
    data.certificates = demo_holder_certificates(&mut rng, &units[0], &beijing_board);
    let holder = &data.certificates[0];
    let demo_holder = Person {
        id_type: RESIDENT_ID.to_owned(),
        id_number: holder.id_number.clone(),
        name: holder.holder_name.clone(),
        sex: holder.sex,
        birth_date: holder.birth_date,
    };
    let demo_holder_id = demo_holder.id_number.clone();
    let holder_specialties: Vec<(String, NaiveDate)> =
        holder.specialties.iter().map(|s| (s.name.clone(), s.valid_from)).collect();
    add_regular_records(&mut data, &mut rng, &demo_holder, &units[0], &holder_specialties, Anomaly::None);
    data.persons.push(demo_holder);

    for index in 0..ROSTER_SIZE {
        let certificate = roster_certificate(&mut rng, &units[0], index, &beijing_board);
        let person = Person {
            id_type: RESIDENT_ID.to_owned(),
            id_number: certificate.id_number.clone(),
            name: certificate.holder_name.clone(),
            sex: certificate.sex,
            birth_date: certificate.birth_date,
        };
        let specialties: Vec<(String, NaiveDate)> =
            certificate.specialties.iter().map(|s| (s.name.clone(), s.valid_from)).collect();
        let anomaly = ROSTER_ANOMALIES.get(index).copied().unwrap_or(Anomaly::None);
        add_regular_records(&mut data, &mut rng, &person, &units[0], &specialties, anomaly);
        add_anomaly(&mut data, &mut rng, &certificate, &units, anomaly);
        data.certificates.push(certificate);
        data.persons.push(person);
    }

    data.accounts = vec![
        Account {
            role: Role::Holder,
            account: "demo-holder".to_owned(),
            password: "sandbox-holder-2026".to_owned(),
            display_name: data.certificates[0].holder_name.clone(),
            scope: demo_holder_id,
        },
        Account {
            role: Role::Unit,
            account: "demo-unit".to_owned(),
            password: "sandbox-unit-2026".to_owned(),
            display_name: units[0].name.to_owned(),
            scope: units[0].credit_code.clone(),
        },
    ];
    data
}

/// Irregularity (or lawful difference) of one roster person, named by the finding code it
/// should raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anomaly {
    /// Nothing: registration, social security, housing fund and 安管 B all in the unit.
    None,
    /// C01: also registered (注册监理工程师) in the other unit.
    C01SecondRegistration,
    /// C02: social security paid by the other unit.
    C02OtherPayer,
    /// C03: both units paid social security for the last three months.
    C03TwoPayers,
    /// C04: no social security for the last six months.
    C04NoRecentPayments,
    /// C05: housing fund paid by the other unit.
    C05HousingFundElsewhere,
    /// C06: 安管 B certificate registered in the other unit.
    C06SafetyElsewhere,
    /// C07: project manager on two projects in progress.
    C07TwoProjects,
    /// Two projects that are adjacent sections of one project: allowed.
    C07AdjacentSections,
    /// C11: continuing education short.
    C11ShortEducation,
    /// C12: three registration changes within twelve months.
    C12FrequentChanges,
    /// Social security paid elsewhere, explained by a recorded exemption (retired).
    ExemptRetired,
    /// Social security paid elsewhere, explained by kept public-institution status.
    ExemptPublicInstitution,
}

/// The anomaly of each of the first roster people; the rest have none.
pub const ROSTER_ANOMALIES: [Anomaly; 12] = [
    Anomaly::C01SecondRegistration,
    Anomaly::C02OtherPayer,
    Anomaly::C03TwoPayers,
    Anomaly::C04NoRecentPayments,
    Anomaly::C05HousingFundElsewhere,
    Anomaly::C06SafetyElsewhere,
    Anomaly::C07TwoProjects,
    Anomaly::C07AdjacentSections,
    Anomaly::C11ShortEducation,
    Anomaly::C12FrequentChanges,
    Anomaly::ExemptRetired,
    Anomaly::ExemptPublicInstitution,
];

/// The last month of payment data in the demo (the data is as of 2026-12-04).
pub(crate) const LAST_PAID_MONTH: (u16, u8) = (2026, 11);

/// Months of payment history per person.
const PAYMENT_MONTHS: usize = 12;

pub(crate) fn last_months(count: usize) -> Vec<YearMonth> {
    let last = YearMonth::new(LAST_PAID_MONTH.0, LAST_PAID_MONTH.1).unwrap_or_else(|| YearMonth::of(date(2026, 11, 1)));
    let mut months: Vec<YearMonth> = std::iter::successors(Some(last), |m| Some(m.previous())).take(count).collect();
    months.reverse();
    months
}

fn payments(person: &Person, unit: &str, months: &[YearMonth]) -> impl Iterator<Item = PaymentMonth> {
    months.iter().map(move |month| PaymentMonth {
        id_number: person.id_number.clone(),
        unit_credit_code: unit.to_owned(),
        month: *month,
    })
}

/// Adds what an ordinary registered person has: payments, a 安管 B certificate, continuing
/// education for each specialty and sometimes a title. The anomaly removes what it replaces.
fn add_regular_records(
    data: &mut Dataset,
    rng: &mut ChaCha8Rng,
    person: &Person,
    unit: &GeneratedUnit,
    specialties: &[(String, NaiveDate)],
    anomaly: Anomaly,
) {
    let months = last_months(PAYMENT_MONTHS);
    let social_security_months: &[YearMonth] = match anomaly {
        Anomaly::C02OtherPayer | Anomaly::ExemptRetired | Anomaly::ExemptPublicInstitution => &[],
        Anomaly::C04NoRecentPayments => &months[..PAYMENT_MONTHS - 6],
        _ => &months,
    };
    data.social_security.extend(payments(person, &unit.credit_code, social_security_months));
    if anomaly != Anomaly::C05HousingFundElsewhere {
        data.housing_fund.extend(payments(person, &unit.credit_code, social_security_months));
    }
    if anomaly != Anomaly::C06SafetyElsewhere {
        data.safety_certificates.push(safety_certificate(rng, person, &unit.credit_code));
    }
    for (name, from) in specialties {
        let short = anomaly == Anomaly::C11ShortEducation;
        data.continuing_education.push(ContinuingEducation {
            id_number: person.id_number.clone(),
            specialty: name.clone(),
            period_start: *from,
            period_end: period_end(*from),
            compulsory_hours: if short { 24 } else { COMPULSORY_HOURS },
            elective_hours: if short { 12 } else { ELECTIVE_HOURS + rng.random_range(0..20) },
        });
    }
    if rng.random_bool(0.5) {
        let (title, level) =
            if rng.random_bool(0.4) { ("高级工程师", "副高级") } else { ("工程师", "中级") };
        data.titles.push(ProfessionalTitle {
            id_number: person.id_number.clone(),
            title: title.to_owned(),
            level: level.to_owned(),
            issuer: "北京市人力资源和社会保障局".to_owned(),
            issued_on: date(rng.random_range(2010..2024), rng.random_range(1..13), rng.random_range(1..29)),
        });
    }
}

fn safety_certificate(rng: &mut ChaCha8Rng, person: &Person, unit: &str) -> SafetyCertificate {
    let year = rng.random_range(2021..2025);
    SafetyCertificate {
        certificate_number: format!("京建安B({year}){:07}", rng.random_range(0..10_000_000)),
        id_number: person.id_number.clone(),
        category: SafetyCategory::B,
        unit_credit_code: unit.to_owned(),
        status: SafetyStatus::Valid,
        valid_to: date(year + 3, rng.random_range(1..13), rng.random_range(1..29)),
    }
}

fn project(rng: &mut ChaCha8Rng, person: &Person, unit: &str, name: &str, parent: Option<String>) -> Project {
    Project {
        project_id: format!("PRJ-{:08}", rng.random_range(0..100_000_000)),
        name: name.to_owned(),
        contractor_credit_code: unit.to_owned(),
        manager_id_number: person.id_number.clone(),
        status: ProjectStatus::InProgress,
        started_on: date(2025, rng.random_range(1..13), rng.random_range(1..29)),
        completed_on: None,
        contract_accepted_on: None,
        parent_project_id: parent,
        stoppages: Vec::new(),
    }
}

/// Adds the records that make the anomaly.
fn add_anomaly(
    data: &mut Dataset,
    rng: &mut ChaCha8Rng,
    certificate: &Certificate,
    units: &[GeneratedUnit; 2],
    anomaly: Anomaly,
) {
    let person = &Person {
        id_type: certificate.id_type.clone(),
        id_number: certificate.id_number.clone(),
        name: certificate.holder_name.clone(),
        sex: certificate.sex,
        birth_date: certificate.birth_date,
    };
    let other = &units[1].credit_code;
    let months = last_months(PAYMENT_MONTHS);
    match anomaly {
        Anomaly::None | Anomaly::C04NoRecentPayments | Anomaly::C11ShortEducation => {}
        Anomaly::C01SecondRegistration => {
            let mut second = certificate.clone();
            second.certificate_id = format!("{}-supervision", second.certificate_id);
            second.qualification = Qualification::SupervisionEngineer;
            second.registration_number = format!("32{:08}", rng.random_range(0..100_000_000));
            second.seal_check_code = None;
            units[1].name.clone_into(&mut second.unit_name);
            second.unit_credit_code.clone_from(other);
            MOHURD.clone_into(&mut second.issuer);
            second.specialties = vec![specialty("房屋建筑工程", date(2025, 3, 1))];
            second.licence_id = licence_id(Qualification::SupervisionEngineer, MOHURD_CREDIT_CODE, "2025900001", 1);
            data.certificates.push(second);
        }
        Anomaly::C02OtherPayer => data.social_security.extend(payments(person, other, &months)),
        Anomaly::C03TwoPayers => data.social_security.extend(payments(person, other, &months[PAYMENT_MONTHS - 3..])),
        Anomaly::C05HousingFundElsewhere => data.housing_fund.extend(payments(person, other, &months)),
        Anomaly::C06SafetyElsewhere => data.safety_certificates.push(safety_certificate(rng, person, other)),
        Anomaly::C07TwoProjects => {
            let unit = &units[0].credit_code;
            data.projects.push(project(rng, person, unit, "朝阳区示范学校教学楼工程", None));
            data.projects.push(project(rng, person, unit, "通州区示范医院门诊楼工程", None));
        }
        Anomaly::C07AdjacentSections => {
            let unit = &units[0].credit_code;
            let main = project(rng, person, unit, "京雄示范快速路工程", None);
            let parent = Some(main.project_id.clone());
            data.projects.push(project(rng, person, unit, "京雄示范快速路工程第一标段", parent.clone()));
            data.projects.push(project(rng, person, unit, "京雄示范快速路工程第二标段", parent));
        }
        Anomaly::C12FrequentChanges => add_frequent_changes(data, person, &units[0].credit_code),
        Anomaly::ExemptRetired | Anomaly::ExemptPublicInstitution => {
            data.social_security.extend(payments(person, other, &months));
            let kind = if anomaly == Anomaly::ExemptRetired {
                ExemptionKind::Retired
            } else {
                ExemptionKind::PublicInstitution
            };
            data.exemptions.push(Exemption {
                exemption_id: format!("EXM-{}", &person.id_number[14..]),
                id_number: person.id_number.clone(),
                kind,
                evidence_file: format!("{}-evidence.pdf", kind.code()),
                note: String::new(),
                recorded_on: date(2026, 3, 1),
            });
        }
    }
}

fn add_frequent_changes(data: &mut Dataset, person: &Person, unit: &str) {
    for (index, month) in [2, 6, 10].into_iter().enumerate() {
        let created_on = date(2026, month, 5);
        data.applications.push(ChangeApplication {
            application_id: format!("APP-2026{month:02}-{}", &person.id_number[14..]),
            id_number: person.id_number.clone(),
            kind: if index == 1 { ApplicationKind::AddSpecialty } else { ApplicationKind::ChangeOther },
            state: ApplicationState::Approved,
            unit_credit_code: unit.to_owned(),
            qualification: Qualification::Constructor1,
            created_on,
            history: vec![
                ApplicationEvent { happened_on: created_on, state: ApplicationState::Submitted, note: String::new() },
                ApplicationEvent {
                    happened_on: created_on + Days::new(12),
                    state: ApplicationState::Approved,
                    note: String::new(),
                },
            ],
            corrections: Vec::new(),
        });
    }
}

/// Builds the demo holder's certificates: a 一级 certificate in three versions (initial,
/// renewal, added specialty) and a 二级 one whose only specialty ends soon after the demo date.
fn demo_holder_certificates(rng: &mut ChaCha8Rng, unit: &GeneratedUnit, board: &(&str, String)) -> Vec<Certificate> {
    let person = holder(rng, "李玥".to_owned(), Sex::Female, date(1986, 7, 18));
    let first = Issue {
        holder: &person,
        unit,
        qualification: Qualification::Constructor1,
        registration_number: "京111151700123".to_owned(),
        serial: "2021000123".to_owned(),
        issuer: (MOHURD, MOHURD_CREDIT_CODE),
    };
    let building_1 = specialty("建筑工程", date(2021, 3, 15));
    let building_2 = specialty("建筑工程", date(2024, 3, 15));
    let municipal = specialty("市政公用工程", date(2025, 6, 10));
    let second = Issue {
        holder: &person,
        unit,
        qualification: Qualification::Constructor2,
        registration_number: "京211192004567".to_owned(),
        serial: "2024004567".to_owned(),
        issuer: (board.0, &board.1),
    };
    vec![
        first.version(3, CertificateStatus::Valid, date(2025, 6, 10), vec![building_2.clone(), municipal], "07"),
        first.version(2, CertificateStatus::Superseded, date(2024, 2, 20), vec![building_2], "07"),
        first.version(1, CertificateStatus::Superseded, date(2021, 3, 15), vec![building_1], "07"),
        second.version(
            1,
            CertificateStatus::Valid,
            date(2024, 1, 5),
            vec![specialty("水利水电工程", date(2024, 1, 5))],
            "31",
        ),
    ]
}

fn roster_certificate(rng: &mut ChaCha8Rng, unit: &GeneratedUnit, index: usize, board: &(&str, String)) -> Certificate {
    let sex = if rng.random_bool(0.7) { Sex::Male } else { Sex::Female };
    let birth_date = date(rng.random_range(1964..1998), rng.random_range(1..13), rng.random_range(1..29));
    let name = person_name(rng);
    let person = holder(rng, name, sex, birth_date);
    let level_one = rng.random_bool(0.6);
    let (qualification, pool, issuer): (_, &[&str], (&str, &str)) = if level_one {
        (Qualification::Constructor1, &SPECIALTIES_1, (MOHURD, MOHURD_CREDIT_CODE))
    } else {
        (Qualification::Constructor2, &SPECIALTIES_2, (board.0, board.1.as_str()))
    };
    let qualification_year = rng.random_range(5..24u32);
    let registration_year = (qualification_year + rng.random_range(0..3)).min(25);
    let province_code = ["11", "13", "32", "37", "51"].choose(rng).copied().unwrap_or("11");
    let level = if level_one { 1 } else { 2 };
    let serial_number = 10_000 + index * 37;
    let registration_number =
        format!("京{level}{province_code}{qualification_year:02}{registration_year:02}{serial_number:05}");
    let issue = Issue {
        holder: &person,
        unit,
        qualification,
        registration_number,
        serial: format!("20{registration_year:02}{serial_number:06}"),
        issuer,
    };
    let count = if rng.random_bool(0.3) { 2 } else { 1 };
    let names: Vec<&str> = pool.choose_multiple(rng, count).copied().collect();
    let specialties = names
        .iter()
        .map(|name| {
            // Periods started between 2024-01-01 and late 2026, so none has lapsed on the
            // demo date and a few end within the 90-day renewal warning.
            let from = date(2024, 1, 1) + Days::new(rng.random_range(0..1000));
            specialty(name, from)
        })
        .collect::<Vec<_>>();
    let issued_on = specialties.iter().map(|s| s.valid_from).max().unwrap_or_default();
    let seal = format!("{:02}", rng.random_range(0..100));
    issue.version(1, CertificateStatus::Valid, issued_on, specialties, &seal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RegistrationNumber;

    #[test]
    fn same_seed_same_data() {
        let a = generate(DEFAULT_SEED);
        let b = generate(DEFAULT_SEED);
        assert_eq!(a.certificates, b.certificates);
    }

    #[test]
    fn every_identifier_validates() {
        let data = generate(DEFAULT_SEED);
        for certificate in &data.certificates {
            assert!(IdNumber::parse(&certificate.id_number).is_ok(), "{}", certificate.certificate_id);
            assert!(CreditCode::parse(&certificate.unit_credit_code).is_ok());
            let constructor =
                matches!(certificate.qualification, Qualification::Constructor1 | Qualification::Constructor2);
            assert!(!constructor || RegistrationNumber::parse(&certificate.registration_number).is_ok());
            assert!(LicenceId::parse(&certificate.licence_id).is_ok(), "{}", certificate.licence_id);
            assert!(!certificate.photo_png.is_empty());
        }
    }

    #[test]
    fn holder_sees_all_versions_unit_sees_current() {
        let data = generate(DEFAULT_SEED);
        let holder = &data.accounts[0];
        let unit = &data.accounts[1];
        assert_eq!(data.visible_certificates(holder).len(), 4);
        assert_eq!(data.visible_certificates(unit).len(), ROSTER_SIZE + 2);
    }
}
