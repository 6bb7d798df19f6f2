//! Webhook event bodies, exactly as the contract's NOTES give them. Built inside the
//! transaction that changes the job, by every backend, from the job row as it now is.

use serde_json::{json, Value};

use crate::{format_ms, Millis};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookEvent {
    Progress,
    Completed,
    Failed,
}

impl WebhookEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::Progress => "progress",
            WebhookEvent::Completed => "completed",
            WebhookEvent::Failed => "failed",
        }
    }

    /// Whether a job that asked for `events` (None: all of them) wants this one.
    pub fn subscribed(self, events: Option<&str>) -> bool {
        match events.and_then(|e| serde_json::from_str::<Vec<String>>(e).ok()) {
            Some(list) => list.iter().any(|e| e == self.as_str()),
            None => true,
        }
    }
}

/// The job facts an event body needs.
pub struct EventJob<'a> {
    pub id: &'a str,
    pub model: &'a str,
    pub status: &'a str,
    pub progress: i64,
    pub result: Option<&'a str>,
    pub error: Option<&'a str>,
    pub credit_cost: i64,
    pub completed_at: Option<Millis>,
}

pub fn body(event: WebhookEvent, job: &EventJob<'_>) -> String {
    let v = match event {
        WebhookEvent::Progress => json!({
            "event": "progress", "jobId": job.id, "status": "PROCESSING", "progress": job.progress, "model": job.model,
        }),
        WebhookEvent::Completed => json!({
            "event": "completed",
            "jobId": job.id,
            "status": "COMPLETED",
            "progress": 100,
            "result": job.result.and_then(|r| serde_json::from_str::<Value>(r).ok()).unwrap_or(Value::Null),
            "model": job.model,
            "creditCost": job.credit_cost,
            "completedAt": job.completed_at.map(format_ms),
        }),
        WebhookEvent::Failed => json!({
            "event": "failed", "jobId": job.id, "status": job.status, "error": job.error, "model": job.model,
        }),
    };
    v.to_string()
}
