//! Rate limits (tower_governor): the login (`POST /inloggen`) per client address and for the
//! whole server, so one client cannot keep every password-hashing slot busy and a flood from
//! many cannot queue without end. A refused request gets 429 with `Retry-After` (rendered by
//! [`crate::error::render_errors`] like any other error).
//!
//! The client address is the peer address of the connection; only when that peer is one of
//! [`crate::WebConfig::trusted_proxies`] the rightmost `X-Forwarded-For` entry counts (the one
//! the proxy added; the leftmost ones are whatever the client wrote). IPv6 clients are keyed
//! by their /64, which one subscriber usually owns whole.

use crate::error::AppError;
use crate::state::WebConfig;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Method;
use axum::http::{Request, Response};
use axum::response::IntoResponse;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::{GlobalKeyExtractor, KeyExtractor};
use tower_governor::{GovernorError, GovernorLayer};

/// A token bucket: `burst` requests at once, then one more every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub burst: u32,
    pub every: Duration,
}

/// The login limits (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// Per client address.
    pub per_client: Bucket,
    /// For the whole server, over every client.
    pub global: Bucket,
}

impl Default for LoginLimits {
    /// 10 tries at once per address, then one a second; 40 at once for the server, then 20 a
    /// second (well below what the hashing slots of a 2-core server verify).
    fn default() -> Self {
        Self {
            per_client: Bucket { burst: 10, every: Duration::from_secs(1) },
            global: Bucket { burst: 40, every: Duration::from_millis(50) },
        }
    }
}

/// The rate-limit key: the client's address (IPv6 by /64).
#[derive(Debug, Clone)]
pub struct ClientKey {
    trusted_proxies: Arc<Vec<IpAddr>>,
}

impl ClientKey {
    pub fn new(trusted_proxies: &[IpAddr]) -> Self {
        Self { trusted_proxies: Arc::new(trusted_proxies.to_vec()) }
    }

    /// The client address of a request from `peer` with these `X-Forwarded-For` values.
    pub fn client(&self, peer: Option<IpAddr>, forwarded_for: &[&str]) -> IpAddr {
        let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        forwarded_for
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .next_back()
            .and_then(|s| s.parse::<IpAddr>().ok())
            .unwrap_or(peer)
    }
}

/// IPv6 addresses by their /64; IPv4 (also IPv4-mapped) as is.
pub fn bucket_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

impl KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let xff: Vec<&str> = req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        Ok(bucket_of(self.client(peer, &xff)))
    }
}

/// The 429 of a refused request, with `Retry-After` rounded up to whole seconds (at least 1).
pub fn refused(e: GovernorError) -> Response<Body> {
    match e {
        GovernorError::TooManyRequests { wait_time, .. } => {
            AppError::TooManyRequests { retry_after_secs: wait_time.saturating_add(1) }.into_response()
        }
        _ => AppError::TooManyRequests { retry_after_secs: 1 }.into_response(),
    }
}

/// A governor configuration for POST requests from a bucket (zero settings are raised to the
/// smallest allowed, so this always builds).
macro_rules! post_limit {
    ($bucket:expr, $key:expr) => {
        GovernorConfigBuilder::default()
            .key_extractor($key)
            .period($bucket.every.max(Duration::from_millis(1)))
            .burst_size($bucket.burst.max(1))
            .methods(vec![Method::POST])
            .finish()
    };
}

/// The per-client and the global limit for the login route (outer: per client, so a flood's
/// refused requests do not use up the global bucket), and a task that forgets idle clients
/// every minute (abort it with the server).
pub fn login_limit<S>(
    router: axum::Router<S>,
    config: &WebConfig,
) -> (axum::Router<S>, Option<tokio::task::JoinHandle<()>>)
where
    S: Clone + Send + Sync + 'static,
{
    let (Some(per_client), Some(global)) = (
        post_limit!(config.login_limits.per_client, ClientKey::new(&config.trusted_proxies)),
        post_limit!(config.login_limits.global, GlobalKeyExtractor),
    ) else {
        tracing::warn!("ongeldige inloglimieten; inloggen is niet begrensd");
        return (router, None);
    };
    let limiter = per_client.limiter().clone();
    let forget = tokio::runtime::Handle::try_current().ok().map(|rt| {
        rt.spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            loop {
                every.tick().await;
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        })
    });
    let router = router
        .layer(GovernorLayer::new(global).error_handler(refused))
        .layer(GovernorLayer::new(per_client).error_handler(refused));
    (router, forget)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peer_is_the_client_unless_it_is_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let keys = ClientKey::new(&[proxy]);
        let client: IpAddr = "192.0.2.7".parse().unwrap_or(proxy);
        let forged = ["1.2.3.4, 5.6.7.8"];
        assert_eq!(keys.client(Some(client), &forged), client, "a client cannot choose its key");
        assert_eq!(
            keys.client(Some(proxy), &["1.2.3.4, 192.0.2.7"]),
            client,
            "the rightmost entry, added by the proxy"
        );
        assert_eq!(keys.client(Some(proxy), &["1.2.3.4", "192.0.2.7"]), client, "over several headers too");
        assert_eq!(keys.client(Some(proxy), &["garbage"]), proxy);
        assert_eq!(keys.client(None, &[]), IpAddr::from([0, 0, 0, 0]));
    }

    #[test]
    fn ipv6_clients_share_a_bucket_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        assert_eq!(bucket_of(a), bucket_of(b));
        assert_ne!(bucket_of(a), bucket_of(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        assert_eq!(bucket_of(mapped), IpAddr::from([192, 0, 2, 7]));
    }
}
