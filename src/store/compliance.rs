//! Reads the facts the 挂证 rules need, for a whole roster at once, grouped by person.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{Connection, params_from_iter};

use super::{Result, StoreError};
use crate::domain::compliance::{ExportedCopy, PersonFacts};
use crate::domain::records::{
    ApplicationEvent, ApplicationKind, ApplicationState, ChangeApplication, ContinuingEducation, Exemption,
    ExemptionKind, PaymentMonth, Project, ProjectStatus, SafetyCategory, SafetyCertificate, SafetyStatus, Stoppage,
    YearMonth,
};
use crate::domain::{Certificate, CertificateStatus, Qualification, Sex, Specialty};

/// Selection of the people to check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only people connected to this unit: registered, paid, holding a 安管 certificate there,
    /// or managing one of its projects.
    pub unit_credit_code: Option<String>,
    /// Only this person.
    pub id_number: Option<String>,
    /// Only these persons, by cache row id (the ones whose records changed).
    pub person_ids: Option<Vec<i64>>,
}

/// Loads the facts of every selected person, in ID-number order.
pub fn load_facts(connection: &Connection, selection: &Selection) -> Result<Vec<PersonFacts>> {
    // One map shared by every person: a national cache names 30,000 units, too many to copy
    // for each of its 600,000 people.
    let names = Arc::new(unit_names(connection)?);
    load_facts_with_names(connection, selection, &names)
}

/// Same as [`load_facts`] with the names of the units already read by [`unit_names`], for a
/// caller that loads the cache in many chunks and reads the 30,000 names of a national cache
/// only once.
pub fn load_facts_with_names(
    connection: &Connection,
    selection: &Selection,
    names: &Arc<BTreeMap<String, String>>,
) -> Result<Vec<PersonFacts>> {
    let persons = selected_persons(connection, selection)?;
    let mut facts: BTreeMap<i64, PersonFacts> = persons
        .into_iter()
        .map(|(person_id, id_number, name, birth_date)| {
            (
                person_id,
                PersonFacts { id_number, name, birth_date: parse_date(&birth_date).ok(), ..PersonFacts::default() },
            )
        })
        .collect();
    if facts.is_empty() {
        return Ok(Vec::new());
    }
    // A selection by row ids alone already filled the table, and the ids of people deleted since
    // match no rows.
    if selection.person_ids.is_none() || selection.unit_credit_code.is_some() || selection.id_number.is_some() {
        select(connection, facts.keys().copied())?;
    }
    load_certificates(connection, &mut facts)?;
    load_payments(connection, &mut facts)?;
    load_safety_certificates(connection, &mut facts)?;
    load_projects(connection, &mut facts)?;
    load_education(connection, &mut facts)?;
    load_exemptions(connection, &mut facts)?;
    load_applications(connection, &mut facts)?;
    load_exported_copies(connection, &mut facts)?;
    let mut list: Vec<PersonFacts> = facts.into_values().collect();
    for person in &mut list {
        person.unit_names = Arc::clone(names);
    }
    list.sort_by(|a, b| a.id_number.cmp(&b.id_number));
    Ok(list)
}

/// Returns the row ids of up to `limit` persons after the row id `after`, in row-id order, so
/// a check of the whole cache can load its people chunk by chunk (start with `after = 0`).
pub fn person_ids_after(connection: &Connection, after: i64, limit: usize) -> Result<Vec<i64>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut statement =
        connection.prepare_cached("SELECT person_id FROM persons WHERE person_id > ?1 ORDER BY person_id LIMIT ?2")?;
    let ids = statement.query_map([after, limit], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    text.parse().map_err(|_| StoreError::Corrupt { column: "date", value: text.to_owned() })
}

fn parse_optional_date(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.map(|t| parse_date(&t)).transpose()
}

fn corrupt(column: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt { column, value: value.to_owned() }
}

type PersonRow = (i64, String, String, String);

