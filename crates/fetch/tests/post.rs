mod support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{LOCATION, RETRY_AFTER};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use recut_fetch::{FetchError, FetchPolicy, GuardedClient};
use support::{local_client, serve};
use url::Url;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Deliveries that reached the receiver's `/hook`, as (signature header, body).
type Deliveries = Arc<Mutex<Vec<(Option<String>, Bytes)>>>;

struct Receiver {
    addr: SocketAddr,
    deliveries: Deliveries,
}

impl Receiver {
    async fn start() -> Receiver {
        let deliveries = Deliveries::default();
        let router = Router::new()
            .route("/hook", post(hook))
            .route(
                "/moved",
                post(|| async {
                    (
                        StatusCode::FOUND,
                        [(LOCATION, "/hook"), (RETRY_AFTER, "120")],
                    )
                }),
            )
            .route("/busy", post(busy))
            .route("/chatty", post(|| async { "x".repeat(2000) }))
            .route(
                "/slow",
                post(|| async {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                }),
            )
            .with_state(deliveries.clone());
        Receiver {
            addr: serve(router).await,
            deliveries,
        }
    }

    fn url(&self, path: &str) -> Url {
        Url::parse(&format!("http://{}{path}", self.addr)).unwrap()
    }

    fn delivered(&self) -> Vec<(Option<String>, Bytes)> {
        self.deliveries.lock().unwrap().clone()
    }
}

async fn hook(
    State(deliveries): State<Deliveries>,
    headers: HeaderMap,
    body: Bytes,
) -> &'static str {
    let signature = headers
        .get("x-recut-signature")
        .map(|value| value.to_str().unwrap().to_owned());
    deliveries.lock().unwrap().push((signature, body));
    "thanks"
}

async fn busy() -> impl IntoResponse {
    let in_an_hour = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600));
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(RETRY_AFTER, in_an_hour)],
        "try later",
    )
}

fn signed() -> Vec<(String, String)> {
    vec![
        ("Content-Type".into(), "application/json".into()),
        ("X-Recut-Signature".into(), "t=1,v1=abc".into()),
    ]
}

#[tokio::test]
async fn post_delivers_headers_and_body() {
    let receiver = Receiver::start().await;
    let client = local_client(FetchPolicy::default());
    let body = Bytes::from_static(br#"{"event":"job.succeeded"}"#);
    let response = client
        .post(&receiver.url("/hook"), &signed(), body.clone(), TIMEOUT)
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body_snippet, "thanks");
    assert_eq!(response.retry_after, None);
    assert_eq!(
        receiver.delivered(),
        vec![(Some("t=1,v1=abc".to_owned()), body)]
    );
}

#[tokio::test]
async fn post_returns_a_redirect_instead_of_following_it() {
    let receiver = Receiver::start().await;
    let client = local_client(FetchPolicy::default());
    let response = client
        .post(
            &receiver.url("/moved"),
            &signed(),
            Bytes::from_static(b"{}"),
            TIMEOUT,
        )
        .await
        .unwrap();
    assert_eq!(response.status, 302);
    assert_eq!(response.retry_after, Some(Duration::from_secs(120)));
    assert!(receiver.delivered().is_empty(), "the redirect was followed");
}

#[tokio::test]
async fn post_reads_retry_after_as_an_http_date() {
    let receiver = Receiver::start().await;
    let client = local_client(FetchPolicy::default());
    let response = client
        .post(&receiver.url("/busy"), &[], Bytes::new(), TIMEOUT)
        .await
        .unwrap();
    assert_eq!(response.status, 503);
    assert_eq!(response.body_snippet, "try later");
    let retry_after = response.retry_after.unwrap();
    // HTTP dates have whole seconds; allow for that and a slow test machine.
    assert!(retry_after > Duration::from_secs(3500), "{retry_after:?}");
    assert!(retry_after <= Duration::from_secs(3600), "{retry_after:?}");
}

#[tokio::test]
async fn post_keeps_only_the_start_of_a_long_answer() {
    let receiver = Receiver::start().await;
    let client = local_client(FetchPolicy::default());
    let response = client
        .post(&receiver.url("/chatty"), &[], Bytes::new(), TIMEOUT)
        .await
        .unwrap();
    assert_eq!(response.body_snippet, "x".repeat(512));
}

#[tokio::test]
async fn post_refuses_internal_targets_by_default() {
    let receiver = Receiver::start().await;
    let client = GuardedClient::new(FetchPolicy::default()).unwrap();
    let port = receiver.addr.port();
    for url in [
        format!("http://127.0.0.1:{port}/hook"),
        format!("http://localhost:{port}/hook"),
    ] {
        let err = client
            .post(
                &Url::parse(&url).unwrap(),
                &signed(),
                Bytes::from_static(b"{}"),
                TIMEOUT,
            )
            .await
            .unwrap_err();
        assert_eq!(err.error_code(), "address_not_allowed", "{url}: {err}");
    }
    assert!(receiver.delivered().is_empty());
}

#[tokio::test]
async fn post_times_out() {
    let receiver = Receiver::start().await;
    let client = local_client(FetchPolicy::default());
    let timeout = Duration::from_millis(300);
    let err = client
        .post(&receiver.url("/slow"), &[], Bytes::new(), timeout)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Timeout { after } if after == timeout),
        "{err}"
    );
}
