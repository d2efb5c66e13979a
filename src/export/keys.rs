//! The issuer key that signs this installation's exports, and the public keys verification
//! trusts.
//!
//! Both live in `DATA/export-keys/`: `issuer-sm2.key` contains the SM2 secret key as hexadecimal
//! (created on first use), and `trusted.txt` lists further public keys the user added, one per
//! line as `04‖X‖Y` hexadecimal followed by an optional label.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rand::RngCore as _;
use sha2::{Digest as _, Sha256};
use sm2::dsa::signature::{Signer as _, Verifier as _};
use sm2::dsa::{Signature, SigningKey, VerifyingKey};

use crate::account::data_dir::hex;

/// The GM/T 0009 default distinguishing ID, which both signer and verifier must use.
pub const DISTINGUISHING_ID: &str = "1234567812345678";

/// Folder under the data folder that contains the keys.
const KEY_FOLDER: &str = "export-keys";

/// File of the issuer's secret key.
const ISSUER_KEY_FILE: &str = "issuer-sm2.key";

/// File of the public keys the user added.
const TRUSTED_KEYS_FILE: &str = "trusted.txt";

/// Errors reading, creating or using keys.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// A key file could not be read or written.
    #[error("key file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A key file or a typed key is not a valid SM2 key.
    #[error("invalid SM2 key in {origin}")]
    Invalid {
        /// Origin of the key: a file path or `input`.
        origin: String,
    },
}

/// Returns the key identifier of a public key: the first 8 bytes of the SHA-256 of its
/// uncompressed SEC1 encoding, as 16 hexadecimal digits.
pub fn key_id(verifying_key: &VerifyingKey) -> String {
    hex(&Sha256::digest(verifying_key.to_sec1_bytes())[..8])
}

/// Returns the folder of the key files under a data folder.
pub fn key_folder(data_root: &Path) -> PathBuf {
    data_root.join(KEY_FOLDER)
}

/// The secret key this installation signs exports with.
pub struct IssuerKey {
    signing_key: SigningKey,
    key_id: String,
}

impl IssuerKey {
    /// Loads the issuer key from the data folder, creating and saving a new one the first time.
    pub fn load_or_create(data_root: &Path) -> Result<Self, KeyError> {
        let path = key_folder(data_root).join(ISSUER_KEY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                Self::from_secret_hex(text.trim()).ok_or(KeyError::Invalid { origin: path.display().to_string() })
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate();
                write_secret_file(&path, &hex(&key.signing_key.to_bytes()))?;
                tracing::info!(key_id = %key.key_id, "created the export signing key");
                Ok(key)
            }
            Err(source) => Err(KeyError::Io { path, source }),
        }
    }

    /// Generates a new random key from the operating system's random source (through
    /// `rand::rng`, a CSPRNG seeded by the OS).
    pub fn generate() -> Self {
        let mut bytes = [0_u8; 32];
        loop {
            rand::rng().fill_bytes(&mut bytes);
            if let Some(key) = Self::from_secret_bytes(&bytes) {
                return key;
            }
        }
    }

    /// Builds the key from its 32-byte secret scalar as hexadecimal.
    pub fn from_secret_hex(text: &str) -> Option<Self> {
        Self::from_secret_bytes(&unhex(text)?)
    }

    fn from_secret_bytes(bytes: &[u8]) -> Option<Self> {
        let signing_key = SigningKey::from_slice(DISTINGUISHING_ID, bytes).ok()?;
        let key_id = key_id(signing_key.verifying_key());
        Some(Self { signing_key, key_id })
    }

    /// Returns the key identifier written in each payload.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// Returns the public key as uncompressed SEC1 hexadecimal (`04‖X‖Y`), to give to verifiers.
    pub fn public_key_hex(&self) -> String {
        hex(&self.signing_key.verifying_key().to_sec1_bytes())
    }

    /// Returns the public key to trust.
    pub fn verifying_key(&self) -> &VerifyingKey {
        self.signing_key.verifying_key()
    }

    /// Signs bytes with SM2 (SM3 over `Z_A ‖ message`) and returns the 64-byte `r‖s`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let signature: Signature = self.signing_key.sign(message);
        signature.to_bytes().to_vec()
    }
}

/// One public key verification trusts.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    /// Key identifier, as payloads name it.
    pub key_id: String,
    /// Name the user gave the key, or 本机 for this installation's own key.
    pub label: String,
    verifying_key: VerifyingKey,
}

