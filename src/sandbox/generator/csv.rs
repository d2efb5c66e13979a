//! A sink that writes generated records as CSV files, one per cache table with the table's
//! columns, so the `sqlite3` shell can `.import` the same rows as a reference for bulk loads.
//!
//! Persons get row ids 1, 2, 3… in the order they arrive, which is the order a fresh cache
//! assigns them. SQL NULL is written as an empty field, and images as standard base64 text.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use base64::Engine as _;

use crate::domain::Sex;
use crate::domain::batch::{RecordBatch, RecordSink};
use crate::domain::records::SafetyCategory;

/// The tables written, with their columns in the order of the cache schema.
pub const CSV_TABLES: [(&str, &[&str]); 14] = [
    ("units", &["credit_code", "name", "region_code"]),
    ("persons", &["person_id", "id_type", "id_number", "name", "sex", "birth_date"]),
    (
        "certificates",
        &[
            "certificate_id",
            "version",
            "status",
            "qualification",
            "registration_number",
            "seal_check_code",
            "person_id",
            "unit_credit_code",
            "issuer",
            "issued_on",
            "licence_id",
            "photo_png",
            "signature_png",
        ],
    ),
    ("specialties", &["certificate_id", "version", "position", "name", "valid_from", "valid_to"]),
    ("social_security_months", &["person_id", "unit_credit_code", "month", "source"]),
    ("housing_fund_months", &["person_id", "unit_credit_code", "month", "source"]),
    (
        "safety_certificates",
        &["certificate_number", "person_id", "category", "unit_credit_code", "status_code", "valid_to"],
    ),
    (
        "projects",
        &[
            "project_id",
            "name",
            "contractor_credit_code",
            "manager_person_id",
            "status",
            "started_on",
            "completed_on",
            "contract_accepted_on",
            "parent_project_id",
        ],
    ),
    ("project_stoppages", &["project_id", "stopped_on", "resumed_on", "contractor_caused", "client_consent"]),
    (
        "continuing_education",
        &["person_id", "specialty", "period_start", "period_end", "compulsory_hours", "elective_hours"],
    ),
    ("professional_titles", &["person_id", "title", "level", "issuer", "issued_on"]),
    ("exemptions", &["exemption_id", "person_id", "kind", "evidence_file", "note", "recorded_on"]),
    (
        "change_applications",
        &["application_id", "person_id", "kind", "state", "unit_credit_code", "qualification", "created_on"],
    ),
    ("application_events", &["application_id", "sequence", "happened_on", "state", "note"]),
];

/// An error writing the CSV files.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// A file could not be created or written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The error from the CSV writer.
        source: csv::Error,
    },
    /// A record names a person that no earlier batch carried.
    #[error("a record names a person missing from the data set")]
    UnknownPerson,
}

/// Positions of the tables in [`CSV_TABLES`].
const UNITS: usize = 0;
const PERSONS: usize = 1;
const CERTIFICATES: usize = 2;
const SPECIALTIES: usize = 3;
const SOCIAL_SECURITY: usize = 4;
const HOUSING_FUND: usize = 5;
const SAFETY_CERTIFICATES: usize = 6;
const PROJECTS: usize = 7;
const PROJECT_STOPPAGES: usize = 8;
const CONTINUING_EDUCATION: usize = 9;
const PROFESSIONAL_TITLES: usize = 10;
const EXEMPTIONS: usize = 11;
const CHANGE_APPLICATIONS: usize = 12;
const APPLICATION_EVENTS: usize = 13;

/// Writes `TABLE.csv` files with a header row into a folder.
pub struct CsvSink {
    folder: PathBuf,
    writers: Vec<csv::Writer<BufWriter<File>>>,
    next_person_id: i64,
}

impl CsvSink {
    /// Creates (or truncates) one file per table in an existing folder and writes the headers.
    pub fn create(folder: &Path) -> Result<Self, CsvError> {
        let mut writers = Vec::with_capacity(CSV_TABLES.len());
        for (table, columns) in CSV_TABLES {
            let path = folder.join(format!("{table}.csv"));
            let error = |source| CsvError::Write { path: path.clone(), source };
            let file = File::create(&path).map_err(|e| error(e.into()))?;
            let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
            writer.write_record(columns).map_err(error)?;
            writers.push(writer);
        }
        Ok(Self { folder: folder.to_path_buf(), writers, next_person_id: 1 })
    }

