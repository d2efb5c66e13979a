//! Persons, units and the records around certificates in the cache.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use super::{Result, StoreError};
use crate::domain::Sex;
use crate::domain::records::{
    ChangeApplication, ContinuingEducation, Exemption, PaymentKind, PaymentMonth, Person, ProfessionalTitle, Project,
    SafetyCertificate, Unit,
};

/// Where a payment month came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentSource {
    /// Synced from the platform.
    Platform,
    /// Imported from a roster file.
    Import,
}

impl PaymentSource {
    fn code(self) -> &'static str {
        match self {
            Self::Platform => "platform",
            Self::Import => "import",
        }
    }
}

/// Every table that holds synced data, in the order `table_counts` reports them.
pub const TABLES: [&str; 15] = [
    "units",
    "persons",
    "certificates",
    "specialties",
    "social_security_months",
    "housing_fund_months",
    "safety_certificates",
    "projects",
    "project_stoppages",
    "continuing_education",
    "professional_titles",
    "exemptions",
    "change_applications",
    "application_events",
    "sync_state",
];

/// Counts the rows of every data table.
pub fn table_counts(connection: &Connection) -> Result<BTreeMap<&'static str, u64>> {
    let mut counts = BTreeMap::new();
    for table in TABLES {
        let rows: i64 = connection.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?;
        counts.insert(table, u64::try_from(rows).unwrap_or_default());
    }
    Ok(counts)
}

/// Writes a unit, replacing its name and region.
pub fn upsert_unit(transaction: &Transaction<'_>, unit: &Unit) -> Result<()> {
    transaction
        .prepare_cached(
            "INSERT INTO units (credit_code, name, region_code) VALUES (?1, ?2, ?3)
             ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, region_code = excluded.region_code",
        )?
        .execute(params![unit.credit_code, unit.name, unit.region_code])?;
    Ok(())
}

/// Writes a person and returns their row id.
pub fn upsert_person(transaction: &Transaction<'_>, person: &Person) -> Result<i64> {
    Ok(transaction
        .prepare_cached(
            "INSERT INTO persons (id_type, id_number, name, sex, birth_date) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id_type, id_number) DO UPDATE
                 SET name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date
             RETURNING person_id",
        )?
        .query_row(
            params![person.id_type, person.id_number, person.name, sex_code(person.sex), person.birth_date.to_string()],
            |row| row.get(0),
        )?)
}

/// Returns the row id of the person with an ID number, of any document type.
pub fn person_id(connection: &Connection, id_number: &str) -> Result<Option<i64>> {
    Ok(connection
        .prepare_cached("SELECT person_id FROM persons WHERE id_number = ?1 ORDER BY person_id LIMIT 1")?
        .query_row([id_number], |row| row.get(0))
        .optional()?)
}

fn require_person(connection: &Connection, id_number: &str) -> Result<i64> {
    person_id(connection, id_number)?.ok_or_else(|| StoreError::Corrupt {
        column: "persons.id_number (record for an unknown person)",
        value: String::new(),
    })
}

/// Writes one paid month; writing the same month again changes nothing but its source.
pub fn upsert_payment_month(
    transaction: &Transaction<'_>,
    kind: PaymentKind,
    month: &PaymentMonth,
    source: PaymentSource,
) -> Result<()> {
    let person_id = require_person(transaction, &month.id_number)?;
    upsert_payment_month_of_person(transaction, kind, month, source, person_id)
}

/// Same as [`upsert_payment_month`] for a person whose row id is already known, as bulk loads write.
pub fn upsert_payment_month_of_person(
    transaction: &Transaction<'_>,
    kind: PaymentKind,
    month: &PaymentMonth,
    source: PaymentSource,
    person_id: i64,
) -> Result<()> {
    let sql = format!(
        "INSERT INTO {} (person_id, unit_credit_code, month, source) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (person_id, unit_credit_code, month) DO UPDATE SET source = excluded.source",
        super::payments::table(kind)
    );
    transaction.prepare_cached(&sql)?.execute(params![
        person_id,
        month.unit_credit_code,
        month.month.to_string(),
        source.code()
    ])?;
    Ok(())
}

