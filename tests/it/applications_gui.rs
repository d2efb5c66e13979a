//! The applications page through `egui_kittest`, against a sandbox this test starts: a change
//! of employer from an empty form to submitted and approved, a blocked one, and a returned one
//! corrected and resubmitted.

use std::time::{Duration, Instant};

use certdesk::account::{DataDir, Profile};
use certdesk::app::{AppOptions, CertDeskApp, PlatformChoice};
use certdesk::domain::id_number::mask_id_text;
use certdesk::i18n::Lang;
use certdesk::platform::wire::Role as AccountRole;
use certdesk::sandbox::review::ReviewPolicy;
use certdesk::sandbox::{SandboxHandle, SandboxOptions};
use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::gui::{DroppedPath, wait_for_sync};
use crate::outbox::{joining_data, png};

/// 60 seconds: each wait ends as soon as its label shows; the margin is for a loaded CI machine.
const TIMEOUT: Duration = Duration::from_mins(1);

struct Desk {
    sandbox: SandboxHandle,
    dir: tempfile::TempDir,
    harness: Harness<'static, CertDeskApp>,
}

fn desk(review: ReviewPolicy) -> Desk {
    certdesk::install_crypto_provider();
    let sandbox =
        SandboxHandle::start(&SandboxOptions { review, data: Some(joining_data()), ..SandboxOptions::default() })
            .expect("sandbox starts");
    let dir = tempfile::tempdir().unwrap();
    let data_dir = DataDir::at(dir.path().join("数据"));
    let account = sandbox.account(AccountRole::Unit).unwrap().clone();
    let profile = Profile {
        platform_url: sandbox.url().to_owned(),
        platform_id: "sandbox-test".into(),
        platform_name: "测试平台".into(),
        sandbox: true,
        role: AccountRole::Unit,
        account: account.account.clone(),
        display_name: account.display_name.clone(),
        proxy: None,
        extra_ca: false,
    };
    let mut job =
        crate::support::job(&sandbox, AccountRole::Unit, data_dir.cache_path("sandbox-test", &account.account));
    job.materials_dir = Some(data_dir.materials_path());
    let options = AppOptions {
        data_dir,
        platform: PlatformChoice::Configured { profile: Box::new(profile), job: Some(Box::new(job)), problem: None },
        lang: Lang::ZhCn,
        today: NaiveDate::from_ymd_opt(2026, 12, 4),
        first_run: false,
        system_text_scale: 1.0,
    };
    let mut harness =
        Harness::builder().with_size(egui::vec2(1400.0, 1000.0)).build_eframe(move |cc| CertDeskApp::new(cc, options));
    wait_for_sync(&mut harness);
    Desk { sandbox, dir, harness }
}

fn wait_for(harness: &mut Harness<'static, CertDeskApp>, text: &str) {
    let started = Instant::now();
    loop {
        harness.step();
        if has_text(harness, text) {
            harness.run_steps(2);
            return;
        }
        assert!(started.elapsed() < TIMEOUT, "{text} did not show; notice: {:?}", harness.state().notice_text());
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Desk {
    fn new_change_of_employer(&mut self, person_id: &str) {
        let harness = &mut self.harness;
        harness.get_by_role_and_label(Role::Button, "变更申请").click();
        harness.run_steps(2);
        combo(harness, "选择申请类型").click();
        harness.run_steps(2);
        harness.get_by_label("变更注册（变更执业单位）").click();
        harness.run_steps(2);
        let name = self.sandbox.data().persons.iter().find(|p| p.id_number == person_id).unwrap().name.clone();
        harness.get_by_role_and_label(Role::TextInput, "查找人员（姓名或证件号码后几位）").focus();
        harness.run_steps(1);
        harness.get_by_role_and_label(Role::TextInput, "查找人员（姓名或证件号码后几位）").type_text(&name);
        harness.run_steps(2);
        harness.get_by_label(&format!("{name} {}", mask_id_text(person_id))).click();
        harness.run_steps(3);
    }

    /// Drops a file on the window and waits until the form lists it.
    fn drop_file(&mut self, name: &str, bytes: &[u8]) {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        self.harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(path)));
        wait_for(&mut self.harness, name);
    }

    fn attach_all(&mut self) {
        self.drop_file("申请表.png", &png(1));
        self.drop_file("劳动合同.png", &png(2));
        self.drop_file("离职证明.png", &png(3));
        self.harness.get_by_role_and_label(Role::RadioButton, "新单位社保缴纳证明").click();
        self.harness.run_steps(2);
        self.drop_file("社保证明.png", &png(4));
    }

    /// Gives every warning a reason, as a user who checked it would.
    fn explain_warnings(&mut self) {
        let fields = self.harness.query_all_by_role_and_label(Role::TextInput, "忽略理由").count();
        for index in 0..fields {
            let field = self.harness.get_all_by_role_and_label(Role::TextInput, "忽略理由").nth(index).unwrap();
            field.focus();
            self.harness.run_steps(1);
            let field = self.harness.get_all_by_role_and_label(Role::TextInput, "忽略理由").nth(index).unwrap();
            field.type_text("已与人事部门核实");
            self.harness.run_steps(2);
        }
    }
}

