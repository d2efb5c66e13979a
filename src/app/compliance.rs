//! The compliance page's state: the findings of the last run, the filters, the selection, the
//! holder's declaration and report draft, and the Excel export.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};
use tracing::warn;

use crate::domain::compliance::{CheckSettings, Finding, PersonFacts, check_person};
use crate::domain::id_number::mask_id_text;
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::platform::wire::Role;
use crate::store::compliance::{
    Selection, clear_changed, declaration, id_numbers, load_facts, save_declaration, take_changed,
};
use crate::store::{Store, StoreError};
use crate::ui::Command;
use crate::ui::compliance_view::{
    ComplianceFilter, ComplianceView, NamedUnit, SelfCheck, compliance_ui, evidence_text, severity_name, status_name,
};

/// The compliance page.
#[derive(Default)]
pub(super) struct CompliancePage {
    as_of: Option<NaiveDate>,
    people: usize,
    findings: Vec<Finding>,
    selected: Option<usize>,
    filter: ComplianceFilter,
    self_check: Option<SelfCheck>,
    holder_id: Option<String>,
    unit_names: std::collections::BTreeMap<String, String>,
    /// The records of the selected finding's person, for the timeline.
    timeline: Option<PersonFacts>,
    /// The rules' windows, with the user's reminder settings.
    pub settings: CheckSettings,
    /// Counts the runs and re-checks, so the roster's finding filter knows when to take the
    /// findings again.
    generation: u64,
}

impl CompliancePage {
    /// Runs every rule over the cache for the as-of day. A holder's cache holds only the holder,
    /// a unit's only its people, so the whole cache is the selection.
    pub fn run(&mut self, store: &mut Store, role: Role, as_of: NaiveDate) -> Result<(), StoreError> {
        store.write(clear_changed)?;
        let facts = store.read(|connection| load_facts(connection, &Selection::default()))?;
        let settings = self.settings;
        self.findings = facts.iter().flat_map(|f| check_person(f, as_of, &settings)).collect();
        self.sort();
        self.generation += 1;
        self.people = facts.len();
        self.unit_names = facts.first().map(|f| f.unit_names.as_ref().clone()).unwrap_or_default();
        self.as_of = Some(as_of);
        self.selected = None;
        self.self_check = None;
        self.holder_id = None;
        if let Some(holder) = facts.first().filter(|_| role == Role::Holder) {
            let declared = store.read(|connection| declaration(connection, &holder.id_number))?;
            self.self_check = Some(self_check(holder, declared, &self.findings, as_of));
            self.holder_id = Some(holder.id_number.clone());
        }
        self.reset_report();
        Ok(())
    }

    /// Runs the rules again for the people whose records changed since the last run, and only
    /// for them. Returns how many people were checked again, or `None` when a full run is
    /// needed instead (nothing ran yet, or a changed person was deleted from the cache).
    pub fn recheck_changed(&mut self, store: &mut Store) -> Result<Option<usize>, StoreError> {
        let Some(as_of) = self.as_of else { return Ok(None) };
        let changed = store.write(take_changed)?;
        if changed.is_empty() {
            return Ok(Some(0));
        }
        let selection = Selection { person_ids: Some(changed.clone()), ..Selection::default() };
        let (still_there, facts) =
            store.read(|connection| Ok((id_numbers(connection, &changed)?, load_facts(connection, &selection)?)))?;
        if still_there.len() != changed.len() {
            return Ok(None);
        }
        let settings = self.settings;
        let known = self.findings.iter().map(|f| f.id_number.as_str()).collect::<std::collections::HashSet<_>>().len();
        self.findings.retain(|f| !still_there.contains(&f.id_number));
        self.findings.extend(facts.iter().flat_map(|f| check_person(f, as_of, &settings)));
        self.sort();
        self.generation += 1;
        self.people = self.people.max(known);
        self.selected = None;
        if let (Some(holder), Some(check)) = (facts.first(), self.self_check.as_mut()) {
            let declared = check.declared.clone();
            *check = self_check(holder, declared, &self.findings, as_of);
        }
        self.reset_report();
        Ok(Some(changed.len()))
    }

    /// Puts the freshly drafted report in the editor, with the ID number as the user chose.
    fn reset_report(&mut self) {
        let draft = self.self_check.as_ref().and_then(|c| c.report.clone()).unwrap_or_default();
        self.filter.report_text = draft;
        if self.filter.full_id_in_report {
            self.show_full_id_in_report(true);
        }
    }

