//! Roster import as users meet it: real-shaped .xlsx and CSV files built here, the preview's
//! accepted and rejected rows, the one-transaction write, and `certdesk import` on the command
//! line. Every ID number is the standard's sample or made with `IdNumber::from_first17`.

use std::path::Path;
use std::process::Command;

use certdesk::account::DataDir;
use certdesk::domain::IdNumber;
use certdesk::domain::progress::Progress;
use certdesk::domain::records::PaymentKind;
use certdesk::i18n::Lang;
use certdesk::import::{FileFormat, ImportError, Preview, TextEncoding, preview_bytes};
use certdesk::store::{Store, payments};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

/// The sample number printed in GB 11643: born 1949-12-31, female.
const SAMPLE_ID: &str = "11010519491231002X";

/// The credit code of MOHURD, published and valid.
const UNIT_CODE: &str = "11100000000013338W";

/// Returns a made-up ID number of a man born 1980-05-17.
fn second_id() -> String {
    IdNumber::from_first17("32010219800517003").unwrap().as_str().to_owned()
}

/// `second_id` with its check character replaced by one that is wrong.
fn wrong_check_id() -> (String, char) {
    let id = second_id();
    let expected = id.chars().last().unwrap();
    let wrong = if expected == '0' { '1' } else { '0' };
    (format!("{}{wrong}", &id[..17]), expected)
}

/// Returns a real PNG image, the sandbox's sample photo.
fn png_bytes() -> Vec<u8> {
    use rand::SeedableRng as _;
    certdesk::sandbox::images::photo(&mut rand_chacha::ChaCha8Rng::seed_from_u64(1))
}

fn reasons(preview: &Preview) -> Vec<(usize, String)> {
    preview.rejected.iter().map(|row| (row.row, row.reason(Lang::ZhCn))).collect()
}

/// Builds a roster as a local online office exports it. It has a merged title row and headers
/// merged over two rows, with 缴费起止 split into 起 and 止. Months come as text, as date cells
/// and as raw serial numbers. One ID number is a number cell, one has a wrong check character,
/// and one row repeats another.
fn merged_header_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = Format::new();
    let month_format = Format::new().set_num_format("yyyy-mm");
    sheet.merge_range(0, 0, 0, 6, "北京某建设有限公司2026年社会保险参保缴费人员名单", &plain).unwrap();
    for (column, label) in [(0, "序号"), (1, "姓名"), (2, "公民身份号码"), (3, "单位名称"), (4, "统一社会信用代码")]
    {
        sheet.merge_range(1, column, 2, column, label, &plain).unwrap();
    }
    sheet.merge_range(1, 5, 1, 6, "缴费起止", &plain).unwrap();
    sheet.write_string(2, 5, "起").unwrap();
    sheet.write_string(2, 6, "止").unwrap();

    let text_row = |sheet: &mut rust_xlsxwriter::Worksheet, row: u32, name: &str, id: &str, from: &str, to: &str| {
        sheet.write_number(row, 0, row - 2).unwrap();
        sheet.write_string(row, 1, name).unwrap();
        sheet.write_string(row, 2, id).unwrap();
        sheet.write_string(row, 3, "北京某建设有限公司").unwrap();
        sheet.write_string(row, 4, UNIT_CODE).unwrap();
        sheet.write_string(row, 5, from).unwrap();
        sheet.write_string(row, 6, to).unwrap();
    };
    // Row 4: text months.
    text_row(sheet, 3, "测试甲", SAMPLE_ID, "2026-01", "2026-06");
    // Row 5: date cells (serial numbers with a date format): 2026-01-01 and 2026-03-01.
    text_row(sheet, 4, "测试乙", &second_id(), "", "");
    sheet.write_number_with_format(4, 5, 46_023, &month_format).unwrap();
    sheet.write_number_with_format(4, 6, 46_082, &month_format).unwrap();
    // Row 6: the ID number typed into a number cell, so Excel kept 15 digits.
    text_row(sheet, 5, "测试丙", "", "202601", "202602");
    sheet.write_number(5, 2, 110_105_194_912_310_020.0).unwrap();
    // Row 7: a wrong check character.
    text_row(sheet, 6, "测试丁", &wrong_check_id().0, "2026-01", "2026-01");
    // Row 8: row 4 again.
    text_row(sheet, 7, "测试甲", SAMPLE_ID, "2026-01", "2026-06");
    // Row 9: raw serial numbers with no date format: 2026-04-01 to 2026-05-01.
    text_row(sheet, 8, "测试乙", &second_id(), "", "");
    sheet.write_number(8, 5, 46_113).unwrap();
    sheet.write_number(8, 6, 46_143).unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn xlsx_title_and_merged_headers() {
    let preview = preview_bytes(&merged_header_workbook(), PaymentKind::SocialSecurity).unwrap();

    assert_eq!(preview.format, FileFormat::Xlsx);
    assert_eq!(preview.header_row, 3, "the header is the second of the two merged header rows");
    let accepted: Vec<usize> = preview.accepted.iter().map(|row| row.row).collect();
    assert_eq!(accepted, [4, 5, 9]);

    let first = &preview.accepted[0].record;
    assert_eq!(first.name, "测试甲");
    assert_eq!(first.id_number.as_str(), SAMPLE_ID);
    assert_eq!(first.unit_credit_code.as_str(), UNIT_CODE);
    assert_eq!(first.unit_name, "北京某建设有限公司");
    assert_eq!(first.months.len(), 6);

    let dated: Vec<String> = preview.accepted[1].record.months.iter().map(ToString::to_string).collect();
    assert_eq!(dated, ["2026-01", "2026-02", "2026-03"], "date cells are read as months");
    let serial: Vec<String> = preview.accepted[2].record.months.iter().map(ToString::to_string).collect();
    assert_eq!(serial, ["2026-04", "2026-05"], "raw serial numbers are read as dates");
}

