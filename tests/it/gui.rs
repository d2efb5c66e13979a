//! The main window through `egui_kittest`: list, click a row found by its label, read the face.

use std::time::{Duration, Instant};

use certdesk::account::DataDir;
use certdesk::app::{AppOptions, CertDeskApp, PlatformChoice};
use certdesk::i18n::Lang;
use certdesk::platform::wire::Role;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// 60 seconds: the demo platform starts and syncs in well under a second here; the margin is
/// for a loaded CI machine.
const SYNC_TIMEOUT: Duration = Duration::from_mins(1);

fn demo_harness(data_dir: &std::path::Path) -> Harness<'static, CertDeskApp> {
    certdesk::install_crypto_provider();
    let options = AppOptions {
        data_dir: DataDir::at(data_dir),
        platform: PlatformChoice::Demo { role: Role::Holder },
        lang: Lang::ZhCn,
        today: NaiveDate::from_ymd_opt(2026, 12, 4),
    };
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_eframe(move |cc| CertDeskApp::new(cc, options))
}

/// Steps frames until the background sync has finished and the list is filled.
fn wait_for_sync(harness: &mut Harness<'static, CertDeskApp>) {
    let started = Instant::now();
    loop {
        harness.step();
        if !harness.state().is_syncing() && !harness.state().certificates().is_empty() {
            break;
        }
        assert!(started.elapsed() < SYNC_TIMEOUT, "the demo sync did not finish in time");
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run_steps(3);
}

#[test]
fn list_then_detail_by_label() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);

    harness.get_by_label("我的证书");
    harness.get_by_label("演示平台");
    harness.get_by_label("即将到期（剩余 31 天）");
    harness.get_all_by_label("京111151700123").next().unwrap().click();
    harness.run_steps(3);

    harness.get_by_label("一级建造师注册证书");
    harness.get_by_label("京111151700123(07)");
    harness.get_by_label("市政公用工程");
    harness.get_by_label("2028年06月09日");
    harness.get_by_label("中华人民共和国住房和城乡建设部");
    harness.get_by_label_contains(".003.");
    let holder = &certdesk::sandbox::sample::generate(certdesk::sandbox::sample::DEFAULT_SEED).certificates[0];
    let masked_on_screen = harness.get_all_by_label(&holder.id_number_masked()).count();
    assert_eq!(masked_on_screen, 5, "four list rows and the detail view show the masked number");
    assert!(harness.query_by_label(&holder.id_number).is_none(), "the ID number is masked by default");
}

#[test]
fn full_id_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);
    harness.get_all_by_label("京211192004567").next().unwrap().click();
    harness.run_steps(3);

    harness.get_by_label("显示完整号码").click();
    harness.run_steps(3);

    harness.get_by_label("隐藏");
    let holder = &certdesk::sandbox::sample::generate(certdesk::sandbox::sample::DEFAULT_SEED).certificates[0];
    harness.get_by_label(&holder.id_number);
}

#[test]
fn superseded_version_never_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);

    let rows: Vec<_> = harness.get_all_by_label("京111151700123").collect();
    assert_eq!(rows.len(), 3);
    rows[2].click();
    harness.run_steps(3);

    harness.get_by_label("此版本已被新版本取代，不再有效，仅供查阅历史。");
    harness.get_by_label("第 1 版 · 2021年03月15日 · 已作废（旧版本）");
}

#[test]
fn english_and_unit_roster() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);

    harness.get_by_label("English").click();
    harness.run_steps(2);
    harness.get_by_label("My certificates");
    harness.get_by_label("Demo platform");

    harness.get_by_label("Unit administrator").click();
    harness.run_steps(2);
    wait_for_sync(&mut harness);
    harness.get_by_label("Staff roster");
    assert_eq!(harness.state().certificates().len(), 38);
}

/// Changes one byte of the cached record: the last digit of the year its first specialty ends.
pub const TAMPER_FIRST_SPECIALTY: &str = "UPDATE specialties
    SET valid_to = substr(valid_to, 1, 3) || ((CAST(substr(valid_to, 4, 1) AS INTEGER) + 1) % 10) || substr(valid_to, 5)
    WHERE position = 0 AND certificate_id IN
        (SELECT certificate_id FROM certificates WHERE registration_number = '京111151700123')";

#[test]
fn tampered_record_never_shown_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);
    harness.get_all_by_label("京111151700123").next().unwrap().click();
    harness.run_steps(3);
    harness.get_by_label("签名有效");
    let cache = DataDir::at(dir.path()).cache_path("sandbox", "demo-holder");
    let changed = rusqlite::Connection::open(&cache).unwrap().execute(TAMPER_FIRST_SPECIALTY, []).unwrap();
    assert!(changed > 0);

    harness.get_all_by_label("京211192004567").next().unwrap().click();
    harness.run_steps(3);
    harness.get_all_by_label("京111151700123").next().unwrap().click();
    harness.run_steps(3);

    assert!(harness.query_by_label("签名有效").is_none());
    assert!(harness.get_all_by_label("内容被改动").count() >= 2, "the signature line and the specialty status");
    harness.get_by_label("市政公用工程");
}
