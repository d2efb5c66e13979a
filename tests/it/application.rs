//! Pre-checks of a registration application over the compliance scenario's people.

use std::path::Path;

use certdesk::domain::Qualification;
use certdesk::domain::application::{Draft, Level, MaterialKind, Rule, blocked, materials_of, pre_checks};
use certdesk::domain::compliance::PersonFacts;
use certdesk::domain::records::ApplicationKind;
use certdesk::i18n::Lang;
use certdesk::sandbox::scenario;
use certdesk::store::compliance::{Selection, load_facts};
use chrono::NaiveDate;

use crate::support::store_with;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn people() -> (Vec<PersonFacts>, [String; 2]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap();
    let store = store_with(&data);
    let facts = store.read(|c| load_facts(c, &Selection::default())).unwrap();
    (facts, [data.units[0].credit_code.clone(), data.units[1].credit_code.clone()])
}

fn person<'a>(facts: &'a [PersonFacts], name: &str) -> &'a PersonFacts {
    facts.iter().find(|f| f.name == name).unwrap()
}

/// A draft with every material the type can need attached.
fn complete(kind: ApplicationKind, unit: &str) -> Draft {
    Draft {
        kind,
        qualification: Qualification::Constructor1,
        unit_credit_code: unit.to_owned(),
        specialties: Vec::new(),
        qualified_on: None,
        attached: materials_of(kind).iter().map(|(k, _)| *k).collect(),
        corrects: None,
    }
}

fn rules(results: &[certdesk::domain::application::PreCheck]) -> Vec<(Rule, Level)> {
    results.iter().map(|r| (r.rule, r.level)).collect()
}

#[test]
fn change_of_employer_blocked_by_unfinished_project() {
    let (facts, [_, new_unit]) = people();

    let results =
        pre_checks(&complete(ApplicationKind::ChangeEmployer, &new_unit), person(&facts, "双项目子"), as_of());

    assert!(blocked(&results));
    assert_eq!(results.iter().filter(|r| r.rule == Rule::UnfinishedProject).count(), 2, "one per project");
    assert!(results[0].reason.render(Lang::ZhCn).contains("竣工验收或移交前不能变更"));
}

#[test]
fn clean_change_of_employer_only_warns_about_social_security() {
    let (facts, [_, new_unit]) = people();

    let results = pre_checks(&complete(ApplicationKind::ChangeEmployer, &new_unit), person(&facts, "合规甲"), as_of());

    assert_eq!(rules(&results), [(Rule::NoSocialSecurityAtNewUnit, Level::Warning)]);
    assert!(!blocked(&results));
}

#[test]
fn missing_materials_name_the_alternatives() {
    let (facts, [_, new_unit]) = people();
    let mut draft = complete(ApplicationKind::ChangeEmployer, &new_unit);
    draft.attached = vec![MaterialKind::ApplicationForm, MaterialKind::LabourContract];

    let results = pre_checks(&draft, person(&facts, "合规甲"), as_of());

    let missing: Vec<String> =
        results.iter().filter(|r| r.rule == Rule::MissingMaterial).map(|r| r.reason.render(Lang::ZhCn)).collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing.iter().any(|m| m.contains("解除或终止劳动合同证明") && m.contains("退休证明")), "{missing:?}");
    assert!(missing.iter().any(|m| m.contains("新单位社保缴纳证明")), "{missing:?}");
}

#[test]
fn late_renewal_and_over_age_block() {
    let (facts, [unit, _]) = people();

    let late = pre_checks(&complete(ApplicationKind::Renewal, &unit), person(&facts, "临期申"), as_of());
    let old = pre_checks(&complete(ApplicationKind::Renewal, &unit), person(&facts, "超龄巳"), as_of());
    let timely = pre_checks(&complete(ApplicationKind::Renewal, &unit), person(&facts, "将到期未"), as_of());

    assert!(rules(&late).contains(&(Rule::LateRenewal, Level::Block)));
    assert!(rules(&old).contains(&(Rule::OverAge, Level::Block)));
    assert!(!blocked(&timely), "{:?}", rules(&timely));
}

#[test]
fn second_unit_blocks_initial_registration() {
    let (facts, [unit, _]) = people();

    let results = pre_checks(&complete(ApplicationKind::AddSpecialty, &unit), person(&facts, "两处乙"), as_of());

    assert!(rules(&results).contains(&(Rule::RegisteredElsewhere, Level::Block)));
}

#[test]
fn overdue_pass_needs_education_proof() {
    let (facts, [unit, _]) = people();
    let mut draft = complete(ApplicationKind::AddSpecialty, &unit);
    draft.attached.retain(|k| *k != MaterialKind::ContinuingEducationProof);
    draft.qualified_on = NaiveDate::from_ymd_opt(2021, 9, 1);
    let recent = Draft { qualified_on: NaiveDate::from_ymd_opt(2025, 9, 1), ..draft.clone() };

    let overdue = pre_checks(&draft, person(&facts, "合规甲"), as_of());
    let fresh = pre_checks(&recent, person(&facts, "合规甲"), as_of());

    assert!(
        overdue.iter().any(|r| r.rule == Rule::MissingMaterial && r.reason.render(Lang::ZhCn).contains("继续教育证明"))
    );
    assert!(!fresh.iter().any(|r| r.rule == Rule::MissingMaterial));
}

