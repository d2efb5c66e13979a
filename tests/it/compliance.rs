//! The 挂证 rules over a scenario with one person per rule and per allowed exception.

use std::collections::BTreeMap;
use std::path::Path;

use certdesk::domain::compliance::{CheckSettings, Finding, FindingCode, FindingStatus, Severity, check_person};
use certdesk::i18n::Lang;
use certdesk::sandbox::scenario;
use certdesk::store::compliance::{Selection, load_facts};
use chrono::NaiveDate;

use crate::support::store_with;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn findings_by_name(selection: &Selection) -> BTreeMap<String, Vec<Finding>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    let store = store_with(&data);
    let facts = store.read(|c| load_facts(c, selection)).unwrap();
    facts.iter().map(|f| (f.name.clone(), check_person(f, as_of(), &CheckSettings::default()))).collect()
}

use FindingCode::{C01, C02, C03, C04, C05, C06, C07, C08, C09, C11, C12};
use FindingStatus::{Explained, Open};
use Severity::{High, Low, Medium};

/// A finding as the table writes it: code, severity and status.
type Expected = (FindingCode, Severity, FindingStatus);

/// Each person of the scenario with exactly the findings they must get; an empty list means
/// the rules must find nothing.
const EXPECTED: [(&str, &[Expected]); 22] = [
    ("合规甲", &[]),
    ("两处乙", &[(C01, High, Open)]),
    ("挂靠丙", &[(C02, High, Open)]),
    ("事业丁", &[(C02, High, Explained)]),
    ("换单位戊", &[]),
    ("双缴己", &[(C03, High, Open)]),
    ("断缴庚", &[(C04, Medium, Open)]),
    ("退休辛", &[(C04, Medium, Explained)]),
    ("公积金壬", &[(C05, Medium, Open)]),
    ("B证癸", &[(C06, Medium, Open)]),
    ("双项目子", &[(C07, High, Open)]),
    ("标段丑", &[]),
    ("验收寅", &[]),
    ("停工卯", &[]),
    ("自停辰", &[(C07, High, Open)]),
    ("超龄巳", &[(C08, High, Open)]),
    ("过期午", &[(C08, High, Open)]),
    ("将到期未", &[(C09, Low, Open)]),
    ("临期申", &[(C09, Medium, Open)]),
    ("学时酉", &[(C11, Low, Open)]),
    ("频变戌", &[(C12, Low, Open)]),
    ("两变亥", &[]),
];

#[test]
fn each_person_gets_exactly_their_findings() {
    let found = findings_by_name(&Selection::default());

    assert_eq!(found.len(), EXPECTED.len());
    for (name, expected) in EXPECTED {
        let actual: Vec<_> = found[name].iter().map(|f| (f.code, f.severity, f.status)).collect();
        assert_eq!(actual, expected, "{name}");
    }
}

#[test]
fn other_payer_names_both_units_and_months() {
    let found = findings_by_name(&Selection::default());
    let finding = &found["挂靠丙"][0];

    assert_eq!(finding.units.len(), 2);
    let text = finding.explanation.render(Lang::ZhCn);
    assert!(text.contains("华北示范建工集团有限公司"), "{text}");
    assert!(text.contains("西南示范劳务服务有限公司"), "{text}");
    let fix = finding.fix.render(Lang::ZhCn);
    assert!(fix.contains("办理变更注册到 西南示范劳务服务有限公司"), "{fix}");
    let evidence = serde_json::to_value(&finding.evidence).unwrap();
    assert!(evidence.to_string().contains("2026-11"), "{evidence}");
    assert_eq!(finding.as_of, as_of());
}

#[test]
fn exemption_is_kept_as_evidence() {
    let found = findings_by_name(&Selection::default());
    let finding = &found["事业丁"][0];

    assert_eq!(finding.status, Explained);
    let evidence = serde_json::to_value(&finding.evidence).unwrap().to_string();
    assert!(evidence.contains("public_institution"), "{evidence}");
    assert!(evidence.contains("事业编制证明.pdf"), "{evidence}");
}

