//! The main window through `egui_kittest`: list, click a row found by its label, read the face.

use std::time::{Duration, Instant};

use certdesk::account::DataDir;
use certdesk::app::{AppOptions, CertDeskApp, PlatformChoice};
use certdesk::i18n::Lang;
use certdesk::platform::wire::Role as AccountRole;
use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// 60 seconds: the demo platform starts and syncs in well under a second here; the margin is
/// for a loaded CI machine.
const SYNC_TIMEOUT: Duration = Duration::from_mins(1);

pub fn demo_harness(data_dir: &std::path::Path) -> Harness<'static, CertDeskApp> {
    demo_harness_in(data_dir, Lang::ZhCn)
}

/// Opens the window on the demo platform as its holder, in `lang`.
pub fn demo_harness_in(data_dir: &std::path::Path, lang: Lang) -> Harness<'static, CertDeskApp> {
    demo_harness_with(data_dir, lang, 1.0)
}

/// Opens the window on the demo platform as its holder, in `lang`, as on a system whose text
/// size is `system_text_scale`.
fn demo_harness_with(data_dir: &std::path::Path, lang: Lang, system_text_scale: f32) -> Harness<'static, CertDeskApp> {
    certdesk::install_crypto_provider();
    let options = AppOptions {
        data_dir: DataDir::at(data_dir),
        platform: PlatformChoice::Demo { role: AccountRole::Holder },
        lang,
        today: NaiveDate::from_ymd_opt(2026, 12, 4),
        first_run: false,
        system_text_scale,
    };
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_eframe(move |cc| CertDeskApp::new(cc, options))
}

/// Steps frames until the background sync has finished, the list is filled and the signature
/// of every row is checked.
pub fn wait_for_sync(harness: &mut Harness<'static, CertDeskApp>) {
    let started = Instant::now();
    loop {
        harness.step();
        let state = harness.state();
        let checked = !state.is_checking_signatures() && state.certificates().iter().all(|c| c.signature.is_some());
        if !state.is_syncing() && !state.certificates().is_empty() && checked {
            break;
        }
        let stopped = !state.is_syncing() && started.elapsed() > Duration::from_secs(1);
        if let Some(notice) = state.notice_text().filter(|_| stopped) {
            panic!("the demo sync stopped: {notice}");
        }
        assert!(started.elapsed() < SYNC_TIMEOUT, "the demo sync did not finish in time");
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run_steps(3);
}

/// Steps frames until the compliance rules, which run on their own thread, have finished.
pub fn wait_for_checks(harness: &mut Harness<'static, CertDeskApp>) {
    let started = Instant::now();
    harness.run_steps(1);
    while harness.state().is_checking() {
        assert!(started.elapsed() < SYNC_TIMEOUT, "the compliance checks did not finish in time");
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run_steps(2);
}

/// Starts the demo, switches to the demo unit and waits for both syncs.
pub fn demo_unit_harness(data_dir: &std::path::Path) -> Harness<'static, CertDeskApp> {
    demo_unit_harness_in(data_dir, Lang::ZhCn)
}

/// Starts the demo in `lang`, switches to the demo unit and waits for both syncs.
pub fn demo_unit_harness_in(data_dir: &std::path::Path, lang: Lang) -> Harness<'static, CertDeskApp> {
    let mut harness = demo_harness_in(data_dir, lang);
    wait_for_sync(&mut harness);
    harness.get_by_label(crate::support::text(lang, "企业管理员", "Unit administrator")).click();
    harness.run_steps(2);
    wait_for_sync(&mut harness);
    harness
}

#[test]
fn list_then_detail_by_label() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);

    harness.get_by_role_and_label(Role::Button, "我的证书");
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
    harness.get_by_role_and_label(Role::Button, "My certificates");
    harness.get_by_label("Demo platform");

    harness.get_by_label("Unit administrator").click();
    harness.run_steps(2);
    wait_for_sync(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Staff roster");
    assert_eq!(harness.state().certificates().len(), 38);
}