fn selected_persons(connection: &Connection, selection: &Selection) -> Result<Vec<PersonRow>> {
    let mut sql = String::from("SELECT person_id, id_number, name, birth_date FROM persons p WHERE 1 = 1");
    let mut values: Vec<String> = Vec::new();
    if let Some(id_number) = &selection.id_number {
        values.push(id_number.clone());
        let _ = write!(sql, " AND p.id_number = ?{}", values.len());
    }
    if let Some(person_ids) = &selection.person_ids {
        select(connection, person_ids.iter().copied())?;
        sql.push_str(" AND p.person_id IN (SELECT person_id FROM temp.check_selection)");
    }
    if let Some(unit) = &selection.unit_credit_code {
        values.push(unit.clone());
        let n = values.len();
        let _ = write!(
            sql,
            " AND (EXISTS (SELECT 1 FROM certificates c WHERE c.person_id = p.person_id AND c.status = 'valid' AND c.unit_credit_code = ?{n})
               OR EXISTS (SELECT 1 FROM social_security_months m WHERE m.person_id = p.person_id AND m.unit_credit_code = ?{n})
               OR EXISTS (SELECT 1 FROM housing_fund_months m WHERE m.person_id = p.person_id AND m.unit_credit_code = ?{n})
               OR EXISTS (SELECT 1 FROM safety_certificates s WHERE s.person_id = p.person_id AND s.unit_credit_code = ?{n})
               OR EXISTS (SELECT 1 FROM projects j WHERE j.manager_person_id = p.person_id AND j.contractor_credit_code = ?{n}))"
        );
    }
    let mut statement = connection.prepare(&sql)?;
    let rows = statement
        .query_map(params_from_iter(values.iter()), |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Returns the name of every unit of the cache, by credit code.
pub fn unit_names(connection: &Connection) -> Result<BTreeMap<String, String>> {
    let mut statement = connection.prepare_cached("SELECT credit_code, name FROM units")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load_certificates(connection: &Connection, facts: &mut BTreeMap<i64, PersonFacts>) -> Result<()> {
    let mut specialties: HashMap<(String, u32), Vec<Specialty>> = HashMap::new();
    let mut statement = connection.prepare_cached(
        "SELECT s.certificate_id, s.version, s.name, s.valid_from, s.valid_to FROM specialties s
         JOIN certificates c ON c.certificate_id = s.certificate_id AND c.version = s.version
         WHERE c.status = 'valid' AND c.person_id IN (SELECT person_id FROM temp.check_selection)
         ORDER BY s.certificate_id, s.version, s.position",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let key = (row.get::<_, String>(0)?, row.get::<_, u32>(1)?);
        let specialty = Specialty {
            name: row.get(2)?,
            valid_from: parse_date(&row.get::<_, String>(3)?)?,
            valid_to: parse_date(&row.get::<_, String>(4)?)?,
        };
        specialties.entry(key).or_default().push(specialty);
    }
    let mut statement = connection.prepare_cached(
        "SELECT c.person_id, c.certificate_id, c.version, c.qualification, c.registration_number, c.unit_credit_code,
                coalesce(u.name, ''), c.issued_on, c.issuer
         FROM certificates c LEFT JOIN units u ON u.credit_code = c.unit_credit_code
         WHERE c.status = 'valid' AND c.person_id IN (SELECT person_id FROM temp.check_selection)",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let Some(person) = facts.get_mut(&row.get::<_, i64>(0)?) else { continue };
        let certificate_id: String = row.get(1)?;
        let version: u32 = row.get(2)?;
        let qualification: String = row.get(3)?;
        person.certificates.push(Certificate {
            specialties: specialties.remove(&(certificate_id.clone(), version)).unwrap_or_default(),
            certificate_id,
            version,
            status: CertificateStatus::Valid,
            qualification: Qualification::from_code(&qualification)
                .ok_or_else(|| corrupt("certificates.qualification", &qualification))?,
            registration_number: row.get(4)?,
            seal_check_code: None,
            holder_name: person.name.clone(),
            sex: Sex::Male,
            birth_date: person.birth_date.unwrap_or_default(),
            id_type: String::new(),
            id_number: person.id_number.clone(),
            unit_credit_code: row.get(5)?,
            unit_name: row.get(6)?,
            issued_on: parse_date(&row.get::<_, String>(7)?)?,
            issuer: row.get(8)?,
            licence_id: String::new(),
            photo_png: Vec::new(),
            signature_png: Vec::new(),
        });
    }
    Ok(())
}

fn load_payments(connection: &Connection, facts: &mut BTreeMap<i64, PersonFacts>) -> Result<()> {
    for (table, social_security) in [("social_security_months", true), ("housing_fund_months", false)] {
        let mut statement = connection.prepare_cached(&format!(
            "SELECT person_id, unit_credit_code, month FROM {table}
                 WHERE person_id IN (SELECT person_id FROM temp.check_selection)"
        ))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let Some(person) = facts.get_mut(&row.get::<_, i64>(0)?) else { continue };
            let month: String = row.get(2)?;
            let payment = PaymentMonth {
                id_number: person.id_number.clone(),
                unit_credit_code: row.get(1)?,
                month: month.parse::<YearMonth>().map_err(|_| corrupt("month", &month))?,
            };
            if social_security {
                person.social_security.push(payment);
            } else {
                person.housing_fund.push(payment);
            }
        }
    }
    Ok(())
}

fn load_safety_certificates(connection: &Connection, facts: &mut BTreeMap<i64, PersonFacts>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT person_id, certificate_number, category, unit_credit_code, status_code, valid_to FROM safety_certificates
         WHERE person_id IN (SELECT person_id FROM temp.check_selection)",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let Some(person) = facts.get_mut(&row.get::<_, i64>(0)?) else { continue };
        let category: String = row.get(2)?;
        let status: String = row.get(4)?;
        person.safety_certificates.push(SafetyCertificate {
            certificate_number: row.get(1)?,
            id_number: person.id_number.clone(),
            category: match category.as_str() {
                "A" => SafetyCategory::A,
                "B" => SafetyCategory::B,
                "C" => SafetyCategory::C,
                other => return Err(corrupt("safety_certificates.category", other)),
            },
            unit_credit_code: row.get(3)?,
            status: SafetyStatus::from_code(&status)
                .ok_or_else(|| corrupt("safety_certificates.status_code", &status))?,
            valid_to: parse_date(&row.get::<_, String>(5)?)?,
        });
    }
    Ok(())
}

