//! The compact signed payload of an exported copy: what the QR code carries and what the PDF
//! embeds as an attached file.
//!
//! The text form is one line of `|`-separated fields so it fits a small QR code:
//! `CDX1|SM2|<key id>|<certificate id>|<version>|<registration number>|<export day>|<usable until>|<purpose hash>|<signature>`.
//! Days are `YYYYMMDD` (China Standard Time), the purpose hash is the SHA-256 of the watermark
//! text and the signature covers every byte before the last `|`. Hash and signature are
//! base64url without padding.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use sha2::{Digest as _, Sha256};

/// The first field of every payload, naming this format and its version.
pub const PAYLOAD_MAGIC: &str = "CDX1";

/// Separator of the fields.
const SEPARATOR: char = '|';

/// Number of fields in the text form, signature included.
const FIELD_COUNT: usize = 10;

/// File name of the payload attached to an exported PDF.
pub const ATTACHMENT_NAME: &str = "certdesk-payload.txt";

/// The signature algorithm named in the payload, so verification can pick the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// SM2 signature over SM3 with the default distinguishing ID (GB/T 32918, GM/T 0009).
    Sm2Sm3,
}

impl SignatureAlgorithm {
    /// Returns the code written in the payload.
    pub fn code(self) -> &'static str {
        match self {
            Self::Sm2Sm3 => "SM2",
        }
    }

    /// Parses a code written by [`SignatureAlgorithm::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        (code == "SM2").then_some(Self::Sm2Sm3)
    }
}

/// The signed facts about one exported copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// Signature algorithm.
    pub algorithm: SignatureAlgorithm,
    /// Identifier of the issuer key that signed (see [`super::keys::key_id`]).
    pub key_id: String,
    /// The platform's certificate identifier, the same across versions.
    pub certificate_id: String,
    /// Certificate version the copy shows.
    pub version: u32,
    /// Registration number (注册编号).
    pub registration_number: String,
    /// Day of the export (China Standard Time).
    pub exported_on: NaiveDate,
    /// Last day the copy may be used.
    pub usable_until: NaiveDate,
    /// SHA-256 of the watermark text (加注) printed on the copy.
    pub purpose_sha256: [u8; 32],
}

/// A payload with its signature, as read from a QR code or an attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedPayload {
    /// The parsed fields.
    pub payload: Payload,
    /// The exact bytes the signature covers.
    pub signed_text: String,
    /// The raw signature (64 bytes `r‖s` for SM2).
    pub signature: Vec<u8>,
}

/// Why a text is not a readable payload.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    /// The text does not start with [`PAYLOAD_MAGIC`]: it is not a CertDesk payload at all.
    #[error("not a CertDesk payload")]
    NotCertDesk,
    /// The text starts like a payload but a field is missing or invalid, so it was altered.
    #[error("malformed payload field {field}")]
    Malformed {
        /// Name of the bad field.
        field: &'static str,
    },
    /// A value to sign contains the field separator.
    #[error("{field} contains '|'")]
    Separator {
        /// Name of the field.
        field: &'static str,
    },
}

/// Returns the SHA-256 of a watermark text with its whitespace removed, as the payload
/// carries it. Whitespace is left out because PDF text extraction does not keep it reliably,
/// so "仅用于 A 项目" and "仅用于A项目" have the same hash.
pub fn purpose_hash(watermark: &str) -> [u8; 32] {
    let compact: String = watermark.chars().filter(|c| !c.is_whitespace()).collect();
    Sha256::digest(compact.as_bytes()).into()
}

