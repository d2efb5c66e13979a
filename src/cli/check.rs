//! `certdesk check`: runs the 挂证 rules over the active account's cache, offline.

use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{CliError, output};
use crate::account::DataDir;
use crate::domain::compliance::{CheckSettings, Finding, FindingStatus, check_person};
use crate::domain::id_number::mask_id_text;
use crate::domain::{CreditCode, IdNumber};
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::store::compliance::{Selection, load_facts};
use crate::ui::compliance_view::{severity_name, status_name};

/// Runs the rules for the selection and prints each finding.
pub fn run(
    data_dir: &DataDir,
    unit: Option<&str>,
    person: Option<&str>,
    as_of: Option<NaiveDate>,
    as_json: bool,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let selection = Selection {
        unit_credit_code: unit
            .map(|code| {
                CreditCode::parse(code)
                    .map(|c| c.as_str().to_owned())
                    .map_err(|e| argument_error("--unit", &e.message()))
            })
            .transpose()?,
        id_number: person
            .map(|id| {
                IdNumber::parse(id).map(|i| i.as_str().to_owned()).map_err(|e| argument_error("--person", &e.message()))
            })
            .transpose()?,
        ..Selection::default()
    };
    let as_of = as_of.unwrap_or_else(crate::domain::time::today_in_china);
    let store = super::certs::open_active_cache(data_dir)?;
    let facts = store.read(|connection| load_facts(connection, &selection))?;
    let settings = CheckSettings::default();
    let findings: Vec<Finding> = facts.iter().flat_map(|f| check_person(f, as_of, &settings)).collect();

    if as_json {
        output::json(&findings.iter().map(|f| finding_json(f, lang)).collect());
        return Ok(ExitCode::SUCCESS);
    }
    for finding in &findings {
        output::line(&finding_line(finding, lang));
    }
    output::line(
        &Message::new(Key::CheckSummary)
            .arg("people", facts.len())
            .arg("findings", findings.len())
            .arg("open", findings.iter().filter(|f| f.status == FindingStatus::Open).count())
            .date_arg("date", as_of)
            .render(lang),
    );
    Ok(ExitCode::SUCCESS)
}

fn finding_line(finding: &Finding, lang: Lang) -> String {
    format!(
        "{} {}｜{}｜{}｜{} {}｜{}｜{}",
        finding.code.as_str(),
        tr(lang, finding.code.title()),
        severity_name(lang, finding.severity),
        status_name(lang, finding.status),
        finding.name,
        mask_id_text(&finding.id_number),
        finding.explanation.render(lang),
        finding.fix.render(lang),
    )
}

fn finding_json(finding: &Finding, lang: Lang) -> Value {
    json!({
        "code": finding.code.as_str(),
        "title": tr(lang, finding.code.title()),
        "severity": finding.severity,
        "status": finding.status,
        "person": { "id_number_masked": mask_id_text(&finding.id_number), "name": finding.name },
        "registration_number": finding.registration_numbers.first(),
        "registration_numbers": finding.registration_numbers,
        "units": finding.units,
        "evidence": finding.evidence,
        "explanation": finding.explanation.render(lang),
        "fix": finding.fix.render(lang),
        "as_of": finding.as_of.to_string(),
        "as_of_display": format_date(lang, finding.as_of),
    })
}

/// Names the argument a value was wrong in: `--person：第18位校验码应为X，实际为1`.
fn argument_error(argument: &str, problem: &Message) -> CliError {
    CliError::new(
        Message::new(Key::CliArgumentProblem).arg("arg", argument).arg("problem", problem.render(Lang::from_env())),
    )
}
