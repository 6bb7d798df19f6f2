use std::net::{IpAddr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::address::address_allowed;
use crate::error::Refusal;

/// The only resolver our reqwest clients use. What it returns is exactly what the
/// connector dials, so filtering here leaves no window between check and connect.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GuardedResolver {
    pub(crate) allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str();
            let allowed = keep_allowed(host, lookup(host).await?, allow_private)?;
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// Resolves `host` with the system resolver. The port is a placeholder; the connector
/// puts the URL's port on whatever we return.
pub(crate) async fn lookup(host: &str) -> Result<Vec<SocketAddr>, Refusal> {
    let not_found = |reason: String| Refusal::HostNotFound {
        host: host.to_owned(),
        reason,
    };
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|e| not_found(e.to_string()))?
        .collect();
    if addrs.is_empty() {
        return Err(not_found("no addresses".into()));
    }
    Ok(addrs)
}

/// Drops refused addresses, failing when none is left. A name that mixes public and
/// internal addresses still works through its public ones.
pub(crate) fn keep_allowed(
    host: &str,
    addrs: Vec<SocketAddr>,
    allow_private: bool,
) -> Result<Vec<SocketAddr>, Refusal> {
    let (allowed, refused): (Vec<SocketAddr>, Vec<SocketAddr>) = addrs
        .into_iter()
        .partition(|addr| address_allowed(addr.ip(), allow_private));
    match (allowed.is_empty(), refused.first()) {
        (true, Some(first)) => Err(Refusal::Address {
            host: host.to_owned(),
            ip: first.ip(),
        }),
        (true, None) => Err(Refusal::HostNotFound {
            host: host.to_owned(),
            reason: "no addresses".into(),
        }),
        (false, _) => {
            if !refused.is_empty() {
                tracing::warn!(host, ?refused, "ignoring non-public addresses of host");
            }
            Ok(allowed)
        }
    }
}

/// The first refused address among `addrs`, for checks that must not accept a name
/// pointing anywhere internal, even in part.
pub(crate) fn first_refused(addrs: &[SocketAddr], allow_private: bool) -> Option<IpAddr> {
    addrs
        .iter()
        .map(SocketAddr::ip)
        .find(|&ip| !address_allowed(ip, allow_private))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addrs(ips: &[&str]) -> Vec<SocketAddr> {
        ips.iter()
            .map(|ip| SocketAddr::new(ip.parse().unwrap(), 0))
            .collect()
    }

    #[test]
    fn refused_addresses_never_reach_the_connector() {
        let kept = keep_allowed(
            "mixed.example",
            addrs(&["127.0.0.1", "93.184.216.34", "::1", "2606:4700::1111"]),
            false,
        )
        .unwrap();
        assert_eq!(kept, addrs(&["93.184.216.34", "2606:4700::1111"]));
    }

    #[test]
    fn a_name_with_only_internal_addresses_is_refused() {
        let err = keep_allowed("metadata.example", addrs(&["169.254.169.254"]), false).unwrap_err();
        match err {
            Refusal::Address { host, ip } => {
                assert_eq!(host, "metadata.example");
                assert_eq!(ip, "169.254.169.254".parse::<IpAddr>().unwrap());
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn allow_private_keeps_loopback_but_not_unspecified() {
        let kept = keep_allowed("dev", addrs(&["0.0.0.0", "127.0.0.1"]), true).unwrap();
        assert_eq!(kept, addrs(&["127.0.0.1"]));
        assert!(keep_allowed("dev", addrs(&["0.0.0.0", "::"]), true).is_err());
    }

    #[test]
    fn first_refused_finds_any_internal_address() {
        let mixed = addrs(&["93.184.216.34", "10.0.0.1"]);
        assert_eq!(
            first_refused(&mixed, false),
            Some("10.0.0.1".parse().unwrap())
        );
        assert_eq!(first_refused(&mixed, true), None);
    }
}
