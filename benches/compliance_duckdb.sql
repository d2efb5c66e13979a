-- CertDesk's 挂证 rules C01–C09, C11 and C12 in DuckDB SQL, over the CSV files that
-- `sandbox::generator::CsvSink` writes: the reference of `benches/compliance.rs`.
-- `compliance_duckdb.py` replaces @CSV@ with the folder of the CSV files and @AS_OF@ with the
-- as-of day (YYYY-MM-DD), runs the statements in order and reads the rows of the last one.
--
-- Each rule follows its Rust function in `src/domain/compliance.rs` with the default
-- `CheckSettings`: 3 recent months (C02, C04, C05), 90 days of expiry warning (C09), 3 changes
-- within 365 days (C12), and 60 compulsory and 60 elective hours (C11). C10 is left out because
-- it reads the export register, which the generator does not fill and the CSV files do not carry.
-- The last statement returns one row per code: the number of findings, and how many of them a
-- recorded exemption explains (C02 and C04 only).

-- Every file is read once into a table that keeps only the rows and columns the rules use.
CREATE TEMP TABLE person AS
SELECT person_id, birth_date
FROM read_csv('@CSV@/persons.csv', header = true, columns = {
    'person_id': 'BIGINT', 'id_type': 'VARCHAR', 'id_number': 'VARCHAR', 'name': 'VARCHAR',
    'sex': 'VARCHAR', 'birth_date': 'DATE'});

-- Certificate versions in force (status valid), with any specialty dates.
CREATE TEMP TABLE certificate AS
SELECT certificate_id, version, qualification, person_id, unit_credit_code
FROM read_csv('@CSV@/certificates.csv', header = true, columns = {
    'certificate_id': 'VARCHAR', 'version': 'INTEGER', 'status': 'VARCHAR', 'qualification': 'VARCHAR',
    'registration_number': 'VARCHAR', 'seal_check_code': 'VARCHAR', 'person_id': 'BIGINT',
    'unit_credit_code': 'VARCHAR', 'issuer': 'VARCHAR', 'issued_on': 'DATE', 'licence_id': 'VARCHAR',
    'photo_png': 'VARCHAR', 'signature_png': 'VARCHAR'})
WHERE status = 'valid';

CREATE TEMP TABLE specialty AS
SELECT certificate_id, version, valid_from, valid_to
FROM read_csv('@CSV@/specialties.csv', header = true, columns = {
    'certificate_id': 'VARCHAR', 'version': 'INTEGER', 'position': 'INTEGER', 'name': 'VARCHAR',
    'valid_from': 'DATE', 'valid_to': 'DATE'});

CREATE TEMP TABLE social_security AS
SELECT person_id, unit_credit_code, month
FROM read_csv('@CSV@/social_security_months.csv', header = true, columns = {
    'person_id': 'BIGINT', 'unit_credit_code': 'VARCHAR', 'month': 'VARCHAR', 'source': 'VARCHAR'});

CREATE TEMP TABLE housing_fund AS
SELECT person_id, unit_credit_code, month
FROM read_csv('@CSV@/housing_fund_months.csv', header = true, columns = {
    'person_id': 'BIGINT', 'unit_credit_code': 'VARCHAR', 'month': 'VARCHAR', 'source': 'VARCHAR'});

-- Valid (status code 01) 安管 B certificates.
CREATE TEMP TABLE safety_b AS
SELECT person_id, unit_credit_code
FROM read_csv('@CSV@/safety_certificates.csv', header = true, columns = {
    'certificate_number': 'VARCHAR', 'person_id': 'BIGINT', 'category': 'VARCHAR',
    'unit_credit_code': 'VARCHAR', 'status_code': 'VARCHAR', 'valid_to': 'DATE'})
WHERE category = 'B' AND status_code = '01';

CREATE TEMP TABLE project AS
SELECT project_id, manager_person_id, status, started_on, completed_on, contract_accepted_on,
       nullif(parent_project_id, '') AS parent_project_id
FROM read_csv('@CSV@/projects.csv', header = true, columns = {
    'project_id': 'VARCHAR', 'name': 'VARCHAR', 'contractor_credit_code': 'VARCHAR',
    'manager_person_id': 'BIGINT', 'status': 'VARCHAR', 'started_on': 'DATE', 'completed_on': 'DATE',
    'contract_accepted_on': 'DATE', 'parent_project_id': 'VARCHAR'});

