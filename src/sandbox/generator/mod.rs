//! Deterministic, streaming generation of sandbox data from one holder to national size.
//!
//! Holder `i`'s records depend only on the seed and `i`, so holders are generated in chunks on
//! several threads and handed to a [`RecordSink`] in a fixed order, batch by batch. Memory stays
//! bounded by a few batches whatever the number of holders. A configurable share of holders
//! carries each compliance finding C01–C12 and each of the six exemptions (see [`Case`]).
//!
//! Every identifier is standard-valid and unique within one generated data set: ID numbers,
//! credit codes, registration numbers and licence identifiers are derived from the holder's or
//! the unit's index through bijections, not drawn at random.

mod csv;
mod holder;
mod identity;

pub use self::csv::{CSV_TABLES, CsvError, CsvSink};
use std::convert::Infallible;
use std::sync::{OnceLock, mpsc};

use chrono::NaiveDate;
use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;

use super::dataset::Dataset;
use super::images;
use super::sample::Account;
use crate::domain::batch::{RecordBatch, RecordSink};
use crate::domain::records::{ExemptionKind, YearMonth};
use crate::platform::wire::Role;

/// 2026-12-04: the day generated data is as of. Validity windows, ages and payment months are
/// laid out relative to it, the same day the demo data uses.
pub const AS_OF: (i32, u32, u32) = (2026, 12, 4);

/// Number of pre-rendered photos, and of signatures, shared by all generated certificates.
const SHARED_IMAGES: usize = 8;

/// The shared photos and signatures, rendered once per process. They do not depend on the seed,
/// so generators for many seeds (as in the property tests) render them only once.
static SHARED: OnceLock<SharedImages> = OnceLock::new();

struct SharedImages {
    photos: Vec<Vec<u8>>,
    signatures: Vec<Vec<u8>>,
}

impl SharedImages {
    fn render() -> Self {
        let mut rng = ChaCha8Rng::from_seed(stream_seed(0, *b"images", 0));
        let photos = (0..SHARED_IMAGES).map(|_| images::photo(&mut rng)).collect();
        let signatures = (0..SHARED_IMAGES).map(|_| images::signature(&mut rng)).collect();
        Self { photos, signatures }
    }
}

/// How much data to generate and how much of it is irregular.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratorConfig {
    /// Number of certificate holders (persons).
    pub holders: usize,
    /// Number of units; at least 2, so that findings can name a second unit.
    pub units: usize,
    /// Months of social-security and housing-fund history per holder, ending 2026-11.
    pub months: usize,
    /// Seed; the same seed and sizes always give the same records.
    pub seed: u64,
    /// Share of holders given each planted case (each of the 12 findings and 6 exemptions), from
    /// 0 to 1/18. A share of 0.01 plants every case on about 1% of holders, 18% in all.
    pub anomaly_share: f64,
    /// Worker threads generating holders; the sink runs on the calling thread.
    pub threads: usize,
    /// Holders per batch handed to the sink.
    pub batch_holders: usize,
}

impl GeneratorConfig {
    /// 600,000 holders: about the number of registered 一级 constructors in China, which gives
    /// about 1.2 million certificate versions and 7.2 million social-security months.
    pub const NATIONAL_HOLDERS: usize = 600_000;

    /// Returns a configuration for a number of holders with one unit per 20 holders, 12 months
    /// of history and 1% of holders per planted case.
    pub fn with_holders(holders: usize, seed: u64) -> Self {
        Self {
            holders,
            units: (holders / 20).max(2),
            months: 12,
            seed,
            anomaly_share: 0.01,
            threads: 2,
            batch_holders: 2_000,
        }
    }

    /// Returns the configuration of the national-scale data set.
    pub fn national(seed: u64) -> Self {
        Self::with_holders(Self::NATIONAL_HOLDERS, seed)
    }
}

/// The compliance finding codes, shared with the rules that raise them.
pub use crate::domain::compliance::FindingCode;

/// The irregularity planted in one holder's records, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    /// Registration, social security, housing fund and 安管 B all in one unit; nothing due soon.
    Regular,
    /// Records that should raise one finding.
    Finding(FindingCode),
    /// Social security paid by another unit, explained by a recorded exemption.
    Exemption(ExemptionKind),
}