#[test]
fn xlsx_rejections_name_row_and_problem() {
    let preview = preview_bytes(&merged_header_workbook(), PaymentKind::SocialSecurity).unwrap();
    let reasons = reasons(&preview);
    assert_eq!(reasons.len(), 3, "{reasons:?}");

    assert_eq!(reasons[0].0, 6);
    assert!(reasons[0].1.starts_with("第6行：身份证号码无效："), "{}", reasons[0].1);
    assert!(reasons[0].1.contains("科学计数法"), "{}", reasons[0].1);

    let expected = wrong_check_id().1;
    assert_eq!(reasons[1].0, 7);
    assert!(reasons[1].1.contains(&format!("第18位校验码应为{expected}")), "{}", reasons[1].1);

    assert_eq!(reasons[2], (8, "第8行：与第4行重复（同一人员、单位和月份），只导入一次。".to_owned()));
}

#[test]
fn mangled_id_text_is_rejected() {
    let csv =
        format!("姓名,身份证号码,单位名称,统一社会信用代码,缴费年月\n测试甲,1.10105E+17,某公司,{UNIT_CODE},2026-01\n");
    let preview = preview_bytes(csv.as_bytes(), PaymentKind::SocialSecurity).unwrap();
    assert!(preview.accepted.is_empty());
    assert!(preview.rejected[0].reason(Lang::ZhCn).contains("1.10105E+17"));
    assert!(preview.rejected[0].reason(Lang::ZhCn).contains("科学计数法"));
}

#[test]
fn gbk_csv_is_read() {
    let text = format!(
        "姓名,身份证号码,单位名称,统一社会信用代码,缴存年月\r\n测试甲,{SAMPLE_ID},某建设公司,{UNIT_CODE},2026年1月\r\n测试乙,{},某建设公司,{UNIT_CODE},2026/02\r\n",
        second_id()
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);

    let preview = preview_bytes(&bytes, PaymentKind::HousingFund).unwrap();

    assert_eq!(preview.format, FileFormat::Csv(TextEncoding::Gbk));
    assert_eq!(preview.accepted.len(), 2, "{:?}", reasons(&preview));
    assert_eq!(preview.accepted[0].record.name, "测试甲");
    assert_eq!(preview.accepted[0].record.unit_name, "某建设公司");
    assert_eq!(preview.accepted[1].record.months[0].to_string(), "2026-02");
}