#[test]
fn expiry_dates_render_in_chinese() {
    let found = findings_by_name(&Selection::default());

    let text = found["临期申"][0].explanation.render(Lang::ZhCn);

    assert!(text.contains("2026年12月20日"), "{text}");
    assert!(text.contains("剩余 16 天"), "{text}");
}

#[test]
fn selection_by_person_and_unit() {
    let all = findings_by_name(&Selection::default());
    let one_id = {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
        let data = scenario::load(&path).unwrap();
        data.persons.iter().find(|p| p.name == "双缴己").unwrap().id_number.clone()
    };

    let one = findings_by_name(&Selection { id_number: Some(one_id), ..Selection::default() });
    let unit =
        findings_by_name(&Selection { unit_credit_code: Some("91110105314159268D".into()), ..Selection::default() });

    assert_eq!(one.keys().collect::<Vec<_>>(), ["双缴己"]);
    assert_eq!(unit.len(), all.len(), "everyone in the scenario is registered with the first unit");
}

#[test]
fn lapsing_copy_is_reported_old_one_is_not() {
    use certdesk::store::exports::{ExportRecord, ExportSource, record};

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap();
    let mut store = store_with(&data);
    let certificate = data.certificates.iter().find(|c| c.holder_name == "合规甲").unwrap();
    let copy = |file: &str, usable_until: NaiveDate| ExportRecord {
        exported_at: chrono::Utc::now(),
        certificate_id: certificate.certificate_id.clone(),
        version: certificate.version,
        registration_number: certificate.registration_number.clone(),
        holder_name: certificate.holder_name.clone(),
        purpose: Some("仅用于示范项目投标".into()),
        recipient: None,
        file_name: file.into(),
        file_sha256: "0".repeat(64),
        usable_until,
        source: ExportSource::Cli,
    };
    store
        .write(|transaction| {
            record(transaction, &copy("即将到期.pdf", NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()))?;
            record(transaction, &copy("早已过期.pdf", NaiveDate::from_ymd_opt(2026, 1, 10).unwrap()))?;
            record(transaction, &copy("还早.pdf", NaiveDate::from_ymd_opt(2027, 5, 1).unwrap()))?;
            Ok(())
        })
        .unwrap();

    let facts = store.read(|c| load_facts(c, &Selection::default())).unwrap();
    let person = facts.iter().find(|f| f.name == "合规甲").unwrap();
    let findings = check_person(person, as_of(), &CheckSettings::default());

    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!((findings[0].code, findings[0].severity), (FindingCode::C10, Low));
    assert!(findings[0].explanation.render(Lang::ZhCn).contains("即将到期.pdf"));
}

#[test]
fn recheck_reads_only_changed_people() {
    use certdesk::domain::records::{PaymentKind, PaymentMonth};
    use certdesk::store::compliance::{clear_changed, take_changed};
    use certdesk::store::records::{PaymentSource, upsert_payment_month};

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap();
    let mut store = store_with(&data);
    store.write(clear_changed).unwrap();
    let person = data.persons.iter().find(|p| p.name == "合规甲").unwrap();
    let other_unit = data.units[1].credit_code.clone();

    store
        .write(|transaction| {
            let month = PaymentMonth {
                id_number: person.id_number.clone(),
                unit_credit_code: other_unit,
                month: "2026-11".parse().unwrap(),
            };
            upsert_payment_month(transaction, PaymentKind::SocialSecurity, &month, PaymentSource::Import)
        })
        .unwrap();
    let changed = store.write(take_changed).unwrap();
    let facts = store
        .read(|c| load_facts(c, &Selection { person_ids: Some(changed.clone()), ..Selection::default() }))
        .unwrap();

    assert_eq!(changed.len(), 1, "one payment row marks one person");
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].name, "合规甲");
    let codes: Vec<FindingCode> =
        check_person(&facts[0], as_of(), &CheckSettings::default()).iter().map(|f| f.code).collect();
    assert_eq!(codes, [FindingCode::C03]);
    assert!(store.write(take_changed).unwrap().is_empty(), "taking the changes empties the set");
}