    /// Switches the report between the masked and the full ID number, keeping the user's edits.
    fn show_full_id_in_report(&mut self, full: bool) {
        let Some(id_number) = &self.holder_id else { return };
        let masked = mask_id_text(id_number);
        self.filter.report_text = if full {
            self.filter.report_text.replace(&masked, id_number)
        } else {
            self.filter.report_text.replace(id_number.as_str(), &masked)
        };
    }

    /// Applies the report's ID checkbox after the user changed it.
    pub fn toggle_report_id(&mut self) {
        self.show_full_id_in_report(self.filter.full_id_in_report);
    }

    fn sort(&mut self) {
        self.findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(&b.code)).then(a.name.cmp(&b.name)));
    }

    /// Returns the findings of the last run and the run's number, which changes with every run
    /// and re-check; `None` before the first run or after a reset.
    pub fn findings(&self) -> Option<(u64, &[Finding])> {
        self.as_of.map(|_| (self.generation, self.findings.as_slice()))
    }

    /// Tells whether the rules have run since the page was last reset.
    pub fn has_run(&self) -> bool {
        self.as_of.is_some()
    }

    /// Forgets the findings so the next visit runs the rules again.
    pub fn reset(&mut self) {
        self.as_of = None;
    }

    /// Selects a finding by its index and loads its person's records for the timeline.
    pub fn select(&mut self, index: usize, store: Option<&Store>) {
        self.selected = (index < self.findings.len()).then_some(index);
        let id_number = self.selected.and_then(|i| self.findings.get(i)).map(|f| f.id_number.clone());
        self.timeline = match (id_number, store) {
            (Some(id_number), Some(store)) => {
                let selection = Selection { id_number: Some(id_number), ..Selection::default() };
                store.read(|connection| load_facts(connection, &selection)).ok().and_then(|mut facts| facts.pop())
            }
            _ => None,
        };
    }

    /// Empties the exemption form after the exemption went into the outbox.
    pub fn clear_exemption_form(&mut self) {
        self.filter.exemption = crate::ui::compliance_view::ExemptionForm::default();
    }

    /// Records the holder's declared employer.
    pub fn declare(&mut self, store: &mut Store, credit_code: &str, today: NaiveDate) -> Result<(), StoreError> {
        let Some(id_number) = self.holder_id.clone() else { return Ok(()) };
        store.write(|transaction| save_declaration(transaction, &id_number, credit_code, today))
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, role: Role) -> Option<Command> {
        let as_of = self.as_of?;
        self.filter.expiry_warning_days = self.settings.expiry_warning_days;
        self.filter.copy_warning_days = self.settings.copy_warning_days;
        let view = ComplianceView {
            lang,
            role,
            as_of,
            people: self.people,
            findings: &self.findings,
            selected: self.selected,
            self_check: self.self_check.as_ref(),
            unit_names: &self.unit_names,
            timeline: self.timeline.as_ref(),
        };
        compliance_ui(ui, &view, &mut self.filter)
    }

    /// Writes every finding to an Excel workbook. ID numbers are masked: the file is for sharing.
    pub fn export(&self, path: &Path, lang: Lang) -> Result<PathBuf, Message> {
        let write_error =
            |detail: String| Message::new(Key::CliWriteFile).arg("path", path.display()).arg("detail", detail);
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| write_error(e.to_string()))?;
        }
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        let bold = Format::new().set_bold();
        let headers = [
            Key::ColFinding,
            Key::ColSeverity,
            Key::ColFindingStatus,
            Key::ColName,
            Key::ColIdNumber,
            Key::ColRegNo,
            Key::ColUnits,
            Key::ColExplanation,
            Key::ColFix,
            Key::EvidenceTitle,
            Key::ColAsOf,
        ];
        for (column, key) in (0u16..).zip(headers) {
            sheet.write_with_format(0, column, tr(lang, key), &bold).map_err(|e| write_error(e.to_string()))?;
        }
        for (row, finding) in (1u32..).zip(&self.findings) {
            let evidence: Vec<String> =
                finding.evidence.iter().map(|e| evidence_text(lang, e, &self.unit_names)).collect();
            let cells = [
                format!("{} {}", finding.code.as_str(), tr(lang, finding.code.title())),
                severity_name(lang, finding.severity).to_owned(),
                status_name(lang, finding.status).to_owned(),
                finding.name.clone(),
                mask_id_text(&finding.id_number),
                finding.registration_numbers.join("、"),
                finding.units.join("、"),
                finding.explanation.render(lang),
                finding.fix.render(lang),
                evidence.join("\n"),
                format_date(lang, finding.as_of),
            ];
            for (column, text) in (0u16..).zip(cells) {
                sheet.write(row, column, text).map_err(|e| write_error(e.to_string()))?;
            }
        }
        sheet.autofit();
        workbook.save(path).map_err(|e| {
            warn!(error = %e, "cannot write the findings workbook");
            write_error(e.to_string())
        })?;
        Ok(path.to_path_buf())
    }

    /// Saves the report draft as a UTF-8 text file in `folder`.
    pub fn save_report(&self, folder: &Path) -> Result<PathBuf, Message> {
        let report = &self.filter.report_text;
        if report.trim().is_empty() {
            return Err(Message::new(Key::NoReport));
        }
        let date = self.as_of.unwrap_or_default().format("%Y%m%d");
        let path = folder.join(format!("举报材料-{date}.txt"));
        std::fs::create_dir_all(folder)
            .and_then(|()| crate::account::profile::write_atomically(&path, report.as_bytes()))
            .map_err(|e| Message::new(Key::CliWriteFile).arg("path", path.display()).io_arg("detail", &e))?;
        Ok(path)
    }
}

