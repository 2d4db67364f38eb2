//! Request ids (`x-request-id`, and `request_id` in the logs): a per-process prefix and a
//! counter, `3f2a9c1e-1b`. Unique per process and cheap: no random number per request (the
//! UUID v4 of tower-http's `MakeRequestUuid` reads the OS's random source every time).

use axum::http::{HeaderValue, Request};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tower_http::request_id::{MakeRequestId, RequestId};

#[derive(Debug, Clone)]
pub struct Sequential {
    prefix: u32,
    next: Arc<AtomicU64>,
}

impl Default for Sequential {
    fn default() -> Self {
        Self::new()
    }
}

impl Sequential {
    /// The prefix mixes the process id and the start time, so two processes (or restarts)
    /// almost never share ids.
    pub fn new() -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let mixed = (nanos as u64) ^ (u64::from(std::process::id()) << 32);
        let prefix = (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32;
        Self { prefix, next: Arc::new(AtomicU64::new(1)) }
    }

    /// The next id as a header value.
    pub fn next_id(&self) -> HeaderValue {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{:08x}-{n:x}", self.prefix)).unwrap_or_else(|_| HeaderValue::from_static("0"))
    }
}

impl MakeRequestId for Sequential {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        Some(RequestId::new(self.next_id()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_and_share_the_process_prefix() {
        let mut m = Sequential::new();
        let req = Request::new(());
        let a = m.make_request_id(&req).map(|r| r.into_header_value());
        let b = m.make_request_id(&req).map(|r| r.into_header_value());
        assert_ne!(a, b);
        let (a, b) =
            (a.unwrap_or_else(|| HeaderValue::from_static("")), b.unwrap_or_else(|| HeaderValue::from_static("")));
        assert_eq!(a.to_str().ok().map(|s| &s[..9]), b.to_str().ok().map(|s| &s[..9]));
    }
}
