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
        Key::SyncDone => {
            "Sync finished: {records} records written (certificates, social security, housing fund, projects…)."
        }
        Key::LastSync => "Last sync: {time}",
        Key::NeverSynced => "Not synced yet",
        Key::Offline => "Offline: platform unreachable, showing the local cache",
        Key::Dismiss => "Dismiss",
        Key::RoleHolder => "Certificate holder",
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
        Key::ColRecordSignature => "Signature",
        Key::StatusValid => "Valid",
        Key::StatusCurrentVersion => "Current version",
        Key::StatusSuperseded => "Superseded (old version)",
        Key::StatusExpiring => "Expiring ({days} days left)",
        Key::StatusExpired => "Expired",
        Key::StatusNotYetValid => "Not yet valid",
        Key::FilterSpecialty => "Specialty",
        Key::FilterAllSpecialties => "All specialties",
        Key::FilterValidity => "Validity",
        Key::FilterAllValidity => "Any validity",
        Key::FilterExpiring => "Expiring",
        Key::SortHint => "Click to sort by this column, again to reverse",
        Key::SortAscending => "Ascending",
        Key::SortDescending => "Descending",
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
        Key::SignatureValid => "Valid",
        Key::SignatureTampered => "Content was changed",
        Key::SignatureUntrusted => "Issuer not trusted",
        Key::SignatureMissing => "No digital signature",
        Key::ListSignatureValid => "Verified",
        Key::ListSignatureTampered => "Altered",
        Key::ListSignatureUntrusted => "Untrusted",
        Key::ListSignatureMissing => "Unsigned",
        Key::ListSignatureUnchecked => "Unchecked",
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
        Key::QualConstructor1 => "Class 1 Constructor ",
        Key::QualConstructor2 => "Class 2 Constructor ",
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
        Key::ScenarioError => "Scenario file {file}, {location}: {problem}. {fix}",
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
        Key::NavImport => "Import",
        Key::ImportTitle => "Import a social security or housing fund roster",
        Key::ImportKindSocialSecurity => "Social security",
        Key::ImportKindHousingFund => "Housing fund",
        Key::ImportFilePath => "File path",
        Key::ImportFileHint => "Paste the full path of an .xlsx, .xls or .csv file",
        Key::ImportPreview => "Preview",
        Key::ImportReading => "Reading the file…",
        Key::ImportWriting => "Writing to the local cache…",
        Key::ImportConfirm => "Import {count} rows",
        Key::ImportBack => "Back to the list",
        Key::ImportSummary => {
            "{format}, sheet “{sheet}”, header on row {header_row}: {accepted} rows to import, {rejected} rejected. Nothing is written before you confirm."
        }
        Key::ImportAccepted => "Rows to import",
        Key::ImportRejected => "Rejected rows",
        Key::ImportColRow => "Row",
        Key::ImportColUnit => "Paying unit",
        Key::ImportColMonths => "Months",
        Key::ImportColReason => "Reason",
        Key::ImportMonthSpan => "{from} to {to} ({count} months)",
        Key::ImportWrittenSocialSecurity => {
            "Social security payments imported. New people: {persons}; new units: {units}; months added: {added}; months updated: {updated}."
        }
        Key::ImportWrittenHousingFund => {
            "Housing fund payments imported. New people: {persons}; new units: {units}; months added: {added}; months updated: {updated}."
        }
        Key::ImportNothingToWrite => "There are no rows to import; the cache is unchanged.",
        Key::ImportRowReason => "Row {row}: {problem}",
        Key::ImportNameMissing => "The name is empty.",
        Key::ImportIdInvalid => "Invalid ID number: {detail}",
        Key::ImportUnitCodeMissing => "The unit's credit code is empty, and the rows above the header give none.",
        Key::ImportUnitCodeInvalid => "Invalid unit credit code: {detail}",
        Key::ImportUnitNameMissing => "The unit name is empty, and the rows above the header give none.",
        Key::ImportMonthMissing => "The month paid for is empty.",
        Key::ImportMonthUnreadable => {
            "The month “{text}” cannot be read: write it as 2026-01, 2026/01, 202601 or 2026年1月, or a range such as 2026-01至2026-06."
        }
        Key::ImportMonthAmbiguous => {
            "The month “{text}” is ambiguous: Excel stored it as a number, so it may be January or October {year}. Format the column as text and export again."
        }
        Key::ImportMonthOpenEnded => "The range “{text}” has no last month; write the month it ends.",
        Key::ImportMonthReversed => "The range “{text}” ends before it starts.",
        Key::ImportDuplicateRow => "Repeats row {first} (same person, unit and months); imported once.",
        Key::ImportNameConflict => {
            "Same ID number as row {first} but a different name (“{name}” and “{first_name}”); check the file."
        }
        Key::ImportErrorRead => "Cannot read the file {path}: {detail}. Check the path and the read permission.",
        Key::ImportErrorEmpty => "The file is empty. Check that the export finished and choose the file again.",
        Key::ImportErrorOtherFormat => {
            "The file is a {format} file, not an Excel workbook (.xlsx, .xls) or CSV text. Choose the roster exported from the online office."
        }
        Key::ImportErrorNotSpreadsheet => {
            "The file is neither an Excel workbook (.xlsx, .xls) nor CSV text in UTF-8 or GBK. Choose the roster exported from the online office."
        }
        Key::ImportErrorUnreadableWorkbook => {
            "The file looks like an {format} workbook but cannot be read; it may be damaged or password-protected. Open it in Excel, save it as .xlsx and try again."
        }
        Key::ImportErrorNoHeader => {
            "No header found: none of the first {rows} rows has an ID number column (身份证号码, 公民身份号码, 身份证号 or 证件号码). Check that the file is a social security or housing fund roster."
        }
        Key::CliImportSummary => "{accepted} rows to import, {rejected} rejected.",
        Key::CliImportDryRun => "Dry run: nothing was written to the cache.",
        Key::FindingTitleC01 => "Registered in several units",
        Key::FindingTitleC02 => "Social security paid by another unit",
        Key::FindingTitleC03 => "Several social-security payers in one month",
        Key::FindingTitleC04 => "No recent social security",
        Key::FindingTitleC05 => "Housing fund paid elsewhere",
        Key::FindingTitleC06 => "Safety certificate B in another unit",
        Key::FindingTitleC07 => "Manager of several active projects",
        Key::FindingTitleC08 => "Over age or registration expired",
        Key::FindingTitleC09 => "Specialty expiring",
        Key::FindingTitleC10 => "Exported copy lapsing",
        Key::FindingTitleC11 => "Continuing education short",
        Key::FindingTitleC12 => "Frequent registration changes",
        Key::FindingC01 => {
            "The same ID number holds registrations in {count} units: {units}. Regulators treat this as registration in several places, which is refused."
        }
        Key::FixC01 => {
            "Keep only the registration with the unit you actually work for, and cancel or transfer the others."
        }
        Key::FindingC02 => {
            "The certificate is registered with {registration}, but recent social security is paid by {payers}, with no exemption recorded. This is the main evidence regulators use for 挂证."
        }
        Key::FixC02 => {
            "Transfer the registration to {payers}, or have {registration} pay the social security and {payers} stop; if an exemption applies (retired, public institution…), record it with its evidence."
        }
        Key::FindingC03 => "In {months}, {count} units paid social security for the same month.",
        Key::FixC03 => {
            "Confirm the real employer; the other units should remove the person from their insurance and apply for a refund."
        }
        Key::FindingC04 => {
            "There is no social-security payment for {months}, while the certificate is still registered."
        }
        Key::FixC04 => {
            "Have {registration} pay the arrears; if retired or exempt, record the exemption with its evidence."
        }
        Key::FindingC05 => {
            "The certificate is registered with {registration}; recent housing fund is paid by {payers}."
        }
        Key::FixC05 => "Move the housing fund to {registration}.",
        Key::FindingC06 => {
            "The safety certificate B is registered with {safety}, not with the constructor registration unit {registration}."
        }
        Key::FixC06 => "Transfer the B certificate to {registration}.",
        Key::FindingC07 => {
            "Manager of {count} active projects at once: {projects}, none of them adjacent sections, past contract acceptance, or stopped 120 days with the client's consent."
        }
        Key::FixC07 => "Change the manager of one project, or add the evidence of an allowed exception.",
        Key::FindingC08Age => "Turned 65 on {date}; the registration has lapsed but still shows as registered.",
        Key::FixC08Age => "Cancel the registration.",
        Key::FindingC08Expired => "The specialty {specialty} expired on {date} without renewal.",
        Key::FixC08Expired => "The specialty can no longer be practised; re-register or cancel it.",
        Key::FindingC09 => "The specialty {specialty} expires on {date} ({days} days left).",
        Key::FixC09 => "Renewal must be filed 30 days before expiry: file it before {deadline}.",
        Key::FindingC10Lapsed => "The exported copy {copy} passed its usage period on {date}.",
        Key::FindingC10Lapsing => "The exported copy {copy} reaches the end of its usage period on {date}.",
        Key::FixC10 => "If it is still needed, export a new copy with its purpose.",
        Key::FindingC11 => {
            "Continuing education for {specialty} is short this period: compulsory {compulsory}/60 hours, elective {elective}/60 hours."
        }
        Key::FixC11 => {
            "Complete the hours before {date} (whether this is enforced today is uncertain; this is a reminder)."
        }
        Key::FindingC12 => "{count} registration changes within 12 months; some provinces check such cases closely.",
        Key::FixC12 => "Keep each change's labour contract and leaving proof ready for checks.",
        Key::CheckSummary => "People checked: {people}, as of {date}. Findings: {findings}, still open: {open}.",
        Key::SeverityLow => "Low",
        Key::SeverityMedium => "Medium",
        Key::SeverityHigh => "High",
        Key::FindingOpen => "Open",
        Key::FindingExplained => "Explained (exemption)",
        Key::FindingExplainedBy => {
            "“{finding}” is explained by a recorded exemption: {exemption} (evidence: {file}). In principle this is not 挂证; it stays listed as a record."
        }
        Key::FixExplained => "No action needed; keep the evidence and update the exemption if the situation changes.",
        Key::ExemptionRetired => "retired or lawful early retirement",
        Key::ExemptionPublicInstitution => "kept public-institution status after restructuring",
        Key::ExemptionUniversityConsulting => "university staff in the university's own consulting unit",
        Key::ExemptionDemobilisedMilitary => "self-employed demobilised military",
        Key::ExemptionInsuranceBoughtOut => "social insurance bought out in a restructuring or land expropriation",
        Key::ExemptionOtherLegalBasis => "another legal or policy basis",
        Key::NavCompliance => "Compliance",
        Key::RunChecks => "Check again",
        Key::SelectFinding => "Select a finding to see its evidence.",
        Key::FindingSearchHint => "Name, registration number or ID",
        Key::OpenOnly => "Open only",
        Key::ShowAllCodes => "Show all",
        Key::ExportPath => "Export to",
        Key::ExportFindings => "Export to Excel",
        Key::ExportedTo => "Exported to {path}",
        Key::ColFinding => "Finding",
        Key::ColSeverity => "Severity",
        Key::ColFindingStatus => "Status",
        Key::ColExplanation => "Explanation",
        Key::ColFix => "What to do",
        Key::ColUnits => "Units",
        Key::ColAsOf => "As of",
        Key::FixLine => "What to do: {fix}",
        Key::AsOfLine => "As of: {date}",
        Key::EvidenceTitle => "Evidence",
        Key::EvidenceRegistration => "Registration {number} with unit {unit}",
        Key::EvidenceSocialSecurity => "Social security paid by {unit}: {months}",
        Key::EvidenceHousingFund => "Housing fund paid by {unit}: {months}",
        Key::EvidenceMissing => "No social security for: {months}",
        Key::EvidenceSafety => "Safety certificate {number} with unit {unit}",
        Key::EvidenceProject => "Active project {id} \"{name}\", started {date}",
        Key::EvidenceDate => "{subject}: {date}",
        Key::EvidenceHours => "{specialty}: {compulsory} compulsory hours, {elective} elective hours",
        Key::EvidenceApplications => "Applications within 12 months: {list}",
        Key::EvidenceExemption => "Recorded exemption: {kind}, evidence {file}",
        Key::WhoUsesMyCertificate => {
            "Who uses my certificate: the units named in your registration, social-security, housing-fund and safety-certificate records"
        }
        Key::NamedByRegistration => "registration",
        Key::NamedBySocialSecurity => "social security",
        Key::NamedByHousingFund => "housing fund",
        Key::NamedBySafetyCertificate => "safety certificate",
        Key::DeclaredEmployer => "Declared: I work here",
        Key::DeclareEmployer => "I work here",
        Key::DeclareHint => {
            "Declare the unit you actually work for. Only you can confirm it: the records cannot show it."
        }
        Key::MismatchWarning => {
            "A unit you do not work for holds your certificate's registration. Below is a report draft you can save or print."
        }
        Key::ReportDraft => "Report draft",
        Key::SaveReport => "Save as a text file",
        Key::NoReport => "There is no report to save.",
        Key::ReportSaved => "The report was saved to {path}",
        Key::ReportTemplate => {
            "Report (draft)\n\nReported by: {name} (ID {id})\n\nI work for {declared}. My registration certificate is still registered with: {registrations}. I do not work for these units and did not agree to their use of my certificate.\n\nRecords:\n{evidence}\n\nI ask the authority to investigate under the law.\n\nSignature:\nDate: {date}\n"
        }
        Key::ExportPdfTitle => "{qualification} e-certificate",
        Key::ExportPdfSubtitle => "Exported copy made by CertDesk, valid only for the stated purpose",
        Key::ExportSpecialtyWindow => "valid {from} to {to}",
        Key::ExportUsableUntil => "This copy may be used until {date}",
        Key::ExportExportedOn => "Exported on {date}",
        Key::ExportQrCaption => "Verify offline: open this file in CertDesk or paste the QR text",
        Key::ExportHandSignNote => "A printout is valid only with the holder's handwritten signature.",
        Key::ExportWatermark => {
            "Annotation: {purpose} | Recipient: {recipient} | Exported: {exported} | Usable until: {until}"
        }
        Key::ExportWatermarkMarker => "Annotation:",
        Key::ExportWatermarkEndLabel => "Usable until:",
        Key::ExportNoPurpose => "no purpose stated",
        Key::ExportNoRecipient => "not stated",
        Key::ExportAttachmentDescription => "CertDesk signed payload (the same text as the QR code)",
        Key::ExportMissingGlyph => {
            "Export stopped: the bundled font has no glyph for “{character}” ({code}) in “{field}”, and no file was written. Please report the character to the CertDesk developers."
        }
        Key::ExportReservedText => {
            "The purpose and recipient cannot contain “{text}”, because it marks the start or end of the annotation. Reword them and export again."
        }
        Key::ExportPurposeMissing => {
            "Enter the purpose (annotation), such as “for the XX tender only”; to export without one, choose so explicitly (--no-purpose on the command line)."
        }
        Key::ExportRenderFailed => "Could not create the exported file: {detail}",
        Key::ExportKeyFailed => {
            "Cannot read or create the export signing key: {detail}. Check the data folder's permissions."
        }
        Key::ExportDone => "Exported {path}, usable until {until}, and recorded in the export register.",
        Key::ExportsEmpty => "The export register is empty.",
        Key::VerifyNoPayload => {
            "No CertDesk payload found: this is not a PDF exported by CertDesk, the image has no readable QR code, or the pasted text is not a CertDesk QR code."
        }
        Key::VerifyUnsupportedFile => "Only PDF, PNG and JPEG files can be verified.",
        Key::VerdictGenuine => {
            "Genuine: a CertDesk copy of {number} version {version}, signature and annotation unchanged, usable until {until}."
        }
        Key::VerdictAltered => {
            "Altered: the signed data or the annotation differs from what was signed, so this copy proves nothing."
        }
        Key::VerdictUntrustedKey => {
            "Untrusted: this copy was signed by key {key}, which is not in the trusted list, so its origin cannot be confirmed."
        }
        Key::VerdictSuperseded => {
            "Superseded: version {version} of {number} was replaced by version {newer}, so this copy is no longer valid."
        }
        Key::VerdictPastUsagePeriod => "Past its usage period: this copy was usable until {until}; export a new one.",
        Key::KeysPublicKey => "This installation's export signing public key ({key_id}): {key}",
        Key::KeysAdded => "Trusted key {key_id} ({label}).",
        Key::KeysInvalid => "Invalid SM2 public key: paste the 130 hexadecimal digits starting with 04.",
        Key::ExportPdfAction => "Export PDF",
        Key::ExportPurposeLabel => "Purpose (annotation)",
        Key::ExportPurposeHint => "e.g. for the XX tender only",
        Key::ExportNoPurposeChoice => "Export without a purpose (explicit choice)",
        Key::ExportRecipientLabel => "Recipient",
        Key::ExportFullIdChoice => "Show the full ID number",
        Key::ExportPathLabel => "Save to (file path)",
        Key::ExportPathHint => "a name ending in .png saves an image, any other a PDF",
        Key::ExportPathMissing => "Enter the file path to save the PDF to.",
        Key::ExportSubmit => "Export",
        Key::Cancel => "Cancel",
        Key::ExportRunning => "Exporting…",
        Key::NavRegister => "Export register",
        Key::NavRegisterLapsing => "Export register ({count} lapsing)",
        Key::NavVerify => "Verify",
        Key::RegisterFilter => "Filter",
        Key::RegisterFilterHint => "Name, registration number, purpose, recipient or file",
        Key::RegisterColExportedOn => "Exported on",
        Key::RegisterColPurpose => "Purpose",
        Key::RegisterColRecipient => "Recipient",
        Key::RegisterColFile => "File",
        Key::RegisterColSha256 => "File SHA-256",
        Key::RegisterColUsableUntil => "Usable until",
        Key::RegisterColSource => "Source",
        Key::RegisterLapsingSoon => {
            "Reminder: {count} exported copies lapse within 14 days; export new ones if needed."
        }
        Key::RegisterLapsesIn => "lapses in {days} days",
        Key::RegisterLapsed => "lapsed",
        Key::RegisterExcelPath => "Excel file path",
        Key::RegisterExcelExport => "Export to Excel",
        Key::RegisterExcelDone => "Saved the export register to {path}.",
        Key::VerifyInputLabel => "Paste the QR text, or enter the path of a PDF or PNG exported by CertDesk",
        Key::VerifyAction => "Verify",
        Key::BatchProgress => "Exported {done}/{total}: {file}",
        Key::BatchItemFailed => "{number} failed: {detail}",
        Key::BatchSummary => {
            "Batch export finished: {written} written, {failed} failed, recorded in the export register."
        }
        Key::NavBatch => "Batch export",
        Key::BatchFolderLabel => "Save into folder",
        Key::BatchPngChoice => "Save as images (PNG)",
        Key::BatchStart => "Export every current certificate",
        Key::BatchCount => "{done}/{total}",
        Key::BatchFolderMissing => "Enter the folder to save the files into.",
        Key::IoNotFound => "the file or folder does not exist",
        Key::IoPermissionDenied => "permission denied",
        Key::IoNotADirectory => "part of the path is a file, not a folder",
        Key::IoIsADirectory => "it is a folder, not a file",
        Key::IoAddrInUse => "the port is already in use by another program",
        Key::IoAddrNotAvailable => "this computer has no such address",
        Key::IoStorageFull => "the disk is full",
        Key::IoInvalidData => "the content is not valid UTF-8 text",
        Key::IoOther => "a system read or write error",
        Key::FixC09Late => {
            "The renewal deadline, 30 days before expiry ({deadline}), has passed: file the renewal now, or re-registration will be needed after expiry."
        }
        Key::FullIdInReport => "Write the full ID number in the report",
        Key::FindingsExportHint => "Leave empty to save in the data folder's exports folder",
        Key::LevelOne => "first class",
        Key::LevelTwo => "second class",
        Key::YearDisplay => "{year}",
        Key::HelpAbout => {
            "CertDesk: e-certificates, change registrations and 挂证 checks. With no subcommand it opens the window."
        }
        Key::HelpDataDir => "Data folder (default: CERTDESK_DATA_DIR, then the OS data folder)",
        Key::HelpRenderer => "Window renderer: wgpu (default) or glow (OpenGL)",
        Key::HelpSandbox => "Run the sandbox platform",
        Key::HelpSandboxServe => {
            "Serve until interrupted; the first stdout line is JSON with the URL, CA file and accounts"
        }
        Key::HelpAddr => "Address to listen on (port 0 lets the OS choose)",
        Key::HelpCaOut => "Where to write the CA certificate (default: sandbox-ca.pem in the data folder)",
        Key::HelpScenario => "Serve exactly the records of this scenario file",
        Key::HelpSandboxGenerate => "Write the demo data as a scenario file to edit and serve with serve --scenario",
        Key::HelpGenerateOut => "Scenario file to write",
        Key::HelpLogin => "Sign in to a platform and remember it as the active one",
        Key::HelpPlatform => "Platform base URL, such as https://127.0.0.1:8443",
        Key::HelpCaCert => "PEM file of the CA that signs the platform's TLS certificate",
        Key::HelpRole => "Role: holder or unit",
        Key::HelpAccount => "Account name",
        Key::HelpSync => "Fetch the active account's records into the cache",
        Key::HelpSyncJson => "End with one JSON object summarising the run",
        Key::HelpCerts => "Read certificates from the cache",
        Key::HelpCertsList => "List every cached certificate version",
        Key::HelpCertsShow => "Show one certificate with every face field",
        Key::HelpJson => "Print JSON",
        Key::HelpRegistrationNumber => "Registration number, such as 京111050700001",
        Key::HelpFullId => "Print the full ID number instead of the masked one",
        Key::HelpCheck => "Run the 挂证 checks (C01–C12) over the cache",
        Key::HelpCheckUnit => "Only people connected to this unit (credit code)",
        Key::HelpCheckPerson => "Only this person (ID number)",
        Key::HelpAsOf => "The day to check for, YYYY-MM-DD (default: today in China)",
        Key::HelpExport => {
            "Export the current version of a certificate as a PDF copy with a purpose and a signed QR code"
        }
        Key::HelpExportAll => "Export every current certificate in the cache into --out-dir",
        Key::HelpExportOutDir => "Folder for --all",
        Key::HelpExportFormat => "File format for --all",
        Key::HelpExportPdf => "Write an A4 PDF here",
        Key::HelpExportPng => "Write a PNG image of the face here",
        Key::HelpExportPurpose => "The purpose printed as the watermark, such as 仅用于XX项目投标",
        Key::HelpExportNoPurpose => "Export without a purpose",
        Key::HelpExportRecipient => "Recipient of the copy, printed in the watermark",
        Key::HelpVerify => "Verify an exported copy offline: a CertDesk PDF or PNG, or the QR text",
        Key::HelpVerifyFile => "The PDF or PNG file",
        Key::HelpVerifyQr => "The QR code's text",
        Key::HelpExports => "The export register",
        Key::HelpExportsList => "List the register",
        Key::HelpExportsExcel => "Save the register as Excel",
        Key::HelpExcelFile => "The Excel file",
        Key::HelpKeys => "Export signing keys",
        Key::HelpKeysShow => "Show this installation's public key",
        Key::HelpKeysTrust => "Trust another installation's public key",
        Key::HelpKeysTrustKey => "The public key (hexadecimal)",
        Key::HelpKeysTrustLabel => "A label for the key",
        Key::HelpValidate => "Check an identifier and print what it encodes",
        Key::HelpValidateKind => "Kind: id, credit-code, reg-no, licence-id",
        Key::HelpValidateValue => "The value as typed or pasted",
        Key::HelpImport => "Import a social-security or housing-fund roster (.xlsx, .xls, CSV)",
        Key::HelpImportKind => "Roster kind: social-security or housing-fund",
        Key::HelpImportFile => "The roster file",
        Key::HelpImportDryRun => "Preview only, write nothing",
        Key::MaterialRead => "The file cannot be read ({detail}). Check that it is still there and choose it again.",
        Key::MaterialEmpty => "The file is empty (0 bytes); choose the scan or the electronic document itself.",
        Key::MaterialTooLarge => {
            "The file is {size} MB, over the {limit} MB limit. Scan at a lower resolution or in parts."
        }
        Key::MaterialLooksLike => {
            "The file is really a {kind} file, not PDF, OFD, JPG or PNG (renaming does not change that). Upload the material itself."
        }
        Key::MaterialUnsupported => {
            "The file is not PDF, OFD, JPG or PNG. Save it in one of these formats and upload again."
        }
        Key::MaterialUnreadable => "The {format} file is damaged or cannot be opened; export or scan it again.",
        Key::MaterialDuplicate => "This file is identical to “{name}”, which is already attached.",
        Key::MaterialCopy => {
            "The file could not be copied into the data folder ({detail}); the draft is unchanged. Check the disk space and try again."
        }
        Key::MaterialApplicationForm => "application form",
        Key::MaterialQualificationCertificate => "qualification certificate",
        Key::MaterialIdDocument => "identity document",
        Key::MaterialLabourContract => "labour contract",
        Key::MaterialContinuingEducationProof => "continuing-education proof",
        Key::MaterialLeavingProof => "proof of leaving the old unit (or an arbitration award)",
        Key::MaterialRetirementCertificate => "retirement certificate",
        Key::MaterialSocialSecurityProof => "social-security proof at the new unit",
        Key::MaterialChangeEvidence => "evidence of the change (business licence change record or ID)",
        Key::MaterialHolderCancellationRequest => "the holder's own cancellation request",
        Key::PreCheckMissing => "A required material is missing: {material}.",
        Key::PreCheckMissingOneOf => "A material is missing: {material} or {other}; at least one is needed.",
        Key::PreCheckFixMissing => "Attach the material (PDF, OFD, JPG or PNG).",
        Key::PreCheckOverAge => "Turned 65 on {date}; no registration is possible any more.",
        Key::PreCheckFixOverAge => "File a cancellation instead.",
        Key::PreCheckExpired => "The specialty {specialty} expired on {date}; it can no longer be renewed.",
        Key::PreCheckFixExpired => "File a re-registration instead.",
        Key::PreCheckLateRenewal => "The renewal of {specialty} had to be filed by {deadline}, 30 days before expiry.",
        Key::PreCheckFixLateRenewal => {
            "Contact the authority about a remedy at once; after expiry a re-registration is needed."
        }
        Key::PreCheckUnfinishedProject => {
            "The person manages the unfinished project {project}; no change of employer is possible before completion acceptance or handover."
        }
        Key::PreCheckFixUnfinishedProject => {
            "Change the project's manager first, or apply after completion acceptance."
        }
        Key::PreCheckRegisteredElsewhere => {
            "The person is already registered with {unit} ({number}); registering in two units is refused."
        }
        Key::PreCheckFixRegisteredElsewhere => "Cancel or transfer the other registration first.",
        Key::PreCheckFixEducation => {
            "You may submit, but complete the hours first if you can; to submit anyway, give a reason."
        }
        Key::PreCheckNoSocialSecurity => {
            "The new unit does not pay the person's social security yet; reviewers often ask for it."
        }
        Key::PreCheckFixNoSocialSecurity => {
            "Have the new unit enrol the person first; to submit anyway, give a reason."
        }
        Key::PreCheckAlreadyPending => "An application of the same type ({id}) is still pending.",
        Key::PreCheckFixAlreadyPending => {
            "Wait for that application to finish; if it was returned for correction, resubmit it as its correction (Correct and resubmit in the window, --corrects APPLICATION_ID on the command line)."
        }
        Key::ExpiryWindow => "Specialty expiry reminder:",
        Key::CopyWindow => "Exported copy reminder:",
        Key::DaysSuffix => " days before",
        Key::CliAttachFormat => {
            "The material \"{value}\" must be written KIND=FILE, such as application-form=申请表.pdf."
        }
        Key::CliAttachKind => {
            "Unknown material kind \"{kind}\". Use one of: application-form, qualification, id-document, labour-contract, education-proof, leaving-proof, retirement, social-security-proof, change-evidence, holder-cancellation."
        }
        Key::CliMaterialAccepted => "Material accepted: {kind} ({file}, {format})",
        Key::CliMaterialRefused => "Not accepted: {file}: {reason}",
        Key::PreCheckBlock => "Blocks",
        Key::PreCheckWarning => "Warning",
        Key::CliDraftSaved => "Saved as application draft #{id}.",
        Key::CliNoDrafts => "There are no application drafts yet.",
        Key::HelpApply => "Prepare a registration application: check materials and pre-checks, save a draft",
        Key::HelpApplyType => {
            "Type: initial, renewal, change-employer, change-other, add-specialty, cancellation, reregistration"
        }
        Key::HelpApplyUnit => "Credit code of the filing unit (the new unit for a change of employer)",
        Key::HelpApplyQualification => "Qualification code (default constructor1)",
        Key::HelpApplySpecialty => "A specialty concerned; repeat for several",
        Key::HelpApplyQualifiedOn => "Day the qualification or added specialty was passed, YYYY-MM-DD",
        Key::HelpApplyAttach => "A material as KIND=FILE, such as application-form=申请表.pdf; repeat for several",
        Key::HelpApplications => "Read or delete the application drafts",
        Key::HelpApplicationsList => "List the saved drafts",
        Key::PasswordNeeded => {
            "No sign-in token is stored on this computer. Type the password above to sign in and sync; it is used for this session only and not saved."
        }
        Key::PasswordLabel => "Password",
        Key::SignInAndSync => "Sign in and sync",
        Key::CliScenarioWritten => {
            "Wrote the scenario file {path}: {persons} people, {certificates} certificate versions."
        }
        Key::CliArgumentProblem => "The value of {arg} is wrong: {problem}",
        Key::OutboxMaterialMissing => {
            "The material file \"{name}\" is no longer in the data folder, so it cannot be sent. Attach the file again in the application, then submit it again."
        }
        Key::RefusedMaterialMismatch => {
            "The platform refused it: an uploaded material file does not match the one listed in the application. Attach the materials again, then submit again."
        }
        Key::RefusedUnknownReference => {
            "The platform refused it: it knows no such person or unit. Check the ID number and the unified social credit code."
        }
        Key::RefusedNotReturned => {
            "The platform refused it: the application is not returned for correction, so it cannot be resubmitted. Sync to see its current state."
        }
        Key::RefusedKeyReused => {
            "The platform refused it: the same submission key was used for different content. Submit the application again."
        }
        Key::RefusedOther => "The platform refused it ({code}). Check the application, then submit again.",
        Key::SubmitBlocked => "It cannot be submitted: {reason}",
        Key::SubmitNeedsReason => "The warning \"{reason}\" needs a reason to override it before submitting.",
        Key::SubmitNotEditing => "This application is already submitted and can no longer be changed.",
        Key::StateDraft => "Draft",
        Key::StateSubmitted => "Submitted",
        Key::StateUnderReview => "Under review",
        Key::StateReturned => "Returned for correction",
        Key::StateResubmitted => "Resubmitted",
        Key::StateApproved => "Approved",
        Key::StateRejected => "Rejected",
        Key::KindInitial => "Initial registration",
        Key::KindRenewal => "Renewal",
        Key::KindChangeEmployer => "Change of employer",
        Key::KindChangeOther => "Change of unit name or personal data",
        Key::KindAddSpecialty => "Added specialty",
        Key::KindCancellation => "Cancellation",
        Key::KindReregistration => "Re-registration",
        Key::DraftEditing => "Draft",
        Key::DraftQueued => "Waiting to send",
        Key::DraftSent => "Sent",
        Key::CliApplicationQueued => "Application #{id} is in the outbox and goes to the platform at the next sync.",
        Key::HelpApplyOverride => {
            "A warning to override as RULE=REASON, such as education-short=proof of hours handed in; repeat for several"
        }
        Key::HelpApplySubmit => "Put the application in the outbox; the next sync submits it",
        Key::CliOutboxSent => {
            "Sent {sent} outbox items; the platform refused {refused} (see why with certdesk applications list)."
        }
        Key::HelpReview => {
            "How the sandbox decides applications: approve, return-once (returns each once for correction, then approves), reject or manual"
        }
        Key::HelpReviewAfter => "Seconds after a submission before the sandbox decides it",
        Key::NavApplications => "Applications",
        Key::ApplicationsTitle => "Registration applications",
        Key::ApplicationsNew => "New application:",
        Key::ApplicationsChooseType => "Choose the type",
        Key::ApplicationsEmpty => "No applications yet. Choose a type above to start one.",
        Key::ApplicationsDrafts => "Drafts and outbox",
        Key::ApplicationsOnPlatform => "Applications on the platform",
        Key::ApplicationsPerson => "Person",
        Key::ApplicationsUnit => "Filing unit (credit code)",
        Key::ApplicationsState => "State",
        Key::ApplicationsCorrections => "Reviewer's reasons (materials to correct)",
        Key::ApplicationsCorrect => "Correct and resubmit",
        Key::NeedRequired => "Required",
        Key::NeedOneOf => "One of these",
        Key::NeedWhenOverdue => "Needed after 3 years",
        Key::NeedOptional => "Optional",
        Key::MaterialPages => " · {pages} pages",
        Key::MaterialSigned => "Signed",
        Key::DraftSavedAt => "Saved {time}",
        Key::ApplicationsCorrecting => {
            "Correcting application {id}: fix the materials the reviewer named, then submit again."
        }
        Key::ApplicationsType => "Type",
        Key::ApplicationsChoosePerson => "Choose a person",
        Key::ApplicationsQualification => "Qualification",
        Key::ApplicationsSpecialties => "Specialties",
        Key::ApplicationsNewSpecialty => "Added specialty",
        Key::ApplicationsAddSpecialty => "Add",
        Key::ApplicationsQualifiedOn => "Qualified on",
        Key::ApplicationsMaterials => "Materials",
        Key::ApplicationsDropHint => {
            "You can drop a file on the window: it goes to the material marked on the left, or to the first missing one. Only PDF, OFD, JPG and PNG are accepted, judged by content."
        }
        Key::ApplicationsNoFile => "Not attached",
        Key::ApplicationsReviewerSays => "Reviewer: {reason}",
        Key::ApplicationsPick => "Choose a file for \"{material}\"…",
        Key::ApplicationsRemove => "Remove \"{material}\"",
        Key::ApplicationsAttaching => "Checking and copying the file…",
        Key::ApplicationsChecks => "Checks before submission",
        Key::ApplicationsChecksPass => "Every check passes.",
        Key::ApplicationsOverrideReason => "Reason to override",
        Key::ApplicationsSubmit => "Submit",
        Key::ApplicationsDelete => "Delete draft",
        Key::ApplicationsDeleteQuestion => "This cannot be undone.",
        Key::ApplicationsDeleteConfirm => "Delete",
        Key::ApplicationsClose => "Close",
        Key::DraftNotSaved => {
            "The draft could not be saved: the data folder cannot be written (the disk may be full). What you typed is still in the form; free some space, then edit again to save."
        }
        Key::DraftDeleted => "Draft deleted.",
        Key::ApplicationQueuedNotice => "The application is in the outbox and is being sent to the platform.",
        Key::SyncDoneWithOutbox => "Sync done: {records} records written, {sent} sent, {refused} refused.",
        Key::ApplicationsFindPerson => "Find a person (name or last digits of the ID number)",
        Key::TimelineTitle => "Timeline (last 24 months)",
        Key::TimelineRegistration => "Registered {specialty} · {unit}: {from} to {to}",
        Key::TimelineSocialSecurity => "Social security · {unit}: {count} months ({first} to {last})",
        Key::TimelineHousingFund => "Housing fund · {unit}: {count} months ({first} to {last})",
        Key::TimelineProject => "Project {project} · {unit}: {from} to {to}",
        Key::TimelineOngoing => "ongoing",
        Key::TimelineExport => "Copy {label}: usable until {until}",
        Key::TimelineApplication => "Application {kind} ({state}): {on}",
        Key::TimelineEmpty => "No records in the last 24 months.",
        Key::ExemptionEvidenceRefused => "The evidence file cannot be used: {reason}",
        Key::CliExemptionQueued => {
            "The exemption \"{kind}\" is in the outbox and goes to the platform at the next sync."
        }
        Key::HelpExemption => "Record an exemption with its evidence file; the next sync sends it",
        Key::HelpExemptionAdd => "Record an exemption for a person",
        Key::HelpExemptionKind => {
            "retired, public-institution, university-consulting, demobilised-military, insurance-bought-out or other-legal-basis"
        }
        Key::HelpExemptionEvidence => "The evidence file: PDF, OFD, JPG or PNG",
        Key::HelpExemptionNote => "A note for the reviewer",
        Key::ExemptionRecordTitle => "Record an exemption",
        Key::ExemptionRecordHint => {
            "If the person falls under one of the six exemptions, choose it and attach the evidence. It goes to the platform, and once synced back the finding shows as explained."
        }
        Key::ExemptionChooseKind => "Choose the exemption",
        Key::ExemptionEvidencePath => "Evidence file path",
        Key::ExemptionNote => "Note",
        Key::ExemptionRecord => "Record and sync",
        Key::ExemptionQueuedNotice => "The exemption is in the outbox and is being sent to the platform.",
        Key::HelpApplyFrom => {
            "File many applications from a JSON file: an array of objects with the fields type, person, unit, qualification, specialties, qualified_on, attach, overrides and submit"
        }
        Key::CliBatchInvalid => {
            "The batch file {path} is not a valid list of applications: {detail}. Fix it after the format in the README."
        }
        Key::CliBatchItem => "Application {n}:",
        Key::NavSettings => "Settings",
        Key::SettingsAppearance => "Appearance",
        Key::SettingsLanguage => "Language",
        Key::SettingsTheme => "Theme",
        Key::ThemeSystem => "System",
        Key::ThemeLight => "Light",
        Key::ThemeDark => "Dark",
        Key::SettingsZoom => "Zoom",
        Key::SettingsReminders => "Reminders",
        Key::SettingsApply => "Apply",
        Key::SettingsRenderer => "Renderer",
        Key::RendererAutomatic => "Automatic",
        Key::RendererOpenGl => "OpenGL (compatibility)",
        Key::SettingsRendererHint => {
            "Choose OpenGL when the window does not show properly (virtual machines, old graphics). Takes effect at the next start."
        }
        Key::SettingsRendererSaved => "The renderer is saved and takes effect at the next start.",
        Key::SettingsPlatform => "Platform and network",
        Key::SettingsProxy => "Proxy",
        Key::SettingsExtraCa => "Extra CA certificate file",
        Key::SettingsSaveNetwork => "Save network settings",
        Key::SettingsNetworkSaved => "Network settings saved; the next sync uses them.",
        Key::SettingsNoProfile => {
            "No platform is signed in, so there is nothing to save the network settings for. Sign in with certdesk login first."
        }
        Key::SettingsDemoPlatform => "The bundled demo platform runs on this computer and needs no network settings.",
        Key::SettingsData => "My data",
        Key::SettingsExportFolder => "Export to folder",
        Key::SettingsExportData => "Export my data",
        Key::SettingsDeleteData => "Delete my data…",
        Key::SettingsDeleteQuestion => {
            "This deletes this account's cache on this computer, and the data folder's copied materials, saved reports and the Excel files exported to its exports folder. It cannot be undone. The platform's data is not affected; the next sync downloads it again."
        }
        Key::SettingsDeleteConfirm => "Delete",
        Key::SettingsDeleteCancel => "Cancel",
        Key::SettingsAbout => "About",
        Key::AboutVersion => "CertDesk version {version}",
        Key::AboutDataFolder => "Data folder: {path}",
        Key::AboutLogFolder => "Log folder: {path} (one file a day, kept 14 days, with no ID numbers or credentials)",
        Key::AboutCacheFile => "Cache of this account: {path}",
        Key::DataExportFailed => "Cannot export to {path}: {detail}",
        Key::DataExported => "Data exported to {path}",
        Key::DataDeleteFailed => "Cannot delete {path}: {detail}. Close any program using it, then try again.",
        Key::DataDeleted => "This account's local data has been deleted.",
        Key::WelcomeTitle => "Welcome to CertDesk",
        Key::WelcomeIntro => {
            "First choose your role and the platform to connect to. On the demo platform the top bar switches the role later; for another platform, sign out in Settings and choose again."
        }
        Key::WelcomeRole => "I am",
        Key::WelcomePlatform => "Platform",
        Key::WelcomeDemo => "Demo platform (runs on this computer with sample data, no network needed)",
        Key::WelcomeOther => "Another platform (needs its address, CA certificate and an account)",
        Key::WelcomeUrl => "Platform address",
        Key::WelcomeCa => "Platform CA certificate file",
        Key::WelcomeAccount => "Account",
        Key::WelcomeStart => "Start",
        Key::WelcomeSignIn => "Sign in",
        Key::WelcomeSigningIn => "Signing in…",
        Key::TokenNotStoredNotice => {
            "This computer has no usable credential store, so the sign-in lasts for this run only; enter the password again at the next start."
        }
        Key::CancelSync => "Cancel",
        Key::SyncCancelled => {
            "Sync cancelled. What was already saved stays; the next sync continues where this one stopped."
        }
        Key::SettingsMoveTarget => "Move to folder",
        Key::SettingsMoveData => "Move data",
        Key::SettingsMoveHint => {
            "Every file is copied and checked first; only then are the old files deleted. The old place keeps a note pointing to the new one."
        }
        Key::MoveProgress => "{done} of {total} files copied",
        Key::MoveCancel => "Cancel the move",
        Key::MoveTargetUnusable => {
            "Cannot move there: the folder is inside or around the current data folder, or it already holds files. Choose an empty or new folder by its full path."
        }
        Key::MoveIo => "Cannot handle {path} while moving: {detail}. The old data folder is unchanged.",
        Key::MoveMismatch => {
            "The copy of {path} differs from the original, so the move stopped. The old data folder is unchanged."
        }
        Key::MoveCancelled => "The move is cancelled. The old data folder is unchanged.",
        Key::MoveDone => "The data has been moved to {path}.",
        Key::MoveDoneLeftovers => {
            "The data has been moved to {path}, but {count} old files could not be deleted; delete them by hand."
        }
        Key::MoveWhileSyncing => "A sync is running; move the data after it ends.",
        Key::SignOut => "Sign out",
        Key::SignOutDeleteCache => "Also delete the local cache",
        Key::SignedOutNotice => "Signed out; the credentials are deleted from this computer.",
        Key::HelpApplyCorrects => {
            "The returned application this one corrects, such as SBX-20261205-00001; it is resubmitted under the same id"
        }
        Key::HelpApplyPerson => "The person's ID number",
        Key::HelpExemptionPerson => "The ID number of the person the exemption is for",
        Key::HelpLogout => "Sign out: delete the stored credentials and platform details; the cache stays unless asked",
        Key::HelpLogoutDeleteCache => {
            "Also delete the account's cache, and the copied materials and reports when no other account is left"
        }
        Key::OverrideUnknownRule => "Unknown warning rule \"{rule}\". The rules are: {rules}.",
        Key::CliBatchEntryInvalid => {
            "This entry has a wrong field: {detail}. The fields are type, person, unit, qualification, specialties, qualified_on, attach, overrides, submit and corrects."
        }
        Key::RefusedMaterialMissing => {
            "Not sent: a material file of the application is no longer in the data folder. Open the application, attach the missing material again, then submit it again."
        }
        Key::FilterFinding => "Findings",
        Key::FilterAllFindings => "Everyone",
        Key::FilterAnyOpenFinding => "Any open finding ({count})",
        Key::FilterFindingCode => "{code} {title} ({count})",
        Key::FilterFindingUnchecked => "{code} {title}",
        Key::FilterFindingHint => {
            "Filters by the open findings of the latest compliance check, which runs when you choose"
        }
        Key::FilterAnyOpenUnchecked => "Any open finding",
        Key::SettingsSystemTextScale => {
            "The system text size is {percent}%; the window shows at zoom × system text size (a change of the system setting applies at the next start)"
        }
        Key::MaterialTruncated => {
            "The {format} file is incomplete: its end lacks the cross-reference table or the %%EOF end marker, so it was most likely cut off while downloading or copying. Download or export the whole file again, then attach it."
        }
        Key::CliMaterialTwice => {
            "The material “{kind}” ({code}) was given two files: {first} and {second}. Each material takes one file: merge them into one PDF or keep one of them."
        }
        Key::CliDraftUpdated => {
            "Updated application draft #{id} (the unsubmitted draft for the same person, type and unit)."
        }
        Key::CliDraftDeleted => "Application draft #{id} deleted.",
        Key::CliDraftNotDeletable => {
            "Application draft #{id} is “{state}” and cannot be deleted: only drafts not yet submitted can be deleted."
        }
        Key::CliDraftNotFound => {
            "There is no application draft #{id}. Run certdesk applications list to see the drafts."
        }
        Key::CliInvalidDate => {
            "The value “{value}” of {arg} is not a valid date. Write it as YYYY-MM-DD, for example 2026-12-04."
        }
        Key::CliInvalidDraftId => {
            "The value “{value}” of {arg} is not a draft number. Write the number certdesk applications list shows, for example 3 or #3."
        }
        Key::CliInvalidCount => {
            "The value “{value}” of {arg} is invalid: it must be a whole number greater than 0, for example 1000."
        }
        Key::CliInvalidChoice => "The value “{value}” of {arg} is invalid. Accepted values: {values}.",
        Key::CliInvalidValueDetail => "The value “{value}” of {arg} is invalid: {detail}",
        Key::CliUnknownApplicationType => "Unknown application type “{value}”. Accepted types: {types}.",
        Key::CliUnknownQualification => "Unknown qualification “{value}”. Accepted qualifications: {codes}.",
        Key::CliUnknownSpecialty => {
            "Unknown specialty “{value}”. Accepted specialties (full or short name): {specialties}."
        }
        Key::CliSpecialtyWithShortName => "{full} ({short})",
        Key::HelpApplicationsDelete => "Delete a draft not yet submitted (queued and sent drafts cannot be deleted)",
        Key::HelpDraftId => "The draft's number as applications list shows it, such as 3 or #3",
        Key::CliMaterialKept => "Kept from the draft: {kind} ({file})",
        Key::ListSeparator => ", ",
        Key::CliCodeWithName => "{code} ({name})",
        Key::CliOverrideFormat => {
            "The override “{value}” must be written as RULE=REASON, for example education-short=学时证明已补交."
        }
        Key::ImportPreviewCancelled => "Reading cancelled. You can choose another file.",
        Key::ImportWriteCancelled => "Import cancelled. The cache is unchanged: no row of this file was written.",
        Key::ImportChecking => "Checking row {done} of {total}…",
        Key::ImportWritingCount => "Writing row {done} of {total}…",
        Key::ImportCancelling => "Cancelling and rolling back the rows written…",
        Key::BatchCancelling => "Cancelling after the current copy is written…",
        Key::BatchCancelled => {
            "Batch export cancelled: {written} written before cancelling (all in the export register), {failed} failed, {skipped} not exported."
        }
        Key::ReportInChinese => "The report is drafted in Chinese, the language of the authority it goes to.",
        Key::ChecksRunning => "Running the compliance checks…",
        Key::ExemptionPickFile => "Choose file…",
    }
}
