//! Cancelling long work in the window through `egui_kittest`: the roster import's preview and
//! write, and the batch export. The work is made long by its size, never by a timer: a roster
//! of many thousand rows, and a unit with 23 certificates. The batch thread waits for the
//! window to take each report, so it runs at most a few files ahead of the cancel.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use certdesk::account::DataDir;
use certdesk::app::CertDeskApp;
use certdesk::domain::IdNumber;
use certdesk::i18n::Lang;
use certdesk::platform::wire::Role as AccountRole;
use certdesk::store::Store;
use certdesk::ui::import_view::{ImportForm, ImportView, JobView, import_ui};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use sha2::Digest as _;

use crate::support::text;

/// 120 seconds: reading and writing the large roster takes a few seconds in a debug build
/// here; the margin is for a loaded CI machine.
const LONG_WORK_TIMEOUT: Duration = Duration::from_mins(2);

/// 50 000 rows: reading them took 0.5 to 1 s and writing them 2 s on a 2-core machine (debug
/// build), far longer than the three frames from a click on 预览 or 确认 to the click on 取消.
const LARGE_ROSTER_ROWS: usize = 50_000;

/// Builds a social-security roster of `rows` people, each paid for six months by one unit.
fn large_roster(rows: usize) -> String {
    let mut text = String::from("姓名,身份证号码,单位名称,统一社会信用代码,缴费起止\n");
    for index in 0..rows {
        // Born on one of 28 days in January to March 1980, with a three-digit sequence: up to
        // 84 000 distinct numbers.
        let first17 = format!("11010519800{}{:02}{:03}", 1 + index / 28_000, 1 + (index / 1000) % 28, index % 1000);
        let id = IdNumber::from_first17(&first17).unwrap();
        writeln!(text, "测试{index},{},大型示范建设公司,11100000000013338W,2026-01至2026-06", id.as_str()).unwrap();
    }
    text
}

/// Counts the cache rows an import writes: persons, units and social-security months.
fn import_counts(cache: &Path) -> [i64; 3] {
    Store::open(cache)
        .unwrap()
        .read(|connection| {
            let count = |sql: &str| connection.query_row(sql, [], |row| row.get::<_, i64>(0));
            Ok([
                count("SELECT count(*) FROM persons")?,
                count("SELECT count(*) FROM units")?,
                count("SELECT count(*) FROM social_security_months")?,
            ])
        })
        .unwrap()
}

/// Steps frames until `done` holds, for work on a background thread.
fn step_until(
    harness: &mut Harness<'static, CertDeskApp>,
    what: &str,
    done: impl Fn(&Harness<'static, CertDeskApp>) -> bool,
) {
    let started = Instant::now();
    while !done(harness) {
        assert!(started.elapsed() < LONG_WORK_TIMEOUT, "{what} did not happen in time");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run_steps(2);
}

fn has_notice(harness: &Harness<'static, CertDeskApp>, part: &str) -> bool {
    harness.state().notice_text().is_some_and(|notice| notice.contains(part))
}

/// Opens the window on the `compliance.json` scenario's cache as its unit administrator.
fn unit_harness(data_dir: &Path, lang: Lang) -> Harness<'static, CertDeskApp> {
    let mut options = crate::support::scenario_app(data_dir, "compliance.json", AccountRole::Unit);
    options.lang = lang;
    let mut harness =
        Harness::builder().with_size(egui::vec2(1280.0, 900.0)).build_eframe(move |cc| CertDeskApp::new(cc, options));
    harness.run_steps(2);
    harness
}

fn scenario_cache(data_dir: &Path) -> std::path::PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = certdesk::sandbox::scenario::load(&path).unwrap();
    let account = data.accounts.iter().find(|a| a.role == AccountRole::Unit).unwrap();
    DataDir::at(data_dir).cache_path("scenario", &account.account)
}

fn preview(harness: &mut Harness<'static, CertDeskApp>, lang: Lang, file: &Path) {
    let field = text(lang, "文件路径", "File path");
    harness.get_by_role_and_label(Role::TextInput, field).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, field).type_text(file.to_str().unwrap());
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::Button, text(lang, "预览", "Preview")).click();
    // One frame takes the click and starts the thread, the next draws the progress.
    harness.run_steps(2);
}

#[test]
fn import_preview_and_write_cancel() {
    import_cancel(Lang::ZhCn);
}

#[test]
fn import_cancel_in_english() {
    import_cancel(Lang::En);
}

/// Cancels the preview of a large roster, previews it again, and cancels its write.
fn import_cancel(lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("大名单.csv");
    std::fs::write(&file, large_roster(LARGE_ROSTER_ROWS)).unwrap();
    let mut harness = unit_harness(dir.path(), lang);
    let cache = scenario_cache(dir.path());
    let before = import_counts(&cache);
    let cancel = text(lang, "取消", "Cancel");
    harness.get_by_role_and_label(Role::Button, text(lang, "导入", "Import")).click();
    harness.run_steps(2);

    // A cancelled preview is dropped at once, and the page takes the next file.
    preview(&mut harness, lang, &file);
    harness.get_by_role_and_label(Role::Button, cancel).click();
    harness.run_steps(2);
    let preview_cancelled = text(lang, "已取消读取", "Reading cancelled");
    assert!(has_notice(&harness, preview_cancelled), "notice: {:?}", harness.state().notice_text());
    let confirm = match lang {
        Lang::ZhCn => format!("确认导入 {LARGE_ROSTER_ROWS} 行"),
        Lang::En => format!("Import {LARGE_ROSTER_ROWS} rows"),
    };
    assert!(harness.query_by_label(&confirm).is_none(), "no preview is shown");
    assert!(harness.query_by_role_and_label(Role::Button, cancel).is_none(), "nothing runs");
    let preview_button = harness.get_by_role_and_label(Role::Button, text(lang, "预览", "Preview"));
    assert!(!preview_button.accesskit_node().is_disabled(), "another file can be read");

    // A new preview of the same file reads it whole.
    preview(&mut harness, lang, &file);
    step_until(&mut harness, "the preview", |h| h.query_by_label(&confirm).is_some());
    assert_eq!(import_counts(&cache), before, "a preview writes nothing");

    // A cancelled write rolls back its one transaction.
    harness.get_by_label(&confirm).click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, cancel).click();
    let write_cancelled = text(
        lang,
        "已取消导入，缓存未改动：此文件的行一行也没有写入。",
        "Import cancelled. The cache is unchanged: no row of this file was written.",
    );
    step_until(&mut harness, "the rollback", |h| !has_notice(h, preview_cancelled));
    assert_eq!(harness.state().notice_text().as_deref(), Some(write_cancelled));
    assert_eq!(import_counts(&cache), before, "no row of the cancelled file is in the cache");
    harness.get_by_label(&confirm);
}

