//! The sandbox's record signing key, derived from a fixed seed so its public key (shipped in
//! `assets/issuer-keys/`) is the same in every build and every run.

use sm2::dsa::signature::Signer as _;
use sm2::dsa::{Signature, SigningKey};
use sm3::{Digest as _, Sm3};

use crate::domain::Certificate;
use crate::domain::record_signature::{DISTINGUISHING_ID, RecordSignature, SANDBOX_KEY_ID, SM2_SM3, signed_bytes};

/// The seed of the sandbox key. Anyone can derive the private key from it, which is fine for a
/// demo platform and never for a real one.
const SEED: &[u8] = b"CertDesk sandbox record signing key, 2026";

/// The sandbox platform's signer.
pub struct RecordSigner {
    key: SigningKey,
}

impl RecordSigner {
    /// Derives the sandbox key: the SM3 hash of the seed is the secret scalar.
    pub fn sandbox() -> Option<Self> {
        let secret = sm2::SecretKey::from_slice(&Sm3::digest(SEED)).ok()?;
        let key = SigningKey::new(DISTINGUISHING_ID, &secret).ok()?;
        Some(Self { key })
    }

    /// Returns the public key, SEC1 `04‖X‖Y`.
    pub fn public_key(&self) -> Vec<u8> {
        self.key.verifying_key().to_sec1_bytes().to_vec()
    }

    /// Signs one certificate version.
    pub fn sign(&self, certificate: &Certificate) -> RecordSignature {
        let signature: Signature = self.key.sign(&signed_bytes(certificate));
        RecordSignature {
            alg: SM2_SM3.to_owned(),
            key_id: SANDBOX_KEY_ID.to_owned(),
            value: signature.to_bytes().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record_signature::{SignatureStatus, bundled_issuers, verify};
    use crate::sandbox::sample;

    #[test]
    fn shipped_public_key_matches_seed() {
        let signer = RecordSigner::sandbox().unwrap();

        assert_eq!(bundled_issuers()[0].public_key, signer.public_key());
    }

    #[test]
    fn signature_verifies_and_detects_changes() {
        let signer = RecordSigner::sandbox().unwrap();
        let mut certificate = sample::generate(sample::DEFAULT_SEED).certificates[0].clone();
        let signature = signer.sign(&certificate);
        let trusted = bundled_issuers();

        assert_eq!(verify(&certificate, Some(&signature), &trusted), SignatureStatus::Valid);
        assert_eq!(verify(&certificate, None, &trusted), SignatureStatus::Missing);
        assert_eq!(verify(&certificate, Some(&signature), &[]), SignatureStatus::UntrustedIssuer);
        let mut flipped = signature.clone();
        flipped.value[10] ^= 1;
        assert_eq!(verify(&certificate, Some(&flipped), &trusted), SignatureStatus::Tampered);
        certificate.specialties[0].valid_to += chrono::TimeDelta::days(1);
        assert_eq!(verify(&certificate, Some(&signature), &trusted), SignatureStatus::Tampered);
    }
}
