//! The applications page's state: the lists from the cache, the open form, the file being
//! checked and copied on a background thread, and the pre-checks of the form.
//!
//! Every edit saves the whole draft in one transaction before "已保存" shows, so a crash loses
//! nothing that was shown as saved. A file is checked and copied into the data folder under its
//! SHA-256 before the draft names it, so a draft never refers to a half-written copy.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use chrono::{NaiveDate, Utc};
use tracing::warn;

use crate::domain::application::{MaterialKind, PreCheck, pre_checks};
use crate::domain::compliance::PersonFacts;
use crate::domain::records::{ApplicationState, ChangeApplication};
use crate::i18n::{Key, Lang, Message};
use crate::materials::{MaterialError, MaterialFormat, MaterialInfo, inspect, store_copy};
use crate::platform::outbox::queue_application;
use crate::store::compliance::{Selection, load_facts};
use crate::store::drafts::{self, DraftRecord, DraftRow, DraftState};
use crate::store::{Store, applications};
use crate::ui::Command;
use crate::ui::applications_view::{ApplicationCommand, ApplicationForm, ApplicationsView, applications_ui};

/// A file being checked and copied, and the material it is for.
struct Attaching {
    kind: MaterialKind,
    result: Receiver<Result<(MaterialInfo, Option<egui::ColorImage>), MaterialError>>,
}

/// 48 pixels: the longer side of a material's thumbnail.
const THUMBNAIL_PIXELS: u32 = 48;

/// 8 MiB: the largest image whose thumbnail is decoded on the frame thread when a draft opens;
/// larger ones show their description only.
const THUMBNAIL_ON_OPEN_BYTES: u64 = 8 * 1024 * 1024;

/// Decodes an image material into a small thumbnail; `None` for PDF, OFD or an image that does
/// not decode.
fn thumbnail(bytes: &[u8]) -> Option<egui::ColorImage> {
    let image = image::load_from_memory(bytes).ok()?.thumbnail(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS).to_rgba8();
    let size = [image.width() as usize, image.height() as usize];
    Some(egui::ColorImage::from_rgba_unmultiplied(size, image.as_raw()))
}

/// The app's next step after a command of this page.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing more.
    Done,
    /// Show a notice.
    Notice(Message),
    /// Sync now: an application went into the outbox.
    Sync,
}

/// The applications page.
#[derive(Default)]
pub struct ApplicationsPage {
    drafts: Vec<DraftRow>,
    applications: Vec<ChangeApplication>,
    persons: Vec<(String, String)>,
    form: Option<ApplicationForm>,
    facts: Option<PersonFacts>,
    checks: Vec<PreCheck>,
    material_errors: Vec<(MaterialKind, Message)>,
    shown: Option<String>,
    saved_at: Option<String>,
    attaching: Option<Attaching>,
    picking: Option<(MaterialKind, Receiver<Option<PathBuf>>)>,
    thumbnails: std::collections::HashMap<String, egui::TextureHandle>,
}

impl ApplicationsPage {
    /// Reloads the lists from the cache, after a sync or when the page opens.
    pub fn reload(&mut self, store: Option<&Store>) {
        let Some(store) = store else { return };
        let loaded = store.read(|c| Ok((drafts::list(c)?, applications::list(c)?, applications::persons(c)?)));
        match loaded {
            Ok((drafts, applications, persons)) => {
                self.drafts = drafts;
                self.applications = applications;
                self.persons = persons;
            }
            Err(error) => warn!(%error, "cannot read the applications"),
        }
        if let Some(draft_id) = self.form.as_ref().and_then(|f| f.record.draft_id) {
            // A sync may have sent or refused the open draft, so show its current state.
            if let (Ok(Some(record)), Some(form)) = (store.read(|c| drafts::load(c, draft_id)), &mut self.form) {
                form.record.state = record.state;
                form.record.application_id = record.application_id;
            }
        }
    }

