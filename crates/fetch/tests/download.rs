mod support;

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::header::{CONTENT_TYPE, LOCATION};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures::stream::{self, StreamExt};
use recut_fetch::{FetchError, FetchPolicy, GuardedClient};
use support::{local_client, serve};
use tempfile::TempDir;
use url::Url;

const VIDEO_LEN: usize = 20_000;
const CHUNKS: usize = 10;
const CHUNK_LEN: usize = 1000;

fn video_bytes() -> Vec<u8> {
    (0..VIDEO_LEN).map(|i| (i % 251) as u8).collect()
}

/// The user's server: every request it receives is counted, so a test can prove the
/// guard refused before anything was sent.
struct Origin {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
    dir: TempDir,
}

impl Origin {
    async fn start() -> Origin {
        let hits = Arc::new(AtomicUsize::new(0));
        let router = Router::new()
            .route(
                "/video.mp4",
                get(|| async { ([(CONTENT_TYPE, "video/mp4")], video_bytes()) }),
            )
            .route("/chunked", get(chunked))
            .route("/missing", get(|| async { StatusCode::NOT_FOUND }))
            .route(
                "/broken",
                get(|| async { StatusCode::INTERNAL_SERVER_ERROR }),
            )
            .route("/slow-headers", get(slow_headers))
            .route("/stall", get(stall))
            .route("/redirect", get(redirect))
            .route(
                "/loop",
                get(|| async { (StatusCode::FOUND, [(LOCATION, "/loop")]) }),
            )
            .layer(middleware::from_fn_with_state(hits.clone(), count));
        Origin {
            addr: serve(router).await,
            hits,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn url(&self, path: &str) -> Url {
        Url::parse(&format!("http://{}{path}", self.addr)).unwrap()
    }

    fn redirect_to(&self, location: &str) -> Url {
        let mut url = self.url("/redirect");
        url.query_pairs_mut().append_pair("to", location);
        url
    }

    fn port(&self) -> u16 {
        self.addr.port()
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    fn dest(&self) -> PathBuf {
        self.dir.path().join("input.mp4")
    }

    async fn download(
        &self,
        client: &GuardedClient,
        url: &Url,
    ) -> Result<recut_fetch::Downloaded, FetchError> {
        client.download_to(url, &self.dest()).await
    }

    async fn download_err(&self, client: &GuardedClient, url: &Url) -> FetchError {
        let err = self.download(client, url).await.expect_err(url.as_str());
        assert!(
            !self.dest().exists(),
            "{url}: partial file left behind after {err}"
        );
        err
    }
}

async fn count(State(hits): State<Arc<AtomicUsize>>, request: Request, next: Next) -> Response {
    hits.fetch_add(1, Ordering::SeqCst);
    next.run(request).await
}

/// A body without Content-Length, sent with chunked transfer encoding.
async fn chunked() -> Body {
    let chunks = (0..CHUNKS).map(|_| Ok::<_, Infallible>(Bytes::from(vec![7u8; CHUNK_LEN])));
    Body::from_stream(stream::iter(chunks))
}

async fn slow_headers() -> &'static str {
    tokio::time::sleep(Duration::from_secs(30)).await;
    "too late"
}

/// Sends the start of a body, then nothing more.
async fn stall() -> Body {
    let first = stream::iter([Ok::<_, Infallible>(Bytes::from(vec![1u8; CHUNK_LEN]))]);
    Body::from_stream(first.chain(stream::pending()))
}

async fn redirect(Query(query): Query<HashMap<String, String>>) -> impl IntoResponse {
    (StatusCode::FOUND, [(LOCATION, query["to"].clone())])
}

fn default_client() -> GuardedClient {
    GuardedClient::new(FetchPolicy::default()).unwrap()
}

#[tokio::test]
async fn default_policy_refuses_loopback_in_every_spelling_without_sending() {
    let origin = Origin::start().await;
    let client = default_client();
    let port = origin.port();
    for url in [
        format!("http://127.0.0.1:{port}/video.mp4"),
        format!("http://localhost:{port}/video.mp4"),
        format!("http://2130706433:{port}/video.mp4"),
        format!("http://0x7f.1:{port}/video.mp4"),
        format!("http://[::ffff:127.0.0.1]:{port}/video.mp4"),
        format!("http://[::1]:{port}/video.mp4"),
    ] {
        let url = Url::parse(&url).unwrap();
        let err = origin.download_err(&client, &url).await;
        assert_eq!(err.error_code(), "address_not_allowed", "{url}: {err}");
        assert!(err.is_client_error(), "{url}");
        assert!(
            err.to_string().contains("private or loopback address"),
            "{err}"
        );
    }
    assert_eq!(origin.hits(), 0);
}

#[tokio::test]
async fn check_destination_resolves_names_against_the_policy() {
    let origin = Origin::start().await;
    for path in [
        "http://localhost/hook",
        "http://127.0.0.1/hook",
        "http://[::1]/hook",
    ] {
        let err = default_client()
            .check_destination(&Url::parse(path).unwrap())
            .await
            .expect_err(path);
        assert_eq!(err.error_code(), "address_not_allowed", "{path}: {err}");
        assert!(err.is_client_error());
    }
    let local = local_client(FetchPolicy::default());
    local.check_destination(&origin.url("/hook")).await.unwrap();
    let localhost = Url::parse(&format!("http://localhost:{}/hook", origin.port())).unwrap();
    local.check_destination(&localhost).await.unwrap();
    let err = local
        .check_destination(&Url::parse("http://0.0.0.0/hook").unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), "address_not_allowed");
    assert_eq!(
        origin.hits(),
        0,
        "checking a destination must not send requests"
    );
}

#[tokio::test]
async fn allow_private_downloads_the_exact_bytes() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy::default());
    for host in ["127.0.0.1", "localhost"] {
        let url = Url::parse(&format!("http://{host}:{}/video.mp4", origin.port())).unwrap();
        let downloaded = origin.download(&client, &url).await.unwrap();
        assert_eq!(downloaded.bytes, VIDEO_LEN as u64);
        assert_eq!(downloaded.content_type.as_deref(), Some("video/mp4"));
        assert_eq!(downloaded.final_url, url);
        assert_eq!(std::fs::read(origin.dest()).unwrap(), video_bytes());
    }
}

