use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use recut_fetch::{FetchError, GuardedClient};
use recut_store::{AttemptRecord, DeliveryNext, DueDelivery, Store};
use tokio::sync::{Notify, Semaphore};
use tokio_util::sync::CancellationToken;
use tracing::{debug, warn};

#[derive(Debug, Clone)]
pub struct DispatcherSettings {
    pub concurrency: usize,
    pub attempt_timeout: Duration,
    pub retry_schedule: Vec<Duration>,
    pub poll_interval: Duration,
}

impl DispatcherSettings {
    pub fn from_config(cfg: &recut_config::Config) -> Self {
        DispatcherSettings {
            concurrency: cfg.webhooks.concurrency,
            attempt_timeout: Duration::from_secs(cfg.webhooks.attempt_timeout_seconds),
            retry_schedule: cfg
                .webhooks
                .retry_schedule_ms
                .iter()
                .map(|ms| Duration::from_millis(*ms))
                .collect(),
            poll_interval: Duration::from_millis(cfg.webhooks.poll_interval_ms),
        }
    }
}

#[derive(Clone)]
pub struct Dispatcher {
    store: Arc<dyn Store>,
    client: GuardedClient,
    settings: DispatcherSettings,
    wake: Arc<Notify>,
}

/// How long a delivery stays leased to this process: an attempt can take at most
/// `attempt_timeout`, so twice that plus a second means its sender is gone.
fn lease_for(settings: &DispatcherSettings) -> Duration {
    settings.attempt_timeout * 2 + Duration::from_secs(1)
}

impl Dispatcher {
    /// `wake` is notified by whoever writes outbox rows in this process, so deliveries go
    /// out at once instead of at the next poll.
    pub fn new(
        store: Arc<dyn Store>,
        client: GuardedClient,
        settings: DispatcherSettings,
        wake: Arc<Notify>,
    ) -> Self {
        Dispatcher {
            store,
            client,
            settings,
            wake,
        }
    }

    pub async fn run(self, stop: CancellationToken) {
        let slots = Arc::new(Semaphore::new(self.settings.concurrency));
        let mut in_flight = tokio::task::JoinSet::new();
        while !stop.is_cancelled() {
            while in_flight.try_join_next().is_some() {}
            let free = slots.available_permits();
            let claimed = if free > 0 {
                match self
                    .store
                    .claim_deliveries(
                        recut_store::now_ms(),
                        free as u32,
                        lease_for(&self.settings),
                    )
                    .await
                {
                    Ok(d) => d,
                    Err(e) => {
                        warn!(error = %e, "claiming webhook deliveries failed");
                        Vec::new()
                    }
                }
            } else {
                Vec::new()
            };
            let got_any = !claimed.is_empty();
            for delivery in claimed {
                let permit = slots.clone().acquire_owned().await.expect("semaphore open");
                let this = self.clone();
                in_flight.spawn(async move {
                    this.deliver(delivery).await;
                    drop(permit);
                    this.wake.notify_one();
                });
            }
            if got_any && slots.available_permits() > 0 {
                continue;
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(self.settings.poll_interval) => {}
                _ = stop.cancelled() => {}
            }
        }
        // Let attempts under way finish and record their outcome.
        while in_flight.join_next().await.is_some() {}
    }

    async fn deliver(&self, d: DueDelivery) {
        let timestamp = chrono_now_secs();
        let headers = crate::signing::headers(
            &d.secret,
            &d.id.to_string(),
            &d.event,
            timestamp,
            d.body.as_bytes(),
        );
        let started = Instant::now();
        let url = match recut_fetch::parse_user_url(&d.url) {
            Ok(u) => u,
            Err(e) => {
                return self
                    .finish(&d, None, Some(e.to_string()), started, DeliveryNext::Failed)
                    .await
            }
        };
        let outcome = self
            .client
            .post(
                &url,
                &headers,
                bytes::Bytes::from(d.body.clone()),
                self.settings.attempt_timeout,
            )
            .await;
        let (status, error, next) = match outcome {
            Ok(resp) if (200..300).contains(&resp.status) => {
                (Some(resp.status), None, DeliveryNext::Delivered)
            }
            Ok(resp) if resp.status == 410 => (
                Some(410),
                Some("receiver answered 410 Gone; not retrying".to_owned()),
                DeliveryNext::Failed,
            ),
            Ok(resp) => {
                let error = format!(
                    "receiver answered {}: {}",
                    resp.status,
                    resp.body_snippet.trim()
                );
                (
                    Some(resp.status),
                    Some(error),
                    self.retry_after(&d, resp.retry_after),
                )
            }
            Err(e) if permanent(&e) => (None, Some(e.to_string()), DeliveryNext::Failed),
            Err(e) => (None, Some(e.to_string()), self.retry_after(&d, None)),
        };
        self.finish(&d, status, error, started, next).await;
    }

    /// The next attempt's time: the receiver's Retry-After if it sent one, else the
    /// schedule's wait for this attempt with +-10 % jitter; Failed once the schedule is used.
    fn retry_after(&self, d: &DueDelivery, retry_after: Option<Duration>) -> DeliveryNext {
        let retries_done = d.attempts as usize; // attempts before this one
        let Some(base) = self.settings.retry_schedule.get(retries_done) else {
            return DeliveryNext::Failed;
        };
        let wait = match retry_after {
            Some(ra) => ra.min(Duration::from_secs(24 * 3600)),
            None => base.mul_f64(rand::thread_rng().gen_range(0.9..=1.1)),
        };
        DeliveryNext::RetryAt(recut_store::now_ms() + wait.as_millis() as i64)
    }

    async fn finish(
        &self,
        d: &DueDelivery,
        status: Option<u16>,
        error: Option<String>,
        started: Instant,
        next: DeliveryNext,
    ) {
        let outcome = match next {
            DeliveryNext::Delivered => "delivered",
            DeliveryNext::RetryAt(_) => "retry",
            DeliveryNext::Failed => "failed",
        };
        recut_metrics::inc(
            "recut_webhook_deliveries_total",
            &[("event", d.event.as_str()), ("outcome", outcome)],
            1.0,
        );
        debug!(delivery = %d.id, job = %d.job_id, event = %d.event, ?status, outcome, "webhook attempt");
        if let Some(e) = &error {
            warn!(delivery = %d.id, job = %d.job_id, event = %d.event, error = %e, outcome, "webhook attempt failed");
        }
        let record = AttemptRecord {
            status_code: status,
            error,
            duration_ms: started.elapsed().as_millis() as i64,
        };
        if let Err(e) = self.store.record_attempt(d, record, next).await {
            warn!(delivery = %d.id, error = %e, "recording webhook attempt failed; it will be retried after its lease");
        }
    }
}

/// Errors no retry can fix: the URL is malformed or points somewhere never allowed.
fn permanent(e: &FetchError) -> bool {
    matches!(e.error_code(), "invalid_url" | "address_not_allowed")
}

fn chrono_now_secs() -> i64 {
    recut_store::now_ms() / 1000
}
