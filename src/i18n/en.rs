//! English.

use super::Key;

/// Returns the text of a key.
#[expect(clippy::too_many_lines, reason = "one arm per string")]
#[expect(clippy::match_same_arms, reason = "different keys may share a text in one language but not in another")]
pub fn text(key: Key) -> &'static str {
    match key {
        Key::AppTitle => "CertDesk",
        Key::DemoPlatform => "Demo platform",
        Key::NavMyCertificates => "My certificates",
        Key::NavRoster => "Staff roster",
        Key::Sync => "Sync",
        Key::SyncProgress => "Synced {records}/{total} records ({pages} pages)",
        Key::SyncDone => "Sync finished: {records} records written.",
        Key::LastSync => "Last sync: {time}",
        Key::NeverSynced => "Not synced yet",
        Key::Offline => "Offline: platform unreachable, showing the local cache",
        Key::Dismiss => "Dismiss",
        Key::RoleHolder => "Holder",
        Key::RoleUnit => "Unit administrator",
        Key::Search => "Search",
        Key::SearchHint => "Name, registration number, specialty or ID",
        Key::CountSummary => "{count} entries",
        Key::EmptyCache => "The local cache has no certificates yet. Click Sync to fetch them.",
        Key::SelectCertificate => "Select a certificate in the list to see its details.",
        Key::ColName => "Name",
        Key::ColRegNo => "Registration No.",
        Key::ColQualification => "Qualification",
        Key::ColSpecialties => "Specialties",
        Key::ColIdNumber => "ID number",
        Key::ColValidTo => "Earliest expiry",
        Key::ColStatus => "Status",
        Key::StatusValid => "Valid",
        Key::StatusCurrentVersion => "Current version",
        Key::StatusSuperseded => "Superseded (old version)",
        Key::StatusExpiring => "Expiring ({days} days left)",
        Key::StatusExpired => "Expired",
        Key::StatusNotYetValid => "Not yet valid",
        Key::CertificateTitleSuffix => "registration certificate",
        Key::SupersededNotice => {
            "This version was replaced by a newer one and is no longer valid; shown for history only."
        }
        Key::FieldName => "Name",
        Key::FieldSex => "Sex",
        Key::FieldBirthDate => "Date of birth",
        Key::FieldIdNumber => "ID number",
        Key::FieldRegNo => "Registration No.",
        Key::FieldEmployer => "Employer",
        Key::FieldCreditCode => "Unified social credit code",
        Key::FieldSpecialties => "Registered specialties",
        Key::FieldIssuer => "Issuer",
        Key::FieldIssuedOn => "Issue date",
        Key::FieldVersion => "Version",
        Key::FieldLicenceId => "E-licence identifier",
        Key::FieldPhoto => "Photo",
        Key::FieldSignature => "Signature",
        Key::FieldRecordSignature => "Digital signature",
        Key::SignatureValid => "Signature valid",
        Key::SignatureTampered => "Content was changed",
        Key::SignatureUntrusted => "Issuer not trusted",
        Key::SignatureMissing => "No digital signature",
        Key::ShowFullId => "Show full number",
        Key::HideFullId => "Hide",
        Key::SexMale => "Male",
        Key::SexFemale => "Female",
        Key::SpecialtyName => "Specialty",
        Key::ValidFrom => "Valid from",
        Key::ValidTo => "Valid to",
        Key::ValidUntil => "valid to {date}",
        Key::Versions => "Versions",
        Key::VersionLine => "Version {version} · {date} · {status}",
        Key::Yes => "yes",
        Key::No => "no",
        Key::QualConstructor1 => "First-class constructor ",
        Key::QualConstructor2 => "Second-class constructor ",
        Key::QualSupervisionEngineer => "Registered supervision engineer ",
        Key::QualCostEngineer => "Registered cost engineer ",
        Key::QualSafetyEngineer => "Registered safety engineer ",
        Key::QualArchitect => "Registered architect ",
        Key::QualSurveyDesignEngineer => "Registered survey and design engineer ",
        Key::IdEmpty => "The ID number is empty.",
        Key::IdScientificNotation => {
            "Excel has turned the number into scientific notation (such as 1.10105E+17) and its last digits are lost. Enter it again from the original document and format the column as text."
        }
        Key::IdLength => "An ID number has 18 characters (15 for old cards); this one has {length}.",
        Key::IdCharacter => {
            "Character {position} ('{character}') is not allowed: the first 17 must be digits and the 18th a digit or X."
        }
        Key::IdProvince => "The first two digits '{prefix}' are not a province code.",
        Key::IdBirthDate => "Digits 7 to 14 ('{digits}') are not a valid birth date.",
        Key::IdCheckCharacter => "The check character (18th) should be {expected}, not {found}",
        Key::CreditCodeEmpty => "The credit code is empty.",
        Key::CreditCodeLength => "A credit code has 18 characters; this one has {length}.",
        Key::CreditCodeCharacter => {
            "Character {position} ('{character}') is not in the credit code alphabet (I, O, S, V and Z are not used)."
        }
        Key::CreditCodeCheckCharacter => "The check character (18th) should be {expected}, not {found}",
        Key::LicenceIdEmpty => "The e-licence identifier is empty.",
        Key::LicenceIdRoot => "An e-licence identifier starts with '{root}.'.",
        Key::LicenceIdParts => {
            "After the root there should be 5 parts (type, issuer, serial, version, check); this one has {count}."
        }
        Key::LicenceIdVersion => "The version '{version}' should be 3 digits.",
        Key::LicenceIdCharacter => "'{character}' is not allowed: only digits and capital letters.",
        Key::LicenceIdCheckCharacter => "The check character should be {expected}, not {found}",
        Key::RegNoEmpty => "The registration number is empty.",
        Key::RegNoProvince => "The first character '{character}' is not a province abbreviation (军 for the PLA).",
        Key::RegNoLength => "A registration number is one character and 12 digits; this one has {digits} digits.",
        Key::RegNoCharacter => "Character {position} ('{character}') should be a digit.",
        Key::RegNoLevel => "Character 2 is the level and should be 1 or 2, not {level}.",
        Key::RegNoProvinceCode => "Characters 3 and 4 ('{code}') are not a province code of initial registration.",
        Key::RegNoSealCheckCode => "The seal check code '{code}' should be 2 digits in brackets, such as (02).",
        Key::ErrorInvalidUrl => {
            "The platform URL '{url}' is invalid: it must start with https://, such as https://127.0.0.1:8443."
        }
        Key::ErrorInvalidProxy => {
            "The proxy URL '{url}' is invalid: it must start with http:// or https://, such as http://proxy.example:3128."
        }
        Key::ErrorInvalidCa => {
            "The CA file contains no PEM certificate. Choose the .pem certificate file the platform provides."
        }
        Key::ErrorClient => {
            "The network component could not start. Restart CertDesk, and contact support if it happens again."
        }
        Key::ErrorUnreachable => {
            "Cannot reach the platform. Check the network or the platform URL and try again later; cached certificates remain available."
        }
        Key::ErrorUntrusted => {
            "The platform's certificate is not trusted, so the connection was stopped. Check the platform URL and use the CA certificate the platform provides."
        }
        Key::ErrorTimedOut => {
            "The platform did not respond in time. Try again later; cached certificates remain available."
        }
        Key::ErrorSignedOut => "Your sign-in has expired. Sign in again.",
        Key::ErrorWrongCredentials => "The account, password or role was rejected. Check them and sign in again.",
        Key::ErrorStatus => {
            "The platform returned an error (HTTP {status}). Try again later, and contact the platform's operators if it persists."
        }
        Key::ErrorMalformed => {
            "The platform sent data CertDesk cannot read. The sync stopped without writing that page; pages synced before it are kept. Try again later."
        }
        Key::ErrorPageOutOfSequence => {
            "The platform sent its pages out of order (a page repeated or skipped), so that page was not written. Sync again later, and contact the platform's operators if it persists."
        }
        Key::ErrorGaveUp => {
            "The platform returned errors {attempts} times in a row, so the sync paused. Every page synced so far is saved. Sync again in a few minutes to continue where it stopped, and contact the platform's operators if it keeps failing."
        }
        Key::ErrorGaveUpOffline => {
            "The platform could not be reached or did not respond {attempts} times in a row, so the sync paused. Every page synced so far is saved. Check the network, then sync again to continue where it stopped."
        }
        Key::SyncClockSkew => {
            "This computer's clock differs from the platform's by about {minutes} minutes. Sync is not affected, because it resumes from positions the platform issues, but expiry is judged by this computer's date, so set its clock right."
        }
        Key::ErrorInvalidRecord => {
            "The platform sent certificate {certificate} with an invalid field {field}; that page was not written. Contact the platform's operators."
        }
        Key::ErrorStore => {
            "Reading or writing the local cache failed. Check the disk space and the data folder's permissions, then try again."
        }
        Key::ErrorNoHome => {
            "No home folder was found for the data folder. Set one with --data-dir or CERTDESK_DATA_DIR."
        }
        Key::ErrorDataDir => {
            "The data folder {path} cannot be created or written. Check the path and permissions, or choose another folder with --data-dir."
        }
        Key::ErrorDemoStart => {
            "The demo platform failed to start; showing the local cache. Restart CertDesk and try again."
        }
        Key::ErrorWorker => {
            "The background sync thread could not start; only the local cache is available. Restart CertDesk."
        }
        Key::ErrorCaMissing => "The platform's CA certificate copy is missing. Run certdesk login again.",
        Key::ErrorSignInAgain => {
            "No sign-in token is stored; showing the local cache. Run certdesk login to sign in, then sync."
        }
        Key::ErrorWindow => "The window could not open: {detail}. Try --renderer glow to use OpenGL.",
        Key::CliUnknownArgument => "Unknown argument '{arg}'. Run certdesk --help for usage.",
        Key::CliUnknownCommand => "Unknown command '{command}'. Run certdesk --help to see the commands.",
        Key::CliMissingArgument => "Missing argument {arg}. Run certdesk --help for usage.",
        Key::CliMissingCommand => "A subcommand is missing. Run certdesk --help to see the commands.",
        Key::CliInvalidValue => "The value '{value}' of {arg} is invalid. Run certdesk --help for the accepted values.",
        Key::CliUsage => "The command line is invalid. Run certdesk --help for usage.",
        Key::CliReadFile => "Cannot read {path}: {detail}",
        Key::CliWriteFile => "Cannot write {path}: {detail}. Check the disk space and permissions.",
        Key::CliSandboxStart => "Cannot start the demo platform on {addr}: {detail}. Choose another address or port.",
        Key::CliLoggedIn => "Signed in to {platform} as {account} ({role}).",
        Key::CliLogoutDone => "Signed out of {account} on {platform}; the token was deleted. ",
        Key::CliLogoutCacheDeleted => "The local cache was deleted.",
        Key::CliLogoutCacheKept => {
            "The local cache stays on this computer; run certdesk logout --delete-cache to delete it."
        }
        Key::CliLogoutNone => "No account is signed in, so there is nothing to sign out of.",
        Key::CliTokenNotStored => {
            "Note: this machine has no usable credential store, so the token is not saved anywhere; the next sync asks for the password again (or set CERTDESK_PASSWORD)."
        }
        Key::CliPasswordMissing => "A password is needed: set CERTDESK_PASSWORD, or run this in a terminal to type it.",
        Key::CliPasswordPrompt => "Password: ",
        Key::CliNotLoggedIn => {
            "No platform is signed in. Run certdesk login --platform URL --ca-cert FILE --role holder|unit --account NAME first."
        }
        Key::CliNoCache => "There is no local cache yet. Run certdesk sync (or sync in the CertDesk window) first.",
        Key::CliCertificateNotFound => {
            "No certificate with registration number {number} is cached. Check the number, or run certdesk sync first."
        }
        Key::CliSyncProgress => "Synced {records}/{total} records, {pages} pages, {kib} KiB, {rate} records/s",
        Key::CliSyncDone => "Sync finished: {fetched} fetched, {written} written, {pages} pages, {bytes} bytes.",
        Key::ValidateNormalized => "Normalised",
        Key::ValidateInvalid => "Invalid",
        Key::ValidateRegionCode => "Region code",
        Key::ValidateResidencePermit => "Residence permit (HK/Macau/Taiwan)",
        Key::ValidateOrganizationCode => "Organisation code",
        Key::ValidateProvince => "Province",
        Key::ValidateLevel => "Level",
        Key::ValidateInitialProvinceCode => "Province code at initial registration",
        Key::ValidateQualificationYear => "Qualification year",
        Key::ValidateInitialRegistrationYear => "Initial registration year",
        Key::ValidateSerial => "Serial",
        Key::ValidateSealCheckCode => "Seal check code",
        Key::ValidateTypeCode => "Licence type code",
        Key::ValidateIssuer => "Issuer code",
        Key::ScenarioError => "Scenario file {file}, {location}: {problem} {fix}",
        Key::ScenarioUnreadable => "the file cannot be read ({detail}).",
        Key::ScenarioFixPath => "Check the path and permissions.",
        Key::ScenarioLineColumn => "line {line}, column {column}",
        Key::ScenarioSyntax => "the content is not valid scenario JSON ({detail}).",
        Key::ScenarioFixSyntax => "Fix that place as docs/sandbox-scenarios.md describes.",
        Key::ScenarioUnknownPerson => "the person {value} is not listed in persons.",
        Key::ScenarioFixAddPerson => "Add the person to persons, or correct the ID number.",
        Key::ScenarioUnknownUnit => "the unit {value} is not listed in units.",
        Key::ScenarioFixAddUnit => "Add the unit to units, or correct the credit code.",
        Key::ScenarioFixIdentifier => "Correct the identifier.",
        Key::ScenarioNotNormalized => {
            "it must be written in its normal form {value} (upper case, half-width, no spaces)."
        }
        Key::ScenarioDuplicate => "{value} appears more than once.",
        Key::ScenarioFixDuplicate => "Remove the duplicate or merge the entries.",
        Key::ScenarioOtherDocument => "a person with another document type needs sex and birth_date.",
        Key::ScenarioFixOtherDocument => "Add sex (male or female) and birth_date (YYYY-MM-DD).",
        Key::ScenarioSpecialties => "at least one specialty is needed, and no valid_to may be before its valid_from.",
        Key::ScenarioFixSpecialties => "Check the validity of each specialty.",
        Key::ScenarioMonthRange => "the months are empty, or from/to are not both given, or from is after to.",
        Key::ScenarioFixMonthRange => "Give a months list, or both from and to (YYYY-MM).",
        Key::MonthInvalid => "the month \"{text}\" is invalid: write YYYY-MM with a month from 01 to 12",
        Key::CliScenarioLoad => "{detail}",
    }
}
