//! Deletions (tombstones) the platform sends for the listings other than certificates. Each
//! function deletes the one cached record a key names and returns the rows deleted: 0 when the
//! cache does not hold it or must keep it. The compliance triggers mark the person changed.

use rusqlite::{ErrorCode, Transaction, params};

use super::Result;
use super::records::person_id;
use chrono::NaiveDate;

use crate::domain::records::{PaymentKind, PaymentMonth};

/// Deletes a unit that no cached certificate names. A unit still named is kept, because a
/// certificate row cannot point at a missing unit.
pub fn delete_unit(transaction: &Transaction<'_>, credit_code: &str) -> Result<u64> {
    let deleted = transaction
        .prepare_cached(
            "DELETE FROM units WHERE credit_code = ?1
                 AND NOT EXISTS (SELECT 1 FROM certificates WHERE unit_credit_code = ?1)",
        )?
        .execute([credit_code])?;
    Ok(deleted as u64)
}

/// Deletes a person that no cached record refers to. A person still referred to (by an
/// imported payment month, or by a record whose tombstone comes in a later listing of the
/// same sync) is kept.
pub fn delete_person(transaction: &Transaction<'_>, id_type: &str, id_number: &str) -> Result<u64> {
    let result = transaction
        .prepare_cached("DELETE FROM persons WHERE id_type = ?1 AND id_number = ?2")?
        .execute([id_type, id_number]);
    match result {
        Ok(deleted) => Ok(deleted as u64),
        // SQLite backs out only the failed statement, so the page's transaction goes on.
        Err(rusqlite::Error::SqliteFailure(error, _)) if error.code == ErrorCode::ConstraintViolation => Ok(0),
        Err(error) => Err(error.into()),
    }
}

/// Deletes a payment month that came from the platform. A month imported from a roster file
/// is kept, because the file is evidence of its own.
pub fn delete_payment_month(transaction: &Transaction<'_>, kind: PaymentKind, month: &PaymentMonth) -> Result<u64> {
    let Some(person) = person_id(transaction, &month.id_number)? else {
        return Ok(0);
    };
    let sql = format!(
        "DELETE FROM {} WHERE person_id = ?1 AND unit_credit_code = ?2 AND month = ?3 AND source = 'platform'",
        super::payments::table(kind)
    );
    let deleted =
        transaction.prepare_cached(&sql)?.execute(params![person, month.unit_credit_code, month.month.to_string()])?;
    Ok(deleted as u64)
}

/// Deletes a 安管 certificate.
pub fn delete_safety_certificate(transaction: &Transaction<'_>, certificate_number: &str) -> Result<u64> {
    let deleted = transaction
        .prepare_cached("DELETE FROM safety_certificates WHERE certificate_number = ?1")?
        .execute([certificate_number])?;
    Ok(deleted as u64)
}

/// Deletes a project and, through the foreign key, its stoppages.
pub fn delete_project(transaction: &Transaction<'_>, project_id: &str) -> Result<u64> {
    let deleted = transaction.prepare_cached("DELETE FROM projects WHERE project_id = ?1")?.execute([project_id])?;
    Ok(deleted as u64)
}

/// Deletes the continuing-education hours of one period and specialty.
pub fn delete_continuing_education(
    transaction: &Transaction<'_>,
    id_number: &str,
    specialty: &str,
    period_start: NaiveDate,
) -> Result<u64> {
    let Some(person) = person_id(transaction, id_number)? else {
        return Ok(0);
    };
    let deleted = transaction
        .prepare_cached(
            "DELETE FROM continuing_education WHERE person_id = ?1 AND specialty = ?2 AND period_start = ?3",
        )?
        .execute(params![person, specialty, period_start.to_string()])?;
    Ok(deleted as u64)
}

/// Deletes a professional title.
pub fn delete_title(transaction: &Transaction<'_>, id_number: &str, title: &str, issued_on: NaiveDate) -> Result<u64> {
    let Some(person) = person_id(transaction, id_number)? else {
        return Ok(0);
    };
    let deleted = transaction
        .prepare_cached("DELETE FROM professional_titles WHERE person_id = ?1 AND title = ?2 AND issued_on = ?3")?
        .execute(params![person, title, issued_on.to_string()])?;
    Ok(deleted as u64)
}

/// Deletes an exemption.
pub fn delete_exemption(transaction: &Transaction<'_>, exemption_id: &str) -> Result<u64> {
    let deleted =
        transaction.prepare_cached("DELETE FROM exemptions WHERE exemption_id = ?1")?.execute([exemption_id])?;
    Ok(deleted as u64)
}

/// Deletes an application and, through the foreign key, its history.
pub fn delete_application(transaction: &Transaction<'_>, application_id: &str) -> Result<u64> {
    let deleted = transaction
        .prepare_cached("DELETE FROM change_applications WHERE application_id = ?1")?
        .execute([application_id])?;
    Ok(deleted as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Sex;
    use crate::domain::records::{Person, YearMonth};
    use crate::store::records::{PaymentSource, upsert_payment_month, upsert_person};
    use crate::store::{Store, compliance};

    fn person() -> Person {
        Person {
            id_type: "resident_id".to_owned(),
            id_number: "11010519491231002X".to_owned(),
            name: "李玥".to_owned(),
            sex: Sex::Female,
            birth_date: NaiveDate::from_ymd_opt(1949, 12, 31).unwrap(),
        }
    }

    fn month(source: PaymentSource) -> (Store, PaymentMonth, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let month = PaymentMonth {
            id_number: person().id_number,
            unit_credit_code: "91350100M000100Y43".to_owned(),
            month: "2026-03".parse::<YearMonth>().unwrap(),
        };
        let person_id = store
            .write(|transaction| {
                let person_id = upsert_person(transaction, &person())?;
                upsert_payment_month(transaction, PaymentKind::SocialSecurity, &month, source)?;
                compliance::clear_changed(transaction)?;
                Ok(person_id)
            })
            .unwrap();
        (store, month, person_id)
    }

    #[test]
    fn month_delete_marks_person_changed() {
        let (mut store, month, person_id) = month(PaymentSource::Platform);

        let (deleted, changed) = store
            .write(|transaction| {
                let deleted = delete_payment_month(transaction, PaymentKind::SocialSecurity, &month)?;
                Ok((deleted, compliance::take_changed(transaction)?))
            })
            .unwrap();

        assert_eq!(deleted, 1);
        assert_eq!(changed, [person_id]);
    }

    #[test]
    fn imported_month_is_kept() {
        let (mut store, month, _) = month(PaymentSource::Import);

        let deleted =
            store.write(|transaction| delete_payment_month(transaction, PaymentKind::SocialSecurity, &month)).unwrap();

        assert_eq!(deleted, 0);
    }

    #[test]
    fn referenced_person_is_kept() {
        let (mut store, _, _) = month(PaymentSource::Platform);
        let person = person();

        let deleted =
            store.write(|transaction| delete_person(transaction, &person.id_type, &person.id_number)).unwrap();

        assert_eq!(deleted, 0, "the person's month still refers to them");
    }
}
