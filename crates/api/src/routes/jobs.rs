//! Reading and cancelling jobs.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use recut_store::{format_ms, CancelOutcome, JobListQuery, JobRecord, JobStatus, Principal};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::auth::Caller;
use crate::validate::Details;
use crate::{ApiError, ApiResult, AppState};

/// The job object of the contract.
pub fn job_json(job: &JobRecord) -> Value {
    json!({
        "id": job.id,
        "status": job.status.as_str(),
        "model": job.model,
        "progress": if job.status == JobStatus::Completed { 100 } else { job.progress },
        "result": job.result.clone().unwrap_or(Value::Null),
        "error": job.error.as_deref().filter(|_| job.status != JobStatus::Completed && job.status != JobStatus::Processing && job.status != JobStatus::Queued),
        "creditCost": job.effective_cost(),
        "webhookStatus": job.webhook_status,
        "createdAt": format_ms(job.created_at),
        "completedAt": job.completed_at.map(format_ms),
        "expired": job.expired,
        "input": job.input,
    })
}

fn parse_id(raw: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(raw)
        .map_err(|_| ApiError::BadRequest(format!("Invalid job id {raw:?}: expected a UUID")))
}

/// Members see their own jobs; owners and admins see their whole team's. Anything else is
/// a 404, never a 403, so ids of other teams' jobs cannot be probed.
fn visible_to(job: &JobRecord, caller: &Principal) -> bool {
    job.team_id == caller.team_id && (job.user_id == caller.user_id || caller.role.sees_team())
}

async fn load_visible(state: &AppState, caller: &Principal, id: Uuid) -> ApiResult<JobRecord> {
    match state.store.job(id).await? {
        Some(job) if visible_to(&job, caller) => Ok(job),
        _ => Err(ApiError::NotFound("Job not found".into())),
    }
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    Ok(Json(job_json(&load_visible(&state, &caller, id).await?)))
}

pub async fn cancel(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    load_visible(&state, &caller, id).await?;
    match state.store.cancel(id).await? {
        CancelOutcome::Cancelled => {
            state.control.cancel_running(id);
            state.control.outbox_written();
            Ok(Json(job_json(&load_visible(&state, &caller, id).await?)))
        }
        CancelOutcome::AlreadyTerminal(status) => Err(ApiError::Conflict {
            message: format!(
                "Job is already {}; only QUEUED or PROCESSING jobs can be cancelled",
                status.as_str()
            ),
            status: status.as_str(),
        }),
        CancelOutcome::NotFound => Err(ApiError::NotFound("Job not found".into())),
    }
}

/// Delivery attempts of the job's webhooks, for its owner to debug their receiver.
pub async fn webhooks(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    let job = load_visible(&state, &caller, id).await?;
    let deliveries = state.store.deliveries_for_job(id).await?;
    Ok(Json(
        json!({"jobId": id, "webhookStatus": job.webhook_status, "deliveries": deliveries}),
    ))
}

/// Re-queues the job's failed deliveries for another round of attempts.
pub async fn retry_webhooks(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> ApiResult<(axum::http::StatusCode, Json<Value>)> {
    let id = parse_id(&id)?;
    let job = load_visible(&state, &caller, id).await?;
    let requeued = state
        .store
        .retry_failed_deliveries(id, recut_store::now_ms())
        .await?;
    if requeued == 0 {
        return Err(ApiError::Conflict {
            message: "This job has no failed webhook deliveries to retry".into(),
            status: job.status.as_str(),
        });
    }
    state.control.outbox_written();
    Ok((
        axum::http::StatusCode::ACCEPTED,
        Json(json!({"jobId": id, "requeued": requeued})),
    ))
}

fn encode_cursor(job: &JobRecord) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}.{}", job.created_at, job.id))
}

fn decode_cursor(raw: &str) -> Option<(i64, Uuid)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(raw).ok()?).ok()?;
    let (at, id) = text.split_once('.')?;
    Some((at.parse().ok()?, Uuid::parse_str(id).ok()?))
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let mut details = Details::new();
    let mut bad = |k: &str, m: String| details.entry(k.to_owned()).or_default().push(m);
    let status = match params.get("status") {
        Some(s) => JobStatus::parse(s).or_else(|| {
            bad("status", format!("Invalid value '{s}': expected one of QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED"));
            None
        }),
        None => None,
    };
    let limit = match params.get("limit") {
        Some(l) => match l.parse::<u32>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => {
                bad(
                    "limit",
                    format!("Invalid value '{l}': expected an integer from 1 to 100"),
                );
                20
            }
        },
        None => 20,
    };
    let after = match params.get("cursor") {
        Some(c) => decode_cursor(c).or_else(|| {
            bad(
                "cursor",
                "Invalid cursor; pass the nextCursor of a previous page".into(),
            );
            None
        }),
        None => None,
    };
    let team_scope = match params.get("scope").map(String::as_str) {
        None | Some("user") => false,
        Some("team") => true,
        Some(other) => {
            bad(
                "scope",
                format!("Invalid value '{other}': expected one of user, team"),
            );
            false
        }
    };
    let search = match params.get("search") {
        Some(s) => Uuid::parse_str(s).ok().or_else(|| {
            bad("search", "Invalid UUID".into());
            None
        }),
        None => None,
    };
    let include_models = match params.get("include_models").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            bad(
                "include_models",
                format!("Invalid value '{other}': expected one of true, false"),
            );
            false
        }
    };
    if !details.is_empty() {
        return Err(ApiError::Validation(details));
    }
    if team_scope && !caller.role.sees_team() {
        return Err(ApiError::Forbidden(
            "scope=team is only available to team owners and admins".into(),
        ));
    }
    let user_id = if team_scope {
        None
    } else {
        Some(caller.user_id)
    };
    let query = JobListQuery {
        team_id: caller.team_id,
        user_id,
        status,
        model: params.get("model").cloned(),
        search,
        limit,
        after,
    };
    let page = state.store.list_jobs(&query).await?;
    let next_cursor = if page.has_more {
        page.jobs.last().map(encode_cursor)
    } else {
        None
    };
    let mut body = json!({
        "jobs": page.jobs.iter().map(job_json).collect::<Vec<_>>(),
        "nextCursor": next_cursor,
        "hasMore": page.has_more,
    });
    if include_models {
        body["models"] = json!(state.store.job_models(caller.team_id, user_id).await?);
    }
    Ok(Json(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let id = Uuid::new_v4();
        let raw = URL_SAFE_NO_PAD.encode(format!("1700000000123.{id}"));
        assert_eq!(decode_cursor(&raw), Some((1700000000123, id)));
        assert_eq!(decode_cursor("not-a-cursor"), None);
        assert_eq!(decode_cursor(&URL_SAFE_NO_PAD.encode("12.nope")), None);
    }
}
