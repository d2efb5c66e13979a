//! Bulk loads: a whole batch of records in one transaction, each person's row id looked up once
//! per batch instead of once per record.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::records::{self, PaymentSource};
use super::{Result, Store, StoreError, certificates};
use crate::domain::batch::{RecordBatch, RecordSink};
use crate::domain::records::PaymentKind;

/// Writes every record of a batch, units and persons first. Payment months are written as
/// synced from the platform.
pub fn write_batch(transaction: &Transaction<'_>, batch: &RecordBatch) -> Result<()> {
    for unit in &batch.units {
        records::upsert_unit(transaction, unit)?;
    }
    let mut person_ids: HashMap<&str, i64> = HashMap::with_capacity(batch.persons.len());
    for person in &batch.persons {
        person_ids.insert(&person.id_number, records::upsert_person(transaction, person)?);
    }
    let person_id = |id_number: &str| -> Result<i64> {
        match person_ids.get(id_number) {
            Some(id) => Ok(*id),
            None => records::person_id(transaction, id_number)?.ok_or_else(|| StoreError::Corrupt {
                column: "persons.id_number (record for an unknown person)",
                value: String::new(),
            }),
        }
    };

    for certificate in &batch.certificates {
        certificates::upsert_of_person(transaction, certificate, person_id(&certificate.id_number)?)?;
    }
    for (kind, months) in
        [(PaymentKind::SocialSecurity, &batch.social_security), (PaymentKind::HousingFund, &batch.housing_fund)]
    {
        for month in months {
            let person = person_id(&month.id_number)?;
            records::upsert_payment_month_of_person(transaction, kind, month, PaymentSource::Platform, person)?;
        }
    }
    for certificate in &batch.safety_certificates {
        records::upsert_safety_certificate_of_person(transaction, certificate, person_id(&certificate.id_number)?)?;
    }
    for project in &batch.projects {
        records::upsert_project_of_person(transaction, project, person_id(&project.manager_id_number)?)?;
    }
    for record in &batch.continuing_education {
        records::upsert_continuing_education_of_person(transaction, record, person_id(&record.id_number)?)?;
    }
    for title in &batch.titles {
        records::upsert_title_of_person(transaction, title, person_id(&title.id_number)?)?;
    }
    for exemption in &batch.exemptions {
        records::upsert_exemption_of_person(transaction, exemption, person_id(&exemption.id_number)?)?;
    }
    for application in &batch.applications {
        records::upsert_application_of_person(transaction, application, person_id(&application.id_number)?)?;
    }
    Ok(())
}

/// 256 MiB, in the negative-KiB form `PRAGMA cache_size` takes: the page cache while a bulk
/// load runs. Payment-month indexes receive inserts all over B-trees of millions of entries,
/// which SQLite's default 2 MiB cache cannot hold. Loading 120,000 generated holders took 18%
/// less time with this cache (`benches/national.rs`, debug build).
const BULK_CACHE_SIZE_KIB: i64 = -262_144;

/// A sink that writes each batch into the cache in one transaction, with a large page cache
/// until it is dropped.
pub struct BulkLoader<'a> {
    store: &'a mut Store,
    previous_cache_size: Option<i64>,
}

impl<'a> BulkLoader<'a> {
    /// Creates a loader into a store. If the page cache cannot be enlarged, loading still works,
    /// only slower.
    pub fn new(store: &'a mut Store) -> Self {
        let connection = &store.connection;
        let previous_cache_size = connection.pragma_query_value(None, "cache_size", |row| row.get(0)).ok();
        if previous_cache_size.is_some() {
            let _ = connection.pragma_update(None, "cache_size", BULK_CACHE_SIZE_KIB);
        }
        Self { store, previous_cache_size }
    }
}

impl Drop for BulkLoader<'_> {
    fn drop(&mut self) {
        if let Some(size) = self.previous_cache_size {
            let _ = self.store.connection.pragma_update(None, "cache_size", size);
        }
    }
}

impl RecordSink for BulkLoader<'_> {
    type Error = StoreError;

    fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        self.store.write(|transaction| write_batch(transaction, batch))
    }
}
