//! The certificate list's query: search text, specialty and validity filters and the sort
//! column, with the rows they select.
//!
//! Sort keys and search text are computed once per list load (and again when the as-of day
//! changes), the sort order only when the sort column changes, and the rows only when a filter
//! changes. A frame of a 100,000-row roster then does no work per row outside the visible rows.
//! The search text and validity of a new list are built a slice of rows per frame, so the first
//! frame shows the list at once, unless a filter is already set and needs them all.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use chrono::{Datelike as _, NaiveDate};

use super::pinyin_order;
use crate::domain::certificate::Validity;
use crate::domain::compliance::{Finding, FindingCode, FindingStatus};
use crate::domain::{CertificateStatus, CertificateSummary};

/// A column the list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SortColumn {
    /// Holder's name, in pinyin order.
    Name,
    /// Registration number.
    RegistrationNumber,
    /// Qualification, in the order of the qualification list.
    Qualification,
    /// Registered specialties, in pinyin order of their names.
    Specialties,
    /// Masked ID number.
    IdNumber,
    /// Earliest last valid day; rows without specialties come last.
    ValidTo,
    /// Validity: expired, expiring (fewest days left first), not yet valid, valid, superseded.
    Status,
}

impl SortColumn {
    /// Every column, in the order the table shows them.
    /// The validity comes third, so it shows beside the name even when the detail panel leaves
    /// the list too narrow for every column.
    pub const ALL: [Self; 7] = [
        Self::Name,
        Self::RegistrationNumber,
        Self::Status,
        Self::ValidTo,
        Self::Specialties,
        Self::Qualification,
        Self::IdNumber,
    ];
}

/// A sort column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SortOrder {
    /// The column whose values order the rows.
    pub column: SortColumn,
    /// Whether the largest value comes first. Ties stay in ascending registration number order.
    pub descending: bool,
}

/// The validity of a list row on the as-of day, as the status column and the validity filter
/// show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum ValidityClass {
    /// The first ending specialty is past its last day.
    Expired,
    /// The first ending specialty ends within the warning window.
    Expiring,
    /// The first ending specialty starts after the as-of day.
    NotYetValid,
    /// Current, with every specialty in force beyond the warning window.
    Valid,
    /// An old version, replaced by a newer one.
    Superseded,
}

impl ValidityClass {
    /// Every class, in the order the filter offers them.
    pub const ALL: [Self; 5] = [Self::Valid, Self::Expiring, Self::Expired, Self::NotYetValid, Self::Superseded];

    /// Classifies a row like [`Self::of`], for a version whose registration an earlier,
    /// superseded version still covers until `continued_until`. A renewal (延续注册) issues the
    /// next period's version at once, starting the day after the old period ends. Until then the
    /// person stays registered under the old one. The new version therefore counts as valid,
    /// not as not yet valid.
    pub fn of_continued(
        certificate: &CertificateSummary,
        today: NaiveDate,
        continued_until: Option<NaiveDate>,
    ) -> (Self, i64) {
        match Self::of(certificate, today) {
            (Self::NotYetValid, _) if continued_until.is_some_and(|end| end >= today) => (Self::Valid, 0),
            class => class,
        }
    }

    /// Classifies a row on `today`, with the days left of an expiring row (0 for the others). The
    /// status column shows the same class.
    pub fn of(certificate: &CertificateSummary, today: NaiveDate) -> (Self, i64) {
        if certificate.status == CertificateStatus::Superseded {
            return (Self::Superseded, 0);
        }
        match certificate.first_ending_specialty().map(|s| s.validity(today)) {
            Some(Validity::Expired) => (Self::Expired, 0),
            Some(Validity::Expiring { days_left }) => (Self::Expiring, days_left),
            Some(Validity::NotYetValid) => (Self::NotYetValid, 0),
            Some(Validity::Valid) | None => (Self::Valid, 0),
        }
    }
}

