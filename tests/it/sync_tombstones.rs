//! Deletions in the listings other than certificates: the sandbox deletes a record, the next
//! sync removes it from the cache and counts it, and a re-run transfers nothing.

use certdesk::domain::CertificateStatus;
use certdesk::platform::wire::{Resource, Role};
use certdesk::platform::worker::run_job;
use certdesk::sandbox::dataset::key_of;
use certdesk::sandbox::{Account, Dataset, SandboxHandle};
use certdesk::store::{Store, compliance, records};
use serde_json::Value;

use crate::support::{block_on, job, start_sandbox};

/// Returns the first record visible to the account whose person has a current certificate at
/// the account's unit, so deleting it leaves the unit's roster as it was.
fn record_of_rostered_person(data: &Dataset, account: &Account, resource: Resource, person_field: &str) -> Value {
    let rostered = |id_number: &str| {
        data.certificates.iter().any(|c| {
            c.id_number == id_number && c.unit_credit_code == account.scope && c.status == CertificateStatus::Valid
        })
    };
    data.visible(resource, account)
        .into_iter()
        .find(|record| record[person_field].as_str().is_some_and(rostered))
        .expect("the demo unit has such a record")
}

fn unit_account(sandbox: &SandboxHandle) -> Account {
    sandbox.account(Role::Unit).unwrap().clone()
}

fn count_where(cache: &std::path::Path, sql: &str, value: &str) -> i64 {
    let connection = rusqlite::Connection::open(cache).unwrap();
    connection.query_row(sql, [value], |row| row.get(0)).unwrap()
}

fn month_cached(cache: &std::path::Path, month: &Value) -> bool {
    let connection = rusqlite::Connection::open(cache).unwrap();
    let rows: i64 = connection
        .query_row(
            "SELECT count(*) FROM social_security_months JOIN persons USING (person_id)
             WHERE id_number = ?1 AND unit_credit_code = ?2 AND month = ?3",
            [&month["id_number"], &month["unit_credit_code"], &month["month"]].map(|v| v.as_str().unwrap()),
            |row| row.get(0),
        )
        .unwrap();
    rows > 0
}

#[test]
fn deleted_month_and_project_leave_cache() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let job = job(&sandbox, Role::Unit, cache.clone());
    block_on(run_job(&job, |_| {})).unwrap();
    let account = unit_account(&sandbox);
    let data = sandbox.data();
    let month = record_of_rostered_person(&data, &account, Resource::SocialSecurityMonths, "id_number");
    let project = record_of_rostered_person(&data, &account, Resource::Projects, "manager_id_number");
    let project_id = project["project_id"].as_str().unwrap().to_owned();
    let stoppages = project["stoppages"].as_array().map_or(0, Vec::len) as u64;
    let mut expected = Store::open(&cache).unwrap().read(records::table_counts).unwrap();
    *expected.get_mut("social_security_months").unwrap() -= 1;
    *expected.get_mut("projects").unwrap() -= 1;
    *expected.get_mut("project_stoppages").unwrap() -= stoppages;
    assert!(sandbox.delete_record(Resource::SocialSecurityMonths, &key_of(Resource::SocialSecurityMonths, &month)));
    assert!(sandbox.delete_record(Resource::Projects, &key_of(Resource::Projects, &project)));

    let summary = block_on(run_job(&job, |_| {})).unwrap();

    assert_eq!(summary.deleted, 2, "{summary:?}");
    let sent = data.visible(Resource::SocialSecurityMonths, &account).len() - 1
        + data.visible(Resource::Projects, &account).len()
        - 1;
    assert_eq!(summary.fetched, sent as u64, "only the two changed listings travel again: {summary:?}");
    assert_eq!(Store::open(&cache).unwrap().read(records::table_counts).unwrap(), expected);
    assert_eq!(count_where(&cache, "SELECT count(*) FROM projects WHERE project_id = ?1", &project_id), 0);
    assert!(!month_cached(&cache, &month), "the deleted month is gone");

    let again = block_on(run_job(&job, |_| {})).unwrap();

    assert_eq!((again.fetched, again.written, again.deleted), (0, 0, 0), "{again:?}");
    assert_eq!(again.pages, 1, "only the empty page of the certificate change feed: {again:?}");
}

#[test]
fn deleted_month_marks_person_changed() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let job = job(&sandbox, Role::Unit, cache.clone());
    block_on(run_job(&job, |_| {})).unwrap();
    let mut store = Store::open(&cache).unwrap();
    store.write(compliance::clear_changed).unwrap();
    drop(store);
    let account = unit_account(&sandbox);
    let month = record_of_rostered_person(&sandbox.data(), &account, Resource::SocialSecurityMonths, "id_number");
    assert!(month_cached(&cache, &month));
    assert!(sandbox.delete_record(Resource::SocialSecurityMonths, &key_of(Resource::SocialSecurityMonths, &month)));

    block_on(run_job(&job, |_| {})).unwrap();

    let mut store = Store::open(&cache).unwrap();
    let person = store.read(|c| records::person_id(c, month["id_number"].as_str().unwrap())).unwrap().unwrap();
    let changed = store.write(compliance::take_changed).unwrap();
    // The refetched listing rewrites every month it contains, so others are marked too.
    assert!(changed.contains(&person), "the person whose month was deleted is marked changed: {changed:?}");
    assert!(!month_cached(&cache, &month));
}

#[test]
fn tombstone_skips_accounts_never_shown() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let holder_cache = dir.path().join("holder.sqlite3");
    let holder_job = job(&sandbox, Role::Holder, holder_cache.clone());
    block_on(run_job(&holder_job, |_| {})).unwrap();
    let holder = sandbox.account(Role::Holder).unwrap().clone();
    let data = sandbox.data();
    let hidden = data
        .projects
        .iter()
        .find(|p| p.manager_id_number != holder.scope)
        .map(|p| serde_json::to_value(p).unwrap())
        .unwrap();
    assert!(sandbox.delete_record(Resource::Projects, &key_of(Resource::Projects, &hidden)));
    let requests_before = sandbox.listing_requests().len();

    let summary = block_on(run_job(&holder_job, |_| {})).unwrap();

    assert_eq!((summary.fetched, summary.deleted), (0, 0), "{summary:?}");
    let second_run = &sandbox.listing_requests()[requests_before..];
    assert_eq!(second_run.len(), Resource::ALL.len(), "every listing answered in one request");
}
