use std::net::IpAddr;

use url::{Host, Url};

use crate::address::address_allowed;
use crate::error::{FetchError, Refusal};

/// Longest URL we accept from a user; longer ones are abuse, not video links.
const MAX_URL_LEN: usize = 2048;

/// Parses a URL a user gave us: http or https only, with a host, without credentials,
/// at most 2048 bytes.
///
/// This only checks the form; where the URL points is judged by [`crate::GuardedClient`]
/// when it is used, because that depends on DNS and on the policy.
pub fn parse_user_url(s: &str) -> Result<Url, FetchError> {
    if s.len() > MAX_URL_LEN {
        return Err(FetchError::InvalidUrl(format!(
            "URL is longer than {MAX_URL_LEN} characters"
        )));
    }
    let url = Url::parse(s).map_err(|e| FetchError::InvalidUrl(format!("{e}: {s:?}")))?;
    check_scheme_and_host(&url)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FetchError::InvalidUrl(
            "URL must not contain credentials (user:password@); use a URL that works without them"
                .into(),
        ));
    }
    Ok(url)
}

/// Judges what can be judged of `url` without DNS: the scheme, and the address when the
/// host is an IP literal. Literals never reach the guarded resolver, so this check is the
/// only thing standing between them and the connector.
pub(crate) fn check_target(url: &Url, allow_private: bool) -> Result<(), Refusal> {
    check_scheme_and_host(url)?;
    let ip = match url.host() {
        Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
        // Every address a name resolves to is judged by the guarded resolver.
        Some(Host::Domain(_)) | None => return Ok(()),
    };
    if address_allowed(ip, allow_private) {
        Ok(())
    } else {
        Err(Refusal::Address {
            host: ip.to_string(),
            ip,
        })
    }
}

fn check_scheme_and_host(url: &Url) -> Result<(), Refusal> {
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(Refusal::Scheme(other.to_owned())),
    }
    match url.host_str() {
        Some(host) if !host.is_empty() => Ok(()),
        _ => Err(Refusal::MissingHost),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_http_urls() {
        let cases = [
            (
                "https://example.com/video.mp4",
                "https://example.com/video.mp4",
            ),
            ("http://example.com", "http://example.com/"),
            (
                "  https://cdn.example.com:8443/a/b?sig=x#t  ",
                "https://cdn.example.com:8443/a/b?sig=x#t",
            ),
            (
                "HTTPS://EXAMPLE.COM/Video.MP4",
                "https://example.com/Video.MP4",
            ),
            ("http://[2606:4700::1111]/x", "http://[2606:4700::1111]/x"),
            // Parsing does not judge addresses; the client does, when the URL is used.
            ("http://127.0.0.1/", "http://127.0.0.1/"),
        ];
        for (input, normalized) in cases {
            let url = parse_user_url(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(url.as_str(), normalized);
        }
    }

    #[test]
    fn refuses_what_is_not_a_plain_http_url() {
        let too_long = format!("https://example.com/{}", "a".repeat(MAX_URL_LEN));
        let cases = [
            ("", "relative URL"),
            ("example.com/video.mp4", "relative URL"),
            ("ftp://example.com/video.mp4", "ftp URLs are not supported"),
            ("file:///etc/passwd", "file URLs are not supported"),
            ("gopher://example.com/", "gopher URLs are not supported"),
            ("data:text/plain,hi", "data URLs are not supported"),
            ("javascript:alert(1)", "javascript URLs are not supported"),
            ("http://", "empty host"),
            ("http://user:secret@example.com/", "credentials"),
            ("http://user@example.com/", "credentials"),
            ("https://:secret@example.com/", "credentials"),
            ("http://exa mple.com/", "invalid"),
            ("http://[::1/", "invalid IPv6"),
            (too_long.as_str(), "longer than 2048"),
        ];
        for (input, expected) in cases {
            let err = parse_user_url(input).expect_err(input);
            assert_eq!(err.error_code(), "invalid_url", "{input}");
            assert!(err.is_client_error(), "{input}");
            assert!(err.to_string().contains(expected), "{input}: {err}");
        }
    }

    #[test]
    fn ip_literal_targets_are_judged_in_every_spelling() {
        let refused = [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00::1]/",
            "http://0.0.0.0/",
            "http://10.0.0.1:8080/",
        ];
        for input in refused {
            let url = parse_user_url(input).unwrap();
            let err = check_target(&url, false).expect_err(input);
            assert!(matches!(err, Refusal::Address { .. }), "{input}: {err}");
        }
        for input in [
            "http://8.8.8.8/",
            "https://[2606:4700::1111]/",
            "https://localhost/",
        ] {
            let url = parse_user_url(input).unwrap();
            assert!(check_target(&url, false).is_ok(), "{input}");
        }
    }
}