/// The list's finding filter: rows whose holder has an open 挂证 finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FindingFilter {
    /// Any open finding.
    AnyOpen,
    /// An open finding of this code.
    Code(FindingCode),
}

/// The open findings of the last compliance run, by registration number, which the finding
/// filter matches rows against. Explained findings (已说明) do not count: they are evidence,
/// not risks.
#[derive(Debug, Default)]
pub struct FindingMarks {
    /// The compliance run these marks come from; the rows are recomputed when it changes.
    pub generation: u64,
    /// The open finding codes of each registration number, without repeats.
    by_number: HashMap<String, Vec<FindingCode>>,
    /// The number of people with an open finding of each code.
    people: BTreeMap<FindingCode, usize>,
    /// The number of people with any open finding.
    people_with_any: usize,
}

impl FindingMarks {
    /// Collects the open findings of one compliance run.
    pub fn new(generation: u64, findings: &[Finding]) -> Self {
        let mut by_number: HashMap<String, Vec<FindingCode>> = HashMap::new();
        let mut people: HashSet<(&str, Option<FindingCode>)> = HashSet::new();
        for finding in findings.iter().filter(|f| f.status == FindingStatus::Open) {
            people.insert((&finding.id_number, Some(finding.code)));
            people.insert((&finding.id_number, None));
            for number in &finding.registration_numbers {
                let codes = by_number.entry(number.clone()).or_default();
                if !codes.contains(&finding.code) {
                    codes.push(finding.code);
                }
            }
        }
        let mut counts = BTreeMap::new();
        let mut people_with_any = 0;
        for (_, code) in people {
            match code {
                Some(code) => *counts.entry(code).or_insert(0) += 1,
                None => people_with_any += 1,
            }
        }
        Self { generation, by_number, people: counts, people_with_any }
    }

    /// Returns how many people the filter choice selects.
    pub fn people(&self, filter: FindingFilter) -> usize {
        match filter {
            FindingFilter::AnyOpen => self.people_with_any,
            FindingFilter::Code(code) => self.people.get(&code).copied().unwrap_or(0),
        }
    }

    /// Tells whether a registration number has an open finding the filter selects.
    fn matches(&self, registration_number: &str, filter: FindingFilter) -> bool {
        self.by_number.get(registration_number).is_some_and(|codes| match filter {
            FindingFilter::AnyOpen => !codes.is_empty(),
            FindingFilter::Code(code) => codes.contains(&code),
        })
    }
}

/// The user's query over the list and the rows it selects.
#[derive(Debug, Default)]
pub struct ListFilter {
    /// The search text as typed. It matches the name, registration number, unit, masked ID
    /// number and specialty names, ignoring case.
    pub text: String,
    /// Only rows with this specialty, or every row.
    pub specialty: Option<String>,
    /// Only rows of this validity, or every row.
    pub validity: Option<ValidityClass>,
    /// Only rows whose holder has an open finding of this kind, or every row. The rows match
    /// once a compliance run has filled `findings`; until then the filter selects none.
    pub finding: Option<FindingFilter>,
    /// The sort order; `None` keeps the order the cache lists them in.
    pub sort: Option<SortOrder>,
    /// The open findings of the last compliance run, if one ran.
    findings: Option<Arc<FindingMarks>>,
    index: Option<ListIndex>,
    /// Every row index, sorted, and the sort it was computed for.
    order: Option<(Option<SortOrder>, Vec<u32>)>,
    /// The rows the filters select, in sort order, and the filters they were computed for.
    rows: Option<(RowQuery, Vec<u32>)>,
}

/// The list's specialty filter, validity filter and sort, kept between starts. The search text
/// is not kept: it is typed for the moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedQuery {
    /// Only rows with this specialty.
    pub specialty: Option<String>,
    /// Only rows of this validity.
    pub validity: Option<ValidityClass>,
    /// Only rows with an open finding of this kind. Missing in queries kept by older versions.
    #[serde(default)]
    pub finding: Option<FindingFilter>,
    /// The sort order.
    pub sort: Option<SortOrder>,
}