/// Steps frames until a label appears, for work that runs on a background thread.
fn wait_for_label(harness: &mut Harness<'static, CertDeskApp>, label: &str) {
    let started = Instant::now();
    while harness.query_all_by_label_contains(label).next().is_none() {
        assert!(started.elapsed() < SYNC_TIMEOUT, "{label} did not appear in time");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn export_form_writes_pdf_and_register() {
    holder_exports_pdf(Lang::ZhCn);
}

#[test]
fn export_form_in_english() {
    holder_exports_pdf(Lang::En);
}

/// Opens the holder's certificate, exports it as a PDF after the purpose check, and finds the
/// copy in the register on screen and in the cache.
fn holder_exports_pdf(lang: Lang) {
    let text = |zh, en| crate::support::text(lang, zh, en);
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness_in(&dir.path().join("data"), lang);
    wait_for_sync(&mut harness);
    harness.get_all_by_label("京111151700123").next().unwrap().click();
    harness.run_steps(3);

    harness.get_by_label(text("导出 PDF", "Export PDF")).click();
    harness.run_steps(2);
    let pdf = dir.path().join("投标.pdf");
    let path_field = text("保存到（文件路径）", "Save to (file path)");
    harness.get_by_label(path_field).click();
    harness.run_steps(1);
    harness.get_by_label(path_field).type_text(pdf.to_str().unwrap());
    let export = text("导出", "Export");
    harness.get_by_label(export).click();
    harness.run_steps(3);
    harness.get_by_label_contains(text("请填写用途（加注）", "Enter the purpose (annotation)"));
    assert!(!pdf.exists(), "nothing is written without a purpose choice");

    let purpose_field = text("用途（加注）", "Purpose (annotation)");
    harness.get_by_label(purpose_field).click();
    harness.run_steps(1);
    harness.get_by_label(purpose_field).type_text("仅用于某某项目投标");
    harness.get_by_label(export).click();
    wait_for_label(&mut harness, text("已记入用证台账", "recorded in the export register"));
    assert!(pdf.exists());

    harness.get_by_label(text("用证台账", "Export register")).click();
    harness.run_steps(10);
    harness.get_by_label("仅用于某某项目投标");
    harness.get_by_label("投标.pdf");

    // The row is in the cache, where the CLI and the next start of the window read it.
    let cache = DataDir::at(dir.path().join("data")).cache_path("sandbox", "demo-holder");
    let rows = certdesk::store::Store::open(&cache).unwrap().read(certdesk::store::exports::list).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].source, certdesk::store::exports::ExportSource::Gui);
    assert_eq!(rows[0].purpose.as_deref(), Some("仅用于某某项目投标"));
}

#[test]
fn verify_view_reads_pasted_qr_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut harness = demo_harness(&data);
    wait_for_sync(&mut harness);

    let issuer = certdesk::export::keys::IssuerKey::load_or_create(&data).unwrap();
    let sample = certdesk::sandbox::sample::generate(certdesk::sandbox::sample::DEFAULT_SEED);
    let holder = sample
        .certificates
        .iter()
        .find(|c| c.registration_number == "京111151700123" && c.status == certdesk::domain::CertificateStatus::Valid)
        .unwrap();
    let request = certdesk::export::ExportRequest {
        purpose: Some("仅用于入职".into()),
        recipient: None,
        full_id: false,
        exported_on: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    };
    let copy = certdesk::export::prepare(holder, request, &issuer).unwrap();

    harness.get_by_label("验证").click();
    // A new window is laid out invisibly first and then fades in, so it takes a few frames.
    harness.run_steps(10);
    let field = "粘贴二维码内容，或输入 CertDesk 导出的 PDF、PNG 文件路径";
    harness.get_by_label(field).click();
    harness.run_steps(1);
    harness.get_by_label(field).type_text(&copy.signed.to_text());
    harness.run_steps(1);
    harness.get_all_by_label("验证").last().unwrap().click();
    harness.run_steps(3);
    harness.get_by_label_contains("真实有效");

    harness.get_by_label(field).click();
    harness.run_steps(1);
    harness.get_by_label(field).type_text("x");
    harness.get_all_by_label("验证").last().unwrap().click();
    harness.run_steps(3);
    harness.get_by_label_contains("已被改动");
}

#[test]
fn batch_export_shows_progress_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(&dir.path().join("data"));
    wait_for_sync(&mut harness);

    harness.get_by_label("批量导出").click();
    harness.run_steps(10);
    let folder = dir.path().join("批量");
    harness.get_by_label("保存到文件夹").click();
    harness.run_steps(1);
    harness.get_by_label("保存到文件夹").type_text(folder.to_str().unwrap());
    harness.get_by_label("不注明用途（明确选择）").click();
    harness.run_steps(1);
    harness.get_by_label("导出全部当前证书").click();
    wait_for_label(&mut harness, "批量导出完成：写入 2 份，失败 0 份");
    harness.get_by_label("2/2");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);

    // Esc closes the batch window, which covers the side navigation.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    harness.get_by_label("用证台账").click();
    harness.run_steps(10);
    harness.get_by_label("京111151700123-李玥.pdf");
}

