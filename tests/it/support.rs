//! Helpers shared by the integration tests.

use std::collections::BTreeMap;

use certdesk::platform::wire::{Resource, Role};
use certdesk::platform::worker::{Credentials, SyncJob};
use certdesk::platform::{ClientOptions, PlatformEndpoint};
use certdesk::sandbox::{Account, Dataset, SandboxHandle, SandboxOptions};

/// Starts a sandbox on an OS-chosen loopback port.
pub fn start_sandbox() -> SandboxHandle {
    certdesk::install_crypto_provider();
    SandboxHandle::start(&SandboxOptions::default()).expect("sandbox starts")
}

/// Starts a sandbox serving a dataset.
pub fn start_sandbox_with(data: Dataset) -> SandboxHandle {
    certdesk::install_crypto_provider();
    SandboxHandle::start(&SandboxOptions { data: Some(data), ..SandboxOptions::default() }).expect("sandbox starts")
}

/// Returns the endpoint of a running sandbox, trusting its CA.
pub fn endpoint(sandbox: &SandboxHandle) -> PlatformEndpoint {
    PlatformEndpoint { url: sandbox.url().to_owned(), ca_pem: sandbox.ca_pem().as_bytes().to_vec(), proxy: None }
}

/// Builds a sync job that signs in as the sandbox account of a role.
pub fn job(sandbox: &SandboxHandle, role: Role, cache_path: std::path::PathBuf) -> SyncJob {
    let account = sandbox.account(role).expect("sandbox has the role");
    SyncJob {
        endpoint: endpoint(sandbox),
        credentials: Credentials::Password {
            account: account.account.clone(),
            password: account.password.clone(),
            role,
        },
        cache_path,
        options: ClientOptions::default(),
        materials_dir: None,
    }
}

/// Runs a future to completion on a fresh single-threaded runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(future)
}

/// Returns the rows a fresh cache must hold after one sync of an account: every visible record
/// of every listing, with the child rows (specialties, stoppages, application events) they carry.
pub fn expected_counts(data: &Dataset, account: &Account) -> BTreeMap<&'static str, u64> {
    let count = |resource| data.visible(resource, account).len() as u64;
    let certificates = data.visible_certificates(account);
    let projects = data.visible(Resource::Projects, account);
    let applications = data.visible(Resource::Applications, account);
    let children = |values: &[serde_json::Value], field: &str| {
        values.iter().map(|v| v[field].as_array().map_or(0, Vec::len) as u64).sum::<u64>()
    };
    BTreeMap::from([
        ("units", count(Resource::Units)),
        ("persons", count(Resource::Persons)),
        ("certificates", certificates.len() as u64),
        ("specialties", certificates.iter().map(|c| c.specialties.len() as u64).sum()),
        ("social_security_months", count(Resource::SocialSecurityMonths)),
        ("housing_fund_months", count(Resource::HousingFundMonths)),
        ("safety_certificates", count(Resource::SafetyCertificates)),
        ("projects", projects.len() as u64),
        ("project_stoppages", children(&projects, "stoppages")),
        ("continuing_education", count(Resource::ContinuingEducation)),
        ("professional_titles", count(Resource::ProfessionalTitles)),
        ("exemptions", count(Resource::Exemptions)),
        ("change_applications", applications.len() as u64),
        ("application_events", children(&applications, "history")),
        ("sync_state", Resource::ALL.len() as u64),
    ])
}

/// Writes every record of a dataset straight into a cache, for rule tests that need no platform.
pub fn store_with(data: &Dataset) -> certdesk::store::Store {
    let mut store = certdesk::store::Store::open_in_memory().expect("in-memory store");
    write_dataset(&mut store, data);
    store
}

/// Writes every record of a dataset into a cache.
pub fn write_dataset(store: &mut certdesk::store::Store, data: &Dataset) {
    use certdesk::domain::records::PaymentKind;
    use certdesk::store::records::{self, PaymentSource};

    store
        .write(|transaction| {
            for unit in &data.units {
                records::upsert_unit(transaction, unit)?;
            }
            for person in &data.persons {
                records::upsert_person(transaction, person)?;
            }
            for certificate in &data.certificates {
                certdesk::store::certificates::upsert(transaction, certificate)?;
            }
            for month in &data.social_security {
                records::upsert_payment_month(
                    transaction,
                    PaymentKind::SocialSecurity,
                    month,
                    PaymentSource::Platform,
                )?;
            }
            for month in &data.housing_fund {
                records::upsert_payment_month(transaction, PaymentKind::HousingFund, month, PaymentSource::Platform)?;
            }
            for certificate in &data.safety_certificates {
                records::upsert_safety_certificate(transaction, certificate)?;
            }
            for project in &data.projects {
                records::upsert_project(transaction, project)?;
            }
            for record in &data.continuing_education {
                records::upsert_continuing_education(transaction, record)?;
            }
            for title in &data.titles {
                records::upsert_title(transaction, title)?;
            }
            for exemption in &data.exemptions {
                records::upsert_exemption(transaction, exemption)?;
            }
            for application in &data.applications {
                records::upsert_application(transaction, application)?;
            }
            Ok(())
        })
        .expect("dataset written");
}

/// Builds the options of a window signed in as the scenario's account of `role`, over a cache
/// filled from `tests/scenarios/NAME`, with no platform to sync with and the as-of day
/// 2026-12-04, so nothing on screen depends on the clock.
pub fn scenario_app(data_dir: &std::path::Path, name: &str, role: Role) -> certdesk::app::AppOptions {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios").join(name);
    let data = certdesk::sandbox::scenario::load(&path).unwrap();
    let account = data.accounts.iter().find(|a| a.role == role).unwrap().clone();
    let dir = certdesk::account::DataDir::at(data_dir);
    let mut store = certdesk::store::Store::open(&dir.cache_path("scenario", &account.account)).unwrap();
    write_dataset(&mut store, &data);
    drop(store);
    let profile = certdesk::account::Profile {
        platform_url: "https://127.0.0.1:9".into(),
        platform_id: "scenario".into(),
        platform_name: "场景平台".into(),
        sandbox: false,
        role,
        account: account.account,
        display_name: account.display_name,
        proxy: None,
        extra_ca: false,
    };
    certdesk::install_crypto_provider();
    certdesk::app::AppOptions {
        data_dir: dir,
        platform: certdesk::app::PlatformChoice::Configured { profile: Box::new(profile), job: None, problem: None },
        lang: certdesk::i18n::Lang::ZhCn,
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 4),
        first_run: false,
        system_text_scale: 1.0,
    }
}

/// Picks the Chinese or the English text of a label, for test bodies that run in both languages.
pub fn text(lang: certdesk::i18n::Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        certdesk::i18n::Lang::ZhCn => zh,
        certdesk::i18n::Lang::En => en,
    }
}