#[tokio::test]
async fn redirects_between_allowed_hosts_are_followed() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy::default());
    let downloaded = origin
        .download(&client, &origin.redirect_to("/video.mp4"))
        .await
        .unwrap();
    assert_eq!(downloaded.final_url, origin.url("/video.mp4"));
    assert_eq!(std::fs::read(origin.dest()).unwrap(), video_bytes());
}

#[tokio::test]
async fn content_length_over_the_limit_is_refused_before_writing() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy {
        max_bytes: 1000,
        ..FetchPolicy::default()
    });
    let err = origin
        .download_err(&client, &origin.url("/video.mp4"))
        .await;
    assert_eq!(err.error_code(), "too_large");
    assert!(err.is_client_error());
    assert_eq!(err.to_string(), "file is larger than the 1000 bytes limit");
}

#[tokio::test]
async fn a_body_exactly_at_the_limit_is_accepted() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy {
        max_bytes: VIDEO_LEN as u64,
        ..FetchPolicy::default()
    });
    let downloaded = origin
        .download(&client, &origin.url("/video.mp4"))
        .await
        .unwrap();
    assert_eq!(downloaded.bytes, VIDEO_LEN as u64);
}

#[tokio::test]
async fn chunked_bodies_are_limited_while_streaming_and_the_partial_file_removed() {
    let origin = Origin::start().await;
    let limit = (2 * CHUNK_LEN + CHUNK_LEN / 2) as u64;
    let client = local_client(FetchPolicy {
        max_bytes: limit,
        ..FetchPolicy::default()
    });
    let err = origin.download_err(&client, &origin.url("/chunked")).await;
    assert_eq!(err.error_code(), "too_large", "{err}");

    let roomy = local_client(FetchPolicy {
        max_bytes: (CHUNKS * CHUNK_LEN) as u64,
        ..FetchPolicy::default()
    });
    let downloaded = origin
        .download(&roomy, &origin.url("/chunked"))
        .await
        .unwrap();
    assert_eq!(downloaded.bytes, (CHUNKS * CHUNK_LEN) as u64);
    assert_eq!(
        std::fs::read(origin.dest()).unwrap(),
        vec![7u8; CHUNKS * CHUNK_LEN]
    );
}