fn load_projects(connection: &Connection, facts: &mut BTreeMap<i64, PersonFacts>) -> Result<()> {
    let mut stoppages: HashMap<String, Vec<Stoppage>> = HashMap::new();
    let mut statement = connection.prepare_cached(
        "SELECT project_id, stopped_on, resumed_on, contractor_caused, client_consent FROM project_stoppages
         WHERE project_id IN (SELECT project_id FROM projects
                              WHERE manager_person_id IN (SELECT person_id FROM temp.check_selection))
         ORDER BY project_id, stopped_on",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        stoppages.entry(row.get(0)?).or_default().push(Stoppage {
            stopped_on: parse_date(&row.get::<_, String>(1)?)?,
            resumed_on: parse_optional_date(row.get(2)?)?,
            contractor_caused: row.get(3)?,
            client_consent: row.get(4)?,
        });
    }
    let mut statement = connection.prepare_cached(
        "SELECT manager_person_id, project_id, name, contractor_credit_code, status, started_on, completed_on,
                contract_accepted_on, parent_project_id
         FROM projects WHERE manager_person_id IN (SELECT person_id FROM temp.check_selection) ORDER BY project_id",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let Some(person) = facts.get_mut(&row.get::<_, i64>(0)?) else { continue };
        let project_id: String = row.get(1)?;
        let status: String = row.get(4)?;
        person.projects.push(Project {
            stoppages: stoppages.remove(&project_id).unwrap_or_default(),
            project_id,
            name: row.get(2)?,
            contractor_credit_code: row.get(3)?,
            manager_id_number: person.id_number.clone(),
            status: ProjectStatus::from_code(&status).ok_or_else(|| corrupt("projects.status", &status))?,
            started_on: parse_date(&row.get::<_, String>(5)?)?,
            completed_on: parse_optional_date(row.get(6)?)?,
            contract_accepted_on: parse_optional_date(row.get(7)?)?,
            parent_project_id: row.get(8)?,
        });
    }
    Ok(())
}

