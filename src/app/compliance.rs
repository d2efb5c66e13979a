//! The compliance page's state: the findings of the last run, the filters, the selection, the
//! holder's declaration and report draft, and the Excel export.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use chrono::NaiveDate;
use rusqlite::Connection;
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
    unit_names: BTreeMap<String, String>,
    /// The records of the selected finding's person, for the timeline.
    timeline: Option<PersonFacts>,
    /// The rules' windows, with the user's reminder settings.
    pub settings: CheckSettings,
    /// Counts the runs and re-checks; the roster's finding filter takes the findings again
    /// when it changes.
    generation: u64,
    /// The run going on, if any.
    running: Option<Running>,
    /// A re-check asked for while a run was going on, started when it ends.
    recheck_requested: bool,
    /// The native file dialog choosing the exemption's evidence, open on its own thread.
    picking_evidence: Option<Receiver<Option<PathBuf>>>,
}

/// Asks the window for a frame, from any thread.
pub(super) type Repaint = Arc<dyn Fn() + Send + Sync>;

/// A run of the rules on a background thread, and where its result arrives.
struct Running {
    receiver: Receiver<Result<Outcome, StoreError>>,
}

/// The findings of one run of the rules.
enum Outcome {
    /// The findings of every person in the cache.
    Full(Box<FullRun>),
    /// The findings of the people whose records changed since the last run.
    Changed(ChangedRun),
}

/// The result of a run over the whole cache.
struct FullRun {
    as_of: NaiveDate,
    people: usize,
    findings: Vec<Finding>,
    unit_names: BTreeMap<String, String>,
    /// For a holder: the holder's facts and declared employer, for the self-check.
    holder: Option<(PersonFacts, Option<String>)>,
}

/// The result of a run over the people whose records changed.
struct ChangedRun {
    /// The cache row ids taken from the change log.
    changed: Vec<i64>,
    /// The ID numbers of those people still in the cache.
    still_there: Vec<String>,
    facts: Vec<PersonFacts>,
    findings: Vec<Finding>,
}

/// The state of the findings, as [`CompliancePage::poll`] and [`CompliancePage::recheck_changed`]
/// report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CheckProgress {
    /// Nothing to do, or nothing new yet.
    Idle,
    /// A run is going on, or a result was just taken in.
    Working,
    /// The findings cannot be brought up to date person by person: a changed person left the
    /// cache, or nothing ran yet. The caller resets the page and runs every rule again.
    NeedsFullRun,
}

impl CompliancePage {
    /// Starts running every rule over the cache for the as-of day, on a background thread that
    /// reads its own connection, so a large roster never holds up a frame. A holder's cache
    /// holds only the holder, a unit's only its people, so the whole cache is the selection. A
    /// run still going on is forgotten: its result would be older.
    pub fn run(
        &mut self,
        store: &mut Store,
        role: Role,
        as_of: NaiveDate,
        repaint: &Repaint,
    ) -> Result<(), StoreError> {
        store.write(clear_changed)?;
        self.recheck_requested = false;
        let settings = self.settings;
        self.spawn(store, repaint, move |connection| {
            let facts = load_facts(connection, &Selection::default())?;
            let findings = facts.iter().flat_map(|f| check_person(f, as_of, &settings)).collect();
            let unit_names = facts.first().map(|f| f.unit_names.as_ref().clone()).unwrap_or_default();
            let holder = match facts.first().filter(|_| role == Role::Holder) {
                Some(holder) => Some((holder.clone(), declaration(connection, &holder.id_number)?)),
                None => None,
            };
            Ok(Outcome::Full(Box::new(FullRun { as_of, people: facts.len(), findings, unit_names, holder })))
        })
    }