    fn open(
        &mut self,
        store: &Store,
        record: DraftRecord,
        today: NaiveDate,
        materials: &std::path::Path,
        ctx: &egui::Context,
    ) {
        for (_, info) in &record.materials {
            let image = matches!(info.format, MaterialFormat::Jpeg | MaterialFormat::Png);
            if !image || info.size > THUMBNAIL_ON_OPEN_BYTES || self.thumbnails.contains_key(&info.sha256) {
                continue;
            }
            if let Some(preview) = std::fs::read(materials.join(&info.sha256)).ok().and_then(|bytes| thumbnail(&bytes))
            {
                let texture =
                    ctx.load_texture(format!("material-{}", info.sha256), preview, egui::TextureOptions::LINEAR);
                self.thumbnails.insert(info.sha256.clone(), texture);
            }
        }
        self.shown = None;
        self.saved_at = None;
        self.material_errors.clear();
        self.form = Some(ApplicationForm::new(record));
        self.load_facts(store);
        self.recheck(today);
    }

    fn load_facts(&mut self, store: &Store) {
        let Some(id_number) = self.form.as_ref().map(|f| f.record.id_number.clone()).filter(|id| !id.is_empty()) else {
            self.facts = None;
            return;
        };
        let selection = Selection { id_number: Some(id_number.clone()), ..Selection::default() };
        self.facts = match store.read(|c| load_facts(c, &selection)) {
            Ok(mut facts) => Some(facts.pop().unwrap_or_else(|| PersonFacts { id_number, ..PersonFacts::default() })),
            Err(error) => {
                warn!(%error, "cannot read the person's records");
                None
            }
        };
    }

    fn recheck(&mut self, today: NaiveDate) {
        self.checks = match (&self.form, &self.facts) {
            (Some(form), Some(facts)) => pre_checks(&form.record.draft(), facts, today),
            (Some(form), None) => pre_checks(&form.record.draft(), &PersonFacts::default(), today)
                .into_iter()
                .filter(|c| c.rule == crate::domain::application::Rule::MissingMaterial)
                .collect(),
            _ => Vec::new(),
        };
    }

    /// Saves the open draft whole. Returns a notice when the write failed; the form keeps the
    /// edit so nothing the user typed is lost.
    fn save(&mut self, store: &mut Store) -> Option<Message> {
        let form = self.form.as_mut()?;
        if form.record.state != DraftState::Editing {
            return None;
        }
        match store.write(|t| drafts::save(t, &form.record, Utc::now())) {
            Ok(draft_id) => {
                form.record.draft_id = Some(draft_id);
                let now = Utc::now().with_timezone(&crate::domain::time::china_standard_time());
                self.saved_at = Some(now.format("%H:%M:%S").to_string());
                None
            }
            Err(error) => {
                warn!(%error, "cannot save the draft");
                self.saved_at = None;
                Some(Message::new(Key::DraftNotSaved))
            }
        }
    }

    /// Carries out one command of the page.
    pub fn apply(
        &mut self,
        command: ApplicationCommand,
        store: Option<&mut Store>,
        ctx: &egui::Context,
        today: NaiveDate,
        materials: &std::path::Path,
    ) -> Outcome {
        let Some(store) = store else { return Outcome::Notice(Message::new(Key::ErrorStore)) };
        let outcome = match command {
            ApplicationCommand::New(kind) => {
                let unit = store.read(applications::main_unit).ok().flatten().unwrap_or_default();
                let record = DraftRecord::new(kind, unit);
                self.open(store, record, today, materials, ctx);
                Outcome::Done
            }
            ApplicationCommand::OpenDraft(draft_id) => match store.read(|c| drafts::load(c, draft_id)) {
                Ok(Some(record)) => {
                    self.open(store, record, today, materials, ctx);
                    Outcome::Done
                }
                _ => Outcome::Notice(Message::new(Key::ErrorStore)),
            },
            ApplicationCommand::OpenApplication(id) => {
                self.form = None;
                self.shown = Some(id);
                Outcome::Done
            }
            ApplicationCommand::Correct(application_id) => self.correct(store, &application_id, today, materials, ctx),
            ApplicationCommand::Save => {
                let person_changed = self.facts.as_ref().map(|f| f.id_number.as_str())
                    != self.form.as_ref().map(|f| f.record.id_number.as_str());
                if person_changed {
                    self.load_facts(store);
                }
                self.recheck(today);
                self.save(store).map_or(Outcome::Done, Outcome::Notice)
            }
            ApplicationCommand::PickFile(kind) => self.pick(kind, ctx),
            ApplicationCommand::Remove(kind) => {
                if let Some(form) = &mut self.form {
                    form.record.materials.retain(|(k, _)| *k != kind);
                }
                self.material_errors.retain(|(k, _)| *k != kind);
                self.recheck(today);
                self.save(store).map_or(Outcome::Done, Outcome::Notice)
            }
            ApplicationCommand::Submit => self.submit(store, today),
            ApplicationCommand::AskDelete => {
                if let Some(form) = &mut self.form {
                    form.confirm_delete = true;
                }
                Outcome::Done
            }
            ApplicationCommand::ConfirmDelete => {
                let draft_id = self.form.as_ref().and_then(|f| f.record.draft_id);
                if let Some(Err(error)) = draft_id.map(|id| store.write(|t| drafts::delete(t, id))) {
                    warn!(%error, "cannot delete the draft");
                    return Outcome::Notice(Message::new(Key::ErrorStore));
                }
                self.form = None;
                Outcome::Notice(Message::new(Key::DraftDeleted))
            }
            ApplicationCommand::Close => {
                self.form = None;
                Outcome::Done
            }
        };
        self.reload(Some(store));
        outcome
    }