impl Case {
    /// The 18 planted cases, in the order shares are assigned.
    pub const PLANTED: [Self; 18] = [
        Self::Finding(FindingCode::C01),
        Self::Finding(FindingCode::C02),
        Self::Finding(FindingCode::C03),
        Self::Finding(FindingCode::C04),
        Self::Finding(FindingCode::C05),
        Self::Finding(FindingCode::C06),
        Self::Finding(FindingCode::C07),
        Self::Finding(FindingCode::C08),
        Self::Finding(FindingCode::C09),
        Self::Finding(FindingCode::C10),
        Self::Finding(FindingCode::C11),
        Self::Finding(FindingCode::C12),
        Self::Exemption(ExemptionKind::Retired),
        Self::Exemption(ExemptionKind::PublicInstitution),
        Self::Exemption(ExemptionKind::UniversityConsulting),
        Self::Exemption(ExemptionKind::DemobilisedMilitary),
        Self::Exemption(ExemptionKind::InsuranceBoughtOut),
        Self::Exemption(ExemptionKind::OtherLegalBasis),
    ];
}

/// A generator for one configuration: the shared images, the issuers and the payment months.
pub struct Generator {
    config: GeneratorConfig,
    as_of: NaiveDate,
    months: Vec<YearMonth>,
    photos: &'static [Vec<u8>],
    signatures: &'static [Vec<u8>],
    boards: identity::Boards,
}

impl Generator {
    /// Prepares a generator. Sizes are brought into range: at least 2 units, a share of at most
    /// 1/18, at least one thread and one holder per batch.
    pub fn new(config: &GeneratorConfig) -> Self {
        let mut config = config.clone();
        config.units = config.units.max(2);
        config.threads = config.threads.max(1);
        config.batch_holders = config.batch_holders.max(1);
        config.anomaly_share = config.anomaly_share.clamp(0.0, 1.0 / 18.0);
        let shared = SHARED.get_or_init(SharedImages::render);
        Self {
            as_of: super::sample::date(AS_OF.0, AS_OF.1, AS_OF.2),
            months: super::sample::last_months(config.months),
            photos: &shared.photos,
            signatures: &shared.signatures,
            boards: identity::Boards::new(),
            config,
        }
    }

    /// Returns the configuration in use, after bringing sizes into range.
    pub fn config(&self) -> &GeneratorConfig {
        &self.config
    }

    /// Returns the case planted in a holder's records.
    pub fn case_of(&self, holder: usize) -> Case {
        holder::case(&mut self.holder_rng(holder), self.config.anomaly_share)
    }

    /// Appends one holder's records (person, certificates and everything around them) to a batch.
    pub fn add_holder(&self, holder: usize, batch: &mut RecordBatch) {
        holder::add(self, holder, batch);
    }

    /// Appends one unit to a batch.
    pub fn add_unit(&self, unit: usize, batch: &mut RecordBatch) {
        batch.units.push(identity::unit(self.config.seed, unit));
    }

    /// Returns the two accounts of generated data: holder 0, and the unit holder 0 is
    /// registered in. They use the demo accounts' names and passwords.
    pub fn accounts(&self) -> Vec<Account> {
        let mut batch = RecordBatch::default();
        self.add_holder(0, &mut batch);
        let (Some(person), Some(certificate)) = (batch.persons.first(), batch.certificates.first()) else {
            return Vec::new();
        };
        vec![
            Account {
                role: Role::Holder,
                account: "demo-holder".to_owned(),
                password: "sandbox-holder-2026".to_owned(),
                display_name: person.name.clone(),
                scope: person.id_number.clone(),
            },
            Account {
                role: Role::Unit,
                account: "demo-unit".to_owned(),
                password: "sandbox-unit-2026".to_owned(),
                display_name: certificate.unit_name.clone(),
                scope: certificate.unit_credit_code.clone(),
            },
        ]
    }

    /// Generates every unit, then every holder, handing batches to the sink in order. Holders
    /// are generated on the configured number of threads while the sink writes on this one.
    pub fn run<S: RecordSink>(&self, sink: &mut S) -> Result<(), S::Error> {
        self.run_units(sink)?;
        let batch_holders = self.config.batch_holders;
        let chunks = self.config.holders.div_ceil(batch_holders);
        let threads = self.config.threads.min(chunks.max(1));
        std::thread::scope(|scope| {
            let mut receivers = Vec::with_capacity(threads);
            for worker in 0..threads {
                // Two batches in flight per worker bound the memory whatever the sink's speed.
                let (sender, receiver) = mpsc::sync_channel::<RecordBatch>(2);
                receivers.push(receiver);
                scope.spawn(move || {
                    for chunk in (worker..chunks).step_by(threads) {
                        let first = chunk * batch_holders;
                        let last = (first + batch_holders).min(self.config.holders);
                        let mut batch = RecordBatch::default();
                        for holder in first..last {
                            self.add_holder(holder, &mut batch);
                        }
                        if sender.send(batch).is_err() {
                            return;
                        }
                    }
                });
            }
            let written = (0..chunks).try_for_each(|chunk| match receivers[chunk % threads].recv() {
                Ok(batch) => sink.write(&batch),
                // The worker panicked; the scope re-raises its panic when it ends.
                Err(mpsc::RecvError) => Ok(()),
            });
            drop(receivers);
            written
        })
    }