fn load_education(connection: &Connection, facts: &mut BTreeMap<i64, PersonFacts>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT person_id, specialty, period_start, period_end, compulsory_hours, elective_hours FROM continuing_education
         WHERE person_id IN (SELECT person_id FROM temp.check_selection)",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let Some(person) = facts.get_mut(&row.get::<_, i64>(0)?) else { continue };
        person.continuing_education.push(ContinuingEducation {
            id_number: person.id_number.clone(),
            specialty: row.get(1)?,
            period_start: parse_date(&row.get::<_, String>(2)?)?,
            period_end: parse_date(&row.get::<_, String>(3)?)?,
            compulsory_hours: row.get(4)?,
            elective_hours: row.get(5)?,
        });
    }
    Ok(())
}

fn load_exemptions(connection: &Connection, facts: &mut BTreeMap<i64, PersonFacts>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT person_id, exemption_id, kind, evidence_file, note, recorded_on FROM exemptions
             WHERE person_id IN (SELECT person_id FROM temp.check_selection) ORDER BY recorded_on",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let Some(person) = facts.get_mut(&row.get::<_, i64>(0)?) else { continue };
        let kind: String = row.get(2)?;
        person.exemptions.push(Exemption {
            exemption_id: row.get(1)?,
            id_number: person.id_number.clone(),
            kind: ExemptionKind::from_code(&kind).ok_or_else(|| corrupt("exemptions.kind", &kind))?,
            evidence_file: row.get(3)?,
            note: row.get(4)?,
            recorded_on: parse_date(&row.get::<_, String>(5)?)?,
        });
    }
    Ok(())
}

fn load_applications(connection: &Connection, facts: &mut BTreeMap<i64, PersonFacts>) -> Result<()> {
    let mut events: HashMap<String, Vec<ApplicationEvent>> = HashMap::new();
    let mut statement = connection.prepare_cached(
        "SELECT application_id, happened_on, state, note FROM application_events
         WHERE application_id IN (SELECT application_id FROM change_applications
                                  WHERE person_id IN (SELECT person_id FROM temp.check_selection))
         ORDER BY application_id, sequence",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let state: String = row.get(2)?;
        events.entry(row.get(0)?).or_default().push(ApplicationEvent {
            happened_on: parse_date(&row.get::<_, String>(1)?)?,
            state: ApplicationState::from_code(&state).ok_or_else(|| corrupt("application_events.state", &state))?,
            note: row.get(3)?,
        });
    }
    let mut statement = connection.prepare_cached(
        "SELECT person_id, application_id, kind, state, unit_credit_code, qualification, created_on FROM change_applications
         WHERE person_id IN (SELECT person_id FROM temp.check_selection)",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let Some(person) = facts.get_mut(&row.get::<_, i64>(0)?) else { continue };
        let application_id: String = row.get(1)?;
        let kind: String = row.get(2)?;
        let state: String = row.get(3)?;
        let qualification: String = row.get(5)?;
        person.applications.push(ChangeApplication {
            history: events.remove(&application_id).unwrap_or_default(),
            application_id,
            id_number: person.id_number.clone(),
            kind: ApplicationKind::from_code(&kind).ok_or_else(|| corrupt("change_applications.kind", &kind))?,
            state: ApplicationState::from_code(&state).ok_or_else(|| corrupt("change_applications.state", &state))?,
            unit_credit_code: row.get(4)?,
            qualification: Qualification::from_code(&qualification)
                .ok_or_else(|| corrupt("change_applications.qualification", &qualification))?,
            created_on: parse_date(&row.get::<_, String>(6)?)?,
            corrections: Vec::new(),
        });
    }
    Ok(())
}