/// A file dropped on the window, as the OS hands it over.
#[derive(Debug)]
pub struct DroppedPath(pub std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropped_pdf_is_verified() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut harness = demo_harness(&data);
    wait_for_sync(&mut harness);

    let issuer = certdesk::export::keys::IssuerKey::load_or_create(&data).unwrap();
    let sample = certdesk::sandbox::sample::generate(certdesk::sandbox::sample::DEFAULT_SEED);
    let holder = sample
        .certificates
        .iter()
        .find(|c| c.registration_number == "京111151700123" && c.status == certdesk::domain::CertificateStatus::Valid)
        .unwrap();
    let request = certdesk::export::ExportRequest {
        purpose: Some("仅用于现场检查".into()),
        recipient: None,
        full_id: false,
        exported_on: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    };
    let copy = certdesk::export::prepare(holder, request, &issuer).unwrap();
    let pdf = dir.path().join("副本.pdf");
    std::fs::write(&pdf, certdesk::export::pdf::render(&copy).unwrap()).unwrap();

    harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(pdf)));
    harness.run_steps(10);
    harness.get_by_label_contains("真实有效");
}

#[test]
fn register_reminds_of_lapsing_copies() {
    register_lapse_reminder(Lang::ZhCn);
}

#[test]
fn register_reminds_in_english() {
    register_lapse_reminder(Lang::En);
}

/// Opens the register over two recorded copies, one lapsing in 6 days, and filters it.
fn register_lapse_reminder(lang: Lang) {
    let text = |zh, en| crate::support::text(lang, zh, en);
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut store = certdesk::store::Store::open(&data.cache_path("sandbox", "demo-holder")).unwrap();
    let record = |file: &str, until: NaiveDate| certdesk::store::exports::ExportRecord {
        exported_at: chrono::Utc::now(),
        certificate_id: "cert".into(),
        version: 1,
        registration_number: "京111151700123".into(),
        holder_name: "李玥".into(),
        purpose: Some("仅用于某某项目投标".into()),
        recipient: None,
        file_name: file.into(),
        file_sha256: "0".repeat(64),
        usable_until: until,
        source: certdesk::store::exports::ExportSource::Cli,
    };
    store
        .write(|t| {
            certdesk::store::exports::record(t, &record("快到期.pdf", NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()))
        })
        .unwrap();
    store
        .write(|t| {
            certdesk::store::exports::record(t, &record("还早.pdf", NaiveDate::from_ymd_opt(2027, 5, 1).unwrap()))
        })
        .unwrap();
    drop(store);

    let mut harness = demo_harness_in(dir.path(), lang);
    wait_for_sync(&mut harness);
    harness.get_by_label(text("用证台账（1 份将到期）", "Export register (1 lapsing)")).click();
    harness.run_steps(10);
    harness.get_by_label_contains(text(
        "提醒：1 份导出件将在 14 天内过期",
        "Reminder: 1 exported copies lapse within 14 days",
    ));
    harness.get_by_label_contains(text("6 天后过期", "lapses in 6 days"));

    let filter = text("筛选", "Filter");
    harness.get_by_label(filter).click();
    harness.run_steps(1);
    harness.get_by_label(filter).type_text("还早");
    harness.run_steps(3);
    assert!(harness.query_by_label("快到期.pdf").is_none(), "the filter hides other rows");
    harness.get_by_label("还早.pdf");
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

/// Signs in from the window with the password when the platform's token is not stored.
#[test]
fn password_sign_in_without_stored_token() {
    use certdesk::account::Profile;

    let sandbox = crate::support::start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = DataDir::at(dir.path());
    std::fs::write(data_dir.platform_ca_path(), sandbox.ca_pem()).unwrap();
    let account = sandbox.account(AccountRole::Holder).unwrap().clone();
    let profile = Profile {
        platform_url: sandbox.url().to_owned(),
        platform_id: format!("gui-test-{}", std::process::id()),
        platform_name: "测试平台".into(),
        sandbox: true,
        role: AccountRole::Holder,
        account: account.account.clone(),
        display_name: account.display_name.clone(),
        proxy: None,
        extra_ca: false,
    };
    profile.save(&data_dir.profile_path()).unwrap();
    let platform = certdesk::app::resolve_platform(&data_dir);
    let options = AppOptions {
        data_dir,
        platform,
        lang: Lang::ZhCn,
        today: NaiveDate::from_ymd_opt(2026, 12, 4),
        first_run: false,
        system_text_scale: 1.0,
    };
    let mut harness =
        Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_eframe(move |cc| CertDeskApp::new(cc, options));
    harness.run_steps(2);

    harness.get_by_label_contains("本机没有保存登录令牌");
    harness.get_by_role_and_label(Role::PasswordInput, "密码").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::PasswordInput, "密码").type_text(&account.password);
    harness.run_steps(1);
    harness.get_by_label("登录并同步").click();
    wait_for_sync(&mut harness);

    harness.get_all_by_label("京111151700123").next().unwrap();
    assert!(harness.query_by_label("登录并同步").is_none(), "the password field goes once signed in");
}

