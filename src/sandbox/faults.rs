//! Faults the sandbox can inject into its responses, so tests and people can watch the client
//! retry, resume and reject pages: rate limits, server errors, slow responses, broken
//! connections, broken JSON, pages out of sequence and a wrong server clock.
//!
//! Each [`Fault`] lets a number of listing requests through, then fires on a number of them (or
//! on every later one), then stops. Faults are checked in order and the first one that fires
//! decides the answer.

use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;

/// The failure injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// HTTP 429 with `Retry-After` in seconds.
    TooManyRequests {
        /// The `Retry-After` value.
        retry_after_secs: u64,
    },
    /// An error status with no usable body: 500, 502, 503 or 504.
    ServerError {
        /// The status code.
        status: u16,
    },
    /// The correct response, sent after a pause (longer than the client's read timeout to time it out).
    Delay {
        /// The pause in milliseconds.
        millis: u64,
    },
    /// The connection breaks after half of the body was sent.
    ConnectionReset,
    /// Status 200 with the first half of the JSON body, complete as far as HTTP goes.
    TruncatedJson,
    /// Status 200 with an HTML error page in place of JSON, as a misconfigured proxy sends.
    MalformedJson,
    /// The page before the requested one, with that page's token echoed (fires only on
    /// requests that carry a page token).
    RepeatPage,
    /// The page after the requested one, with that page's token echoed.
    SkipPage,
    /// `server_time` of `GET /api/v1/platform` is shifted by this many seconds. It fires on every
    /// platform request and does not count against listing requests.
    ClockSkew {
        /// Seconds added to the server's clock; negative moves it back.
        secs: i64,
    },
}

/// The error of a fault text that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid fault '{0}': expected 429[:SECS], 500, 502, 503, 504, delay:MILLIS, reset, truncate, malformed, repeat-page, skip-page or clock-skew:SECS"
)]
pub struct FaultParseError(String);

impl FromStr for FaultKind {
    type Err = FaultParseError;

    /// Parses `KIND[:ARG]` as `certdesk sandbox serve --fault` takes it.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || FaultParseError(text.to_owned());
        let (kind, argument) = match text.split_once(':') {
            Some((kind, argument)) => (kind, Some(argument)),
            None => (text, None),
        };
        let number = |default: Option<i64>| -> Result<i64, FaultParseError> {
            match argument {
                Some(value) => value.trim().parse().map_err(|_| invalid()),
                None => default.ok_or_else(invalid),
            }
        };
        let unsigned = |default| number(default).and_then(|n| u64::try_from(n).map_err(|_| invalid()));
        let parsed = match kind.trim() {
            "429" => Self::TooManyRequests { retry_after_secs: unsigned(Some(1))? },
            "500" => Self::ServerError { status: 500 },
            "502" => Self::ServerError { status: 502 },
            "503" => Self::ServerError { status: 503 },
            "504" => Self::ServerError { status: 504 },
            "delay" => Self::Delay { millis: unsigned(None)? },
            "reset" => Self::ConnectionReset,
            "truncate" => Self::TruncatedJson,
            "malformed" => Self::MalformedJson,
            "repeat-page" => Self::RepeatPage,
            "skip-page" => Self::SkipPage,
            "clock-skew" => Self::ClockSkew { secs: number(None)? },
            _ => return Err(invalid()),
        };
        let takes_argument =
            matches!(parsed, Self::TooManyRequests { .. } | Self::Delay { .. } | Self::ClockSkew { .. });
        if argument.is_some() && !takes_argument {
            return Err(invalid());
        }
        Ok(parsed)
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyRequests { retry_after_secs } => write!(f, "429:{retry_after_secs}"),
            Self::ServerError { status } => write!(f, "{status}"),
            Self::Delay { millis } => write!(f, "delay:{millis}"),
            Self::ConnectionReset => f.write_str("reset"),
            Self::TruncatedJson => f.write_str("truncate"),
            Self::MalformedJson => f.write_str("malformed"),
            Self::RepeatPage => f.write_str("repeat-page"),
            Self::SkipPage => f.write_str("skip-page"),
            Self::ClockSkew { secs } => write!(f, "clock-skew:{secs}"),
        }
    }
}

/// One fault and when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// The failure injected.
    pub kind: FaultKind,
    /// Listing requests the fault lets through before it first fires.
    pub after: u32,
    /// How many requests it fires on; `None` fires on every later request.
    pub times: Option<u32>,
}

