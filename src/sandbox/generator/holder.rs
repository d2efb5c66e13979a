//! One holder's records: the person, certificate versions, payments, 安管 certificate, projects,
//! continuing education, title, exemption and applications, with the planted case applied.

use chrono::{Days, NaiveDate};
use rand::Rng as _;
use rand::seq::IndexedRandom as _;
use rand_chacha::ChaCha8Rng;

use super::identity::{self, BirthWindow, DISTRICTS};
use super::{Case, FindingCode, Generator};
use crate::domain::batch::RecordBatch;
use crate::domain::records::{
    ApplicationEvent, ApplicationKind, ApplicationState, COMPULSORY_HOURS, ChangeApplication, ContinuingEducation,
    ELECTIVE_HOURS, Exemption, PaymentMonth, Person, ProfessionalTitle, Project, ProjectStatus, SafetyCategory,
    SafetyCertificate, SafetyStatus, Unit, YearMonth,
};
use crate::domain::{Certificate, CertificateStatus, Qualification, Sex, Specialty};
use crate::platform::wire::RESIDENT_ID;
use crate::sandbox::sample::{
    MOHURD, MOHURD_CREDIT_CODE, SPECIALTIES_1, SPECIALTIES_2, add_years, date, licence_id, period_end, person_name,
};

/// 990 days: the oldest start of a regular specialty's period, so that it still has more than
/// 90 days to run on the as-of day and raises no C09.
const REGULAR_PERIOD_AGE_DAYS: u64 = 990;

const PROJECT_NAMES: [&str; 10] = [
    "第一中学教学楼",
    "人民医院门诊楼",
    "滨江路改造",
    "产业园标准厂房",
    "地铁站配套",
    "污水处理厂扩建",
    "体育中心",
    "保障性住房",
    "绕城高速连接线",
    "水库除险加固",
];

/// Draws the planted case: the first draw of every holder's stream, so it does not depend on
/// anything else generated for the holder.
pub(super) fn case(rng: &mut ChaCha8Rng, share: f64) -> Case {
    let draw: f64 = rng.random();
    if share <= 0.0 {
        return Case::Regular;
    }
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a non-negative quotient, saturating")]
    let index = (draw / share) as usize;
    Case::PLANTED.get(index).copied().unwrap_or(Case::Regular)
}

/// Appends holder `index`'s records to the batch.
pub(super) fn add(generator: &Generator, index: usize, batch: &mut RecordBatch) {
    let mut rng = generator.holder_rng(index);
    let case = case(&mut rng, generator.config.anomaly_share);
    let seed = generator.config.seed;
    let units = generator.config.units;
    let unit_index = rng.random_range(0..units);
    let other_index = (unit_index + rng.random_range(1..units)) % units;

    let male = rng.random_bool(0.8);
    let over_65 = case == Case::Finding(FindingCode::C08) && rng.random_bool(0.5);
    let window = if over_65 { BirthWindow::Retirement } else { BirthWindow::Working };
    let (id_number, birth_date) = identity::id_number(seed, index, window, male);
    let person = Person {
        id_type: RESIDENT_ID.to_owned(),
        id_number,
        name: person_name(&mut rng),
        sex: if male { Sex::Male } else { Sex::Female },
        birth_date,
    };

    let mut holder = Holder {
        generator,
        index,
        rng,
        case,
        over_65,
        unit: identity::unit(seed, unit_index),
        other: identity::unit(seed, other_index),
        person,
    };

    holder.certificates(batch);
    holder.payments(batch);
    holder.safety_certificate(batch);
    holder.projects(batch);
    holder.title(batch);
    holder.exemption(batch);
    holder.applications(batch);
    batch.persons.push(holder.person);
}

struct Holder<'a> {
    generator: &'a Generator,
    index: usize,
    rng: ChaCha8Rng,
    case: Case,
    over_65: bool,
    unit: Unit,
    other: Unit,
    person: Person,
}

/// The fixed parts of one certificate: what it registers, under which number, who issued it,
/// and whether the unit is the holder's own or the other one.
struct Registration {
    qualification: Qualification,
    number: String,
    issuer: (String, String),
    serial: usize,
    elsewhere: bool,
}

