//! `certdesk sync`: fetches the active account's certificates into its cache.

use std::process::ExitCode;

use serde_json::json;

use super::{CliError, login, output};
use crate::account::credentials::{OsTokenStore, TokenStore as _};
use crate::account::{DataDir, Profile};
use crate::i18n::{Key, Lang, Message};
use crate::platform::ClientOptions;
use crate::platform::PlatformError;
use crate::platform::worker::{Credentials, SyncJob, run_job};

/// Builds the runtime a command runs its network work on, the same as the window's sync uses.
pub fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    crate::platform::worker::sync_runtime().map_err(|e| CliError::new(Message::new(Key::ErrorClient).arg("detail", e)))
}

/// Loads the saved profile or explains how to sign in.
pub fn load_profile(data_dir: &DataDir) -> Result<Profile, CliError> {
    match Profile::load(&data_dir.profile_path()) {
        Ok(Some(profile)) => Ok(profile),
        Ok(None) => Err(CliError::new(Message::new(Key::CliNotLoggedIn))),
        Err(e) => Err(CliError::new(
            Message::new(Key::CliReadFile).arg("path", data_dir.profile_path().display()).io_arg("detail", &e),
        )),
    }
}

/// Runs one sync, signing in again with the password when no token is stored or it expired.
pub fn run(data_dir: &DataDir, json: bool, lang: Lang) -> Result<ExitCode, CliError> {
    let profile = load_profile(data_dir)?;
    let endpoint = profile.endpoint(data_dir).map_err(|(path, e)| {
        CliError::new(Message::new(Key::CliReadFile).arg("path", path.display()).io_arg("detail", &e))
    })?;
    let token_store = OsTokenStore::open().ok();
    let stored_token = token_store.as_ref().and_then(|store| store.load(&profile.credential_key()).ok().flatten());
    let cache_path = data_dir.cache_path(&profile.platform_id, &profile.account);
    let runtime = runtime()?;
    let started = std::time::Instant::now();
    let progress = |p: &crate::platform::sync::SyncProgress| {
        output::status(&progress_line(p, started.elapsed()).render(lang));
    };

    let mut job = SyncJob {
        endpoint,
        credentials: Credentials::Token(String::new()),
        cache_path,
        options: ClientOptions::default(),
        materials_dir: Some(data_dir.materials_path()),
    };
    let result = match stored_token {
        Some(token) => {
            job.credentials = Credentials::Token(token);
            match runtime.block_on(run_job(&job, progress)) {
                Err(PlatformError::SignedOut) => None,
                other => Some(other),
            }
        }
        None => None,
    };
    let summary = if let Some(result) = result {
        result?
    } else {
        let password = login::read_password(lang)?;
        job.credentials = Credentials::Password { account: profile.account.clone(), password, role: profile.role };
        runtime.block_on(run_job(&job, progress))?
    };

    if let Some(minutes) = summary.clock_skew_minutes() {
        output::status(&Message::new(Key::SyncClockSkew).arg("minutes", minutes).render(lang));
    }
    if summary.sent > 0 || summary.refused > 0 {
        output::status(
            &Message::new(Key::CliOutboxSent).arg("sent", summary.sent).arg("refused", summary.refused).render(lang),
        );
    }
    if json {
        output::line(
            &json!({
                "fetched": summary.fetched,
                "written": summary.written,
                "deleted": summary.deleted,
                "pages": summary.pages,
                "bytes": summary.bytes,
                "sent": summary.sent,
                "refused": summary.refused,
            })
            .to_string(),
        );
    } else {
        output::line(
            &Message::new(Key::CliSyncDone)
                .arg("fetched", summary.fetched)
                .arg("written", summary.written)
                .arg("pages", summary.pages)
                .arg("bytes", summary.bytes)
                .render(lang),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds the progress line: records, pages, kibibytes received and records per second.
fn progress_line(progress: &crate::platform::sync::SyncProgress, elapsed: std::time::Duration) -> Message {
    let seconds = elapsed.as_secs_f64().max(0.001);
    #[expect(clippy::cast_precision_loss, reason = "a rate shown as a whole number needs no exact count")]
    let rate = progress.records as f64 / seconds;
    Message::new(Key::CliSyncProgress)
        .arg("records", progress.records)
        .arg("total", progress.total)
        .arg("pages", progress.pages)
        .arg("kib", progress.bytes.div_ceil(1024))
        .arg("rate", format!("{rate:.0}"))
}