/// Tells whether any node shows `text` in its label or its value (plain labels carry their
/// text as the value).
fn has_text(harness: &Harness<'static, CertDeskApp>, text: &str) -> bool {
    harness.query_all(egui_kittest::kittest::By::new()).any(|node| {
        let node = node.accesskit_node();
        node.label().is_some_and(|l| l.contains(text)) || node.value().is_some_and(|v| v.contains(text))
    })
}

/// Finds a combo box by the text it shows.
fn combo<'a>(harness: &'a Harness<'static, CertDeskApp>, shown: &'a str) -> egui_kittest::Node<'a> {
    harness.get_by(|node| node.role() == Role::ComboBox && node.value().as_deref() == Some(shown))
}

/// Returns the joining person of [`joining_data`], registered in another unit than the demo unit.
fn joining_person(sandbox: &SandboxHandle) -> String {
    let unit = sandbox.account(AccountRole::Unit).unwrap().scope.clone();
    let data = sandbox.data();
    data.certificates
        .iter()
        .find(|c| c.unit_credit_code != unit && c.qualification == certdesk::domain::Qualification::Constructor1)
        .unwrap()
        .id_number
        .clone()
}

/// Returns the list row of the person's application once approved.
fn approved_row(sandbox: &SandboxHandle, person: &str) -> String {
    let application = sandbox.data().applications.into_iter().find(|a| a.id_number == person).unwrap();
    format!("{} 变更注册（变更执业单位） {} · 已通过", application.application_id, mask_id_text(person))
}

fn submit_enabled(harness: &Harness<'static, CertDeskApp>) -> bool {
    !harness.get_by_role_and_label(Role::Button, "提交申请").accesskit_node().is_disabled()
}

#[test]
fn change_of_employer_from_empty_form_to_approved() {
    let mut desk = desk(ReviewPolicy::Approve);
    let person = joining_person(&desk.sandbox);
    desk.new_change_of_employer(&person);
    assert!(!submit_enabled(&desk.harness), "an empty form cannot be submitted");
    assert!(has_text(&desk.harness, "缺少"), "the missing materials are named");

    desk.attach_all();
    assert!(has_text(&desk.harness, "已保存"), "the form says the draft is saved");
    assert_eq!(desk.harness.query_all_by_role(Role::Image).count(), 4, "each image material shows a thumbnail");
    desk.explain_warnings();
    assert!(submit_enabled(&desk.harness), "notice: {:?}", desk.harness.state().notice_text());
    desk.harness.get_by_role_and_label(Role::Button, "提交申请").click();

    wait_for(&mut desk.harness, "提交 1 份");
    let row = approved_row(&desk.sandbox, &person);
    wait_for(&mut desk.harness, &row);
    let filed = desk.sandbox.data().applications.into_iter().filter(|a| a.id_number == person).count();
    assert_eq!(filed, 1);
}

#[test]
fn project_manager_is_blocked() {
    let mut desk = desk(ReviewPolicy::Approve);
    let unit = desk.sandbox.account(AccountRole::Unit).unwrap().scope.clone();
    let manager = desk
        .sandbox
        .data()
        .projects
        .iter()
        .find(|p| p.status != certdesk::domain::records::ProjectStatus::Completed && p.contractor_credit_code == unit)
        .unwrap()
        .manager_id_number
        .clone();
    desk.new_change_of_employer(&manager);
    desk.attach_all();

    assert!(has_text(&desk.harness, "竣工验收或移交前不能变更"));
    assert!(!submit_enabled(&desk.harness), "a blocking check cannot be overridden");
}

