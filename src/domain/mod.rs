//! Domain types and rules: identifiers, certificates and dates, as plain values with no I/O.
//!
//! Everything here is pure so it tests without a database, a network or a clock.

pub mod application;
pub mod batch;
pub mod certificate;
pub mod compliance;
pub mod credit_code;
pub mod id_number;
pub mod licence_id;
pub mod progress;
pub mod record_signature;
pub mod records;
pub mod registration_number;
pub mod time;
pub mod usage_period;

mod normalize;

pub use certificate::{Certificate, CertificateStatus, CertificateSummary, Qualification, Sex, Specialty};
pub use credit_code::CreditCode;
pub use id_number::IdNumber;
pub use licence_id::LicenceId;
pub use registration_number::RegistrationNumber;
