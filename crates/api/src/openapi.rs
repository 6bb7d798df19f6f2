//! Recut's OpenAPI document: the published contract, unchanged, plus what Recut adds
//! (responses the contract does not list but Recut can give, and Recut-only routes), so a
//! schema fuzzer can check every response this server sends.

use serde_json::{json, Value};

const CONTRACT: &str = include_str!("../openapi/apiframe-v2-videos.openapi.json");

pub fn contract() -> Value {
    serde_json::from_str(CONTRACT).expect("embedded contract is valid JSON")
}

fn err(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}})
}

pub fn recut_document(contract: &Value) -> Value {
    let mut doc = contract.clone();
    doc["info"]["title"] = json!("Recut API (Apiframe v2 video routes)");
    doc["info"]["description"] = json!(
        "Self-hosted implementation of the Apiframe v2 video edit and upscale routes. \
         Identical to the published contract, plus the responses and routes marked `x-recut`."
    );
    doc["servers"] = json!([{"url": "/", "description": "This server"}]);

    // An idempotent replay reports the original job's status now, which may be CANCELLED.
    doc["components"]["schemas"]["JobAccepted"]["properties"]["status"]["enum"] =
        json!(["QUEUED", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED"]);
    let schemas = doc["components"]["schemas"]
        .as_object_mut()
        .expect("schemas");
    schemas.insert(
        "WebhookDeliveries".into(),
        json!({"type": "object", "x-recut": true, "required": ["jobId", "webhookStatus", "deliveries"], "properties": {
            "jobId": {"type": "string", "format": "uuid"},
            "webhookStatus": {"type": ["string", "null"], "enum": ["pending", "delivered", "failed", null]},
            "deliveries": {"type": "array", "items": {"type": "object",
                "required": ["id", "event", "status", "url", "attempts", "createdAt", "attemptLog"],
                "properties": {
                    "id": {"type": "string", "format": "uuid", "description": "Also the `webhook-id` header, stable across retries."},
                    "event": {"type": "string", "enum": ["progress", "completed", "failed"]},
                    "status": {"type": "string", "enum": ["pending", "sending", "delivered", "failed", "superseded"]},
                    "url": {"type": "string"},
                    "attempts": {"type": "integer"},
                    "nextAttemptAt": {"type": ["string", "null"], "format": "date-time"},
                    "lastStatusCode": {"type": ["integer", "null"]},
                    "lastError": {"type": ["string", "null"]},
                    "createdAt": {"type": "string", "format": "date-time"},
                    "finishedAt": {"type": ["string", "null"], "format": "date-time"},
                    "attemptLog": {"type": "array", "items": {"type": "object", "required": ["attempt", "at", "durationMs"], "properties": {
                        "attempt": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
                        "statusCode": {"type": ["integer", "null"]}, "error": {"type": ["string", "null"]},
                        "durationMs": {"type": "integer"}}}}
                }}}}}),
    );
    schemas.insert(
        "JobConflict".into(),
        json!({"type": "object", "required": ["error", "status"], "properties": {
            "error": {"type": "string"},
            "status": {"type": "string", "enum": ["QUEUED", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED"]}}}),
    );
    schemas.insert(
        "VideoResult".into(),
        json!({"type": "object", "x-recut": true, "description": "`result` of a COMPLETED video job.",
            "required": ["videoUrl"], "additionalProperties": {}, "properties": {
            "videoUrl": {"type": "string", "format": "uri"},
            "width": {"type": "integer"}, "height": {"type": "integer"}, "fps": {"type": "number"},
            "durationSeconds": {"type": "number"}, "frameCount": {"type": "integer"},
            "hasAudio": {"type": "boolean"}, "contentType": {"type": "string"}}}),
    );

    for route in ["/v2/videos/edit", "/v2/videos/upscale"] {
        let responses = &mut doc["paths"][route]["post"]["responses"];
        responses["413"] = err("Request body larger than the configured JSON limit.");
        responses["415"] = err("Content-Type is not application/json.");
        responses["422"] =
            err("The Idempotency-Key was already used with a different request body.");
        responses["413"]["x-recut"] = json!(true);
        responses["415"]["x-recut"] = json!(true);
        responses["422"]["x-recut"] = json!(true);
    }
    {
        let responses = &mut doc["paths"]["/v2/uploads"]["post"]["responses"];
        responses["413"] = err("Request body larger than the largest allowed upload.");
        responses["415"] = err("Content-Type is not multipart/form-data.");
        responses["503"] = err("Storage or database temporarily unavailable.");
    }
    for (route, method) in [
        ("/v2/jobs", "get"),
        ("/v2/jobs/{id}", "get"),
        ("/v2/me", "get"),
        ("/v2/uploads", "post"),
    ] {
        doc["paths"][route][method]["responses"]["503"] = err("Database temporarily unavailable.");
    }

    let paths = doc["paths"].as_object_mut().expect("paths");
    paths.insert(
        "/v2/jobs/{id}/cancel".into(),
        json!({"post": {
            "x-recut": true,
            "summary": "Cancel a job",
            "description": "A QUEUED or PROCESSING job becomes CANCELLED, its processes are stopped and its credits refunded.",
            "tags": ["Jobs"],
            "security": [{"ApiKeyAuth": []}, {"BearerAuth": []}],
            "parameters": [{"in": "path", "name": "id", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
                "200": {"description": "The cancelled job.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}},
                "400": err("`id` is not a valid UUID."),
                "401": err("Authentication failed."),
                "403": err("API key revoked."),
                "404": err("Job not found."),
                "409": {"description": "The job already ended.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobConflict"}}}},
                "429": err("Rate limit exceeded."),
                "503": err("Database temporarily unavailable.")
            }
        }}),
    );
    let id_param = json!([{"in": "path", "name": "id", "required": true, "schema": {"type": "string", "format": "uuid"}}]);
    paths.insert(
        "/v2/jobs/{id}/webhooks".into(),
        json!({"get": {
            "x-recut": true,
            "summary": "List a job's webhook deliveries and their attempts",
            "tags": ["Jobs"],
            "security": [{"ApiKeyAuth": []}, {"BearerAuth": []}],
            "parameters": id_param,
            "responses": {
                "200": {"description": "Deliveries, oldest first.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookDeliveries"}}}},
                "400": err("`id` is not a valid UUID."),
                "401": err("Authentication failed."),
                "403": err("API key revoked."),
                "404": err("Job not found."),
                "429": err("Rate limit exceeded."),
                "503": err("Database temporarily unavailable.")
            }
        }}),
    );
    paths.insert(
        "/v2/jobs/{id}/webhooks/retry".into(),
        json!({"post": {
            "x-recut": true,
            "summary": "Re-queue a job's failed webhook deliveries",
            "tags": ["Jobs"],
            "security": [{"ApiKeyAuth": []}, {"BearerAuth": []}],
            "parameters": id_param,
            "responses": {
                "202": {"description": "Re-queued.", "content": {"application/json": {"schema": {"type": "object", "required": ["jobId", "requeued"], "properties": {"jobId": {"type": "string", "format": "uuid"}, "requeued": {"type": "integer"}}}}}},
                "400": err("`id` is not a valid UUID."),
                "401": err("Authentication failed."),
                "403": err("API key revoked."),
                "404": err("Job not found."),
                "409": {"description": "No failed delivery to retry.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobConflict"}}}},
                "429": err("Rate limit exceeded."),
                "503": err("Database temporarily unavailable.")
            }
        }}),
    );
    paths.insert(
        "/files/{key}".into(),
        json!({"get": {
            "x-recut": true,
            "summary": "Download an upload or a result",
            "description": "Unguessable capability URLs handed out as `url` and `result.videoUrl`. Supports HTTP Range.",
            "tags": ["Uploads"],
            "security": [],
            "parameters": [{"in": "path", "name": "key", "required": true, "schema": {"type": "string"}}],
            "responses": {
                "200": {"description": "The file.", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                "206": {"description": "Part of the file.", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                "404": err("No such file, or it expired."),
                "416": {"description": "Range not satisfiable."}
            }
        }}),
    );
    paths.insert(
        "/v2/openapi.json".into(),
        json!({"get": {"x-recut": true, "summary": "This document", "security": [], "tags": ["Account"],
            "responses": {"200": {"description": "OpenAPI document.", "content": {"application/json": {"schema": {"type": "object"}}}}}}}),
    );
    paths.insert(
        "/healthz".into(),
        json!({"get": {"x-recut": true, "summary": "Liveness", "security": [], "tags": ["Account"],
            "responses": {"200": {"description": "The process is up.", "content": {"application/json": {"schema": {"type": "object"}}}}}}}),
    );
    paths.insert(
        "/readyz".into(),
        json!({"get": {"x-recut": true, "summary": "Readiness (database reachable)", "security": [], "tags": ["Account"],
            "responses": {
                "200": {"description": "Ready.", "content": {"application/json": {"schema": {"type": "object"}}}},
                "503": err("Not ready.")}}}),
    );
    paths.insert(
        "/metrics".into(),
        json!({"get": {"x-recut": true, "summary": "Prometheus metrics", "security": [], "tags": ["Account"],
            "responses": {"200": {"description": "Text exposition format.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}}),
    );
    doc
}