#[test]
fn returned_application_is_corrected_and_resubmitted() {
    let mut desk = desk(ReviewPolicy::ReturnOnce);
    let person = joining_person(&desk.sandbox);
    desk.new_change_of_employer(&person);
    desk.attach_all();
    desk.explain_warnings();
    desk.harness.get_by_role_and_label(Role::Button, "提交申请").click();
    wait_for(&mut desk.harness, "退回补正");

    desk.harness.get_by_label_contains("· 退回补正").click();
    desk.harness.run_steps(2);
    assert!(has_text(&desk.harness, "扫描件不清晰"));
    desk.harness.get_by_role_and_label(Role::Button, "补正并重新提交").click();
    desk.harness.run_steps(3);
    assert!(has_text(&desk.harness, "审核意见：扫描件不清晰"), "the reason shows next to the material");
    desk.drop_file("申请表-重新扫描.png", &png(11));
    desk.explain_warnings();
    assert!(submit_enabled(&desk.harness), "the corrected draft can be submitted again");
    desk.harness.get_by_role_and_label(Role::Button, "提交申请").click();

    wait_for(&mut desk.harness, &approved_row(&desk.sandbox, &person));
    let application = desk.sandbox.data().applications.into_iter().find(|a| a.id_number == person).unwrap();
    assert!(application.history.iter().any(|e| e.state == certdesk::domain::records::ApplicationState::Resubmitted));
}

/// Counts the nodes that show `text` in their label or value.
fn count_text(harness: &Harness<'static, CertDeskApp>, text: &str) -> usize {
    harness
        .query_all(egui_kittest::kittest::By::new())
        .filter(|node| {
            let node = node.accesskit_node();
            node.label().is_some_and(|l| l == text) || node.value().is_some_and(|v| v == text)
        })
        .count()
}

#[test]
fn recorded_exemption_explains_finding() {
    let mut desk = desk(ReviewPolicy::Approve);
    let before = desk.sandbox.data().exemptions.len();
    desk.harness.get_by_role_and_label(Role::Button, "合规检查").click();
    crate::gui::wait_for_checks(&mut desk.harness);
    let explained = count_text(&desk.harness, "已说明（豁免）");
    desk.harness.get_all_by_label("C02 注册单位与社保单位不一致").next().unwrap().click();
    desk.harness.run_steps(3);

    desk.harness.get_by_role_and_label(Role::Button, "登记豁免情形").click();
    desk.harness.run_steps(2);
    assert!(has_text(&desk.harness, " · C02 注册单位与社保单位不一致"), "the window names the person and finding");
    combo(&desk.harness, "选择豁免情形").click();
    desk.harness.run_steps(2);
    desk.harness.get_by_label("退休或依法提前退休").click();
    desk.harness.run_steps(2);
    // The evidence is dropped on the window: it fills the form instead of opening the verify view.
    let evidence = desk.dir.path().join("退休证.png");
    std::fs::write(&evidence, png(42)).unwrap();
    desk.harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(evidence.clone())));
    desk.harness.run_steps(2);
    let field = desk.harness.get_by_role_and_label(Role::TextInput, "证明材料文件路径");
    assert_eq!(field.value().as_deref(), evidence.to_str(), "the dropped file is the evidence");
    assert!(desk.harness.query_by_role_and_label(Role::Window, "验证").is_none(), "no verify view opens");
    desk.harness.get_by_role_and_label(Role::Button, "登记并同步").click();

    let started = Instant::now();
    while count_text(&desk.harness, "已说明（豁免）") <= explained {
        desk.harness.step();
        assert!(
            started.elapsed() < TIMEOUT,
            "the finding was not explained; notice: {:?}",
            desk.harness.state().notice_text()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(desk.sandbox.data().exemptions.len(), before + 1, "the platform filed one exemption");
    assert!(has_text(&desk.harness, "证明材料：退休证.png"), "the evidence shows by its file name");
}
