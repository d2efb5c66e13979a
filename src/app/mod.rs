//! The desktop application: owns the cache connection, the sync worker and the demo platform,
//! carries out the commands views return, and lays out the window.

mod applications;
mod compliance;
mod exports;
mod import;
mod list_signatures;
mod platform_choice;
mod settings;
pub mod text_scale;

use std::sync::Arc;
use std::sync::mpsc::Receiver;

use chrono::{DateTime, NaiveDate, Utc};
use tracing::warn;

pub use platform_choice::{PlatformChoice, resolve_platform};

use crate::account::DataDir;
use crate::domain::record_signature::{SignatureStatus, TrustedIssuer, bundled_issuers, verify};
use crate::domain::time::{china_standard_time, today_in_china};
use crate::domain::{Certificate, CertificateSummary};
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::platform::sync::SyncProgress;
use crate::platform::wire::Role;
use crate::platform::worker::{Credentials, SyncJob, SyncWorker, WorkerEvent};
use crate::sandbox::{SandboxError, SandboxHandle, SandboxOptions};
use crate::store::{Store, certificates, sync_runs};
use crate::ui::certificate_detail::{DetailView, VersionEntry, detail_ui};
use crate::ui::certificate_list::{ListFilter, ListView, list_ui};
use crate::ui::images::ImageCache;
use crate::ui::list_query::FindingMarks;
use crate::ui::status_bar::{StatusView, status_bar_ui};
use crate::ui::{Command, Page, fonts};

/// 2 seconds: how often the list is reloaded while a sync commits pages.
const PROGRESS_RELOAD_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

/// Key of the language setting in eframe's storage.
const LANGUAGE_KEY: &str = "certdesk.language";

/// Key of the colour theme in eframe's storage.
const THEME_KEY: &str = "certdesk.theme";

/// Key of the zoom, in percent, in eframe's storage.
const ZOOM_KEY: &str = "certdesk.zoom";

/// Key of the list's filters and sort, in eframe's storage.
const LIST_QUERY_KEY: &str = "certdesk.list-query";

/// Key of the page shown last, in eframe's storage.
const PAGE_KEY: &str = "certdesk.page";

/// Key of the compliance reminder windows in eframe's storage.
const CHECK_SETTINGS_KEY: &str = "certdesk.check-settings";

/// Ctrl+R (Cmd+R on a Mac): sync now.
const SYNC_SHORTCUT: egui::KeyboardShortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::R);

/// Ctrl+F: focus the certificate list's search field.
const SEARCH_SHORTCUT: egui::KeyboardShortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);

/// The side navigation from top to bottom; `None` is the register (用证台账), a window rather
/// than a page.
const NAVIGATION: [Option<Page>; 6] = [
    Some(Page::Certificates),
    Some(Page::Compliance),
    Some(Page::Applications),
    None,
    Some(Page::Import),
    Some(Page::Settings),
];

/// Ctrl+1 to Ctrl+6 open the entries of [`NAVIGATION`], in order.
const NAVIGATION_KEYS: [egui::Key; 6] =
    [egui::Key::Num1, egui::Key::Num2, egui::Key::Num3, egui::Key::Num4, egui::Key::Num5, egui::Key::Num6];

/// Start-up options of the application.
pub struct AppOptions {
    /// The data folder.
    pub data_dir: DataDir,
    /// The platform to use.
    pub platform: PlatformChoice,
    /// Language when none was saved.
    pub lang: Lang,
    /// Fixed as-of day, for tests; `None` uses today in China.
    pub today: Option<NaiveDate>,
    /// Show the first-run screen before connecting to any platform.
    pub first_run: bool,
    /// The system's text-size factor ([`text_scale::system_text_scale`]), which multiplies the
    /// user's zoom; tests pass 1.0 so the layout does not depend on the machine.
    pub system_text_scale: f32,
}

/// The first-run screen's state: the form, a sign-in running on its thread, and its error.
#[derive(Default)]
struct Welcome {
    form: crate::ui::welcome_view::WelcomeForm,
    signing_in: Option<Receiver<Result<crate::account::login::LoginOutcome, crate::account::login::LoginError>>>,
    error: Option<Message>,
}

/// A sync that can start once its platform is known.
struct Connection {
    platform_name: String,
    /// Base URL of a configured platform; empty for the demo platform.
    platform_url: String,
    /// Whether the platform is a sandbox (shown as a badge).
    sandbox: bool,
    /// Whether it is the demo platform this app starts itself, rather than a configured one.
    demo: bool,
    role: Role,
    job: Option<SyncJob>,
}

/// The password field shown when a configured platform has no stored token.
#[derive(Default)]
struct PasswordPrompt {
    /// Whether the top bar shows the password field.
    needed: bool,
    /// The password as typed; taken and cleared when the user signs in.
    input: String,
}

/// The running application.
pub struct CertDeskApp {
    lang: Lang,
    data_dir: DataDir,
    today: Option<NaiveDate>,
    connection: Connection,
    store: Option<Store>,
    certificates: Vec<CertificateSummary>,
    filter: ListFilter,
    /// The list load for which the finding filter last ran the compliance rules.
    finding_checks_tried: Option<u64>,
    /// Asks for a frame from a background thread.
    repaint: compliance::Repaint,
    /// Incremented on every reload of the list.
    list_generation: u64,
    /// The signature check of the list's rows.
    list_signatures: list_signatures::ListSignatures,
    selected: Option<(String, u32)>,
    detail: Option<(Certificate, Vec<VersionEntry>, SignatureStatus)>,
    /// Issuer keys whose record signatures count as valid.
    trusted_issuers: Vec<TrustedIssuer>,
    show_full_id: bool,
    images: ImageCache,
    worker: SyncWorker,
    syncing: bool,
    progress: Option<SyncProgress>,
    last_sync: Option<String>,
    offline: bool,
    notice: Option<Message>,
    demo_startup: Option<Receiver<Result<SandboxHandle, SandboxError>>>,
    demo_role: Role,
    sandbox: Option<SandboxHandle>,
    last_progress_reload: Option<std::time::Instant>,
    password: PasswordPrompt,
    import: import::ImportPage,
    compliance: compliance::CompliancePage,
    page: Page,
    exports: exports::ExportDesk,
    applications: applications::ApplicationsPage,
    theme: crate::ui::settings_view::ThemeChoice,
    zoom: u16,
    /// The system's text-size factor, read at start.
    system_text_scale: f32,
    renderer: crate::account::settings::RendererChoice,
    settings_form: crate::ui::settings_view::SettingsForm,
    welcome: Option<Welcome>,
    moving: Option<settings::Moving>,
}

