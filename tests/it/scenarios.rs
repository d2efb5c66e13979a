//! Scenario files: the examples load, serve and sync with nothing dropped; broken files are
//! refused with the place and the fix.

use std::path::{Path, PathBuf};

use certdesk::i18n::Lang;
use certdesk::platform::worker::{Credentials, SyncJob, run_job};
use certdesk::platform::{ClientOptions, PlatformEndpoint};
use certdesk::sandbox::{Dataset, sample, scenario};
use certdesk::store::{Store, records};

use crate::support::{block_on, expected_counts, start_sandbox_with};

fn scenario_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios").join(name)
}

/// Syncs every account of a dataset into its own cache and compares each cache with the source.
fn sync_every_account(data: &Dataset) {
    let sandbox = start_sandbox_with(data.clone());
    let dir = tempfile::tempdir().unwrap();
    for (i, account) in data.accounts.iter().enumerate() {
        let cache = dir.path().join(format!("{i}.sqlite3"));
        let job = SyncJob {
            endpoint: PlatformEndpoint {
                url: sandbox.url().to_owned(),
                ca_pem: sandbox.ca_pem().as_bytes().to_vec(),
                proxy: None,
            },
            credentials: Credentials::Password {
                account: account.account.clone(),
                password: account.password.clone(),
                role: account.role,
            },
            cache_path: cache.clone(),
            options: ClientOptions::default(),
            materials_dir: None,
        };
        block_on(run_job(&job, |_| {})).unwrap();
        let counts = Store::open(&cache).unwrap().read(records::table_counts).unwrap();
        assert_eq!(counts, expected_counts(data, account), "account {}", account.account);
    }
}

#[test]
fn example_scenarios_sync_completely() {
    for name in ["c01-two-units.json", "c02-other-payer.json", "c07-projects.json", "exemption-retired.json"] {
        let data = scenario::load(&scenario_path(name)).unwrap_or_else(|e| panic!("{name}: {}", e.render(Lang::En)));
        assert!(!data.accounts.is_empty(), "{name}");
        sync_every_account(&data);
    }
}

#[test]
fn c02_scenario_holds_the_other_payer() {
    let data = scenario::load(&scenario_path("c02-other-payer.json")).unwrap();

    assert_eq!(data.social_security.len(), 11, "2026-01 to 2026-11");
    assert!(data.social_security.iter().all(|m| m.unit_credit_code == data.units[1].credit_code));
    assert_eq!(data.certificates[0].unit_credit_code, data.units[0].credit_code);
}

#[test]
fn demo_data_round_trips_through_a_scenario() {
    let demo = sample::generate(sample::DEFAULT_SEED);
    let text = serde_json::to_string(&scenario::from_dataset(&demo)).unwrap();

    let loaded = scenario::expand(&serde_json::from_str(&text).unwrap()).unwrap();

    assert_eq!(loaded.units, demo.units);
    assert_eq!(loaded.persons, demo.persons);
    assert_eq!(loaded.social_security.len(), demo.social_security.len());
    assert_eq!(loaded.housing_fund.len(), demo.housing_fund.len());
    assert_eq!(loaded.projects, demo.projects);
    assert_eq!(loaded.exemptions, demo.exemptions);
    assert_eq!(loaded.applications, demo.applications);
    assert_eq!(loaded.accounts, demo.accounts);
    assert_eq!(loaded.certificates.len(), demo.certificates.len());
    for (a, b) in loaded.certificates.iter().zip(&demo.certificates) {
        assert_eq!((&a.certificate_id, a.version, &a.specialties), (&b.certificate_id, b.version, &b.specialties));
    }
}

fn refusal(name: &str) -> String {
    let error = scenario::load(&scenario_path(&format!("invalid/{name}"))).unwrap_err();
    assert!(error.file.ends_with(name));
    error.render(Lang::ZhCn)
}

#[test]
fn wrong_check_character_is_refused() {
    let message = refusal("wrong-check-character.json");

    assert!(message.contains("persons[0].id_number"), "{message}");
    assert!(message.contains("第18位校验码应为9，实际为0"), "{message}");
    assert!(message.contains("请改正该编码"), "{message}");
}

#[test]
fn unknown_unit_is_refused() {
    let message = refusal("unknown-unit.json");

    assert!(message.contains("certificates[0].unit"), "{message}");
    assert!(message.contains("不在 units 中"), "{message}");
}

#[test]
fn month_thirteen_is_refused_with_line() {
    let message = refusal("month-13.json");

    assert!(message.contains("月份“2026-13”无效"), "{message}");
    assert!(message.contains("第") && message.contains("行"), "{message}");
}

#[test]
fn duplicate_person_is_refused() {
    let message = refusal("duplicate-person.json");

    assert!(message.contains("persons[1].id_number"), "{message}");
    assert!(message.contains("重复出现"), "{message}");
}
