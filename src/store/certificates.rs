//! Certificate versions, their holders, units and specialties in the cache.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Result, StoreError};
use crate::domain::record_signature::RecordSignature;
use crate::domain::{Certificate, CertificateStatus, CertificateSummary, Qualification, Sex, Specialty};

/// Writes one certificate version with its holder, unit and specialties, replacing what the
/// cache had for the same certificate and version.
pub fn upsert(transaction: &Transaction<'_>, certificate: &Certificate) -> Result<()> {
    let person_id = upsert_holder_and_unit(transaction, certificate)?;
    upsert_of_person(transaction, certificate, person_id)
}

/// The holder and unit fields of a certificate version, as [`upsert_holder_and_unit`] writes
/// them.
type HolderAndUnit = (String, String, String, &'static str, NaiveDate, String, String);

/// The holders and units already written in one transaction, so the versions of a page that
/// name the same holder and unit (a unit's roster names its own on every row) write them once.
#[derive(Debug, Default)]
pub struct WrittenHolders {
    person_ids: HashMap<HolderAndUnit, i64>,
}

impl WrittenHolders {
    /// Writes the holder and unit of a certificate version unless this transaction already
    /// wrote the same fields, and returns the holder's row id.
    pub fn upsert(&mut self, transaction: &Transaction<'_>, certificate: &Certificate) -> Result<i64> {
        let key = (
            certificate.id_type.clone(),
            certificate.id_number.clone(),
            certificate.holder_name.clone(),
            sex_code(certificate.sex),
            certificate.birth_date,
            certificate.unit_credit_code.clone(),
            certificate.unit_name.clone(),
        );
        if let Some(&person_id) = self.person_ids.get(&key) {
            return Ok(person_id);
        }
        let person_id = upsert_holder_and_unit(transaction, certificate)?;
        self.person_ids.insert(key, person_id);
        Ok(person_id)
    }
}

/// Writes the holder and the unit a certificate version names, and returns the holder's row id.
fn upsert_holder_and_unit(transaction: &Transaction<'_>, certificate: &Certificate) -> Result<i64> {
    transaction
        .prepare_cached(
            "INSERT INTO units (credit_code, name) VALUES (?1, ?2)
             ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name",
        )?
        .execute(params![certificate.unit_credit_code, certificate.unit_name])?;

    let person_id: i64 = transaction
        .prepare_cached(
            "INSERT INTO persons (id_type, id_number, name, sex, birth_date) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id_type, id_number) DO UPDATE
                 SET name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date
             RETURNING person_id",
        )?
        .query_row(
            params![
                certificate.id_type,
                certificate.id_number,
                certificate.holder_name,
                sex_code(certificate.sex),
                certificate.birth_date.to_string(),
            ],
            |row| row.get(0),
        )?;
    Ok(person_id)
}

/// Writes one certificate version and its specialties for a holder whose row id is known and
/// whose unit is already cached, as bulk loads write.
pub fn upsert_of_person(transaction: &Transaction<'_>, certificate: &Certificate, person_id: i64) -> Result<()> {
    transaction
        .prepare_cached(
            "INSERT INTO certificates (certificate_id, version, status, qualification, registration_number,
                 seal_check_code, person_id, unit_credit_code, issuer, issued_on, licence_id, photo_png, signature_png)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (certificate_id, version) DO UPDATE SET
                 status = excluded.status, qualification = excluded.qualification,
                 registration_number = excluded.registration_number, seal_check_code = excluded.seal_check_code,
                 person_id = excluded.person_id, unit_credit_code = excluded.unit_credit_code,
                 issuer = excluded.issuer, issued_on = excluded.issued_on, licence_id = excluded.licence_id,
                 photo_png = excluded.photo_png, signature_png = excluded.signature_png",
        )?
        .execute(params![
            certificate.certificate_id,
            certificate.version,
            certificate.status.code(),
            certificate.qualification.code(),
            certificate.registration_number,
            certificate.seal_check_code,
            person_id,
            certificate.unit_credit_code,
            certificate.issuer,
            certificate.issued_on.to_string(),
            certificate.licence_id,
            certificate.photo_png,
            certificate.signature_png,
        ])?;

    transaction
        .prepare_cached("DELETE FROM specialties WHERE certificate_id = ?1 AND version = ?2")?
        .execute(params![certificate.certificate_id, certificate.version])?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO specialties (certificate_id, version, position, name, valid_from, valid_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, specialty) in certificate.specialties.iter().enumerate() {
        insert.execute(params![
            certificate.certificate_id,
            certificate.version,
            i64::try_from(position).unwrap_or(i64::MAX),
            specialty.name,
            specialty.valid_from.to_string(),
            specialty.valid_to.to_string(),
        ])?;
    }
    Ok(())
}

