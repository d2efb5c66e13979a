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
];

/// The schema version a fresh cache has.
pub fn current_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).unwrap_or(u32::MAX)
}
