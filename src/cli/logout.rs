//! `certdesk logout`: deletes what sign-in saved, and with `--delete-cache` the account's cache.

use std::process::ExitCode;

use super::{CliError, output};
use crate::account::DataDir;
use crate::i18n::{Key, Lang, Message};

/// Deletes the stored token, the profile and the CA copies, and the account's cache
/// folder when `delete_cache` is set. Logging out with no active account succeeds.
pub fn run(data_dir: &DataDir, delete_cache: bool, lang: Lang) -> Result<ExitCode, CliError> {
    let signed_out = crate::account::login::sign_out(data_dir, delete_cache).map_err(|e| CliError::new(e.message()))?;
    let Some(profile) = signed_out else {
        output::line(&Message::new(Key::CliLogoutNone).render(lang));
        return Ok(ExitCode::SUCCESS);
    };
    let cache_note = if delete_cache { Key::CliLogoutCacheDeleted } else { Key::CliLogoutCacheKept };
    let done =
        Message::new(Key::CliLogoutDone).arg("platform", &profile.platform_name).arg("account", &profile.account);
    output::line(&format!("{}{}", done.render(lang), Message::new(cache_note).render(lang)));
    Ok(ExitCode::SUCCESS)
}