/// Lists every unit the holder's records name and drafts a report when a registration names a
/// unit other than the declared employer.
fn self_check(holder: &PersonFacts, declared: Option<String>, findings: &[Finding], as_of: NaiveDate) -> SelfCheck {
    let mut units: Vec<NamedUnit> = Vec::new();
    let mut add = |credit_code: &str, reason: Key| {
        let name = holder.unit_names.get(credit_code).cloned().unwrap_or_else(|| credit_code.to_owned());
        match units.iter_mut().find(|u| u.credit_code == credit_code) {
            Some(unit) if !unit.reasons.contains(&reason) => unit.reasons.push(reason),
            Some(_) => {}
            None => units.push(NamedUnit { credit_code: credit_code.to_owned(), name, reasons: vec![reason] }),
        }
    };
    for certificate in &holder.certificates {
        add(&certificate.unit_credit_code, Key::NamedByRegistration);
    }
    for month in &holder.social_security {
        add(&month.unit_credit_code, Key::NamedBySocialSecurity);
    }
    for month in &holder.housing_fund {
        add(&month.unit_credit_code, Key::NamedByHousingFund);
    }
    for certificate in &holder.safety_certificates {
        add(&certificate.unit_credit_code, Key::NamedBySafetyCertificate);
    }
    let report = declared.as_ref().and_then(|declared| {
        let misused: Vec<&NamedUnit> = units
            .iter()
            .filter(|u| &u.credit_code != declared && u.reasons.contains(&Key::NamedByRegistration))
            .collect();
        (!misused.is_empty()).then(|| report_draft(holder, declared, &misused, findings, as_of))
    });
    SelfCheck { units, declared, report }
}

/// Drafts the report in Chinese whatever the interface language: it goes to a Chinese
/// authority.
fn report_draft(
    holder: &PersonFacts,
    declared: &str,
    misused: &[&NamedUnit],
    findings: &[Finding],
    as_of: NaiveDate,
) -> String {
    let lang = Lang::ZhCn;
    let declared_name = holder.unit_names.get(declared).cloned().unwrap_or_else(|| declared.to_owned());
    let registrations: Vec<String> = holder
        .certificates
        .iter()
        .filter(|c| misused.iter().any(|u| u.credit_code == c.unit_credit_code))
        .map(|c| format!("{}（{}，{}）", c.registration_number, c.unit_name, c.unit_credit_code))
        .collect();
    let evidence: Vec<String> = findings
        .iter()
        .flat_map(|f| f.evidence.iter().map(|e| format!("- {}", evidence_text(lang, e, &holder.unit_names))))
        .collect();
    Message::new(Key::ReportTemplate)
        .arg("name", &holder.name)
        .arg("id", mask_id_text(&holder.id_number))
        .arg("declared", declared_name)
        .arg("registrations", registrations.join("；"))
        .arg("evidence", evidence.join("\n"))
        .date_arg("date", as_of)
        .render(lang)
}