impl CertDeskApp {
    /// Builds the application, opens the cache and starts the first sync in the background.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        fonts::install(&cc.egui_ctx);
        let lang = cc.storage.and_then(|s| eframe::get_value(s, LANGUAGE_KEY)).unwrap_or(options.lang);
        let ctx = cc.egui_ctx.clone();
        let notify: Arc<dyn Fn() + Send + Sync> = Arc::new(move || ctx.request_repaint());
        let list_signatures = list_signatures::ListSignatures::new(Arc::clone(&notify));
        let repaint = Arc::clone(&notify);
        let (worker, notice) = match SyncWorker::start(notify) {
            Ok(worker) => (worker, None),
            Err(e) => {
                warn!(error = %e, "cannot start the sync thread");
                (SyncWorker::disabled(), Some(Message::new(Key::ErrorWorker)))
            }
        };
        let mut app = Self {
            lang,
            data_dir: options.data_dir,
            today: options.today,
            connection: Connection {
                platform_name: String::new(),
                platform_url: String::new(),
                sandbox: true,
                demo: true,
                role: Role::Holder,
                job: None,
            },
            store: None,
            certificates: Vec::new(),
            filter: ListFilter::default(),
            finding_checks_tried: None,
            repaint,
            list_generation: 0,
            list_signatures,
            selected: None,
            detail: None,
            trusted_issuers: bundled_issuers(),
            show_full_id: false,
            images: ImageCache::default(),
            worker,
            syncing: false,
            progress: None,
            last_sync: None,
            offline: false,
            notice,
            demo_startup: None,
            demo_role: Role::Holder,
            sandbox: None,
            last_progress_reload: None,
            password: PasswordPrompt::default(),
            import: import::ImportPage::default(),
            compliance: compliance::CompliancePage::default(),
            page: Page::Certificates,
            exports: exports::ExportDesk::default(),
            applications: applications::ApplicationsPage::default(),
            theme: crate::ui::settings_view::ThemeChoice::default(),
            zoom: 100,
            system_text_scale: options.system_text_scale,
            renderer: crate::account::settings::RendererChoice::default(),
            settings_form: crate::ui::settings_view::SettingsForm::default(),
            welcome: None,
            moving: None,
        };
        app.renderer = crate::account::settings::Settings::load(&app.data_dir.settings_path()).renderer;
        if let Some(storage) = cc.storage {
            app.theme = eframe::get_value(storage, THEME_KEY).unwrap_or_default();
            app.zoom = eframe::get_value(storage, ZOOM_KEY).unwrap_or(100).clamp(80, 200);
            app.page = eframe::get_value(storage, PAGE_KEY).unwrap_or_default();
            if let Some(saved) = eframe::get_value(storage, LIST_QUERY_KEY) {
                app.filter.restore(saved);
            }
        }
        cc.egui_ctx.set_theme(app.theme.preference());
        cc.egui_ctx.set_zoom_factor(text_scale::effective_zoom(app.zoom, app.system_text_scale));
        if let Some(settings) = cc.storage.and_then(|s| eframe::get_value(s, CHECK_SETTINGS_KEY)) {
            app.compliance.settings = settings;
        }
        app.sync_reminder_form();
        if options.first_run {
            app.welcome = Some(Welcome::default());
        } else {
            app.connect(options.platform, &cc.egui_ctx);
        }
        app
    }

    fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(today_in_china)
    }

    /// Opens the cache of the chosen account and starts syncing it.
    fn connect(&mut self, choice: PlatformChoice, ctx: &egui::Context) {
        match choice {
            PlatformChoice::Demo { role } => {
                self.demo_role = role;
                self.remember_demo_role(role);
                self.connection = Connection {
                    platform_name: tr(self.lang, Key::DemoPlatform).to_owned(),
                    platform_url: String::new(),
                    sandbox: true,
                    demo: true,
                    role,
                    job: None,
                };
                let account = platform_choice::demo_account_name(role);
                self.open_cache(&self.data_dir.cache_path("sandbox", account));
                self.start_demo_platform(ctx);
            }
            PlatformChoice::Configured { profile, job, problem } => {
                self.connection = Connection {
                    platform_name: profile.platform_name.clone(),
                    platform_url: profile.platform_url.clone(),
                    sandbox: profile.sandbox,
                    demo: false,
                    role: profile.role,
                    job: job.as_deref().cloned(),
                };
                self.open_cache(&self.data_dir.cache_path(&profile.platform_id, &profile.account));
                self.notice = problem;
                self.password.needed = job.as_ref().is_some_and(
                    |job| matches!(&job.credentials, Credentials::Password { password, .. } if password.is_empty()),
                );
                if job.is_some() && !self.password.needed {
                    self.start_sync();
                }
            }
        }
    }

    fn open_cache(&mut self, path: &std::path::Path) {
        self.selected = None;
        self.detail = None;
        // Everything a page keeps belongs to the account whose cache was open: findings, a
        // roster previewed for import, an application being filled in. None of it may show
        // in, or be written into, another account's cache.
        self.compliance.forget_account();
        self.import = import::ImportPage::default();
        self.applications = applications::ApplicationsPage::default();
        self.filter.clear_findings();
        self.finding_checks_tried = None;
        match Store::open(path) {
            Ok(store) => self.store = Some(store),
            Err(e) => {
                warn!(error = %e, "cannot open the cache");
                self.store = None;
                self.notice = Some(Message::new(Key::ErrorStore));
            }
        }
        self.reload();
    }

    fn start_demo_platform(&mut self, ctx: &egui::Context) {
        if let Some(sandbox) = &self.sandbox {
            self.connection.job = platform_choice::demo_job(sandbox, self.demo_role, &self.data_dir);
            self.start_sync();
            return;
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("certdesk-demo-start".into()).spawn(move || {
            let _ = sender.send(SandboxHandle::start(&SandboxOptions::default()));
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => {
                self.demo_startup = Some(receiver);
                self.syncing = true;
            }
            Err(e) => {
                warn!(error = %e, "cannot start the demo platform thread");
                self.notice = Some(Message::new(Key::ErrorDemoStart));
            }
        }
    }

    fn start_sync(&mut self) {
        if self.moving.is_some() {
            self.notice = Some(Message::new(Key::MoveWhileSyncing));
            return;
        }
        if let Some(job) = &self.connection.job {
            self.worker.submit(job.clone());
            self.syncing = true;
            self.progress = None;
        } else if !self.connection.demo {
            self.notice = Some(Message::new(Key::ErrorSignInAgain));
        }
    }

    /// Reloads the list, the open certificate and the last sync time from the cache.
    fn reload(&mut self) {
        let Some(store) = &self.store else {
            self.certificates.clear();
            self.list_generation += 1;
            self.list_signatures.restart(&[], None, &self.trusted_issuers);
            return;
        };
        match store.read(certificates::list_summaries) {
            Ok(list) => {
                self.certificates = list;
                self.list_generation += 1;
                self.list_signatures.restart(&self.certificates, store.path(), &self.trusted_issuers);
            }
            Err(e) => {
                warn!(error = %e, "cannot read the certificate list");
                self.notice = Some(Message::new(Key::ErrorStore));
            }
        }
        self.last_sync = store
            .read(sync_runs::last_success)
            .ok()
            .flatten()
            .and_then(|run| run.finished_at)
            .and_then(|at| format_instant(self.lang, &at));
        if let Some((id, version)) = self.selected.clone() {
            self.load_detail(&id, version);
        }
        self.exports.reload(self.store.as_ref());
        self.applications.reload(self.store.as_ref());
    }

    fn load_detail(&mut self, certificate_id: &str, version: u32) {
        let Some(store) = &self.store else { return };
        let loaded = store.read(|connection| {
            let certificate = certificates::load(connection, certificate_id, version)?;
            let signature = certificates::load_signature(connection, certificate_id, version)?;
            let versions = match &certificate {
                Some(c) => certificates::find_by_registration_number(connection, &c.registration_number)?
                    .into_iter()
                    .filter(|v| v.certificate_id == certificate_id)
                    .map(|v| VersionEntry { version: v.version, status: v.status, issued_on: v.issued_on })
                    .collect(),
                None => Vec::new(),
            };
            Ok(certificate.map(|c| {
                let status = verify(&c, signature.as_ref(), &self.trusted_issuers);
                (c, versions, status)
            }))
        });
        match loaded {
            Ok(detail) => self.detail = detail,
            Err(e) => {
                warn!(error = %e, "cannot read a certificate");
                self.notice = Some(Message::new(Key::ErrorStore));
            }
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Sync => {
                if self.connection.demo && self.sandbox.is_none() && self.demo_startup.is_none() {
                    self.start_demo_platform(ctx);
                } else {
                    self.start_sync();
                }
            }
            Command::CancelSync => self.worker.cancel(),
            Command::Select { certificate_id, version } => {
                self.show_full_id = false;
                self.load_detail(&certificate_id, version);
                self.selected = Some((certificate_id, version));
            }
            Command::SignIn => {
                let password = std::mem::take(&mut self.password.input);
                if let Some(Credentials::Password { password: slot, .. }) =
                    self.connection.job.as_mut().map(|job| &mut job.credentials)
                {
                    *slot = password;
                }
                self.password.needed = false;
                self.notice = None;
                self.start_sync();
            }
            Command::ToggleFullId => self.show_full_id = !self.show_full_id,
            Command::SetLanguage(lang) => {
                self.lang = lang;
                if self.connection.demo {
                    tr(lang, Key::DemoPlatform).clone_into(&mut self.connection.platform_name);
                }
                self.reload();
            }
            Command::SwitchDemoRole(role) => {
                if role != self.demo_role {
                    self.connect(PlatformChoice::Demo { role }, ctx);
                }
            }
            Command::DismissNotice => self.notice = None,
            Command::OpenImport => self.page = Page::Import,
            Command::CloseImport => self.page = Page::Certificates,
            Command::Navigate(page) => {
                self.page = page;
                if page == Page::Settings {
                    self.sync_reminder_form();
                }
                if page == Page::Compliance && !self.compliance.has_run() && !self.compliance.is_checking() {
                    self.run_checks();
                }
            }
            command @ (Command::RunChecks
            | Command::SelectFinding(_)
            | Command::ExportFindings { .. }
            | Command::DeclareEmployer(_)
            | Command::ToggleReportId
            | Command::SetReminderWindows { .. }
            | Command::SaveReport
            | Command::PickExemptionEvidence
            | Command::RecordExemption { .. }) => self.apply_compliance(command, ctx),
            Command::PreviewImport { kind, path } => self.import.start_preview(kind, path, ctx),
            Command::ConfirmImport => {
                let cache = self.store.as_ref().and_then(Store::path);
                self.notice = self.import.confirm(cache, ctx).or(self.notice.take());
            }
            Command::CancelImport => self.notice = self.import.cancel().or(self.notice.take()),
            Command::Export(command) => self.apply_export(command, ctx),
            Command::Application(command) => self.apply_application(command, ctx),
            Command::Settings(command) => self.apply_settings(command, ctx),
            Command::Start => self.start_from_welcome(ctx),
        }
    }

    /// Carries out a command of the compliance page.
    fn apply_compliance(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::RunChecks => self.run_checks(),
            Command::SelectFinding(index) => self.compliance.select(index, self.store.as_ref()),
            Command::ExportFindings { path } => {
                let path = if path.trim().is_empty() {
                    self.default_export_path()
                } else {
                    std::path::PathBuf::from(path.trim())
                };
                self.notice = Some(match self.compliance.export(&path, self.lang) {
                    Ok(written) => Message::new(Key::ExportedTo).arg("path", written.display()),
                    Err(message) => message,
                });
            }
            Command::DeclareEmployer(credit_code) => {
                let today = self.today();
                let saved = self.store.as_mut().map(|store| self.compliance.declare(store, &credit_code, today));
                if let Some(Err(e)) = saved {
                    warn!(error = %e, "cannot save the declaration");
                    self.notice = Some(Message::new(Key::ErrorStore));
                }
                self.run_checks();
            }
            Command::ToggleReportId => self.compliance.toggle_report_id(),
            Command::SetReminderWindows { expiry_days, copy_days } => {
                self.compliance.settings.expiry_warning_days = expiry_days;
                self.compliance.settings.copy_warning_days = copy_days;
                self.run_checks();
            }
            Command::SaveReport => {
                let folder = self.data_dir.root().join("reports");
                self.notice = Some(match self.compliance.save_report(&folder) {
                    Ok(path) => Message::new(Key::ReportSaved).arg("path", path.display()),
                    Err(message) => message,
                });
            }
            Command::PickExemptionEvidence => {
                if let Err(error) = self.compliance.pick_evidence(&self.repaint) {
                    warn!(%error, "cannot start the file dialog thread");
                    self.notice = Some(Message::new(Key::ErrorWorker));
                }
            }
            Command::RecordExemption { id_number, kind, evidence, note } => {
                self.record_exemption(&id_number, kind, &evidence, &note, ctx);
            }
            // `apply` routes only the commands above here.
            _ => {}
        }
    }

    /// Starts with the role and platform chosen on the first-run screen: the demo platform at
    /// once, a configured one after signing in on a background thread.
    fn start_from_welcome(&mut self, ctx: &egui::Context) {
        let Some(welcome) = self.welcome.as_mut() else { return };
        let form = welcome.form.clone();
        welcome.form.password.clear();
        if form.demo {
            self.finish_welcome();
            self.connect(PlatformChoice::Demo { role: form.role }, ctx);
            return;
        }
        let ca_path = std::path::PathBuf::from(form.ca_path.trim());
        let platform_ca = match std::fs::read(&ca_path) {
            Ok(pem) => pem,
            Err(e) => {
                welcome.error =
                    Some(Message::new(Key::CliReadFile).arg("path", ca_path.display()).io_arg("detail", &e));
                return;
            }
        };
        let request = crate::account::login::LoginRequest {
            url: form.url.trim().to_owned(),
            platform_ca,
            extra_ca: None,
            proxy: Some(form.proxy.trim().to_owned()).filter(|p| !p.is_empty()),
            role: form.role,
            account: form.account.trim().to_owned(),
            password: form.password,
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        let (data_dir, repaint) = (self.data_dir.clone(), ctx.clone());
        let spawned = std::thread::Builder::new().name("certdesk-sign-in".into()).spawn(move || {
            let _ = sender.send(crate::account::login::sign_in(&data_dir, &request));
            repaint.request_repaint();
        });
        match spawned {
            Ok(_) => {
                welcome.error = None;
                welcome.signing_in = Some(receiver);
            }
            Err(_) => welcome.error = Some(Message::new(Key::ErrorWorker)),
        }
    }

    /// Takes the result of a first-run sign-in: on success the window connects to the platform.
    fn poll_welcome(&mut self, ctx: &egui::Context) {
        let Some(welcome) = self.welcome.as_mut() else { return };
        let Some(result) = welcome.signing_in.as_ref().and_then(|r| r.try_recv().ok()) else { return };
        welcome.signing_in = None;
        match result {
            Ok(outcome) => {
                let profile = outcome.profile;
                let job = profile.endpoint(&self.data_dir).ok().map(|endpoint| SyncJob {
                    endpoint,
                    credentials: Credentials::Token(outcome.token),
                    cache_path: self.data_dir.cache_path(&profile.platform_id, &profile.account),
                    options: crate::platform::ClientOptions::default(),
                    materials_dir: Some(self.data_dir.materials_path()),
                });
                let problem = (!outcome.token_stored).then(|| Message::new(Key::TokenNotStoredNotice));
                self.finish_welcome();
                self.connect(
                    PlatformChoice::Configured { profile: Box::new(profile), job: job.map(Box::new), problem },
                    ctx,
                );
            }
            Err(error) => welcome.error = Some(error.message()),
        }
    }

    /// Leaves the first-run screen for good.
    fn finish_welcome(&mut self) {
        self.welcome = None;
        self.update_settings(|settings| settings.welcomed = true);
    }

    /// Keeps the demo account in use for the next start, when it changed.
    fn remember_demo_role(&self, role: Role) {
        let path = self.data_dir.settings_path();
        if crate::account::settings::Settings::load(&path).demo_role != Some(role) {
            self.update_settings(|settings| settings.demo_role = Some(role));
        }
    }

    /// Changes `DATA/settings.json` with `change`; a failure is logged, because the window
    /// works on with the setting in memory.
    fn update_settings(&self, change: impl FnOnce(&mut crate::account::settings::Settings)) {
        let mut settings = crate::account::settings::Settings::load(&self.data_dir.settings_path());
        change(&mut settings);
        let saved = self
            .data_dir
            .ensure()
            .map_err(|_| std::io::Error::other("data folder"))
            .and_then(|()| settings.save(&self.data_dir.settings_path()));
        if let Err(error) = saved {
            warn!(%error, "cannot save the settings");
        }
    }

    fn start_move(&mut self, ctx: &egui::Context) {
        if self.syncing {
            self.notice = Some(Message::new(Key::MoveWhileSyncing));
            return;
        }
        let target = std::path::PathBuf::from(self.settings_form.move_target.trim());
        let Some(store) = self.store.as_ref() else { return };
        match settings::start_move(store, &self.data_dir, &target, ctx) {
            Ok(moving) => self.moving = Some(moving),
            Err(message) => self.notice = Some(message),
        }
    }

    /// Takes the reports of a data-folder move. Once every copy is verified, the window
    /// switches to the new folder and the old files are deleted.
    fn poll_move(&mut self) {
        let Some(moving) = self.moving.as_mut() else { return };
        let mut finished = None;
        for event in moving.events.try_iter() {
            match event {
                settings::MoveEvent::Progress(done) => moving.done = done,
                settings::MoveEvent::Done(result) => finished = Some(result),
            }
        }
        let Some(result) = finished else { return };
        let Some(moving) = self.moving.take() else { return };
        let verified = match (&result, self.store.as_ref()) {
            (Ok(()), Some(store)) => settings::snapshot_matches(store, &moving.new_cache),
            _ => false,
        };
        if !verified {
            let _ = std::fs::remove_file(&moving.new_cache);
            if result.is_ok() {
                let _ = std::fs::remove_dir_all(&moving.target);
            }
            self.notice = Some(match result {
                Err(error) => error.message(),
                Ok(()) => Message::new(Key::MoveMismatch).arg("path", moving.old_cache.display()),
            });
            return;
        }
        let old_root = self.data_dir.root().to_path_buf();
        let left = crate::account::relocate::finish(&old_root, &moving.target, &moving.files);
        self.store = None;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = moving.old_cache.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(std::path::PathBuf::from(name));
        }
        self.data_dir = DataDir::at(&moving.target);
        if let Some(job) = self.connection.job.as_mut() {
            job.cache_path.clone_from(&moving.new_cache);
            job.materials_dir = Some(self.data_dir.materials_path());
        }
        self.open_cache(&moving.new_cache);
        self.notice = Some(match left {
            Ok(left) if left.is_empty() => Message::new(Key::MoveDone).arg("path", moving.target.display()),
            Ok(left) => {
                Message::new(Key::MoveDoneLeftovers).arg("path", moving.target.display()).arg("count", left.len())
            }
            Err(error) => error.message(),
        });
    }

    /// Shows the reminder windows the checks use in the settings form, which the compliance
    /// page may have changed since.
    fn sync_reminder_form(&mut self) {
        self.settings_form.expiry_days = self.compliance.settings.expiry_warning_days;
        self.settings_form.copy_days = self.compliance.settings.copy_warning_days;
    }

    fn settings_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        let connection = &self.connection;
        let platform =
            (!connection.demo).then_some((connection.platform_name.as_str(), connection.platform_url.as_str()));
        let (data_folder, log_folder) =
            (self.data_dir.root().display().to_string(), self.data_dir.logs_path().display().to_string());
        let cache_file = self.store.as_ref().and_then(Store::path).map(|p| p.display().to_string()).unwrap_or_default();
        let view = crate::ui::settings_view::SettingsView {
            lang: self.lang,
            theme: self.theme,
            zoom: self.zoom,
            system_text_scale: self.system_text_scale,
            renderer: self.renderer,
            platform,
            data_folder: &data_folder,
            log_folder: &log_folder,
            cache_file: &cache_file,
            moving: self.moving.as_ref().map(|m| (m.done, m.files.len())),
        };
        crate::ui::settings_view::settings_ui(ui, &view, &mut self.settings_form)
    }

    fn apply_settings(&mut self, command: crate::ui::settings_view::SettingsCommand, ctx: &egui::Context) {
        use crate::ui::settings_view::SettingsCommand as S;
        match command {
            S::Theme(theme) => {
                self.theme = theme;
                ctx.set_theme(theme.preference());
            }
            S::Zoom(percent) => {
                self.zoom = percent.clamp(80, 200);
                ctx.set_zoom_factor(text_scale::effective_zoom(self.zoom, self.system_text_scale));
            }
            S::Renderer(renderer) => {
                let mut saved_settings = crate::account::settings::Settings::load(&self.data_dir.settings_path());
                saved_settings.renderer = renderer;
                let saved = settings::save_renderer(&self.data_dir, saved_settings);
                self.notice = Some(match saved {
                    Ok(()) => {
                        self.renderer = renderer;
                        Message::new(Key::SettingsRendererSaved)
                    }
                    Err(message) => message,
                });
            }
            S::SaveNetwork => {
                let (proxy, extra_ca) = (self.settings_form.proxy.clone(), self.settings_form.extra_ca.clone());
                self.notice = Some(match settings::save_network(&self.data_dir, &proxy, &extra_ca) {
                    Ok(profile) => {
                        if let (Ok(endpoint), Some(job)) =
                            (profile.endpoint(&self.data_dir), self.connection.job.as_mut())
                        {
                            job.endpoint = endpoint;
                        }
                        Message::new(Key::SettingsNetworkSaved)
                    }
                    Err(message) => message,
                });
            }
            S::ExportData => {
                let target = std::path::PathBuf::from(self.settings_form.export_folder.trim());
                self.notice = Some(match self.store.as_ref() {
                    Some(store) => match settings::export_data(store, &self.data_dir, &target) {
                        Ok(folder) => Message::new(Key::DataExported).arg("path", folder.display()),
                        Err(message) => message,
                    },
                    None => Message::new(Key::ErrorStore),
                });
            }
            S::MoveData => self.start_move(ctx),
            S::SignOut => {
                if self.syncing {
                    self.worker.cancel();
                }
                self.store = None;
                self.certificates.clear();
                self.list_generation += 1;
                self.detail = None;
                self.selected = None;
                match crate::account::login::sign_out(&self.data_dir, self.settings_form.sign_out_deletes_cache) {
                    Ok(_) => {
                        self.connection.job = None;
                        self.compliance.reset();
                        self.page = Page::Certificates;
                        self.notice = Some(Message::new(Key::SignedOutNotice));
                        self.welcome = Some(Welcome::default());
                    }
                    Err(error) => self.notice = Some(error.message()),
                }
            }
            S::CancelMove => {
                if let Some(moving) = &self.moving {
                    moving.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            S::AskDelete => self.settings_form.confirm_delete = true,
            S::CancelDelete => self.settings_form.confirm_delete = false,
            S::ConfirmDelete => {
                self.settings_form.confirm_delete = false;
                let Some(cache) = self.store.as_ref().and_then(Store::path) else { return };
                self.store = None;
                self.notice = Some(match settings::delete_data(&cache, &self.data_dir) {
                    Ok(()) => Message::new(Key::DataDeleted),
                    Err(message) => message,
                });
                self.compliance.reset();
                self.open_cache(&cache);
            }
        }
    }

    fn record_exemption(
        &mut self,
        id_number: &str,
        kind: crate::domain::records::ExemptionKind,
        evidence: &str,
        note: &str,
        ctx: &egui::Context,
    ) {
        let materials = self.data_dir.materials_path();
        let path = std::path::PathBuf::from(evidence);
        let recorded = self
            .store
            .as_mut()
            .map(|store| crate::platform::outbox::record_exemption(store, &materials, id_number, kind, &path, note));
        match recorded {
            Some(Ok(_)) => {
                self.compliance.clear_exemption_form();
                self.notice = Some(Message::new(Key::ExemptionQueuedNotice));
                self.apply(Command::Sync, ctx);
            }
            Some(Err(error)) => self.notice = Some(error.message()),
            None => self.notice = Some(Message::new(Key::ErrorStore)),
        }
    }

    fn apply_application(&mut self, command: crate::ui::applications_view::ApplicationCommand, ctx: &egui::Context) {
        let today = self.today();
        match self.applications.apply(command, self.store.as_mut(), ctx, today, &self.data_dir.materials_path()) {
            applications::Outcome::Done => {}
            applications::Outcome::Notice(message) => self.notice = Some(message),
            applications::Outcome::Sync => {
                self.notice = Some(Message::new(Key::ApplicationQueuedNotice));
                self.apply(Command::Sync, ctx);
            }
        }
    }

    fn apply_export(&mut self, command: crate::ui::exports::ExportCommand, ctx: &egui::Context) {
        let context = exports::DeskContext {
            lang: self.lang,
            data_dir: &self.data_dir,
            store: self.store.as_ref(),
            certificate: self.detail.as_ref().map(|(certificate, _, _)| certificate),
            today: self.today.unwrap_or_else(today_in_china),
            ctx,
        };
        if let Some(notice) = self.exports.apply(command, &context) {
            self.notice = Some(notice);
        }
    }

    fn handle_background_events(&mut self) {
        if let Some(notice) = self.exports.poll(self.store.as_mut(), self.lang) {
            self.notice = Some(notice);
        }
        if let Some(result) = self.demo_startup.as_ref().and_then(|receiver| receiver.try_recv().ok()) {
            self.demo_startup = None;
            match result {
                Ok(sandbox) => {
                    self.connection.job = platform_choice::demo_job(&sandbox, self.demo_role, &self.data_dir);
                    self.sandbox = Some(sandbox);
                    self.start_sync();
                }
                Err(e) => {
                    warn!(error = %e, "demo platform failed to start");
                    self.syncing = false;
                    self.notice = Some(Message::new(Key::ErrorDemoStart));
                }
            }
        }
        for event in self.worker.drain_events() {
            match event {
                WorkerEvent::Started => self.syncing = true,
                WorkerEvent::Progress(progress) => {
                    self.progress = Some(progress);
                    // Reloading reads the whole list, so during a long sync it happens at most
                    // once per interval rather than after every page.
                    let due = self.last_progress_reload.is_none_or(|at| at.elapsed() >= PROGRESS_RELOAD_INTERVAL);
                    if due {
                        self.last_progress_reload = Some(std::time::Instant::now());
                        self.reload();
                    }
                }
                WorkerEvent::Finished(summary) => {
                    self.syncing = false;
                    self.offline = false;
                    self.notice = Some(match summary.clock_skew_minutes() {
                        Some(minutes) => Message::new(Key::SyncClockSkew).arg("minutes", minutes),
                        None if summary.sent > 0 || summary.refused > 0 => Message::new(Key::SyncDoneWithOutbox)
                            .arg("records", summary.written)
                            .arg("sent", summary.sent)
                            .arg("refused", summary.refused),
                        None => Message::new(Key::SyncDone).arg("records", summary.written),
                    });
                    self.reload();
                    self.refresh_checks();
                }
                WorkerEvent::Failed(error) => {
                    if matches!(error, crate::platform::PlatformError::WrongCredentials) {
                        self.password.needed = self
                            .connection
                            .job
                            .as_ref()
                            .is_some_and(|job| matches!(job.credentials, Credentials::Password { .. }));
                    }
                    self.syncing = false;
                    self.offline = error.is_offline();
                    self.notice = Some(error.message());
                    self.reload();
                }
            }
        }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        let lang = self.lang;
        let mut command = None;
        ui.horizontal(|ui| {
            ui.heading(tr(lang, Key::AppTitle));
            ui.separator();
            let sync = ui.add_enabled(!self.syncing && !self.password.needed, egui::Button::new(tr(lang, Key::Sync)));
            if sync.clicked() {
                command = Some(Command::Sync);
            }
            if self.password.needed {
                command = self.password_ui(ui).or(command.take());
            }
            if self.connection.demo {
                ui.separator();
                for (role, key) in [(Role::Holder, Key::RoleHolder), (Role::Unit, Key::RoleUnit)] {
                    if ui.selectable_label(self.demo_role == role, tr(lang, key)).clicked() {
                        command = Some(Command::SwitchDemoRole(role));
                    }
                }
            }
            ui.separator();
            command = self.exports.top_bar_ui(ui, lang).or(command.take());
            command = crate::ui::language_switch(ui, lang).or(command.take());
        });
        command
    }

    /// Reads the keyboard shortcuts: Ctrl+R syncs, Ctrl+F searches the list, Esc closes windows.
    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let (sync, search) =
            ctx.input_mut(|input| (input.consume_shortcut(&SYNC_SHORTCUT), input.consume_shortcut(&SEARCH_SHORTCUT)));
        if sync && !self.syncing && !self.password.needed {
            commands.push(Command::Sync);
        }
        if search {
            commands.push(Command::Navigate(Page::Certificates));
            ctx.memory_mut(|memory| memory.request_focus(crate::ui::certificate_list::search_field_id()));
        }
        let page = ctx.input_mut(|input| {
            NAVIGATION_KEYS.iter().position(|&key| input.consume_key(egui::Modifiers::COMMAND, key))
        });
        match page.and_then(|position| NAVIGATION.get(position)) {
            Some(Some(page)) if self.role_has_page(*page) => commands.push(Command::Navigate(*page)),
            Some(None) => commands.push(crate::ui::exports::ExportCommand::ToggleRegister.into()),
            // No key, or a page the role does not use.
            Some(Some(_)) | None => {}
        }
        // Escape is read, not consumed: an open drop-down and a focused text field handle it too.
        if ctx.input(|input| input.key_pressed(egui::Key::Escape)) {
            self.exports.close_windows();
            self.compliance.clear_exemption_form();
            self.settings_form.confirm_delete = false;
        }
        commands
    }

    /// Draws the password field for a platform whose token is not stored.
    fn password_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        let lang = self.lang;
        let label = ui.label(tr(lang, Key::PasswordLabel));
        let field = egui::TextEdit::singleline(&mut self.password.input).password(true).desired_width(140.0);
        let response = ui.add(field).labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let clicked = ui.button(tr(lang, Key::SignInAndSync)).clicked();
        ((entered || clicked) && !self.password.input.is_empty()).then_some(Command::SignIn)
    }

    fn navigation_ui(&self, ui: &mut egui::Ui) -> Option<Command> {
        let lang = self.lang;
        let first = match self.connection.role {
            Role::Holder => Key::NavMyCertificates,
            Role::Unit => Key::NavRoster,
        };
        let mut command = None;
        ui.add_space(6.0);
        let shortcut = |key| ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key));
        let hints: Vec<String> = NAVIGATION_KEYS.iter().map(|&key| shortcut(key)).collect();
        for (position, entry) in NAVIGATION.iter().enumerate() {
            let hint = hints.get(position).map_or("", String::as_str);
            let Some(page) = *entry else {
                command = self.exports.navigation_ui(ui, lang, self.today(), hint).or(command);
                continue;
            };
            if !self.role_has_page(page) {
                continue;
            }
            let key = match page {
                Page::Certificates => first,
                Page::Compliance => Key::NavCompliance,
                Page::Applications => Key::NavApplications,
                Page::Import => Key::NavImport,
                Page::Settings => Key::NavSettings,
            };
            let button = egui::Button::selectable(self.page == page, tr(lang, key)).min_size(egui::vec2(110.0, 28.0));
            if ui.add(button).on_hover_text(hint).clicked() {
                command = Some(Command::Navigate(page));
            }
        }
        command
    }

    /// Tells whether the account's role uses a page: a holder imports no payment rosters, which
    /// units' HR staff keep.
    fn role_has_page(&self, page: Page) -> bool {
        !(page == Page::Import && self.connection.role == Role::Holder)
    }

    /// Runs the compliance rules over the cache for today (or the fixed test day).
    fn run_checks(&mut self) {
        let today = self.today();
        let Some(store) = &mut self.store else { return };
        if let Err(e) = self.compliance.run(store, self.connection.role, today, &self.repaint) {
            warn!(error = %e, "cannot run the compliance checks");
            self.notice = Some(Message::new(Key::ErrorStore));
        }
    }

    /// Takes in the result of a compliance run that finished on its thread.
    fn poll_checks(&mut self) {
        let Some(store) = &mut self.store else { return };
        let progress = self.compliance.poll(store, &self.repaint);
        self.after_check_progress(progress);
    }

    /// Runs every rule again when the findings cannot be brought up to date person by person
    /// and the compliance page or the roster's finding filter shows them. Reports a cache error.
    fn after_check_progress(&mut self, progress: Result<compliance::CheckProgress, crate::store::StoreError>) {
        match progress {
            Ok(compliance::CheckProgress::Idle | compliance::CheckProgress::Working) => {}
            Ok(compliance::CheckProgress::NeedsFullRun) => {
                self.compliance.reset();
                if self.page == Page::Compliance || self.filter.finding.is_some() {
                    self.run_checks();
                }
            }
            Err(e) => {
                warn!(error = %e, "cannot check the changed people again");
                self.notice = Some(Message::new(Key::ErrorStore));
            }
        }
    }

    /// Gives the roster's finding filter the findings of the latest compliance run, running the
    /// rules first when the filter is set and they have not run for this list yet.
    fn refresh_finding_marks(&mut self) {
        if self.filter.finding.is_some()
            && !self.compliance.has_run()
            && !self.compliance.is_checking()
            && self.finding_checks_tried != Some(self.list_generation)
        {
            // Once per list load: a cache that cannot be read would otherwise be retried every
            // frame.
            self.finding_checks_tried = Some(self.list_generation);
            self.run_checks();
        }
        match self.compliance.findings() {
            Some((generation, findings)) => {
                if self.filter.findings().is_none_or(|marks| marks.generation != generation) {
                    self.filter.set_findings(Arc::new(FindingMarks::new(generation, findings)));
                }
            }
            None => self.filter.clear_findings(),
        }
    }

    /// Marks the findings stale after the cache changed, and runs the rules again if the
    /// compliance page is showing.
    fn refresh_checks(&mut self) {
        let Some(store) = &mut self.store else { return };
        let progress = self.compliance.recheck_changed(store, &self.repaint);
        self.after_check_progress(progress);
    }

    /// Returns where the findings workbook goes when the user gives no path.
    fn default_export_path(&self) -> std::path::PathBuf {
        let date = self.today().format("%Y%m%d");
        let role = match self.connection.role {
            Role::Holder => "持证人",
            Role::Unit => "企业",
        };
        let folder = self.data_dir.root().join("exports");
        let first = folder.join(format!("合规检查-{role}-{date}.xlsx"));
        // A second export on the same day gets a numbered name instead of replacing the first.
        std::iter::once(first.clone())
            .chain((2..1000).map(|n| folder.join(format!("合规检查-{role}-{date}-{n}.xlsx"))))
            .find(|path| !path.exists())
            .unwrap_or(first)
    }

    /// Attaches a file dropped on the window to the open application form, instead of
    /// verifying it as an exported copy.
    fn take_dropped_material(&mut self, ctx: &egui::Context) {
        let Some(kind) = self.applications.drop_target() else { return };
        if let Some(path) = take_dropped_file(ctx) {
            self.applications.attach(kind, path, self.data_dir.materials_path(), ctx);
        }
    }

    fn notice_ui(&self, ui: &mut egui::Ui) -> Option<Command> {
        let notice = self.notice.as_ref()?;
        let mut command = None;
        ui.horizontal(|ui| {
            ui.label(notice.render(self.lang));
            if ui.small_button(tr(self.lang, Key::Dismiss)).clicked() {
                command = Some(Command::DismissNotice);
            }
        });
        command
    }
}