#[test]
fn ctrl_f_focuses_search() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);
    harness.get_by_role_and_label(Role::Button, "合规检查").click();
    harness.run_steps(2);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);

    let search = harness.get_by_role_and_label(Role::TextInput, "搜索");
    assert!(search.is_focused(), "Ctrl+F opens the list and focuses its search field");
}

#[test]
fn search_filters_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);
    harness.get_by_label("共 4 条");

    harness.get_by_role_and_label(Role::TextInput, "搜索").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("水利");
    harness.run_steps(2);

    harness.get_by_label("共 1 条");
    harness.get_by_label("京211192004567");
    assert!(harness.query_by_label("京111151700123").is_none());
}

#[test]
fn settings_theme_renderer_export_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("数据");
    let mut harness = demo_harness(&data);
    wait_for_sync(&mut harness);
    harness.get_by_role_and_label(Role::Button, "设置").click();
    harness.run_steps(2);

    harness.get_by_label("深色").click();
    harness.run_steps(2);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark, "the dark theme applies at once");
    harness.get_by_label("OpenGL（兼容模式）").click();
    harness.run_steps(2);
    let settings = std::fs::read_to_string(data.join("settings.json")).unwrap();
    assert!(settings.contains("OpenGl"), "{settings}");
    harness.get_by_label_contains(&format!("版本 {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label_contains("日志文件夹");

    let target = dir.path().join("备份 文件夹");
    harness.get_by_role_and_label(Role::TextInput, "导出到文件夹").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, "导出到文件夹").type_text(target.to_str().unwrap());
    harness.run_steps(2);
    harness.get_by_label("导出我的数据").click();
    harness.run_steps(2);
    let exported = std::fs::read_dir(&target).unwrap().next().unwrap().unwrap().path();
    let copy = rusqlite::Connection::open(exported.join("cache.sqlite3")).unwrap();
    let certificates: i64 = copy.query_row("SELECT count(*) FROM certificates", [], |r| r.get(0)).unwrap();
    assert_eq!(usize::try_from(certificates).unwrap(), harness.state().certificates().len());

    // An exported workbook names people: deleting my data deletes it too.
    press_command(&mut harness, egui::Key::Num4);
    harness.get_by_role_and_label(Role::Button, "导出 Excel").click();
    harness.run_steps(2);
    press(&mut harness, egui::Key::Escape);
    assert!(data.join("exports").exists(), "the register was exported into the data folder");
    press_command(&mut harness, egui::Key::Num6);

    harness.get_by_label("删除我的数据…").click();
    harness.run_steps(2);
    harness.get_by_label("确认删除").click();
    harness.run_steps(2);
    harness.get_by_label_contains("本账号的本地数据已删除");
    assert!(harness.state().certificates().is_empty(), "the list is empty until the next sync");
    assert!(!data.join("exports").exists(), "the exported workbooks are deleted");
}

fn first_run_harness(data_dir: &std::path::Path) -> Harness<'static, CertDeskApp> {
    certdesk::install_crypto_provider();
    let options = AppOptions {
        data_dir: DataDir::at(data_dir),
        platform: PlatformChoice::Demo { role: AccountRole::Holder },
        lang: Lang::ZhCn,
        today: NaiveDate::from_ymd_opt(2026, 12, 4),
        first_run: true,
        system_text_scale: 1.0,
    };
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_eframe(move |cc| CertDeskApp::new(cc, options))
}

#[test]
fn first_run_chooses_unit_on_demo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = first_run_harness(dir.path());
    harness.run_steps(2);
    harness.get_by_label("欢迎使用筑证");
    assert!(harness.state().certificates().is_empty(), "nothing syncs before the user starts");

    harness.get_by_label("企业管理员").click();
    harness.run_steps(1);
    harness.get_by_label("开始使用").click();
    wait_for_sync(&mut harness);

    harness.get_by_role_and_label(Role::Button, "人员花名册");
    let settings = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(settings.contains("\"welcomed\": true"), "{settings}");
}

#[test]
fn first_run_switches_to_english_before_starting() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = first_run_harness(dir.path());
    harness.run_steps(2);
    harness.get_by_label("English").click();
    harness.run_steps(2);
    harness.get_by_label("Welcome to CertDesk");

    harness.get_by_label("Unit administrator").click();
    harness.run_steps(1);
    harness.get_by_label("Start").click();
    wait_for_sync(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Staff roster");
}

