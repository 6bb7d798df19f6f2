//! Group commit for job submissions, shared by both backends.
//!
//! Every submission of a team debits the same balance row, so a transaction per submission
//! serialises them on that row's lock, each paying its own commit. Instead, submissions go
//! to one writer task per process, which takes whatever has queued up (up to `MAX_BATCH`)
//! and writes it in one transaction: one commit and one lock acquisition per batch.

use tokio::sync::{mpsc, oneshot};

use crate::{IdempotencyClaim, NewJob, StoreError, StoreResult, SubmitOutcome};

/// Submissions written in one transaction at most.
pub(crate) const MAX_BATCH: usize = 128;
/// Submissions waiting for the writer before callers wait to enqueue.
pub(crate) const QUEUE: usize = 1024;

pub(crate) struct Submission {
    pub job: NewJob,
    pub idempotency: Option<IdempotencyClaim>,
    pub reply: oneshot::Sender<StoreResult<SubmitOutcome>>,
}

/// Hands a submission to the writer and waits for its outcome.
pub(crate) async fn enqueue(
    writer: &mpsc::Sender<Submission>,
    job: NewJob,
    idempotency: Option<IdempotencyClaim>,
) -> StoreResult<SubmitOutcome> {
    let (reply, answer) = oneshot::channel();
    writer
        .send(Submission {
            job,
            idempotency,
            reply,
        })
        .await
        .map_err(|_| StoreError::Unavailable("the submission writer has stopped".into()))?;
    answer
        .await
        .map_err(|_| StoreError::Unavailable("the submission writer has stopped".into()))?
}

/// Sends every submission of the batch its outcome, or the batch's error to all of them.
pub(crate) fn reply(
    batch: &mut Vec<Submission>,
    results: StoreResult<Vec<StoreResult<SubmitOutcome>>>,
) {
    match results {
        Ok(outcomes) => {
            for (sub, outcome) in batch.drain(..).zip(outcomes) {
                let _ = sub.reply.send(outcome);
            }
        }
        Err(e) => {
            for sub in batch.drain(..) {
                let _ = sub.reply.send(Err(match &e {
                    StoreError::Unavailable(m) => StoreError::Unavailable(m.clone()),
                    other => StoreError::Internal(other.to_string()),
                }));
            }
        }
    }
}
