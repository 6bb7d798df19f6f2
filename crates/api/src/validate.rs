//! Request validation driven by the contract's own JSON Schemas.
//!
//! The published OpenAPI document is the source of truth for field names, types, enums,
//! lengths and ranges, so the validator interprets those schemas directly instead of
//! restating them in Rust: a contract change cannot drift from what the server enforces.
//! It supports the subset the contract uses (type, enum, required, properties,
//! additionalProperties, min/max length, minimum/maximum, minItems, items, format uri/uuid,
//! oneOf/anyOf, $ref) and reports EVERY failure under its JSON path, like Zod does
//! (`topazVideoParams.target_fps`, `webhookEvents.1`).

use std::collections::BTreeMap;

use serde_json::Value;

pub type Details = BTreeMap<String, Vec<String>>;

pub struct Validator<'a> {
    root: &'a Value,
}

impl<'a> Validator<'a> {
    pub fn new(openapi: &'a Value) -> Self {
        Validator { root: openapi }
    }

    /// Validates `value` against `#/components/schemas/<name>`.
    pub fn validate(&self, schema_name: &str, value: &Value) -> Details {
        let mut details = Details::new();
        let schema = &self.root["components"]["schemas"][schema_name];
        self.check(schema, value, "", &mut details);
        details
    }

    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let mut node = self.root;
                for part in r.trim_start_matches("#/").split('/') {
                    node = &node[part];
                }
                node
            }
            None => schema,
        }
    }

    fn check(&self, schema: &Value, value: &Value, path: &str, out: &mut Details) {
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Value::as_array)
        {
            self.check_alternatives(branches, value, path, out);
            return;
        }
        if let Some(types) = schema.get("type") {
            if !type_matches(types, value) {
                push(
                    out,
                    path,
                    format!(
                        "Expected {}, received {}",
                        describe_types(types),
                        kind_of(value)
                    ),
                );
                return;
            }
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            let equal_number = value.is_number() && options.iter().any(|o| numbers_equal(o, value));
            if !options.contains(value) && !equal_number {
                let listed: Vec<String> = options.iter().map(display_literal).collect();
                push(
                    out,
                    path,
                    format!(
                        "Invalid value {}: expected one of {}",
                        display_literal(value),
                        listed.join(", ")
                    ),
                );
                return;
            }
        }
        match value {
            Value::String(s) => self.check_string(schema, s, path, out),
            Value::Number(_) => check_number(schema, value, path, out),
            Value::Array(items) => {
                if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                    if (items.len() as u64) < min {
                        push(out, path, format!("Must contain at least {min} item(s)"));
                    }
                }
                if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
                    if (items.len() as u64) > max {
                        push(out, path, format!("Must contain at most {max} item(s)"));
                    }
                }
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item_schema, item, &join(path, &i.to_string()), out);
                    }
                }
            }
            Value::Object(map) => {
                let props = schema.get("properties").and_then(Value::as_object);
                if let Some(required) = schema.get("required").and_then(Value::as_array) {
                    for name in required.iter().filter_map(Value::as_str) {
                        if !map.contains_key(name) {
                            push(out, &join(path, name), "Required".into());
                        }
                    }
                }
                for (name, v) in map {
                    match props.and_then(|p| p.get(name)) {
                        Some(prop_schema) => self.check(prop_schema, v, &join(path, name), out),
                        None => {
                            if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
                                let known: Vec<&String> =
                                    props.map(|p| p.keys().collect()).unwrap_or_default();
                                push(
                                    out,
                                    &join(path, name),
                                    format!(
                                        "Unrecognized field; allowed fields here are: {}",
                                        known
                                            .iter()
                                            .map(|k| k.as_str())
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    ),
                                );
                            } else if let Some(extra) =
                                schema.get("additionalProperties").filter(|s| s.is_object())
                            {
                                self.check(extra, v, &join(path, name), out);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Alternatives: the value is valid if one branch accepts it. When none does, report
    /// the closest branch's errors (a single-branch oneOf is the common case here) or, for
    /// literal alternatives like `target_fps`, the union of the allowed literals.
    fn check_alternatives(&self, branches: &[Value], value: &Value, path: &str, out: &mut Details) {
        let mut best: Option<Details> = None;
        for b in branches {
            let mut d = Details::new();
            self.check(b, value, path, &mut d);
            if d.is_empty() {
                return;
            }
            if best.as_ref().is_none_or(|cur| count(&d) < count(cur)) {
                best = Some(d);
            }
        }
        let literals: Option<Vec<String>> = branches
            .iter()
            .map(|b| {
                self.resolve(b)
                    .get("enum")
                    .and_then(Value::as_array)
                    .map(|e| e.iter().map(display_literal).collect::<Vec<_>>())
            })
            .collect::<Option<Vec<_>>>()
            .map(|v| v.concat());
        match literals {
            Some(lits) if branches.len() > 1 => push(
                out,
                path,
                format!(
                    "Invalid value {}: expected one of {}",
                    display_literal(value),
                    lits.join(", ")
                ),
            ),
            _ => {
                for (k, v) in best.unwrap_or_default() {
                    out.entry(k).or_default().extend(v);
                }
            }
        }
    }

    fn check_string(&self, schema: &Value, s: &str, path: &str, out: &mut Details) {
        let len = s.chars().count() as u64;
        if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
            if len < min {
                push(
                    out,
                    path,
                    if min == 1 {
                        "Must not be empty".into()
                    } else {
                        format!("Must be at least {min} characters")
                    },
                );
            }
        }
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            if len > max {
                push(
                    out,
                    path,
                    format!("Must be at most {max} characters (got {len})"),
                );
            }
        }
        match schema.get("format").and_then(Value::as_str) {
            Some("uri") if url::Url::parse(s).is_err() => {
                push(
                    out,
                    path,
                    "Invalid URL: expected an absolute URL such as https://example.com/clip.mp4"
                        .into(),
                );
            }
            Some("uuid") if uuid::Uuid::parse_str(s).is_err() => {
                push(out, path, "Invalid UUID".into());
            }
            _ => {}
        }
    }
}

fn check_number(schema: &Value, value: &Value, path: &str, out: &mut Details) {
    let n = value.as_f64().unwrap_or(f64::NAN);
    if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
        if n < min {
            push(out, path, format!("Must be at least {}", fmt_num(min)));
        }
    }
    if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
        if n > max {
            push(out, path, format!("Must be at most {}", fmt_num(max)));
        }
    }
}

