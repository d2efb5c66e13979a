//! HTTP routes of the sandbox platform, implementing `docs/platform-api.md`.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, Utc};
use rand::RngCore as _;
use serde::Deserialize;
use serde_json::Value;

use super::dataset::Dataset;
use super::faults::{FaultKind, FaultPlan};
use super::pages::{BadPosition, BuiltPage, Served};
use super::review::{Decision, Refusal, ReviewPolicy, Reviewer, Upload};
use super::sample::Account;
use crate::domain::Certificate;
use crate::platform::wire::{
    API_VERSION, CertificateKey, ErrorBody, PlatformInfo, RecordPage, Resource, SessionRequest, SessionResponse,
};

/// 500 records: the largest page the sandbox serves.
const MAX_PAGE_SIZE: usize = 500;

/// 256 MiB: the largest submission body, room for several materials at their 50 MiB limit.
const MAX_UPLOAD_BYTES: usize = 256 * 1024 * 1024;

/// 8 hours: how long a sandbox token stays valid.
const TOKEN_HOURS: i64 = 8;

/// Shared state of the running sandbox.
pub struct SandboxState {
    served: RwLock<Served>,
    sessions: Mutex<HashMap<String, Account>>,
    faults: FaultPlan,
    requests: Mutex<Vec<ListingRequest>>,
    /// The last page served to each account for each listing, which the repeat-page fault
    /// sends again.
    last_pages: Mutex<HashMap<(String, Resource), RecordPage<Value, Value>>>,
    reviewer: Mutex<Reviewer>,
}

/// One listing request as the sandbox received it, for tests that check where a sync resumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingRequest {
    /// The listing.
    pub resource: Resource,
    /// The page token sent, `None` for the first page.
    pub page_token: Option<String>,
    /// The fault injected into the response, if one fired.
    pub fault: Option<FaultKind>,
}

impl SandboxState {
    /// Builds the state of a sandbox serving `data` with `faults`.
    pub fn new(data: Dataset, faults: FaultPlan) -> Self {
        Self {
            served: RwLock::new(Served::new(data)),
            sessions: Mutex::new(HashMap::new()),
            faults,
            requests: Mutex::new(Vec::new()),
            last_pages: Mutex::new(HashMap::new()),
            reviewer: Mutex::new(Reviewer::default()),
        }
    }

    /// Decides the applications it receives by `policy`, `delay` after each submission.
    #[must_use]
    pub fn with_review(mut self, policy: ReviewPolicy, delay: std::time::Duration) -> Self {
        self.reviewer = Mutex::new(Reviewer::new(policy, delay));
        self
    }

    /// Decides one waiting application now, as a reviewer would. Returns whether it was waiting.
    pub fn decide(&self, application_id: &str, decision: &Decision) -> bool {
        let (Ok(mut reviewer), Ok(mut served)) = (self.reviewer.lock(), self.served.write()) else { return false };
        reviewer.decide(&mut served, application_id, decision)
    }

    /// Decides the waiting applications whose time has come.
    fn run_due_reviews(&self) {
        if let (Ok(mut reviewer), Ok(mut served)) = (self.reviewer.lock(), self.served.write()) {
            reviewer.run_due(&mut served);
        }
    }

    /// Changes one certificate version, as the platform would after a change registration, and
    /// records the change for the change feed. Returns whether the version exists.
    pub fn edit_certificate(&self, key: &CertificateKey, change: impl FnOnce(&mut Certificate)) -> bool {
        self.served.write().is_ok_and(|mut served| served.edit_certificate(key, change))
    }

    /// Deletes one certificate version and records a tombstone. Returns whether it existed.
    pub fn delete_certificate(&self, key: &CertificateKey) -> bool {
        self.served.write().is_ok_and(|mut served| served.delete_certificate(key))
    }

    /// Deletes the record of any listing whose key is `key` (the fields
    /// [`Resource::key_fields`] names) and records a tombstone. Returns whether it existed.
    pub fn delete_record(&self, resource: Resource, key: &Value) -> bool {
        self.served.write().is_ok_and(|mut served| served.delete_record(resource, key))
    }

    /// Signs every certificate version that has no stored signature yet.
    pub fn sign_all(&self) {
        if let Ok(served) = self.served.read() {
            served.sign_all();
        }
    }

    /// Returns a copy of the data served now.
    pub fn data(&self) -> Dataset {
        self.served.read().map(|served| served.data().clone()).unwrap_or_default()
    }

    /// Returns every listing request received so far, oldest first.
    pub fn listing_requests(&self) -> Vec<ListingRequest> {
        self.requests.lock().map(|requests| requests.clone()).unwrap_or_default()
    }
}

/// Builds the router over the sample data, with no faults.
pub fn router(data: Dataset) -> Router {
    router_with_state(Arc::new(SandboxState::new(data, FaultPlan::default())))
}

