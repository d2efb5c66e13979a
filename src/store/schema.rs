//! The cache schema as ordered migrations. A shipped migration is never edited: a change is a
//! new entry at the end.

/// Each entry moves the schema from version `index` to `index + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: units, persons, certificate versions and their specialties.
    "
    CREATE TABLE units (
        credit_code TEXT PRIMARY KEY NOT NULL,
        name        TEXT NOT NULL
    ) STRICT;

    CREATE TABLE persons (
        person_id   INTEGER PRIMARY KEY,
        id_type     TEXT NOT NULL,
        id_number   TEXT NOT NULL,
        name        TEXT NOT NULL,
        sex         TEXT NOT NULL CHECK (sex IN ('male', 'female')),
        birth_date  TEXT NOT NULL,
        UNIQUE (id_type, id_number)
    ) STRICT;

    CREATE TABLE certificates (
        certificate_id      TEXT NOT NULL,
        version             INTEGER NOT NULL,
        status              TEXT NOT NULL CHECK (status IN ('valid', 'superseded')),
        qualification       TEXT NOT NULL,
        registration_number TEXT NOT NULL,
        seal_check_code     TEXT,
        person_id           INTEGER NOT NULL REFERENCES persons (person_id),
        unit_credit_code    TEXT NOT NULL REFERENCES units (credit_code),
        issuer              TEXT NOT NULL,
        issued_on           TEXT NOT NULL,
        licence_id          TEXT NOT NULL,
        photo_png           BLOB NOT NULL,
        signature_png       BLOB NOT NULL,
        PRIMARY KEY (certificate_id, version)
    ) STRICT;

    CREATE TABLE specialties (
        certificate_id TEXT NOT NULL,
        version        INTEGER NOT NULL,
        position       INTEGER NOT NULL,
        name           TEXT NOT NULL,
        valid_from     TEXT NOT NULL,
        valid_to       TEXT NOT NULL,
        PRIMARY KEY (certificate_id, version, position),
        FOREIGN KEY (certificate_id, version) REFERENCES certificates (certificate_id, version)
            ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE sync_state (
        resource   TEXT PRIMARY KEY NOT NULL,
        page_token TEXT,
        updated_at TEXT NOT NULL
    ) STRICT;
    ",
    // 2: lookups by registration number and person, and a record of each sync run.
    "
    CREATE INDEX certificates_by_registration_number ON certificates (registration_number);
    CREATE INDEX certificates_by_person ON certificates (person_id);

    CREATE TABLE sync_runs (
        run_id      INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        outcome     TEXT NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
        pages       INTEGER NOT NULL DEFAULT 0,
        records     INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    ",
    // 3: the data around a certificate that the compliance rules compare: social security and
    // housing fund months, 安管 certificates, projects and their stoppages, continuing
    // education, professional titles, exemptions, change applications and their history.
    "
    ALTER TABLE units ADD COLUMN region_code TEXT NOT NULL DEFAULT '';

    CREATE TABLE social_security_months (
        person_id        INTEGER NOT NULL REFERENCES persons (person_id),
        unit_credit_code TEXT NOT NULL,
        month            TEXT NOT NULL CHECK (month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
        source           TEXT NOT NULL CHECK (source IN ('platform', 'import')),
        PRIMARY KEY (person_id, unit_credit_code, month)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX social_security_by_unit_month ON social_security_months (unit_credit_code, month);

    CREATE TABLE housing_fund_months (
        person_id        INTEGER NOT NULL REFERENCES persons (person_id),
        unit_credit_code TEXT NOT NULL,
        month            TEXT NOT NULL CHECK (month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
        source           TEXT NOT NULL CHECK (source IN ('platform', 'import')),
        PRIMARY KEY (person_id, unit_credit_code, month)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX housing_fund_by_unit_month ON housing_fund_months (unit_credit_code, month);

    CREATE TABLE safety_certificates (
        certificate_number TEXT PRIMARY KEY NOT NULL,
        person_id          INTEGER NOT NULL REFERENCES persons (person_id),
        category           TEXT NOT NULL CHECK (category IN ('A', 'B', 'C')),
        unit_credit_code   TEXT NOT NULL,
        status_code        TEXT NOT NULL CHECK (status_code IN ('01', '02', '03', '04', '05', '06', '07', '99')),
        valid_to           TEXT NOT NULL
    ) STRICT;
    CREATE INDEX safety_certificates_by_person ON safety_certificates (person_id);

    CREATE TABLE projects (
        project_id             TEXT PRIMARY KEY NOT NULL,
        name                   TEXT NOT NULL,
        contractor_credit_code TEXT NOT NULL,
        manager_person_id      INTEGER NOT NULL REFERENCES persons (person_id),
        status                 TEXT NOT NULL CHECK (status IN ('in_progress', 'stopped', 'completed')),
        started_on             TEXT NOT NULL,
        completed_on           TEXT,
        contract_accepted_on   TEXT,
        parent_project_id      TEXT
    ) STRICT;
    CREATE INDEX projects_by_manager ON projects (manager_person_id);

    CREATE TABLE project_stoppages (
        project_id        TEXT NOT NULL REFERENCES projects (project_id) ON DELETE CASCADE,
        stopped_on        TEXT NOT NULL,
        resumed_on        TEXT,
        contractor_caused INTEGER NOT NULL CHECK (contractor_caused IN (0, 1)),
        client_consent    INTEGER NOT NULL CHECK (client_consent IN (0, 1)),
        PRIMARY KEY (project_id, stopped_on)
    ) STRICT;

    CREATE TABLE continuing_education (
        person_id        INTEGER NOT NULL REFERENCES persons (person_id),
        specialty        TEXT NOT NULL,
        period_start     TEXT NOT NULL,
        period_end       TEXT NOT NULL,
        compulsory_hours INTEGER NOT NULL CHECK (compulsory_hours >= 0),
        elective_hours   INTEGER NOT NULL CHECK (elective_hours >= 0),
        PRIMARY KEY (person_id, specialty, period_start)
    ) STRICT;

    CREATE TABLE professional_titles (
        person_id INTEGER NOT NULL REFERENCES persons (person_id),
        title     TEXT NOT NULL,
        level     TEXT NOT NULL,
        issuer    TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        PRIMARY KEY (person_id, title, issued_on)
    ) STRICT;

    CREATE TABLE exemptions (
        exemption_id  TEXT PRIMARY KEY NOT NULL,
        person_id     INTEGER NOT NULL REFERENCES persons (person_id),
        kind          TEXT NOT NULL CHECK (kind IN ('retired', 'public_institution', 'university_consulting',
                                                   'demobilised_military', 'insurance_bought_out', 'other_legal_basis')),
        evidence_file TEXT NOT NULL,
        note          TEXT NOT NULL DEFAULT '',
        recorded_on   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX exemptions_by_person ON exemptions (person_id);

    CREATE TABLE change_applications (
        application_id   TEXT PRIMARY KEY NOT NULL,
        person_id        INTEGER NOT NULL REFERENCES persons (person_id),
        kind             TEXT NOT NULL CHECK (kind IN ('initial', 'renewal', 'change_employer', 'change_other',
                                                       'add_specialty', 'cancellation', 'reregistration')),
        state            TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'under_review', 'returned',
                                                        'resubmitted', 'approved', 'rejected')),
        unit_credit_code TEXT NOT NULL,
        qualification    TEXT NOT NULL,
        created_on       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX change_applications_by_person ON change_applications (person_id);

    CREATE TABLE application_events (
        application_id TEXT NOT NULL REFERENCES change_applications (application_id) ON DELETE CASCADE,
        sequence       INTEGER NOT NULL,
        happened_on    TEXT NOT NULL,
        state          TEXT NOT NULL,
        note           TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (application_id, sequence)
    ) STRICT;
    ",
    // 4: the unit a holder declares as their real employer, which the "who uses my
    // certificate" check compares with every unit their records name.
    "
    CREATE TABLE employer_declarations (
        id_number        TEXT PRIMARY KEY NOT NULL,
        unit_credit_code TEXT NOT NULL,
        declared_on      TEXT NOT NULL
    ) STRICT;
    ",
    // 5: the export register (用证台账): one row per exported copy of a certificate.
    "
    CREATE TABLE exports (
        export_id           INTEGER PRIMARY KEY,
        exported_at         TEXT NOT NULL,
        certificate_id      TEXT NOT NULL,
        version             INTEGER NOT NULL,
        registration_number TEXT NOT NULL,
        holder_name         TEXT NOT NULL,
        purpose             TEXT,
        recipient           TEXT,
        file_name           TEXT NOT NULL,
        file_sha256         TEXT NOT NULL CHECK (length(file_sha256) = 64),
        usable_until        TEXT NOT NULL,
        source              TEXT NOT NULL CHECK (source IN ('gui', 'cli'))
    ) STRICT;
    CREATE INDEX exports_by_usable_until ON exports (usable_until);
    ",
    // 6: people whose records changed since the compliance findings were last computed, so a
    // re-check after a sync or an import reads only them. Triggers fill the table whatever
    // writes the rows (sync, import, export register); the checker empties it. The triggers
    // test NOT EXISTS rather than INSERT OR IGNORE, because a trigger's conflict clause is
    // replaced by that of the statement that fired it.
    "
    CREATE TABLE compliance_dirty (person_id INTEGER PRIMARY KEY) STRICT;
    CREATE TRIGGER persons_dirty_insert AFTER INSERT ON persons
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id); END;
    CREATE TRIGGER persons_dirty_update AFTER UPDATE ON persons
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER persons_dirty_delete AFTER DELETE ON persons
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER certificates_dirty_insert AFTER INSERT ON certificates
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id); END;
    CREATE TRIGGER certificates_dirty_update AFTER UPDATE ON certificates
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER certificates_dirty_delete AFTER DELETE ON certificates
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER social_security_months_dirty_insert AFTER INSERT ON social_security_months
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id); END;
    CREATE TRIGGER social_security_months_dirty_update AFTER UPDATE ON social_security_months
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER social_security_months_dirty_delete AFTER DELETE ON social_security_months
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER housing_fund_months_dirty_insert AFTER INSERT ON housing_fund_months
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id); END;
    CREATE TRIGGER housing_fund_months_dirty_update AFTER UPDATE ON housing_fund_months
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER housing_fund_months_dirty_delete AFTER DELETE ON housing_fund_months
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER safety_certificates_dirty_insert AFTER INSERT ON safety_certificates
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id); END;
    CREATE TRIGGER safety_certificates_dirty_update AFTER UPDATE ON safety_certificates
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER safety_certificates_dirty_delete AFTER DELETE ON safety_certificates
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER projects_dirty_insert AFTER INSERT ON projects
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.manager_person_id WHERE NEW.manager_person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.manager_person_id); END;
    CREATE TRIGGER projects_dirty_update AFTER UPDATE ON projects
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.manager_person_id WHERE NEW.manager_person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.manager_person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.manager_person_id WHERE OLD.manager_person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.manager_person_id); END;
    CREATE TRIGGER projects_dirty_delete AFTER DELETE ON projects
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.manager_person_id WHERE OLD.manager_person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.manager_person_id); END;
    CREATE TRIGGER continuing_education_dirty_insert AFTER INSERT ON continuing_education
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id); END;
    CREATE TRIGGER continuing_education_dirty_update AFTER UPDATE ON continuing_education
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER continuing_education_dirty_delete AFTER DELETE ON continuing_education
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER exemptions_dirty_insert AFTER INSERT ON exemptions
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id); END;
    CREATE TRIGGER exemptions_dirty_update AFTER UPDATE ON exemptions
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER exemptions_dirty_delete AFTER DELETE ON exemptions
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER change_applications_dirty_insert AFTER INSERT ON change_applications
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id); END;
    CREATE TRIGGER change_applications_dirty_update AFTER UPDATE ON change_applications
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = NEW.person_id);
          INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER change_applications_dirty_delete AFTER DELETE ON change_applications
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = OLD.person_id); END;
    CREATE TRIGGER specialties_dirty_insert AFTER INSERT ON specialties
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version) WHERE (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version)); END;
    CREATE TRIGGER specialties_dirty_update AFTER UPDATE ON specialties
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version) WHERE (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version));
          INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM certificates WHERE certificate_id = OLD.certificate_id AND version = OLD.version) WHERE (SELECT person_id FROM certificates WHERE certificate_id = OLD.certificate_id AND version = OLD.version) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM certificates WHERE certificate_id = OLD.certificate_id AND version = OLD.version)); END;
    CREATE TRIGGER specialties_dirty_delete AFTER DELETE ON specialties
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM certificates WHERE certificate_id = OLD.certificate_id AND version = OLD.version) WHERE (SELECT person_id FROM certificates WHERE certificate_id = OLD.certificate_id AND version = OLD.version) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM certificates WHERE certificate_id = OLD.certificate_id AND version = OLD.version)); END;
    CREATE TRIGGER project_stoppages_dirty_insert AFTER INSERT ON project_stoppages
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT manager_person_id FROM projects WHERE project_id = NEW.project_id) WHERE (SELECT manager_person_id FROM projects WHERE project_id = NEW.project_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT manager_person_id FROM projects WHERE project_id = NEW.project_id)); END;
    CREATE TRIGGER project_stoppages_dirty_update AFTER UPDATE ON project_stoppages
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT manager_person_id FROM projects WHERE project_id = NEW.project_id) WHERE (SELECT manager_person_id FROM projects WHERE project_id = NEW.project_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT manager_person_id FROM projects WHERE project_id = NEW.project_id));
          INSERT INTO compliance_dirty (person_id) SELECT (SELECT manager_person_id FROM projects WHERE project_id = OLD.project_id) WHERE (SELECT manager_person_id FROM projects WHERE project_id = OLD.project_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT manager_person_id FROM projects WHERE project_id = OLD.project_id)); END;
    CREATE TRIGGER project_stoppages_dirty_delete AFTER DELETE ON project_stoppages
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT manager_person_id FROM projects WHERE project_id = OLD.project_id) WHERE (SELECT manager_person_id FROM projects WHERE project_id = OLD.project_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT manager_person_id FROM projects WHERE project_id = OLD.project_id)); END;
    CREATE TRIGGER application_events_dirty_insert AFTER INSERT ON application_events
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM change_applications WHERE application_id = NEW.application_id) WHERE (SELECT person_id FROM change_applications WHERE application_id = NEW.application_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM change_applications WHERE application_id = NEW.application_id)); END;
    CREATE TRIGGER application_events_dirty_update AFTER UPDATE ON application_events
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM change_applications WHERE application_id = NEW.application_id) WHERE (SELECT person_id FROM change_applications WHERE application_id = NEW.application_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM change_applications WHERE application_id = NEW.application_id));
          INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM change_applications WHERE application_id = OLD.application_id) WHERE (SELECT person_id FROM change_applications WHERE application_id = OLD.application_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM change_applications WHERE application_id = OLD.application_id)); END;
    CREATE TRIGGER application_events_dirty_delete AFTER DELETE ON application_events
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM change_applications WHERE application_id = OLD.application_id) WHERE (SELECT person_id FROM change_applications WHERE application_id = OLD.application_id) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM change_applications WHERE application_id = OLD.application_id)); END;
    CREATE TRIGGER exports_dirty_insert AFTER INSERT ON exports
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version) WHERE (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version)); END;
    CREATE TRIGGER exports_dirty_update AFTER UPDATE ON exports
    BEGIN INSERT INTO compliance_dirty (person_id) SELECT (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version) WHERE (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM compliance_dirty WHERE person_id = (SELECT person_id FROM certificates WHERE certificate_id = NEW.certificate_id AND version = NEW.version)); END;
    ",
    // 7: the entity tag of each listing as of its last complete fetch, so an unchanged listing
    // is answered with 304 Not Modified and transfers no records.
    "
    ALTER TABLE sync_state ADD COLUMN etag TEXT;
    ",
    // 8: the cursor of a change feed as of its last complete fetch, so the next sync asks only
    // for what changed since.
    "
    ALTER TABLE sync_state ADD COLUMN cursor TEXT;
    ",
    // 9: the issuer's signature over each certificate version, checked whenever it is shown.
    "
    CREATE TABLE certificate_signatures (
        certificate_id TEXT NOT NULL,
        version        INTEGER NOT NULL,
        alg            TEXT NOT NULL,
        key_id         TEXT NOT NULL,
        value          BLOB NOT NULL,
        PRIMARY KEY (certificate_id, version),
        FOREIGN KEY (certificate_id, version) REFERENCES certificates (certificate_id, version)
            ON DELETE CASCADE
    ) STRICT;
    ",
    // 10: registration applications being prepared (草稿) with their checked materials, kept
    // by the SHA-256 of each file's copy in the data folder.
    "
    CREATE TABLE application_drafts (
        draft_id         INTEGER PRIMARY KEY,
        kind             TEXT NOT NULL,
        qualification    TEXT NOT NULL,
        id_number        TEXT NOT NULL,
        unit_credit_code TEXT NOT NULL,
        specialties      TEXT NOT NULL DEFAULT '',
        qualified_on     TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
    ) STRICT;

    CREATE TABLE draft_materials (
        draft_id      INTEGER NOT NULL REFERENCES application_drafts (draft_id) ON DELETE CASCADE,
        material_kind TEXT NOT NULL,
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
        display_name  TEXT NOT NULL,
        format        TEXT NOT NULL,
        size          INTEGER NOT NULL,
        pages         INTEGER,
        signed        INTEGER NOT NULL CHECK (signed IN (0, 1)),
        PRIMARY KEY (draft_id, sha256)
    ) STRICT;
    ",
    // 11: the outbox (待发送) of actions taken offline, each sent once under its idempotency key.
    // Each draft gains its state (being edited, waiting in the outbox, sent) and the warnings the
    // user overrode. A returned application gains the reviewer's reason per material.
    "
    ALTER TABLE application_drafts ADD COLUMN state TEXT NOT NULL DEFAULT 'editing'
        CHECK (state IN ('editing', 'queued', 'sent'));
    ALTER TABLE application_drafts ADD COLUMN application_id TEXT;
    ALTER TABLE application_drafts ADD COLUMN overrides TEXT NOT NULL DEFAULT '[]';

    CREATE TABLE outbox (
        outbox_id       INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL CHECK (kind IN ('application', 'exemption')),
        draft_id        INTEGER REFERENCES application_drafts (draft_id) ON DELETE SET NULL,
        body            TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'refused')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        remote_id       TEXT,
        created_at      TEXT NOT NULL,
        sent_at         TEXT
    ) STRICT;

    CREATE TABLE application_corrections (
        application_id TEXT NOT NULL REFERENCES change_applications (application_id) ON DELETE CASCADE,
        material       TEXT NOT NULL,
        reason         TEXT NOT NULL,
        PRIMARY KEY (application_id, material)
    ) STRICT;
    ",
    // 12: persons by ID number alone. Records from a sync or an import name their person by ID
    // number without its type, which the UNIQUE (id_type, id_number) index cannot serve, so each
    // lookup scanned the whole persons table.
    "
    CREATE INDEX persons_by_id_number ON persons (id_number);
    ",
    // 13: a person's certificates with every column the compliance check reads, so the check
    // reads this index instead of the rows, whose photo and signature images fill most of a 4 KB
    // page each. It replaces the index on person_id alone, a prefix of this one.
    "
    CREATE INDEX certificates_for_checks ON certificates (
        person_id, status, certificate_id, version, qualification, registration_number, unit_credit_code,
        issued_on, issuer
    );
    DROP INDEX certificates_by_person;
    ",
    // 14: the last draft number given out. SQLite reuses the largest rowid once its row is
    // deleted, so deleting draft #3 and saving a new one made another #3, and a script that
    // deleted drafts by number could hit the wrong one. Numbers now only go up.
    "
    CREATE TABLE draft_numbers (last INTEGER NOT NULL) STRICT;
    INSERT INTO draft_numbers (last) SELECT COALESCE(MAX(draft_id), 0) FROM application_drafts;
    ",
];

/// The schema version a fresh cache has.
pub fn current_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).unwrap_or(u32::MAX)
}
