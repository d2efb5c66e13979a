//! Help text of the command line in the user's language. The clap definitions carry English
//! doc comments for developers. Before parsing, this table replaces each description with its
//! i18n text, so `certdesk --help` reads in Chinese by default.

use clap::Command;

use crate::i18n::{Key, Lang, tr};

/// Each entry: the subcommand path (space-separated, empty for the top level), the argument id
/// (`None` for the subcommand's own description) and the text.
const HELP: &[(&str, Option<&str>, Key)] = &[
    ("", None, Key::HelpAbout),
    ("", Some("data_dir"), Key::HelpDataDir),
    ("", Some("renderer"), Key::HelpRenderer),
    ("sandbox", None, Key::HelpSandbox),
    ("sandbox serve", None, Key::HelpSandboxServe),
    ("sandbox serve", Some("addr"), Key::HelpAddr),
    ("sandbox serve", Some("ca_out"), Key::HelpCaOut),
    ("sandbox serve", Some("scenario"), Key::HelpScenario),
    ("sandbox serve", Some("review"), Key::HelpReview),
    ("sandbox serve", Some("review_after"), Key::HelpReviewAfter),
    ("sandbox generate", None, Key::HelpSandboxGenerate),
    ("sandbox generate", Some("out"), Key::HelpGenerateOut),
    ("login", None, Key::HelpLogin),
    ("login", Some("platform"), Key::HelpPlatform),
    ("login", Some("ca_cert"), Key::HelpCaCert),
    ("login", Some("role"), Key::HelpRole),
    ("login", Some("account"), Key::HelpAccount),
    ("logout", None, Key::HelpLogout),
    ("logout", Some("delete_cache"), Key::HelpLogoutDeleteCache),
    ("sync", None, Key::HelpSync),
    ("sync", Some("json"), Key::HelpSyncJson),
    ("certs", None, Key::HelpCerts),
    ("certs list", None, Key::HelpCertsList),
    ("certs list", Some("json"), Key::HelpJson),
    ("certs show", None, Key::HelpCertsShow),
    ("certs show", Some("registration_number"), Key::HelpRegistrationNumber),
    ("certs show", Some("json"), Key::HelpJson),
    ("certs show", Some("full_id"), Key::HelpFullId),
    ("check", None, Key::HelpCheck),
    ("check", Some("unit"), Key::HelpCheckUnit),
    ("check", Some("person"), Key::HelpCheckPerson),
    ("check", Some("as_of"), Key::HelpAsOf),
    ("check", Some("json"), Key::HelpJson),
    ("export", None, Key::HelpExport),
    ("export", Some("registration_number"), Key::HelpRegistrationNumber),
    ("export", Some("all"), Key::HelpExportAll),
    ("export", Some("out_dir"), Key::HelpExportOutDir),
    ("export", Some("format"), Key::HelpExportFormat),
    ("export", Some("pdf"), Key::HelpExportPdf),
    ("export", Some("png"), Key::HelpExportPng),
    ("export", Some("purpose"), Key::HelpExportPurpose),
    ("export", Some("no_purpose"), Key::HelpExportNoPurpose),
    ("export", Some("recipient"), Key::HelpExportRecipient),
    ("export", Some("full_id"), Key::HelpFullId),
    ("verify", None, Key::HelpVerify),
    ("verify", Some("file"), Key::HelpVerifyFile),
    ("verify", Some("qr"), Key::HelpVerifyQr),
    ("exports", None, Key::HelpExports),
    ("exports list", None, Key::HelpExportsList),
    ("exports list", Some("json"), Key::HelpJson),
    ("exports excel", None, Key::HelpExportsExcel),
    ("exports excel", Some("file"), Key::HelpExcelFile),
    ("keys", None, Key::HelpKeys),
    ("keys show", None, Key::HelpKeysShow),
    ("keys trust", None, Key::HelpKeysTrust),
    ("keys trust", Some("key"), Key::HelpKeysTrustKey),
    ("keys trust", Some("label"), Key::HelpKeysTrustLabel),
    ("validate", None, Key::HelpValidate),
    ("validate", Some("kind"), Key::HelpValidateKind),
    ("validate", Some("value"), Key::HelpValidateValue),
    ("validate", Some("json"), Key::HelpJson),
    ("apply", None, Key::HelpApply),
    ("apply", Some("kind"), Key::HelpApplyType),
    ("apply", Some("person"), Key::HelpApplyPerson),
    ("apply", Some("unit"), Key::HelpApplyUnit),
    ("apply", Some("qualification"), Key::HelpApplyQualification),
    ("apply", Some("specialty"), Key::HelpApplySpecialty),
    ("apply", Some("qualified_on"), Key::HelpApplyQualifiedOn),
    ("apply", Some("attach"), Key::HelpApplyAttach),
    ("apply", Some("overrides"), Key::HelpApplyOverride),
    ("apply", Some("submit"), Key::HelpApplySubmit),
    ("apply", Some("from"), Key::HelpApplyFrom),
    ("apply", Some("corrects"), Key::HelpApplyCorrects),
    ("apply", Some("json"), Key::HelpJson),
    ("applications", None, Key::HelpApplications),
    ("exemption", None, Key::HelpExemption),
    ("exemption add", None, Key::HelpExemptionAdd),
    ("exemption add", Some("person"), Key::HelpExemptionPerson),
    ("exemption add", Some("kind"), Key::HelpExemptionKind),
    ("exemption add", Some("evidence"), Key::HelpExemptionEvidence),
    ("exemption add", Some("note"), Key::HelpExemptionNote),
    ("applications list", None, Key::HelpApplicationsList),
    ("applications list", Some("json"), Key::HelpJson),
    ("applications delete", None, Key::HelpApplicationsDelete),
    ("applications delete", Some("draft_id"), Key::HelpDraftId),
    ("import", None, Key::HelpImport),
    ("import", Some("kind"), Key::HelpImportKind),
    ("import", Some("file"), Key::HelpImportFile),
    ("import", Some("dry_run"), Key::HelpImportDryRun),
    ("import", Some("json"), Key::HelpJson),
];

/// Returns the command definition with every description in `lang`.
pub fn localized(command: Command, lang: Lang) -> Command {
    HELP.iter().fold(command, |command, (path, arg, key)| {
        let parts: Vec<&str> = path.split_whitespace().collect();
        apply(command, &parts, *arg, tr(lang, *key))
    })
}

fn apply(command: Command, path: &[&str], arg: Option<&str>, text: &'static str) -> Command {
    match path.split_first() {
        Some((first, rest)) => command.mut_subcommand(*first, |sub| apply(sub, rest, arg, text)),
        None => match arg {
            Some(id) => command.mut_arg(id, |a| a.help(text)),
            None => command.about(text),
        },
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::*;

    /// Every path and argument in the table exists, so a renamed flag cannot silently keep
    /// English help: `mut_arg` and `mut_subcommand` panic on unknown names.
    #[test]
    fn table_names_existing_commands_and_arguments() {
        let command = localized(crate::cli::Cli::command(), Lang::ZhCn);
        command.debug_assert();
    }

    #[test]
    fn top_level_help_is_chinese() {
        let mut command = localized(crate::cli::Cli::command(), Lang::ZhCn);
        let help = command.render_help().to_string();
        assert!(help.contains("数据文件夹"), "{help}");
        assert!(help.contains("挂证"), "{help}");
    }
}
