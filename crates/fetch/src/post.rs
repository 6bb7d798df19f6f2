use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use tokio::time::{timeout_at, Instant};
use url::Url;

use crate::client::GuardedClient;
use crate::error::FetchError;
use crate::user_url::check_target;

/// How much of a webhook receiver's answer we keep, for showing in delivery logs.
const SNIPPET_BYTES: usize = 512;

/// A webhook receiver's answer, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostResponse {
    pub status: u16,
    /// From the `Retry-After` header, as a delay from now (zero for a date in the past).
    pub retry_after: Option<Duration>,
    /// The first 512 bytes of the body at most, decoded as lossy UTF-8.
    pub body_snippet: String,
}

impl GuardedClient {
    /// POSTs `body` to `url` for webhook delivery. Redirects are not followed: a 3xx is
    /// returned like any other answer, since re-sending a signed payload to wherever the
    /// receiver points would widen what a webhook URL can reach.
    pub async fn post(
        &self,
        url: &Url,
        headers: &[(String, String)],
        body: Bytes,
        timeout: Duration,
    ) -> Result<PostResponse, FetchError> {
        check_target(url, self.policy.allow_private_networks)?;
        let headers = header_map(headers)?;
        let deadline = Instant::now() + timeout;
        let send = self
            .not_following
            .post(url.clone())
            .headers(headers)
            .body(body)
            .send();
        let mut response = timeout_at(deadline, send)
            .await
            .map_err(|_| FetchError::Timeout { after: timeout })?
            .map_err(FetchError::from_reqwest)?;

        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
        // The status is the delivery's outcome; a body that is slow or broken only costs
        // us the snippet.
        let mut body = Vec::new();
        let _ = timeout_at(deadline, async {
            while body.len() < SNIPPET_BYTES {
                match response.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                    Ok(None) | Err(_) => break,
                }
            }
        })
        .await;
        Ok(PostResponse {
            status: response.status().as_u16(),
            retry_after,
            body_snippet: lossy_prefix(&body, SNIPPET_BYTES),
        })
    }
}

fn header_map(headers: &[(String, String)]) -> Result<HeaderMap, FetchError> {
    let mut map = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let invalid = || FetchError::InvalidHeader { name: name.clone() };
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let header_value = HeaderValue::from_str(value).map_err(|_| invalid())?;
        map.append(header_name, header_value);
    }
    Ok(map)
}

/// Parses `Retry-After`: either delay-seconds or an HTTP-date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok().map(Duration::from_secs);
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// At most `max` bytes of `bytes` as text. A character cut in half by the limit is
/// dropped rather than shown as a replacement character.
fn lossy_prefix(bytes: &[u8], max: usize) -> String {
    let bytes = &bytes[..bytes.len().min(max)];
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) if e.error_len().is_none() => {
            String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned()
        }
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_accepts_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        let cases = [
            ("120", Some(Duration::from_secs(120))),
            (" 0 ", Some(Duration::ZERO)),
            (
                "Wed, 21 Oct 2015 07:29:30 GMT",
                Some(Duration::from_secs(90)),
            ),
            (
                "Wednesday, 21-Oct-15 07:29:30 GMT",
                Some(Duration::from_secs(90)),
            ),
            ("Wed Oct 21 07:29:30 2015", Some(Duration::from_secs(90))),
            ("Wed, 21 Oct 2015 07:00:00 GMT", Some(Duration::ZERO)),
            ("", None),
            ("-5", None),
            ("+5", None),
            ("1.5", None),
            ("soon", None),
            ("99999999999999999999999", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_retry_after(value, now), expected, "{value:?}");
        }
    }

    #[test]
    fn snippets_are_cut_at_the_limit_without_splitting_characters() {
        assert_eq!(lossy_prefix(b"hello", 512), "hello");
        assert_eq!(lossy_prefix(&[b'a'; 600], 512).len(), 512);
        // "é" is two bytes; a limit of 2 cuts it after its first byte.
        assert_eq!(lossy_prefix("aé".as_bytes(), 2), "a");
        assert_eq!(lossy_prefix(b"a\xffb", 512), "a\u{fffd}b");
    }

    #[test]
    fn header_names_and_values_are_validated() {
        let ok = header_map(&[("X-Recut-Signature".into(), "t=1,v1=abc".into())]).unwrap();
        assert_eq!(ok["x-recut-signature"], "t=1,v1=abc");
        for (name, value) in [("bad name", "v"), ("X-Ok", "line\nbreak")] {
            let err = header_map(&[(name.into(), value.into())]).unwrap_err();
            assert_eq!(err.error_code(), "invalid_header");
        }
    }
}
