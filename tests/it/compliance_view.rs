//! The compliance page through `egui_kittest`: the unit dashboard and the holder self-check.

use std::path::Path;
use std::time::{Duration, Instant};

use calamine::Reader as _;
use certdesk::app::CertDeskApp;
use certdesk::i18n::Lang;
use certdesk::platform::wire::Role as AccountRole;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::gui::{demo_unit_harness, demo_unit_harness_in, wait_for_checks};
use crate::support::text;

#[test]
fn unit_dashboard_lists_and_exports() {
    unit_dashboard(Lang::ZhCn);
}

#[test]
fn unit_dashboard_in_english() {
    unit_dashboard(Lang::En);
}

/// Runs the checks as the demo unit, opens a C07 finding's evidence and timeline, and exports
/// the findings to Excel with masked ID numbers.
fn unit_dashboard(lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_unit_harness_in(dir.path(), lang);

    harness.get_by_role_and_label(Role::Button, text(lang, "合规检查", "Compliance")).click();
    wait_for_checks(&mut harness);
    harness.get_by_role_and_label(Role::Button, text(lang, "重新检查", "Check again")).click();
    wait_for_checks(&mut harness);

    harness.get_by_label_contains(text(lang, "检查了 37 人", "People checked: 37,"));
    harness.get_by_label(text(lang, "C03 同月多家单位缴纳社保 1", "C03 Several social-security payers in one month 1"));
    let manager = text(lang, "C07 同时担任多个在建项目负责人", "C07 Manager of several active projects");
    harness.get_all_by_label(manager).next().unwrap().click();
    harness.run_steps(3);
    harness.get_by_label_contains(text(
        lang,
        "处理建议：请为其中一个项目办理项目负责人变更",
        "What to do: Change the manager of one project",
    ));
    let evidence = text(lang, "在建项目 ", "Active project ");
    assert_eq!(harness.get_all_by_label_contains(evidence).count(), 2, "both projects are evidence");
    harness.get_by_label_contains(text(lang, "人员时间线", "Timeline (last 24 months)"));
    let rows = timeline_rows(&harness, lang);
    let [registration, social_security, project] = match lang {
        Lang::ZhCn => ["注册 ", "社保 · ", "项目 "],
        Lang::En => ["Registered ", "Social security · ", "Project "],
    };
    let twelve_months = text(lang, "12个月", "12 months");
    assert!(rows.iter().any(|r| r.starts_with(registration)), "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with(social_security) && r.contains(twelve_months)), "{rows:?}");
    assert_eq!(rows.iter().filter(|r| r.starts_with(project)).count(), 2, "{rows:?}");

    let export = dir.path().join("导出").join("检查结果.xlsx");
    let export_to = text(lang, "导出到", "Export to");
    harness.get_by_role_and_label(Role::TextInput, export_to).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, export_to).type_text(export.to_str().unwrap());
    harness.run_steps(2);
    harness.get_by_label(text(lang, "导出 Excel", "Export to Excel")).click();
    harness.run_steps(2);

    harness.get_by_label_contains(text(lang, "已导出到", "Exported to"));
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&export).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.get_value((0, 0)).unwrap().to_string(), text(lang, "检查项", "Finding"));
    assert!(range.height() > 10);
    let all_text: String = range.rows().flat_map(|r| r.iter().map(ToString::to_string)).collect();
    assert!(all_text.contains("****"), "ID numbers are masked in the export");
}

