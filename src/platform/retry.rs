//! Retries of idempotent GET requests: exponential backoff with jitter, the server's
//! `Retry-After`, and a bound on both the attempts and the total wait.
//!
//! Only GETs go through here. Sign-in is a POST and is never retried, so a password is sent
//! at most once per user action.

use std::future::Future;
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable as _};
use tokio::time::Instant;
use tracing::warn;

use super::error::PlatformError;

/// How often and how long to retry a failed GET.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first one included; 1 turns retries off.
    pub max_attempts: u32,
    /// Wait before the second attempt; each later wait doubles, plus jitter.
    pub min_delay: Duration,
    /// Longest single wait between two attempts, also the longest `Retry-After` honoured.
    pub max_delay: Duration,
    /// Longest time one request may take, its attempts and the waits between them included.
    /// An attempt still running at this point counts as timed out, and no retry starts that
    /// could not end before it.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// 5 attempts with waits of 1, 2, 4 and 8 seconds (each plus up to as much again of
    /// jitter), no single wait over 20 s, and 55 s for the whole request. So a platform that
    /// stays down is reported within a minute, while a short outage or a `Retry-After` of a few
    /// seconds passes without the user noticing.
    fn default() -> Self {
        Self {
            max_attempts: 5,
            min_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
            max_elapsed: Duration::from_secs(55),
        }
    }
}

impl RetryPolicy {
    /// Returns a policy that makes exactly one attempt.
    pub fn no_retries() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    fn backoff(&self) -> ExponentialBuilder {
        let retries = usize::try_from(self.max_attempts.saturating_sub(1)).unwrap_or(usize::MAX);
        ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(retries)
            .with_jitter()
    }
}

/// Runs `request` until it succeeds, fails with an error that a retry cannot fix, or the policy
/// is used up. A transient error that outlasts the policy becomes [`PlatformError::GaveUp`].
pub async fn with_retries<T, F, Fut>(policy: &RetryPolicy, what: &str, mut request: F) -> Result<T, PlatformError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, PlatformError>>,
{
    let deadline = Instant::now() + policy.max_elapsed;
    let mut attempts: u32 = 0;
    let counted = || {
        attempts += 1;
        let attempt = request();
        async move { tokio::time::timeout_at(deadline, attempt).await.unwrap_or(Err(PlatformError::TimedOut)) }
    };
    let result = counted
        .retry(policy.backoff())
        .when(PlatformError::is_transient)
        .adjust(|error, backoff| {
            let wait = honour_retry_after(policy, error, backoff)?;
            (Instant::now() + wait < deadline).then_some(wait)
        })
        .notify(|error, wait| warn!(request = what, %error, wait_ms = wait.as_millis(), "retrying a failed request"))
        .await;
    match result {
        Err(error) if error.is_transient() && attempts > 1 => {
            Err(PlatformError::GaveUp { attempts, last: Box::new(error) })
        }
        other => other,
    }
}

/// Waits at least as long as the server's `Retry-After`, and gives up at once when the server
/// requests a longer wait than the policy allows.
fn honour_retry_after(policy: &RetryPolicy, error: &PlatformError, backoff: Option<Duration>) -> Option<Duration> {
    let backoff = backoff?;
    match error {
        PlatformError::RateLimited { retry_after: Some(wait) } if *wait > policy.max_delay => None,
        PlatformError::RateLimited { retry_after: Some(wait) } => Some(backoff.max(*wait)),
        _ => Some(backoff),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn fast(max_attempts: u32) -> RetryPolicy {
        RetryPolicy {
            max_attempts,
            min_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_elapsed: Duration::from_secs(1),
        }
    }

    fn block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    #[test]
    fn transient_error_is_retried_until_success() {
        let calls = Cell::new(0);

        let result = block_on(with_retries(&fast(5), "test", || {
            calls.set(calls.get() + 1);
            let outcome = if calls.get() < 3 { Err(PlatformError::Status { status: 503 }) } else { Ok(7) };
            async move { outcome }
        }));

        assert_eq!(result.unwrap(), 7);
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn lasting_error_gives_up_after_max_attempts() {
        let calls = Cell::new(0);

        let result: Result<(), _> = block_on(with_retries(&fast(4), "test", || {
            calls.set(calls.get() + 1);
            async { Err(PlatformError::TimedOut) }
        }));

        assert_eq!(calls.get(), 4);
        let error = result.unwrap_err();
        assert!(matches!(error, PlatformError::GaveUp { attempts: 4, .. }), "{error:?}");
        assert!(error.is_offline(), "a timed-out platform is still offline after the retries");
    }

    #[test]
    fn permanent_error_is_not_retried() {
        let calls = Cell::new(0);

        let result: Result<(), _> = block_on(with_retries(&fast(5), "test", || {
            calls.set(calls.get() + 1);
            async { Err(PlatformError::SignedOut) }
        }));

        assert_eq!(calls.get(), 1);
        assert!(matches!(result.unwrap_err(), PlatformError::SignedOut));
    }

    #[test]
    fn slow_attempts_stop_at_max_elapsed() {
        let policy = RetryPolicy { max_elapsed: Duration::from_millis(200), ..fast(100) };
        let calls = Cell::new(0);
        let started = std::time::Instant::now();

        let result: Result<(), _> = block_on(with_retries(&policy, "test", || {
            calls.set(calls.get() + 1);
            async {
                tokio::time::sleep(Duration::from_millis(150)).await;
                Err(PlatformError::Unreachable("connection refused".to_owned()))
            }
        }));

        assert!(started.elapsed() < Duration::from_millis(400), "{:?}", started.elapsed());
        assert_eq!(calls.get(), 2, "the second attempt is cut off at the deadline");
        let error = result.unwrap_err();
        assert!(
            matches!(&error, PlatformError::GaveUp { last, .. } if matches!(**last, PlatformError::TimedOut)),
            "{error:?}"
        );
    }

    #[test]
    fn retry_after_above_max_delay_gives_up() {
        let policy = fast(5);
        let error = PlatformError::RateLimited { retry_after: Some(Duration::from_hours(1)) };

        assert_eq!(honour_retry_after(&policy, &error, Some(Duration::from_millis(1))), None);
    }

    #[test]
    fn retry_after_lengthens_short_backoff() {
        let policy = fast(5);
        let error = PlatformError::RateLimited { retry_after: Some(Duration::from_millis(4)) };

        assert_eq!(honour_retry_after(&policy, &error, Some(Duration::from_millis(1))), Some(Duration::from_millis(4)));
    }
}