/// Deletes one paid month, as a correction of the platform or of an imported roster does.
/// Returns whether the month was there.
pub fn delete_payment_month(transaction: &Transaction<'_>, kind: PaymentKind, month: &PaymentMonth) -> Result<bool> {
    let person_id = require_person(transaction, &month.id_number)?;
    let sql = format!(
        "DELETE FROM {} WHERE person_id = ?1 AND unit_credit_code = ?2 AND month = ?3",
        super::payments::table(kind)
    );
    let deleted = transaction.prepare_cached(&sql)?.execute(params![
        person_id,
        month.unit_credit_code,
        month.month.to_string()
    ])?;
    Ok(deleted > 0)
}

/// Writes a 安管 certificate.
pub fn upsert_safety_certificate(transaction: &Transaction<'_>, certificate: &SafetyCertificate) -> Result<()> {
    let person_id = require_person(transaction, &certificate.id_number)?;
    upsert_safety_certificate_of_person(transaction, certificate, person_id)
}

/// Same as [`upsert_safety_certificate`] for a person whose row id is already known, as bulk loads write.
pub fn upsert_safety_certificate_of_person(
    transaction: &Transaction<'_>,
    certificate: &SafetyCertificate,
    person_id: i64,
) -> Result<()> {
    let category = match certificate.category {
        crate::domain::records::SafetyCategory::A => "A",
        crate::domain::records::SafetyCategory::B => "B",
        crate::domain::records::SafetyCategory::C => "C",
    };
    transaction
        .prepare_cached(
            "INSERT INTO safety_certificates (certificate_number, person_id, category, unit_credit_code, status_code, valid_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (certificate_number) DO UPDATE SET person_id = excluded.person_id, category = excluded.category,
                 unit_credit_code = excluded.unit_credit_code, status_code = excluded.status_code, valid_to = excluded.valid_to",
        )?
        .execute(params![
            certificate.certificate_number,
            person_id,
            category,
            certificate.unit_credit_code,
            certificate.status.code(),
            certificate.valid_to.to_string(),
        ])?;
    Ok(())
}

/// Writes a project and replaces its stoppages.
pub fn upsert_project(transaction: &Transaction<'_>, project: &Project) -> Result<()> {
    let manager = require_person(transaction, &project.manager_id_number)?;
    upsert_project_of_person(transaction, project, manager)
}

/// Same as [`upsert_project`] for a person whose row id is already known, as bulk loads write.
pub fn upsert_project_of_person(transaction: &Transaction<'_>, project: &Project, manager: i64) -> Result<()> {
    transaction
        .prepare_cached(
            "INSERT INTO projects (project_id, name, contractor_credit_code, manager_person_id, status, started_on,
                 completed_on, contract_accepted_on, parent_project_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (project_id) DO UPDATE SET name = excluded.name,
                 contractor_credit_code = excluded.contractor_credit_code, manager_person_id = excluded.manager_person_id,
                 status = excluded.status, started_on = excluded.started_on, completed_on = excluded.completed_on,
                 contract_accepted_on = excluded.contract_accepted_on, parent_project_id = excluded.parent_project_id",
        )?
        .execute(params![
            project.project_id,
            project.name,
            project.contractor_credit_code,
            manager,
            project.status.code(),
            project.started_on.to_string(),
            project.completed_on.map(|d| d.to_string()),
            project.contract_accepted_on.map(|d| d.to_string()),
            project.parent_project_id,
        ])?;
    transaction
        .prepare_cached("DELETE FROM project_stoppages WHERE project_id = ?1")?
        .execute([&project.project_id])?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO project_stoppages (project_id, stopped_on, resumed_on, contractor_caused, client_consent)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for stoppage in &project.stoppages {
        insert.execute(params![
            project.project_id,
            stoppage.stopped_on.to_string(),
            stoppage.resumed_on.map(|d| d.to_string()),
            stoppage.contractor_caused,
            stoppage.client_consent,
        ])?;
    }
    Ok(())
}

/// Writes continuing-education hours for one period and specialty.
pub fn upsert_continuing_education(transaction: &Transaction<'_>, record: &ContinuingEducation) -> Result<()> {
    let person_id = require_person(transaction, &record.id_number)?;
    upsert_continuing_education_of_person(transaction, record, person_id)
}

