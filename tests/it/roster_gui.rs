//! The certificate list through `egui_kittest`: sorting by a column header and filtering by
//! specialty and validity, in both languages, over a small fixed roster.

use certdesk::domain::{CertificateStatus, CertificateSummary, Qualification, Specialty};
use certdesk::i18n::Lang;
use certdesk::platform::wire::Role as AccountRole;
use certdesk::ui::certificate_list::{ListFilter, ListView, list_ui};
use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The holders of the fixture, each on one row.
const NAMES: [&str; 6] = ["张伟", "王芳", "李娜", "曾小明", "安然", "陈静"];

struct Roster {
    fonts_installed: bool,
    lang: Lang,
    certificates: Vec<CertificateSummary>,
    filter: ListFilter,
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// Returns the as-of day of every test: 2026-12-04, China Standard Time.
fn today() -> NaiveDate {
    day(2026, 12, 4)
}

fn summary(number: u32, name: &str, specialty: &str, valid_to: NaiveDate) -> CertificateSummary {
    CertificateSummary {
        certificate_id: format!("cert-{number}"),
        version: 1,
        status: CertificateStatus::Valid,
        qualification: Qualification::Constructor1,
        registration_number: format!("京11115170{number:04}"),
        holder_name: name.to_owned(),
        id_number_masked: format!("110105********{number:03}X"),
        unit_name: "北京示例建设集团有限公司".to_owned(),
        unit_credit_code: "91110000MA01ABCD2X".to_owned(),
        specialties: vec![Specialty { name: specialty.to_owned(), valid_from: day(2024, 1, 1), valid_to }],
        signature: Some(certdesk::domain::record_signature::SignatureStatus::Valid),
    }
}

/// Six rows on 2026-12-04: two valid, two expiring, one expired and one superseded version.
fn fixture() -> Vec<CertificateSummary> {
    let mut superseded = summary(6, "陈静", "建筑工程", day(2025, 12, 31));
    superseded.status = CertificateStatus::Superseded;
    vec![
        summary(1, "张伟", "建筑工程", day(2029, 3, 1)),
        summary(2, "王芳", "市政公用工程", day(2026, 6, 30)),
        summary(3, "李娜", "建筑工程", day(2027, 1, 15)),
        summary(4, "曾小明", "机电工程", day(2028, 5, 1)),
        summary(5, "安然", "市政公用工程", day(2027, 2, 20)),
        superseded,
    ]
}

fn harness(lang: Lang) -> Harness<'static, Roster> {
    let roster = Roster { fonts_installed: false, lang, certificates: fixture(), filter: ListFilter::default() };
    let mut harness = Harness::builder().with_size(egui::vec2(1280.0, 600.0)).build_ui_state(
        |ui, roster: &mut Roster| {
            // The first frame needs the bundled CJK font before any text is laid out.
            if !roster.fonts_installed {
                certdesk::ui::fonts::install(ui.ctx());
                roster.fonts_installed = true;
            }
            let view = ListView {
                lang: roster.lang,
                role: AccountRole::Unit,
                certificates: &roster.certificates,
                selected: None,
                today: today(),
                generation: 1,
                checking: false,
            };
            list_ui(ui, &view, &mut roster.filter);
        },
        roster,
    );
    harness.run_steps(2);
    harness
}

/// Returns the names on screen, top row first.
fn names_on_screen(harness: &Harness<'static, Roster>) -> Vec<&'static str> {
    let mut rows: Vec<(f32, &str)> =
        NAMES.iter().filter_map(|&name| harness.query_by_label(name).map(|node| (node.rect().min.y, name))).collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, name)| name).collect()
}

fn click_header(harness: &mut Harness<'static, Roster>, title: &str) {
    harness.get_by_role_and_label(Role::Button, title).click();
    harness.run_steps(2);
}

/// Opens the combo box that shows `shown` and clicks the option `option`.
fn choose(harness: &mut Harness<'static, Roster>, shown: &str, option: &str) {
    harness.get_by(|node| node.role() == Role::ComboBox && node.value().as_deref() == Some(shown)).click();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, option).click();
    harness.run_steps(2);
}

