//! The sandbox as the reviewing authority: it takes submissions under idempotency keys, checks
//! the uploaded files against their declared hashes, and moves applications through review
//! (受理 → 审核中 → 已通过 / 退回补正 / 不予批准) by a [`ReviewPolicy`]. An approval issues a new
//! certificate version, which the next sync brings in.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use sha2::{Digest as _, Sha256};

use super::pages::Served;
use crate::domain::records::{
    ApplicationEvent, ApplicationKind, ApplicationState, ChangeApplication, Exemption, MaterialCorrection,
    ProjectStatus,
};
use crate::domain::{CreditCode, IdNumber};
use crate::platform::wire::{ApplicationSubmission, ExemptionSubmission, MaterialManifest, SubmissionReceipt};

/// How the sandbox decides the applications it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewPolicy {
    /// Approves every application whose rules pass.
    #[default]
    Approve,
    /// Returns each application once for correction of its first material, then approves the
    /// resubmission.
    ReturnOnce,
    /// Refuses every application.
    Reject,
    /// Decides nothing by itself, so a test calls [`Reviewer::decide`].
    Manual,
}

impl std::str::FromStr for ReviewPolicy {
    type Err = String;

    /// Parses the name `certdesk sandbox serve --review` takes.
    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "approve" => Ok(Self::Approve),
            "return-once" => Ok(Self::ReturnOnce),
            "reject" => Ok(Self::Reject),
            "manual" => Ok(Self::Manual),
            _ => Err(format!("{name}: approve, return-once, reject, manual")),
        }
    }
}

/// A reviewer's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// 已通过: issue the new certificate version.
    Approve,
    /// 退回补正, with a reason per material kind code.
    Return(Vec<MaterialCorrection>),
    /// 不予批准, with the reason.
    Reject(String),
}

/// Reason a submission is rejected before it is filed. The codes are those of the error body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The request has no `Idempotency-Key` header.
    MissingKey,
    /// The same key came with a different body.
    KeyReused,
    /// The body is not a well-formed submission.
    BadBody(String),
    /// A declared file is missing, or its bytes do not match the declared hash or size.
    MaterialMismatch(String),
    /// The ID number or credit code is invalid, or not found on the platform.
    Unknown(String),
    /// A resubmission names an application that is not waiting for correction.
    NotReturned(String),
}

impl Refusal {
    /// Returns the error code and text of the response.
    pub fn code_and_text(&self) -> (&'static str, String) {
        match self {
            Self::MissingKey => ("missing_idempotency_key", "the Idempotency-Key header is required".to_owned()),
            Self::KeyReused => ("idempotency_key_reused", "this key was used for a different submission".to_owned()),
            Self::BadBody(detail) => ("bad_submission", detail.clone()),
            Self::MaterialMismatch(kind) => ("material_mismatch", kind.clone()),
            Self::Unknown(what) => ("unknown_reference", what.clone()),
            Self::NotReturned(id) => ("not_returned", id.clone()),
        }
    }
}

/// An application waiting for its decision.
#[derive(Debug, Clone)]
struct Waiting {
    application_id: String,
    due: Instant,
    materials: Vec<String>,
}

/// State of the reviewing authority: the receipt given per idempotency key and the applications
/// waiting for a decision.
#[derive(Debug, Default)]
pub struct Reviewer {
    policy: ReviewPolicy,
    delay: Duration,
    answers: HashMap<(String, String), ([u8; 32], SubmissionReceipt)>,
    waiting: Vec<Waiting>,
    returned_once: Vec<String>,
    filed: u64,
}

/// A multipart body as received: the `submission` JSON and the files by the name they came
/// under.
#[derive(Debug, Default)]
pub struct Upload {
    /// The `submission` part.
    pub submission: Vec<u8>,
    /// Each `file` part's bytes by its file name, which is its declared SHA-256.
    pub files: HashMap<String, Vec<u8>>,
}

impl Upload {
    /// Hashes the whole request, to tell a repeat from a different request under one key.
    fn digest(&self) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(&self.submission);
        let mut names: Vec<&String> = self.files.keys().collect();
        names.sort();
        for name in names {
            hasher.update(name.as_bytes());
        }
        hasher.finalize().into()
    }

    fn check(&self, manifest: &MaterialManifest) -> Result<(), Refusal> {
        let bytes = self.files.get(&manifest.sha256).ok_or_else(|| Refusal::MaterialMismatch(manifest.kind.clone()))?;
        let actual = crate::account::data_dir::hex(&Sha256::digest(bytes));
        if actual != manifest.sha256 || bytes.len() as u64 != manifest.size {
            return Err(Refusal::MaterialMismatch(manifest.kind.clone()));
        }
        Ok(())
    }
}