/// Lists every certificate version in the cache, current versions first, then by
/// registration number and newest version first.
pub fn list_summaries(connection: &Connection) -> Result<Vec<CertificateSummary>> {
    let mut specialties = all_specialties(connection)?;
    // No ORDER BY, because SQLite would sort whole rows in a temporary B-tree (about 100 ms of a
    // 100,000-row roster, measured). Sorting the summaries afterwards compares only the sort key.
    let mut statement = connection.prepare_cached(
        "SELECT c.certificate_id, c.version, c.status, c.qualification, c.registration_number,
                p.name, p.id_number, u.name, u.credit_code
         FROM certificates c
         JOIN persons p ON p.person_id = c.person_id
         JOIN units u ON u.credit_code = c.unit_credit_code",
    )?;
    let mut rows = statement.query([])?;
    let mut summaries = Vec::new();
    while let Some(row) = rows.next()? {
        let certificate_id: String = row.get(0)?;
        let version: u32 = row.get(1)?;
        let own_specialties = specialties
            .get_mut(certificate_id.as_str())
            .map(|versions| versions.extract_if(.., |(of, _)| *of == version).map(|(_, s)| s).collect())
            .unwrap_or_default();
        summaries.push(CertificateSummary {
            certificate_id,
            version,
            status: parse_status(text_at(row, 2)?)?,
            qualification: parse_qualification(text_at(row, 3)?)?,
            registration_number: row.get(4)?,
            holder_name: row.get(5)?,
            id_number_masked: crate::domain::id_number::mask_id_text(text_at(row, 6)?),
            unit_name: row.get(7)?,
            unit_credit_code: row.get(8)?,
            specialties: own_specialties,
            signature: None,
        });
    }
    summaries.sort_unstable_by(|a, b| {
        let superseded = |s: &CertificateSummary| s.status == CertificateStatus::Superseded;
        superseded(a)
            .cmp(&superseded(b))
            .then_with(|| a.registration_number.cmp(&b.registration_number))
            .then(b.version.cmp(&a.version))
    });
    Ok(summaries)
}

/// Reads one certificate version with every face field.
pub fn load(connection: &Connection, certificate_id: &str, version: u32) -> Result<Option<Certificate>> {
    let mut statement =
        connection.prepare_cached(&format!("{SELECT_CERTIFICATE} WHERE c.certificate_id = ?1 AND c.version = ?2"))?;
    let Some(mut certificate) = statement.query_row(params![certificate_id, version], read_certificate).optional()?
    else {
        return Ok(None);
    };
    certificate.specialties = specialties_of(connection, certificate_id, version)?;
    finish(certificate).map(Some)
}

/// Reads every version cached under a registration number, newest first.
pub fn find_by_registration_number(connection: &Connection, registration_number: &str) -> Result<Vec<Certificate>> {
    let mut statement = connection.prepare_cached(&format!(
        "{SELECT_CERTIFICATE} WHERE c.registration_number = ?1 ORDER BY c.status = 'superseded', c.version DESC"
    ))?;
    let found: Vec<Certificate> =
        statement.query_map([registration_number], read_certificate)?.collect::<rusqlite::Result<_>>()?;
    let mut certificates = Vec::with_capacity(found.len());
    for mut certificate in found {
        certificate.specialties = specialties_of(connection, &certificate.certificate_id, certificate.version)?;
        certificates.push(finish(certificate)?);
    }
    Ok(certificates)
}

/// Reads every cached certificate version with every face field, for batch exports.
pub fn load_all(connection: &Connection) -> Result<Vec<Certificate>> {
    let mut statement =
        connection.prepare_cached(&format!("{SELECT_CERTIFICATE} ORDER BY c.registration_number, c.version DESC"))?;
    let found: Vec<Certificate> = statement.query_map([], read_certificate)?.collect::<rusqlite::Result<_>>()?;
    let mut certificates = Vec::with_capacity(found.len());
    for mut certificate in found {
        certificate.specialties = specialties_of(connection, &certificate.certificate_id, certificate.version)?;
        certificates.push(finish(certificate)?);
    }
    Ok(certificates)
}

