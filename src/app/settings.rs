//! Carries out the settings page's commands: theme, zoom and renderer, the network settings of
//! the configured platform, and exporting or deleting the account's local data.

use std::path::{Path, PathBuf};

use chrono::Utc;
use tracing::warn;

use crate::account::DataDir;
use crate::account::profile::Profile;
use crate::account::settings::Settings;
use crate::i18n::{Key, Message};
use crate::store::Store;

/// Copies the cache (a consistent snapshot) and the copied materials into a new folder inside
/// `target`, and returns that folder. The signing key of exported copies stays behind: it is a
/// secret of this installation, not data of the user.
pub fn export_data(store: &Store, data_dir: &DataDir, target: &Path) -> Result<PathBuf, Message> {
    let stamp = Utc::now().with_timezone(&crate::domain::time::china_standard_time()).format("%Y%m%d-%H%M%S");
    let folder = target.join(format!("CertDesk-数据-{stamp}"));
    let failed =
        |e: &std::io::Error| Message::new(Key::DataExportFailed).arg("path", folder.display()).io_arg("detail", e);
    std::fs::create_dir_all(&folder).map_err(|e| failed(&e))?;
    store.snapshot_to(&folder.join("cache.sqlite3")).map_err(|error| {
        warn!(%error, "cannot write the cache snapshot");
        Message::new(Key::DataExportFailed).arg("path", folder.display()).arg("detail", error.to_string())
    })?;
    for name in ["materials", "reports"] {
        let source = data_dir.root().join(name);
        let Ok(entries) = std::fs::read_dir(&source) else { continue };
        let copy = folder.join(name);
        std::fs::create_dir_all(&copy).map_err(|e| failed(&e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && path.extension().is_none_or(|ext| ext != "partial") {
                std::fs::copy(&path, copy.join(entry.file_name())).map_err(|e| failed(&e))?;
            }
        }
    }
    Ok(folder)
}

/// Deletes the account's cache file (with its WAL and shared-memory files), the copied
/// materials and the saved reports. The caller has closed the cache first.
pub fn delete_data(cache: &Path, data_dir: &DataDir) -> Result<(), Message> {
    let failed = |path: &Path, e: &std::io::Error| {
        Message::new(Key::DataDeleteFailed).arg("path", path.display()).io_arg("detail", e)
    };
    for suffix in ["", "-wal", "-shm"] {
        let mut name = cache.as_os_str().to_owned();
        name.push(suffix);
        let path = PathBuf::from(name);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(&path, &e)),
            _ => {}
        }
    }
    // The exports folder contains the findings and register workbooks, with people's names.
    for folder in [data_dir.materials_path(), data_dir.root().join("reports"), data_dir.root().join("exports")] {
        match std::fs::remove_dir_all(&folder) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(&folder, &e)),
            _ => {}
        }
    }
    Ok(())
}

/// Saves the proxy and the extra CA certificate in the profile of the configured platform.
/// An empty proxy uses the system settings; an empty CA path removes the extra CA.
pub fn save_network(data_dir: &DataDir, proxy: &str, extra_ca: &str) -> Result<Profile, Message> {
    let store_failed = |e: &std::io::Error| {
        Message::new(Key::CliWriteFile).arg("path", data_dir.profile_path().display()).io_arg("detail", e)
    };
    let mut profile = match Profile::load(&data_dir.profile_path()) {
        Ok(Some(profile)) => profile,
        Ok(None) => return Err(Message::new(Key::SettingsNoProfile)),
        Err(e) => return Err(store_failed(&e)),
    };
    let proxy = proxy.trim();
    if !proxy.is_empty() {
        let valid = url::Url::parse(proxy).is_ok_and(|url| matches!(url.scheme(), "http" | "https"));
        if !valid {
            return Err(Message::new(Key::ErrorInvalidProxy).arg("url", proxy));
        }
    }
    profile.proxy = (!proxy.is_empty()).then(|| proxy.to_owned());
    let extra_ca = extra_ca.trim();
    if extra_ca.is_empty() {
        let _ = std::fs::remove_file(data_dir.extra_ca_path());
        profile.extra_ca = false;
    } else {
        let pem = std::fs::read(extra_ca)
            .map_err(|e| Message::new(Key::CliReadFile).arg("path", extra_ca).io_arg("detail", &e))?;
        crate::platform::client::parse_ca(&pem).map_err(|e| e.message())?;
        std::fs::write(data_dir.extra_ca_path(), &pem).map_err(|e| store_failed(&e))?;
        profile.extra_ca = true;
    }
    profile.save(&data_dir.profile_path()).map_err(|e| store_failed(&e))?;
    Ok(profile)
}