#[test]
fn every_type_has_an_application_form() {
    for kind in ApplicationKind::ALL {
        assert!(materials_of(kind).iter().any(|(k, _)| *k == MaterialKind::ApplicationForm), "{kind:?}");
    }
}

#[test]
fn cli_apply_checks_materials_and_saves_draft() {
    use std::process::Command;

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = certdesk::account::DataDir::at(dir.path().join("数据"));
    let mut store = certdesk::store::Store::open(&data_dir.cache_path("sandbox", "demo-holder")).unwrap();
    crate::support::write_dataset(&mut store, &data);
    drop(store);
    let manager = data.persons.iter().find(|p| p.name == "双项目子").unwrap();
    let form = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ofd/DigitalSign.ofd");
    let fake = dir.path().join("离职证明.pdf");
    std::fs::write(&fake, b"MZ this is a renamed program").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_certdesk")).arg("--data-dir").arg(data_dir.root()).args(args).output().unwrap()
    };

    let output = run(&[
        "apply",
        "--type",
        "change-employer",
        "--person",
        &manager.id_number,
        "--unit",
        &data.units[1].credit_code,
        "--attach",
        &format!("application-form={}", form.display()),
        "--attach",
        &format!("leaving-proof={}", fake.display()),
        "--json",
    ]);

    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["blocked"], true);
    assert_eq!(result["accepted"][0]["format"], "OFD");
    assert_eq!(result["accepted"][0]["signed"], true);
    assert!(result["refused"][0]["reason"].as_str().unwrap().contains("EXE"));
    let checks = result["checks"].to_string();
    assert!(checks.contains("竣工验收或移交前不能变更"), "{checks}");
    assert!(checks.contains("劳动合同"), "the missing contract is named: {checks}");
    let copies = std::fs::read_dir(data_dir.root().join("materials")).unwrap().count();
    assert_eq!(copies, 1, "only the accepted file is copied");

    let listed = run(&["applications", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let drafts = &listed["drafts"];
    assert_eq!(drafts[0]["type"], "change_employer");
    assert_eq!(drafts[0]["state"], "editing");
    assert_eq!(drafts[0]["materials"][0]["file"], "DigitalSign.ofd");
    assert!(drafts[0]["person"].as_str().unwrap().contains("****"));
}

#[test]
fn expired_specialty_blocks_renewal() {
    let (facts, [unit, _]) = people();
    let mut holder = person(&facts, "将到期未").clone();
    for certificate in &mut holder.certificates {
        for specialty in &mut certificate.specialties {
            specialty.valid_to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        }
    }

    let results = pre_checks(&complete(ApplicationKind::Renewal, &unit), &holder, as_of());

    assert!(rules(&results).contains(&(Rule::SpecialtyExpired, Level::Block)), "{:?}", rules(&results));
    assert!(results[0].reason.render(Lang::ZhCn).contains("2026年11月30日"));
}

#[test]
fn short_education_only_warns() {
    let (facts, [unit, _]) = people();
    let mut holder = person(&facts, "将到期未").clone();
    let specialty = holder.certificates[0].specialties[0].name.clone();
    holder.continuing_education = vec![certdesk::domain::records::ContinuingEducation {
        id_number: holder.id_number.clone(),
        specialty,
        period_start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        period_end: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
        compulsory_hours: 20,
        elective_hours: 10,
    }];

    let results = pre_checks(&complete(ApplicationKind::Renewal, &unit), &holder, as_of());

    assert!(rules(&results).contains(&(Rule::EducationShort, Level::Warning)), "{:?}", rules(&results));
    assert!(!blocked(&results), "a warning can be overridden with a reason");
}

#[test]
fn pending_blocks_second_not_correction() {
    use certdesk::domain::records::{ApplicationEvent, ApplicationState, ChangeApplication};
    let (facts, [_, new_unit]) = people();
    let mut mover = person(&facts, "合规甲").clone();
    mover.applications.push(ChangeApplication {
        application_id: "SBX-20261201-00001".into(),
        id_number: mover.id_number.clone(),
        kind: ApplicationKind::ChangeEmployer,
        state: ApplicationState::Returned,
        unit_credit_code: new_unit.clone(),
        qualification: Qualification::Constructor1,
        created_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        history: vec![ApplicationEvent {
            happened_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            state: ApplicationState::Submitted,
            note: String::new(),
        }],
        corrections: Vec::new(),
    });
    let draft = complete(ApplicationKind::ChangeEmployer, &new_unit);
    let correction = Draft { corrects: Some("SBX-20261201-00001".into()), ..draft.clone() };

    let second = pre_checks(&draft, &mover, as_of());
    let corrected = pre_checks(&correction, &mover, as_of());

    assert!(rules(&second).contains(&(Rule::AlreadyPending, Level::Block)));
    assert!(!rules(&corrected).iter().any(|(rule, _)| *rule == Rule::AlreadyPending));
}