/// Reads every cached certificate version with its issuer signature, one at a time, so a
/// 100 000-row roster is never in memory whole. Stops early when `visit` returns `false`.
pub fn for_each_signed(
    connection: &Connection,
    mut visit: impl FnMut(Certificate, Option<RecordSignature>) -> bool,
) -> Result<()> {
    let mut specialties = all_specialties(connection)?;
    let mut statement = connection.prepare(&format!(
        "{SELECT_CERTIFICATE_SIGNED} ORDER BY c.status = 'superseded', c.registration_number, c.version DESC"
    ))?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let mut certificate = read_certificate(row)?;
        let alg: Option<String> = row.get(18)?;
        let signature = match alg {
            Some(alg) => Some(RecordSignature { alg, key_id: row.get(19)?, value: row.get(20)? }),
            None => None,
        };
        let version = certificate.version;
        if let Some(versions) = specialties.get_mut(&certificate.certificate_id) {
            let (own, others): (Vec<_>, Vec<_>) = versions.drain(..).partition(|(v, _)| *v == version);
            *versions = others;
            certificate.specialties = own.into_iter().map(|(_, specialty)| specialty).collect();
        }
        if !visit(finish(certificate)?, signature) {
            break;
        }
    }
    Ok(())
}

/// Counts the rows of the main tables: certificates, persons, units and specialties.
pub fn counts(connection: &Connection) -> Result<[u64; 4]> {
    let count = |table: &str| -> Result<u64> {
        let rows: i64 = connection.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?;
        Ok(u64::try_from(rows).unwrap_or_default())
    };
    Ok([count("certificates")?, count("persons")?, count("units")?, count("specialties")?])
}

const SELECT_CERTIFICATE: &str = "
    SELECT c.certificate_id, c.version, c.status, c.qualification, c.registration_number, c.seal_check_code,
           p.name, p.sex, p.birth_date, p.id_type, p.id_number, u.name, u.credit_code,
           c.issuer, c.issued_on, c.licence_id, c.photo_png, c.signature_png
    FROM certificates c
    JOIN persons p ON p.person_id = c.person_id
    JOIN units u ON u.credit_code = c.unit_credit_code";

/// [`SELECT_CERTIFICATE`] with the signature's `alg`, `key_id` and `value` as columns 18 to 20,
/// all `NULL` for a version without a signature.
const SELECT_CERTIFICATE_SIGNED: &str = "
    SELECT c.certificate_id, c.version, c.status, c.qualification, c.registration_number, c.seal_check_code,
           p.name, p.sex, p.birth_date, p.id_type, p.id_number, u.name, u.credit_code,
           c.issuer, c.issued_on, c.licence_id, c.photo_png, c.signature_png, s.alg, s.key_id, s.value
    FROM certificates c
    JOIN persons p ON p.person_id = c.person_id
    JOIN units u ON u.credit_code = c.unit_credit_code
    LEFT JOIN certificate_signatures s ON s.certificate_id = c.certificate_id AND s.version = c.version";

/// Reads a row of [`SELECT_CERTIFICATE`]. Codes are checked afterwards in [`finish`], because
/// a closure passed to rusqlite can only return rusqlite errors.
fn read_certificate(row: &Row<'_>) -> rusqlite::Result<Certificate> {
    Ok(Certificate {
        certificate_id: row.get(0)?,
        version: row.get(1)?,
        status: CertificateStatus::from_code(&row.get::<_, String>(2)?).unwrap_or(CertificateStatus::Superseded),
        qualification: Qualification::from_code(&row.get::<_, String>(3)?).unwrap_or(Qualification::Constructor1),
        registration_number: row.get(4)?,
        seal_check_code: row.get(5)?,
        holder_name: row.get(6)?,
        sex: if row.get::<_, String>(7)? == "male" { Sex::Male } else { Sex::Female },
        birth_date: row.get::<_, String>(8)?.parse().unwrap_or_default(),
        id_type: row.get(9)?,
        id_number: row.get(10)?,
        unit_name: row.get(11)?,
        unit_credit_code: row.get(12)?,
        specialties: Vec::new(),
        issuer: row.get(13)?,
        issued_on: row.get::<_, String>(14)?.parse().unwrap_or_default(),
        licence_id: row.get(15)?,
        photo_png: row.get(16)?,
        signature_png: row.get(17)?,
    })
}

/// Rejects a certificate whose dates failed to parse, so a corrupt cache never shows 1970 dates.
fn finish(certificate: Certificate) -> Result<Certificate> {
    if certificate.birth_date == NaiveDate::default() || certificate.issued_on == NaiveDate::default() {
        return Err(StoreError::Corrupt {
            column: "persons.birth_date / certificates.issued_on",
            value: certificate.certificate_id,
        });
    }
    Ok(certificate)
}