#[test]
fn name_header_sorts_by_pinyin() {
    let mut harness = harness(Lang::ZhCn);
    assert_eq!(names_on_screen(&harness), NAMES, "unsorted, the rows keep the order of the cache");

    click_header(&mut harness, "姓名");
    // an, chen, li, wang, zeng (曾 as a surname), zhang; code point order would put 张 second.
    assert_eq!(names_on_screen(&harness), ["安然", "陈静", "李娜", "王芳", "曾小明", "张伟"]);
    harness.get_by_label("▲");

    click_header(&mut harness, "姓名");
    assert_eq!(names_on_screen(&harness), ["张伟", "曾小明", "王芳", "李娜", "陈静", "安然"]);
    harness.get_by_label("▼");
}

#[test]
fn expiry_header_sorts_by_day_in_english() {
    let mut harness = harness(Lang::En);
    click_header(&mut harness, "Earliest expiry");
    assert_eq!(names_on_screen(&harness), ["陈静", "王芳", "李娜", "安然", "曾小明", "张伟"]);

    click_header(&mut harness, "Earliest expiry");
    assert_eq!(names_on_screen(&harness), ["张伟", "曾小明", "安然", "李娜", "王芳", "陈静"]);
}

#[test]
fn expiry_header_sorts_by_day() {
    let mut harness = harness(Lang::ZhCn);
    click_header(&mut harness, "最早到期");
    assert_eq!(names_on_screen(&harness), ["陈静", "王芳", "李娜", "安然", "曾小明", "张伟"]);
    harness.get_by_label("2025年12月31日");
}

#[test]
fn status_header_puts_expired_first() {
    let mut harness = harness(Lang::ZhCn);
    click_header(&mut harness, "状态");
    // Expired, then expiring with the fewest days left, then valid, then the superseded version.
    assert_eq!(names_on_screen(&harness), ["王芳", "李娜", "安然", "张伟", "曾小明", "陈静"]);
}

#[test]
fn specialty_and_validity_filters_compose() {
    let mut harness = harness(Lang::ZhCn);

    choose(&mut harness, "全部专业", "建筑工程");
    assert_eq!(names_on_screen(&harness), ["张伟", "李娜", "陈静"]);
    harness.get_by_label("共 3 条");

    choose(&mut harness, "全部状态", "即将到期");
    assert_eq!(names_on_screen(&harness), ["李娜"]);
    harness.get_by_label("共 1 条");

    choose(&mut harness, "建筑工程", "全部专业");
    assert_eq!(names_on_screen(&harness), ["李娜", "安然"], "the validity filter stays on");

    choose(&mut harness, "即将到期", "已过期");
    assert_eq!(names_on_screen(&harness), ["王芳"], "a superseded version is not counted as expired");

    choose(&mut harness, "已过期", "已作废（旧版本）");
    assert_eq!(names_on_screen(&harness), ["陈静"]);
}

#[test]
fn filters_work_in_english() {
    let mut harness = harness(Lang::En);

    choose(&mut harness, "All specialties", "市政公用工程");
    assert_eq!(names_on_screen(&harness), ["王芳", "安然"]);

    choose(&mut harness, "Any validity", "Expired");
    assert_eq!(names_on_screen(&harness), ["王芳"]);
    harness.get_by_label("1 entries");

    choose(&mut harness, "Expired", "Valid");
    assert!(names_on_screen(&harness).is_empty(), "no valid row has this specialty");
    harness.get_by_label("0 entries");
}

#[test]
fn search_composes_with_sort_and_filters() {
    let mut harness = harness(Lang::ZhCn);
    click_header(&mut harness, "姓名");
    choose(&mut harness, "全部专业", "建筑工程");

    harness.get_by_role_and_label(Role::TextInput, "搜索").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("京11115170000");
    harness.run_steps(2);
    // 0001, 0003 and 0006 are 建筑工程; all match the number prefix, in pinyin order.
    assert_eq!(names_on_screen(&harness), ["陈静", "李娜", "张伟"]);

    harness.get_by_role_and_label(Role::TextInput, "搜索").type_text("3");
    harness.run_steps(2);
    assert_eq!(names_on_screen(&harness), ["李娜"]);
}
