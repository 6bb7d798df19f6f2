//! Job submission: `POST /v2/videos/upscale` and `POST /v2/videos/edit`.
//!
//! Order matters: everything that can refuse the request cheaply (schema, idempotency
//! replay, queue depth) runs before anything expensive (fetching and probing a URL), and the
//! only write is the single `submit` transaction at the end, so a refused request stores
//! and charges nothing.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use recut_engines::edit::{self, EditLimits};
use recut_media::sniff::MediaKind;
use recut_store::{IdempotencyClaim, NewJob, SubmitOutcome};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::JsonBody;
use crate::auth::Caller;
use crate::inputs::{self, ResolvedInput};
use crate::pricing;
use crate::validate::{Details, Validator};
use crate::{ApiError, ApiResult, AppState};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Route {
    Upscale,
    Edit,
}

impl Route {
    fn schema(self) -> &'static str {
        match self {
            Route::Upscale => "VideoUpscaleRequest",
            Route::Edit => "VideoEditRequest",
        }
    }
    fn params_key(self) -> &'static str {
        match self {
            Route::Upscale => "topazVideoParams",
            Route::Edit => "wan27VideoeditParams",
        }
    }
    fn path(self) -> &'static str {
        match self {
            Route::Upscale => "/v2/videos/upscale",
            Route::Edit => "/v2/videos/edit",
        }
    }
}

pub async fn upscale(
    state: State<Arc<AppState>>,
    caller: Caller,
    headers: HeaderMap,
    body: JsonBody,
) -> ApiResult<(StatusCode, Json<Value>)> {
    submit(state, caller, headers, body, Route::Upscale).await
}

pub async fn edit(
    state: State<Arc<AppState>>,
    caller: Caller,
    headers: HeaderMap,
    body: JsonBody,
) -> ApiResult<(StatusCode, Json<Value>)> {
    submit(state, caller, headers, body, Route::Edit).await
}

fn accepted(job_id: Uuid, status: &str) -> (StatusCode, Json<Value>) {
    (
        StatusCode::ACCEPTED,
        Json(json!({"jobId": job_id, "status": status})),
    )
}

/// Keys sorted at every level, so the same body sent with fields in another order is the
/// same request for idempotency.
fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<&String, Value> =
                map.iter().map(|(k, v)| (k, canonical(v))).collect();
            Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

fn request_hash(route: Route, body: &Value) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(route.path().as_bytes());
    h.update(b"\n");
    h.update(canonical(body).to_string().as_bytes());
    h.finalize().into()
}

fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(raw) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = raw
        .to_str()
        .map_err(|_| ApiError::at("Idempotency-Key", "Must be printable ASCII"))?
        .trim()
        .to_owned();
    if key.is_empty() {
        return Err(ApiError::at("Idempotency-Key", "Must not be empty"));
    }
    if key.len() > 255 {
        return Err(ApiError::at(
            "Idempotency-Key",
            format!("Must be at most 255 characters (got {})", key.len()),
        ));
    }
    Ok(Some(key))
}

/// Checks the schema leaves open: media and webhook URLs must be http(s).
fn semantic_checks(route: Route, body: &Value, details: &mut Details) {
    let params = &body[route.params_key()];
    let mut url_fields = vec![(format!("{}.video", route.params_key()), &params["video"])];
    if route == Route::Edit {
        url_fields.push((
            format!("{}.reference_image", route.params_key()),
            &params["reference_image"],
        ));
    }
    url_fields.push(("webhookUrl".to_owned(), &body["webhookUrl"]));
    for (path, v) in url_fields {
        if details.contains_key(&path) {
            continue;
        }
        if let Some(s) = v.as_str() {
            if let Err(e) = recut_fetch::parse_user_url(s) {
                details.entry(path).or_default().push(e.to_string());
            }
        }
    }
}

