//! JSON bodies of the platform API, shared by the client and the sandbox server.

use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::record_signature::RecordSignature;
use crate::domain::{
    Certificate, CertificateStatus, CreditCode, IdNumber, LicenceId, Qualification, RegistrationNumber, Sex, Specialty,
};

/// API version this client speaks; the path prefix is `/api/v1`.
pub const API_VERSION: u32 = 1;

/// `GET /api/v1/platform`: who the platform is. Needs no token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlatformInfo {
    /// Stable identifier of the platform, used to keep one cache per platform and account.
    pub platform_id: String,
    /// Name to show, such as 演示平台.
    pub name: String,
    /// True for the bundled sandbox platform.
    pub sandbox: bool,
    /// The server's clock.
    pub server_time: DateTime<Utc>,
    /// Highest API version the server speaks.
    pub api_version: u32,
}

/// The two kinds of account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 持证人: sees their own certificates.
    Holder,
    /// 企业管理员: sees the unit's roster.
    Unit,
}

impl Role {
    /// Returns the code used on the command line and in files.
    pub fn code(self) -> &'static str {
        match self {
            Self::Holder => "holder",
            Self::Unit => "unit",
        }
    }
}

/// `POST /api/v1/sessions` request body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRequest {
    /// Account name.
    pub account: String,
    /// Password. Never logged.
    pub password: String,
    /// The role the user signs in as.
    pub role: Role,
}

/// `POST /api/v1/sessions` response body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionResponse {
    /// Bearer token for later requests. Never logged.
    pub token: String,
    /// The role granted.
    pub role: Role,
    /// The account name.
    pub account: String,
    /// Name of the person or unit behind the account.
    pub display_name: String,
    /// When the token stops working.
    pub expires_at: DateTime<Utc>,
}

/// `GET /api/v1/certificates` response body: one page of certificate versions.
pub type CertificatePage = RecordPage<CertificateRecord>;

/// One certificate version on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRecord {
    /// Identifier shared by all versions of one certificate.
    pub certificate_id: String,
    /// Version number.
    pub version: u32,
    /// Whether this version is in force.
    pub status: CertificateStatus,
    /// The qualification.
    pub qualification: Qualification,
    /// Registration number without the seal check code.
    pub registration_number: String,
    /// Seal check code, 2 digits.
    pub seal_check_code: Option<String>,
    /// The holder.
    pub holder: HolderRecord,
    /// The employer.
    pub unit: UnitRecord,
    /// Specialties with their validity.
    pub specialties: Vec<Specialty>,
    /// Issuing authority.
    pub issuer: String,
    /// Issue date of this version.
    pub issued_on: NaiveDate,
    /// Electronic licence identifier.
    pub licence_id: String,
    /// Photo, PNG in standard base64.
    pub photo_png: String,
    /// Signature image, PNG in standard base64.
    pub signature_png: String,
    /// The issuer's digital signature over the record, if the platform signs records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_signature: Option<SignatureRecord>,
}

/// An issuer's signature over a certificate record on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRecord {
    /// The algorithm: `SM2-SM3`.
    pub alg: String,
    /// The id of the issuer key that signed.
    pub key_id: String,
    /// The signature, raw `r‖s` in standard base64.
    pub value: String,
}

impl SignatureRecord {
    /// Builds the wire form of a signature.
    pub fn from_signature(signature: &RecordSignature) -> Self {
        let engine = base64::engine::general_purpose::STANDARD;
        Self { alg: signature.alg.clone(), key_id: signature.key_id.clone(), value: engine.encode(&signature.value) }
    }

    /// Decodes the signature; `None` when the value is not standard base64.
    pub fn to_signature(&self) -> Option<RecordSignature> {
        let engine = base64::engine::general_purpose::STANDARD;
        let value = engine.decode(&self.value).ok()?;
        Some(RecordSignature { alg: self.alg.clone(), key_id: self.key_id.clone(), value })
    }
}

