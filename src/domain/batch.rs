//! A batch of platform records and the trait of whatever consumes batches (a sink).
//!
//! The data generator hands its output to a [`RecordSink`] one batch at a time, so it never
//! holds a whole national data set in memory. Sinks collect the records into a sandbox data set,
//! write them to the cache or write them as CSV files.

use super::Certificate;
use super::records::{
    ChangeApplication, ContinuingEducation, Exemption, PaymentMonth, Person, ProfessionalTitle, Project,
    SafetyCertificate, Unit,
};

/// Records of every listing, in the order a sync writes them: units and persons before the
/// records that refer to them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordBatch {
    /// Units.
    pub units: Vec<Unit>,
    /// Persons.
    pub persons: Vec<Person>,
    /// Certificate versions, current and superseded.
    pub certificates: Vec<Certificate>,
    /// Social-security months.
    pub social_security: Vec<PaymentMonth>,
    /// Housing-fund months.
    pub housing_fund: Vec<PaymentMonth>,
    /// 安管 certificates.
    pub safety_certificates: Vec<SafetyCertificate>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Continuing-education hours.
    pub continuing_education: Vec<ContinuingEducation>,
    /// Professional titles.
    pub titles: Vec<ProfessionalTitle>,
    /// Exemptions.
    pub exemptions: Vec<Exemption>,
    /// Registration applications.
    pub applications: Vec<ChangeApplication>,
}

impl RecordBatch {
    /// Counts the top-level records (not the specialties, stoppages or events inside them).
    pub fn len(&self) -> usize {
        self.units.len()
            + self.persons.len()
            + self.certificates.len()
            + self.social_security.len()
            + self.housing_fund.len()
            + self.safety_certificates.len()
            + self.projects.len()
            + self.continuing_education.len()
            + self.titles.len()
            + self.exemptions.len()
            + self.applications.len()
    }

    /// Returns true when the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Consumes batches of records in the order they are produced.
pub trait RecordSink {
    /// What a failed write reports.
    type Error;

    /// Takes one batch. The records of a person always arrive in the same batch as the person,
    /// and every unit arrives before any record that names it.
    fn write(&mut self, batch: &RecordBatch) -> Result<(), Self::Error>;
}