CREATE TEMP TABLE stoppage AS
SELECT *
FROM read_csv('@CSV@/project_stoppages.csv', header = true, columns = {
    'project_id': 'VARCHAR', 'stopped_on': 'DATE', 'resumed_on': 'DATE', 'contractor_caused': 'INTEGER',
    'client_consent': 'INTEGER'});

-- Continuing-education periods running on the as-of day with hours short (C11).
CREATE TEMP TABLE education_short AS
SELECT person_id
FROM read_csv('@CSV@/continuing_education.csv', header = true, columns = {
    'person_id': 'BIGINT', 'specialty': 'VARCHAR', 'period_start': 'DATE', 'period_end': 'DATE',
    'compulsory_hours': 'INTEGER', 'elective_hours': 'INTEGER'})
WHERE period_start <= DATE '@AS_OF@' AND DATE '@AS_OF@' <= period_end
  AND (compulsory_hours < 60 OR elective_hours < 60);

CREATE TEMP TABLE exempted AS
SELECT DISTINCT person_id
FROM read_csv('@CSV@/exemptions.csv', header = true, columns = {
    'exemption_id': 'VARCHAR', 'person_id': 'BIGINT', 'kind': 'VARCHAR', 'evidence_file': 'VARCHAR',
    'note': 'VARCHAR', 'recorded_on': 'DATE'});

-- Registration changes filed within the 365 days up to the as-of day (C12).
CREATE TEMP TABLE change_filed AS
SELECT person_id
FROM read_csv('@CSV@/change_applications.csv', header = true, columns = {
    'application_id': 'VARCHAR', 'person_id': 'BIGINT', 'kind': 'VARCHAR', 'state': 'VARCHAR',
    'unit_credit_code': 'VARCHAR', 'qualification': 'VARCHAR', 'created_on': 'DATE'})
WHERE kind IN ('change_employer', 'change_other', 'add_specialty')
  AND state NOT IN ('draft', 'rejected')
  AND created_on > DATE '@AS_OF@' - INTERVAL 365 DAY AND created_on <= DATE '@AS_OF@';

-- The 3 recent months and the 12 months before the as-of month, as 'YYYY-MM' text.
CREATE TEMP TABLE recent_month AS
SELECT strftime(date_trunc('month', DATE '@AS_OF@') - to_months(k::INTEGER), '%Y-%m') AS month FROM range(1, 4) t(k);
CREATE TEMP TABLE year_month AS
SELECT strftime(date_trunc('month', DATE '@AS_OF@') - to_months(k::INTEGER), '%Y-%m') AS month FROM range(1, 13) t(k);

-- Registrations in force: a valid version with a specialty whose period contains the as-of day.
CREATE TEMP TABLE current_certificate AS
SELECT c.*
FROM certificate c
WHERE EXISTS (SELECT 1 FROM specialty s
              WHERE s.certificate_id = c.certificate_id AND s.version = c.version
                AND s.valid_from <= DATE '@AS_OF@' AND DATE '@AS_OF@' <= s.valid_to);

CREATE TEMP TABLE constructor_unit AS
SELECT DISTINCT person_id, unit_credit_code
FROM current_certificate
WHERE qualification IN ('constructor1', 'constructor2');

CREATE TEMP TABLE recent_social_security AS
SELECT DISTINCT person_id, unit_credit_code FROM social_security WHERE month IN (SELECT month FROM recent_month);

CREATE TEMP TABLE recent_housing_fund AS
SELECT DISTINCT person_id, unit_credit_code FROM housing_fund WHERE month IN (SELECT month FROM recent_month);

-- Projects that occupy their manager on the as-of day (C07): not completed, contract
-- acceptance not passed, started, and not in a stoppage of at least 120 days that the
-- contractor did not cause and the client agreed to.
CREATE TEMP TABLE active_project AS
SELECT j.*
FROM project j
WHERE j.status <> 'completed'
  AND (j.completed_on IS NULL OR j.completed_on > DATE '@AS_OF@')
  AND (j.contract_accepted_on IS NULL OR j.contract_accepted_on > DATE '@AS_OF@')
  AND j.started_on <= DATE '@AS_OF@'
  AND NOT EXISTS (
      SELECT 1 FROM stoppage s
      WHERE s.project_id = j.project_id
        AND s.stopped_on <= DATE '@AS_OF@'
        AND (s.resumed_on IS NULL OR s.resumed_on > DATE '@AS_OF@')
        AND date_diff('day', s.stopped_on, coalesce(s.resumed_on, DATE '@AS_OF@')) >= 120
        AND s.contractor_caused = 0 AND s.client_consent = 1);