    /// Flushes every file.
    pub fn finish(mut self) -> Result<(), CsvError> {
        for (table, writer) in self.writers.iter_mut().enumerate() {
            writer.flush().map_err(|e| table_error(&self.folder, table, e.into()))?;
        }
        Ok(())
    }

    /// Writes one row into the file of `CSV_TABLES[table]`.
    fn put<const N: usize>(&mut self, table: usize, row: &[String; N]) -> Result<(), CsvError> {
        self.writers[table].write_record(row).map_err(|source| table_error(&self.folder, table, source))
    }

    fn units_and_persons(&mut self, batch: &RecordBatch, person_ids: &HashMap<&str, i64>) -> Result<(), CsvError> {
        for unit in &batch.units {
            self.put(UNITS, &[unit.credit_code.clone(), unit.name.clone(), unit.region_code.clone()])?;
        }
        for person in &batch.persons {
            let row = [
                person_id(person_ids, &person.id_number)?,
                person.id_type.clone(),
                person.id_number.clone(),
                person.name.clone(),
                sex_code(person.sex).to_owned(),
                day(person.birth_date),
            ];
            self.put(PERSONS, &row)?;
        }
        Ok(())
    }

    fn certificates(&mut self, batch: &RecordBatch, person_ids: &HashMap<&str, i64>) -> Result<(), CsvError> {
        let engine = base64::engine::general_purpose::STANDARD;
        for certificate in &batch.certificates {
            let row = [
                certificate.certificate_id.clone(),
                certificate.version.to_string(),
                certificate.status.code().to_owned(),
                certificate.qualification.code().to_owned(),
                certificate.registration_number.clone(),
                certificate.seal_check_code.clone().unwrap_or_default(),
                person_id(person_ids, &certificate.id_number)?,
                certificate.unit_credit_code.clone(),
                certificate.issuer.clone(),
                day(certificate.issued_on),
                certificate.licence_id.clone(),
                engine.encode(&certificate.photo_png),
                engine.encode(&certificate.signature_png),
            ];
            self.put(CERTIFICATES, &row)?;
            for (position, specialty) in certificate.specialties.iter().enumerate() {
                let row = [
                    certificate.certificate_id.clone(),
                    certificate.version.to_string(),
                    position.to_string(),
                    specialty.name.clone(),
                    day(specialty.valid_from),
                    day(specialty.valid_to),
                ];
                self.put(SPECIALTIES, &row)?;
            }
        }
        Ok(())
    }

    fn payments(&mut self, batch: &RecordBatch, person_ids: &HashMap<&str, i64>) -> Result<(), CsvError> {
        for (table, months) in [(SOCIAL_SECURITY, &batch.social_security), (HOUSING_FUND, &batch.housing_fund)] {
            for month in months {
                let row = [
                    person_id(person_ids, &month.id_number)?,
                    month.unit_credit_code.clone(),
                    month.month.to_string(),
                    "platform".to_owned(),
                ];
                self.put(table, &row)?;
            }
        }
        for certificate in &batch.safety_certificates {
            let row = [
                certificate.certificate_number.clone(),
                person_id(person_ids, &certificate.id_number)?,
                category_code(certificate.category).to_owned(),
                certificate.unit_credit_code.clone(),
                certificate.status.code().to_owned(),
                day(certificate.valid_to),
            ];
            self.put(SAFETY_CERTIFICATES, &row)?;
        }
        Ok(())
    }