impl eframe::App for CertDeskApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_welcome(ctx);
        self.poll_move();
        self.handle_background_events();
        self.list_signatures.drain_into(&mut self.certificates);
        self.poll_checks();
        self.compliance.poll_evidence_pick();
        let (today, materials) = (self.today(), self.data_dir.materials_path());
        if let Some(notice) = self.applications.poll(self.store.as_mut(), &materials, ctx, today) {
            self.notice = Some(notice);
        }
        if let Some(notice) = self.import.poll() {
            self.notice = Some(notice);
            self.reload();
            self.refresh_checks();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let lang = self.lang;
        let today = self.today();
        if let Some(welcome) = self.welcome.as_mut() {
            let (busy, error) = (welcome.signing_in.is_some(), welcome.error.clone());
            let mut command = None;
            egui::CentralPanel::default_margins().show(ui, |ui| {
                command = crate::ui::welcome_view::welcome_ui(ui, lang, &mut welcome.form, busy, error.as_ref());
            });
            if let Some(command) = command {
                let ctx = ui.ctx().clone();
                self.apply(command, &ctx);
            }
            return;
        }
        // A page kept from the other role's account, such as 导入 after switching to the holder.
        if !self.role_has_page(self.page) {
            self.page = Page::Certificates;
        }
        let mut commands = self.shortcuts(ui.ctx());

        egui::Panel::top("top-bar").show(ui, |ui| {
            commands.extend(self.top_bar_ui(ui));
            commands.extend(self.notice_ui(ui));
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            let view = StatusView {
                lang,
                platform_name: &self.connection.platform_name,
                sandbox: self.connection.sandbox,
                last_sync: self.last_sync.as_deref(),
                progress: self.progress,
                syncing: self.syncing,
                offline: self.offline,
            };
            commands.extend(status_bar_ui(ui, &view));
        });
        egui::Panel::left("navigation").resizable(false).exact_size(120.0).show(ui, |ui| {
            commands.extend(self.navigation_ui(ui));
        });
        if self.page == Page::Applications {
            self.take_dropped_material(ui.ctx());
        }
        if self.page == Page::Compliance {
            self.compliance.take_dropped_evidence(ui.ctx());
        }
        if self.page == Page::Import {
            self.import.take_dropped_roster(ui.ctx());
        }
        commands.extend(self.exports.windows_ui(ui.ctx(), lang, today));
        if self.page != Page::Certificates {
            egui::CentralPanel::default_margins().show(ui, |ui| match self.page {
                Page::Import => commands.extend(self.import.ui(ui, lang)),
                Page::Applications => commands.extend(self.applications.ui(ui, lang)),
                Page::Settings => commands.extend(self.settings_ui(ui)),
                Page::Compliance => commands.extend(self.compliance.ui(ui, lang, self.connection.role)),
                Page::Certificates => {}
            });
            let ctx = ui.ctx().clone();
            for command in commands {
                self.apply(command, &ctx);
            }
            return;
        }
        egui::Panel::right("detail").resizable(true).default_size(430.0).min_size(360.0).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match &self.detail {
                Some((certificate, versions, signature)) => {
                    let view = DetailView {
                        lang,
                        certificate,
                        versions,
                        signature: *signature,
                        show_full_id: self.show_full_id,
                        today,
                    };
                    // The export form goes first so it opens in view, above the face it exports.
                    commands.extend(self.exports.form_ui(ui, lang));
                    commands.extend(detail_ui(ui, &view, &mut self.images));
                }
                None => {
                    ui.label(tr(lang, Key::SelectCertificate));
                }
            });
        });
        self.refresh_finding_marks();
        egui::CentralPanel::default_margins().show(ui, |ui| {
            let view = ListView {
                lang,
                role: self.connection.role,
                certificates: &self.certificates,
                selected: self.selected.as_ref().map(|(id, version)| (id.as_str(), *version)),
                today,
                generation: self.list_generation,
                checking: self.compliance.is_checking(),
            };
            commands.extend(list_ui(ui, &view, &mut self.filter));
        });

        let ctx = ui.ctx().clone();
        for command in commands {
            self.apply(command, &ctx);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, LANGUAGE_KEY, &self.lang);
        eframe::set_value(storage, CHECK_SETTINGS_KEY, &self.compliance.settings);
        eframe::set_value(storage, THEME_KEY, &self.theme);
        eframe::set_value(storage, ZOOM_KEY, &self.zoom);
        eframe::set_value(storage, PAGE_KEY, &self.page);
        eframe::set_value(storage, LIST_QUERY_KEY, &self.filter.saved());
    }
}