#[test]
fn shorter_expiry_window_drops_low_reminders() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap();
    let store = store_with(&data);
    let facts = store.read(|c| load_facts(c, &Selection::default())).unwrap();
    let settings = CheckSettings { expiry_warning_days: 30, ..CheckSettings::default() };

    let soon = check_person(facts.iter().find(|f| f.name == "将到期未").unwrap(), as_of(), &settings);
    let very_soon = check_person(facts.iter().find(|f| f.name == "临期申").unwrap(), as_of(), &settings);

    assert!(soon.is_empty(), "73 days left is outside a 30-day window: {soon:?}");
    assert_eq!(very_soon.len(), 1);
}

#[test]
fn chunks_cover_every_person_once() {
    use certdesk::store::compliance::person_ids_after;

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap();
    let store = store_with(&data);
    let everyone = store.read(|c| load_facts(c, &Selection::default())).unwrap();

    let mut chunked = Vec::new();
    let mut after = 0;
    loop {
        let chunk = store.read(|c| person_ids_after(c, after, 5)).unwrap();
        let Some(last) = chunk.last() else { break };
        assert!(chunk.len() <= 5);
        assert!(chunk.windows(2).all(|pair| pair[0] < pair[1]), "row-id order: {chunk:?}");
        after = *last;
        let selection = Selection { person_ids: Some(chunk), ..Selection::default() };
        chunked.extend(store.read(|c| load_facts(c, &selection)).unwrap());
    }
    chunked.sort_by(|a, b| a.id_number.cmp(&b.id_number));

    assert_eq!(chunked.len(), data.persons.len());
    assert_eq!(chunked, everyone, "chunks load the same facts as one load of everyone");
}

#[test]
fn check_person_for_matches_check_person() {
    use certdesk::domain::compliance::check_person_for;

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap();
    let store = store_with(&data);
    let facts = store.read(|c| load_facts(c, &Selection::default())).unwrap();
    let codes = [C12, C02, C07];

    for person in &facts {
        let all = check_person(person, as_of(), &CheckSettings::default());
        let some = check_person_for(person, as_of(), &CheckSettings::default(), &codes);
        let expected: Vec<&Finding> = all.iter().filter(|f| codes.contains(&f.code)).collect();
        assert_eq!(some.iter().collect::<Vec<_>>(), expected, "{}", person.name);
    }
}

#[test]
fn deleted_month_marks_person_changed() {
    use certdesk::domain::records::{PaymentKind, PaymentMonth};
    use certdesk::store::compliance::{clear_changed, take_changed};
    use certdesk::store::records::delete_payment_month;

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/compliance.json");
    let data = scenario::load(&path).unwrap();
    let mut store = store_with(&data);
    store.write(clear_changed).unwrap();
    let paid = data.social_security.iter().find(|m| m.id_number == data.persons[0].id_number).unwrap().clone();
    let never_paid = PaymentMonth { month: "1999-01".parse().unwrap(), ..paid.clone() };

    let deleted = store.write(|t| delete_payment_month(t, PaymentKind::SocialSecurity, &paid)).unwrap();
    let deleted_again = store.write(|t| delete_payment_month(t, PaymentKind::SocialSecurity, &paid)).unwrap();
    let absent = store.write(|t| delete_payment_month(t, PaymentKind::SocialSecurity, &never_paid)).unwrap();

    assert!(deleted);
    assert!(!deleted_again, "only a month that is there is deleted");
    assert!(!absent, "a month never written is not deleted");
    assert_eq!(store.write(take_changed).unwrap().len(), 1, "the person whose month went is marked changed");
}