-- One row per finding: the code and the person (C08, C09 and C11 may give a person several).
CREATE TEMP TABLE finding AS
-- C01: registrations in force in two or more units.
SELECT 'C01' AS code, person_id FROM current_certificate GROUP BY person_id HAVING count(DISTINCT unit_credit_code) >= 2
UNION ALL
-- C02: a constructor registration in force, social security paid in the recent months, but
-- never by a registration unit.
SELECT 'C02', person_id FROM (
    SELECT person_id FROM recent_social_security
    INTERSECT SELECT person_id FROM constructor_unit
    EXCEPT SELECT r.person_id FROM recent_social_security r
           JOIN constructor_unit u ON u.person_id = r.person_id AND u.unit_credit_code = r.unit_credit_code)
UNION ALL
-- C03: a month of the last 12 paid by two or more units.
SELECT 'C03', person_id FROM (
    SELECT DISTINCT person_id FROM social_security
    WHERE month IN (SELECT month FROM year_month)
    GROUP BY person_id, month HAVING count(DISTINCT unit_credit_code) > 1)
UNION ALL
-- C04: a registration in force and no social security in the recent months.
SELECT 'C04', person_id FROM (
    SELECT person_id FROM current_certificate EXCEPT SELECT person_id FROM recent_social_security)
UNION ALL
-- C05: housing fund in the recent months paid by a unit other than a registration unit, or by
-- several units.
SELECT 'C05', h.person_id
FROM recent_housing_fund h
LEFT JOIN constructor_unit u ON u.person_id = h.person_id AND u.unit_credit_code = h.unit_credit_code
WHERE h.person_id IN (SELECT person_id FROM constructor_unit)
GROUP BY h.person_id
HAVING count(*) >= 2 OR bool_or(u.unit_credit_code IS NULL)
UNION ALL
-- C06: a valid 安管 B certificate outside every constructor registration unit.
SELECT DISTINCT 'C06', s.person_id
FROM safety_b s
WHERE s.person_id IN (SELECT person_id FROM constructor_unit)
  AND NOT EXISTS (SELECT 1 FROM constructor_unit u
                  WHERE u.person_id = s.person_id AND u.unit_credit_code = s.unit_credit_code)
UNION ALL
-- C07: two or more active projects, sections or phases of one project counting once.
SELECT 'C07', manager_person_id FROM active_project
GROUP BY manager_person_id HAVING count(DISTINCT coalesce(parent_project_id, project_id)) >= 2
UNION ALL
-- C08, age: a valid registration on or after the 65th birthday (29 February counts as 1 March
-- in a year without it).
SELECT 'C08', p.person_id
FROM person p
WHERE p.person_id IN (SELECT person_id FROM certificate)
  AND (year(p.birth_date) + 65 < year(DATE '@AS_OF@')
       OR (year(p.birth_date) + 65 = year(DATE '@AS_OF@')
           AND CASE WHEN month(p.birth_date) = 2 AND day(p.birth_date) = 29
                         AND NOT (year(DATE '@AS_OF@') % 4 = 0
                                  AND (year(DATE '@AS_OF@') % 100 <> 0 OR year(DATE '@AS_OF@') % 400 = 0))
                    THEN '03-01' ELSE strftime(p.birth_date, '%m-%d') END
               <= strftime(DATE '@AS_OF@', '%m-%d')))
UNION ALL
-- C08, expiry: one finding per expired specialty of a valid registration.
SELECT 'C08', c.person_id
FROM certificate c JOIN specialty s ON s.certificate_id = c.certificate_id AND s.version = c.version
WHERE s.valid_to < DATE '@AS_OF@'
UNION ALL
-- C09: one finding per specialty of a registration in force that expires within 90 days.
SELECT 'C09', c.person_id
FROM current_certificate c JOIN specialty s ON s.certificate_id = c.certificate_id AND s.version = c.version
WHERE s.valid_to >= DATE '@AS_OF@' AND s.valid_to <= DATE '@AS_OF@' + INTERVAL 90 DAY
UNION ALL
-- C11: one finding per running period with hours short.
SELECT 'C11', person_id FROM education_short
UNION ALL
-- C12: three or more registration changes within 12 months.
SELECT 'C12', person_id FROM change_filed GROUP BY person_id HAVING count(*) >= 3;

SELECT f.code,
       count(*) AS findings,
       count(*) FILTER (WHERE f.code IN ('C02', 'C04') AND f.person_id IN (SELECT person_id FROM exempted)) AS explained
FROM finding f
GROUP BY f.code
ORDER BY f.code;
