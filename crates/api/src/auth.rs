//! API key authentication and per-key rate limiting.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use recut_store::Principal;
use uuid::Uuid;

use crate::{ApiError, AppState};

/// The authenticated caller of a request.
pub struct Caller(pub Principal);

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let key = parts
            .headers
            .get("x-api-key")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .or_else(|| {
                parts
                    .headers
                    .get(axum::http::header::AUTHORIZATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
                    .map(str::trim)
            })
            .ok_or_else(|| {
                ApiError::Unauthorized("Missing API key: send it in the X-API-Key header or as Authorization: Bearer <key>".into())
            })?;
        let hash = recut_store::keys::hash_key(key);
        let principal = match state.auth_cache.get(&hash) {
            Some(p) => p,
            None => {
                let p = state
                    .store
                    .principal_by_key_hash(&hash)
                    .await?
                    .ok_or_else(|| ApiError::Unauthorized("Invalid API key".into()))?;
                state.auth_cache.put(hash, p.clone());
                p
            }
        };
        if principal.revoked {
            return Err(ApiError::Forbidden("This API key has been revoked".into()));
        }
        state.limiter.check(principal.key_id)?;
        Ok(Caller(principal))
    }
}

/// Verified keys for a short time, so a polling client costs one database read per job
/// instead of two. Only known keys are cached; revoked ones are cached as revoked.
pub struct AuthCache {
    ttl: std::time::Duration,
    entries: Mutex<HashMap<[u8; 32], (Principal, Instant)>>,
}

impl AuthCache {
    pub fn new(ttl_ms: u64) -> Self {
        AuthCache {
            ttl: std::time::Duration::from_millis(ttl_ms),
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, hash: &[u8; 32]) -> Option<Principal> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().unwrap();
        entries
            .get(hash)
            .filter(|(_, at)| at.elapsed() < self.ttl)
            .map(|(p, _)| p.clone())
    }

    fn put(&self, hash: [u8; 32], principal: Principal) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().unwrap();
        // Bounded: drop stale entries when the map grows, so random keys cannot fill memory.
        if entries.len() >= 10_000 {
            let ttl = self.ttl;
            entries.retain(|_, (_, at)| at.elapsed() < ttl);
        }
        if entries.len() < 10_000 {
            entries.insert(hash, (principal, Instant::now()));
        }
    }
}

/// A token bucket per API key, in memory: each process limits what it serves.
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<Uuid, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(per_second: f64, burst: f64) -> Self {
        RateLimiter {
            per_second,
            burst,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    pub fn check(&self, key: Uuid) -> Result<(), ApiError> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap();
        let (tokens, last) = buckets.entry(key).or_insert((self.burst, now));
        *tokens =
            (*tokens + now.duration_since(*last).as_secs_f64() * self.per_second).min(self.burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - *tokens) / self.per_second;
            Err(ApiError::RateLimited {
                retry_after_secs: wait.ceil().max(1.0) as u64,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_burst_then_refuses_with_integer_retry_after() {
        let limiter = RateLimiter::new(0.5, 3.0);
        let key = Uuid::new_v4();
        for _ in 0..3 {
            limiter.check(key).unwrap();
        }
        match limiter.check(key) {
            Err(ApiError::RateLimited { retry_after_secs }) => assert_eq!(retry_after_secs, 2),
            other => panic!("expected 429, got {other:?}"),
        }
        limiter.check(Uuid::new_v4()).unwrap();
    }
}