#[test]
fn first_run_signs_in_to_another_platform() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = crate::support::start_sandbox();
    let ca = dir.path().join("平台 CA.pem");
    std::fs::write(&ca, sandbox.ca_pem()).unwrap();
    let account = sandbox.account(AccountRole::Unit).unwrap().clone();
    let mut harness = first_run_harness(&dir.path().join("数据"));
    harness.run_steps(2);
    harness.get_by_label("企业管理员").click();
    harness.get_by_label_contains("其他平台（").click();
    harness.run_steps(2);
    let mut fill = |label: &str, text: &str| {
        let role = if label == "密码" { Role::PasswordInput } else { Role::TextInput };
        harness.get_by_role_and_label(role, label).focus();
        harness.run_steps(1);
        harness.get_by_role_and_label(role, label).type_text(text);
        harness.run_steps(1);
    };
    fill("平台地址", sandbox.url());
    fill("平台 CA 证书文件", ca.to_str().unwrap());
    fill("账号", &account.account);
    fill("密码", "not-the-password");
    harness.get_by_label("登录").click();
    let started = Instant::now();
    let reported = |harness: &Harness<'static, CertDeskApp>| {
        use egui_kittest::kittest::NodeT as _;
        harness.query_all(egui_kittest::kittest::By::new()).any(|node| {
            let node = node.accesskit_node();
            node.label().or_else(|| node.value()).is_some_and(|text| text.contains("密码或身份不正确"))
        })
    };
    while !reported(&harness) {
        harness.step();
        assert!(started.elapsed() < SYNC_TIMEOUT, "the wrong password is reported");
        std::thread::sleep(Duration::from_millis(20));
    }

    harness.get_by_role_and_label(Role::PasswordInput, "密码").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::PasswordInput, "密码").type_text(&account.password);
    harness.run_steps(1);
    harness.get_by_label("登录").click();
    wait_for_sync(&mut harness);

    assert!(dir.path().join("数据").join("profile.json").exists(), "the platform is remembered");
    harness.get_by_role_and_label(Role::Button, "人员花名册");

    harness.get_by_role_and_label(Role::Button, "设置").click();
    harness.run_steps(2);
    harness.get_by_label("同时删除本机缓存").click();
    harness.get_by_label("退出登录").click();
    harness.run_steps(2);
    harness.get_by_label("欢迎使用筑证");
    assert!(!dir.path().join("数据").join("profile.json").exists(), "the profile is gone");
    assert!(!dir.path().join("数据").join("accounts").read_dir().unwrap().any(|_| true), "the cache is gone");
}

#[test]
fn running_sync_can_be_cancelled() {
    use certdesk::sandbox::{Fault, FaultKind, SandboxHandle, SandboxOptions};
    certdesk::install_crypto_provider();
    // Every listing page waits two seconds, so the sync is still running when the user cancels.
    let faults = vec![Fault { kind: FaultKind::Delay { millis: 2000 }, after: 1, times: None }];
    let sandbox = SandboxHandle::start(&SandboxOptions { faults, ..SandboxOptions::default() }).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = DataDir::at(dir.path());
    let account = sandbox.account(AccountRole::Unit).unwrap().clone();
    let profile = certdesk::account::Profile {
        platform_url: sandbox.url().to_owned(),
        platform_id: "slow".into(),
        platform_name: "慢速平台".into(),
        sandbox: true,
        role: AccountRole::Unit,
        account: account.account.clone(),
        display_name: account.display_name.clone(),
        proxy: None,
        extra_ca: false,
    };
    let job = crate::support::job(&sandbox, AccountRole::Unit, data_dir.cache_path("slow", &account.account));
    let options = AppOptions {
        data_dir,
        platform: PlatformChoice::Configured { profile: Box::new(profile), job: Some(Box::new(job)), problem: None },
        lang: Lang::ZhCn,
        today: NaiveDate::from_ymd_opt(2026, 12, 4),
        first_run: false,
        system_text_scale: 1.0,
    };
    let mut harness =
        Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_eframe(move |cc| CertDeskApp::new(cc, options));
    let started = Instant::now();
    while harness.query_by_label("取消").is_none() {
        harness.step();
        assert!(started.elapsed() < SYNC_TIMEOUT, "the progress bar shows");
        std::thread::sleep(Duration::from_millis(20));
    }

    harness.get_by_label("取消").click();
    while harness.state().is_syncing() {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }

    // Only the cancel path ends a sync with this notice; a sync left to run ends "同步完成".
    harness.run_steps(2);
    harness.get_by_label_contains("同步已取消");
}