impl Holder<'_> {
    fn is(&self, code: FindingCode) -> bool {
        self.case == Case::Finding(code)
    }

    fn as_of(&self) -> NaiveDate {
        self.generator.as_of
    }

    /// Returns the index in [`DISTRICTS`] of the holder's unit.
    fn district(&self) -> usize {
        DISTRICTS.iter().position(|(code, _, _)| *code == self.unit.region_code).unwrap_or(0)
    }

    /// Adds the main constructor certificate (sometimes renewed, so with a superseded version),
    /// sometimes a second qualification in the same unit, and for C01 one in the other unit.
    fn certificates(&mut self, batch: &mut RecordBatch) {
        let level_one = self.rng.random_bool(0.6);
        let main = self.constructor_registration(level_one, self.index * 4);
        let pool: &[&str] = if level_one { &SPECIALTIES_1 } else { &SPECIALTIES_2 };
        let specialties = self.current_specialties(pool);
        if self.rng.random_bool(0.5) {
            let earlier: Vec<Specialty> = specialties
                .iter()
                .take(1)
                .map(|s| Specialty {
                    name: s.name.clone(),
                    valid_from: add_years(s.valid_from, -3),
                    valid_to: s.valid_from.pred_opt().unwrap_or(s.valid_from),
                })
                .collect();
            batch.certificates.push(self.version(&main, 1, CertificateStatus::Superseded, earlier));
            batch.certificates.push(self.version(&main, 2, CertificateStatus::Valid, specialties.clone()));
        } else {
            batch.certificates.push(self.version(&main, 1, CertificateStatus::Valid, specialties.clone()));
        }
        self.education(&specialties, batch);

        if self.rng.random_bool(0.5) {
            let second = if level_one && self.rng.random_bool(0.5) {
                self.constructor_registration(false, self.index * 4 + 1)
            } else {
                self.engineer_registration(self.index * 4 + 1, false)
            };
            let pool: &[&str] = match second.qualification {
                Qualification::Constructor2 => &SPECIALTIES_2,
                Qualification::SupervisionEngineer => &["房屋建筑工程", "市政公用工程", "公路工程"],
                _ => &["土木建筑工程", "安装工程"],
            };
            let specialties = self.regular_specialties(pool);
            batch.certificates.push(self.version(&second, 1, CertificateStatus::Valid, specialties));
        }
        if self.is(FindingCode::C01) {
            let elsewhere = self.engineer_registration(self.index * 4 + 2, true);
            let specialties = self.regular_specialties(&["房屋建筑工程"]);
            batch.certificates.push(self.version(&elsewhere, 1, CertificateStatus::Valid, specialties));
        }
    }

    /// A 一级 or 二级 constructor registration in the holder's unit. The initial-registration
    /// province and the serial encode the index, so the number is unique per holder and level
    /// for up to 3.1 million holders (31 provinces times 100,000 serials).
    fn constructor_registration(&mut self, level_one: bool, serial: usize) -> Registration {
        let district = self.district();
        let abbreviation = DISTRICTS[district].2;
        let initial_province = &DISTRICTS[self.index / 100_000 % DISTRICTS.len()].0[..2];
        let qualification_year = self.rng.random_range(5..22u32);
        let registration_year = qualification_year + self.rng.random_range(0..4);
        let level = if level_one { 1 } else { 2 };
        let number = format!(
            "{abbreviation}{level}{initial_province}{qualification_year:02}{registration_year:02}{:05}",
            self.index % 100_000
        );
        let (qualification, issuer) = if level_one {
            (Qualification::Constructor1, (MOHURD.to_owned(), MOHURD_CREDIT_CODE.to_owned()))
        } else {
            let (name, code) = self.generator.boards.issuer(district);
            (Qualification::Constructor2, (name, code.to_owned()))
        };
        Registration { qualification, number, issuer, serial, elsewhere: false }
    }

    /// A 注册监理工程师 or 注册造价工程师 registration, in the holder's unit or the other one.
    /// The number is the licence serial, so it is unique too.
    fn engineer_registration(&mut self, serial: usize, elsewhere: bool) -> Registration {
        let qualification = if elsewhere || self.rng.random_bool(0.6) {
            Qualification::SupervisionEngineer
        } else {
            Qualification::CostEngineer
        };
        Registration {
            qualification,
            number: format!("{}{serial:08}", &self.unit.region_code[..2]),
            issuer: (MOHURD.to_owned(), MOHURD_CREDIT_CODE.to_owned()),
            serial,
            elsewhere,
        }
    }

    fn version(
        &mut self,
        registration: &Registration,
        version: u32,
        status: CertificateStatus,
        specialties: Vec<Specialty>,
    ) -> Certificate {
        let unit = if registration.elsewhere { &self.other } else { &self.unit };
        let constructor =
            matches!(registration.qualification, Qualification::Constructor1 | Qualification::Constructor2);
        let serial = format!("{:010}", registration.serial);
        let images = self.generator.photos.len();
        Certificate {
            certificate_id: format!("cert-{serial}"),
            version,
            status,
            qualification: registration.qualification,
            registration_number: registration.number.clone(),
            seal_check_code: constructor.then(|| format!("{:02}", self.rng.random_range(0..100))),
            holder_name: self.person.name.clone(),
            sex: self.person.sex,
            birth_date: self.person.birth_date,
            id_type: self.person.id_type.clone(),
            id_number: self.person.id_number.clone(),
            unit_name: unit.name.clone(),
            unit_credit_code: unit.credit_code.clone(),
            issued_on: specialties.iter().map(|s| s.valid_from).max().unwrap_or(self.as_of()),
            specialties,
            issuer: registration.issuer.0.clone(),
            licence_id: licence_id(registration.qualification, &registration.issuer.1, &serial, version),
            photo_png: self.generator.photos[self.index % images].clone(),
            signature_png: self.generator.signatures[(self.index / images) % images].clone(),
        }
    }

    /// Picks one to three specialties whose periods started at staggered days, each with more
    /// than 90 days to run.
    fn regular_specialties(&mut self, pool: &[&str]) -> Vec<Specialty> {
        let count = match self.rng.random_range(0..10) {
            0..=5 => 1,
            6..=8 => 2,
            _ => 3,
        };
        let names: Vec<&str> = pool.choose_multiple(&mut self.rng, count.min(pool.len())).copied().collect();
        names
            .into_iter()
            .map(|name| {
                let age = Days::new(self.rng.random_range(0..=REGULAR_PERIOD_AGE_DAYS));
                let valid_from = self.as_of().checked_sub_days(age).unwrap_or(self.as_of());
                Specialty { name: name.to_owned(), valid_from, valid_to: period_end(valid_from) }
            })
            .collect()
    }

    /// Picks the main certificate's current specialties and plants the case's expiry. For C08
    /// every period has ended, unless the holder is over 65 instead. For C09 one ends in 15 to
    /// 89 days. For C10 one ends within 14 days, so every exported copy's usage period does too.
    fn current_specialties(&mut self, pool: &[&str]) -> Vec<Specialty> {
        let mut specialties = self.regular_specialties(pool);
        let as_of = self.as_of();
        match self.case {
            Case::Finding(FindingCode::C08) if !self.over_65 => {
                for specialty in &mut specialties {
                    let ago = Days::new(self.rng.random_range(1..=400));
                    end_on(specialty, as_of.checked_sub_days(ago).unwrap_or(as_of));
                }
            }
            Case::Finding(code @ (FindingCode::C09 | FindingCode::C10)) => {
                let ahead = if code == FindingCode::C09 { 15..=89 } else { 0..=13 };
                let valid_to = as_of.checked_add_days(Days::new(self.rng.random_range(ahead))).unwrap_or(as_of);
                if let Some(first) = specialties.first_mut() {
                    end_on(first, valid_to);
                }
            }
            _ => {}
        }
        specialties
    }

    /// Adds the continuing-education hours of each current specialty: full, or short for C11.
    fn education(&mut self, specialties: &[Specialty], batch: &mut RecordBatch) {
        let short = self.is(FindingCode::C11);
        for specialty in specialties {
            batch.continuing_education.push(ContinuingEducation {
                id_number: self.person.id_number.clone(),
                specialty: specialty.name.clone(),
                period_start: specialty.valid_from,
                period_end: specialty.valid_to,
                compulsory_hours: if short { self.rng.random_range(0..COMPULSORY_HOURS) } else { COMPULSORY_HOURS },
                elective_hours: if short {
                    self.rng.random_range(0..ELECTIVE_HOURS)
                } else {
                    ELECTIVE_HOURS + self.rng.random_range(0..20)
                },
            });
        }
    }

    /// Adds social-security and housing-fund months, every month paid by the unit, with these
    /// exceptions. For C02 and the exemptions the other unit pays social security. For C03 the
    /// other unit also pays the last 3 months. For C04 payments stop 6 months before the end.
    /// For C05 the other unit pays the housing fund.
    fn payments(&self, batch: &mut RecordBatch) {
        let months = &self.generator.months;
        let recent = months.len().saturating_sub(3);
        let stopped = months.len().saturating_sub(6);
        let (own, other) = (&self.unit.credit_code, &self.other.credit_code);
        let pay = |target: &mut Vec<PaymentMonth>, unit: &str, months: &[YearMonth]| {
            target.extend(months.iter().map(|month| PaymentMonth {
                id_number: self.person.id_number.clone(),
                unit_credit_code: unit.to_owned(),
                month: *month,
            }));
        };
        match self.case {
            Case::Finding(FindingCode::C02) | Case::Exemption(_) => pay(&mut batch.social_security, other, months),
            Case::Finding(FindingCode::C03) => {
                pay(&mut batch.social_security, own, months);
                pay(&mut batch.social_security, other, &months[recent..]);
            }
            Case::Finding(FindingCode::C04) => pay(&mut batch.social_security, own, &months[..stopped]),
            _ => pay(&mut batch.social_security, own, months),
        }
        let fund_payer = if self.is(FindingCode::C05) { other } else { own };
        pay(&mut batch.housing_fund, fund_payer, months);
    }

    /// Adds the 安管 B certificate, registered in the other unit for C06.
    fn safety_certificate(&mut self, batch: &mut RecordBatch) {
        let year = self.rng.random_range(2021..2025);
        let unit = if self.is(FindingCode::C06) { &self.other } else { &self.unit };
        let abbreviation = DISTRICTS[self.district()].2;
        batch.safety_certificates.push(SafetyCertificate {
            certificate_number: format!("{abbreviation}建安B({year}){:07}", self.index),
            id_number: self.person.id_number.clone(),
            category: SafetyCategory::B,
            unit_credit_code: unit.credit_code.clone(),
            status: SafetyStatus::Valid,
            valid_to: date(year + 3, self.rng.random_range(1..13), self.rng.random_range(1..29)),
        });
    }

    /// Adds the projects the holder manages: two in progress for C07; otherwise sometimes one
    /// in progress, one completed, or two adjacent sections of one project (an allowed exception).
    fn projects(&mut self, batch: &mut RecordBatch) {
        let roll = self.rng.random_range(0..100);
        let parent = format!("PRJ-{:09}", self.index * 4 + 3);
        let plan: &[(ProjectStatus, Option<&str>)] = if self.is(FindingCode::C07) {
            &[(ProjectStatus::InProgress, None), (ProjectStatus::InProgress, None)]
        } else {
            match roll {
                0..15 => &[(ProjectStatus::InProgress, None)],
                15..30 => &[(ProjectStatus::Completed, None)],
                30..32 => &[(ProjectStatus::InProgress, Some("")), (ProjectStatus::InProgress, Some(""))],
                _ => &[],
            }
        };
        for (k, (status, section_of)) in plan.iter().enumerate() {
            let started_on = identity::day_between(&mut self.rng, date(2022, 1, 1), date(2026, 6, 30));
            let completed_on = (*status == ProjectStatus::Completed)
                .then(|| started_on.checked_add_days(Days::new(self.rng.random_range(120..700))))
                .flatten()
                .filter(|day| *day < self.as_of());
            let city = DISTRICTS[self.district()].1;
            let name = PROJECT_NAMES.choose(&mut self.rng).copied().unwrap_or("教学楼");
            let name = match section_of {
                Some(_) => format!("{city}{name}工程第{}标段", k + 1),
                None => format!("{city}{name}工程"),
            };
            batch.projects.push(Project {
                project_id: format!("PRJ-{:09}", self.index * 4 + k),
                name,
                contractor_credit_code: self.unit.credit_code.clone(),
                manager_id_number: self.person.id_number.clone(),
                status: if completed_on.is_some() { ProjectStatus::Completed } else { ProjectStatus::InProgress },
                started_on,
                completed_on,
                contract_accepted_on: completed_on,
                parent_project_id: section_of.map(|_| parent.clone()),
                stoppages: Vec::new(),
            });
        }
    }

    /// Adds a professional title to half the holders.
    fn title(&mut self, batch: &mut RecordBatch) {
        if !self.rng.random_bool(0.5) {
            return;
        }
        let (title, level) =
            if self.rng.random_bool(0.4) { ("高级工程师", "副高级") } else { ("工程师", "中级") };
        let province = DISTRICTS[self.district()].1;
        batch.titles.push(ProfessionalTitle {
            id_number: self.person.id_number.clone(),
            title: title.to_owned(),
            level: level.to_owned(),
            issuer: format!("{province}市人力资源和社会保障局"),
            issued_on: identity::day_between(&mut self.rng, date(2008, 1, 1), date(2025, 12, 31)),
        });
    }

    /// Adds the exemption record of an exemption case.
    fn exemption(&mut self, batch: &mut RecordBatch) {
        let Case::Exemption(kind) = self.case else { return };
        batch.exemptions.push(Exemption {
            exemption_id: format!("EXM-{:07}", self.index),
            id_number: self.person.id_number.clone(),
            kind,
            evidence_file: format!("{}-{:07}.pdf", kind.code(), self.index),
            note: String::new(),
            recorded_on: identity::day_between(&mut self.rng, date(2025, 1, 1), date(2026, 10, 31)),
        });
    }

    /// Adds three approved changes within the last 12 months for C12, and an old approved
    /// renewal for one holder in ten.
    fn applications(&mut self, batch: &mut RecordBatch) {
        let changes: &[(ApplicationKind, NaiveDate)] = if self.is(FindingCode::C12) {
            &[
                (ApplicationKind::ChangeOther, date(2026, 2, 5)),
                (ApplicationKind::AddSpecialty, date(2026, 6, 5)),
                (ApplicationKind::ChangeOther, date(2026, 10, 5)),
            ]
        } else if self.rng.random_bool(0.1) {
            &[(ApplicationKind::Renewal, date(2024, 3, 5))]
        } else {
            &[]
        };
        for (k, (kind, created_on)) in changes.iter().enumerate() {
            let approved_on =
                created_on.checked_add_days(Days::new(self.rng.random_range(5..30))).unwrap_or(*created_on);
            batch.applications.push(ChangeApplication {
                application_id: format!("APP-{:07}-{k}", self.index),
                id_number: self.person.id_number.clone(),
                kind: *kind,
                state: ApplicationState::Approved,
                unit_credit_code: self.unit.credit_code.clone(),
                qualification: Qualification::Constructor1,
                created_on: *created_on,
                history: vec![
                    ApplicationEvent {
                        happened_on: *created_on,
                        state: ApplicationState::Submitted,
                        note: String::new(),
                    },
                    ApplicationEvent {
                        happened_on: approved_on,
                        state: ApplicationState::Approved,
                        note: String::new(),
                    },
                ],
                corrections: Vec::new(),
            });
        }
    }
}

/// Moves a specialty's 3-year period so that it ends on `valid_to`.
fn end_on(specialty: &mut Specialty, valid_to: NaiveDate) {
    specialty.valid_to = valid_to;
    specialty.valid_from = add_years(valid_to.succ_opt().unwrap_or(valid_to), -3);
}