fn count(d: &Details) -> usize {
    d.values().map(Vec::len).sum()
}

fn push(out: &mut Details, path: &str, msg: String) {
    out.entry(path.to_owned()).or_default().push(msg);
}

fn join(path: &str, seg: &str) -> String {
    if path.is_empty() {
        seg.to_owned()
    } else {
        format!("{path}.{seg}")
    }
}

fn numbers_equal(a: &Value, b: &Value) -> bool {
    matches!((a.as_f64(), b.as_f64()), (Some(x), Some(y)) if x == y)
}

fn type_matches(types: &Value, value: &Value) -> bool {
    let one = |t: &str| match t {
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => {
            value.as_i64().is_some()
                || value.as_u64().is_some()
                || value
                    .as_f64()
                    .is_some_and(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
        }
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        _ => true,
    };
    match types {
        Value::String(t) => one(t),
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(one),
        _ => true,
    }
}

fn describe_types(types: &Value) -> String {
    match types {
        Value::String(t) => t.clone(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "value".into(),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn display_literal(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn contract() -> Value {
        serde_json::from_str(include_str!("../openapi/apiframe-v2-videos.openapi.json")).unwrap()
    }

    #[test]
    fn valid_upscale_passes() {
        let doc = contract();
        let v = Validator::new(&doc);
        let body = json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": "https://x.test/a.mp4", "target_resolution": "4k", "target_fps": 60}});
        assert!(v.validate("VideoUpscaleRequest", &body).is_empty());
        let body = json!({"model": "topaz-video-upscale", "topazVideoParams": {"video": "https://x.test/a.mp4", "target_resolution": "4k", "target_fps": 60.0}});
        assert!(v.validate("VideoUpscaleRequest", &body).is_empty());
    }

    #[test]
    fn every_failure_is_reported_under_its_path() {
        let doc = contract();
        let v = Validator::new(&doc);
        let body = json!({
            "model": "wan-2.7-videoedit",
            "prompt": "",
            "extra": 1,
            "webhookEvents": ["progress", "nope"],
            "wan27VideoeditParams": {"duration": 11, "seed": 1.5, "resolution": "4k", "video": "not a url", "foo": true}
        });
        let d = v.validate("VideoEditRequest", &body);
        for path in [
            "prompt",
            "extra",
            "webhookEvents.1",
            "wan27VideoeditParams.duration",
            "wan27VideoeditParams.seed",
            "wan27VideoeditParams.resolution",
            "wan27VideoeditParams.video",
            "wan27VideoeditParams.foo",
        ] {
            assert!(d.contains_key(path), "missing {path} in {d:?}");
        }
        assert_eq!(d.len(), 8, "{d:?}");
    }

    #[test]
    fn missing_and_wrong_types() {
        let doc = contract();
        let v = Validator::new(&doc);
        let d = v.validate("VideoUpscaleRequest", &json!({"model": "topaz-video-upscale", "topazVideoParams": {"target_fps": 25, "target_resolution": 720}}));
        assert_eq!(d["topazVideoParams.video"], vec!["Required".to_string()]);
        assert!(
            d["topazVideoParams.target_fps"][0].contains("24, 30, 60"),
            "{d:?}"
        );
        assert!(
            d["topazVideoParams.target_resolution"][0].contains("Expected string"),
            "{d:?}"
        );
        let d = v.validate("VideoUpscaleRequest", &json!([]));
        assert!(d[""][0].contains("Expected object"), "{d:?}");
    }
}
