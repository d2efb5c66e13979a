//! A certificate authority and a `localhost` / `127.0.0.1` leaf. The leaf is generated at each
//! start; the CA too, unless a state folder keeps it between runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::SandboxError;

/// The CA certificate clients trust and the server configuration that presents the leaf.
pub struct SandboxTls {
    /// PEM text of the CA certificate.
    pub ca_pem: String,
    /// rustls configuration presenting the leaf and the CA.
    pub server_config: Arc<ServerConfig>,
}

/// File of the CA certificate in a state folder.
const CA_CERT_FILE: &str = "ca.pem";

/// File of the CA's private key in a state folder.
const CA_KEY_FILE: &str = "ca-key.pem";

/// Generates a fresh CA and a leaf for `localhost` and `127.0.0.1`, signed by it.
pub fn generate() -> Result<SandboxTls, SandboxError> {
    let (ca_pem, ca_key) = generate_ca()?;
    with_ca(&ca_pem, ca_key)
}

/// Loads the CA kept in `state_dir`, or generates one and keeps it there, then generates a leaf
/// signed by it. Clients that saved the CA certificate keep trusting the sandbox after a restart.
pub fn load_or_generate(state_dir: &Path) -> Result<SandboxTls, SandboxError> {
    std::fs::create_dir_all(state_dir).map_err(|e| state_error(state_dir, e))?;
    let cert_path = state_dir.join(CA_CERT_FILE);
    let key_path = state_dir.join(CA_KEY_FILE);
    if cert_path.exists() && key_path.exists() {
        let ca_pem = read_state(&cert_path)?;
        let ca_key = KeyPair::from_pem(&read_state(&key_path)?).map_err(|e| state_error(&key_path, e))?;
        return with_ca(&ca_pem, ca_key);
    }
    let (ca_pem, ca_key) = generate_ca()?;
    write_state(&key_path, &ca_key.serialize_pem())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let owner_only = std::fs::Permissions::from_mode(0o600);
        std::fs::set_permissions(&key_path, owner_only).map_err(|e| state_error(&key_path, e))?;
    }
    write_state(&cert_path, &ca_pem)?;
    with_ca(&ca_pem, ca_key)
}

fn read_state(path: &Path) -> Result<String, SandboxError> {
    std::fs::read_to_string(path).map_err(|e| state_error(path, e))
}

fn write_state(path: &Path, text: &str) -> Result<(), SandboxError> {
    crate::account::profile::write_atomically(path, text.as_bytes()).map_err(|e| state_error(path, e))
}

fn state_error(path: &Path, error: impl std::fmt::Display) -> SandboxError {
    SandboxError::State { path: PathBuf::from(path), detail: error.to_string() }
}

fn ca_params() -> Result<CertificateParams, SandboxError> {
    let mut params = CertificateParams::new(Vec::<String>::new()).map_err(|e| tls_error(&e))?;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    params.distinguished_name = name("CertDesk 演示平台 CA");
    Ok(params)
}

fn tls_error(error: &rcgen::Error) -> SandboxError {
    SandboxError::Tls(error.to_string())
}

/// Generates a CA key and its self-signed certificate, returned as PEM.
fn generate_ca() -> Result<(String, KeyPair), SandboxError> {
    let ca_key = KeyPair::generate().map_err(|e| tls_error(&e))?;
    let ca_certificate = ca_params()?.self_signed(&ca_key).map_err(|e| tls_error(&e))?;
    Ok((ca_certificate.pem(), ca_key))
}

/// Signs a fresh leaf with the CA and builds the server configuration. The issuer is rebuilt from
/// the same parameters as the CA certificate, so its name and key identifier match the saved
/// certificate.
fn with_ca(ca_pem: &str, ca_key: KeyPair) -> Result<SandboxTls, SandboxError> {
    use rustls::pki_types::pem::PemObject as _;

    let ca_der = CertificateDer::from_pem_slice(ca_pem.as_bytes()).map_err(|e| SandboxError::Tls(e.to_string()))?;
    let issuer = Issuer::new(ca_params()?, ca_key);

    let mut leaf_params =
        CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).map_err(|e| tls_error(&e))?;
    leaf_params.distinguished_name = name("CertDesk 演示平台");
    let leaf_key = KeyPair::generate().map_err(|e| tls_error(&e))?;
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).map_err(|e| tls_error(&e))?;

    let chain = vec![leaf.der().clone(), ca_der];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let server_config = server_config(chain, key)?;
    Ok(SandboxTls { ca_pem: ca_pem.to_owned(), server_config })
}

fn server_config(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> Result<Arc<ServerConfig>, SandboxError> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| SandboxError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| SandboxError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

fn name(common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name.push(DnType::OrganizationName, "CertDesk");
    name
}