    /// Starts running the rules again for the people whose records changed since the last run,
    /// and only for them. While a run is going on, the re-check waits for it.
    pub fn recheck_changed(&mut self, store: &mut Store, repaint: &Repaint) -> Result<CheckProgress, StoreError> {
        if self.running.is_some() {
            self.recheck_requested = true;
            return Ok(CheckProgress::Working);
        }
        let Some(as_of) = self.as_of else { return Ok(CheckProgress::NeedsFullRun) };
        let changed = store.write(take_changed)?;
        if changed.is_empty() {
            return Ok(CheckProgress::Idle);
        }
        let settings = self.settings;
        self.spawn(store, repaint, move |connection| {
            let selection = Selection { person_ids: Some(changed.clone()), ..Selection::default() };
            let still_there = id_numbers(connection, &changed)?;
            let facts = load_facts(connection, &selection)?;
            let findings = facts.iter().flat_map(|f| check_person(f, as_of, &settings)).collect();
            Ok(Outcome::Changed(ChangedRun { changed, still_there, facts, findings }))
        })?;
        Ok(CheckProgress::Working)
    }

    /// Takes in the result of the run going on, if it arrived, and starts the re-check that
    /// waited for it.
    pub fn poll(&mut self, store: &mut Store, repaint: &Repaint) -> Result<CheckProgress, StoreError> {
        let Some(running) = &self.running else { return Ok(CheckProgress::Idle) };
        let outcome = match running.receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return Ok(CheckProgress::Idle),
            Err(TryRecvError::Disconnected) => Err(StoreError::Thread("the compliance thread stopped".to_owned())),
        };
        self.running = None;
        match outcome? {
            Outcome::Full(run) => self.take_full_run(*run),
            Outcome::Changed(run) => {
                if run.still_there.len() != run.changed.len() {
                    return Ok(CheckProgress::NeedsFullRun);
                }
                self.take_changed_run(run);
            }
        }
        if std::mem::take(&mut self.recheck_requested) {
            return self.recheck_changed(store, repaint);
        }
        Ok(CheckProgress::Working)
    }

    /// Tells whether a run of the rules is going on.
    pub fn is_checking(&self) -> bool {
        self.running.is_some()
    }

    /// Runs `work` over the cache on a thread with its own connection; the result arrives
    /// through [`Self::poll`]. An in-memory cache, which no other connection can open, runs
    /// `work` at once instead.
    fn spawn(
        &mut self,
        store: &Store,
        repaint: &Repaint,
        work: impl FnOnce(&Connection) -> Result<Outcome, StoreError> + Send + 'static,
    ) -> Result<(), StoreError> {
        let (sender, receiver) = mpsc::channel();
        self.running = Some(Running { receiver });
        let Some(path) = store.path() else {
            // `self.running` keeps the receiver, so the send succeeds. A failure would only
            // drop a result that no page waits for.
            let _ = sender.send(store.read(work));
            return Ok(());
        };
        let repaint = Arc::clone(repaint);
        let spawned = std::thread::Builder::new().name("certdesk-compliance".into()).spawn(move || {
            let outcome = Store::open(&path).and_then(|store| store.read(work));
            // A newer run dropped the receiver; its result replaces this one.
            if sender.send(outcome).is_ok() {
                repaint();
            }
        });
        if let Err(error) = spawned {
            self.running = None;
            return Err(StoreError::Thread(error.to_string()));
        }
        Ok(())
    }

    fn take_full_run(&mut self, run: FullRun) {
        self.findings = run.findings;
        self.sort();
        self.generation += 1;
        self.people = run.people;
        self.unit_names = run.unit_names;
        self.as_of = Some(run.as_of);
        self.selected = None;
        self.self_check = None;
        self.holder_id = None;
        if let Some((holder, declared)) = run.holder {
            self.self_check = Some(self_check(&holder, declared, &self.findings, run.as_of));
            self.holder_id = Some(holder.id_number);
        }
        self.reset_report();
    }

    fn take_changed_run(&mut self, run: ChangedRun) {
        let Some(as_of) = self.as_of else { return };
        let known = self.findings.iter().map(|f| f.id_number.as_str()).collect::<HashSet<_>>().len();
        self.findings.retain(|f| !run.still_there.contains(&f.id_number));
        self.findings.extend(run.findings);
        self.sort();
        self.generation += 1;
        self.people = self.people.max(known);
        self.selected = None;
        if let (Some(holder), Some(check)) = (run.facts.first(), self.self_check.as_mut()) {
            let declared = check.declared.clone();
            *check = self_check(holder, declared, &self.findings, as_of);
        }
        self.reset_report();
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
    /// and re-check. Returns `None` before the first run or after a reset.
    pub fn findings(&self) -> Option<(u64, &[Finding])> {
        self.as_of.map(|_| (self.generation, self.findings.as_slice()))
    }

    /// Tells whether the rules have run since the page was last reset.
    pub fn has_run(&self) -> bool {
        self.as_of.is_some()
    }

    /// Forgets everything of the account whose cache was open: findings, filters, the
    /// self-check and a run going on. The reminder settings stay, and the run count goes on,
    /// so no earlier findings can pass for the new account's.
    pub fn forget_account(&mut self) {
        *self = Self { settings: self.settings, generation: self.generation + 1, ..Self::default() };
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

    /// Opens the native file dialog for the exemption's evidence on its own thread.
    pub fn pick_evidence(&mut self, repaint: &Repaint) -> Result<(), std::io::Error> {
        let repaint = Arc::clone(repaint);
        self.picking_evidence = Some(super::pick_file_on_thread(move || repaint())?);
        Ok(())
    }

    /// Takes a file dropped on the window as the evidence while the exemption window is open,
    /// before the verify view would take it as a copy to verify.
    pub fn take_dropped_evidence(&mut self, ctx: &egui::Context) {
        if self.filter.exemption.id_number.is_none() {
            return;
        }
        if let Some(path) = super::take_dropped_file(ctx) {
            self.filter.exemption.evidence = path.display().to_string();
        }
    }

    /// Puts the file chosen in the dialog, if it closed, into the exemption form.
    pub fn poll_evidence_pick(&mut self) {
        let Some(receiver) = &self.picking_evidence else { return };
        match receiver.try_recv() {
            Ok(chosen) => {
                if let Some(path) = chosen {
                    self.filter.exemption.evidence = path.display().to_string();
                }
                self.picking_evidence = None;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.picking_evidence = None,
        }
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
        let Some(as_of) = self.as_of else {
            if self.is_checking() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(lang, Key::ChecksRunning));
                });
            }
            return None;
        };
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
            checking: self.is_checking(),
        };
        compliance_ui(ui, &view, &mut self.filter)
    }

    /// Writes every finding to an Excel workbook. ID numbers are masked: the file is for sharing.
    pub fn export(&self, path: &Path, lang: Lang) -> Result<PathBuf, Message> {
        // The reason in the user's language, never the library's English text.
        let write_error =
            |detail: Key| Message::new(Key::CliWriteFile).arg("path", path.display()).key_arg("detail", detail);
        let xlsx_error = |e: &rust_xlsxwriter::XlsxError| match e {
            rust_xlsxwriter::XlsxError::IoError(io) => write_error(crate::i18n::io_error_key(io)),
            _ => write_error(Key::IoOther),
        };
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| write_error(crate::i18n::io_error_key(&e)))?;
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
            sheet.write_with_format(0, column, tr(lang, key), &bold).map_err(|e| xlsx_error(&e))?;
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
                finding.registration_numbers.join(tr(lang, Key::ListSeparator)),
                finding.units.join(tr(lang, Key::ListSeparator)),
                finding.explanation.render(lang),
                finding.fix.render(lang),
                evidence.join("\n"),
                format_date(lang, finding.as_of),
            ];
            for (column, text) in (0u16..).zip(cells) {
                sheet.write(row, column, text).map_err(|e| xlsx_error(&e))?;
            }
        }
        sheet.autofit();
        workbook.save(path).map_err(|e| {
            warn!(error = %e, "cannot write the findings workbook");
            xlsx_error(&e)
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
