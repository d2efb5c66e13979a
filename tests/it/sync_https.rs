//! Sync over real HTTPS against the sandbox on loopback.

use certdesk::platform::PlatformError;
use certdesk::platform::wire::Role;
use certdesk::platform::worker::{Credentials, run_job};
use certdesk::sandbox::sample;
use certdesk::store::{Store, certificates};

use crate::support::{block_on, endpoint, job, start_sandbox};

#[test]
fn holder_sync_copies_every_record() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("缓存").join("cache.sqlite3");

    let summary = block_on(run_job(&job(&sandbox, Role::Holder, cache.clone()), |_| {})).unwrap();

    let data = sample::generate(sample::DEFAULT_SEED);
    let expected = data.visible_to(&data.accounts[0]);
    assert_eq!(summary.fetched, expected.len() as u64);
    assert_eq!(summary.written, expected.len() as u64);
    let store = Store::open(&cache).unwrap();
    for source in expected {
        let cached = store.read(|c| certificates::load(c, &source.certificate_id, source.version)).unwrap();
        assert_eq!(cached.as_ref(), Some(source), "{} v{}", source.certificate_id, source.version);
    }
}

#[test]
fn unit_sync_counts_equal_source() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");

    block_on(run_job(&job(&sandbox, Role::Unit, cache.clone()), |_| {})).unwrap();

    let data = sample::generate(sample::DEFAULT_SEED);
    let expected = data.visible_to(&data.accounts[1]);
    let store = Store::open(&cache).unwrap();
    let [certificates, persons, units, specialties] = store.read(certificates::counts).unwrap();
    assert_eq!(certificates, expected.len() as u64);
    let people: std::collections::HashSet<_> = expected.iter().map(|c| &c.id_number).collect();
    assert_eq!(persons, people.len() as u64);
    assert_eq!(units, 1);
    assert_eq!(specialties, expected.iter().map(|c| c.specialties.len() as u64).sum::<u64>());
}

#[test]
fn second_sync_keeps_counts() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let job = job(&sandbox, Role::Holder, cache.clone());

    block_on(run_job(&job, |_| {})).unwrap();
    let first = Store::open(&cache).unwrap().read(certificates::counts).unwrap();
    block_on(run_job(&job, |_| {})).unwrap();
    let second = Store::open(&cache).unwrap().read(certificates::counts).unwrap();

    assert_eq!(first, second);
}

#[test]
fn progress_reports_each_page() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let mut reports = Vec::new();

    block_on(run_job(&job(&sandbox, Role::Unit, dir.path().join("c.sqlite3")), |p| reports.push(*p))).unwrap();

    let last = reports.last().unwrap();
    assert_eq!(last.records, last.total);
    assert!(last.bytes > 0);
    assert_eq!(last.pages, reports.len() as u64);
}

#[test]
fn other_ca_is_untrusted_and_cache_untouched() {
    let sandbox = start_sandbox();
    let impostor = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let mut job = job(&sandbox, Role::Holder, cache.clone());
    job.endpoint.ca_pem = impostor.ca_pem().as_bytes().to_vec();

    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(matches!(error, PlatformError::Untrusted(_)), "{error:?}");
    assert!(!cache.exists(), "no cache file is created before the platform is trusted");
}

#[test]
fn closed_port_is_unreachable() {
    let sandbox = start_sandbox();
    let mut endpoint = endpoint(&sandbox);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    endpoint.url = format!("https://127.0.0.1:{port}");
    let client = certdesk::platform::PlatformClient::new(&endpoint).unwrap();

    let error = block_on(client.platform_info()).unwrap_err();

    assert!(matches!(error, PlatformError::Unreachable(_)), "{error:?}");
    assert!(error.is_offline());
}

#[test]
fn wrong_password_is_rejected() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let mut job = job(&sandbox, Role::Holder, dir.path().join("c.sqlite3"));
    job.credentials =
        Credentials::Password { account: "demo-holder".into(), password: "wrong".into(), role: Role::Holder };

    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(matches!(error, PlatformError::WrongCredentials), "{error:?}");
}

#[test]
fn unknown_token_is_signed_out() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let mut job = job(&sandbox, Role::Holder, dir.path().join("c.sqlite3"));
    job.credentials = Credentials::Token("not-a-token".into());

    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(matches!(error, PlatformError::SignedOut), "{error:?}");
}

#[test]
fn non_pem_ca_is_rejected() {
    let sandbox = start_sandbox();
    let mut endpoint = endpoint(&sandbox);
    endpoint.ca_pem = b"this is not a certificate".to_vec();

    let error = certdesk::platform::PlatformClient::new(&endpoint).unwrap_err();

    assert!(matches!(error, PlatformError::InvalidCaCertificate), "{error:?}");
}

#[test]
fn plain_http_url_is_rejected() {
    let sandbox = start_sandbox();
    let mut endpoint = endpoint(&sandbox);
    endpoint.url = endpoint.url.replace("https://", "http://");

    let error = certdesk::platform::PlatformClient::new(&endpoint).unwrap_err();

    assert!(matches!(error, PlatformError::InvalidUrl { .. }), "{error:?}");
}