impl CertDeskApp {
    /// Returns the cached certificate summaries, for tests.
    pub fn certificates(&self) -> &[CertificateSummary] {
        &self.certificates
    }

    /// Tells whether a run of the compliance rules is going on, for tests.
    pub fn is_checking(&self) -> bool {
        self.compliance.is_checking()
    }

    /// Returns the open certificate and version, for tests.
    pub fn selected(&self) -> Option<(&str, u32)> {
        self.selected.as_ref().map(|(id, version)| (id.as_str(), *version))
    }

    /// Returns the notice on screen, for tests that report why a sync failed.
    pub fn notice_text(&self) -> Option<String> {
        self.notice.as_ref().map(|notice| notice.render(self.lang))
    }

    /// Tells whether the signatures of the list's rows are still being checked, for tests.
    pub fn is_checking_signatures(&self) -> bool {
        self.list_signatures.is_checking()
    }

    /// Tells whether a sync or the demo start-up is still running, for tests.
    pub fn is_syncing(&self) -> bool {
        self.syncing
    }
}

/// Formats an RFC 3339 instant as a China Standard Time date and minute.
fn format_instant(lang: Lang, rfc3339: &str) -> Option<String> {
    let instant = DateTime::parse_from_rfc3339(rfc3339).ok()?.with_timezone(&Utc);
    let local = instant.with_timezone(&china_standard_time());
    Some(format!("{} {}", format_date(lang, local.date_naive()), local.format("%H:%M")))
}

