use reqwest::redirect::Policy;
use url::Url;

use crate::error::Refusal;
use crate::user_url::check_target;

/// A redirect policy that re-checks every hop. DNS names in the new location go through
/// the guarded resolver when reqwest connects, so only IP literals, the scheme and the
/// hop count need judging here.
pub(crate) fn guarded_policy(max_redirects: usize, allow_private: bool) -> Policy {
    Policy::custom(move |attempt| {
        // `previous` starts with the original URL, so it counts this hop too.
        let hop = attempt.previous().len();
        match judge_redirect(attempt.url(), hop, max_redirects, allow_private) {
            Ok(()) => attempt.follow(),
            Err(refusal) => attempt.error(refusal),
        }
    })
}

/// Whether to follow redirect number `hop` (counting from 1) to `next`.
pub(crate) fn judge_redirect(
    next: &Url,
    hop: usize,
    max_redirects: usize,
    allow_private: bool,
) -> Result<(), Refusal> {
    if hop > max_redirects {
        return Err(Refusal::TooManyRedirects { max: max_redirects });
    }
    check_target(next, allow_private)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(next: &str, hop: usize, allow_private: bool) -> Result<(), Refusal> {
        judge_redirect(&Url::parse(next).unwrap(), hop, 5, allow_private)
    }

    #[test]
    fn redirects_to_internal_literals_are_refused() {
        let targets = [
            "http://127.0.0.1/",
            "http://127.0.0.1:8080/admin",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/",
            "http://192.168.1.1/",
            "http://172.16.0.1/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://0.0.0.0/",
            "http://224.0.0.1/",
        ];
        for target in targets {
            let err = judge(target, 1, false).expect_err(target);
            assert!(matches!(err, Refusal::Address { .. }), "{target}: {err}");
        }
    }

    #[test]
    fn allow_private_still_refuses_unspecified_and_multicast_redirects() {
        for target in ["http://127.0.0.1/", "http://10.0.0.1/", "http://[::1]/"] {
            assert!(judge(target, 1, true).is_ok(), "{target}");
        }
        for target in [
            "http://0.0.0.0/",
            "http://[::]/",
            "http://224.0.0.1/",
            "http://[ff02::1]/",
        ] {
            assert!(
                matches!(judge(target, 1, true), Err(Refusal::Address { .. })),
                "{target}"
            );
        }
    }

    #[test]
    fn redirects_to_public_hosts_and_names_are_followed() {
        for target in [
            "https://8.8.8.8/",
            "https://cdn.example.com/v.mp4",
            "http://localhost/",
        ] {
            assert!(judge(target, 1, false).is_ok(), "{target}");
        }
    }

    #[test]
    fn redirects_leave_http_only_for_http() {
        for target in [
            "ftp://example.com/v.mp4",
            "file:///etc/passwd",
            "gopher://example.com/",
        ] {
            assert!(
                matches!(judge(target, 1, false), Err(Refusal::Scheme(_))),
                "{target}"
            );
        }
    }

    #[test]
    fn the_hop_limit_is_inclusive() {
        assert!(judge("https://example.com/", 5, false).is_ok());
        assert!(matches!(
            judge("https://example.com/", 6, false),
            Err(Refusal::TooManyRedirects { max: 5 })
        ));
        let url = Url::parse("https://example.com/").unwrap();
        assert!(judge_redirect(&url, 1, 0, false).is_err());
    }
}
