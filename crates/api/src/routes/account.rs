//! Caller information, the model catalog and the OpenAPI document.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::{ApiError, ApiResult, AppState};

pub async fn me(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> ApiResult<Json<Value>> {
    let team = state.store.team(caller.team_id).await?;
    Ok(Json(json!({
        "user": {"id": caller.user_id, "email": caller.email, "role": caller.role.as_str()},
        "team": team.map(|t| json!({"id": t.id, "name": t.name, "credits": t.credits, "plan": t.plan, "customerId": t.customer_id})),
        "apiKey": {"id": caller.key_id, "name": caller.key_name, "prefix": caller.key_prefix},
    })))
}

pub async fn models(
    State(state): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let modality = params.get("modality").map(String::as_str);
    if let Some(m) = modality {
        if !matches!(m, "image" | "video" | "music") {
            return Err(ApiError::at(
                "modality",
                format!("Invalid value '{m}': expected one of image, video, music"),
            ));
        }
    }
    if modality.is_some_and(|m| m != "video") {
        return Ok(Json(json!({"models": []})));
    }
    let pricing = &state.config.pricing;
    let upscale_min = pricing.upscale.values().min().copied().unwrap_or(0);
    let upscale_max = pricing.upscale.values().max().copied().unwrap_or(0);
    let edit_min = pricing.edit.values().min().copied().unwrap_or(0);
    let edit_max = pricing.edit.values().max().copied().unwrap_or(0);
    Ok(Json(json!({"models": [
        {
            "id": "topaz-video-upscale",
            "label": "Topaz Video Upscale",
            "modality": "video",
            "description": "Upscale to 720p, 1080p or 4K and convert the frame rate to 24, 30 or 60 fps.",
            "pricingMode": "per-second",
            "costMin": upscale_min,
            "costMax": upscale_max,
            "route": "/v2/videos/upscale",
            "paramsKey": "topazVideoParams",
            "creditsPerSecond": pricing.upscale,
        },
        {
            "id": "wan-2.7-videoedit",
            "label": "Wan 2.7 VideoEdit",
            "modality": "video",
            "description": "Prompt-driven restyle, outfit swap, background replacement on existing clips.",
            "pricingMode": "per-second",
            "costMin": edit_min,
            "costMax": edit_max,
            "route": "/v2/videos/edit",
            "paramsKey": "wan27VideoeditParams",
            "creditsPerSecond": pricing.edit,
        }
    ]})))
}

pub async fn openapi(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(state.openapi.clone())
}