#[test]
fn utf8_bom_csv_with_unit_in_title() {
    let text = format!(
        "\u{FEFF}住房公积金缴存明细\n单位名称：某建设公司,统一社会信用代码：{UNIT_CODE}\n序号,职工姓名,证件号码,费款所属期\n1,测试甲,{SAMPLE_ID},202601-202603\n2,测试乙,{},2026-01至2026-12\n",
        second_id()
    );

    let preview = preview_bytes(text.as_bytes(), PaymentKind::HousingFund).unwrap();

    assert_eq!(preview.format, FileFormat::Csv(TextEncoding::Utf8Bom));
    assert_eq!(preview.header_row, 3);
    assert_eq!(preview.accepted.len(), 2, "{:?}", reasons(&preview));
    let first = &preview.accepted[0].record;
    assert_eq!(first.unit_name, "某建设公司", "the unit comes from the rows above the header");
    assert_eq!(first.unit_credit_code.as_str(), UNIT_CODE);
    assert_eq!(first.months.len(), 3);
    assert_eq!(preview.accepted[1].record.months.len(), 12);
}

/// An .xls file written by xlwt (`tests/fixtures/make_roster_xls.py`): a merged title, months as
/// a text range, a number and a date cell, and an ID number stored as a number.
#[test]
fn xls_fixture_is_read() {
    let bytes = include_bytes!("../fixtures/roster.xls");

    let preview = preview_bytes(bytes, PaymentKind::HousingFund).unwrap();

    assert_eq!(preview.format, FileFormat::Xls);
    assert_eq!(preview.sheet.as_deref(), Some("名单"));
    assert_eq!(preview.header_row, 2);
    let months: Vec<Vec<String>> =
        preview.accepted.iter().map(|row| row.record.months.iter().map(ToString::to_string).collect()).collect();
    assert_eq!(months, [vec!["2026-01", "2026-02", "2026-03"], vec!["2026-04"], vec!["2026-05"]]);
    assert_eq!(preview.accepted[1].record.id_number.as_str(), second_id());
    let reasons = reasons(&preview);
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].0, 6);
    assert!(reasons[0].1.contains("科学计数法"), "{}", reasons[0].1);
}

#[test]
fn empty_files_are_errors() {
    for bytes in [&b""[..], b"  \r\n ", b"\xEF\xBB\xBF", b",,,\n,,\n"] {
        let error = preview_bytes(bytes, PaymentKind::SocialSecurity).unwrap_err();
        assert!(matches!(error, ImportError::Empty), "{bytes:?}: {error:?}");
    }
    let mut workbook = Workbook::new();
    workbook.add_worksheet();
    let error = preview_bytes(&workbook.save_to_buffer().unwrap(), PaymentKind::SocialSecurity).unwrap_err();
    assert!(matches!(error, ImportError::Empty), "{error:?}");
    assert_eq!(error.message().render(Lang::ZhCn), "文件是空的，没有任何数据。请确认导出已完成后重新选择文件。");
}

#[test]
fn png_named_xlsx_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.xlsx");
    let png = png_bytes();
    std::fs::write(&path, png).unwrap();

    let error = certdesk::import::preview_file(&path, PaymentKind::SocialSecurity).unwrap_err();

    assert!(matches!(error, ImportError::OtherFormat { format: "PNG" }), "{error:?}");
    assert!(error.message().render(Lang::ZhCn).contains("PNG 文件，不是 Excel 表格"));
}

#[test]
fn other_bytes_are_rejected() {
    let binary: Vec<u8> = (0..=255).collect();
    let error = preview_bytes(&binary, PaymentKind::SocialSecurity).unwrap_err();
    assert!(matches!(error, ImportError::NotSpreadsheet), "{error:?}");

    let not_a_workbook = b"PK\x03\x04 this is a broken zip";
    let error = preview_bytes(not_a_workbook, PaymentKind::SocialSecurity).unwrap_err();
    assert!(matches!(error, ImportError::UnreadableWorkbook { format: FileFormat::Xlsx }), "{error:?}");
}

#[test]
fn no_header_is_an_error() {
    let error = preview_bytes("姓名,电话\n测试甲,123\n".as_bytes(), PaymentKind::SocialSecurity).unwrap_err();
    assert!(matches!(error, ImportError::NoHeader), "{error:?}");
    assert!(error.message().render(Lang::ZhCn).starts_with("找不到表头"));
}

fn csv_roster() -> String {
    format!(
        "姓名,身份证号码,单位名称,统一社会信用代码,缴费起止\n测试甲,{SAMPLE_ID},某建设公司,{UNIT_CODE},2026-01至2026-06\n测试乙,{},另一公司,11110000000021135M,202603\n",
        second_id()
    )
}

