//! The certificate list's query: search text, specialty and validity filters and the sort
//! column, with the rows they select.
//!
//! Sort keys and search text are computed once per list load (and again when the as-of day
//! changes), the sort order only when the sort column changes, and the rows only when a filter
//! changes. A frame of a 100,000-row roster then does no work per row outside the visible rows.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::pinyin_order;
use crate::domain::certificate::Validity;
use crate::domain::{CertificateStatus, CertificateSummary};

/// A column the list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    pub const ALL: [Self; 7] = [
        Self::Name,
        Self::RegistrationNumber,
        Self::Qualification,
        Self::Specialties,
        Self::IdNumber,
        Self::ValidTo,
        Self::Status,
    ];
}

/// A sort column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortOrder {
    /// The column whose values order the rows.
    pub column: SortColumn,
    /// Whether the largest value comes first. Ties stay in ascending registration number order.
    pub descending: bool,
}

/// How a list row stands on the as-of day, as the status column and the validity filter see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// The sort order; `None` keeps the order the cache lists them in.
    pub sort: Option<SortOrder>,
    index: Option<ListIndex>,
    /// Every row index, sorted, and the sort it was computed for.
    order: Option<(Option<SortOrder>, Vec<u32>)>,
    /// The rows the filters select, in sort order, and the filters they were computed for.
    rows: Option<(RowQuery, Vec<u32>)>,
}

/// The filter inputs the visible rows were computed for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowQuery {
    needle: String,
    specialty: Option<String>,
    validity: Option<ValidityClass>,
}

/// Per-row keys of one list load, indexed like the certificates.
#[derive(Debug)]
struct ListIndex {
    /// The list generation and as-of day the keys were computed for.
    built_for: (u64, NaiveDate),
    /// Rank of the holder's name in pinyin order; equal names have equal ranks.
    name_rank: Vec<u32>,
    /// Rank of the joined specialty names in pinyin order.
    specialties_rank: Vec<u32>,
    /// The validity class and days left of each row on the as-of day.
    validity: Vec<(ValidityClass, i64)>,
    /// Every row's searchable fields in lower case, one after another.
    search_text: String,
    /// The end of each row's part of `search_text`.
    search_ends: Vec<usize>,
    /// The distinct specialty names in the list, in pinyin order.
    specialties: Vec<String>,
}

impl ListFilter {
    /// Returns the selected row indices into the certificates, in sort order, after `refresh`.
    pub fn rows(&self) -> &[u32] {
        self.rows.as_ref().map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// Returns the distinct specialty names of the list, in pinyin order, after `refresh`.
    pub fn specialties(&self) -> &[String] {
        self.index.as_ref().map_or(&[], |index| index.specialties.as_slice())
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
            let index = ListIndex::build(certificates, generation, today);
            if self.specialty.as_ref().is_some_and(|chosen| !index.specialties.contains(chosen)) {
                self.specialty = None;
            }
            self.index = Some(index);
            self.order = None;
            self.rows = None;
        }
        let Some(index) = &self.index else { return };

        if self.order.as_ref().is_none_or(|(sort, _)| *sort != self.sort) {
            self.order = Some((self.sort, index.sorted(certificates, self.sort)));
            self.rows = None;
        }
        let query = RowQuery {
            needle: self.text.trim().to_lowercase(),
            specialty: self.specialty.clone(),
            validity: self.validity,
        };
        if self.rows.as_ref().is_some_and(|(computed_for, _)| *computed_for == query) {
            return;
        }
        let order = self.order.as_ref().map_or(&[][..], |(_, order)| order.as_slice());
        let rows = order.iter().copied().filter(|&row| index.matches(certificates, row as usize, &query)).collect();
        self.rows = Some((query, rows));
    }
}