async fn submit(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
    route: Route,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut details = Validator::new(&state.contract).validate(route.schema(), &body);
    semantic_checks(route, &body, &mut details);
    if !details.is_empty() {
        return Err(ApiError::Validation(details));
    }
    // The prompt is compiled before anything is fetched or charged: an instruction the
    // engine cannot perform is refused here, never silently replaced by another edit.
    let plan = match route {
        Route::Edit => Some(compile_prompt(&body)?),
        Route::Upscale => None,
    };
    let idem_key = idempotency_key(&headers)?;
    let hash = request_hash(route, &body);
    if let Some(key) = &idem_key {
        if let Some((stored, job_id, status)) =
            state.store.idempotency_lookup(caller.team_id, key).await?
        {
            return if stored == hash {
                Ok(accepted(job_id, status.as_str()))
            } else {
                Err(ApiError::IdempotencyMismatch)
            };
        }
    }
    check_queue_depth(&state).await?;

    let params = &body[route.params_key()];
    if let Some(url) = body.get("webhookUrl").and_then(Value::as_str) {
        check_webhook_url(&state, url).await?;
    }
    let video_path = format!("{}.video", route.params_key());
    let video = inputs::resolve(
        &state,
        &caller,
        params["video"].as_str().unwrap_or_default(),
        &video_path,
        MediaKind::Video,
    )
    .await?;
    let mut fetched: Vec<String> = video
        .scratch
        .then(|| video.blob_key.clone())
        .into_iter()
        .collect();
    let outcome = async {
        let image = match params.get("reference_image").and_then(Value::as_str) {
            Some(url) => {
                let path = format!("{}.reference_image", route.params_key());
                let image = inputs::resolve(&state, &caller, url, &path, MediaKind::Image).await?;
                if image.scratch {
                    fetched.push(image.blob_key.clone());
                }
                Some(image)
            }
            None => None,
        };
        let (cost, mut spec) = price(&state, route, params, plan.as_ref(), &video, &video_path)?;
        if let Some(plan) = &plan {
            spec["plan"] = serde_json::to_value(plan).map_err(|e| ApiError::internal("plan", e))?;
        }
        let job = NewJob {
            id: Uuid::new_v4(),
            team_id: caller.team_id,
            user_id: caller.user_id,
            api_key_id: caller.key_id,
            model: body["model"].as_str().unwrap_or_default().to_owned(),
            input: body.clone(),
            spec,
            credit_cost: cost,
            max_attempts: state.config.workers.max_attempts,
            webhook_url: body
                .get("webhookUrl")
                .and_then(Value::as_str)
                .map(str::to_owned),
            webhook_events: body
                .get("webhookEvents")
                .and_then(|e| serde_json::from_value(e.clone()).ok()),
            video_blob: Some(video.blob_key.clone()),
            image_blob: image.map(|i| i.blob_key),
            scratch_blobs: fetched.clone(),
        };
        let claim = idem_key.map(|key| IdempotencyClaim {
            key,
            request_hash: hash,
            ttl: Duration::from_secs(state.config.retention.idempotency_hours * 3600),
        });
        let model = job.model.clone();
        let outcome = state.store.submit(job, claim).await?;
        if let SubmitOutcome::Created { .. } = outcome {
            recut_metrics::inc("recut_jobs_submitted_total", &[("model", &model)], 1.0);
        }
        Ok::<_, ApiError>(outcome)
    }
    .await;

    let created = matches!(outcome, Ok(SubmitOutcome::Created { .. }));
    if !created {
        for key in &fetched {
            let _ = state.blobs.delete(key).await;
        }
    }
    match outcome? {
        SubmitOutcome::Created { job_id } => {
            state.control.job_submitted();
            Ok(accepted(job_id, "QUEUED"))
        }
        SubmitOutcome::Replayed { job_id, status } => Ok(accepted(job_id, status.as_str())),
        SubmitOutcome::KeyMismatch => Err(ApiError::IdempotencyMismatch),
        SubmitOutcome::InsufficientCredits {
            required,
            available,
        } => Err(ApiError::InsufficientCredits {
            required,
            available,
        }),
    }
}

/// Billable seconds and price for the job, and the spec the worker reads.
fn price(
    state: &AppState,
    route: Route,
    params: &Value,
    plan: Option<&recut_engines::edit::EditPlan>,
    video: &ResolvedInput,
    video_path: &str,
) -> ApiResult<(i64, Value)> {
    let probe = video.probe.as_ref().ok_or_else(|| {
        ApiError::at(
            video_path,
            "This upload could not be read as a video; upload a valid clip",
        )
    })?;
    if route == Route::Edit {
        let video_info = probe.require_video().map_err(|e| {
            ApiError::at(video_path, format!("The file is not a usable video: {e}"))
        })?;
        let bytes = probe.size_bytes.unwrap_or(0);
        edit_limits(&state.config)
            .check(probe, video_info, bytes)
            .map_err(|e| {
                ApiError::at(
                    video_path,
                    format!("This clip is outside the edit model's limits: {e}"),
                )
            })?;
    }
    let input_seconds = probe.video_duration_seconds();
    let max = state.config.limits.max_input_seconds;
    if input_seconds > max {
        return Err(ApiError::at(
            video_path,
            format!("The video is {input_seconds:.1} s long; the limit is {max} s"),
        ));
    }
    let (billable, rate, variant) = match route {
        Route::Upscale => {
            let resolution = params["target_resolution"].as_str().unwrap_or("1080p");
            let fps = params["target_fps"].as_f64().unwrap_or(30.0) as u32;
            (
                input_seconds,
                pricing::upscale_rate(&state.config.pricing, resolution, fps),
                format!("{resolution}_{fps}"),
            )
        }
        Route::Edit => {
            // The edit engine's default output, like the hosted model's.
            let resolution = params
                .get("resolution")
                .and_then(Value::as_str)
                .unwrap_or("1080p");
            // The request's duration, or the length its prompt asks for ("trim it to 8
            // seconds"): what the engine will make is what is charged.
            let requested = params.get("duration").and_then(Value::as_f64);
            let seconds = match plan.map_or(requested, |plan| plan.duration(requested)) {
                Some(d) => d.min(input_seconds),
                None => input_seconds,
            };
            (
                seconds,
                pricing::edit_rate(&state.config.pricing, resolution),
                resolution.to_owned(),
            )
        }
    };
    let cost = pricing::cost(billable, rate);
    let spec = json!({
        "variant": variant,
        "billableSeconds": billable,
        "creditsPerSecond": rate,
        "inputProbe": probe,
    });
    Ok((cost, spec))
}