impl TrustedKey {
    /// Parses an uncompressed or compressed SEC1 public key in hexadecimal.
    pub fn from_hex(text: &str, label: &str) -> Option<Self> {
        let verifying_key = VerifyingKey::from_sec1_bytes(DISTINGUISHING_ID, &unhex(text)?).ok()?;
        Some(Self { key_id: key_id(&verifying_key), label: label.to_owned(), verifying_key })
    }

    /// Tells whether `signature` (64 bytes `r‖s`) signs `message` under this key.
    pub fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        Signature::from_slice(signature).is_ok_and(|signature| self.verifying_key.verify(message, &signature).is_ok())
    }
}

/// The public keys verification accepts: this installation's own plus those the user added.
#[derive(Debug, Clone, Default)]
pub struct TrustedKeys {
    keys: Vec<TrustedKey>,
}

impl TrustedKeys {
    /// Builds a set from keys.
    pub fn new(keys: Vec<TrustedKey>) -> Self {
        Self { keys }
    }

    /// Loads the trusted keys of a data folder, with `local` (this installation's key) first.
    /// Lines that do not parse are skipped with a warning in the log.
    pub fn load(data_root: &Path, local: &IssuerKey) -> Result<Self, KeyError> {
        let mut keys = vec![TrustedKey {
            key_id: local.key_id().to_owned(),
            label: "本机".to_owned(),
            verifying_key: local.verifying_key().clone(),
        }];
        let path = key_folder(data_root).join(TRUSTED_KEYS_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => return Err(KeyError::Io { path, source }),
        };
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, label) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            if let Some(key) = TrustedKey::from_hex(key, label.trim()) {
                keys.push(key);
            } else {
                tracing::warn!(line = number + 1, path = %path.display(), "skipped an invalid trusted key");
            }
        }
        Ok(Self { keys })
    }

    /// Appends a public key to the data folder's trusted list and returns it.
    pub fn add_to_file(data_root: &Path, key_hex: &str, label: &str) -> Result<TrustedKey, KeyError> {
        let key = TrustedKey::from_hex(key_hex.trim(), label).ok_or(KeyError::Invalid { origin: "input".into() })?;
        let folder = key_folder(data_root);
        let path = folder.join(TRUSTED_KEYS_FILE);
        let io = |source| KeyError::Io { path: path.clone(), source };
        std::fs::create_dir_all(&folder).map_err(io)?;
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path).map_err(io)?;
        writeln!(file, "{} {}", key_hex.trim().to_ascii_lowercase(), label.replace(['\n', '\r'], " ")).map_err(io)?;
        Ok(key)
    }

    /// Returns the key with an identifier.
    pub fn find(&self, key_id: &str) -> Option<&TrustedKey> {
        self.keys.iter().find(|key| key.key_id == key_id)
    }

    /// Returns every trusted key.
    pub fn keys(&self) -> &[TrustedKey] {
        &self.keys
    }
}

fn write_secret_file(path: &Path, text: &str) -> Result<(), KeyError> {
    let io = |source| KeyError::Io { path: path.to_path_buf(), source };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Readable by the owner only, because anyone who reads it can sign copies as this
        // installation.
        options.mode(0o600);
    }
    // NOTE: on Windows the file keeps the data folder's inherited permissions, which the user's
    // profile folder normally limits to that user.
    let mut file = options.open(path).map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_verifies_with_public_key() {
        let issuer = IssuerKey::generate();
        let trusted = TrustedKey::from_hex(&issuer.public_key_hex(), "test").unwrap();
        let signature = issuer.sign(b"CDX1|payload");
        assert_eq!(trusted.key_id, issuer.key_id());
        assert!(trusted.verifies(b"CDX1|payload", &signature));
        assert!(!trusted.verifies(b"CDX1|payloae", &signature));
    }

    #[test]
    fn issuer_key_persists_and_trust_list_grows() {
        let dir = tempfile::tempdir().unwrap();
        let first = IssuerKey::load_or_create(dir.path()).unwrap();
        let again = IssuerKey::load_or_create(dir.path()).unwrap();
        assert_eq!(first.key_id(), again.key_id());

        let other = IssuerKey::generate();
        TrustedKeys::add_to_file(dir.path(), &other.public_key_hex(), "另一台电脑").unwrap();
        let trusted = TrustedKeys::load(dir.path(), &first).unwrap();
        assert_eq!(trusted.keys().len(), 2);
        assert_eq!(trusted.find(other.key_id()).unwrap().label, "另一台电脑");
    }

    #[test]
    fn invalid_key_text_is_rejected() {
        assert!(TrustedKey::from_hex("04zz", "x").is_none());
        assert!(IssuerKey::from_secret_hex("abc").is_none());
    }
}
