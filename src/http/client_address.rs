//! Who is calling, by IP address, for the per-address limits (anonymous rate limit,
//! sign-in throttle).
//!
//! Directly exposed, the client is the TCP peer. Behind a load balancer the peer is the
//! balancer, and every client would share one address and one quota: the balancer's
//! addresses are listed in `server.trusted_proxies`, and for a request from one of them the
//! client is the nearest address in `X-Forwarded-For` that is not itself a trusted proxy.
//! Entries further left were written by the client and may be forged, so they are never
//! read; a peer that is not trusted cannot move its address with that header at all.

use std::net::{IpAddr, Ipv6Addr};

use actix_web::{web, HttpRequest};

#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpAddr>);

impl TrustedProxies {
    pub fn new(proxies: Vec<IpAddr>) -> TrustedProxies {
        TrustedProxies(proxies)
    }

    fn trusts(&self, address: &IpAddr) -> bool {
        self.0.contains(address)
    }

    /// The client's address for a request that reached us from `peer`.
    fn client_of(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        if !self.trusts(&peer) {
            return peer;
        }
        let mut client = peer;
        for entry in forwarded_for.iter().flat_map(|h| h.split(',')).rev() {
            match entry.trim().parse::<IpAddr>() {
                Ok(address) if self.trusts(&address) => client = address,
                Ok(address) => return address,
                // A malformed hop: nothing left of it can be trusted.
                Err(_) => return client,
            }
        }
        client
    }
}

/// The client's IP address (see the module comment), `None` only for a request without a
/// peer (a test request built in memory).
pub fn client_ip(req: &HttpRequest) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    let Some(proxies) = req.app_data::<web::Data<TrustedProxies>>() else {
        return Some(peer);
    };
    let forwarded_for: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .collect();
    Some(proxies.client_of(peer, &forwarded_for))
}

/// The network a per-address limit counts `address` under. An IPv4 address is its own
/// network; an IPv6 client is counted per /64, the smallest prefix a provider hands a
/// subscriber, since one host can pick any of the 2^64 addresses of its own /64 (an
/// IPv4-mapped address counts as the IPv4 address it maps).
pub fn network_of(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
    }
}

/// How a limit names `address`'s network: `198.51.100.7`, `2001:db8:1:2::/64`.
pub fn network_name(address: IpAddr) -> String {
    match network_of(address) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("{v6}/64"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_peer_may_name_the_client() {
        let proxies = TrustedProxies::new(vec![ip("10.0.0.1"), ip("10.0.0.2")]);
        // Not a proxy: the header is ignored, whatever it says.
        assert_eq!(
            proxies.client_of(ip("198.51.100.7"), &["203.0.113.9"]),
            ip("198.51.100.7")
        );
        // One proxy: the address it saw.
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &["203.0.113.9"]),
            ip("203.0.113.9")
        );
        // A forged entry to the left is never read; two proxies in a row are skipped.
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &["1.2.3.4, 203.0.113.9", "10.0.0.2"]),
            ip("203.0.113.9")
        );
        // No header, or a malformed hop: the proxy's own address.
        assert_eq!(proxies.client_of(ip("10.0.0.1"), &[]), ip("10.0.0.1"));
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &["nonsense"]),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        assert_eq!(network_name(ip("2001:db8:1:2::1")), "2001:db8:1:2::/64");
        assert_eq!(
            network_of(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")),
            network_of(ip("2001:db8:1:2::9"))
        );
        assert_ne!(
            network_of(ip("2001:db8:1:3::1")),
            network_of(ip("2001:db8:1:2::1"))
        );
        assert_eq!(network_name(ip("::ffff:198.51.100.7")), "198.51.100.7");
        assert_eq!(network_name(ip("198.51.100.7")), "198.51.100.7");
    }
}