/// The edit engine's input limits, from configuration.
pub fn edit_limits(config: &recut_config::Config) -> EditLimits {
    let l = &config.limits;
    EditLimits {
        min_duration_seconds: l.edit_min_seconds,
        max_duration_seconds: l.edit_max_seconds,
        min_side: l.edit_min_side,
        max_side: l.edit_max_side,
        max_aspect: l.edit_max_aspect,
        max_bytes: l.edit_max_bytes,
    }
}

fn compile_prompt(body: &Value) -> ApiResult<recut_engines::edit::EditPlan> {
    let params = &body["wan27VideoeditParams"];
    let prompt = body["prompt"].as_str().unwrap_or_default();
    let negative = params.get("negative_prompt").and_then(Value::as_str);
    let has_reference = params
        .get("reference_image")
        .and_then(Value::as_str)
        .is_some();
    let plan = edit::compile(prompt, negative, has_reference).map_err(|e| {
        let path = match &e {
            edit::PromptError::NeedsReferenceImage { .. } => "wan27VideoeditParams.reference_image",
            _ => "prompt",
        };
        ApiError::Prompt {
            path,
            message: format!(
                "{e}. This engine can do: {}",
                edit::PromptError::supported().join("; ")
            ),
            phrase: e.unsupported_phrase().map(str::to_owned),
            supported: edit::PromptError::supported(),
        }
    })?;
    if let Some(conflict) = plan.aspect_conflict(params.get("aspect_ratio").and_then(Value::as_str))
    {
        return Err(ApiError::at("wan27VideoeditParams.aspect_ratio", conflict));
    }
    if let Some(conflict) = plan.duration_conflict(params.get("duration").and_then(Value::as_f64)) {
        return Err(ApiError::at("wan27VideoeditParams.duration", conflict));
    }
    Ok(plan)
}

async fn check_webhook_url(state: &AppState, raw: &str) -> ApiResult<()> {
    let url =
        recut_fetch::parse_user_url(raw).map_err(|e| ApiError::at("webhookUrl", e.to_string()))?;
    state
        .fetch
        .check_destination(&url)
        .await
        .map_err(|e| ApiError::at("webhookUrl", format!("Webhook URL refused: {e}")))
}

/// Refuses new work while the queue is past its configured depth. The depth is cached for
/// a quarter second: counting the queue on every submission would cost more than the
/// submission itself.
async fn check_queue_depth(state: &AppState) -> ApiResult<()> {
    let cached = *state.queue_depth_cache.lock().unwrap();
    let depth = match cached {
        Some((at, depth)) if at.elapsed() < Duration::from_millis(250) => depth,
        // One request refreshes the count; the others keep using the last one meanwhile,
        // so a deep queue is counted once per refresh, not once per submission.
        Some((_, depth))
            if state
                .queue_depth_refreshing
                .swap(true, std::sync::atomic::Ordering::AcqRel) =>
        {
            depth
        }
        _ => {
            state
                .queue_depth_refreshing
                .store(true, std::sync::atomic::Ordering::Release);
            let counted = state.store.queue_depth().await;
            state
                .queue_depth_refreshing
                .store(false, std::sync::atomic::Ordering::Release);
            let depth = counted?;
            *state.queue_depth_cache.lock().unwrap() = Some((Instant::now(), depth));
            depth
        }
    };
    if depth >= state.config.limits.max_queue_depth as i64 {
        return Err(ApiError::Unavailable {
            message: format!("The job queue is full ({depth} jobs waiting); retry later"),
            retry_after_secs: 30,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_order_does_not_change_the_request_hash() {
        let a: Value =
            serde_json::from_str(r#"{"model":"m","p":{"a":1,"b":[{"x":1,"y":2}]}}"#).unwrap();
        let b: Value =
            serde_json::from_str(r#"{"p":{"b":[{"y":2,"x":1}],"a":1},"model":"m"}"#).unwrap();
        assert_eq!(
            request_hash(Route::Upscale, &a),
            request_hash(Route::Upscale, &b)
        );
        assert_ne!(
            request_hash(Route::Upscale, &a),
            request_hash(Route::Edit, &a)
        );
    }
}