#[test]
fn data_folder_moves_and_old_points_to_new() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("旧数据");
    let new = dir.path().join("新 数据");
    let mut harness = demo_harness(&old);
    wait_for_sync(&mut harness);
    std::fs::create_dir_all(old.join("materials")).unwrap();
    std::fs::write(old.join("materials").join("a".repeat(64)), b"material copy").unwrap();
    let shown = harness.state().certificates().len();
    harness.get_by_role_and_label(Role::Button, "设置").click();
    harness.run_steps(2);

    harness.get_by_role_and_label(Role::TextInput, "移动到文件夹").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, "移动到文件夹").type_text(new.to_str().unwrap());
    harness.run_steps(1);
    harness.get_by_label("移动数据").click();
    let started = Instant::now();
    while !harness.state().notice_text().is_some_and(|n| n.contains("数据已移动到")) {
        harness.step();
        assert!(started.elapsed() < SYNC_TIMEOUT, "the move ends; notice: {:?}", harness.state().notice_text());
        std::thread::sleep(Duration::from_millis(20));
    }

    assert_eq!(harness.state().certificates().len(), shown, "the list reads the moved cache");
    assert_eq!(std::fs::read(new.join("materials").join("a".repeat(64))).unwrap(), b"material copy");
    let left: Vec<_> = walk(&old).into_iter().filter(|p| p.is_file()).collect();
    assert_eq!(left, [old.join("moved-to.txt")], "only the pointer stays behind");
    assert_eq!(DataDir::resolve(Some(old.clone())).unwrap().root(), new, "the old folder points to the new one");
}

/// Lists every path under a folder.
fn walk(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path.clone());
            }
            found.push(path);
        }
    }
    found
}

#[test]
fn move_into_itself_or_full_folder_is_refused() {
    use certdesk::account::relocate::{MoveError, check_target, copy_and_verify, files_to_copy};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("数据");
    std::fs::create_dir_all(root.join("materials")).unwrap();
    std::fs::write(root.join("materials").join("x"), b"1").unwrap();
    std::fs::write(root.join("settings.json"), b"{}").unwrap();
    let full = dir.path().join("已有文件");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::write(full.join("别人的文件.txt"), b"keep").unwrap();

    assert!(matches!(check_target(&root, &root.join("子文件夹")), Err(MoveError::Target)));
    assert!(matches!(check_target(&root, &full), Err(MoveError::Target)));
    let target = dir.path().join("目标");
    assert!(check_target(&root, &target).is_ok());

    let files = files_to_copy(&root, &[]).unwrap();
    assert_eq!(files.len(), 2);
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let cancelled = copy_and_verify(&root, &target, &files, &cancel, |_| {});
    assert!(matches!(cancelled, Err(MoveError::Cancelled)));
    assert!(!target.exists() || walk(&target).iter().all(|p| p.is_dir()), "a cancelled move leaves no copied file");
    assert_eq!(std::fs::read(root.join("settings.json")).unwrap(), b"{}", "the old folder is unchanged");
}

#[test]
fn english_applications_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_unit_harness(dir.path());
    harness.get_by_label("English").click();
    harness.run_steps(2);

    harness.get_by_role_and_label(Role::Button, "Applications").click();
    harness.run_steps(2);
    harness.get_by(|node| node.role() == Role::ComboBox && node.value().as_deref() == Some("Choose the type")).click();
    harness.run_steps(2);
    harness.get_by_label("Renewal").click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::TextInput, "Find a person (name or last digits of the ID number)");
    harness.get_by_label_contains("Choose a file for \"application form");
    harness.get_by_role_and_label(Role::Button, "Submit");

    harness.get_by_role_and_label(Role::Button, "Settings").click();
    harness.run_steps(2);
    harness.get_by_label("Dark").click();
    harness.run_steps(2);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    harness.get_by_label_contains("Log folder");
    harness.get_by_label("Export my data");
}

/// Changes one byte of one cached record, the current version of 京111151700123: the last
/// digit of the year its first specialty ends.
const TAMPER_CURRENT_VERSION: &str = "UPDATE specialties
    SET valid_to = substr(valid_to, 1, 3) || ((CAST(substr(valid_to, 4, 1) AS INTEGER) + 1) % 10) || substr(valid_to, 5)
    WHERE position = 0 AND (certificate_id, version) IN
        (SELECT certificate_id, version FROM certificates
         WHERE registration_number = '京111151700123' AND status = 'valid')";