impl ListFilter {
    /// Returns the filters and sort to keep for the next start.
    pub fn saved(&self) -> SavedQuery {
        SavedQuery {
            specialty: self.specialty.clone(),
            validity: self.validity,
            finding: self.finding,
            sort: self.sort,
        }
    }

    /// Restores the filters and sort kept by an earlier start.
    pub fn restore(&mut self, saved: SavedQuery) {
        self.specialty = saved.specialty;
        self.validity = saved.validity;
        self.finding = saved.finding;
        self.sort = saved.sort;
    }

    /// Takes the open findings of a new compliance run for the finding filter.
    pub fn set_findings(&mut self, marks: Arc<FindingMarks>) {
        self.findings = Some(marks);
    }

    /// Returns the findings the filter matches against, if a compliance run gave them.
    pub fn findings(&self) -> Option<&FindingMarks> {
        self.findings.as_deref()
    }

    /// Forgets the findings after the cache changed, so the finding filter waits for the next
    /// compliance run.
    pub fn clear_findings(&mut self) {
        self.findings = None;
    }
}

/// The filter inputs the visible rows were computed for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowQuery {
    needle: String,
    specialty: Option<String>,
    validity: Option<ValidityClass>,
    /// The finding filter and the compliance run it matched against.
    finding: Option<(FindingFilter, Option<u64>)>,
}

/// 5,000 rows: the slice of a new list indexed per refresh, about 4 ms of CPU on a 2-core
/// virtual machine (`benches/roster.rs`). egui may run two passes in one frame, so a frame can
/// index twice that, and a 100,000-row roster is searchable after 10 to 20 frames.
const ROWS_PER_FRAME: usize = 5_000;

/// Per-row keys of one list load, indexed like the certificates.
#[derive(Debug)]
struct ListIndex {
    /// The list generation and as-of day the keys were computed for.
    built_for: (u64, NaiveDate),
    /// The number of leading rows whose validity and search text are in.
    indexed_rows: usize,
    /// The distinct specialty names of the indexed rows.
    seen_specialties: HashSet<String>,
    /// Rank of the holder's name in pinyin order, equal names sharing a rank. It is computed at
    /// the first sort by name, so the first frame after a load does not wait for it.
    name_rank: OnceLock<Vec<u32>>,
    /// Rank of the joined specialty names in pinyin order, computed at the first sort by them.
    specialties_rank: OnceLock<Vec<u32>>,
    /// The validity class and days left of each row on the as-of day.
    validity: Vec<(ValidityClass, i64)>,
    /// For each certificate with a superseded version still in force today, the last day it
    /// covers: the registration a renewal's new version continues.
    continued_until: HashMap<String, NaiveDate>,
    /// Every row's searchable fields in lower case, one after another.
    search_text: String,
    /// The end of each row's part of `search_text`.
    search_ends: Vec<usize>,
    /// The distinct specialty names in the list, in pinyin order, once every row is indexed.
    specialties: Vec<String>,
}