impl ListIndex {
    fn build(certificates: &[CertificateSummary], generation: u64, today: NaiveDate) -> Self {
        let name_keys: Vec<String> = certificates.iter().map(|c| pinyin_order::name_key(&c.holder_name)).collect();
        let specialty_keys: Vec<String> =
            certificates.iter().map(|c| pinyin_order::text_key(&joined_specialties(c))).collect();
        let validity = certificates.iter().map(|c| ValidityClass::of(c, today)).collect();

        let mut search_text = String::new();
        let mut search_ends = Vec::with_capacity(certificates.len());
        for certificate in certificates {
            push_search_text(&mut search_text, certificate);
            search_ends.push(search_text.len());
        }

        let names: BTreeSet<&str> =
            certificates.iter().flat_map(|c| c.specialties.iter().map(|s| s.name.as_str())).collect();
        let mut specialties: Vec<String> = names.into_iter().map(str::to_owned).collect();
        specialties.sort_by_cached_key(|name| pinyin_order::text_key(name));

        Self {
            built_for: (generation, today),
            name_rank: ranks(&name_keys),
            specialties_rank: ranks(&specialty_keys),
            validity,
            search_text,
            search_ends,
            specialties,
        }
    }

    fn sorted(&self, certificates: &[CertificateSummary], sort: Option<SortOrder>) -> Vec<u32> {
        let count = u32::try_from(certificates.len()).unwrap_or(u32::MAX);
        let mut order: Vec<u32> = (0..count).collect();
        let Some(sort) = sort else { return order };
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            let primary = self.compare(certificates, sort.column, a, b);
            let primary = if sort.descending { primary.reverse() } else { primary };
            primary.then_with(|| compare_registration(&certificates[a], &certificates[b]))
        });
        order
    }

    fn compare(&self, certificates: &[CertificateSummary], column: SortColumn, a: usize, b: usize) -> Ordering {
        let (x, y) = (&certificates[a], &certificates[b]);
        match column {
            SortColumn::Name => self.name_rank[a].cmp(&self.name_rank[b]),
            SortColumn::RegistrationNumber => x.registration_number.cmp(&y.registration_number),
            SortColumn::Qualification => (x.qualification as u8).cmp(&(y.qualification as u8)),
            SortColumn::Specialties => self.specialties_rank[a].cmp(&self.specialties_rank[b]),
            SortColumn::IdNumber => x.id_number_masked.cmp(&y.id_number_masked),
            SortColumn::ValidTo => {
                let day = |c: &CertificateSummary| c.earliest_valid_to().map_or((true, NaiveDate::MAX), |d| (false, d));
                day(x).cmp(&day(y))
            }
            SortColumn::Status => self.validity[a].cmp(&self.validity[b]),
        }
    }

    fn matches(&self, certificates: &[CertificateSummary], row: usize, query: &RowQuery) -> bool {
        if query.validity.is_some_and(|class| self.validity[row].0 != class) {
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

/// Orders two versions by registration number, then newest version first: the tie-breaker of
/// every sort column.
fn compare_registration(x: &CertificateSummary, y: &CertificateSummary) -> Ordering {
    x.registration_number.cmp(&y.registration_number).then(y.version.cmp(&x.version))
}

/// Returns the specialty names of a row as the table shows them.
pub fn joined_specialties(certificate: &CertificateSummary) -> String {
    let names: Vec<&str> = certificate.specialties.iter().map(|s| s.name.as_str()).collect();
    names.join("、")
}

/// Appends a row's searchable fields in lower case. A control character separates the fields,
/// so a match never spans two of them, because typed text holds no control characters.
fn push_search_text(text: &mut String, certificate: &CertificateSummary) {
    let fields = [
        certificate.holder_name.as_str(),
        &certificate.registration_number,
        &certificate.unit_name,
        &certificate.id_number_masked,
    ];
    for field in fields.into_iter().chain(certificate.specialties.iter().map(|s| s.name.as_str())) {
        text.extend(field.chars().flat_map(char::to_lowercase));
        text.push('\u{1f}');
    }
}

/// Replaces each key with its rank in sorted order, equal keys sharing a rank, so sorting
/// compares integers and the keys need not be kept.
fn ranks(keys: &[String]) -> Vec<u32> {
    let mut positions: Vec<usize> = (0..keys.len()).collect();
    positions.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut ranks = vec![0; keys.len()];
    let mut rank = 0_u32;
    for (sorted_at, &position) in positions.iter().enumerate() {
        if sorted_at > 0 && keys[position] != keys[positions[sorted_at - 1]] {
            rank += 1;
        }
        ranks[position] = rank;
    }
    ranks
}
