//! HTTPS client of the platform API. It trusts exactly the configured CA certificate.

use std::time::Duration;

use reqwest::{StatusCode, Url};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;
use serde::de::DeserializeOwned;

use super::error::{PlatformError, classify};
use super::retry::{RetryPolicy, with_retries};
use super::wire::{
    ErrorBody, PlatformInfo, RecordPage, Resource, Role, SessionRequest, SessionResponse, SubmissionReceipt,
};

/// 10 seconds to open a connection: long enough for a slow site-office link.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// 30 seconds between two reads of one response.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// 200 records: one page, and so one cache transaction.
pub const PAGE_SIZE: u32 = 200;

/// Timeouts, page size and retries of a client. Tests shorten them; the app uses the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientOptions {
    /// Longest wait to open a connection.
    pub connect_timeout: Duration,
    /// Longest wait between two reads of one response, the wait for the headers included.
    pub read_timeout: Duration,
    /// Records asked for per page.
    pub page_size: u32,
    /// Retries of failed GETs.
    pub retry: RetryPolicy,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: CONNECT_TIMEOUT,
            read_timeout: READ_TIMEOUT,
            page_size: PAGE_SIZE,
            retry: RetryPolicy::default(),
        }
    }
}

/// Address of the platform and the CA that signs its TLS certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformEndpoint {
    /// Base URL, such as `https://127.0.0.1:8443`.
    pub url: String,
    /// PEM text of the CA certificates to trust: the platform's, and any extra one such as the
    /// CA of a TLS-inspecting company proxy.
    pub ca_pem: Vec<u8>,
    /// An explicit proxy URL, such as `http://proxy.example:3128`; `None` uses the system proxy
    /// settings, or none for a platform on loopback.
    pub proxy: Option<String>,
}

/// Which page of a listing to fetch.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest<'a> {
    /// The listing.
    pub resource: Resource,
    /// The token of the page; `None` for the first page.
    pub page_token: Option<&'a str>,
    /// For the first page, the entity tag of the last complete fetch of the listing.
    pub if_none_match: Option<&'a str>,
    /// For the first page, the cursor the last complete fetch of the listing ended with.
    pub since: Option<&'a str>,
}

/// One page of a listing as received.
#[derive(Debug, Clone)]
pub struct FetchedPage<T, K> {
    /// The page.
    pub page: RecordPage<T, K>,
    /// Response body bytes.
    pub bytes: u64,
    /// The `ETag` of the listing as the platform served this page.
    pub etag: Option<String>,
}

/// A client bound to one platform.
#[derive(Debug, Clone)]
pub struct PlatformClient {
    http: reqwest::Client,
    base: Url,
    options: ClientOptions,
}

impl PlatformClient {
    /// Builds a client that trusts only the endpoint's CA, with the default options.
    pub fn new(endpoint: &PlatformEndpoint) -> Result<Self, PlatformError> {
        Self::with_options(endpoint, ClientOptions::default())
    }

    /// Builds a client that trusts only the endpoint's CA.
    pub fn with_options(endpoint: &PlatformEndpoint, options: ClientOptions) -> Result<Self, PlatformError> {
        let base = Url::parse(&endpoint.url)
            .ok()
            .filter(|url| url.scheme() == "https" && url.host().is_some())
            .ok_or_else(|| PlatformError::InvalidUrl { url: endpoint.url.clone() })?;
        let certificates = parse_ca(&endpoint.ca_pem)?;
        let mut builder = reqwest::Client::builder()
            .tls_certs_only(certificates)
            .https_only(true)
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .user_agent(concat!("CertDesk/", env!("CARGO_PKG_VERSION")));
        if let Some(proxy) = &endpoint.proxy {
            let invalid = || PlatformError::InvalidProxy { url: proxy.clone() };
            let parsed = Url::parse(proxy).ok().filter(|url| matches!(url.scheme(), "http" | "https"));
            let proxy = parsed.and_then(|url| reqwest::Proxy::all(url).ok()).ok_or_else(invalid)?;
            builder = builder.proxy(proxy);
        } else if is_loopback(&base) {
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| PlatformError::Client(e.to_string()))?;
        Ok(Self { http, base, options })
    }

    /// Returns the base URL.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// Fetches who the platform is, in one attempt.
    pub async fn platform_info(&self) -> Result<PlatformInfo, PlatformError> {
        let response = self.http.get(self.endpoint("api/v1/platform")?).send().await.map_err(|e| classify(&e))?;
        read_json(response).await.map(|(value, _)| value)
    }

    /// Fetches who the platform is, retrying transient errors.
    pub async fn platform_info_with_retries(&self) -> Result<PlatformInfo, PlatformError> {
        with_retries(&self.options.retry, "platform", || self.platform_info()).await
    }

    /// Signs in and returns the session with its bearer token.
    pub async fn sign_in(&self, account: &str, password: &str, role: Role) -> Result<SessionResponse, PlatformError> {
        let body = SessionRequest { account: account.to_owned(), password: password.to_owned(), role };
        let response =
            self.http.post(self.endpoint("api/v1/sessions")?).json(&body).send().await.map_err(|e| classify(&e))?;
        match response.status() {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Err(PlatformError::WrongCredentials),
            _ => read_json(response).await.map(|(value, _)| value),
        }
    }

    /// Fetches one page of a listing, retrying transient errors. The page must echo the
    /// requested page token, so a repeated or skipped page is caught before it is written.
    /// `None` comes back when the platform reports the listing unchanged (HTTP 304).
    pub async fn page<T: DeserializeOwned, K: DeserializeOwned>(
        &self,
        token: &str,
        request: &PageRequest<'_>,
    ) -> Result<Option<FetchedPage<T, K>>, PlatformError> {
        with_retries(&self.options.retry, request.resource.path(), || self.page_once(token, request)).await
    }