/// Same as [`upsert_continuing_education`] for a person whose row id is already known, as bulk loads write.
pub fn upsert_continuing_education_of_person(
    transaction: &Transaction<'_>,
    record: &ContinuingEducation,
    person_id: i64,
) -> Result<()> {
    transaction
        .prepare_cached(
            "INSERT INTO continuing_education (person_id, specialty, period_start, period_end, compulsory_hours, elective_hours)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (person_id, specialty, period_start) DO UPDATE SET period_end = excluded.period_end,
                 compulsory_hours = excluded.compulsory_hours, elective_hours = excluded.elective_hours",
        )?
        .execute(params![
            person_id,
            record.specialty,
            record.period_start.to_string(),
            record.period_end.to_string(),
            record.compulsory_hours,
            record.elective_hours,
        ])?;
    Ok(())
}

/// Writes a professional title.
pub fn upsert_title(transaction: &Transaction<'_>, title: &ProfessionalTitle) -> Result<()> {
    let person_id = require_person(transaction, &title.id_number)?;
    upsert_title_of_person(transaction, title, person_id)
}

/// Same as [`upsert_title`] for a person whose row id is already known, as bulk loads write.
pub fn upsert_title_of_person(transaction: &Transaction<'_>, title: &ProfessionalTitle, person_id: i64) -> Result<()> {
    transaction
        .prepare_cached(
            "INSERT INTO professional_titles (person_id, title, level, issuer, issued_on) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (person_id, title, issued_on) DO UPDATE SET level = excluded.level, issuer = excluded.issuer",
        )?
        .execute(params![person_id, title.title, title.level, title.issuer, title.issued_on.to_string()])?;
    Ok(())
}

/// Writes an exemption record.
pub fn upsert_exemption(transaction: &Transaction<'_>, exemption: &Exemption) -> Result<()> {
    let person_id = require_person(transaction, &exemption.id_number)?;
    upsert_exemption_of_person(transaction, exemption, person_id)
}

/// Same as [`upsert_exemption`] for a person whose row id is already known, as bulk loads write.
pub fn upsert_exemption_of_person(transaction: &Transaction<'_>, exemption: &Exemption, person_id: i64) -> Result<()> {
    transaction
        .prepare_cached(
            "INSERT INTO exemptions (exemption_id, person_id, kind, evidence_file, note, recorded_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (exemption_id) DO UPDATE SET person_id = excluded.person_id, kind = excluded.kind,
                 evidence_file = excluded.evidence_file, note = excluded.note, recorded_on = excluded.recorded_on",
        )?
        .execute(params![
            exemption.exemption_id,
            person_id,
            exemption.kind.code(),
            exemption.evidence_file,
            exemption.note,
            exemption.recorded_on.to_string(),
        ])?;
    Ok(())
}

/// Writes an application and replaces its history.
pub fn upsert_application(transaction: &Transaction<'_>, application: &ChangeApplication) -> Result<()> {
    let person_id = require_person(transaction, &application.id_number)?;
    upsert_application_of_person(transaction, application, person_id)
}

/// Same as [`upsert_application`] for a person whose row id is already known, as bulk loads write.
pub fn upsert_application_of_person(
    transaction: &Transaction<'_>,
    application: &ChangeApplication,
    person_id: i64,
) -> Result<()> {
    transaction
        .prepare_cached(
            "INSERT INTO change_applications (application_id, person_id, kind, state, unit_credit_code, qualification, created_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (application_id) DO UPDATE SET person_id = excluded.person_id, kind = excluded.kind,
                 state = excluded.state, unit_credit_code = excluded.unit_credit_code,
                 qualification = excluded.qualification, created_on = excluded.created_on",
        )?
        .execute(params![
            application.application_id,
            person_id,
            application.kind.code(),
            application.state.code(),
            application.unit_credit_code,
            application.qualification.code(),
            application.created_on.to_string(),
        ])?;
    transaction
        .prepare_cached("DELETE FROM application_events WHERE application_id = ?1")?
        .execute([&application.application_id])?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO application_events (application_id, sequence, happened_on, state, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (sequence, event) in application.history.iter().enumerate() {
        insert.execute(params![
            application.application_id,
            i64::try_from(sequence).unwrap_or(i64::MAX),
            event.happened_on.to_string(),
            event.state.code(),
            event.note,
        ])?;
    }
    transaction
        .prepare_cached("DELETE FROM application_corrections WHERE application_id = ?1")?
        .execute([&application.application_id])?;
    let mut insert = transaction.prepare_cached(
        "INSERT OR REPLACE INTO application_corrections (application_id, material, reason) VALUES (?1, ?2, ?3)",
    )?;
    for correction in &application.corrections {
        insert.execute(params![application.application_id, correction.material, correction.reason])?;
    }
    Ok(())
}

fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}
