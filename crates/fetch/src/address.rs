//! Which IP addresses a user-supplied URL may make us connect to.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPv4 ranges that are not ordinary hosts on the public internet.
const REFUSED_V4: &[([u8; 4], u32)] = &[
    ([0, 0, 0, 0], 8),       // "this network", includes the unspecified 0.0.0.0
    ([10, 0, 0, 0], 8),      // private (RFC 1918)
    ([100, 64, 0, 0], 10),   // carrier-grade NAT
    ([127, 0, 0, 0], 8),     // loopback
    ([169, 254, 0, 0], 16),  // link-local, where cloud metadata services live
    ([172, 16, 0, 0], 12),   // private (RFC 1918)
    ([192, 0, 0, 0], 24),    // IETF protocol assignments
    ([192, 0, 2, 0], 24),    // documentation
    ([192, 88, 99, 0], 24),  // deprecated 6to4 relay anycast
    ([192, 168, 0, 0], 16),  // private (RFC 1918)
    ([198, 18, 0, 0], 15),   // benchmarking
    ([198, 51, 100, 0], 24), // documentation
    ([203, 0, 113, 0], 24),  // documentation
    ([224, 0, 0, 0], 4),     // multicast
    ([240, 0, 0, 0], 4),     // reserved, includes broadcast 255.255.255.255
];

/// Everything public in IPv6 lies in global unicast; anything outside it is refused
/// (ULA fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8, ...).
const GLOBAL_UNICAST_V6: (Ipv6Addr, u32) = (Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3);

/// Ranges inside global unicast that are still not ordinary public hosts.
const REFUSED_GLOBAL_V6: &[(Ipv6Addr, u32)] = &[
    // Teredo tunnels to an IPv4 relay whose final destination we cannot judge.
    (Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0), 32),
    (Ipv6Addr::new(0x2001, 0x2, 0, 0, 0, 0, 0, 0), 48), // benchmarking
    (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), // documentation
    (Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20),   // documentation (RFC 9637)
];

const IPV4_MAPPED: (Ipv6Addr, u32) = (Ipv6Addr::new(0, 0, 0, 0, 0, 0xffff, 0, 0), 96);
const IPV4_COMPATIBLE: (Ipv6Addr, u32) = (Ipv6Addr::UNSPECIFIED, 96);
const NAT64: (Ipv6Addr, u32) = (Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96);
const SIX_TO_FOUR: (Ipv6Addr, u32) = (Ipv6Addr::new(0x2002, 0, 0, 0, 0, 0, 0, 0), 16);

/// True when `ip` is an ordinary host on the public internet, the only kind of address a
/// user-supplied URL may reach by default.
///
/// IPv6 forms that end up at an IPv4 host (IPv4-mapped, IPv4-compatible, NAT64 and 6to4)
/// are judged by the IPv4 address they carry.
pub fn ip_is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => ipv4_is_public(v4),
        IpAddr::V6(v6) => ipv6_is_public(v6),
    }
}

/// The guard's verdict for one address. `allow_private` opens loopback and private
/// networks for local development, but an unspecified, multicast or broadcast address is
/// never a real peer, so those stay refused.
pub(crate) fn address_allowed(ip: IpAddr, allow_private: bool) -> bool {
    if ip_is_public(ip) {
        return true;
    }
    if !allow_private {
        return false;
    }
    match ip.to_canonical() {
        IpAddr::V4(v4) => !(v4.is_unspecified() || v4.is_multicast() || v4.is_broadcast()),
        IpAddr::V6(v6) => !(v6.is_unspecified() || v6.is_multicast()),
    }
}

fn ipv4_is_public(ip: Ipv4Addr) -> bool {
    !REFUSED_V4
        .iter()
        .any(|&(net, len)| in_v4_range(ip, Ipv4Addr::from(net), len))
}

fn ipv6_is_public(ip: Ipv6Addr) -> bool {
    if ip.is_unspecified() || ip.is_loopback() {
        return false;
    }
    if let Some(v4) = embedded_ipv4(ip) {
        return ipv4_is_public(v4);
    }
    let (global, global_len) = GLOBAL_UNICAST_V6;
    in_v6_range(ip, global, global_len)
        && !REFUSED_GLOBAL_V6
            .iter()
            .any(|&(net, len)| in_v6_range(ip, net, len))
}

