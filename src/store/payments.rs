//! Social security (社保) and housing fund (公积金) months in the cache, as imported from a
//! unit's roster or synced from a platform.

use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use super::{Result, StoreError};
use crate::domain::Sex;
use crate::domain::progress::Progress;
use crate::domain::records::{PaymentKind, PaymentMonth, PaymentRecord};
use crate::i18n::{Key, Message};

/// `id_type` of a resident ID number, the value the platform's wire format uses.
const RESIDENT_ID: &str = "resident_id";

/// Counts of the rows an import created or changed in the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Persons that were not in the cache.
    pub persons_created: u64,
    /// Units that were not in the cache.
    pub units_created: u64,
    /// Months that were not in the cache.
    pub months_added: u64,
    /// Months already in the cache, now marked as imported.
    pub months_updated: u64,
}

impl ImportCounts {
    /// Describes what the import wrote.
    pub fn message(&self, kind: PaymentKind) -> Message {
        let key = match kind {
            PaymentKind::SocialSecurity => Key::ImportWrittenSocialSecurity,
            PaymentKind::HousingFund => Key::ImportWrittenHousingFund,
        };
        Message::new(key)
            .arg("persons", self.persons_created)
            .arg("units", self.units_created)
            .arg("added", self.months_added)
            .arg("updated", self.months_updated)
    }
}

/// Returns the table that holds months of a payment kind.
pub fn table(kind: PaymentKind) -> &'static str {
    match kind {
        PaymentKind::SocialSecurity => "social_security_months",
        PaymentKind::HousingFund => "housing_fund_months",
    }
}

/// Writes imported roster rows: creates each missing person (sex and birth date from the ID
/// number) and unit, and upserts each month with source `import`. Existing persons and units
/// keep their names. Counts the records written in `progress` and returns
/// [`StoreError::Cancelled`] once it is cancelled, also after the last record. Run it inside
/// [`super::Store::write`] so a failure or a cancel leaves nothing written.
pub fn write_imported(
    transaction: &Transaction<'_>,
    kind: PaymentKind,
    records: &[PaymentRecord],
    progress: &Progress,
) -> Result<ImportCounts> {
    let mut counts = ImportCounts::default();
    progress.start(records.len());
    let table = table(kind);
    let mut insert_month = transaction.prepare_cached(&format!(
        "INSERT INTO {table} (person_id, unit_credit_code, month, source) VALUES (?1, ?2, ?3, 'import')
         ON CONFLICT (person_id, unit_credit_code, month) DO NOTHING"
    ))?;
    let mut mark_imported = transaction.prepare_cached(&format!(
        "UPDATE {table} SET source = 'import' WHERE person_id = ?1 AND unit_credit_code = ?2 AND month = ?3"
    ))?;
    for (index, record) in records.iter().enumerate() {
        if progress.checkpoint(index) {
            return Err(StoreError::Cancelled);
        }
        let (person_id, person_created) = ensure_person(transaction, record)?;
        counts.persons_created += u64::from(person_created);
        counts.units_created += u64::from(ensure_unit(transaction, record)?);
        for month in &record.months {
            let code = record.unit_credit_code.as_str();
            let month = month.to_string();
            if insert_month.execute(params![person_id, code, month])? == 1 {
                counts.months_added += 1;
            } else {
                mark_imported.execute(params![person_id, code, month])?;
                counts.months_updated += 1;
            }
        }
    }
    progress.set_done(records.len());
    if progress.is_cancelled() {
        return Err(StoreError::Cancelled);
    }
    Ok(counts)
}

/// Returns the person's row id and whether it was created now.
fn ensure_person(transaction: &Transaction<'_>, record: &PaymentRecord) -> Result<(i64, bool)> {
    let id_number = record.id_number.as_str();
    let existing: Option<i64> = transaction
        .prepare_cached("SELECT person_id FROM persons WHERE id_type = ?1 AND id_number = ?2")?
        .query_row(params![RESIDENT_ID, id_number], |row| row.get(0))
        .optional()?;
    if let Some(person_id) = existing {
        return Ok((person_id, false));
    }
    let sex = match record.id_number.sex() {
        Sex::Male => "male",
        Sex::Female => "female",
    };
    let person_id = transaction
        .prepare_cached(
            "INSERT INTO persons (id_type, id_number, name, sex, birth_date) VALUES (?1, ?2, ?3, ?4, ?5)
             RETURNING person_id",
        )?
        .query_row(
            params![RESIDENT_ID, id_number, record.name, sex, record.id_number.birth_date().to_string()],
            |row| row.get(0),
        )?;
    Ok((person_id, true))
}

/// Creates the unit if missing and returns whether it did.
fn ensure_unit(transaction: &Transaction<'_>, record: &PaymentRecord) -> Result<bool> {
    let created = transaction
        .prepare_cached("INSERT INTO units (credit_code, name) VALUES (?1, ?2) ON CONFLICT (credit_code) DO NOTHING")?
        .execute(params![record.unit_credit_code.as_str(), record.unit_name])?;
    Ok(created == 1)
}

/// Lists every cached month of one kind, by ID number, unit and month.
pub fn list_months(connection: &Connection, kind: PaymentKind) -> Result<Vec<(PaymentMonth, String)>> {
    let table = table(kind);
    let mut statement = connection.prepare_cached(&format!(
        "SELECT p.id_number, m.unit_credit_code, m.month, m.source
         FROM {table} m JOIN persons p ON p.person_id = m.person_id
         ORDER BY p.id_number, m.unit_credit_code, m.month"
    ))?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?, row.get::<_, String>(3)?))
    })?;
    let mut months = Vec::new();
    for row in rows {
        let (id_number, unit_credit_code, month, source) = row?;
        let month =
            month.parse().map_err(|_| StoreError::Corrupt { column: "payment months.month", value: month.clone() })?;
        months.push((PaymentMonth { id_number, unit_credit_code, month }, source));
    }
    Ok(months)
}
