//! The platform the window connects to: the configured one from `profile.json`, or the bundled
//! demo platform started in the background.

use crate::account::credentials::{OsTokenStore, TokenStore as _};
use crate::account::{DataDir, Profile};
use crate::i18n::{Key, Message};
use crate::platform::wire::Role;
use crate::platform::worker::{Credentials, SyncJob};
use crate::platform::{ClientOptions, PlatformEndpoint};
use crate::sandbox::SandboxHandle;

/// The platform the window uses.
pub enum PlatformChoice {
    /// The bundled demo platform, signed in as its holder or unit account.
    Demo {
        /// The demo account's role.
        role: Role,
    },
    /// The platform the user signed in to with `certdesk login`.
    Configured {
        /// The saved profile.
        profile: Box<Profile>,
        /// The sync to run, if a token and the CA are available.
        job: Option<Box<SyncJob>>,
        /// Notice for the user when no sync can run yet.
        problem: Option<Message>,
    },
}

/// Returns the demo platform's account name for a role.
pub fn demo_account_name(role: Role) -> &'static str {
    match role {
        Role::Holder => "demo-holder",
        Role::Unit => "demo-unit",
    }
}

/// Builds the sync job of a demo account on a running sandbox.
pub fn demo_job(sandbox: &SandboxHandle, role: Role, data_dir: &DataDir) -> Option<SyncJob> {
    let account = sandbox.account(role)?;
    Some(SyncJob {
        endpoint: PlatformEndpoint {
            url: sandbox.url().to_owned(),
            ca_pem: sandbox.ca_pem().as_bytes().to_vec(),
            proxy: None,
        },
        credentials: Credentials::Password {
            account: account.account.clone(),
            password: account.password.clone(),
            role,
        },
        cache_path: data_dir.cache_path("sandbox", &account.account),
        options: ClientOptions::default(),
        materials_dir: Some(data_dir.materials_path()),
    })
}

/// Chooses the configured platform when a profile was saved, otherwise the demo platform.
pub fn resolve_platform(data_dir: &DataDir) -> PlatformChoice {
    let Ok(Some(profile)) = Profile::load(&data_dir.profile_path()) else {
        let role = crate::account::settings::Settings::load(&data_dir.settings_path()).demo_role;
        return PlatformChoice::Demo { role: role.unwrap_or(Role::Holder) };
    };
    let Ok(endpoint) = profile.endpoint(data_dir) else {
        return configured(profile, None, Some(Message::new(Key::ErrorCaMissing)));
    };
    let token = OsTokenStore::open().ok().and_then(|store| store.load(&profile.credential_key()).ok().flatten());
    let cache_path = data_dir.cache_path(&profile.platform_id, &profile.account);
    let Some(token) = token else {
        // No stored token: the window shows a password field and signs in for this session only.
        let credentials =
            Credentials::Password { account: profile.account.clone(), password: String::new(), role: profile.role };
        let job = SyncJob {
            endpoint,
            credentials,
            cache_path,
            options: ClientOptions::default(),
            materials_dir: Some(data_dir.materials_path()),
        };
        return configured(profile, Some(Box::new(job)), Some(Message::new(Key::PasswordNeeded)));
    };
    let job = SyncJob {
        endpoint,
        credentials: Credentials::Token(token),
        cache_path,
        options: ClientOptions::default(),
        materials_dir: Some(data_dir.materials_path()),
    };
    configured(profile, Some(Box::new(job)), None)
}

fn configured(profile: Profile, job: Option<Box<SyncJob>>, problem: Option<Message>) -> PlatformChoice {
    PlatformChoice::Configured { profile: Box::new(profile), job, problem }
}