impl Fault {
    /// Builds a fault that fires on the next `times` listing requests it applies to.
    pub fn times(kind: FaultKind, times: u32) -> Self {
        Self { kind, after: 0, times: Some(times) }
    }

    /// Builds a fault that fires on every listing request it applies to.
    pub fn always(kind: FaultKind) -> Self {
        Self { kind, after: 0, times: None }
    }

    /// Lets `after` listing requests through first.
    #[must_use]
    pub fn after(mut self, after: u32) -> Self {
        self.after = after;
        self
    }
}

/// The faults of a running sandbox and how often each has been considered and fired.
#[derive(Debug, Default)]
pub struct FaultPlan {
    faults: Vec<Fault>,
    counters: Mutex<Vec<FaultCounter>>,
}

#[derive(Debug, Clone, Copy, Default)]
struct FaultCounter {
    seen: u32,
    fired: u32,
}

impl FaultPlan {
    /// Builds the plan of a sandbox.
    pub fn new(faults: Vec<Fault>) -> Self {
        let counters = Mutex::new(vec![FaultCounter::default(); faults.len()]);
        Self { faults, counters }
    }

    /// Returns the fault that decides the response to a listing request, if one fires, and counts
    /// the request against every fault that applies to it.
    pub fn next_listing_fault(&self, has_page_token: bool) -> Option<FaultKind> {
        let mut counters = self.counters.lock().ok()?;
        let mut chosen = None;
        for (fault, counter) in self.faults.iter().zip(counters.iter_mut()) {
            let applies = match fault.kind {
                FaultKind::ClockSkew { .. } => false,
                FaultKind::RepeatPage => has_page_token,
                _ => true,
            };
            if !applies {
                continue;
            }
            counter.seen += 1;
            let due = counter.seen > fault.after && fault.times.is_none_or(|times| counter.fired < times);
            if due && chosen.is_none() {
                counter.fired += 1;
                chosen = Some(fault.kind);
            }
        }
        chosen
    }

    /// Tells whether the plan repeats pages, so the server must keep the last page it sent.
    pub fn repeats_pages(&self) -> bool {
        self.faults.iter().any(|fault| fault.kind == FaultKind::RepeatPage)
    }

    /// Returns the shift of the server clock, in seconds.
    pub fn clock_skew_secs(&self) -> i64 {
        self.faults
            .iter()
            .map(|fault| match fault.kind {
                FaultKind::ClockSkew { secs } => secs,
                _ => 0,
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_texts_parse() {
        let cases = [
            ("429", FaultKind::TooManyRequests { retry_after_secs: 1 }),
            ("429:7", FaultKind::TooManyRequests { retry_after_secs: 7 }),
            ("502", FaultKind::ServerError { status: 502 }),
            ("delay:1500", FaultKind::Delay { millis: 1500 }),
            ("reset", FaultKind::ConnectionReset),
            ("truncate", FaultKind::TruncatedJson),
            ("malformed", FaultKind::MalformedJson),
            ("repeat-page", FaultKind::RepeatPage),
            ("skip-page", FaultKind::SkipPage),
            ("clock-skew:-7200", FaultKind::ClockSkew { secs: -7200 }),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<FaultKind>(), Ok(expected), "{text}");
            assert_eq!(expected.to_string().parse::<FaultKind>(), Ok(expected), "{expected} round trip");
        }
    }

    #[test]
    fn bad_fault_texts_are_rejected() {
        for text in ["", "404", "delay", "delay:soon", "reset:3", "429:-1", "clock-skew"] {
            assert!(text.parse::<FaultKind>().is_err(), "{text}");
        }
    }

    #[test]
    fn fault_fires_after_then_times() {
        let plan = FaultPlan::new(vec![Fault::times(FaultKind::ServerError { status: 503 }, 2).after(1)]);

        let fired: Vec<bool> = (0..5).map(|_| plan.next_listing_fault(true).is_some()).collect();

        assert_eq!(fired, [false, true, true, false, false]);
    }

    #[test]
    fn repeat_page_skips_first_pages() {
        let plan = FaultPlan::new(vec![Fault::times(FaultKind::RepeatPage, 1)]);

        assert_eq!(plan.next_listing_fault(false), None);
        assert_eq!(plan.next_listing_fault(true), Some(FaultKind::RepeatPage));
        assert_eq!(plan.next_listing_fault(true), None);
    }
}
