//! A real HTTP server on loopback for the integration tests.

use std::net::SocketAddr;

use axum::Router;
use recut_fetch::{FetchPolicy, GuardedClient};

/// Serves `router` on 127.0.0.1 at a free port for the rest of the test.
pub async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

/// A client that may reach the test server, as in local development.
pub fn local_client(policy: FetchPolicy) -> GuardedClient {
    GuardedClient::new(FetchPolicy {
        allow_private_networks: true,
        ..policy
    })
    .unwrap()
}
