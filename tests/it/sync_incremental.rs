//! Sync after a complete sync: unchanged listings come back as 304 Not Modified, the certificate
//! change feed sends only what changed, and a restarted sandbox with a state folder is the same
//! platform.

use std::collections::BTreeMap;
use std::time::Instant;

use certdesk::domain::CertificateStatus;
use certdesk::platform::wire::CertificateKey;
use certdesk::sandbox::Dataset;
use certdesk::store::certificates;

use certdesk::platform::wire::{Resource, Role};
use certdesk::platform::worker::run_job;
use certdesk::sandbox::{ListingRequest, SandboxHandle, SandboxOptions, sample};
use certdesk::store::{Store, records};

use crate::support::{block_on, endpoint, expected_counts, job, start_sandbox, start_sandbox_with};

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

    assert_eq!((summary.fetched, summary.written, summary.deleted), (0, 0, 0), "{summary:?}");
    assert_eq!(summary.pages, 1, "only the empty page of the certificate change feed: {summary:?}");
    assert!(summary.bytes < 200, "{summary:?}");
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

/// Adds `count` current certificates registered to the demo unit, copies of one of its own
/// without images, so a roster of 100 000 is cheap to build and to send.
fn large_roster(count: usize) -> Dataset {
    let mut data = sample::generate(sample::DEFAULT_SEED);
    let unit = data.accounts[1].scope.clone();
    let template = data
        .certificates
        .iter()
        .find(|c| c.unit_credit_code == unit && c.status == CertificateStatus::Valid)
        .unwrap()
        .clone();
    for i in 0..count {
        let mut certificate = template.clone();
        certificate.certificate_id = format!("bulk-{i:06}");
        certificate.photo_png = Vec::new();
        certificate.signature_png = Vec::new();
        data.certificates.push(certificate);
    }
    data
}

#[test]
fn one_percent_change_moves_only_delta() {
    const ROSTER: usize = 100_000;
    let data = large_roster(ROSTER);
    let sandbox = start_sandbox_with(data.clone());
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let mut job = job(&sandbox, Role::Unit, cache.clone());
    job.options.page_size = 500;
    let started = Instant::now();
    let full = block_on(run_job(&job, |_| {})).unwrap();
    let full_time = started.elapsed();
    let version = data.certificates.iter().find(|c| c.certificate_id == "bulk-000000").unwrap().version;
    let key = |i: usize| CertificateKey { certificate_id: format!("bulk-{i:06}"), version };
    let changed: Vec<usize> = (0..ROSTER).step_by(100).collect();
    for &i in &changed {
        assert!(sandbox.edit_certificate(&key(i), |c| c.specialties[0].valid_to += chrono::TimeDelta::days(365)));
    }
    let deleted: Vec<usize> = (1..ROSTER).step_by(1000).collect();
    for &i in &deleted {
        assert!(sandbox.delete_certificate(&key(i)));
    }

    let started = Instant::now();
    let delta = block_on(run_job(&job, |_| {})).unwrap();
    let delta_time = started.elapsed();

    eprintln!("full sync: {full:?} in {full_time:?}; after a 1 % change: {delta:?} in {delta_time:?}");
    assert_eq!(delta.fetched, changed.len() as u64, "{delta:?}");
    assert_eq!(delta.written, changed.len() as u64);
    assert_eq!(delta.deleted, deleted.len() as u64);
    assert!(delta.pages <= 3, "{delta:?}");
    assert!(delta.bytes * 50 < full.bytes, "the delta moves under 2 % of the bytes: {delta:?} vs {full:?}");
    let source = sandbox.data();
    let store = Store::open(&cache).unwrap();
    assert_eq!(store.read(records::table_counts).unwrap(), expected_counts(&source, &source.accounts[1]));
    let edited = source.certificates.iter().find(|c| c.certificate_id == key(changed[7]).certificate_id).unwrap();
    let cached = store.read(|c| certificates::load(c, &edited.certificate_id, edited.version)).unwrap();
    assert_eq!(cached.as_ref(), Some(edited));
    let gone = key(deleted[3]);
    assert_eq!(store.read(|c| certificates::load(c, &gone.certificate_id, gone.version)).unwrap(), None);
    drop(store);

    let again = block_on(run_job(&job, |_| {})).unwrap();

    assert_eq!((again.fetched, again.deleted), (0, 0), "{again:?}");
}

#[test]
fn other_data_restarts_change_feed() {
    let original = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    block_on(run_job(&job(&original, Role::Holder, cache.clone()), |_| {})).unwrap();
    let mut data = sample::generate(sample::DEFAULT_SEED);
    let holder = data.accounts[0].scope.clone();
    let edited = data.certificates.iter_mut().find(|c| c.id_number == holder).unwrap();
    edited.issuer = "某省住房和城乡建设厅".to_owned();
    let edited = edited.clone();
    let replaced = start_sandbox_with(data.clone());
    let mut job = job(&replaced, Role::Holder, cache.clone());
    job.endpoint = endpoint(&replaced);

    let summary = block_on(run_job(&job, |_| {})).unwrap();

    let certificates_visible = data.visible_certificates(&data.accounts[0]).len() as u64;
    assert_eq!(summary.fetched, certificates_visible, "the old cursor expired, so the feed came whole: {summary:?}");
    let store = Store::open(&cache).unwrap();
    let cached = store.read(|c| certificates::load(c, &edited.certificate_id, edited.version)).unwrap();
    assert_eq!(cached.as_ref(), Some(&edited));
}
