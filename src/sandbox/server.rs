//! HTTP routes of the sandbox platform, implementing `docs/platform-api.md`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, Utc};
use rand::RngCore as _;
use serde::Deserialize;

use super::dataset::Dataset;
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
}

/// Builds the router over the sample data.
pub fn router(data: Dataset) -> Router {
    let state = Arc::new(SandboxState { data, sessions: Mutex::new(HashMap::new()) });
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

async fn platform_info() -> Json<PlatformInfo> {
    Json(PlatformInfo {
        platform_id: "sandbox".to_owned(),
        name: "演示平台".to_owned(),
        sandbox: true,
        server_time: Utc::now(),
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
    let visible = state.data.visible(resource, &account);
    let end = (offset + page_size).min(visible.len());
    let items = visible.get(offset..end).unwrap_or_default().to_vec();
    let next_page_token = (end < visible.len()).then(|| format!("offset-{end}"));
    Json(RecordPage { items, next_page_token, total: visible.len() as u64 }).into_response()
}

fn parse_page_token(token: &str) -> Option<usize> {
    token.strip_prefix("offset-")?.parse().ok()
}

fn authenticate(state: &SandboxState, headers: &HeaderMap) -> Option<Account> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?;
    state.sessions.lock().ok()?.get(token).cloned()
}