/// Asserts that a label with `text` sits in the list row whose cell has the rectangle `row`.
fn label_in_row(harness: &Harness<'static, CertDeskApp>, row: egui::Rect, text: &str) {
    let found = harness.get_all_by_label(text).any(|node| (node.rect().center().y - row.center().y).abs() < 6.0);
    assert!(found, "{text} is in the row at y = {}", row.center().y);
}

#[test]
fn tampered_row_shows_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);
    assert_eq!(harness.get_all_by_label("已验证").count(), 4, "every row of the demo holder is signed");
    let cache = DataDir::at(dir.path()).cache_path("sandbox", "demo-holder");
    let changed = rusqlite::Connection::open(&cache).unwrap().execute(TAMPER_CURRENT_VERSION, []).unwrap();
    assert_eq!(changed, 1);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    wait_for_sync(&mut harness);

    let row = harness.get_all_by_label("京111151700123").next().unwrap().rect();
    label_in_row(&harness, row, "被改动");
    label_in_row(&harness, row, "内容被改动");
    assert_eq!(harness.get_all_by_label("被改动").count(), 1, "only the changed record");
    assert_eq!(harness.get_all_by_label("已验证").count(), 3);

    harness.get_by_label("English").click();
    wait_for_sync(&mut harness);

    let row = harness.get_all_by_label("京111151700123").next().unwrap().rect();
    label_in_row(&harness, row, "Altered");
    label_in_row(&harness, row, "Content was changed");
    assert_eq!(harness.get_all_by_label("Verified").count(), 3);
}

/// Presses `key` with Ctrl (Cmd on a Mac) and lets the window react.
fn press_command(harness: &mut Harness<'static, CertDeskApp>, key: egui::Key) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, key);
    harness.run_steps(3);
}

/// Presses `key` alone and lets the window react.
fn press(harness: &mut Harness<'static, CertDeskApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run_steps(3);
}

/// Returns the certificate and version of a list row, as the app names its selection.
fn row_key(harness: &Harness<'static, CertDeskApp>, row: usize) -> (String, u32) {
    let certificate = &harness.state().certificates()[row];
    (certificate.certificate_id.clone(), certificate.version)
}

/// Returns the app's selection as an owned pair.
fn selection(harness: &Harness<'static, CertDeskApp>) -> Option<(String, u32)> {
    harness.state().selected().map(|(id, version)| (id.to_owned(), version))
}

#[test]
fn keyboard_reaches_pages_rows_and_dialogs() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_unit_harness(dir.path());
    let rows = harness.state().certificates().len();

    // The arrows, Home and End move through the roster's rows and open each one.
    press(&mut harness, egui::Key::ArrowDown);
    assert_eq!(selection(&harness), Some(row_key(&harness, 0)));
    press(&mut harness, egui::Key::ArrowDown);
    assert_eq!(selection(&harness), Some(row_key(&harness, 1)));
    press(&mut harness, egui::Key::End);
    assert_eq!(selection(&harness), Some(row_key(&harness, rows - 1)), "End scrolls to the last row");
    press(&mut harness, egui::Key::PageUp);
    assert_eq!(selection(&harness), Some(row_key(&harness, rows - 21)));
    press(&mut harness, egui::Key::Home);
    assert_eq!(selection(&harness), Some(row_key(&harness, 0)));

    // ↓ in the search field moves to the list's first row, and the next ↓ goes on in the list.
    press(&mut harness, egui::Key::End);
    press_command(&mut harness, egui::Key::F);
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("京");
    harness.run_steps(2);
    assert_eq!(selection(&harness), Some(row_key(&harness, rows - 1)), "typing keeps the selection");
    press(&mut harness, egui::Key::ArrowDown);
    assert_eq!(selection(&harness), Some(row_key(&harness, 0)), "↓ leaves the search for the first row");
    press(&mut harness, egui::Key::ArrowDown);
    assert_eq!(selection(&harness), Some(row_key(&harness, 1)), "the list has the keyboard now");

    // Ctrl+2 opens the compliance page, where the arrows pick a finding and show its evidence.
    press_command(&mut harness, egui::Key::Num2);
    wait_for_checks(&mut harness);
    harness.get_by_label_contains("检查了 37 人");
    press(&mut harness, egui::Key::ArrowDown);
    harness.get_by_label_contains("处理建议：");

    // Ctrl+4 opens the register window and Escape closes it.
    press_command(&mut harness, egui::Key::Num4);
    assert!(harness.query_by_role_and_label(Role::Window, "用证台账").is_some(), "the register opens");
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_role_and_label(Role::Window, "用证台账").is_none(), "Escape closes it");

    // Ctrl+6 opens the settings, where Escape cancels the delete confirmation.
    press_command(&mut harness, egui::Key::Num6);
    harness.get_by_label("删除我的数据…").click();
    harness.run_steps(2);
    harness.get_by_label_contains("确认删除");
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label_contains("确认删除").is_none(), "Escape cancels the confirmation");

    press_command(&mut harness, egui::Key::Num1);
    harness.get_by_role_and_label(Role::TextInput, "搜索");
}

