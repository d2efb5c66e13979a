//! Image snapshots of key screens, rendered with wgpu (Mesa's lavapipe on CI) and compared with
//! the PNG files in `tests/snapshots/`. The window reads a cache filled from a scenario and
//! never syncs, so nothing on screen depends on the clock. After an intended change of the
//! look, run `UPDATE_SNAPSHOTS=1 cargo test --test it snapshots` and check the new images.

use std::path::Path;

use certdesk::app::CertDeskApp;
use certdesk::platform::wire::Role as AccountRole;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, SnapshotOptions};

/// Returns the comparison tolerance: 20 pixels may differ slightly, for a software renderer that
/// rounds a glyph edge differently on another CPU. A moved widget or a changed text differs in
/// far more pixels, so it still fails.
fn tolerance() -> SnapshotOptions {
    SnapshotOptions::new().threshold(1.0).max_failed_pixels(20)
}

/// Opens the window as the scenario's unit on a cache filled from `tests/scenarios/compliance.json`.
fn unit_harness(data_dir: &Path) -> Harness<'static, CertDeskApp> {
    let options = crate::support::scenario_app(data_dir, "compliance.json", AccountRole::Unit);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .wgpu()
        .build_eframe(move |cc| CertDeskApp::new(cc, options));
    // The signature column fills in from a background thread; wait until every row has its
    // verdict, so the image does not depend on timing.
    let started = std::time::Instant::now();
    harness.run_steps(3);
    while harness.query_all_by_label("未核验").next().is_some() {
        assert!(started.elapsed() < std::time::Duration::from_mins(1), "the signatures are checked");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run_steps(2);
    harness
}

#[test]
fn roster_and_certificate_face() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = unit_harness(dir.path());
    harness.get_all_by_label_contains("京1").next().unwrap().click();
    harness.run_steps(4);
    harness.snapshot_options("roster_and_face", &tolerance());
}

#[test]
fn findings_with_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = unit_harness(dir.path());
    harness.get_by_role_and_label(Role::Button, "合规检查").click();
    crate::gui::wait_for_checks(&mut harness);
    harness.get_all_by_label("C07 同时担任多个在建项目负责人").next().unwrap().click();
    harness.run_steps(4);
    harness.snapshot_options("findings_with_evidence", &tolerance());
}

#[test]
fn application_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = unit_harness(dir.path());
    harness.get_by_role_and_label(Role::Button, "变更申请").click();
    harness.run_steps(2);
    harness.get_by(|node| node.role() == Role::ComboBox && node.value().as_deref() == Some("选择申请类型")).click();
    harness.run_steps(2);
    harness.get_by_label("变更注册（变更执业单位）").click();
    harness.run_steps(4);
    harness.snapshot_options("application_form", &tolerance());
}

/// The holder's certificate face in English with the light theme: the other language and the
/// other theme of the screens above, for the contrast of every colour on a light background.
#[test]
fn holder_face_in_english_light() {
    let dir = tempfile::tempdir().unwrap();
    let options = crate::support::scenario_app(dir.path(), "compliance.json", AccountRole::Holder);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .wgpu()
        .build_eframe(move |cc| CertDeskApp::new(cc, options));
    harness.run_steps(3);
    harness.get_by_label("English").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Settings").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::RadioButton, "Light").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "My certificates").click();
    harness.run_steps(2);
    harness.get_all_by_label_contains("京1").next().unwrap().click();
    harness.run_steps(4);
    harness.snapshot_options("holder_face_english_light", &tolerance());
}
