use std::error::Error as StdError;
use std::io;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Why a fetch failed. [`FetchError::is_client_error`] separates faults of the user's URL
/// (answer 4xx, with the message) from our own or transient ones.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("invalid URL: {0}")]
    InvalidUrl(String),

    #[error("URL resolves to a private or loopback address ({ip}), which is not allowed")]
    AddressNotAllowed { host: String, ip: IpAddr },

    #[error("the host {host} could not be resolved; check the URL's host name ({reason})")]
    HostNotFound { host: String, reason: String },

    #[error("the URL redirected more than {max} times")]
    TooManyRedirects { max: usize },

    #[error("the server answered with HTTP status {status}")]
    HttpStatus { status: u16 },

    #[error("file is larger than the {} limit", format_bytes(*limit))]
    TooLarge { limit: u64 },

    #[error("the request did not finish within {after:?}")]
    Timeout { after: Duration },

    #[error("could not connect to {host}: {reason}")]
    Connect {
        host: String,
        reason: String,
        #[source]
        source: reqwest::Error,
    },

    #[error("the HTTP request failed: {reason}")]
    Transport {
        reason: String,
        #[source]
        source: reqwest::Error,
    },

    #[error("invalid HTTP header {name:?}")]
    InvalidHeader { name: String },

    #[error("could not write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("could not build the HTTP client: {0}")]
    ClientBuild(#[source] reqwest::Error),
}

impl FetchError {
    /// True when the user's URL is at fault and fixing it is up to them.
    pub fn is_client_error(&self) -> bool {
        match self {
            FetchError::InvalidUrl(_)
            | FetchError::AddressNotAllowed { .. }
            | FetchError::HostNotFound { .. }
            | FetchError::TooManyRedirects { .. }
            | FetchError::TooLarge { .. } => true,
            FetchError::HttpStatus { status } => (400..500).contains(status),
            FetchError::Timeout { .. }
            | FetchError::Connect { .. }
            | FetchError::Transport { .. }
            | FetchError::InvalidHeader { .. }
            | FetchError::Io { .. }
            | FetchError::ClientBuild(_) => false,
        }
    }

    /// A stable, machine-readable name for the failure.
    pub fn error_code(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl(_) => "invalid_url",
            FetchError::AddressNotAllowed { .. } => "address_not_allowed",
            FetchError::HostNotFound { .. } => "host_not_found",
            FetchError::TooManyRedirects { .. } => "too_many_redirects",
            FetchError::HttpStatus { .. } => "http_status",
            FetchError::TooLarge { .. } => "too_large",
            FetchError::Timeout { .. } => "timeout",
            FetchError::Connect { .. } => "connect_failed",
            FetchError::Transport { .. } => "transport_failed",
            FetchError::InvalidHeader { .. } => "invalid_header",
            FetchError::Io { .. } => "io",
            FetchError::ClientBuild(_) => "client_build",
        }
    }

    /// Recovers the guard's verdict from wherever reqwest buried it (the resolver and the
    /// redirect policy can only hand reqwest a boxed error).
    pub(crate) fn from_reqwest(err: reqwest::Error) -> FetchError {
        if let Some(refusal) = error_chain(&err).find_map(|e| e.downcast_ref::<Refusal>()) {
            return refusal.clone().into();
        }
        // reqwest's own message is "error sending request for url (...)"; the innermost
        // cause ("connection refused", "unexpected end of file") is the useful part.
        let reason = error_chain(&err)
            .last()
            .map(ToString::to_string)
            .unwrap_or_default();
        if err.is_connect() {
            let host = err
                .url()
                .and_then(|url| url.host_str())
                .unwrap_or_default()
                .to_owned();
            FetchError::Connect {
                host,
                reason,
                source: err,
            }
        } else {
            FetchError::Transport {
                reason,
                source: err,
            }
        }
    }
}

fn error_chain<'a>(
    err: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |&e| e.source())
}

/// The guard's refusals, raised inside reqwest's resolver and redirect policy and turned
/// back into [`FetchError`] by [`FetchError::from_reqwest`].
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum Refusal {
    #[error("{0} URLs are not supported; use http or https")]
    Scheme(String),
    #[error("URL has no host")]
    MissingHost,
    #[error("address {ip} of {host} is not allowed")]
    Address { host: String, ip: IpAddr },
    #[error("{host} does not resolve: {reason}")]
    HostNotFound { host: String, reason: String },
    #[error("more than {max} redirects")]
    TooManyRedirects { max: usize },
}

impl From<Refusal> for FetchError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Scheme(_) | Refusal::MissingHost => {
                FetchError::InvalidUrl(refusal.to_string())
            }
            Refusal::Address { host, ip } => FetchError::AddressNotAllowed { host, ip },
            Refusal::HostNotFound { host, reason } => FetchError::HostNotFound { host, reason },
            Refusal::TooManyRedirects { max } => FetchError::TooManyRedirects { max },
        }
    }
}

/// Sizes as people write limits: "100 MiB", not "104857600 bytes".
fn format_bytes(bytes: u64) -> String {
    const UNITS: [(u32, &str); 3] = [(30, "GiB"), (20, "MiB"), (10, "KiB")];
    UNITS
        .iter()
        .find(|&&(shift, _)| bytes != 0 && bytes.trailing_zeros() >= shift)
        .map(|&(shift, name)| format!("{} {name}", bytes >> shift))
        .unwrap_or_else(|| format!("{bytes} bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_written_in_the_largest_exact_unit() {
        let cases = [
            (100 << 20, "100 MiB"),
            (2 << 30, "2 GiB"),
            (1536 << 20, "1536 MiB"),
            (64 << 10, "64 KiB"),
            (1000, "1000 bytes"),
            (0, "0 bytes"),
        ];
        for (bytes, text) in cases {
            assert_eq!(format_bytes(bytes), text);
        }
    }

    #[test]
    fn messages_say_what_to_fix() {
        let too_large = FetchError::TooLarge { limit: 100 << 20 };
        assert_eq!(
            too_large.to_string(),
            "file is larger than the 100 MiB limit"
        );
        let refused = FetchError::AddressNotAllowed {
            host: "localhost".into(),
            ip: "127.0.0.1".parse().unwrap(),
        };
        assert_eq!(
            refused.to_string(),
            "URL resolves to a private or loopback address (127.0.0.1), which is not allowed"
        );
        let scheme: FetchError = Refusal::Scheme("ftp".into()).into();
        assert_eq!(
            scheme.to_string(),
            "invalid URL: ftp URLs are not supported; use http or https"
        );
    }

    #[test]
    fn only_the_users_faults_are_client_errors() {
        let cases = [
            (FetchError::InvalidUrl("x".into()), true),
            (Refusal::TooManyRedirects { max: 5 }.into(), true),
            (FetchError::TooLarge { limit: 1 }, true),
            (FetchError::HttpStatus { status: 404 }, true),
            (FetchError::HttpStatus { status: 410 }, true),
            (FetchError::HttpStatus { status: 500 }, false),
            (FetchError::HttpStatus { status: 503 }, false),
            (
                Refusal::HostNotFound {
                    host: "nope.invalid".into(),
                    reason: "no such host".into(),
                }
                .into(),
                true,
            ),
            (
                FetchError::Timeout {
                    after: Duration::from_secs(1),
                },
                false,
            ),
            (FetchError::InvalidHeader { name: "x".into() }, false),
        ];
        for (err, client) in cases {
            assert_eq!(err.is_client_error(), client, "{err}");
        }
    }
}