/// The holder as the certificate names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolderRecord {
    /// Name.
    pub name: String,
    /// Sex.
    pub sex: Sex,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// `resident_id`, or the type of another identity document.
    pub id_type: String,
    /// Document number.
    pub id_number: String,
}

/// The employer as the certificate names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRecord {
    /// Unit name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
}

/// The listings a sync fetches, in the order it fetches them: units and persons first, because
/// every other record refers to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    /// `GET /api/v1/units`: [`crate::domain::records::Unit`].
    Units,
    /// `GET /api/v1/persons`: [`crate::domain::records::Person`].
    Persons,
    /// `GET /api/v1/certificates`: [`CertificateRecord`].
    Certificates,
    /// `GET /api/v1/social-security-months`: [`crate::domain::records::PaymentMonth`].
    SocialSecurityMonths,
    /// `GET /api/v1/housing-fund-months`: [`crate::domain::records::PaymentMonth`].
    HousingFundMonths,
    /// `GET /api/v1/safety-certificates`: [`crate::domain::records::SafetyCertificate`].
    SafetyCertificates,
    /// `GET /api/v1/projects`: [`crate::domain::records::Project`].
    Projects,
    /// `GET /api/v1/continuing-education`: [`crate::domain::records::ContinuingEducation`].
    ContinuingEducation,
    /// `GET /api/v1/professional-titles`: [`crate::domain::records::ProfessionalTitle`].
    ProfessionalTitles,
    /// `GET /api/v1/exemptions`: [`crate::domain::records::Exemption`].
    Exemptions,
    /// `GET /api/v1/applications`: [`crate::domain::records::ChangeApplication`].
    Applications,
}

impl Resource {
    /// Every resource in sync order.
    pub const ALL: [Self; 11] = [
        Self::Units,
        Self::Persons,
        Self::Certificates,
        Self::SocialSecurityMonths,
        Self::HousingFundMonths,
        Self::SafetyCertificates,
        Self::Projects,
        Self::ContinuingEducation,
        Self::ProfessionalTitles,
        Self::Exemptions,
        Self::Applications,
    ];

    /// Returns the last path segment, such as `social-security-months`.
    pub fn path(self) -> &'static str {
        match self {
            Self::Units => "units",
            Self::Persons => "persons",
            Self::Certificates => "certificates",
            Self::SocialSecurityMonths => "social-security-months",
            Self::HousingFundMonths => "housing-fund-months",
            Self::SafetyCertificates => "safety-certificates",
            Self::Projects => "projects",
            Self::ContinuingEducation => "continuing-education",
            Self::ProfessionalTitles => "professional-titles",
            Self::Exemptions => "exemptions",
            Self::Applications => "applications",
        }
    }

    /// Parses a path segment written by [`Resource::path`].
    pub fn from_path(path: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.path() == path)
    }
}

/// One page of any listing, with the keys of the records to delete as `K`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordPage<T, K = CertificateKey> {
    /// The page token of the request this page responds to; `None` for the first page.
    /// The client rejects a page whose echo differs from the token it sent.
    #[serde(default)]
    pub page_token: Option<String>,
    /// Records in a stable order.
    pub items: Vec<T>,
    /// Token for the next page, or `None` on the last page.
    pub next_page_token: Option<String>,
    /// Number of records in the whole listing; in a change feed, the records the feed holds.
    pub total: u64,
    /// Keys of the records to delete from the cache (tombstones). The certificate change feed
    /// sends versions removed on the platform or no longer visible to the account. Every other
    /// listing sends, on its first page, the records deleted since the `since` position that the
    /// account could see when they were deleted.
    #[serde(default = "Vec::new")]
    pub deleted: Vec<K>,
    /// On the last page, the position to pass as `since` in the next sync.
    #[serde(default)]
    pub cursor: Option<String>,
}

/// The key of one certificate version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CertificateKey {
    /// Identifier shared by all versions of one certificate.
    pub certificate_id: String,
    /// Version number.
    pub version: u32,
}