#[test]
fn batch_export_cancel_keeps_whole_files() {
    batch_cancel(Lang::ZhCn);
}

#[test]
fn batch_cancel_in_english() {
    batch_cancel(Lang::En);
}

/// Starts a batch export of the unit's certificates, cancels it after the first file, and
/// checks the files left against the register.
fn batch_cancel(lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = unit_harness(dir.path(), lang);
    let cache = scenario_cache(dir.path());
    let certificates = Store::open(&cache).unwrap().read(certdesk::store::certificates::load_all).unwrap();
    let total = certdesk::export::batch::current_versions(&certificates).len();
    assert!(total > 6, "the unit has enough certificates to stop midway: {total}");

    harness.get_by_label(text(lang, "批量导出", "Batch export")).click();
    harness.run_steps(10);
    let folder = dir.path().join("批量");
    let folder_field = text(lang, "保存到文件夹", "Save into folder");
    harness.get_by_label(folder_field).click();
    harness.run_steps(1);
    harness.get_by_label(folder_field).type_text(folder.to_str().unwrap());
    harness.get_by_label(text(lang, "不注明用途（明确选择）", "Export without a purpose (explicit choice)")).click();
    harness.run_steps(1);
    let start = text(lang, "导出全部当前证书", "Export every current certificate");
    harness.get_by_label(start).click();
    let pdf_written = |_: &Harness<'static, CertDeskApp>| {
        std::fs::read_dir(&folder).is_ok_and(|mut entries| {
            entries.any(|entry| entry.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf")))
        })
    };
    step_until(&mut harness, "the first file", pdf_written);
    harness.get_by_role_and_label(Role::Button, text(lang, "取消", "Cancel")).click();
    let cancelled = text(lang, "批量导出已取消", "Batch export cancelled");
    step_until(&mut harness, "the batch's end", |h| h.query_all_by_label_contains(cancelled).next().is_some());

    let register = Store::open(&cache).unwrap().read(certdesk::store::exports::list).unwrap();
    let written = register.len();
    assert!(written >= 1, "the file seen before the cancel stays");
    assert!(written < total, "the batch stopped before its last certificate");
    let skipped = total - written;
    let summary = match lang {
        Lang::ZhCn => {
            format!("批量导出已取消：取消前写入 {written} 份（均已记入用证台账），失败 0 份，未导出 {skipped} 份。")
        }
        Lang::En => format!(
            "Batch export cancelled: {written} written before cancelling (all in the export register), 0 failed, {skipped} not exported."
        ),
    };
    assert!(harness.query_all_by_label(&summary).next().is_some(), "the window shows: {summary}");

    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut registered: Vec<String> = register.iter().map(|record| record.file_name.clone()).collect();
    registered.sort();
    assert_eq!(files, registered, "every file is registered, and no temporary file is left");
    for record in &register {
        let bytes = std::fs::read(folder.join(&record.file_name)).unwrap();
        let sha256 = certdesk::account::data_dir::hex(&sha2::Sha256::digest(&bytes));
        assert_eq!(sha256, record.file_sha256, "{} is the whole file that was registered", record.file_name);
    }
    let start_button = harness.get_by_label(start);
    assert!(!start_button.accesskit_node().is_disabled(), "the form is ready for another batch");
}

/// The import view's state for a test that draws the view alone.
struct ImportScreen {
    fonts_installed: bool,
    job: JobView,
    form: ImportForm,
}

/// Returns the rectangle of the 取消 button while `job` runs.
fn cancel_button_rect(job: JobView) -> egui::Rect {
    let screen = ImportScreen { fonts_installed: false, job, form: ImportForm::default() };
    let mut harness = Harness::builder().with_size(egui::vec2(1280.0, 600.0)).build_ui_state(
        |ui, screen: &mut ImportScreen| {
            if !screen.fonts_installed {
                certdesk::ui::fonts::install(ui.ctx());
                screen.fonts_installed = true;
            }
            let view = ImportView { lang: Lang::ZhCn, running: Some(screen.job), preview: None, error: None };
            import_ui(ui, &view, &mut screen.form);
        },
        screen,
    );
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "取消").rect()
}

#[test]
fn cancel_button_stays_put() {
    // Kittest clicks the centre of the rectangle it last saw, as a user aims at a button. If the
    // button moved when the count arrives, a click aimed at it would land on the bar instead.
    let reading = JobView { writing: true, done: 0, total: 0, cancelling: false };
    let counting = JobView { writing: true, done: 12_800, total: LARGE_ROSTER_ROWS, cancelling: false };

    assert_eq!(cancel_button_rect(reading), cancel_button_rect(counting));
}
