//! Signatures of certificate records: which bytes an issuer signs with SM2/SM3 and how a cached
//! record is checked against the trusted issuer keys.
//!
//! The signed bytes are the compact JSON of the face fields, the version and status, every
//! specialty's validity, and the SM3 hashes of the photo and the signature image, in a fixed
//! field order. Any change to one of them makes the signature fail.

use serde::Serialize;
use sm2::dsa::signature::Verifier as _;
use sm2::dsa::{Signature, VerifyingKey};
use sm3::{Digest as _, Sm3};

use super::{Certificate, CertificateStatus, Qualification, Sex, Specialty};

/// The algorithm name of SM2 signatures over SM3, with the signature as raw `r‖s` (64 bytes).
pub const SM2_SM3: &str = "SM2-SM3";

/// The default distinguishing ID of GM/T 0009, which the signer must have used too.
pub const DISTINGUISHING_ID: &str = "1234567812345678";

/// The key id of the bundled sandbox platform's signing key.
pub const SANDBOX_KEY_ID: &str = "certdesk-sandbox-2026";

/// The sandbox's public key, `04‖X‖Y` in hex, derived from a fixed seed (see
/// `sandbox::signing`), so it is the same in every build.
const SANDBOX_PUBLIC_KEY_HEX: &str = include_str!("../../assets/issuer-keys/certdesk-sandbox-2026.sm2.hex");

/// The signature an issuer put on one certificate version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSignature {
    /// The algorithm, such as [`SM2_SM3`].
    pub alg: String,
    /// The id of the issuer key that signed.
    pub key_id: String,
    /// The signature bytes.
    pub value: Vec<u8>,
}

/// An issuer key the app trusts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedIssuer {
    /// The key id that signatures name.
    pub key_id: String,
    /// The SM2 public key, SEC1 `04‖X‖Y`.
    pub public_key: Vec<u8>,
}

/// The outcome of checking a record's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureStatus {
    /// 签名有效: a trusted issuer signed exactly this content.
    Valid,
    /// 内容被改动: the content or the signature changed after signing.
    Tampered,
    /// 签发机构不受信任: the signing key is not a trusted issuer's, or the algorithm is unknown.
    UntrustedIssuer,
    /// 无签名: the record carries no signature.
    Missing,
}

impl SignatureStatus {
    /// Returns whether the record may be shown as valid.
    pub fn is_valid(self) -> bool {
        self == Self::Valid
    }
}

/// Returns the issuer keys that ship with the app: the sandbox platform's.
pub fn bundled_issuers() -> Vec<TrustedIssuer> {
    let public_key = decode_hex(SANDBOX_PUBLIC_KEY_HEX.trim()).unwrap_or_default();
    vec![TrustedIssuer { key_id: SANDBOX_KEY_ID.to_owned(), public_key }]
}

#[derive(Serialize)]
struct SignedFace<'a> {
    certificate_id: &'a str,
    version: u32,
    status: CertificateStatus,
    qualification: Qualification,
    registration_number: &'a str,
    seal_check_code: Option<&'a str>,
    holder_name: &'a str,
    sex: Sex,
    birth_date: chrono::NaiveDate,
    id_type: &'a str,
    id_number: &'a str,
    unit_name: &'a str,
    unit_credit_code: &'a str,
    specialties: &'a [Specialty],
    issuer: &'a str,
    issued_on: chrono::NaiveDate,
    licence_id: &'a str,
    photo_sm3: String,
    signature_image_sm3: String,
}

/// Returns the bytes an issuer signs for a certificate version.
pub fn signed_bytes(certificate: &Certificate) -> Vec<u8> {
    let face = SignedFace {
        certificate_id: &certificate.certificate_id,
        version: certificate.version,
        status: certificate.status,
        qualification: certificate.qualification,
        registration_number: &certificate.registration_number,
        seal_check_code: certificate.seal_check_code.as_deref(),
        holder_name: &certificate.holder_name,
        sex: certificate.sex,
        birth_date: certificate.birth_date,
        id_type: &certificate.id_type,
        id_number: &certificate.id_number,
        unit_name: &certificate.unit_name,
        unit_credit_code: &certificate.unit_credit_code,
        specialties: &certificate.specialties,
        issuer: &certificate.issuer,
        issued_on: certificate.issued_on,
        licence_id: &certificate.licence_id,
        photo_sm3: sm3_hex(&certificate.photo_png),
        signature_image_sm3: sm3_hex(&certificate.signature_png),
    };
    serde_json::to_vec(&face).unwrap_or_default()
}

/// Checks a record's signature against the trusted issuers.
pub fn verify(
    certificate: &Certificate,
    signature: Option<&RecordSignature>,
    trusted: &[TrustedIssuer],
) -> SignatureStatus {
    let Some(signature) = signature else {
        return SignatureStatus::Missing;
    };
    let issuer = trusted.iter().find(|issuer| issuer.key_id == signature.key_id);
    let key = issuer.and_then(|issuer| VerifyingKey::from_sec1_bytes(DISTINGUISHING_ID, &issuer.public_key).ok());
    let Some(key) = key.filter(|_| signature.alg == SM2_SM3) else {
        return SignatureStatus::UntrustedIssuer;
    };
    let Ok(value) = Signature::from_slice(&signature.value) else {
        return SignatureStatus::Tampered;
    };
    match key.verify(&signed_bytes(certificate), &value) {
        Ok(()) => SignatureStatus::Valid,
        Err(_) => SignatureStatus::Tampered,
    }
}

fn sm3_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;

    Sm3::digest(bytes).iter().fold(String::new(), |mut text, byte| {
        let _ = write!(text, "{byte:02x}");
        text
    })
}

/// Decodes lowercase or uppercase hex; `None` for an odd length or a non-hex character.
pub fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok())).collect()
}