fn specialties_of(connection: &Connection, certificate_id: &str, version: u32) -> Result<Vec<Specialty>> {
    let mut statement = connection.prepare_cached(
        "SELECT name, valid_from, valid_to FROM specialties
         WHERE certificate_id = ?1 AND version = ?2 ORDER BY position",
    )?;
    let rows = statement.query_map(params![certificate_id, version], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
    })?;
    rows.map(|row| {
        let (name, from, to) = row?;
        specialty(name, &from, &to)
    })
    .collect()
}

/// Reads every specialty, grouped by certificate id, each with its version, in position order.
fn all_specialties(connection: &Connection) -> Result<HashMap<String, Vec<(u32, Specialty)>>> {
    let mut statement = connection.prepare_cached(
        "SELECT certificate_id, version, name, valid_from, valid_to FROM specialties
         ORDER BY certificate_id, version, position",
    )?;
    let mut rows = statement.query([])?;
    let mut by_certificate: HashMap<String, Vec<(u32, Specialty)>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let certificate_id = text_at(row, 0)?;
        let value = specialty(row.get(2)?, text_at(row, 3)?, text_at(row, 4)?)?;
        let version = row.get(1)?;
        match by_certificate.get_mut(certificate_id) {
            Some(versions) => versions.push((version, value)),
            None => {
                by_certificate.insert(certificate_id.to_owned(), vec![(version, value)]);
            }
        }
    }
    Ok(by_certificate)
}

/// Borrows a text column of a row, so a value that is only parsed or masked needs no `String`.
fn text_at<'row>(row: &'row Row<'_>, index: usize) -> Result<&'row str> {
    let value = row.get_ref(index)?;
    Ok(value.as_str().map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, value.data_type(), Box::new(e)))?)
}

fn specialty(name: String, from: &str, to: &str) -> Result<Specialty> {
    let date = |text: &str| {
        text.parse::<NaiveDate>()
            .map_err(|_| StoreError::Corrupt { column: "specialties.valid_from / valid_to", value: text.to_owned() })
    };
    Ok(Specialty { valid_from: date(from)?, valid_to: date(to)?, name })
}

fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

fn parse_status(code: &str) -> Result<CertificateStatus> {
    CertificateStatus::from_code(code)
        .ok_or_else(|| StoreError::Corrupt { column: "certificates.status", value: code.to_owned() })
}

fn parse_qualification(code: &str) -> Result<Qualification> {
    Qualification::from_code(code)
        .ok_or_else(|| StoreError::Corrupt { column: "certificates.qualification", value: code.to_owned() })
}

/// Deletes one certificate version and its specialties, and returns the number of versions
/// deleted: 0 when the cache did not hold it.
pub fn delete(transaction: &Transaction<'_>, certificate_id: &str, version: u32) -> Result<u64> {
    let deleted = transaction
        .prepare_cached("DELETE FROM certificates WHERE certificate_id = ?1 AND version = ?2")?
        .execute(params![certificate_id, version])?;
    Ok(deleted as u64)
}

/// Saves the issuer's signature of a certificate version, or removes it with `None`.
pub fn save_signature(
    transaction: &Transaction<'_>,
    certificate_id: &str,
    version: u32,
    signature: Option<&RecordSignature>,
) -> Result<()> {
    match signature {
        Some(signature) => transaction
            .prepare_cached(
                "INSERT INTO certificate_signatures (certificate_id, version, alg, key_id, value)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (certificate_id, version) DO UPDATE
                     SET alg = excluded.alg, key_id = excluded.key_id, value = excluded.value",
            )?
            .execute(params![certificate_id, version, signature.alg, signature.key_id, signature.value])?,
        None => transaction
            .prepare_cached("DELETE FROM certificate_signatures WHERE certificate_id = ?1 AND version = ?2")?
            .execute(params![certificate_id, version])?,
    };
    Ok(())
}

/// Returns the issuer's signature of a certificate version, if the cache contains one.
pub fn load_signature(connection: &Connection, certificate_id: &str, version: u32) -> Result<Option<RecordSignature>> {
    Ok(connection
        .query_row(
            "SELECT alg, key_id, value FROM certificate_signatures WHERE certificate_id = ?1 AND version = ?2",
            params![certificate_id, version],
            |row| Ok(RecordSignature { alg: row.get(0)?, key_id: row.get(1)?, value: row.get(2)? }),
        )
        .optional()?)
}
