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

/// Why CSV files could not be written.
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

    #[expect(clippy::too_many_lines, reason = "one flat block per table, in the order of CSV_TABLES")]
    fn rows(&mut self, batch: &RecordBatch, person_ids: &HashMap<&str, i64>) -> Result<(), CsvError> {
        let person =
            |id_number: &str| person_ids.get(id_number).map(ToString::to_string).ok_or(CsvError::UnknownPerson);
        let engine = base64::engine::general_purpose::STANDARD;
        let [
            units,
            persons,
            certificates,
            specialties,
            social_security,
            housing_fund,
            safety,
            projects,
            stoppages,
            education,
            titles,
            exemptions,
            applications,
            events,
        ] = &mut self.writers[..]
        else {
            return Ok(());
        };
        let folder = &self.folder;
        let at = |table: usize| move |source: csv::Error| table_error(folder, table, source);
        for unit in &batch.units {
            units.write_record([&unit.credit_code, &unit.name, &unit.region_code]).map_err(at(0))?;
        }
        for record in &batch.persons {
            let row = [
                person(&record.id_number)?,
                record.id_type.clone(),
                record.id_number.clone(),
                record.name.clone(),
                sex_code(record.sex).to_owned(),
                day(record.birth_date),
            ];
            persons.write_record(&row).map_err(at(1))?;
        }
        for c in &batch.certificates {
            let row = [
                c.certificate_id.clone(),
                c.version.to_string(),
                c.status.code().to_owned(),
                c.qualification.code().to_owned(),
                c.registration_number.clone(),
                c.seal_check_code.clone().unwrap_or_default(),
                person(&c.id_number)?,
                c.unit_credit_code.clone(),
                c.issuer.clone(),
                day(c.issued_on),
                c.licence_id.clone(),
                engine.encode(&c.photo_png),
                engine.encode(&c.signature_png),
            ];
            certificates.write_record(&row).map_err(at(2))?;
            for (position, s) in c.specialties.iter().enumerate() {
                let row = [
                    c.certificate_id.clone(),
                    c.version.to_string(),
                    position.to_string(),
                    s.name.clone(),
                    day(s.valid_from),
                    day(s.valid_to),
                ];
                specialties.write_record(&row).map_err(at(3))?;
            }
        }
        for (writer, table, months) in
            [(social_security, 4, &batch.social_security), (housing_fund, 5, &batch.housing_fund)]
        {
            for m in months {
                let row =
                    [person(&m.id_number)?, m.unit_credit_code.clone(), m.month.to_string(), "platform".to_owned()];
                writer.write_record(&row).map_err(at(table))?;
            }
        }
        for s in &batch.safety_certificates {
            let row = [
                s.certificate_number.clone(),
                person(&s.id_number)?,
                category_code(s.category).to_owned(),
                s.unit_credit_code.clone(),
                s.status.code().to_owned(),
                day(s.valid_to),
            ];
            safety.write_record(&row).map_err(at(6))?;
        }
        for p in &batch.projects {
            let row = [
                p.project_id.clone(),
                p.name.clone(),
                p.contractor_credit_code.clone(),
                person(&p.manager_id_number)?,
                p.status.code().to_owned(),
                day(p.started_on),
                p.completed_on.map(day).unwrap_or_default(),
                p.contract_accepted_on.map(day).unwrap_or_default(),
                p.parent_project_id.clone().unwrap_or_default(),
            ];
            projects.write_record(&row).map_err(at(7))?;
            for stop in &p.stoppages {
                let row = [
                    p.project_id.clone(),
                    day(stop.stopped_on),
                    stop.resumed_on.map(day).unwrap_or_default(),
                    u8::from(stop.contractor_caused).to_string(),
                    u8::from(stop.client_consent).to_string(),
                ];
                stoppages.write_record(&row).map_err(at(8))?;
            }
        }
        for e in &batch.continuing_education {
            let row = [
                person(&e.id_number)?,
                e.specialty.clone(),
                day(e.period_start),
                day(e.period_end),
                e.compulsory_hours.to_string(),
                e.elective_hours.to_string(),
            ];
            education.write_record(&row).map_err(at(9))?;
        }
        for t in &batch.titles {
            let row = [person(&t.id_number)?, t.title.clone(), t.level.clone(), t.issuer.clone(), day(t.issued_on)];
            titles.write_record(&row).map_err(at(10))?;
        }
        for x in &batch.exemptions {
            let row = [
                x.exemption_id.clone(),
                person(&x.id_number)?,
                x.kind.code().to_owned(),
                x.evidence_file.clone(),
                x.note.clone(),
                day(x.recorded_on),
            ];
            exemptions.write_record(&row).map_err(at(11))?;
        }
        for a in &batch.applications {
            let row = [
                a.application_id.clone(),
                person(&a.id_number)?,
                a.kind.code().to_owned(),
                a.state.code().to_owned(),
                a.unit_credit_code.clone(),
                a.qualification.code().to_owned(),
                day(a.created_on),
            ];
            applications.write_record(&row).map_err(at(12))?;
            for (sequence, event) in a.history.iter().enumerate() {
                let row = [
                    a.application_id.clone(),
                    sequence.to_string(),
                    day(event.happened_on),
                    event.state.code().to_owned(),
                    event.note.clone(),
                ];
                events.write_record(&row).map_err(at(13))?;
            }
        }
        Ok(())
    }
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
        self.rows(batch, &person_ids)
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