fn today() -> NaiveDate {
    crate::domain::time::today_in_china()
}

impl Reviewer {
    /// Creates a reviewer deciding by `policy`, `delay` after each submission.
    pub fn new(policy: ReviewPolicy, delay: Duration) -> Self {
        Self { policy, delay, ..Self::default() }
    }

    fn remembered(
        &self,
        account: &str,
        key: Option<&str>,
        upload: &Upload,
    ) -> Result<Option<SubmissionReceipt>, Refusal> {
        let key = key.filter(|k| !k.is_empty() && k.len() <= 200).ok_or(Refusal::MissingKey)?;
        match self.answers.get(&(account.to_owned(), key.to_owned())) {
            Some((digest, receipt)) if *digest == upload.digest() => Ok(Some(receipt.clone())),
            Some(_) => Err(Refusal::KeyReused),
            None => Ok(None),
        }
    }

    fn remember(&mut self, account: &str, key: Option<&str>, upload: &Upload, receipt: &SubmissionReceipt) {
        if let Some(key) = key {
            self.answers.insert((account.to_owned(), key.to_owned()), (upload.digest(), receipt.clone()));
        }
    }

    /// Files an application, or returns the first receipt for a key already used with the same
    /// body.
    /// Returns the receipt and whether it is new.
    pub fn submit_application(
        &mut self,
        served: &mut Served,
        account: &str,
        key: Option<&str>,
        upload: &Upload,
    ) -> Result<(SubmissionReceipt, bool), Refusal> {
        if let Some(receipt) = self.remembered(account, key, upload)? {
            return Ok((receipt, false));
        }
        let submission: ApplicationSubmission =
            serde_json::from_slice(&upload.submission).map_err(|e| Refusal::BadBody(e.to_string()))?;
        for manifest in &submission.materials {
            upload.check(manifest)?;
        }
        let id_number = IdNumber::parse(&submission.id_number).map_err(|_| Refusal::Unknown("id_number".to_owned()))?;
        let unit = CreditCode::parse(&submission.unit_credit_code)
            .map_err(|_| Refusal::Unknown("unit_credit_code".to_owned()))?;
        let data = served.data();
        if !data.persons.iter().any(|p| p.id_number == id_number.as_str()) {
            return Err(Refusal::Unknown("id_number".to_owned()));
        }
        if !data.units.iter().any(|u| u.credit_code == unit.as_str()) {
            return Err(Refusal::Unknown("unit_credit_code".to_owned()));
        }
        let event = |state| ApplicationEvent { happened_on: today(), state, note: String::new() };
        let application_id = if let Some(corrects) = &submission.resubmits {
            let found = data.applications.iter().find(|a| {
                &a.application_id == corrects
                    && a.state == ApplicationState::Returned
                    && a.id_number == id_number.as_str()
            });
            if found.is_none() {
                return Err(Refusal::NotReturned(corrects.clone()));
            }
            served.change_application(corrects, |application| {
                application.state = ApplicationState::Resubmitted;
                application.corrections.clear();
                application.history.push(event(ApplicationState::Resubmitted));
            });
            corrects.clone()
        } else {
            self.filed += 1;
            let application_id = format!("SBX-{}-{:05}", today().format("%Y%m%d"), self.filed);
            served.add_application(ChangeApplication {
                application_id: application_id.clone(),
                id_number: id_number.as_str().to_owned(),
                kind: submission.kind,
                state: ApplicationState::Submitted,
                unit_credit_code: unit.as_str().to_owned(),
                qualification: submission.qualification,
                created_on: today(),
                history: vec![event(ApplicationState::Submitted)],
                corrections: Vec::new(),
            });
            application_id
        };
        self.waiting.push(Waiting {
            application_id: application_id.clone(),
            due: Instant::now() + self.delay,
            materials: submission.materials.iter().map(|m| m.kind.clone()).collect(),
        });
        let receipt = SubmissionReceipt { id: application_id, received_at: Utc::now() };
        self.remember(account, key, upload, &receipt);
        Ok((receipt, true))
    }

