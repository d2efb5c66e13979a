//! A certificate authority and a `localhost` / `127.0.0.1` leaf, generated at each start.

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

/// Generates a fresh CA and a leaf for `localhost` and `127.0.0.1`, signed by it.
pub fn generate() -> Result<SandboxTls, SandboxError> {
    let tls_error = |e: rcgen::Error| SandboxError::Tls(e.to_string());

    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(tls_error)?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages =
        vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    ca_params.distinguished_name = name("CertDesk 演示平台 CA");
    let ca_key = KeyPair::generate().map_err(tls_error)?;
    let ca_certificate = ca_params.self_signed(&ca_key).map_err(tls_error)?;
    let issuer = Issuer::new(ca_params, ca_key);

    let mut leaf_params =
        CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).map_err(tls_error)?;
    leaf_params.distinguished_name = name("CertDesk 演示平台");
    let leaf_key = KeyPair::generate().map_err(tls_error)?;
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).map_err(tls_error)?;

    let chain = vec![leaf.der().clone(), ca_certificate.der().clone()];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let server_config = server_config(chain, key)?;
    Ok(SandboxTls { ca_pem: ca_certificate.pem(), server_config })
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