    fn run_units<S: RecordSink>(&self, sink: &mut S) -> Result<(), S::Error> {
        let mut batch = RecordBatch::default();
        for unit in 0..self.config.units {
            self.add_unit(unit, &mut batch);
            if batch.units.len() == self.config.batch_holders * 10 {
                sink.write(&batch)?;
                batch.units.clear();
            }
        }
        if batch.is_empty() { Ok(()) } else { sink.write(&batch) }
    }

    fn holder_rng(&self, holder: usize) -> ChaCha8Rng {
        ChaCha8Rng::from_seed(stream_seed(self.config.seed, *b"holder", holder))
    }
}

/// Generates a whole data set in memory, with the two accounts of [`Generator::accounts`].
/// Meant for the sandbox and tests at small sizes.
pub fn dataset(config: &GeneratorConfig) -> Dataset {
    let generator = Generator::new(config);
    let mut data = Dataset::default();
    let Ok(()) = generator.run(&mut data);
    data.accounts = generator.accounts();
    data
}

/// Builds the `ChaCha` seed of one stream: the data set's seed, what the stream is for and an
/// index. Distinct streams never share a seed, so holder `i` does not depend on holder `i - 1`.
fn stream_seed(seed: u64, purpose: [u8; 6], index: usize) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&(index as u64).to_le_bytes());
    bytes[16..22].copy_from_slice(&purpose);
    bytes
}

impl RecordSink for Dataset {
    type Error = Infallible;

    fn write(&mut self, batch: &RecordBatch) -> Result<(), Infallible> {
        self.units.extend_from_slice(&batch.units);
        self.persons.extend_from_slice(&batch.persons);
        self.certificates.extend_from_slice(&batch.certificates);
        self.social_security.extend_from_slice(&batch.social_security);
        self.housing_fund.extend_from_slice(&batch.housing_fund);
        self.safety_certificates.extend_from_slice(&batch.safety_certificates);
        self.projects.extend_from_slice(&batch.projects);
        self.continuing_education.extend_from_slice(&batch.continuing_education);
        self.titles.extend_from_slice(&batch.titles);
        self.exemptions.extend_from_slice(&batch.exemptions);
        self.applications.extend_from_slice(&batch.applications);
        Ok(())
    }
}

/// A sink that only counts records per listing, to time generation alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordCounts {
    /// Units.
    pub units: u64,
    /// Persons.
    pub persons: u64,
    /// Certificate versions.
    pub certificates: u64,
    /// Specialties inside certificate versions.
    pub specialties: u64,
    /// Social-security months.
    pub social_security: u64,
    /// Housing-fund months.
    pub housing_fund: u64,
    /// Every other record (安管 certificates, projects, education, titles, exemptions,
    /// applications).
    pub other: u64,
}

impl RecordCounts {
    /// Counts every record, specialties included.
    pub fn total(&self) -> u64 {
        self.units
            + self.persons
            + self.certificates
            + self.specialties
            + self.social_security
            + self.housing_fund
            + self.other
    }
}

impl RecordSink for RecordCounts {
    type Error = Infallible;

    fn write(&mut self, batch: &RecordBatch) -> Result<(), Infallible> {
        let count = |n: usize| n as u64;
        self.units += count(batch.units.len());
        self.persons += count(batch.persons.len());
        self.certificates += count(batch.certificates.len());
        self.specialties += batch.certificates.iter().map(|c| count(c.specialties.len())).sum::<u64>();
        self.social_security += count(batch.social_security.len());
        self.housing_fund += count(batch.housing_fund.len());
        self.other += count(
            batch.safety_certificates.len()
                + batch.projects.len()
                + batch.continuing_education.len()
                + batch.titles.len()
                + batch.exemptions.len()
                + batch.applications.len(),
        );
        Ok(())
    }
}

#[cfg(test)]
#[expect(clippy::cast_precision_loss, reason = "record counts in tests are far below 2^52")]
mod tests;