impl Resource {
    /// Returns the fields of a record that identify it in this listing. A tombstone is a JSON
    /// object with exactly these fields, copied from the deleted record; a payment month's key
    /// is the whole month record.
    pub fn key_fields(self) -> &'static [&'static str] {
        match self {
            Self::Units => &["credit_code"],
            Self::Persons => &["id_type", "id_number"],
            Self::Certificates => &["certificate_id", "version"],
            Self::SocialSecurityMonths | Self::HousingFundMonths => &["id_number", "unit_credit_code", "month"],
            Self::SafetyCertificates => &["certificate_number"],
            Self::Projects => &["project_id"],
            Self::ContinuingEducation => &["id_number", "specialty", "period_start"],
            Self::ProfessionalTitles => &["id_number", "title", "issued_on"],
            Self::Exemptions => &["exemption_id"],
            Self::Applications => &["application_id"],
        }
    }
}

/// The key of a unit: its credit code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnitKey {
    /// Unified social credit code.
    pub credit_code: String,
}

/// The key of a person: the type and number of their identity document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonKey {
    /// `resident_id`, or the type of another identity document.
    pub id_type: String,
    /// Document number.
    pub id_number: String,
}

/// The key of a 安管 certificate: its number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SafetyCertificateKey {
    /// Certificate number.
    pub certificate_number: String,
}

/// The key of a project.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProjectKey {
    /// Project identifier.
    pub project_id: String,
}

/// The key of a continuing-education period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContinuingEducationKey {
    /// ID number of the person.
    pub id_number: String,
    /// The specialty the hours count for.
    pub specialty: String,
    /// First day of the period.
    pub period_start: NaiveDate,
}

/// The key of a professional title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProfessionalTitleKey {
    /// ID number of the person.
    pub id_number: String,
    /// The title.
    pub title: String,
    /// Issue date.
    pub issued_on: NaiveDate,
}

/// The key of an exemption.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExemptionKey {
    /// Exemption identifier.
    pub exemption_id: String,
}

/// The key of a registration application.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ApplicationKey {
    /// Application identifier.
    pub application_id: String,
}

/// Error body the platform returns with any 4xx or 5xx status.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Machine-readable code such as `unauthorized`.
    pub code: String,
    /// Human-readable text; shown to developers, never to users.
    pub message: String,
}

/// One file sent with a submission: the multipart body carries a part named `file` whose file
/// name is `sha256`, and the platform checks the bytes against this hash and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialManifest {
    /// Material kind code, such as `labour_contract`.
    pub kind: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// File size in bytes.
    pub size: u64,
    /// The name the user knows the file by; display only.
    pub name: String,
}

/// A warning the filing user chose to override, with the reason they gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningOverride {
    /// Code of the pre-check rule, such as `education_short`.
    pub rule: String,
    /// The user's reason.
    pub reason: String,
}

/// `POST /api/v1/applications`: the `submission` part of a multipart body that files a
/// registration application. The request carries an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSubmission {
    /// Application type.
    pub kind: crate::domain::records::ApplicationKind,
    /// Qualification concerned.
    pub qualification: Qualification,
    /// The person's ID number.
    pub id_number: String,
    /// The filing unit (for a change of employer, the new unit).
    pub unit_credit_code: String,
    /// Specialties concerned.
    #[serde(default)]
    pub specialties: Vec<String>,
    /// Day the qualification or added specialty was passed, when the type needs it.
    #[serde(default)]
    pub qualified_on: Option<NaiveDate>,
    /// The files that follow, one part each.
    pub materials: Vec<MaterialManifest>,
    /// Warnings overridden, each with its reason.
    #[serde(default)]
    pub overrides: Vec<WarningOverride>,
    /// For a resubmission after 退回补正, the application it corrects.
    #[serde(default)]
    pub resubmits: Option<String>,
}