impl ListFilter {
    /// Returns the selected row indices into the certificates, in sort order, after `refresh`.
    pub fn rows(&self) -> &[u32] {
        self.rows.as_ref().map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// Returns a row's validity class and days left as the filter and the sort see them, once the
    /// row is indexed.
    pub fn validity_of(&self, row: usize) -> Option<(ValidityClass, i64)> {
        self.index.as_ref().and_then(|index| index.validity.get(row).copied())
    }

    /// Returns the distinct specialty names of the list, in pinyin order, after `refresh`.
    pub fn specialties(&self) -> &[String] {
        self.index.as_ref().map_or(&[], |index| index.specialties.as_slice())
    }

    /// Tells whether the list's search text is still being built, a slice per frame; the caller
    /// requests another frame while it is.
    pub fn is_indexing(&self, certificates: &[CertificateSummary]) -> bool {
        self.index.as_ref().is_some_and(|index| index.indexed_rows < certificates.len())
    }

    /// Sorts by `column`, or reverses the order when the list is already sorted by it.
    pub fn toggle_sort(&mut self, column: SortColumn) {
        self.sort = match self.sort {
            Some(order) if order.column == column => Some(SortOrder { column, descending: !order.descending }),
            _ => Some(SortOrder { column, descending: false }),
        };
    }

    /// Brings the keys, the sort order and the rows up to date with the list and the query,
    /// computing only what an input change made stale.
    pub fn refresh(&mut self, certificates: &[CertificateSummary], generation: u64, today: NaiveDate) {
        if self.index.as_ref().is_none_or(|index| index.built_for != (generation, today)) {
            self.index = Some(ListIndex::new(generation, today));
            self.order = None;
            self.rows = None;
        }
        let needs_every_row = !self.text.trim().is_empty()
            || self.specialty.is_some()
            || self.validity.is_some()
            || self.sort.is_some_and(|sort| sort.column == SortColumn::Status);
        if let Some(index) = &mut self.index {
            index.extend(certificates, if needs_every_row { usize::MAX } else { ROWS_PER_FRAME });
        }
        let Some(index) = &self.index else { return };
        let complete = index.indexed_rows == certificates.len();
        if complete && self.specialty.as_ref().is_some_and(|chosen| !index.specialties.contains(chosen)) {
            self.specialty = None;
        }

        if self.order.as_ref().is_none_or(|(sort, _)| *sort != self.sort) {
            self.order = Some((self.sort, index.sorted(certificates, self.sort)));
            self.rows = None;
        }
        let query = RowQuery {
            needle: lowercase(self.text.trim()),
            specialty: self.specialty.clone(),
            validity: self.validity,
            finding: self.finding.map(|filter| (filter, self.findings.as_ref().map(|marks| marks.generation))),
        };
        if self.rows.as_ref().is_some_and(|(computed_for, _)| *computed_for == query) {
            return;
        }
        let order = self.order.as_ref().map_or(&[][..], |(_, order)| order.as_slice());
        let findings = self.findings.as_deref();
        let rows =
            order.iter().copied().filter(|&row| index.matches(certificates, row as usize, &query, findings)).collect();
        self.rows = Some((query, rows));
    }
}

impl ListIndex {
    fn new(generation: u64, today: NaiveDate) -> Self {
        Self {
            built_for: (generation, today),
            indexed_rows: 0,
            seen_specialties: HashSet::new(),
            name_rank: OnceLock::new(),
            specialties_rank: OnceLock::new(),
            validity: Vec::new(),
            continued_until: HashMap::new(),
            search_text: String::new(),
            search_ends: Vec::new(),
            specialties: Vec::new(),
        }
    }

    /// Indexes up to `max_rows` more rows; the last slice also sorts the specialty names.
    fn extend(&mut self, certificates: &[CertificateSummary], max_rows: usize) {
        if self.indexed_rows >= certificates.len() {
            return;
        }
        let end = certificates.len().min(self.indexed_rows.saturating_add(max_rows));
        let today = self.built_for.1;
        if self.indexed_rows == 0 {
            self.continued_until = continued_registrations(certificates, today);
        }
        for certificate in &certificates[self.indexed_rows..end] {
            push_search_text(&mut self.search_text, certificate);
            self.search_ends.push(self.search_text.len());
            let continued = self.continued_until.get(&certificate.certificate_id).copied();
            self.validity.push(ValidityClass::of_continued(certificate, today, continued));
            for specialty in &certificate.specialties {
                if !self.seen_specialties.contains(&specialty.name) {
                    self.seen_specialties.insert(specialty.name.clone());
                }
            }
        }
        self.indexed_rows = end;

        if end == certificates.len() {
            let mut specialties: Vec<String> = self.seen_specialties.drain().collect();
            specialties.sort_by_cached_key(|name| pinyin_order::text_key(name));
            self.specialties = specialties;
        }
    }