    /// Opens the draft that filed a returned application, back in the form, so the user fixes
    /// what the reviewer named and submits it again as a resubmission.
    fn correct(
        &mut self,
        store: &mut Store,
        application_id: &str,
        today: NaiveDate,
        materials: &std::path::Path,
        ctx: &egui::Context,
    ) -> Outcome {
        let existing =
            self.drafts.iter().find(|d| d.application_id.as_deref() == Some(application_id)).map(|d| d.draft_id);
        let record = if let Some(Ok(Some(mut record))) = existing.map(|id| store.read(|c| drafts::load(c, id))) {
            // Back to the form, in the cache too, so the next reload keeps it editable.
            record.state = DraftState::Editing;
            if let Err(error) = store.write(|t| drafts::save(t, &record, Utc::now())) {
                warn!(%error, "cannot reopen the draft");
                return Outcome::Notice(Message::new(Key::DraftNotSaved));
            }
            record
        } else {
            {
                let Some(application) = self.applications.iter().find(|a| a.application_id == application_id) else {
                    return Outcome::Done;
                };
                let mut record = DraftRecord::new(application.kind, application.unit_credit_code.clone());
                record.id_number.clone_from(&application.id_number);
                record.qualification = application.qualification;
                record.application_id = Some(application_id.to_owned());
                record
            }
        };
        self.open(store, record, today, materials, ctx);
        Outcome::Done
    }

    fn submit(&mut self, store: &mut Store, today: NaiveDate) -> Outcome {
        self.recheck(today);
        let Some(form) = &mut self.form else { return Outcome::Done };
        match queue_application(store, &form.record, &self.checks) {
            Ok(draft_id) => {
                form.record.draft_id = Some(draft_id);
                form.record.state = DraftState::Queued;
                Outcome::Sync
            }
            Err(reason) => Outcome::Notice(reason.message()),
        }
    }

    /// Opens the native file dialog on its own thread; the window keeps drawing meanwhile.
    fn pick(&mut self, kind: MaterialKind, ctx: &egui::Context) -> Outcome {
        let ctx = ctx.clone();
        match super::pick_file_on_thread(move || ctx.request_repaint()) {
            Ok(receiver) => {
                self.picking = Some((kind, receiver));
                Outcome::Done
            }
            Err(error) => {
                warn!(%error, "cannot start the file dialog thread");
                Outcome::Notice(Message::new(Key::ErrorWorker))
            }
        }
    }