/// The IPv4 address an IPv6 address stands for, for the forms that deliver to it.
fn embedded_ipv4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let bits = u128::from(ip);
    let in_range = |(net, len): (Ipv6Addr, u32)| in_v6_range(ip, net, len);
    if in_range(IPV4_MAPPED) || in_range(IPV4_COMPATIBLE) || in_range(NAT64) {
        // Truncation keeps the low 32 bits, where these forms carry the IPv4 address.
        Some(Ipv4Addr::from(bits as u32))
    } else if in_range(SIX_TO_FOUR) {
        Some(Ipv4Addr::from((bits >> 80) as u32))
    } else {
        None
    }
}

fn in_v4_range(ip: Ipv4Addr, net: Ipv4Addr, len: u32) -> bool {
    let mask = u32::MAX.checked_shl(32 - len).unwrap_or(0);
    u32::from(ip) & mask == u32::from(net) & mask
}

fn in_v6_range(ip: Ipv6Addr, net: Ipv6Addr, len: u32) -> bool {
    let mask = u128::MAX.checked_shl(128 - len).unwrap_or(0);
    u128::from(ip) & mask == u128::from(net) & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC: &[&str] = &[
        "1.1.1.1",
        "8.8.8.8",
        "93.184.216.34",
        "100.63.255.255",  // just below carrier-grade NAT
        "100.128.0.0",     // just above it
        "172.15.255.255",  // just below 172.16/12
        "172.32.0.0",      // just above it
        "192.0.1.1",       // between 192.0.0/24 and 192.0.2/24
        "198.17.255.255",  // just below benchmarking
        "198.20.0.0",      // just above it
        "223.255.255.255", // last before multicast
        "2606:4700:4700::1111",
        "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808", // NAT64 of 8.8.8.8
        "2002:808:808::1",  // 6to4 of 8.8.8.8
    ];

    const REFUSED: &[&str] = &[
        "0.0.0.0",
        "0.1.2.3",
        "10.0.0.1",
        "10.255.255.255",
        "100.64.0.1",
        "100.127.255.255",
        "127.0.0.1",
        "127.255.255.254",
        "169.254.169.254",
        "172.16.0.1",
        "172.31.255.255",
        "192.0.0.8",
        "192.0.2.1",
        "192.168.1.1",
        "198.18.0.1",
        "198.19.255.255",
        "198.51.100.7",
        "203.0.113.9",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "fe80::1",
        "febf::1",
        "fec0::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "ff0e::1",
        "2001:db8::1",
        "3fff::1",
        "2001::1",
        "100::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:10.0.0.1",
        "::127.0.0.1",        // IPv4-compatible
        "64:ff9b::7f00:1",    // NAT64 of 127.0.0.1
        "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
        "2002:7f00:1::1",     // 6to4 of 127.0.0.1
        "2002:c0a8:101::1",   // 6to4 of 192.168.1.1
        "64:ff9b:1::808:808", // local-use NAT64, outside global unicast
    ];

    #[test]
    fn public_addresses_are_public() {
        for ip in PUBLIC {
            assert!(ip_is_public(ip.parse().unwrap()), "{ip} should be public");
        }
    }

    #[test]
    fn internal_addresses_are_not_public() {
        for ip in REFUSED {
            assert!(!ip_is_public(ip.parse().unwrap()), "{ip} should be refused");
        }
    }

    #[test]
    fn allow_private_opens_private_ranges_but_not_unspecified_or_multicast() {
        let cases = [
            ("127.0.0.1", true),
            ("10.1.2.3", true),
            ("192.168.0.10", true),
            ("169.254.169.254", true),
            ("::1", true),
            ("fd00::1", true),
            ("::ffff:127.0.0.1", true),
            ("8.8.8.8", true),
            ("0.0.0.0", false),
            ("::", false),
            ("::ffff:0.0.0.0", false),
            ("224.0.0.1", false),
            ("::ffff:224.0.0.1", false),
            ("ff02::1", false),
            ("255.255.255.255", false),
        ];
        for (ip, allowed) in cases {
            assert_eq!(address_allowed(ip.parse().unwrap(), true), allowed, "{ip}");
        }
    }

    #[test]
    fn default_verdict_is_ip_is_public() {
        for ip in PUBLIC.iter().chain(REFUSED) {
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(address_allowed(ip, false), ip_is_public(ip), "{ip}");
        }
    }
}