    fn sorted(&self, certificates: &[CertificateSummary], sort: Option<SortOrder>) -> Vec<u32> {
        let count = u32::try_from(certificates.len()).unwrap_or(u32::MAX);
        let mut order: Vec<u32> = (0..count).collect();
        let Some(sort) = sort else { return order };
        let keys = self.numeric_keys(certificates, sort.column);
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            let primary = match &keys {
                Some(keys) => keys[a].cmp(&keys[b]),
                None => compare_text(&certificates[a], &certificates[b], sort.column),
            };
            let primary = if sort.descending { primary.reverse() } else { primary };
            primary.then_with(|| compare_registration(&certificates[a], &certificates[b]))
        });
        order
    }

    /// Returns one integer per row that orders the rows by `column`, or `None` for the columns
    /// sorted by their text.
    fn numeric_keys(&self, certificates: &[CertificateSummary], column: SortColumn) -> Option<Vec<i64>> {
        let keys = match column {
            SortColumn::Name => {
                let ranks = self.name_rank.get_or_init(|| {
                    let names: Vec<&str> = certificates.iter().map(|c| c.holder_name.as_str()).collect();
                    ranks_by_key(&names, pinyin_order::name_key)
                });
                ranks.iter().map(|&rank| i64::from(rank)).collect()
            }
            SortColumn::Specialties => {
                let ranks = self.specialties_rank.get_or_init(|| {
                    let joined: Vec<Cow<'_, str>> = certificates.iter().map(joined_specialties).collect();
                    let joined: Vec<&str> = joined.iter().map(AsRef::as_ref).collect();
                    ranks_by_key(&joined, pinyin_order::text_key)
                });
                ranks.iter().map(|&rank| i64::from(rank)).collect()
            }
            SortColumn::Qualification => certificates.iter().map(|c| c.qualification as i64).collect(),
            // Rows without specialties have no day and sort last.
            SortColumn::ValidTo => certificates
                .iter()
                .map(|c| c.earliest_valid_to().map_or(i64::MAX, |day| i64::from(day.num_days_from_ce())))
                .collect(),
            // The class first, then the days left, which are below 2^32.
            SortColumn::Status => {
                self.validity.iter().map(|&(class, days_left)| ((class as i64) << 32) + days_left).collect()
            }
            SortColumn::RegistrationNumber | SortColumn::IdNumber => return None,
        };
        Some(keys)
    }

    fn matches(
        &self,
        certificates: &[CertificateSummary],
        row: usize,
        query: &RowQuery,
        findings: Option<&FindingMarks>,
    ) -> bool {
        if query.validity.is_some_and(|class| self.validity[row].0 != class) {
            return false;
        }
        if let Some((filter, _)) = query.finding
            && !findings.is_some_and(|marks| marks.matches(&certificates[row].registration_number, filter))
        {
            return false;
        }
        if let Some(chosen) = &query.specialty
            && !certificates[row].specialties.iter().any(|s| s.name == *chosen)
        {
            return false;
        }
        query.needle.is_empty() || self.search_text_of(row).contains(&query.needle)
    }

    fn search_text_of(&self, row: usize) -> &str {
        let start = if row == 0 { 0 } else { self.search_ends[row - 1] };
        &self.search_text[start..self.search_ends[row]]
    }
}

/// Finds the certificates with a superseded version whose specialties still cover `today`, with
/// the last day they cover. Only superseded rows in force today are hashed, a small share of a
/// roster, so this adds little to the first frame.
fn continued_registrations(certificates: &[CertificateSummary], today: NaiveDate) -> HashMap<String, NaiveDate> {
    let mut continued: HashMap<String, NaiveDate> = HashMap::new();
    for certificate in certificates.iter().filter(|c| c.status == CertificateStatus::Superseded) {
        let covering = certificate.specialties.iter().filter(|s| s.valid_from <= today && today <= s.valid_to);
        if let Some(end) = covering.map(|s| s.valid_to).max() {
            let entry = continued.entry(certificate.certificate_id.clone()).or_insert(end);
            *entry = (*entry).max(end);
        }
    }
    continued
}