    /// Checks a file and copies it into the materials folder on a background thread.
    pub fn attach(&mut self, kind: MaterialKind, path: PathBuf, materials: PathBuf, ctx: &egui::Context) {
        let Some(form) = &self.form else { return };
        if form.record.state != DraftState::Editing {
            return;
        }
        let attached: Vec<(String, String)> = form
            .record
            .materials
            .iter()
            .filter(|(k, _)| *k != kind)
            .map(|(_, i)| (i.sha256.clone(), i.display_name.clone()))
            .collect();
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("certdesk-attach".into()).spawn(move || {
            let result = inspect(&path, &attached).and_then(|(info, bytes)| {
                store_copy(&materials, &info, &bytes)?;
                let preview =
                    matches!(info.format, MaterialFormat::Jpeg | MaterialFormat::Png).then(|| thumbnail(&bytes));
                Ok((info, preview.flatten()))
            });
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.attaching = Some(Attaching { kind, result: receiver }),
            Err(error) => warn!(%error, "cannot start the attach thread"),
        }
    }

    /// Returns the material a dropped file goes to: the one the user marked, else the first one
    /// the reviewer asked to correct, else the first one the form still misses.
    pub fn drop_target(&self) -> Option<MaterialKind> {
        let form = self.form.as_ref().filter(|f| f.record.state == DraftState::Editing)?;
        let corrected = form.record.application_id.as_ref().and_then(|id| {
            let application = self.applications.iter().find(|a| &a.application_id == id)?;
            let code = &application.corrections.first()?.material;
            MaterialKind::from_code(code)
        });
        form.drop_target.or(corrected).or_else(|| {
            crate::domain::application::materials_of(form.record.kind)
                .iter()
                .map(|(kind, _)| *kind)
                .find(|kind| !form.record.materials.iter().any(|(k, _)| k == kind))
        })
    }

    /// Takes what the background threads sent: a chosen file starts its check; a checked file
    /// joins the draft, which is saved.
    pub fn poll(
        &mut self,
        store: Option<&mut Store>,
        materials: &std::path::Path,
        ctx: &egui::Context,
        today: NaiveDate,
    ) -> Option<Message> {
        if let Some((kind, receiver)) = &self.picking {
            match receiver.try_recv() {
                Ok(Some(path)) => {
                    let kind = *kind;
                    self.picking = None;
                    self.attach(kind, path, materials.to_path_buf(), ctx);
                }
                Ok(None) | Err(TryRecvError::Disconnected) => self.picking = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        let attaching = self.attaching.as_ref()?;
        let received = attaching.result.try_recv();
        if matches!(received, Err(TryRecvError::Empty)) {
            return None;
        }
        let kind = attaching.kind;
        self.attaching = None;
        self.material_errors.retain(|(k, _)| *k != kind);
        match received {
            Ok(Ok((info, preview))) => {
                if let Some(image) = preview {
                    let texture =
                        ctx.load_texture(format!("material-{}", info.sha256), image, egui::TextureOptions::LINEAR);
                    self.thumbnails.insert(info.sha256.clone(), texture);
                }
                if let Some(form) = &mut self.form {
                    form.record.materials.retain(|(k, _)| *k != kind);
                    form.record.materials.push((kind, info));
                    form.drop_target = None;
                }
            }
            Ok(Err(error)) => {
                self.material_errors.push((kind, error.message()));
                return None;
            }
            Err(_) => return Some(Message::new(Key::ErrorWorker)),
        }
        self.recheck(today);
        let store = store?;
        let notice = self.save(store);
        self.reload(Some(store));
        notice
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
        let specialties: Vec<String> = self
            .facts
            .as_ref()
            .map(|facts| {
                let mut names: Vec<String> = facts
                    .certificates
                    .iter()
                    .filter(|c| c.status == crate::domain::CertificateStatus::Valid)
                    .flat_map(|c| c.specialties.iter().map(|s| s.name.clone()))
                    .collect();
                names.sort();
                names.dedup();
                names
            })
            .unwrap_or_default();
        let corrects = self.form.as_ref().and_then(|f| f.record.application_id.clone());
        let corrections: Vec<(String, String)> = self
            .applications
            .iter()
            .filter(|a| Some(&a.application_id) == corrects.as_ref() && a.state == ApplicationState::Returned)
            .flat_map(|a| a.corrections.iter().map(|c| (c.material.clone(), c.reason.clone())))
            .collect();
        let view = ApplicationsView {
            lang,
            drafts: &self.drafts,
            applications: &self.applications,
            persons: &self.persons,
            specialties: &specialties,
            checks: &self.checks,
            material_errors: &self.material_errors,
            corrections: &corrections,
            shown: self.shown.as_ref().and_then(|id| self.applications.iter().find(|a| &a.application_id == id)),
            saved_at: self.saved_at.as_deref(),
            attaching: self.attaching.is_some(),
            thumbnails: &self.thumbnails,
        };
        applications_ui(ui, &view, self.form.as_mut())
    }
}