impl Payload {
    /// Returns the text the signature covers: every field but the signature.
    pub fn signed_text(&self) -> Result<String, PayloadError> {
        for (field, value) in [
            ("certificate_id", self.certificate_id.as_str()),
            ("registration_number", self.registration_number.as_str()),
            ("key_id", self.key_id.as_str()),
        ] {
            if value.contains(SEPARATOR) {
                return Err(PayloadError::Separator { field });
            }
        }
        Ok([
            PAYLOAD_MAGIC.to_owned(),
            self.algorithm.code().to_owned(),
            self.key_id.clone(),
            self.certificate_id.clone(),
            self.version.to_string(),
            self.registration_number.clone(),
            self.exported_on.format("%Y%m%d").to_string(),
            self.usable_until.format("%Y%m%d").to_string(),
            URL_SAFE_NO_PAD.encode(self.purpose_sha256),
        ]
        .join("|"))
    }
}

impl SignedPayload {
    /// Returns the full text form: the signed text, `|` and the signature.
    pub fn to_text(&self) -> String {
        format!("{}{SEPARATOR}{}", self.signed_text, URL_SAFE_NO_PAD.encode(&self.signature))
    }

    /// Parses the text form. Surrounding whitespace (a pasted line break) is ignored.
    pub fn parse(text: &str) -> Result<Self, PayloadError> {
        let text = text.trim();
        if !text.starts_with(PAYLOAD_MAGIC) {
            return Err(PayloadError::NotCertDesk);
        }
        let fields: Vec<&str> = text.split(SEPARATOR).collect();
        if fields.len() != FIELD_COUNT || fields[0] != PAYLOAD_MAGIC {
            return Err(PayloadError::Malformed { field: "field count" });
        }

        let malformed = |field| PayloadError::Malformed { field };
        let day = |value: &str, field| NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| malformed(field));
        let purpose_sha256: [u8; 32] = URL_SAFE_NO_PAD
            .decode(fields[8])
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(malformed("purpose_sha256"))?;
        let payload = Payload {
            algorithm: SignatureAlgorithm::from_code(fields[1]).ok_or(malformed("alg"))?,
            key_id: fields[2].to_owned(),
            certificate_id: fields[3].to_owned(),
            version: fields[4].parse().map_err(|_| malformed("version"))?,
            registration_number: fields[5].to_owned(),
            exported_on: day(fields[6], "exported_on")?,
            usable_until: day(fields[7], "usable_until")?,
            purpose_sha256,
        };
        let signature = URL_SAFE_NO_PAD.decode(fields[9]).map_err(|_| malformed("signature"))?;
        let signed_length = text.len() - fields[9].len() - 1;
        Ok(Self { payload, signed_text: text[..signed_length].to_owned(), signature })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Payload {
        Payload {
            algorithm: SignatureAlgorithm::Sm2Sm3,
            key_id: "0123456789abcdef".into(),
            certificate_id: "cert-1".into(),
            version: 3,
            registration_number: "京111050700001".into(),
            exported_on: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            usable_until: NaiveDate::from_ymd_opt(2027, 6, 2).unwrap(),
            purpose_sha256: purpose_hash("加注：仅用于测试"),
        }
    }

    #[test]
    fn text_form_round_trips() {
        let payload = sample();
        let signed = SignedPayload { signed_text: payload.signed_text().unwrap(), payload, signature: vec![7; 64] };
        let parsed = SignedPayload::parse(&format!("{}\n", signed.to_text())).unwrap();
        assert_eq!(parsed, signed);
    }

    #[test]
    fn foreign_text_is_not_certdesk() {
        assert_eq!(SignedPayload::parse("https://example.com/x"), Err(PayloadError::NotCertDesk));
    }

    #[test]
    fn bad_version_is_malformed() {
        let text = sample().signed_text().unwrap().replace("|3|", "|x|") + "|AAAA";
        assert_eq!(SignedPayload::parse(&text), Err(PayloadError::Malformed { field: "version" }));
    }

    #[test]
    fn separator_in_field_is_rejected() {
        let mut payload = sample();
        payload.certificate_id = "a|b".into();
        assert_eq!(payload.signed_text(), Err(PayloadError::Separator { field: "certificate_id" }));
    }
}
