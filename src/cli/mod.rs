//! The command line: `certdesk` with no arguments opens the window; subcommands share the same
//! core and data folder. Every failure prints one Chinese line on stderr and exits non-zero.

mod applications;
mod apply;
mod certs;
mod check;
mod errors;
mod export;
mod help;
mod import;
mod login;
mod logout;
mod output;
mod sandbox;
mod sync;
mod validate;
mod values;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use errors::CliError;

use crate::account::DataDir;
use crate::i18n::Lang;

/// Command-line interface of CertDesk.
#[derive(Debug, Parser)]
#[command(name = "certdesk", version, about = "筑证 CertDesk：电子注册证书、变更注册与挂证风险检查")]
pub struct Cli {
    /// Data folder (default: `CERTDESK_DATA_DIR`, then the OS data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Renderer of the window: wgpu (default) or glow (OpenGL).
    #[arg(long, global = true, value_name = "RENDERER", value_parser = ["wgpu", "glow"])]
    pub renderer: Option<String>,

    /// The subcommand; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the sandbox platform.
    Sandbox {
        /// The sandbox action.
        #[command(subcommand)]
        action: SandboxAction,
    },
    /// Sign in to a platform and remember it as the active one.
    Login {
        /// Platform base URL, such as `https://127.0.0.1:8443`.
        #[arg(long, value_name = "URL")]
        platform: String,
        /// PEM file of the CA that signs the platform's TLS certificate.
        #[arg(long, value_name = "FILE")]
        ca_cert: PathBuf,
        /// Role to sign in as.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Account name.
        #[arg(long, value_name = "NAME")]
        account: String,
        /// Proxy to reach the platform through, such as `http://proxy.example:3128` (default:
        /// the system's proxy settings).
        #[arg(long, value_name = "URL")]
        proxy: Option<String>,
        /// PEM file of a CA to trust besides the platform's, such as a company proxy's CA.
        #[arg(long, value_name = "FILE")]
        extra_ca: Option<PathBuf>,
    },
    /// Sign out: forget the active account and its token; the cache stays unless asked.
    Logout {
        /// Also delete the account's local cache.
        #[arg(long)]
        delete_cache: bool,
    },
    /// Fetch the active account's certificates into the cache.
    Sync {
        /// End with one JSON object summarising the run.
        #[arg(long)]
        json: bool,
    },
    /// Read certificates from the cache.
    Certs {
        /// The read action.
        #[command(subcommand)]
        action: CertsAction,
    },
    /// Run the 挂证 checks (C01–C12) over the cache.
    Check {
        /// Only people connected to this unit (credit code).
        #[arg(long, value_name = "CREDIT_CODE")]
        unit: Option<String>,
        /// Only this person (ID number).
        #[arg(long, value_name = "ID_NUMBER")]
        person: Option<String>,
        /// The day to check for, YYYY-MM-DD (default: today in China).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::day)]
        as_of: Option<chrono::NaiveDate>,
        /// Print a JSON array of findings.
        #[arg(long)]
        json: bool,
    },
    /// Export the current version of a certificate as a PDF copy with a purpose and a signed QR code.
    Export {
        /// Registration number, such as 京111050700001.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        registration_number: Option<String>,
        /// Export every current certificate in the cache (a unit's whole roster) into --out-dir.
        #[arg(long, requires = "out_dir")]
        all: bool,
        /// Folder for --all, which names each file after the registration number and name.
        #[arg(long, value_name = "DIR", requires = "all")]
        out_dir: Option<PathBuf>,
        /// File format for --all.
        #[arg(long, value_enum, default_value = "pdf", requires = "all")]
        format: FormatArg,
        /// Write an A4 PDF here.
        #[arg(long, value_name = "FILE", required_unless_present_any = ["png", "all"], conflicts_with = "all")]
        pdf: Option<PathBuf>,
        /// Write a PNG image of the face here, for chat apps.
        #[arg(long, value_name = "FILE", conflicts_with = "all")]
        png: Option<PathBuf>,
        /// The purpose printed as the watermark (加注), such as 仅用于XX项目投标.
        #[arg(long, value_name = "TEXT", conflicts_with = "no_purpose")]
        purpose: Option<String>,
        /// Export without a purpose, so the watermark reads 未注明用途.
        #[arg(long)]
        no_purpose: bool,
        /// Recipient of the copy, printed in the watermark.
        #[arg(long, value_name = "TEXT")]
        recipient: Option<String>,
        /// Print the full ID number instead of the masked one.
        #[arg(long)]
        full_id: bool,
    },
    /// Verify an exported copy offline: a CertDesk PDF or PNG, or the QR code's text.
    Verify {
        /// The PDF or PNG file.
        #[arg(value_name = "FILE", required_unless_present = "qr")]
        file: Option<PathBuf>,
        /// The QR code's text, as a scanner app shows it.
        #[arg(long, value_name = "TEXT", conflicts_with = "file")]
        qr: Option<String>,
    },
    /// Read the export register (用证台账).
    Exports {
        /// The register action.
        #[command(subcommand)]
        action: ExportsAction,
    },
    /// Show this installation's export signing key or trust another one.
    Keys {
        /// The key action.
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Prepare a registration application: check materials and pre-checks, save a draft.
    Apply {
        /// Application type: initial, renewal, change-employer, change-other, add-specialty,
        /// cancellation, reregistration.
        #[arg(long = "type", value_name = "TYPE", required_unless_present = "from")]
        kind: Option<String>,
        /// The person's ID number.
        #[arg(long, value_name = "ID_NUMBER", required_unless_present = "from")]
        person: Option<String>,
        /// Credit code of the unit filing it (the new unit for a change of employer).
        #[arg(long, value_name = "CREDIT_CODE", required_unless_present = "from")]
        unit: Option<String>,
        /// File many applications from a JSON file: an array of objects with the fields `type`,
        /// `person`, `unit`, `qualification`, `specialties`, `qualified_on`, `attach`, `overrides`, `submit`.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["kind", "person", "unit", "attach"])]
        from: Option<PathBuf>,
        /// Qualification code.
        #[arg(long, value_name = "CODE", default_value = "constructor1")]
        qualification: String,
        /// A specialty concerned; repeat for several.
        #[arg(long, value_name = "NAME")]
        specialty: Vec<String>,
        /// Day the qualification or added specialty was passed, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::day)]
        qualified_on: Option<chrono::NaiveDate>,
        /// A material as KIND=FILE, such as application-form=申请表.pdf; repeat for several.
        #[arg(long, value_name = "KIND=FILE")]
        attach: Vec<String>,
        /// A warning to override as RULE=REASON, such as education-short=学时证明已补交; repeat
        /// for several.
        #[arg(long = "override", value_name = "RULE=REASON")]
        overrides: Vec<String>,
        /// Put the application in the outbox; the next sync submits it.
        #[arg(long)]
        submit: bool,
        /// The application returned for correction (退回补正) that this one corrects, such as
        /// SBX-20261205-00001; it is resubmitted under the same id.
        #[arg(long, value_name = "APPLICATION_ID")]
        corrects: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record an exemption (豁免情形) with its evidence file; the next sync sends it.
    Exemption {
        /// The exemption action.
        #[command(subcommand)]
        action: ExemptionAction,
    },
    /// Read or delete the saved application drafts.
    Applications {
        /// The read action.
        #[command(subcommand)]
        action: ApplicationsAction,
    },
    /// Check an identifier and print what it encodes.
    Validate {
        /// Kind of identifier.
        #[arg(value_enum)]
        kind: IdentifierKind,
        /// The value as typed or pasted.
        value: String,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Import a social security or housing fund roster (.xlsx, .xls or CSV in UTF-8 or GBK)
    /// into the active account's cache. Rejected rows are listed; the others are written.
    Import {
        /// Kind of roster.
        #[arg(value_enum)]
        kind: PaymentKindArg,
        /// The roster file.
        file: PathBuf,
        /// Read and check the file only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// Kind of an imported roster.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PaymentKindArg {
    /// 社保: social insurance.
    SocialSecurity,
    /// 公积金: housing fund.
    HousingFund,
}

impl From<PaymentKindArg> for crate::domain::records::PaymentKind {
    fn from(kind: PaymentKindArg) -> Self {
        match kind {
            PaymentKindArg::SocialSecurity => Self::SocialSecurity,
            PaymentKindArg::HousingFund => Self::HousingFund,
        }
    }
}

/// Sandbox actions.
#[derive(Debug, Subcommand)]
pub enum SandboxAction {
    /// Serve until interrupted; the first stdout line is a JSON object with the URL, CA file and accounts.
    Serve {
        /// Address to listen on.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
        addr: std::net::SocketAddr,
        /// Output file of the CA certificate (default: sandbox-ca.pem in the data folder).
        #[arg(long, value_name = "FILE")]
        ca_out: Option<PathBuf>,
        /// Serve exactly the records of this scenario file instead of the demo data.
        #[arg(long, value_name = "FILE", conflicts_with = "holders")]
        scenario: Option<PathBuf>,
        /// Inject a fault into listing responses; repeat for several. `KIND[:ARG]` is `429[:SECS]`
        /// (Retry-After), `500`, `502`, `503`, `504`, `delay:MILLIS`, `reset`, `truncate`,
        /// `malformed`, `repeat-page`, `skip-page` or `clock-skew:SECS`.
        #[arg(long, value_name = "KIND[:ARG]")]
        fault: Vec<crate::sandbox::FaultKind>,
        /// Listing requests each fault lets through before it first fires.
        #[arg(long, value_name = "N", default_value_t = 0)]
        fault_after: u32,
        /// Listing requests each fault fires on, then stops (default: every request).
        #[arg(long, value_name = "N")]
        fault_times: Option<u32>,
        /// Folder that keeps the CA and the served data between runs, so a client that synced
        /// keeps trusting the sandbox and finds the same records after a restart.
        #[arg(long, value_name = "DIR")]
        state_dir: Option<PathBuf>,
        /// Serve generated data for this many holders instead of the demo data.
        #[arg(long, value_name = "N", value_parser = values::positive_count)]
        holders: Option<u32>,
        /// Seed of the generated data (with --holders).
        #[arg(long, value_name = "S", requires = "holders")]
        seed: Option<u64>,
        /// How the sandbox decides applications: approve, return-once (returns each once for
        /// correction, then approves), reject or manual.
        #[arg(long, value_name = "POLICY", default_value = "approve")]
        review: crate::sandbox::review::ReviewPolicy,
        /// Seconds after a submission before the sandbox decides it.
        #[arg(long, value_name = "SECS", default_value_t = 0)]
        review_after: u64,
    },
    /// Write the demo data as a scenario file, to edit and serve with `serve --scenario`.
    Generate {
        /// Scenario file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Write generated data for this many holders instead of the demo data.
        #[arg(long, value_name = "N", value_parser = values::positive_count)]
        holders: Option<u32>,
        /// Seed of the generated data (with --holders).
        #[arg(long, value_name = "S", requires = "holders")]
        seed: Option<u64>,
    },
}

/// Exemption actions.
#[derive(Debug, Subcommand)]
pub enum ExemptionAction {
    /// Record an exemption for a person.
    Add {
        /// The person's ID number.
        #[arg(long, value_name = "ID_NUMBER")]
        person: String,
        /// retired, public-institution, university-consulting, demobilised-military,
        /// insurance-bought-out or other-legal-basis.
        #[arg(long, value_name = "KIND")]
        kind: String,
        /// The evidence file: PDF, OFD, JPG or PNG.
        #[arg(long, value_name = "FILE")]
        evidence: PathBuf,
        /// A note for the reviewer.
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
}

/// Application actions.
#[derive(Debug, Subcommand)]
pub enum ApplicationsAction {
    /// List the saved drafts.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete a draft not yet submitted (queued and sent drafts stay).
    Delete {
        /// The draft's number as `applications list` prints it: 3 or #3.
        #[arg(value_name = "DRAFT_ID", value_parser = values::draft_id)]
        draft_id: i64,
    },
}

/// Certificate actions.
#[derive(Debug, Subcommand)]
pub enum CertsAction {
    /// List every cached certificate version.
    List {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Show one certificate with every face field.
    Show {
        /// Registration number, such as 京111050700001.
        registration_number: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Print the full ID number instead of the masked one.
        #[arg(long)]
        full_id: bool,
    },
}

/// Export register actions.
#[derive(Debug, Subcommand)]
pub enum ExportsAction {
    /// List every recorded export, newest first.
    List {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Save the register as an Excel workbook (.xlsx).
    Excel {
        /// The workbook to write.
        file: PathBuf,
    },
}

/// Key actions.
#[derive(Debug, Subcommand)]
pub enum KeysAction {
    /// Print this installation's public key (created on first use).
    Show,
    /// Trust another installation's public key for verification.
    Trust {
        /// The public key: 130 hexadecimal digits starting with 04.
        key: String,
        /// A name to remember it by.
        #[arg(long, default_value = "")]
        label: String,
    },
}

/// File format of a batch export.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// A4 PDF.
    Pdf,
    /// PNG image of the face.
    Png,
}

/// Role on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// 持证人
    Holder,
    /// 企业管理员
    Unit,
}

/// Identifier kinds `validate` checks.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IdentifierKind {
    /// Resident ID number (GB 11643).
    Id,
    /// Unified social credit code (GB 32100).
    CreditCode,
    /// Registration number of a registered constructor.
    RegNo,
    /// Electronic licence identifier.
    LicenceId,
}

/// Parses the arguments and runs the command, returning the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let lang = Lang::from_env();
    let command = help::localized(<Cli as clap::CommandFactory>::command(), lang);
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return errors::report_parse_error(&error, lang),
    };
    match execute(cli, lang) {
        Ok(code) => code,
        Err(error) => error.report(lang),
    }
}

fn execute(cli: Cli, lang: Lang) -> Result<ExitCode, CliError> {
    let data_dir = DataDir::resolve(cli.data_dir.clone());
    // Logging starts before anything can fail, with the log folder when the data folder is known.
    let _log = crate::logging::init(data_dir.as_ref().ok().map(DataDir::logs_path).as_deref());
    let data_dir = data_dir.map_err(|e| CliError::new(e.message()))?;
    let Some(command) = cli.command else {
        return open_window(data_dir, cli.renderer.as_deref(), lang);
    };
    match command {
        Command::Check { unit, person, as_of, json } => {
            check::run(&data_dir, unit.as_deref(), person.as_deref(), as_of, json, lang)
        }
        Command::Apply { from: Some(path), json, .. } => apply::apply_batch(&data_dir, &path, json, lang),
        Command::Apply {
            kind,
            person,
            unit,
            qualification,
            specialty,
            qualified_on,
            attach,
            overrides,
            submit,
            corrects,
            json,
            from: None,
        } => {
            let args = apply::ApplyArgs {
                kind: kind.unwrap_or_default(),
                person: person.unwrap_or_default(),
                unit: unit.unwrap_or_default(),
                qualification,
                specialties: specialty,
                qualified_on,
                attach,
                overrides,
                submit,
                corrects,
                json,
            };
            apply::apply(&data_dir, &args, lang)
        }
        Command::Applications { action: ApplicationsAction::List { json } } => {
            applications::list(&data_dir, json, lang)
        }
        Command::Applications { action: ApplicationsAction::Delete { draft_id } } => {
            applications::delete(&data_dir, draft_id, lang)
        }
        Command::Exemption { action: ExemptionAction::Add { person, kind, evidence, note } } => {
            apply::add_exemption(&data_dir, &person, &kind, &evidence, &note, lang)
        }
        Command::Validate { kind, value, json } => Ok(validate::run(kind, &value, json, lang)),
        Command::Sandbox { action: action @ SandboxAction::Serve { .. } } => serve(&data_dir, action, lang),
        Command::Sandbox { action: SandboxAction::Generate { out, holders, seed } } => {
            sandbox::generate(&out, &sandbox::DataSource::new(None, holders, seed))
        }
        Command::Login { platform, ca_cert, role, account, proxy, extra_ca } => {
            let network = login::Network { proxy, extra_ca };
            login::run(&data_dir, &platform, &ca_cert, role, &account, &network, lang)
        }
        Command::Logout { delete_cache } => logout::run(&data_dir, delete_cache, lang),
        Command::Sync { json } => sync::run(&data_dir, json, lang),
        Command::Certs { action: CertsAction::List { json } } => certs::list(&data_dir, json, lang),
        Command::Certs { action: CertsAction::Show { registration_number, json, full_id } } => {
            certs::show(&data_dir, &registration_number, json, full_id, lang)
        }
        Command::Import { kind, file, dry_run, json } => {
            import::run(&data_dir, kind.into(), &file, dry_run, json, lang)
        }
        Command::Export {
            registration_number,
            all: _,
            out_dir,
            format,
            pdf,
            png,
            purpose,
            no_purpose,
            recipient,
            full_id,
        } => {
            let choice = export::PurposeChoice { purpose, no_purpose, recipient, full_id };
            match (registration_number, out_dir) {
                (Some(registration_number), _) => {
                    export::export(&data_dir, export::ExportArgs { registration_number, pdf, png, choice }, lang)
                }
                (None, Some(folder)) => export::export_all(&data_dir, &folder, format, choice, lang),
                (None, None) => Err(CliError::new(
                    crate::i18n::Message::new(crate::i18n::Key::CliMissingArgument).arg("arg", "REGISTRATION_NUMBER"),
                )),
            }
        }
        Command::Verify { file, qr } => export::verify(&data_dir, file.as_deref(), qr.as_deref(), lang),
        Command::Exports { action: ExportsAction::List { json } } => export::list(&data_dir, json, lang),
        Command::Exports { action: ExportsAction::Excel { file } } => export::save_excel(&data_dir, &file, lang),
        Command::Keys { action: KeysAction::Show } => export::show_key(&data_dir, lang),
        Command::Keys { action: KeysAction::Trust { key, label } } => export::trust_key(&data_dir, &key, &label, lang),
    }
}

fn open_window(data_dir: DataDir, renderer: Option<&str>, lang: Lang) -> Result<ExitCode, CliError> {
    data_dir.ensure().map_err(|e| CliError::new(e.message()))?;
    let saved = match crate::account::settings::Settings::load(&data_dir.settings_path()).renderer {
        crate::account::settings::RendererChoice::Automatic => None,
        crate::account::settings::RendererChoice::OpenGl => Some(eframe::Renderer::Glow),
    };
    let renderer =
        renderer.or(std::env::var("CERTDESK_RENDERER").ok().as_deref()).and_then(|r| r.parse().ok()).or(saved);
    let platform = crate::app::resolve_platform(&data_dir);
    let first_run = !crate::account::settings::Settings::load(&data_dir.settings_path()).welcomed
        && matches!(crate::account::Profile::load(&data_dir.profile_path()), Ok(None));
    let system_text_scale = crate::app::text_scale::system_text_scale();
    let options = crate::app::AppOptions { data_dir, platform, lang, today: None, first_run, system_text_scale };
    crate::app::run(options, renderer)
        .map_err(|e| CliError::new(crate::i18n::Message::new(crate::i18n::Key::ErrorWindow).arg("detail", e)))?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `sandbox serve` with its options.
fn serve(data_dir: &DataDir, action: SandboxAction, lang: Lang) -> Result<ExitCode, CliError> {
    let SandboxAction::Serve {
        addr,
        ca_out,
        scenario,
        fault,
        fault_after,
        fault_times,
        state_dir,
        holders,
        seed,
        review,
        review_after,
    } = action
    else {
        return Ok(ExitCode::SUCCESS);
    };
    let faults =
        fault.into_iter().map(|kind| crate::sandbox::Fault { kind, after: fault_after, times: fault_times }).collect();
    let options = crate::sandbox::SandboxOptions {
        addr,
        data: None,
        faults,
        state_dir,
        review,
        review_delay: std::time::Duration::from_secs(review_after),
    };
    let source = sandbox::DataSource::new(scenario, holders, seed);
    sandbox::serve(data_dir, options, ca_out, &source, lang)
}
