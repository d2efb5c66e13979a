//! Every old schema upgrades to the same schema a fresh cache gets.

use certdesk::store::{Store, migrate, schema, schema_version};
use rusqlite::Connection;

/// Returns the schema as sorted `sqlite_master` rows.
fn schema_of(connection: &Connection) -> Vec<(String, String, String)> {
    let mut statement = connection
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn every_old_schema_upgrades_to_current() {
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("fresh.sqlite3");
    drop(Store::open(&fresh_path).unwrap());
    let fresh = schema_of(&Connection::open(&fresh_path).unwrap());

    for old_version in 0..schema::MIGRATIONS.len() {
        let path = dir.path().join(format!("v{old_version}.sqlite3"));
        let mut connection = Connection::open(&path).unwrap();
        migrate(&mut connection, &schema::MIGRATIONS[..old_version]).unwrap();
        assert_eq!(schema_version(&connection).unwrap() as usize, old_version);
        drop(connection);

        drop(Store::open(&path).unwrap());

        let upgraded = Connection::open(&path).unwrap();
        assert_eq!(schema_version(&upgraded).unwrap(), schema::current_version(), "from v{old_version}");
        assert_eq!(schema_of(&upgraded), fresh, "schema upgraded from v{old_version} differs from a fresh one");
    }
}

#[test]
fn data_survives_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite3");
    let mut connection = Connection::open(&path).unwrap();
    migrate(&mut connection, &schema::MIGRATIONS[..1]).unwrap();
    connection
        .execute("INSERT INTO units (credit_code, name) VALUES ('11100000000013338W', '住房和城乡建设部')", [])
        .unwrap();
    drop(connection);

    let store = Store::open(&path).unwrap();

    let name: String = store
        .read(|c| Ok(c.query_row("SELECT name FROM units WHERE credit_code = '11100000000013338W'", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(name, "住房和城乡建设部");
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    let connection = Connection::open(&path).unwrap();
    connection.pragma_update(None, "user_version", 999).unwrap();
    drop(connection);

    let result = Store::open(&path);

    assert!(matches!(result, Err(certdesk::store::StoreError::TooNew { found: 999, .. })));
}

#[test]
fn failed_migration_leaves_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.sqlite3");
    let mut connection = Connection::open(&path).unwrap();
    let broken = [schema::MIGRATIONS[0], "CREATE TABLE ok (x); THIS IS NOT SQL;"];

    assert!(migrate(&mut connection, &broken).is_err());

    assert_eq!(schema_version(&connection).unwrap(), 0);
    let tables: i64 =
        connection.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 0, "a failed batch rolls back every migration of the batch");
}