/// Takes the first file dropped on the window this frame, so no later view takes it too.
fn take_dropped_file(ctx: &egui::Context) -> Option<std::path::PathBuf> {
    let dropped = ctx.input(|input| input.raw.dropped_files.first().map(|file| file.path().to_path_buf()))?;
    ctx.input_mut(|input| input.raw.dropped_files.clear());
    Some(dropped)
}

/// Opens the native file dialog for a material or evidence file on its own thread, so the
/// window keeps drawing while it is open. The choice, or `None` for a cancel, arrives through
/// the receiver, and `repaint` wakes the window for it.
fn pick_file_on_thread(repaint: impl Fn() + Send + 'static) -> std::io::Result<Receiver<Option<std::path::PathBuf>>> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new().name("certdesk-file-dialog".into()).spawn(move || {
        let chosen = rfd::FileDialog::new()
            .add_filter("PDF / OFD / JPG / PNG", &["pdf", "ofd", "jpg", "jpeg", "png"])
            .add_filter("*", &["*"])
            .pick_file();
        // The page may have been reset meanwhile; then no form waits for the choice.
        let _ = sender.send(chosen);
        repaint();
    })?;
    Ok(receiver)
}

/// Starts the window. `renderer` is `glow` or `wgpu`; `None` uses the default.
pub fn run(options: AppOptions, renderer: Option<eframe::Renderer>) -> eframe::Result {
    let mut native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("筑证 CertDesk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    if let Some(renderer) = renderer {
        native.renderer = renderer;
    }
    // The window's state (language, theme, page, filters, column widths, window size) lives in
    // the data folder, beside the cache it describes, rather than in one file per OS login.
    native.persistence_path = Some(options.data_dir.root().join("window.ron"));
    eframe::run_native("CertDesk", native, Box::new(move |cc| Ok(Box::new(CertDeskApp::new(cc, options)))))
}