/// Returns the texts of the timeline rows on screen.
fn timeline_rows(harness: &Harness<'static, CertDeskApp>, lang: Lang) -> Vec<String> {
    use egui_kittest::kittest::NodeT as _;
    let (prefixes, separator) = match lang {
        Lang::ZhCn => (["注册 ", "社保 · ", "公积金 · ", "项目 ", "用证 ", "申请 "], "："),
        Lang::En => {
            (["Registered ", "Social security · ", "Housing fund · ", "Project ", "Copy ", "Application "], ": ")
        }
    };
    harness
        .query_all(egui_kittest::kittest::By::new())
        .filter_map(|node| {
            let node = node.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .filter(|text| prefixes.iter().any(|p| text.starts_with(p)) && text.contains(separator))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Opens the window on a cache filled from a scenario, as a signed-in holder with no platform.
fn holder_harness(data_dir: &Path, scenario_name: &str, lang: Lang) -> Harness<'static, CertDeskApp> {
    let options = certdesk::app::AppOptions {
        lang,
        ..crate::support::scenario_app(data_dir, scenario_name, AccountRole::Holder)
    };
    Harness::builder().with_size(egui::vec2(1280.0, 900.0)).build_eframe(move |cc| CertDeskApp::new(cc, options))
}

#[test]
fn holder_finds_who_uses_the_certificate() {
    holder_self_check(Lang::ZhCn);
}

#[test]
fn holder_self_check_in_english() {
    holder_self_check(Lang::En);
}

/// Lists the units that use the holder's records, declares the real employer and saves the
/// report, which is drafted in Chinese in both languages: it goes to a Chinese authority.
fn holder_self_check(lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = holder_harness(dir.path(), "c02-other-payer.json", lang);
    harness.run_steps(2);

    harness.get_by_role_and_label(Role::Button, text(lang, "合规检查", "Compliance")).click();
    wait_for_checks(&mut harness);

    harness.get_by_label_contains(text(lang, "谁在使用我的证书", "Who uses my certificate"));
    harness.get_by_label("华北示范建工集团有限公司");
    harness.get_by_label("西南示范劳务服务有限公司");
    harness.get_by_label(text(lang, "C02 注册单位与社保单位不一致", "C02 Social security paid by another unit"));
    let declare: Vec<_> = harness.get_all_by_label(text(lang, "我实际在此工作", "I work here")).collect();
    assert_eq!(declare.len(), 2);
    declare[1].click();
    wait_for_checks(&mut harness);

    harness.get_by_label_contains(text(
        lang,
        "有单位在您不在该单位工作的情况下使用您的证书注册",
        "A unit you do not work for holds your certificate",
    ));
    if lang == Lang::En {
        harness.get_by_label_contains("The report is drafted in Chinese");
    }
    harness.get_by_label(text(lang, "保存为文本文件", "Save as a text file")).click();
    harness.run_steps(2);
    let saved = text(lang, "举报材料已保存到", "The report was saved to");
    let started = Instant::now();
    while harness.query_by_label_contains(saved).is_none() {
        assert!(started.elapsed() < Duration::from_secs(5));
        harness.step();
    }
    let report_path = dir.path().join("reports").join("举报材料-20261204.txt");
    let report = std::fs::read_to_string(report_path).unwrap();
    assert!(report.contains("本人实际工作单位为 西南示范劳务服务有限公司"), "{report}");
    assert!(report.contains("京111101800321"), "{report}");
    assert!(report.contains("110105********0019"), "the ID number is masked: {report}");
}

/// Returns the count the list's summary line shows ("共 N 条").
fn listed_rows(harness: &Harness<'static, CertDeskApp>) -> usize {
    let summary = harness
        .query_all(egui_kittest::kittest::By::new())
        .find_map(|node| node.accesskit_node().value().filter(|v| v.starts_with("共 ") && v.ends_with(" 条")))
        .expect("the list shows its count");
    summary.trim_start_matches("共 ").trim_end_matches(" 条").parse().unwrap()
}

/// Opens the combo box whose text starts with `shown` and clicks the option whose label starts
/// with `option`.
fn choose(harness: &mut Harness<'static, CertDeskApp>, shown: &str, option: &str) {
    harness.get_by(|node| node.role() == Role::ComboBox && node.value().is_some_and(|v| v.starts_with(shown))).click();
    harness.run_steps(2);
    harness.get_by(|node| node.role() == Role::Button && node.label().is_some_and(|l| l.starts_with(option))).click();
    harness.run_steps(3);
}

#[test]
fn roster_filters_by_open_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_unit_harness(dir.path());
    let everyone = listed_rows(&harness);

    // Choosing a code runs the checks, which had not run yet, and keeps that person's rows.
    choose(&mut harness, "全部人员", "C07 同时担任多个在建项目负责人");
    wait_for_checks(&mut harness);
    let c07 = listed_rows(&harness);
    assert!(c07 > 0, "the C07 person has rows");
    assert!(c07 < everyone, "{c07} of {everyone} rows are left");
    let c07_chosen = "C07 同时担任多个在建项目负责人（1人）";
    harness.get_by(|node| node.role() == Role::ComboBox && node.value().as_deref() == Some(c07_chosen));

    // The filter stays while the user visits the compliance page.
    harness.get_by_role_and_label(Role::Button, "合规检查").click();
    wait_for_checks(&mut harness);
    harness.get_all_by_label("C07 同时担任多个在建项目负责人").next().unwrap().click();
    harness.run_steps(3);
    harness.get_by_role_and_label(Role::Button, "人员花名册").click();
    harness.run_steps(3);
    assert_eq!(listed_rows(&harness), c07, "the filter is kept while the page changes");

    choose(&mut harness, c07_chosen, "有未处理问题");
    let any = listed_rows(&harness);
    assert!(any >= c07, "{any} rows with any open finding include the C07 rows");
    assert!(any <= everyone, "{any} rows with any open finding");
    choose(&mut harness, "有未处理问题", "全部人员");
    assert_eq!(listed_rows(&harness), everyone);
}

#[test]
fn findings_export_failure_reads_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_unit_harness(dir.path());
    harness.get_by_role_and_label(Role::Button, "合规检查").click();
    wait_for_checks(&mut harness);
    // A folder that cannot be made: a file already has its name.
    let blocker = dir.path().join("导出");
    std::fs::write(&blocker, b"a file").unwrap();
    let export = blocker.join("检查结果.xlsx");
    harness.get_by_role_and_label(Role::TextInput, "导出到").focus();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, "导出到").type_text(export.to_str().unwrap());
    harness.run_steps(2);
    harness.get_by_label("导出 Excel").click();
    harness.run_steps(2);

    let notice = harness.state().notice_text().unwrap_or_default();
    assert!(notice.starts_with("无法写入文件"), "{notice}");
    assert!(!notice.contains("os error"), "no English system text: {notice}");
}