/// Orders two rows by a column that sorts by its text.
fn compare_text(x: &CertificateSummary, y: &CertificateSummary, column: SortColumn) -> Ordering {
    match column {
        SortColumn::IdNumber => x.id_number_masked.cmp(&y.id_number_masked),
        _ => x.registration_number.cmp(&y.registration_number),
    }
}

/// Orders two versions by registration number, then newest version first: the tie-breaker of
/// every sort column.
fn compare_registration(x: &CertificateSummary, y: &CertificateSummary) -> Ordering {
    x.registration_number.cmp(&y.registration_number).then(y.version.cmp(&x.version))
}

/// Returns the specialty names of a row as the table shows them, borrowed when there is one.
pub fn joined_specialties(certificate: &CertificateSummary) -> Cow<'_, str> {
    match certificate.specialties.as_slice() {
        [] => Cow::Borrowed(""),
        [only] => Cow::Borrowed(&only.name),
        several => {
            let names: Vec<&str> = several.iter().map(|s| s.name.as_str()).collect();
            Cow::Owned(names.join("、"))
        }
    }
}

/// Appends a row's searchable fields in lower case. A control character separates the fields,
/// so a match never spans two of them, because typed text contains no control characters.
fn push_search_text(text: &mut String, certificate: &CertificateSummary) {
    let fields = [
        certificate.holder_name.as_str(),
        &certificate.registration_number,
        &certificate.unit_name,
        &certificate.id_number_masked,
    ];
    for field in fields.into_iter().chain(certificate.specialties.iter().map(|s| s.name.as_str())) {
        push_lowercase(text, field);
        text.push('\u{1f}');
    }
}

/// Appends `field` in lower case, character by character, as the search text and the typed
/// search both are, so the two always agree.
fn push_lowercase(text: &mut String, field: &str) {
    // Most fields are Chinese text and digits: copy them whole and lower the ASCII letters.
    if field.chars().all(|character| character.is_ascii() || is_caseless(character)) {
        let start = text.len();
        text.push_str(field);
        text[start..].make_ascii_lowercase();
        return;
    }
    for character in field.chars() {
        if character.is_ascii() {
            text.push(character.to_ascii_lowercase());
        } else if is_caseless(character) {
            text.push(character);
        } else {
            text.extend(character.to_lowercase());
        }
    }
}