    async fn page_once<T: DeserializeOwned, K: DeserializeOwned>(
        &self,
        token: &str,
        request: &PageRequest<'_>,
    ) -> Result<Option<FetchedPage<T, K>>, PlatformError> {
        let mut url = self.endpoint(&format!("api/v1/{}", request.resource.path()))?;
        url.query_pairs_mut().append_pair("page_size", &self.options.page_size.to_string());
        match (request.page_token, request.since) {
            (Some(page_token), _) => {
                url.query_pairs_mut().append_pair("page_token", page_token);
            }
            (None, Some(since)) => {
                url.query_pairs_mut().append_pair("since", since);
            }
            (None, None) => {}
        }
        let mut http_request = self.http.get(url).bearer_auth(token);
        if let Some(etag) = request.if_none_match.filter(|_| request.page_token.is_none()) {
            http_request = http_request.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        let response = http_request.send().await.map_err(|e| classify(&e))?;
        if response.status() == StatusCode::NOT_MODIFIED {
            return Ok(None);
        }
        let etag =
            response.headers().get(reqwest::header::ETAG).and_then(|value| value.to_str().ok()).map(str::to_owned);
        let (page, bytes): (RecordPage<T, K>, u64) = read_json(response).await?;
        if page.page_token.as_deref() != request.page_token {
            return Err(PlatformError::PageOutOfSequence {
                resource: request.resource.path(),
                requested: request.page_token.map(str::to_owned),
                received: page.page_token,
            });
        }
        Ok(Some(FetchedPage { page, bytes, etag }))
    }

    /// Sends a submission (`applications` or `exemptions`) as a multipart body: the
    /// `submission` JSON, then each file as a `file` part named by its SHA-256. Retries transient
    /// errors under the same idempotency key, so a platform that keeps the idempotency rules of
    /// docs/platform-api.md (as the sandbox does) files it at most once.
    pub async fn submit(
        &self,
        token: &str,
        resource: Resource,
        idempotency_key: &str,
        submission: &str,
        files: &[(String, Vec<u8>)],
    ) -> Result<SubmissionReceipt, PlatformError> {
        with_retries(&self.options.retry, resource.path(), || {
            self.submit_once(token, resource, idempotency_key, submission, files)
        })
        .await
    }

    async fn submit_once(
        &self,
        token: &str,
        resource: Resource,
        idempotency_key: &str,
        submission: &str,
        files: &[(String, Vec<u8>)],
    ) -> Result<SubmissionReceipt, PlatformError> {
        let url = self.endpoint(&format!("api/v1/{}", resource.path()))?;
        let mut form = reqwest::multipart::Form::new().part(
            "submission",
            reqwest::multipart::Part::text(submission.to_owned())
                .mime_str("application/json")
                .map_err(|e| PlatformError::Client(e.to_string()))?,
        );
        for (sha256, bytes) in files {
            form = form.part("file", reqwest::multipart::Part::bytes(bytes.clone()).file_name(sha256.clone()));
        }
        let response = self
            .http
            .post(url)
            .bearer_auth(token)
            .header("Idempotency-Key", idempotency_key)
            .multipart(form)
            .send()
            .await
            .map_err(|e| classify(&e))?;
        let status = response.status();
        if matches!(status.as_u16(), 400 | 409 | 422) {
            let bytes = response.bytes().await.map_err(|e| classify(&e))?;
            let body: ErrorBody =
                serde_json::from_slice(&bytes).map_err(|e| PlatformError::Malformed(e.to_string()))?;
            return Err(PlatformError::Refused { code: body.code, detail: body.message });
        }
        read_json(response).await.map(|(value, _)| value)
    }

    fn endpoint(&self, path: &str) -> Result<Url, PlatformError> {
        self.base.join(path).map_err(|_| PlatformError::InvalidUrl { url: self.base.to_string() })
    }
}

/// Reads every certificate from PEM text, failing if there is none.
pub fn parse_ca(pem: &[u8]) -> Result<Vec<reqwest::Certificate>, PlatformError> {
    let mut certificates = Vec::new();
    for der in CertificateDer::pem_slice_iter(pem) {
        let der = der.map_err(|_| PlatformError::InvalidCaCertificate)?;
        certificates.push(reqwest::Certificate::from_der(&der).map_err(|_| PlatformError::InvalidCaCertificate)?);
    }
    if certificates.is_empty() {
        return Err(PlatformError::InvalidCaCertificate);
    }
    Ok(certificates)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

async fn read_json<T: DeserializeOwned>(response: reqwest::Response) -> Result<(T, u64), PlatformError> {
    let status = response.status();
    if status == StatusCode::UNAUTHORIZED {
        return Err(PlatformError::SignedOut);
    }
    if status == StatusCode::GONE {
        return Err(PlatformError::CursorExpired);
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        return Err(PlatformError::RateLimited { retry_after: retry_after(response.headers()) });
    }
    if !status.is_success() {
        return Err(PlatformError::Status { status: status.as_u16() });
    }
    let bytes = response.bytes().await.map_err(|e| classify(&e))?;
    let value = serde_json::from_slice(&bytes).map_err(|e| PlatformError::Malformed(e.to_string()))?;
    Ok((value, bytes.len() as u64))
}

/// Reads `Retry-After` when it is a number of seconds. The HTTP-date form is ignored, so the
/// client's own backoff applies, because comparing a date would need the client clock, which
/// may be wrong.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let seconds = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim().parse::<u64>().ok()?;
    Some(Duration::from_secs(seconds))
}