    /// Records an exemption with its evidence, or returns the first receipt for a key already
    /// used.
    pub fn submit_exemption(
        &mut self,
        served: &mut Served,
        account: &str,
        key: Option<&str>,
        upload: &Upload,
    ) -> Result<(SubmissionReceipt, bool), Refusal> {
        if let Some(receipt) = self.remembered(account, key, upload)? {
            return Ok((receipt, false));
        }
        let submission: ExemptionSubmission =
            serde_json::from_slice(&upload.submission).map_err(|e| Refusal::BadBody(e.to_string()))?;
        upload.check(&submission.evidence)?;
        if !served.data().persons.iter().any(|p| p.id_number == submission.id_number) {
            return Err(Refusal::Unknown("id_number".to_owned()));
        }
        self.filed += 1;
        let exemption_id = format!("SBX-EX-{}-{:05}", today().format("%Y%m%d"), self.filed);
        served.add_exemption(Exemption {
            exemption_id: exemption_id.clone(),
            id_number: submission.id_number,
            kind: submission.kind,
            // The record names the file as the user knows it; its content was checked against
            // the manifest's SHA-256 on upload.
            evidence_file: submission.evidence.name,
            note: submission.note,
            recorded_on: today(),
        });
        let receipt = SubmissionReceipt { id: exemption_id, received_at: Utc::now() };
        self.remember(account, key, upload, &receipt);
        Ok((receipt, true))
    }

    /// Decides every waiting application whose time has come, by the policy.
    pub fn run_due(&mut self, served: &mut Served) {
        if self.policy == ReviewPolicy::Manual {
            return;
        }
        let now = Instant::now();
        let (due, later): (Vec<Waiting>, Vec<Waiting>) = self.waiting.drain(..).partition(|w| w.due <= now);
        self.waiting = later;
        for waiting in due {
            let decision = self.policy_decision(served, &waiting);
            Self::apply(served, &waiting.application_id, &decision);
        }
    }

    fn policy_decision(&mut self, served: &Served, waiting: &Waiting) -> Decision {
        let data = served.data();
        let Some(application) = data.applications.iter().find(|a| a.application_id == waiting.application_id) else {
            return Decision::Reject("申请不存在".to_owned());
        };
        let manages_unfinished = data.projects.iter().any(|p| {
            p.manager_id_number == application.id_number
                && p.status != ProjectStatus::Completed
                && p.contractor_credit_code != application.unit_credit_code
        });
        if application.kind == ApplicationKind::ChangeEmployer && manages_unfinished {
            return Decision::Reject(
                "该人员担任在建项目的项目负责人，项目竣工验收或移交前不得变更执业单位。".to_owned(),
            );
        }
        match self.policy {
            ReviewPolicy::Approve | ReviewPolicy::Manual => Decision::Approve,
            ReviewPolicy::Reject => Decision::Reject("材料不符合注册条件。".to_owned()),
            ReviewPolicy::ReturnOnce => {
                if self.returned_once.contains(&waiting.application_id) {
                    return Decision::Approve;
                }
                self.returned_once.push(waiting.application_id.clone());
                let material = waiting
                    .materials
                    .first()
                    .cloned()
                    .unwrap_or_else(|| crate::domain::application::MaterialKind::ApplicationForm.code().to_owned());
                Decision::Return(vec![MaterialCorrection {
                    material,
                    reason: "扫描件不清晰，签字盖章页无法辨认，请重新扫描上传。".to_owned(),
                }])
            }
        }
    }

    /// Decides one application now, whatever the policy. Returns whether it was waiting.
    pub fn decide(&mut self, served: &mut Served, application_id: &str, decision: &Decision) -> bool {
        let before = self.waiting.len();
        self.waiting.retain(|w| w.application_id != application_id);
        if self.waiting.len() == before {
            return false;
        }
        Self::apply(served, application_id, decision);
        true
    }

    fn apply(served: &mut Served, application_id: &str, decision: &Decision) {
        let event = |state, note: &str| ApplicationEvent { happened_on: today(), state, note: note.to_owned() };
        let mut approved = None;
        served.change_application(application_id, |application| {
            application.history.push(event(ApplicationState::UnderReview, ""));
            match decision {
                Decision::Approve => {
                    application.state = ApplicationState::Approved;
                    application.history.push(event(ApplicationState::Approved, ""));
                    approved = Some(application.clone());
                }
                Decision::Return(corrections) => {
                    application.state = ApplicationState::Returned;
                    let note = corrections.iter().map(|c| c.reason.as_str()).collect::<Vec<_>>().join("；");
                    application.history.push(event(ApplicationState::Returned, &note));
                    application.corrections.clone_from(corrections);
                }
                Decision::Reject(reason) => {
                    application.state = ApplicationState::Rejected;
                    application.history.push(event(ApplicationState::Rejected, reason));
                }
            }
        });
        if let Some(application) = approved {
            served.issue_version(&application, today());
        }
    }
}