    fn projects(&mut self, batch: &RecordBatch, person_ids: &HashMap<&str, i64>) -> Result<(), CsvError> {
        for project in &batch.projects {
            let row = [
                project.project_id.clone(),
                project.name.clone(),
                project.contractor_credit_code.clone(),
                person_id(person_ids, &project.manager_id_number)?,
                project.status.code().to_owned(),
                day(project.started_on),
                project.completed_on.map(day).unwrap_or_default(),
                project.contract_accepted_on.map(day).unwrap_or_default(),
                project.parent_project_id.clone().unwrap_or_default(),
            ];
            self.put(PROJECTS, &row)?;
            for stoppage in &project.stoppages {
                let row = [
                    project.project_id.clone(),
                    day(stoppage.stopped_on),
                    stoppage.resumed_on.map(day).unwrap_or_default(),
                    u8::from(stoppage.contractor_caused).to_string(),
                    u8::from(stoppage.client_consent).to_string(),
                ];
                self.put(PROJECT_STOPPAGES, &row)?;
            }
        }
        Ok(())
    }

    fn education_titles_exemptions(
        &mut self,
        batch: &RecordBatch,
        person_ids: &HashMap<&str, i64>,
    ) -> Result<(), CsvError> {
        for record in &batch.continuing_education {
            let row = [
                person_id(person_ids, &record.id_number)?,
                record.specialty.clone(),
                day(record.period_start),
                day(record.period_end),
                record.compulsory_hours.to_string(),
                record.elective_hours.to_string(),
            ];
            self.put(CONTINUING_EDUCATION, &row)?;
        }
        for title in &batch.titles {
            let row = [
                person_id(person_ids, &title.id_number)?,
                title.title.clone(),
                title.level.clone(),
                title.issuer.clone(),
                day(title.issued_on),
            ];
            self.put(PROFESSIONAL_TITLES, &row)?;
        }
        for exemption in &batch.exemptions {
            let row = [
                exemption.exemption_id.clone(),
                person_id(person_ids, &exemption.id_number)?,
                exemption.kind.code().to_owned(),
                exemption.evidence_file.clone(),
                exemption.note.clone(),
                day(exemption.recorded_on),
            ];
            self.put(EXEMPTIONS, &row)?;
        }
        Ok(())
    }

    fn applications(&mut self, batch: &RecordBatch, person_ids: &HashMap<&str, i64>) -> Result<(), CsvError> {
        for application in &batch.applications {
            let row = [
                application.application_id.clone(),
                person_id(person_ids, &application.id_number)?,
                application.kind.code().to_owned(),
                application.state.code().to_owned(),
                application.unit_credit_code.clone(),
                application.qualification.code().to_owned(),
                day(application.created_on),
            ];
            self.put(CHANGE_APPLICATIONS, &row)?;
            for (sequence, event) in application.history.iter().enumerate() {
                let row = [
                    application.application_id.clone(),
                    sequence.to_string(),
                    day(event.happened_on),
                    event.state.code().to_owned(),
                    event.note.clone(),
                ];
                self.put(APPLICATION_EVENTS, &row)?;
            }
        }
        Ok(())
    }
}

/// Returns a person's row id as CSV text.
fn person_id(person_ids: &HashMap<&str, i64>, id_number: &str) -> Result<String, CsvError> {
    person_ids.get(id_number).map(ToString::to_string).ok_or(CsvError::UnknownPerson)
}

fn table_error(folder: &Path, table: usize, source: csv::Error) -> CsvError {
    CsvError::Write { path: folder.join(format!("{}.csv", CSV_TABLES[table].0)), source }
}

impl RecordSink for CsvSink {
    type Error = CsvError;

    fn write(&mut self, batch: &RecordBatch) -> Result<(), CsvError> {
        let mut person_ids = HashMap::with_capacity(batch.persons.len());
        for person in &batch.persons {
            person_ids.insert(person.id_number.as_str(), self.next_person_id);
            self.next_person_id += 1;
        }
        self.units_and_persons(batch, &person_ids)?;
        self.certificates(batch, &person_ids)?;
        self.payments(batch, &person_ids)?;
        self.projects(batch, &person_ids)?;
        self.education_titles_exemptions(batch, &person_ids)?;
        self.applications(batch, &person_ids)
    }
}

fn day(date: chrono::NaiveDate) -> String {
    date.to_string()
}

fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

fn category_code(category: SafetyCategory) -> &'static str {
    match category {
        SafetyCategory::A => "A",
        SafetyCategory::B => "B",
        SafetyCategory::C => "C",
    }
}