fn load_exported_copies(connection: &Connection, facts: &mut BTreeMap<i64, PersonFacts>) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT DISTINCT c.person_id, e.file_name, e.registration_number, e.usable_until FROM exports e
         JOIN certificates c ON c.certificate_id = e.certificate_id AND c.version = e.version
         WHERE c.person_id IN (SELECT person_id FROM temp.check_selection)
         ORDER BY e.usable_until",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let Some(person) = facts.get_mut(&row.get::<_, i64>(0)?) else { continue };
        person.exported_copies.push(ExportedCopy {
            label: row.get(1)?,
            registration_number: row.get(2)?,
            usable_until: parse_date(&row.get::<_, String>(3)?)?,
        });
    }
    Ok(())
}

/// Fills the temporary table that restricts every query of a load to the selected people. A
/// temporary table lives only on this connection, so concurrent readers do not see it.
fn select(connection: &Connection, person_ids: impl Iterator<Item = i64>) -> Result<()> {
    connection.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS check_selection (person_id INTEGER PRIMARY KEY);
         DELETE FROM temp.check_selection;",
    )?;
    let mut insert = connection.prepare_cached("INSERT OR IGNORE INTO temp.check_selection (person_id) VALUES (?1)")?;
    for person_id in person_ids {
        insert.execute([person_id])?;
    }
    Ok(())
}

/// Takes the people whose records changed since the last call, emptying the set.
pub fn take_changed(transaction: &rusqlite::Transaction<'_>) -> Result<Vec<i64>> {
    let changed = {
        let mut statement = transaction.prepare_cached("SELECT person_id FROM compliance_dirty ORDER BY person_id")?;
        statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?
    };
    transaction.execute("DELETE FROM compliance_dirty", [])?;
    Ok(changed)
}

/// Empties the set of changed people, after a full check made it moot.
pub fn clear_changed(transaction: &rusqlite::Transaction<'_>) -> Result<()> {
    transaction.execute("DELETE FROM compliance_dirty", [])?;
    Ok(())
}

/// Returns the ID numbers of the given people, including any that were deleted since (those
/// are absent, so their findings can be dropped).
pub fn id_numbers(connection: &Connection, person_ids: &[i64]) -> Result<Vec<String>> {
    select(connection, person_ids.iter().copied())?;
    let mut statement = connection.prepare_cached(
        "SELECT id_number FROM persons WHERE person_id IN (SELECT person_id FROM temp.check_selection)",
    )?;
    Ok(statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// Records the unit a holder declares as their real employer, replacing an earlier declaration.
pub fn save_declaration(
    transaction: &rusqlite::Transaction<'_>,
    id_number: &str,
    unit_credit_code: &str,
    declared_on: NaiveDate,
) -> Result<()> {
    transaction.execute(
        "INSERT INTO employer_declarations (id_number, unit_credit_code, declared_on) VALUES (?1, ?2, ?3)
         ON CONFLICT (id_number) DO UPDATE SET unit_credit_code = excluded.unit_credit_code, declared_on = excluded.declared_on",
        rusqlite::params![id_number, unit_credit_code, declared_on.to_string()],
    )?;
    Ok(())
}

/// Returns the credit code of the unit a holder declared, if any.
pub fn declaration(connection: &Connection, id_number: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension as _;
    Ok(connection
        .query_row("SELECT unit_credit_code FROM employer_declarations WHERE id_number = ?1", [id_number], |row| {
            row.get(0)
        })
        .optional()?)
}
