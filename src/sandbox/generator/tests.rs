use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Days;
use proptest::prelude::*;

use super::*;
use crate::domain::records::ProjectStatus;
use crate::domain::{CertificateStatus, CreditCode, IdNumber, LicenceId, Qualification, RegistrationNumber};

fn holder_batch(seed: u64, holder: usize) -> RecordBatch {
    let generator = Generator::new(&GeneratorConfig::with_holders(holder + 1, seed));
    let mut batch = RecordBatch::default();
    generator.add_holder(holder, &mut batch);
    batch
}

fn small(holders: usize, seed: u64) -> GeneratorConfig {
    GeneratorConfig { batch_holders: 97, ..GeneratorConfig::with_holders(holders, seed) }
}

/// Replaces the character at `position` with the `shift`-th other character of the alphabet.
fn corrupt(value: &str, position: usize, shift: usize, alphabet: &str) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    let original = chars[position];
    let others: Vec<char> = alphabet.chars().filter(|c| *c != original).collect();
    chars[position] = others[shift % others.len()];
    chars.into_iter().collect()
}

proptest! {
    #[test]
    fn every_generated_identifier_validates(seed in any::<u64>(), holder in 0usize..3_000_000) {
        let batch = holder_batch(seed, holder);
        let person = &batch.persons[0];
        prop_assert_eq!(IdNumber::parse(&person.id_number).map(|id| id.as_str().to_owned()), Ok(person.id_number.clone()));
        for certificate in &batch.certificates {
            prop_assert!(CreditCode::parse(&certificate.unit_credit_code).is_ok());
            prop_assert!(LicenceId::parse(&certificate.licence_id).is_ok(), "{}", certificate.licence_id);
            if matches!(certificate.qualification, Qualification::Constructor1 | Qualification::Constructor2) {
                prop_assert!(RegistrationNumber::parse(&certificate.registration_number).is_ok());
            }
        }
        let payers = batch.social_security.iter().chain(&batch.housing_fund).map(|m| &m.unit_credit_code);
        for code in payers.chain(batch.safety_certificates.iter().map(|s| &s.unit_credit_code)) {
            prop_assert!(CreditCode::parse(code).is_ok());
        }
    }

    #[test]
    fn corrupted_id_number_is_caught(seed in any::<u64>(), holder in 0usize..600_000, position in 0usize..18, shift in 0usize..10) {
        let id = holder_batch(seed, holder).persons[0].id_number.clone();
        let corrupted = corrupt(&id, position, shift, "0123456789X");
        prop_assert!(IdNumber::parse(&corrupted).is_err(), "{corrupted}");
    }

    #[test]
    fn corrupted_credit_code_is_caught(seed in any::<u64>(), unit in 0usize..100_000, position in 0usize..18, shift in 0usize..30) {
        let code = identity::unit(seed, unit).credit_code;
        let corrupted = corrupt(&code, position, shift, crate::domain::credit_code::ALPHABET);
        prop_assert!(CreditCode::parse(&corrupted).is_err(), "{corrupted}");
    }

    #[test]
    fn corrupted_licence_id_is_caught(seed in any::<u64>(), holder in 0usize..600_000, position in any::<prop::sample::Index>(), shift in 0usize..35) {
        let licence_id = holder_batch(seed, holder).certificates[0].licence_id.clone();
        let alphanumeric: Vec<usize> =
            licence_id.char_indices().filter(|(_, c)| c.is_ascii_alphanumeric()).map(|(i, _)| i).collect();
        let corrupted = corrupt(&licence_id, position.get(&alphanumeric).to_owned(), shift, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        prop_assert!(LicenceId::parse(&corrupted).is_err(), "{corrupted}");
    }
}

#[test]
fn same_seed_same_records_on_any_threads() {
    let one_thread = dataset(&GeneratorConfig { threads: 1, batch_holders: 1_000, ..small(500, 7) });
    let two_threads = dataset(&small(500, 7));
    let other_seed = dataset(&small(500, 8));

    assert_eq!(one_thread, two_threads);
    assert_ne!(one_thread.persons, other_seed.persons);
}

#[test]
fn sizes_follow_configuration() {
    let data = dataset(&GeneratorConfig { units: 7, months: 24, ..small(300, 1) });

    assert_eq!(data.units.len(), 7);
    assert_eq!(data.persons.len(), 300);
    let regular_months = data.housing_fund.len() / 300;
    assert_eq!(regular_months, 24);
    let certificates_per_holder = data.certificates.len() as f64 / 300.0;
    assert!((1.8..2.3).contains(&certificates_per_holder), "{certificates_per_holder}");
    assert_eq!(data.accounts.len(), 2);
}

#[test]
fn identifiers_are_unique() {
    let data = dataset(&GeneratorConfig { units: 2_000, ..small(5_000, 3) });

    let unique = |values: Vec<String>| values.len() == values.iter().collect::<HashSet<_>>().len();
    assert!(unique(data.persons.iter().map(|p| p.id_number.clone()).collect()));
    assert!(unique(data.units.iter().map(|u| u.credit_code.clone()).collect()));
    assert!(unique(data.certificates.iter().map(|c| c.licence_id.clone()).collect()));
    assert!(unique(data.certificates.iter().map(|c| format!("{}/{}", c.certificate_id, c.version)).collect()));
    let current = data.certificates.iter().filter(|c| c.status == CertificateStatus::Valid);
    assert!(unique(current.map(|c| c.registration_number.clone()).collect()));
    assert!(unique(data.safety_certificates.iter().map(|s| s.certificate_number.clone()).collect()));
    assert!(unique(data.projects.iter().map(|p| p.project_id.clone()).collect()));
    assert!(unique(data.applications.iter().map(|a| a.application_id.clone()).collect()));
}

/// Counts the holders whose data shows each planted case, judged from the records alone.
fn observed_cases(data: &Dataset) -> BTreeMap<String, usize> {
    let as_of = super::super::sample::date(2026, 12, 4);
    let mut observed: BTreeMap<String, usize> = BTreeMap::new();
    let mut add = |name: &str, count: usize| *observed.entry(name.to_owned()).or_default() += count;
    let registered: HashMap<&str, &str> = data
        .certificates
        .iter()
        .filter(|c| c.status == CertificateStatus::Valid && is_main(c))
        .map(|c| (c.id_number.as_str(), c.unit_credit_code.as_str()))
        .collect();
    let exempt: HashSet<&str> = data.exemptions.iter().map(|e| e.id_number.as_str()).collect();
    let social = by_person(&data.social_security);
    let fund = by_person(&data.housing_fund);
    let last = YearMonth::new(2026, 11).unwrap_or_else(|| YearMonth::of(as_of));
    for person in &data.persons {
        let id = person.id_number.as_str();
        let unit = registered[id];
        let current = data.certificates.iter().filter(|c| c.id_number == id && c.status == CertificateStatus::Valid);
        let units: HashSet<&str> = current.clone().map(|c| c.unit_credit_code.as_str()).collect();
        let paid = social.get(id).cloned().unwrap_or_default();
        let main_current = current.clone().find(|c| is_main(c));
        let ends: Vec<_> = main_current.iter().flat_map(|c| c.specialties.iter().map(|s| s.valid_to)).collect();
        add("C01", usize::from(units.len() > 1));
        add("C02", usize::from(!paid.is_empty() && paid.iter().all(|(u, _)| *u != unit) && !exempt.contains(id)));
        let mut months: Vec<YearMonth> = paid.iter().map(|(_, m)| *m).collect();
        let paid_months = months.len();
        months.sort_unstable();
        months.dedup();
        add("C03", usize::from(months.len() < paid_months));
        add("C04", usize::from(!months.contains(&last)));
        add("C05", usize::from(fund.get(id).is_some_and(|f| f.iter().any(|(u, _)| *u != unit))));
        let safety = data.safety_certificates.iter().find(|s| s.id_number == id);
        add("C06", usize::from(safety.is_some_and(|s| s.unit_credit_code != unit)));
        let active =
            data.projects.iter().filter(|p| p.manager_id_number == id && p.status == ProjectStatus::InProgress);
        add("C07", usize::from(active.filter(|p| p.parent_project_id.is_none()).count() > 1));
        let over_65 = super::super::sample::add_years(person.birth_date, 65) <= as_of;
        add("C08", usize::from(over_65 || ends.iter().all(|end| *end < as_of)));
        let soon = |days: u64| ends.iter().any(|end| *end >= as_of && *end < as_of + Days::new(days));
        add("C09", usize::from(soon(90) && !soon(14)));
        add("C10", usize::from(soon(14)));
        let education = data.continuing_education.iter().filter(|e| e.id_number == id);
        add("C11", usize::from(education.clone().any(|e| e.compulsory_hours < 60)));
        let recent = data.applications.iter().filter(|a| a.id_number == id && a.created_on > as_of - Days::new(365));
        add("C12", usize::from(recent.count() >= 3));
    }
    for exemption in &data.exemptions {
        add(exemption.kind.code(), 1);
    }
    observed
}

/// Tells the holder's main constructor certificate, whose licence serial is a multiple of 4.
fn is_main(certificate: &crate::domain::Certificate) -> bool {
    certificate.certificate_id.trim_start_matches("cert-").parse::<usize>().is_ok_and(|serial| serial % 4 == 0)
}

fn by_person(months: &[crate::domain::records::PaymentMonth]) -> HashMap<&str, Vec<(&str, YearMonth)>> {
    let mut map: HashMap<&str, Vec<(&str, YearMonth)>> = HashMap::new();
    for m in months {
        map.entry(m.id_number.as_str()).or_default().push((m.unit_credit_code.as_str(), m.month));
    }
    map
}

fn planted_name(case: Case) -> String {
    match case {
        Case::Regular => "regular".to_owned(),
        Case::Finding(code) => format!("{code:?}"),
        Case::Exemption(kind) => kind.code().to_owned(),
    }
}

#[test]
fn anomaly_shares_match_configuration() {
    let holders = 4_000;
    let config = GeneratorConfig { anomaly_share: 0.02, ..small(holders, 11) };
    let generator = Generator::new(&config);
    let data = dataset(&config);

    let mut planted: BTreeMap<String, usize> = BTreeMap::new();
    for holder in 0..holders {
        *planted.entry(planted_name(generator.case_of(holder))).or_default() += 1;
    }
    let observed = observed_cases(&data);

    // 80 expected per case; 4 standard deviations of the binomial count is about 35.
    for case in Case::PLANTED {
        let name = planted_name(case);
        let count = planted.get(&name).copied().unwrap_or_default();
        assert!((45..=115).contains(&count), "{name}: {count} holders planted, expected about 80");
        assert_eq!(observed.get(&name).copied().unwrap_or_default(), count, "{name}: seen in the records");
    }
}

#[test]
fn bulk_loader_writes_every_record() {
    let data = dataset(&small(120, 5));
    let mut store = crate::store::Store::open_in_memory().unwrap();

    Generator::new(&small(120, 5)).run(&mut crate::store::bulk::BulkLoader::new(&mut store)).unwrap();

    let counts = store.read(crate::store::records::table_counts).unwrap();
    assert_eq!(counts["units"], data.units.len() as u64);
    assert_eq!(counts["persons"], data.persons.len() as u64);
    assert_eq!(counts["certificates"], data.certificates.len() as u64);
    let specialties: usize = data.certificates.iter().map(|c| c.specialties.len()).sum();
    assert_eq!(counts["specialties"], specialties as u64);
    assert_eq!(counts["social_security_months"], data.social_security.len() as u64);
    assert_eq!(counts["housing_fund_months"], data.housing_fund.len() as u64);
    assert_eq!(counts["safety_certificates"], data.safety_certificates.len() as u64);
    assert_eq!(counts["projects"], data.projects.len() as u64);
    assert_eq!(counts["continuing_education"], data.continuing_education.len() as u64);
    assert_eq!(counts["professional_titles"], data.titles.len() as u64);
    assert_eq!(counts["exemptions"], data.exemptions.len() as u64);
    assert_eq!(counts["change_applications"], data.applications.len() as u64);
}

#[test]
fn csv_sink_writes_a_row_per_record() {
    let folder = tempfile::tempdir().unwrap();
    let data = dataset(&small(50, 9));
    let mut sink = CsvSink::create(folder.path()).unwrap();

    Generator::new(&small(50, 9)).run(&mut sink).unwrap();
    sink.finish().unwrap();

    let rows = |table: &str| {
        let mut reader = ::csv::Reader::from_path(folder.path().join(format!("{table}.csv"))).unwrap();
        reader.records().count()
    };
    assert_eq!(rows("persons"), data.persons.len());
    assert_eq!(rows("certificates"), data.certificates.len());
    assert_eq!(rows("social_security_months"), data.social_security.len());
    assert_eq!(rows("application_events"), data.applications.iter().map(|a| a.history.len()).sum::<usize>());
}