fn table_counts(store: &Store) -> [i64; 3] {
    store
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

#[test]
fn write_creates_persons_units_months() {
    let preview = preview_bytes(csv_roster().as_bytes(), PaymentKind::SocialSecurity).unwrap();
    let records = preview.records();
    let mut store = Store::open_in_memory().unwrap();

    let counts = store
        .write(|t| payments::write_imported(t, PaymentKind::SocialSecurity, &records, &Progress::default()))
        .unwrap();

    assert_eq!(counts.persons_created, 2);
    assert_eq!(counts.units_created, 2);
    assert_eq!(counts.months_added, 7);
    assert_eq!(table_counts(&store), [2, 2, 7]);
    let (sex, birth_date): (String, String) = store
        .read(|c| {
            Ok(c.query_row("SELECT sex, birth_date FROM persons WHERE id_number = ?1", [SAMPLE_ID], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?)
        })
        .unwrap();
    assert_eq!((sex.as_str(), birth_date.as_str()), ("female", "1949-12-31"));
    let months = store.read(|c| payments::list_months(c, PaymentKind::SocialSecurity)).unwrap();
    assert!(months.iter().all(|(_, source)| source == "import"));
    let fund = store.read(|c| payments::list_months(c, PaymentKind::HousingFund)).unwrap();
    assert!(fund.is_empty(), "social security rows stay out of the housing fund table");

    let again = store
        .write(|t| payments::write_imported(t, PaymentKind::SocialSecurity, &records, &Progress::default()))
        .unwrap();
    assert_eq!((again.persons_created, again.units_created, again.months_added, again.months_updated), (0, 0, 0, 7));
    assert_eq!(table_counts(&store), [2, 2, 7], "a second import adds nothing");
}

#[test]
fn failed_write_leaves_cache_unchanged() {
    let preview = preview_bytes(csv_roster().as_bytes(), PaymentKind::SocialSecurity).unwrap();
    let records = preview.records();
    let mut store = Store::open_in_memory().unwrap();
    // The last month of the last row fails, after every other row has been written.
    store
        .read(|c| {
            Ok(c.execute_batch(
                "CREATE TRIGGER fail_last_month BEFORE INSERT ON social_security_months
                 WHEN NEW.month = '2026-03' AND NEW.unit_credit_code = '11110000000021135M'
                 BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
            )?)
        })
        .unwrap();

    let result =
        store.write(|t| payments::write_imported(t, PaymentKind::SocialSecurity, &records, &Progress::default()));

    assert!(result.is_err());
    assert_eq!(table_counts(&store), [0, 0, 0], "nothing of the failed import is left");
}

fn certdesk(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certdesk"));
    command.arg("--data-dir").arg(data_dir).env_remove("CERTDESK_LANG");
    command
}

#[test]
fn cli_dry_run_then_import() {
    let dir = tempfile::tempdir().unwrap();
    let cache = DataDir::at(dir.path()).cache_path("sandbox", "demo-holder");
    drop(Store::open(&cache).unwrap());
    let file = dir.path().join("社保名单.xlsx");
    std::fs::write(&file, merged_header_workbook()).unwrap();

    let dry = certdesk(dir.path())
        .args(["import", "social-security"])
        .arg(&file)
        .args(["--dry-run", "--json"])
        .output()
        .unwrap();
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let json: Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(json["accepted"], 3);
    assert_eq!(json["rejected"][2]["row"], 8);
    assert!(json["rejected"][1]["reason"].as_str().unwrap().starts_with("第7行："));
    assert!(json.get("written").is_none());
    assert_eq!(table_counts(&Store::open(&cache).unwrap()), [0, 0, 0], "a dry run writes nothing");

    let real = certdesk(dir.path()).args(["import", "social-security"]).arg(&file).arg("--json").output().unwrap();
    assert!(real.status.success(), "{}", String::from_utf8_lossy(&real.stderr));
    let json: Value = serde_json::from_slice(&real.stdout).unwrap();
    assert_eq!(json["written"]["persons_created"], 2);
    assert_eq!(json["written"]["months_added"], 11);
    assert_eq!(table_counts(&Store::open(&cache).unwrap()), [2, 1, 11]);
    assert!(!String::from_utf8_lossy(&real.stdout).contains(SAMPLE_ID), "ID numbers stay out of the output");
}

#[test]
fn cli_bad_file_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("照片.xlsx");
    std::fs::write(&file, png_bytes()).unwrap();

    let output = certdesk(dir.path()).args(["import", "housing-fund"]).arg(&file).arg("--dry-run").output().unwrap();

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("PNG 文件"), "{stderr}");
}