/// Tells whether a character is in a block without letter case: CJK radicals, punctuation, kana,
/// bopomofo and ideographs (U+2E80 to U+9FFF), Hangul syllables, and the supplementary
/// ideographs. Skipping the case table for them shortens the build of the search text, which
/// is mostly Chinese.
fn is_caseless(character: char) -> bool {
    matches!(character, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Returns the lower-case form of typed search text, as `push_search_text` writes rows.
fn lowercase(text: &str) -> String {
    let mut lower = String::with_capacity(text.len());
    push_lowercase(&mut lower, text);
    lower
}

/// Ranks each value by the sort key that `key` computes, equal keys sharing a rank. Keys are
/// computed once per distinct value, so a roster where many people share a name is cheap, and
/// sorting then compares integers.
fn ranks_by_key(values: &[&str], key: impl Fn(&str) -> String) -> Vec<u32> {
    let mut distinct: HashMap<&str, usize> = HashMap::new();
    let ids: Vec<usize> = values
        .iter()
        .map(|&value| {
            let next = distinct.len();
            *distinct.entry(value).or_insert(next)
        })
        .collect();

    let mut keyed: Vec<(String, usize)> = distinct.into_iter().map(|(value, id)| (key(value), id)).collect();
    keyed.sort_unstable();
    let mut rank_of_id = vec![0_u32; keyed.len()];
    let mut rank = 0_u32;
    for (position, (key, id)) in keyed.iter().enumerate() {
        if position > 0 && *key != keyed[position - 1].0 {
            rank += 1;
        }
        rank_of_id[*id] = rank;
    }
    ids.into_iter().map(|id| rank_of_id[id]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_query_survives_a_restart() {
        let mut filter = ListFilter {
            specialty: Some("建筑工程".to_owned()),
            validity: Some(ValidityClass::Expiring),
            finding: Some(FindingFilter::Code(FindingCode::C02)),
            sort: Some(SortOrder { column: SortColumn::Name, descending: true }),
            ..ListFilter::default()
        };
        filter.text = "张".to_owned();
        let stored = serde_json::to_string(&filter.saved()).unwrap();

        let mut restarted = ListFilter::default();
        restarted.restore(serde_json::from_str(&stored).unwrap());

        assert_eq!(restarted.saved(), filter.saved());
        assert!(restarted.text.is_empty(), "the search text is not kept");
    }

    fn finding(code: FindingCode, id_number: &str, numbers: &[&str], status: FindingStatus) -> Finding {
        Finding {
            code,
            severity: crate::domain::compliance::Severity::High,
            status,
            id_number: id_number.to_owned(),
            name: "张伟".to_owned(),
            registration_numbers: numbers.iter().map(|&n| n.to_owned()).collect(),
            units: Vec::new(),
            evidence: Vec::new(),
            explanation: crate::i18n::Message::new(crate::i18n::Key::FindingC01),
            fix: crate::i18n::Message::new(crate::i18n::Key::FixC01),
            as_of: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        }
    }

    #[test]
    fn finding_marks_count_people_with_open_findings() {
        let findings = [
            finding(FindingCode::C01, "A", &["京1", "苏2"], FindingStatus::Open),
            finding(FindingCode::C02, "A", &["京1", "苏2"], FindingStatus::Open),
            finding(FindingCode::C02, "B", &["京3"], FindingStatus::Explained),
            finding(FindingCode::C09, "C", &["京4"], FindingStatus::Open),
        ];
        let marks = FindingMarks::new(7, &findings);

        assert_eq!(marks.people(FindingFilter::AnyOpen), 2, "A and C; B's finding is explained");
        assert_eq!(marks.people(FindingFilter::Code(FindingCode::C02)), 1);
        assert_eq!(marks.people(FindingFilter::Code(FindingCode::C07)), 0);
        assert!(marks.matches("苏2", FindingFilter::Code(FindingCode::C01)));
        assert!(!marks.matches("京3", FindingFilter::AnyOpen), "explained findings do not filter");
        assert!(!marks.matches("京4", FindingFilter::Code(FindingCode::C02)));
    }

    #[test]
    fn finding_filter_waits_for_a_compliance_run() {
        let make =
            |number: &str| CertificateSummary { registration_number: number.to_owned(), ..many_rows(1).remove(0) };
        let certificates = vec![make("京1"), make("京4"), make("京5")];
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let mut filter = ListFilter { finding: Some(FindingFilter::AnyOpen), ..ListFilter::default() };

        filter.refresh(&certificates, 1, today);
        assert!(filter.rows().is_empty(), "no run yet, so no row is known to have a finding");

        let findings = [finding(FindingCode::C09, "C", &["京4"], FindingStatus::Open)];
        filter.set_findings(Arc::new(FindingMarks::new(1, &findings)));
        filter.refresh(&certificates, 1, today);
        assert_eq!(filter.rows(), [1]);

        filter.finding = None;
        filter.refresh(&certificates, 1, today);
        assert_eq!(filter.rows().len(), 3);
    }

    #[test]
    fn of_continued_renewal_during_old_period() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let today = day(2026, 12, 5);
        let version = |version: u32, status, from, to| CertificateSummary {
            certificate_id: "cert-7".to_owned(),
            version,
            status,
            specialties: vec![crate::domain::Specialty {
                name: "机电工程".to_owned(), valid_from: from, valid_to: to
            }],
            ..many_rows(1).remove(0)
        };
        let old = version(1, CertificateStatus::Superseded, day(2024, 1, 30), day(2027, 1, 29));
        let renewed = version(2, CertificateStatus::Valid, day(2027, 1, 30), day(2030, 1, 29));

        let mut filter = ListFilter::default();
        filter.refresh(&[old.clone(), renewed.clone()], 1, today);
        assert_eq!(filter.validity_of(1), Some((ValidityClass::Valid, 0)), "the old period still runs");

        let mut alone = ListFilter::default();
        alone.refresh(&[renewed], 1, today);
        assert_eq!(alone.validity_of(0), Some((ValidityClass::NotYetValid, 0)), "no registration runs today");
    }

    #[test]
    fn ranks_share_equal_keys() {
        let ranks = ranks_by_key(&["张伟", "安然", "张伟", "李娜"], pinyin_order::name_key);
        assert_eq!(ranks, [2, 0, 2, 1]);
    }

    fn many_rows(count: u32) -> Vec<CertificateSummary> {
        let day = |year| NaiveDate::from_ymd_opt(year, 6, 30).unwrap();
        (0..count)
            .map(|number| CertificateSummary {
                certificate_id: format!("cert-{number}"),
                version: 1,
                status: CertificateStatus::Valid,
                qualification: crate::domain::Qualification::Constructor2,
                registration_number: format!("京2{number:011}"),
                holder_name: if number % 2 == 0 { "张伟".to_owned() } else { "安然".to_owned() },
                id_number_masked: "110105********002X".to_owned(),
                unit_name: "示例建设有限公司".to_owned(),
                unit_credit_code: "91110000MA01ABCD2X".to_owned(),
                specialties: vec![crate::domain::Specialty {
                    name: if number % 3 == 0 { "机电工程" } else { "建筑工程" }.to_owned(),
                    valid_from: day(2024),
                    valid_to: day(if number % 5 == 0 { 2026 } else { 2029 }),
                }],
                signature: None,
            })
            .collect()
    }

    #[test]
    fn large_list_indexes_over_frames() {
        let rows = many_rows(25_000);
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let mut filter = ListFilter::default();

        filter.refresh(&rows, 1, today);
        assert_eq!(filter.rows().len(), 25_000, "the first frame lists every row");
        assert!(filter.is_indexing(&rows), "25,000 rows take more than one frame");
        assert!(filter.specialties().is_empty(), "the specialty list waits for the last slice");

        for _ in 0..4 {
            filter.refresh(&rows, 1, today);
        }
        assert!(!filter.is_indexing(&rows));
        assert_eq!(filter.specialties(), ["机电工程", "建筑工程"]);
    }

    #[test]
    fn search_finishes_the_index_first() {
        let rows = many_rows(25_000);
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let mut filter = ListFilter::default();
        filter.refresh(&rows, 1, today);

        filter.text = "京200000024".to_owned();
        filter.refresh(&rows, 1, today);
        assert!(!filter.is_indexing(&rows));
        // 京200000024000 to 京200000024999.
        assert_eq!(filter.rows().len(), 1_000);

        filter.text.clear();
        filter.validity = Some(ValidityClass::Expired);
        filter.refresh(&rows, 1, today);
        assert_eq!(filter.rows().len(), 5_000, "every fifth row ended on 2026-06-30");
    }

    #[test]
    fn search_text_lowercases_every_script() {
        assert_eq!(lowercase("京A12X"), "京a12x");
        assert_eq!(lowercase("ÉLODIE 张"), "élodie 张");
        assert_eq!(lowercase("ＡＢ"), "ａｂ", "full-width Latin letters have case");
        assert_eq!(lowercase("𠮷野"), "𠮷野");
    }
}
