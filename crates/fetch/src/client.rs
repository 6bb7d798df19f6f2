use std::sync::Arc;
use std::time::Duration;

use reqwest::redirect;
use url::{Host, Url};

use crate::error::{FetchError, Refusal};
use crate::redirect::guarded_policy;
use crate::resolve::{first_refused, lookup, GuardedResolver};
use crate::user_url::check_target;

/// What a [`GuardedClient`] may do on the user's behalf.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    /// Lets URLs reach loopback and private networks, for local development and tests.
    /// Unspecified and multicast addresses stay refused.
    pub allow_private_networks: bool,
    /// Largest body [`GuardedClient::download_to`] accepts.
    pub max_bytes: u64,
    /// Limit for a whole download, from connecting to the last byte.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_redirects: usize,
    pub user_agent: String,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        FetchPolicy {
            allow_private_networks: false,
            max_bytes: 100 << 20,
            timeout: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 5,
            user_agent: concat!("recut/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// An HTTP client that only talks to the addresses its [`FetchPolicy`] allows, however
/// the URL, DNS or redirects try to steer it. Cheap to clone.
#[derive(Clone)]
pub struct GuardedClient {
    pub(crate) policy: Arc<FetchPolicy>,
    /// Follows redirects, re-checking each hop: for downloads.
    pub(crate) following: reqwest::Client,
    /// Never follows redirects: for webhooks, where a 3xx is the receiver's answer.
    pub(crate) not_following: reqwest::Client,
}

impl GuardedClient {
    pub fn new(policy: FetchPolicy) -> Result<Self, FetchError> {
        let following = build_client(
            &policy,
            guarded_policy(policy.max_redirects, policy.allow_private_networks),
        )?;
        let not_following = build_client(&policy, redirect::Policy::none())?;
        Ok(GuardedClient {
            policy: Arc::new(policy),
            following,
            not_following,
        })
    }

    pub fn policy(&self) -> &FetchPolicy {
        &self.policy
    }

    /// Resolves the URL's host now and fails if any address it resolves to is refused,
    /// so a webhook URL can be rejected when it is submitted rather than on delivery.
    ///
    /// Stricter than delivery, which dials only the allowed addresses of a mixed name:
    /// a user is better told at once that their name points somewhere internal.
    pub async fn check_destination(&self, url: &Url) -> Result<(), FetchError> {
        let allow_private = self.policy.allow_private_networks;
        check_target(url, allow_private)?;
        let Some(Host::Domain(host)) = url.host() else {
            return Ok(());
        };
        let limit = self.policy.connect_timeout;
        let addrs = tokio::time::timeout(limit, lookup(host))
            .await
            .map_err(|_| FetchError::Timeout { after: limit })??;
        match first_refused(&addrs, allow_private) {
            Some(ip) => Err(Refusal::Address {
                host: host.to_owned(),
                ip,
            }
            .into()),
            None => Ok(()),
        }
    }
}

fn build_client(
    policy: &FetchPolicy,
    redirect: redirect::Policy,
) -> Result<reqwest::Client, FetchError> {
    reqwest::Client::builder()
        // A proxy would make the connection on our behalf, out of the guard's sight.
        .no_proxy()
        .dns_resolver(Arc::new(GuardedResolver {
            allow_private: policy.allow_private_networks,
        }))
        .redirect(redirect)
        .referer(false)
        .connect_timeout(policy.connect_timeout)
        .user_agent(policy.user_agent.as_str())
        .build()
        .map_err(FetchError::ClientBuild)
}
