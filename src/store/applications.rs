//! The registration applications the platform reports, with their history and the reviewer's
//! reasons per material, for the applications page and `certdesk applications list`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Result, StoreError};
use crate::domain::Qualification;
use crate::domain::records::{
    ApplicationEvent, ApplicationKind, ApplicationState, ChangeApplication, MaterialCorrection,
};

fn corrupt(column: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt { column, value: value.to_owned() }
}

fn date(column: &'static str, text: &str) -> Result<NaiveDate> {
    text.parse().map_err(|_| corrupt(column, text))
}

/// Lists every cached application, newest first.
pub fn list(connection: &Connection) -> Result<Vec<ChangeApplication>> {
    let mut events: HashMap<String, Vec<ApplicationEvent>> = HashMap::new();
    let mut statement = connection
        .prepare_cached("SELECT application_id, happened_on, state, note FROM application_events ORDER BY sequence")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let state: String = row.get(2)?;
        events.entry(row.get(0)?).or_default().push(ApplicationEvent {
            happened_on: date("application_events.happened_on", &row.get::<_, String>(1)?)?,
            state: ApplicationState::from_code(&state).ok_or_else(|| corrupt("application_events.state", &state))?,
            note: row.get(3)?,
        });
    }
    let mut corrections: HashMap<String, Vec<MaterialCorrection>> = HashMap::new();
    let mut statement =
        connection.prepare_cached("SELECT application_id, material, reason FROM application_corrections")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        corrections
            .entry(row.get(0)?)
            .or_default()
            .push(MaterialCorrection { material: row.get(1)?, reason: row.get(2)? });
    }
    let mut statement = connection.prepare_cached(
        "SELECT a.application_id, p.id_number, a.kind, a.state, a.unit_credit_code, a.qualification, a.created_on
         FROM change_applications a JOIN persons p USING (person_id)
         ORDER BY a.created_on DESC, a.application_id DESC",
    )?;
    let mut rows = statement.query([])?;
    let mut list = Vec::new();
    while let Some(row) = rows.next()? {
        let application_id: String = row.get(0)?;
        let kind: String = row.get(2)?;
        let state: String = row.get(3)?;
        let qualification: String = row.get(5)?;
        list.push(ChangeApplication {
            history: events.remove(&application_id).unwrap_or_default(),
            corrections: corrections.remove(&application_id).unwrap_or_default(),
            id_number: row.get(1)?,
            kind: ApplicationKind::from_code(&kind).ok_or_else(|| corrupt("change_applications.kind", &kind))?,
            state: ApplicationState::from_code(&state).ok_or_else(|| corrupt("change_applications.state", &state))?,
            unit_credit_code: row.get(4)?,
            qualification: Qualification::from_code(&qualification)
                .ok_or_else(|| corrupt("change_applications.qualification", &qualification))?,
            created_on: date("change_applications.created_on", &row.get::<_, String>(6)?)?,
            application_id,
        });
    }
    Ok(list)
}

/// Lists the cached persons as (ID number, name), by name, for the form's person picker.
pub fn persons(connection: &Connection) -> Result<Vec<(String, String)>> {
    let mut statement = connection.prepare_cached("SELECT id_number, name FROM persons ORDER BY name, id_number")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Returns the unit most current registrations in the cache name: for a unit's cache, the unit
/// itself, which a new application files for.
pub fn main_unit(connection: &Connection) -> Result<Option<String>> {
    let mut statement = connection.prepare_cached(
        "SELECT unit_credit_code FROM certificates WHERE status = 'valid'
         GROUP BY unit_credit_code ORDER BY count(*) DESC, unit_credit_code LIMIT 1",
    )?;
    let mut rows = statement.query([])?;
    Ok(rows.next()?.map(|row| row.get(0)).transpose()?)
}
