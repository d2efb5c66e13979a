//! Tokens in the OS credential store: Windows Credential Manager, the macOS keychain, or the
//! Linux kernel keyring. Where no store works, nothing is written anywhere and the user is
//! asked for the password again next time.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};

/// Service name under which CertDesk's entries are stored.
const SERVICE: &str = "CertDesk";

/// Errors of the credential store.
#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// No credential store is available on this machine.
    #[error("no credential store is available: {0}")]
    Unavailable(String),
    /// The store failed.
    #[error("credential store error: {0}")]
    Store(String),
}

/// Saves, reads and deletes tokens by key.
pub trait TokenStore {
    /// Saves a token, replacing any earlier one.
    fn save(&self, key: &str, token: &str) -> Result<(), CredentialError>;
    /// Reads a token, or `None` if there is none.
    fn load(&self, key: &str) -> Result<Option<String>, CredentialError>;
    /// Deletes a token; deleting a missing one succeeds.
    fn delete(&self, key: &str) -> Result<(), CredentialError>;
}

/// The OS credential store.
pub struct OsTokenStore {
    store: Arc<CredentialStore>,
}

impl OsTokenStore {
    /// Opens the platform's store, or says why there is none.
    pub fn open() -> Result<Self, CredentialError> {
        Ok(Self { store: platform_store()? })
    }

    fn entry(&self, key: &str) -> Result<Entry, CredentialError> {
        Entry::new_in_store(&self.store, SERVICE, key).map_err(|e| CredentialError::Store(e.to_string()))
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>, CredentialError> {
    let store: Arc<CredentialStore> =
        linux_keyutils_keyring_store::Store::new().map_err(|e| CredentialError::Unavailable(e.to_string()))?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn platform_store() -> Result<Arc<CredentialStore>, CredentialError> {
    let store: Arc<CredentialStore> =
        windows_native_keyring_store::Store::new().map_err(|e| CredentialError::Unavailable(e.to_string()))?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>, CredentialError> {
    let store: Arc<CredentialStore> =
        apple_native_keyring_store::keychain::Store::new().map_err(|e| CredentialError::Unavailable(e.to_string()))?;
    Ok(store)
}

#[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
fn platform_store() -> Result<Arc<CredentialStore>, CredentialError> {
    Err(CredentialError::Unavailable("no credential store for this operating system".to_owned()))
}

impl TokenStore for OsTokenStore {
    fn save(&self, key: &str, token: &str) -> Result<(), CredentialError> {
        let entry = self.entry(key)?;
        entry.set_password(token).map_err(|e| classify(&e))?;
        // A store that accepts the write but cannot read it back is as good as none.
        match entry.get_password() {
            Ok(read) if read == token => Ok(()),
            Ok(_) => Err(CredentialError::Unavailable("the store returned a different value".to_owned())),
            Err(e) => Err(classify(&e)),
        }
    }

    fn load(&self, key: &str) -> Result<Option<String>, CredentialError> {
        match self.entry(key)?.get_password() {
            Ok(token) => Ok(Some(token)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(classify(&e)),
        }
    }

    fn delete(&self, key: &str) -> Result<(), CredentialError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(classify(&e)),
        }
    }
}

fn classify(error: &keyring_core::Error) -> CredentialError {
    match error {
        keyring_core::Error::NoStorageAccess(_) | keyring_core::Error::NoDefaultStore => {
            CredentialError::Unavailable(error.to_string())
        }
        _ => CredentialError::Store(error.to_string()),
    }
}

/// A store in memory, for tests and for sessions where the OS has none.
#[derive(Default)]
pub struct MemoryTokenStore {
    tokens: std::sync::Mutex<std::collections::HashMap<String, String>>,
}

impl TokenStore for MemoryTokenStore {
    fn save(&self, key: &str, token: &str) -> Result<(), CredentialError> {
        let mut tokens = self.tokens.lock().map_err(|_| CredentialError::Store("poisoned".to_owned()))?;
        tokens.insert(key.to_owned(), token.to_owned());
        Ok(())
    }

    fn load(&self, key: &str) -> Result<Option<String>, CredentialError> {
        let tokens = self.tokens.lock().map_err(|_| CredentialError::Store("poisoned".to_owned()))?;
        Ok(tokens.get(key).cloned())
    }

    fn delete(&self, key: &str) -> Result<(), CredentialError> {
        let mut tokens = self.tokens.lock().map_err(|_| CredentialError::Store("poisoned".to_owned()))?;
        tokens.remove(key);
        Ok(())
    }
}
