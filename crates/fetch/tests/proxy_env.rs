//! Alone in its own test binary because it sets process-wide environment variables.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::routing::any;
use axum::Router;
use recut_fetch::FetchPolicy;
use support::{local_client, serve};
use url::Url;

#[tokio::test]
async fn proxy_environment_variables_are_ignored() {
    let proxied = Arc::new(AtomicUsize::new(0));
    let counter = proxied.clone();
    let proxy = serve(Router::new().fallback(any(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        async { "from the proxy" }
    })))
    .await;
    let origin = serve(Router::new().fallback(any(|| async { "from the origin" }))).await;

    let proxy_url = format!("http://{proxy}");
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        std::env::set_var(name, &proxy_url);
    }
    for name in ["NO_PROXY", "no_proxy"] {
        std::env::remove_var(name);
    }

    let client = local_client(FetchPolicy::default());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("body");
    let url = Url::parse(&format!("http://{origin}/video.mp4")).unwrap();
    client.download_to(&url, &dest).await.unwrap();
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "from the origin");
    assert_eq!(proxied.load(Ordering::SeqCst), 0);
}
