use std::sync::Arc;
use std::time::Duration;

use recut_blobs::BlobStore;
use recut_store::{Millis, Store};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

/// Lease rescue and retention. Every step is idempotent and safe to run from several
/// processes at once: each only acts on rows whose state still calls for it.
#[derive(Clone)]
pub struct Maintenance {
    store: Arc<dyn Store>,
    blobs: BlobStore,
    result_retention: Duration,
    interval: Duration,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    pub requeued: usize,
    pub failed: usize,
    pub results_expired: usize,
    pub uploads_purged: usize,
    pub scratch_cleared: usize,
    pub idempotency_purged: u64,
    pub deliveries_rescued: u64,
}

const BATCH: u32 = 200;

impl Maintenance {
    pub fn new(store: Arc<dyn Store>, blobs: BlobStore, cfg: &recut_config::Config) -> Self {
        Maintenance {
            store,
            blobs,
            result_retention: Duration::from_secs(cfg.retention.result_days * 86_400),
            interval: Duration::from_secs(cfg.workers.maintenance_interval_seconds.max(1)),
        }
    }

    pub async fn run(self, stop: CancellationToken) {
        loop {
            match self.sweep(recut_store::now_ms()).await {
                Ok(r) if r != SweepReport::default() => info!(?r, "maintenance sweep"),
                Ok(_) => {}
                Err(e) => warn!(error = %e, "maintenance sweep failed"),
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(self.interval) => {}
            }
        }
    }

    /// One pass, as if the time were `now` (tests pass a future time to age data).
    pub async fn sweep(&self, now: Millis) -> Result<SweepReport, recut_store::StoreError> {
        let mut report = SweepReport::default();
        let rescued = self.store.rescue_expired_leases(now).await?;
        report.requeued = rescued.requeued.len();
        report.failed = rescued.failed.len();
        for id in &rescued.failed {
            warn!(job = %id, "job failed after its workers stopped responding; refunded");
        }

        let before = now - self.result_retention.as_millis() as i64;
        loop {
            let batch = self.store.results_to_expire(before, BATCH).await?;
            let n = batch.len();
            for (id, key) in batch {
                // Delete first: a blob that outlives its row is retried next sweep, a row
                // marked expired with its blob still on disk would never be.
                if !key.is_empty() {
                    if let Err(e) = self.blobs.delete(&key).await {
                        warn!(job = %id, error = %e, "deleting expired result failed");
                        continue;
                    }
                }
                self.store.mark_result_expired(id).await?;
                report.results_expired += 1;
            }
            if n < BATCH as usize {
                break;
            }
        }

        for upload in self.store.uploads_to_purge(now, BATCH).await? {
            if let Err(e) = self.blobs.delete(&upload.blob_key).await {
                warn!(upload = %upload.id, error = %e, "deleting expired upload failed");
                continue;
            }
            self.store.mark_upload_deleted(upload.id).await?;
            report.uploads_purged += 1;
        }

        for (id, keys) in self.store.scratch_to_delete(BATCH).await? {
            let mut all = true;
            for key in &keys {
                if let Err(e) = self.blobs.delete(key).await {
                    warn!(job = %id, error = %e, "deleting fetched input failed");
                    all = false;
                }
            }
            if all {
                self.store.clear_scratch(id).await?;
                report.scratch_cleared += 1;
            }
        }

        report.idempotency_purged = self.store.purge_idempotency(now).await?;
        report.deliveries_rescued = self.store.rescue_stuck_deliveries(now).await?;
        Ok(report)
    }
}