/// A report from the thread that moves the data folder.
pub enum MoveEvent {
    /// Files copied and verified so far.
    Progress(usize),
    /// Every file is copied and verified, or the move stopped.
    Done(Result<(), crate::account::relocate::MoveError>),
}

/// A data-folder move running on its thread.
pub struct Moving {
    /// The new folder.
    pub target: PathBuf,
    /// Files copied by the thread, relative to the data folder.
    pub files: Vec<PathBuf>,
    /// The open cache in the old folder.
    pub old_cache: PathBuf,
    /// Its snapshot in the new folder.
    pub new_cache: PathBuf,
    /// Reports from the thread.
    pub events: std::sync::mpsc::Receiver<MoveEvent>,
    /// Set to stop the thread.
    pub cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Files done so far.
    pub done: usize,
}

/// Starts moving the data folder to `target`: the open cache is copied now as a snapshot, the
/// other files on a thread that verifies each copy.
pub fn start_move(store: &Store, data_dir: &DataDir, target: &Path, ctx: &egui::Context) -> Result<Moving, Message> {
    use crate::account::relocate;
    let root = data_dir.root();
    relocate::check_target(root, target).map_err(|e| e.message())?;
    let old_cache = store.path().ok_or_else(|| Message::new(Key::ErrorStore))?;
    let sidecar = |suffix: &str| {
        let mut name = old_cache.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let skip = [old_cache.clone(), sidecar("-wal"), sidecar("-shm")];
    let files = relocate::files_to_copy(root, &skip).map_err(|e| e.message())?;
    let new_cache = target.join(old_cache.strip_prefix(root).unwrap_or(&old_cache));
    let create = new_cache.parent().map(std::fs::create_dir_all).transpose();
    if let Err(e) = create {
        return Err(Message::new(Key::MoveIo).arg("path", target.display()).io_arg("detail", &e));
    }
    store.snapshot_to(&new_cache).map_err(|error| {
        warn!(%error, "cannot snapshot the cache for the move");
        Message::new(Key::MoveIo).arg("path", new_cache.display()).arg("detail", error.to_string())
    })?;
    let (sender, events) = std::sync::mpsc::channel();
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (flag, from, to, list, repaint) =
        (cancel.clone(), root.to_path_buf(), target.to_path_buf(), files.clone(), ctx.clone());
    let spawned = std::thread::Builder::new().name("certdesk-move".into()).spawn(move || {
        let result = relocate::copy_and_verify(&from, &to, &list, &flag, |done| {
            let _ = sender.send(MoveEvent::Progress(done));
            repaint.request_repaint();
        });
        let _ = sender.send(MoveEvent::Done(result));
        repaint.request_repaint();
    });
    if spawned.is_err() {
        let _ = std::fs::remove_file(&new_cache);
        return Err(Message::new(Key::ErrorWorker));
    }
    Ok(Moving { target: target.to_path_buf(), files, old_cache, new_cache, events, cancel, done: 0 })
}

/// Checks the cache snapshot in the new folder: intact, with as many certificates as the cache.
pub fn snapshot_matches(store: &Store, snapshot: &Path) -> bool {
    let count = |connection: &rusqlite::Connection| {
        connection.query_row("SELECT count(*) FROM certificates", [], |row| row.get::<_, i64>(0)).ok()
    };
    let Ok(copy) = rusqlite::Connection::open_with_flags(snapshot, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return false;
    };
    let intact = copy.query_row("PRAGMA integrity_check", [], |row| row.get::<_, String>(0)).is_ok_and(|r| r == "ok");
    let original = store.read(|connection| Ok(count(connection))).ok().flatten();
    intact && original.is_some() && original == count(&copy)
}

/// Saves the renderer for the next start.
pub fn save_renderer(data_dir: &DataDir, settings: Settings) -> Result<(), Message> {
    settings.save(&data_dir.settings_path()).map_err(|e| {
        Message::new(Key::CliWriteFile).arg("path", data_dir.settings_path().display()).io_arg("detail", &e)
    })
}