#[tokio::test]
async fn redirects_to_never_allowed_addresses_are_refused() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy::default());
    let port = origin.port();
    let targets = [
        format!("http://0.0.0.0:{port}/video.mp4"),
        format!("http://[::]:{port}/video.mp4"),
        format!("http://224.0.0.1:{port}/video.mp4"),
        format!("http://[ff02::1]:{port}/video.mp4"),
    ];
    for target in &targets {
        let err = origin
            .download_err(&client, &origin.redirect_to(target))
            .await;
        assert_eq!(err.error_code(), "address_not_allowed", "{target}: {err}");
        assert!(err.is_client_error());
    }
    // Only the redirecting hops arrived; 0.0.0.0 would have reached this server.
    assert_eq!(origin.hits(), targets.len());
}

#[tokio::test]
async fn redirects_to_other_schemes_are_refused() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy::default());
    let err = origin
        .download_err(&client, &origin.redirect_to("file:///etc/passwd"))
        .await;
    assert_eq!(err.error_code(), "invalid_url", "{err}");
    assert!(err.is_client_error());
}

#[tokio::test]
async fn redirect_chains_stop_at_max_redirects() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy {
        max_redirects: 3,
        ..FetchPolicy::default()
    });
    let err = origin.download_err(&client, &origin.url("/loop")).await;
    assert_eq!(err.error_code(), "too_many_redirects", "{err}");
    assert!(err.is_client_error());
    assert_eq!(origin.hits(), 1 + 3);
}

#[tokio::test]
async fn http_errors_are_blamed_on_the_right_side() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy::default());
    let missing = origin.download_err(&client, &origin.url("/missing")).await;
    assert_eq!(missing.error_code(), "http_status");
    assert!(missing.is_client_error());
    assert!(missing.to_string().contains("404"), "{missing}");
    let broken = origin.download_err(&client, &origin.url("/broken")).await;
    assert_eq!(broken.error_code(), "http_status");
    assert!(!broken.is_client_error());
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let origin = Origin::start().await;
    let timeout = Duration::from_millis(300);
    let client = local_client(FetchPolicy {
        timeout,
        ..FetchPolicy::default()
    });
    let started = Instant::now();
    let err = origin
        .download_err(&client, &origin.url("/slow-headers"))
        .await;
    assert!(
        matches!(err, FetchError::Timeout { after } if after == timeout),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn a_body_that_stalls_times_out_and_the_partial_file_is_removed() {
    let origin = Origin::start().await;
    let client = local_client(FetchPolicy {
        timeout: Duration::from_millis(500),
        ..FetchPolicy::default()
    });
    let err = origin.download_err(&client, &origin.url("/stall")).await;
    assert_eq!(err.error_code(), "timeout", "{err}");
    assert!(!err.is_client_error());
}

#[tokio::test]
async fn a_refused_port_is_a_connect_error() {
    let origin = Origin::start().await;
    // Bound, then dropped: nothing listens there any more.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let client = local_client(FetchPolicy::default());
    let url = Url::parse(&format!("http://{closed}/video.mp4")).unwrap();
    let err = origin.download_err(&client, &url).await;
    assert_eq!(err.error_code(), "connect_failed", "{err}");
    assert!(!err.is_client_error());
}
