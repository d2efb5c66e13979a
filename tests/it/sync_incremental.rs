//! Sync after a complete sync: unchanged listings come back as 304 Not Modified and transfer no
//! records, and only a changed listing is fetched again.

use std::collections::BTreeMap;

use certdesk::platform::wire::{Resource, Role};
use certdesk::platform::worker::run_job;
use certdesk::sandbox::{ListingRequest, SandboxHandle, SandboxOptions, sample};
use certdesk::store::{Store, records};

use crate::support::{block_on, endpoint, job, start_sandbox, start_sandbox_with};

fn requests_per_listing(requests: &[ListingRequest]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for request in requests {
        *counts.entry(request.resource.path()).or_default() += 1;
    }
    counts
}

#[test]
fn unchanged_listings_transfer_nothing() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let job = job(&sandbox, Role::Unit, cache.clone());
    block_on(run_job(&job, |_| {})).unwrap();
    let counts_before = Store::open(&cache).unwrap().read(records::table_counts).unwrap();
    let requests_before = sandbox.listing_requests().len();

    let summary = block_on(run_job(&job, |_| {})).unwrap();

    assert_eq!((summary.fetched, summary.written, summary.pages, summary.bytes), (0, 0, 0, 0), "{summary:?}");
    let second_run = &sandbox.listing_requests()[requests_before..];
    assert_eq!(second_run.len(), Resource::ALL.len(), "one request per listing");
    assert!(second_run.iter().all(|r| r.page_token.is_none()));
    assert_eq!(Store::open(&cache).unwrap().read(records::table_counts).unwrap(), counts_before);
}

#[test]
fn changed_listing_alone_is_refetched() {
    let original = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    block_on(run_job(&job(&original, Role::Unit, cache.clone()), |_| {})).unwrap();
    let mut data = sample::generate(sample::DEFAULT_SEED);
    let account = data.accounts[1].clone();
    let renamed = serde_json::from_value::<certdesk::domain::records::Person>(
        data.visible(Resource::Persons, &account)[0].clone(),
    )
    .unwrap();
    let person = data.persons.iter_mut().find(|p| p.id_number == renamed.id_number).unwrap();
    person.name = "王喆".to_owned();
    let changed = start_sandbox_with(data.clone());
    let mut job = job(&changed, Role::Unit, cache.clone());
    job.endpoint = endpoint(&changed);

    let summary = block_on(run_job(&job, |_| {})).unwrap();

    let persons = data.visible(Resource::Persons, &account).len() as u64;
    assert_eq!(summary.fetched, persons, "only the persons listing travels again");
    let per_listing = requests_per_listing(&changed.listing_requests());
    for resource in Resource::ALL.into_iter().filter(|r| *r != Resource::Persons) {
        assert_eq!(per_listing[resource.path()], 1, "{} answered 304", resource.path());
    }
    let connection = rusqlite::Connection::open(&cache).unwrap();
    let name: String = connection
        .query_row("SELECT name FROM persons WHERE id_number = ?1", [&renamed.id_number], |row| row.get(0))
        .unwrap();
    assert_eq!(name, "王喆");
}

#[test]
fn state_dir_keeps_ca_and_data_across_restart() {
    certdesk::install_crypto_provider();
    let dir = tempfile::tempdir().unwrap();
    let state_dir = dir.path().join("沙箱状态");
    let cache = dir.path().join("cache.sqlite3");
    let mut data = sample::generate(sample::DEFAULT_SEED);
    data.persons[0].name = "赵堃".to_owned();
    let options = SandboxOptions { data: Some(data), state_dir: Some(state_dir.clone()), ..SandboxOptions::default() };
    let first = SandboxHandle::start(&options).unwrap();
    let first_job = job(&first, Role::Unit, cache.clone());
    block_on(run_job(&first_job, |_| {})).unwrap();
    let first_ca = first.ca_pem().to_owned();
    drop(first);

    let restarted =
        SandboxHandle::start(&SandboxOptions { state_dir: Some(state_dir.clone()), ..SandboxOptions::default() })
            .unwrap();
    let mut job = first_job;
    job.endpoint.url = restarted.url().to_owned();

    let summary = block_on(run_job(&job, |_| {})).unwrap();

    assert_eq!(restarted.ca_pem(), first_ca, "the CA is kept");
    assert!(state_dir.join("ca-key.pem").exists());
    assert_eq!(summary.fetched, 0, "the kept data is unchanged, so every listing answers 304: {summary:?}");
    assert_eq!(restarted.listing_requests().len(), Resource::ALL.len());
}