/// `POST /api/v1/exemptions`: the `submission` part of a multipart body that records an
/// exemption (豁免) with its evidence file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionSubmission {
    /// The person's ID number.
    pub id_number: String,
    /// Which exemption.
    pub kind: crate::domain::records::ExemptionKind,
    /// Free text.
    #[serde(default)]
    pub note: String,
    /// The evidence file that follows.
    pub evidence: MaterialManifest,
}

/// Receipt of a submission: the platform's identifier of what it filed. A repeated request with
/// the same `Idempotency-Key` gets the same receipt and files nothing new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionReceipt {
    /// Identifier of the application or exemption.
    pub id: String,
    /// When the platform received it first.
    pub received_at: DateTime<Utc>,
}

/// Identity document type of a resident identity card.
pub const RESIDENT_ID: &str = "resident_id";

impl CertificateRecord {
    /// Checks every identifier and image in the record and converts it to the domain type.
    /// Returns the name of the first invalid field.
    pub fn into_certificate(self) -> Result<Certificate, &'static str> {
        if self.holder.id_type == RESIDENT_ID {
            let id = IdNumber::parse(&self.holder.id_number).map_err(|_| "holder.id_number")?;
            if id.as_str() != self.holder.id_number {
                return Err("holder.id_number");
            }
        }
        CreditCode::parse(&self.unit.credit_code).map_err(|_| "unit.credit_code")?;
        let constructor = matches!(self.qualification, Qualification::Constructor1 | Qualification::Constructor2);
        if constructor {
            RegistrationNumber::parse(&self.registration_number).map_err(|_| "registration_number")?;
        } else if self.registration_number.trim().is_empty() {
            return Err("registration_number");
        }
        LicenceId::parse(&self.licence_id).map_err(|_| "licence_id")?;
        if self.specialties.is_empty() || self.specialties.iter().any(|s| s.valid_to < s.valid_from) {
            return Err("specialties");
        }
        let engine = base64::engine::general_purpose::STANDARD;
        let photo_png = engine.decode(&self.photo_png).map_err(|_| "photo_png")?;
        let signature_png = engine.decode(&self.signature_png).map_err(|_| "signature_png")?;
        Ok(Certificate {
            certificate_id: self.certificate_id,
            version: self.version,
            status: self.status,
            qualification: self.qualification,
            registration_number: self.registration_number,
            seal_check_code: self.seal_check_code,
            holder_name: self.holder.name,
            sex: self.holder.sex,
            birth_date: self.holder.birth_date,
            id_type: self.holder.id_type,
            id_number: self.holder.id_number,
            unit_name: self.unit.name,
            unit_credit_code: self.unit.credit_code,
            specialties: self.specialties,
            issuer: self.issuer,
            issued_on: self.issued_on,
            licence_id: self.licence_id,
            photo_png,
            signature_png,
        })
    }

    /// Builds the wire form of a certificate.
    pub fn from_certificate(certificate: &Certificate) -> Self {
        let engine = base64::engine::general_purpose::STANDARD;
        Self {
            certificate_id: certificate.certificate_id.clone(),
            version: certificate.version,
            status: certificate.status,
            qualification: certificate.qualification,
            registration_number: certificate.registration_number.clone(),
            seal_check_code: certificate.seal_check_code.clone(),
            holder: HolderRecord {
                name: certificate.holder_name.clone(),
                sex: certificate.sex,
                birth_date: certificate.birth_date,
                id_type: certificate.id_type.clone(),
                id_number: certificate.id_number.clone(),
            },
            unit: UnitRecord { name: certificate.unit_name.clone(), credit_code: certificate.unit_credit_code.clone() },
            specialties: certificate.specialties.clone(),
            issuer: certificate.issuer.clone(),
            issued_on: certificate.issued_on,
            licence_id: certificate.licence_id.clone(),
            photo_png: engine.encode(&certificate.photo_png),
            signature_png: engine.encode(&certificate.signature_png),
            record_signature: None,
        }
    }
}