/// Builds the router over shared state, which the caller may keep to read the request log.
pub fn router_with_state(state: Arc<SandboxState>) -> Router {
    Router::new()
        .route("/api/v1/platform", get(platform_info))
        .route("/api/v1/sessions", post(create_session))
        .route("/api/v1/{resource}", get(list_records).post(submit))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "not_found", "no such endpoint") })
        .with_state(state)
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(ErrorBody { code: code.to_owned(), message: message.to_owned() })).into_response()
}

async fn platform_info(State(state): State<Arc<SandboxState>>) -> Json<PlatformInfo> {
    Json(PlatformInfo {
        platform_id: "sandbox".to_owned(),
        name: "演示平台".to_owned(),
        sandbox: true,
        server_time: Utc::now() + Duration::seconds(state.faults.clock_skew_secs()),
        api_version: API_VERSION,
    })
}

async fn create_session(State(state): State<Arc<SandboxState>>, Json(request): Json<SessionRequest>) -> Response {
    let account = state.served.read().ok().and_then(|served| {
        let accounts = &served.data().accounts;
        accounts
            .iter()
            .find(|a| a.account == request.account && a.password == request.password && a.role == request.role)
            .cloned()
    });
    let Some(account) = account else {
        return error(StatusCode::UNAUTHORIZED, "wrong_credentials", "account, password or role rejected");
    };
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let token = crate::account::data_dir::hex(&bytes);
    if let Ok(mut sessions) = state.sessions.lock() {
        sessions.insert(token.clone(), account.clone());
    }
    Json(SessionResponse {
        token,
        role: account.role,
        account: account.account.clone(),
        display_name: account.display_name.clone(),
        expires_at: Utc::now() + Duration::hours(TOKEN_HOURS),
    })
    .into_response()
}

#[derive(Deserialize)]
struct PageQuery {
    page_size: Option<usize>,
    page_token: Option<String>,
    since: Option<String>,
}

async fn list_records(
    State(state): State<Arc<SandboxState>>,
    Path(resource): Path<String>,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> Response {
    let Some(resource) = Resource::from_path(&resource) else {
        return error(StatusCode::NOT_FOUND, "not_found", "no such listing");
    };
    let Some(account) = authenticate(&state, &headers) else {
        return error(StatusCode::UNAUTHORIZED, "unauthorized", "missing or unknown bearer token");
    };
    state.run_due_reviews();
    let page_size = query.page_size.unwrap_or(100).clamp(1, MAX_PAGE_SIZE);
    let fault = state.faults.next_listing_fault(query.page_token.is_some());
    if let Ok(mut requests) = state.requests.lock() {
        requests.push(ListingRequest { resource, page_token: query.page_token.clone(), fault });
    }

    let built = build_page(&state, resource, &account, &query, page_size, fault);
    let BuiltPage { page, etag } = match built {
        Ok(built) => built,
        Err(BadPosition::Invalid) => {
            return error(
                StatusCode::BAD_REQUEST,
                "bad_page_token",
                "page_token or since is not one this server issued",
            );
        }
        Err(BadPosition::Expired) => {
            return error(StatusCode::GONE, "cursor_expired", "the change feed restarted; fetch it from the start");
        }
    };
    let unchanged = etag.as_ref().is_some_and(|etag| {
        headers.get(header::IF_NONE_MATCH).is_some_and(|value| value.as_bytes() == etag.as_bytes())
    });
    if fault.is_none() && query.page_token.is_none() && unchanged {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag.unwrap_or_default())]).into_response();
    }
    // Copying every page showed in the sync benchmark's profile, so only a plan that repeats pages
    // keeps them.
    if let Some(mut last_pages) = state.last_pages.lock().ok().filter(|_| state.faults.repeats_pages()) {
        last_pages.insert((account.account.clone(), resource), page.clone());
    }
    match (fault, etag) {
        (Some(kind), _) => faulty_answer(kind, &page).await,
        (None, Some(etag)) => ([(header::ETAG, etag)], Json(page)).into_response(),
        (None, None) => Json(page).into_response(),
    }
}