#[test]
fn zoom_follows_the_system_text_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness_with(dir.path(), Lang::ZhCn, 1.25);
    wait_for_sync(&mut harness);
    assert!((harness.ctx.zoom_factor() - 1.25).abs() < 1e-6, "100 % zoom × 125 % text");

    press_command(&mut harness, egui::Key::Num6);
    harness.get_by_label_contains("系统文字大小为 125%");
    harness.get_by_role_and_label(Role::Slider, "缩放").focus();
    harness.run_steps(1);
    press(&mut harness, egui::Key::ArrowRight);
    assert!((harness.ctx.zoom_factor() - 1.375).abs() < 1e-6, "110 % zoom × 125 % text");
}

#[test]
fn demo_account_is_reopened_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = DataDir::at(dir.path());
    drop(demo_unit_harness(dir.path()));

    let next_start = certdesk::app::resolve_platform(&data_dir);
    assert!(
        matches!(next_start, PlatformChoice::Demo { role: AccountRole::Unit }),
        "the unit chosen last time opens again"
    );
}

#[test]
fn switching_account_leaves_the_other_accounts_pages_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_unit_harness(dir.path());
    press_command(&mut harness, egui::Key::Num2);
    wait_for_checks(&mut harness);
    harness.get_by_label_contains("检查了 37 人");

    // A roster previewed for import as the unit.
    let roster = dir.path().join("社保名单.csv");
    std::fs::write(&roster, "姓名,身份证号码,单位名称,统一社会信用代码,缴费起止\n测试,11010519800101001X,示范公司,91110105314159268D,2026-01至2026-06\n").unwrap();
    // Dropped on the 导入 page, the file becomes the roster to read, not a copy to verify.
    press_command(&mut harness, egui::Key::Num5);
    harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(roster.clone())));
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(Role::TextInput, "文件路径");
    assert_eq!(field.value().as_deref(), roster.to_str(), "the dropped file fills the path");
    assert!(harness.query_by_role_and_label(Role::Window, "验证").is_none(), "no verify view opens");
    harness.get_by_role_and_label(Role::Button, "预览").click();
    let started = Instant::now();
    while harness.query_by_label_contains("确认导入").is_none() {
        assert!(started.elapsed() < SYNC_TIMEOUT, "the preview did not come");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }

    harness.get_by_label("持证人").click();
    harness.run_steps(2);
    wait_for_sync(&mut harness);
    assert!(harness.query_by_label_contains("确认导入").is_none(), "the unit's preview is gone");
    assert!(
        harness.query_by_role_and_label(Role::Button, "导入").is_none(),
        "a holder keeps no payment rosters, so the navigation has no 导入"
    );
    harness.get_by_role_and_label(Role::Button, "我的证书");
    press_command(&mut harness, egui::Key::Num2);
    wait_for_checks(&mut harness);
    assert!(harness.query_by_label_contains("检查了 37 人").is_none(), "the unit's findings are gone");
    harness.get_by_label_contains("检查了 1 人");
}

#[test]
fn settings_show_the_reminder_windows_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);
    press_command(&mut harness, egui::Key::Num6);
    let shown: Vec<String> = harness
        .query_all_by_role(Role::SpinButton)
        .filter_map(|node| egui_kittest::kittest::NodeT::accesskit_node(&node).value())
        .collect();
    assert!(shown.iter().any(|v| v.contains("90")), "the 90-day specialty window: {shown:?}");
    assert!(shown.iter().any(|v| v.contains("14")), "the 14-day copy window: {shown:?}");
}

#[test]
fn register_excel_default_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness(dir.path());
    wait_for_sync(&mut harness);
    press_command(&mut harness, egui::Key::Num4);
    harness.get_by_role_and_label(Role::Button, "导出 Excel").click();
    harness.run_steps(2);

    let notice = harness.state().notice_text().unwrap_or_default();
    assert!(notice.starts_with("已把用证台账导出到"), "{notice}");
    let folder = dir.path().join("exports");
    let files: Vec<_> = std::fs::read_dir(&folder).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().starts_with("用证台账-20261204"), "{files:?}");
}
