//! Liveness, readiness and metrics.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::{json, Value};

use crate::{ApiError, AppState};

pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(json!({"status": "ok", "uptimeSeconds": state.started.elapsed().as_secs()}))
}

pub async fn readyz(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    state
        .store
        .ping()
        .await
        .map_err(|e| ApiError::Unavailable {
            message: format!("database not reachable: {e}"),
            retry_after_secs: 5,
        })?;
    Ok(Json(json!({"status": "ready"})))
}

pub async fn metrics(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    let mut gauges = Vec::new();
    if let Ok(counts) = state.store.count_by_status().await {
        let series = recut_store::JobStatus::ALL
            .iter()
            .map(|s| {
                let n = counts
                    .iter()
                    .find(|(st, _)| st == s)
                    .map(|(_, n)| *n)
                    .unwrap_or(0);
                (vec![("status", s.as_str().to_owned())], n as f64)
            })
            .collect();
        gauges.push(("recut_jobs", "Jobs by status.", series));
        let queued = counts
            .iter()
            .find(|(s, _)| *s == recut_store::JobStatus::Queued)
            .map(|(_, n)| *n)
            .unwrap_or(0);
        gauges.push((
            "recut_queue_depth",
            "Jobs waiting for a worker.",
            vec![(vec![], queued as f64)],
        ));
    }
    if let Ok(totals) = state.store.ledger_totals().await {
        let get = |k: recut_store::LedgerKind| {
            totals
                .iter()
                .find(|(kind, _)| *kind == k)
                .map(|(_, v)| *v)
                .unwrap_or(0)
        };
        gauges.push((
            "recut_credits",
            "Credits moved since the database was created, by ledger kind (debits as a positive number).",
            vec![
                (vec![("kind", "granted".to_owned())], get(recut_store::LedgerKind::Grant) as f64),
                (vec![("kind", "debited".to_owned())], -get(recut_store::LedgerKind::Debit) as f64),
                (vec![("kind", "refunded".to_owned())], get(recut_store::LedgerKind::Refund) as f64),
            ],
        ));
    }
    gauges.push((
        "recut_jobs_running_here",
        "Jobs running in this process.",
        vec![(vec![], state.control.running_count() as f64)],
    ));
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        recut_metrics::render(&gauges),
    )
}