/// 60 seconds: reading a small file takes milliseconds; the margin is for a loaded CI machine.
const PREVIEW_TIMEOUT: std::time::Duration = std::time::Duration::from_mins(1);

#[test]
fn window_previews_then_confirms() {
    window_preview_then_confirm(Lang::ZhCn);
}

#[test]
fn window_import_in_english() {
    window_preview_then_confirm(Lang::En);
}

/// Previews the merged-header workbook in the window, checks the rows shown, and confirms.
fn window_preview_then_confirm(lang: Lang) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;

    let text = |zh, en| crate::support::text(lang, zh, en);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("社保名单.xlsx");
    std::fs::write(&file, merged_header_workbook()).unwrap();
    // HR staff import payment rosters, so the demo unit does.
    let mut harness = super::gui::demo_unit_harness_in(dir.path(), lang);
    let cache = DataDir::at(dir.path()).cache_path("sandbox", "demo-unit");
    let synced_months = table_counts(&Store::open(&cache).unwrap())[2];

    harness.get_by_role_and_label(Role::Button, text("导入", "Import")).click();
    harness.run_steps(2);
    let path_field = text("文件路径", "File path");
    harness.get_by_role_and_label(Role::TextInput, path_field).focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, path_field).type_text(file.to_str().unwrap());
    harness.run_steps(2);
    harness.get_by_label(text("预览", "Preview")).click();
    let confirm = text("确认导入 3 行", "Import 3 rows");
    let started = std::time::Instant::now();
    while harness.query_by_label(confirm).is_none() {
        assert!(started.elapsed() < PREVIEW_TIMEOUT, "the preview did not arrive in time");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.get_by_label_contains(text(
        "表头在第 3 行：可导入 3 行，拒绝 3 行",
        "header on row 3: 3 rows to import, 3 rejected",
    ));
    harness.get_by_label(text(
        "第8行：与第4行重复（同一人员、单位和月份），只导入一次。",
        "Row 8: Repeats row 4 (same person, unit and months); imported once.",
    ));
    harness.get_by_label("110105********002X");
    assert!(harness.query_by_label(SAMPLE_ID).is_none(), "the ID number is masked");
    let after_preview = table_counts(&Store::open(&cache).unwrap())[2];
    assert_eq!(after_preview, synced_months, "nothing is written before the confirmation");

    harness.get_by_label(confirm).click();
    let written = text("已导入社保缴费记录：新建人员 2 人", "Social security payments imported. New people: 2;");
    let started = std::time::Instant::now();
    while harness.query_by_label_contains(written).is_none() {
        assert!(started.elapsed() < PREVIEW_TIMEOUT, "the write did not finish in time");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    assert_eq!(table_counts(&Store::open(&cache).unwrap())[2], synced_months + 11);
}

#[test]
fn cancelled_preview_stops() {
    let progress = Progress::default();
    let preview =
        certdesk::import::preview_bytes_with_progress(csv_roster().as_bytes(), PaymentKind::SocialSecurity, &progress)
            .unwrap();
    assert_eq!(preview.accepted.len(), 2);
    assert_eq!(progress.counts(), (2, 2), "every data row is counted");

    progress.cancel();
    let cancelled =
        certdesk::import::preview_bytes_with_progress(csv_roster().as_bytes(), PaymentKind::SocialSecurity, &progress);
    assert!(matches!(cancelled, Err(ImportError::Cancelled)), "{cancelled:?}");
}

#[test]
fn cancelled_write_leaves_cache_unchanged() {
    let preview = preview_bytes(csv_roster().as_bytes(), PaymentKind::SocialSecurity).unwrap();
    let records = preview.records();
    let mut store = Store::open_in_memory().unwrap();
    let progress = Progress::default();
    progress.cancel();

    let result = store.write(|t| payments::write_imported(t, PaymentKind::SocialSecurity, &records, &progress));

    assert!(matches!(result, Err(certdesk::store::StoreError::Cancelled)), "{result:?}");
    assert_eq!(table_counts(&store), [0, 0, 0], "nothing of the cancelled import is left");
}