/// `POST /api/v1/applications` and `POST /api/v1/exemptions`: a multipart body with a
/// `submission` JSON part and one `file` part per declared material, under an
/// `Idempotency-Key`.
async fn submit(
    State(state): State<Arc<SandboxState>>,
    Path(resource): Path<String>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let resource = Resource::from_path(&resource);
    if !matches!(resource, Some(Resource::Applications | Resource::Exemptions)) {
        return error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "this listing takes no submissions");
    }
    let Some(account) = authenticate(&state, &headers) else {
        return error(StatusCode::UNAUTHORIZED, "unauthorized", "missing or unknown bearer token");
    };
    if let Some(kind) = state.faults.next_listing_fault(false) {
        let empty = RecordPage {
            page_token: None,
            items: Vec::new(),
            next_page_token: None,
            total: 0,
            deleted: Vec::new(),
            cursor: None,
        };
        return faulty_answer(kind, &empty).await;
    }
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(detail) => return error(StatusCode::BAD_REQUEST, "bad_submission", &detail),
    };
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok());
    state.run_due_reviews();
    let answer = match (state.reviewer.lock(), state.served.write()) {
        (Ok(mut reviewer), Ok(mut served)) => {
            if resource == Some(Resource::Applications) {
                reviewer.submit_application(&mut served, &account.account, key, &upload)
            } else {
                reviewer.submit_exemption(&mut served, &account.account, key, &upload)
            }
        }
        _ => return error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "state unavailable"),
    };
    state.run_due_reviews();
    match answer {
        Ok((receipt, true)) => (StatusCode::CREATED, Json(receipt)).into_response(),
        Ok((receipt, false)) => (StatusCode::OK, Json(receipt)).into_response(),
        Err(refusal) => {
            let status = match refusal {
                Refusal::MissingKey | Refusal::BadBody(_) => StatusCode::BAD_REQUEST,
                Refusal::KeyReused => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let (code, text) = refusal.code_and_text();
            error(status, code, &text)
        }
    }
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, String> {
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|e| e.to_string())?;
        match (name.as_str(), file_name) {
            ("submission", _) => upload.submission = bytes.to_vec(),
            ("file", Some(file_name)) => {
                upload.files.insert(file_name, bytes.to_vec());
            }
            _ => return Err(format!("unexpected part {name}")),
        }
    }
    Ok(upload)
}

/// Builds the requested page, or the page a repeat-page or skip-page fault sends in its
/// place: the previous page served to the account, or the page after the requested one.
fn build_page(
    state: &SandboxState,
    resource: Resource,
    account: &Account,
    query: &PageQuery,
    page_size: usize,
    fault: Option<FaultKind>,
) -> Result<BuiltPage, BadPosition> {
    let served = state.served.read().map_err(|_| BadPosition::Invalid)?;
    let requested = served.page(resource, account, query.page_token.as_deref(), query.since.as_deref(), page_size)?;
    match fault {
        Some(FaultKind::RepeatPage) => {
            let previous =
                state.last_pages.lock().ok().and_then(|pages| pages.get(&(account.account.clone(), resource)).cloned());
            Ok(previous.map_or(requested, |page| BuiltPage { page, etag: None }))
        }
        Some(FaultKind::SkipPage) => match requested.page.next_page_token.as_deref() {
            Some(next) => served.page(resource, account, Some(next), None, page_size),
            None => Ok(requested),
        },
        _ => Ok(requested),
    }
}

/// Builds the response a fault gives in place of (or around) a page.
async fn faulty_answer(kind: FaultKind, page: &RecordPage<Value, Value>) -> Response {
    let body = serde_json::to_vec(page).unwrap_or_default();
    let half = Bytes::from(body.get(..body.len() / 2).unwrap_or_default().to_vec());
    let json_type = [(header::CONTENT_TYPE, "application/json")];
    match kind {
        FaultKind::TooManyRequests { retry_after_secs } => {
            let mut response = error(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "too many requests");
            response.headers_mut().insert(header::RETRY_AFTER, retry_after_secs.into());
            response
        }
        FaultKind::ServerError { status } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            error(status, "injected_fault", "server error injected by the sandbox")
        }
        FaultKind::Delay { millis } => {
            tokio::time::sleep(std::time::Duration::from_millis(millis)).await;
            (json_type, body).into_response()
        }
        FaultKind::ConnectionReset => (json_type, Body::new(BrokenBody { first_half: Some(half) })).into_response(),
        FaultKind::TruncatedJson => (json_type, half).into_response(),
        FaultKind::MalformedJson => {
            let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
            (json_type, html).into_response()
        }
        FaultKind::RepeatPage | FaultKind::SkipPage | FaultKind::ClockSkew { .. } => (json_type, body).into_response(),
    }
}

/// A body that sends its first half, then fails, so the server drops the connection part-way
/// through a chunked response.
struct BrokenBody {
    first_half: Option<Bytes>,
}

impl http_body::Body for BrokenBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _context: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        match self.first_half.take() {
            Some(half) => Poll::Ready(Some(Ok(http_body::Frame::data(half)))),
            None => Poll::Ready(Some(Err(std::io::Error::from(std::io::ErrorKind::ConnectionReset)))),
        }
    }
}

fn authenticate(state: &SandboxState, headers: &HeaderMap) -> Option<Account> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?;
    state.sessions.lock().ok()?.get(token).cloned()
}
