//! HTTP routes of the sandbox platform, implementing `docs/platform-api.md`.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, Utc};
use rand::RngCore as _;
use serde::Deserialize;
use sha2::{Digest as _, Sha256};

use super::dataset::Dataset;
use super::faults::{FaultKind, FaultPlan};
use super::sample::Account;
use crate::platform::wire::{
    API_VERSION, ErrorBody, PlatformInfo, RecordPage, Resource, SessionRequest, SessionResponse,
};

/// 500 records: the largest page the sandbox serves.
const MAX_PAGE_SIZE: usize = 500;

/// 8 hours: how long a sandbox token stays valid.
const TOKEN_HOURS: i64 = 8;

/// Shared state of the running sandbox.
pub struct SandboxState {
    data: Dataset,
    sessions: Mutex<HashMap<String, Account>>,
    faults: FaultPlan,
    requests: Mutex<Vec<ListingRequest>>,
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
        Self { data, sessions: Mutex::new(HashMap::new()), faults, requests: Mutex::new(Vec::new()) }
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
        .route("/api/v1/{resource}", get(list_records))
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
    let Some(account) = state
        .data
        .accounts
        .iter()
        .find(|a| a.account == request.account && a.password == request.password && a.role == request.role)
    else {
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
    let offset = match query.page_token.as_deref().map(parse_page_token) {
        None => 0,
        Some(Some(offset)) => offset,
        Some(None) => {
            return error(StatusCode::BAD_REQUEST, "bad_page_token", "page_token is not one this server issued");
        }
    };
    let page_size = query.page_size.unwrap_or(100).clamp(1, MAX_PAGE_SIZE);
    let fault = state.faults.next_listing_fault(query.page_token.is_some());
    if let Ok(mut requests) = state.requests.lock() {
        requests.push(ListingRequest { resource, page_token: query.page_token.clone(), fault });
    }
    let visible = state.data.visible(resource, &account);
    let etag = listing_etag(&visible);
    let unchanged = headers.get(header::IF_NONE_MATCH).is_some_and(|value| value.as_bytes() == etag.as_bytes());
    if fault.is_none() && query.page_token.is_none() && unchanged {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    let offset = match fault {
        Some(FaultKind::RepeatPage) => offset.saturating_sub(page_size),
        Some(FaultKind::SkipPage) => (offset + page_size).min(visible.len()),
        _ => offset,
    };
    let end = (offset + page_size).min(visible.len());
    let items = visible.get(offset..end).unwrap_or_default().to_vec();
    let page = RecordPage {
        page_token: page_token_of(offset),
        items,
        next_page_token: (end < visible.len()).then(|| format!("offset-{end}")),
        total: visible.len() as u64,
    };
    match fault {
        Some(kind) => faulty_answer(kind, &page).await,
        None => ([(header::ETAG, etag)], Json(page)).into_response(),
    }
}

/// Returns the entity tag of a listing as an account sees it: a hash of every visible record,
/// so it changes whenever any of them does.
fn listing_etag(visible: &[serde_json::Value]) -> String {
    let body = serde_json::to_vec(visible).unwrap_or_default();
    let digest = Sha256::digest(&body);
    format!("\"{}\"", crate::account::data_dir::hex(digest.get(..16).unwrap_or_default()))
}

/// Returns the token that requests the page starting at `offset`; the first page has none.
fn page_token_of(offset: usize) -> Option<String> {
    (offset > 0).then(|| format!("offset-{offset}"))
}

/// Builds the response a fault gives in place of (or around) a page.
async fn faulty_answer(kind: FaultKind, page: &RecordPage<serde_json::Value>) -> Response {
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

fn parse_page_token(token: &str) -> Option<usize> {
    token.strip_prefix("offset-")?.parse().ok()
}

fn authenticate(state: &SandboxState, headers: &HeaderMap) -> Option<Account> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?;
    state.sessions.lock().ok()?.get(token).cloned()
}
