//! Running jobs: workers that claim, execute and finish jobs, and the maintenance loop that
//! rescues abandoned leases and enforces retention.
//!
//! A worker never holds a database transaction while a job runs. It holds a lease that a
//! heartbeat renews; every write it makes is fenced on (job id, attempt, worker id), so a
//! worker that lost its lease (it stalled, the job was cancelled or rescued) cannot
//! overwrite what happened since. Errors split into retryable (process crash, timeout, I/O)
//! and fatal (bad input, no engine); fatal errors and exhausted retries end FAILED with the
//! refund in the same transaction.

mod maintenance;
mod worker;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

pub use maintenance::{Maintenance, SweepReport};
pub use worker::{WorkerPool, WorkerSettings};

/// In-process coordination between the API and the workers of the same process: new jobs
/// wake idle workers at once, and a cancel request kills the running job's processes
/// without waiting for the next heartbeat.
#[derive(Default)]
pub struct JobControl {
    wake: Notify,
    running: Mutex<HashMap<Uuid, CancellationToken>>,
    /// Wakes the webhook dispatcher of this process when outbox rows were written.
    pub outbox: Arc<Notify>,
}

impl JobControl {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    pub fn job_submitted(&self) {
        self.wake.notify_one();
    }

    /// Call after a job change that may have written webhook deliveries.
    pub fn outbox_written(&self) {
        self.outbox.notify_one();
    }

    /// Fires the cancellation token of a job running in this process, if any.
    pub fn cancel_running(&self, id: Uuid) -> bool {
        match self.running.lock().unwrap().get(&id) {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }

    pub fn running_count(&self) -> usize {
        self.running.lock().unwrap().len()
    }

    fn register(&self, id: Uuid, token: CancellationToken) {
        self.running.lock().unwrap().insert(id, token);
    }

    fn unregister(&self, id: Uuid) {
        self.running.lock().unwrap().remove(&id);
    }
}
