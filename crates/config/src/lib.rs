//! Recut's configuration: one typed struct, built in layers.
//!
//! Layers, later wins: built-in defaults -> a TOML file (`--config` / `RECUT_CONFIG`) ->
//! `RECUT_*` environment variables -> command-line flags. Every layer is applied to the same
//! TOML tree before one final deserialisation, so a key means the same thing in every layer
//! and `recut config` can print exactly what the process will use.
//!
//! Environment names map to keys by lower-casing and splitting sections on a double
//! underscore: `RECUT_LISTEN` -> `listen`, `RECUT_LIMITS__UPLOAD_TTL_SECONDS` ->
//! `limits.upload_ttl_seconds`, `RECUT_PRICING__UPSCALE__4K_60` -> `pricing.upscale.4k_60`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid TOML: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address the HTTP API listens on.
    pub listen: String,
    /// Directory for the SQLite database and the local file store.
    pub data_dir: PathBuf,
    /// Directory holding the person segmentation models the edit engine runs
    /// (`scripts/fetch-models.sh` puts them in ./models). Without them, subject-aware edits
    /// have the background model only.
    pub models_dir: PathBuf,
    /// Base URL clients use to reach this server; result and upload URLs are built on it.
    /// Empty means `http://<listen>`.
    pub public_url: String,
    /// Database URL; empty means SQLite at `<data_dir>/recut.db`.
    pub database_url: String,
    /// Let user-supplied URLs (inputs, webhooks) reach loopback and private addresses.
    /// For local development and tests only.
    pub allow_private_networks: bool,
    /// Log format: "pretty" or "json".
    pub log_format: String,
    /// What `recut serve` runs: "all" (API, workers, webhooks, maintenance), "api" (the
    /// HTTP API only) or "worker" (workers, webhook dispatcher and maintenance, with only
    /// /healthz, /readyz and /metrics on `listen`).
    pub role: String,
    pub workers: WorkerConfig,
    pub limits: Limits,
    pub rate_limit: RateLimit,
    pub retention: Retention,
    pub media: MediaSettings,
    pub webhooks: WebhookSettings,
    pub storage: StorageSettings,
    pub pricing: Pricing,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    /// "local" (files under `<data_dir>/files`) or "s3" (an S3-compatible bucket).
    pub backend: String,
    pub bucket: String,
    /// Empty for AWS; `http(s)://host:port` for other S3-compatible servers (path-style).
    pub endpoint: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Key prefix inside the bucket.
    pub prefix: String,
    /// How bucket files reach clients: "proxy" (through this API, with Range) or
    /// "presigned" (a redirect to a time-limited bucket URL).
    pub serve: String,
    pub presign_seconds: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// Deliveries in flight at once, per process.
    pub concurrency: usize,
    /// Limit on one delivery attempt, connection included.
    pub attempt_timeout_seconds: u64,
    /// Wait before each retry after a failed attempt; its length is the number of retries.
    /// Each wait is jittered by +-10 %; a receiver's Retry-After takes precedence.
    pub retry_schedule_ms: Vec<u64>,
    /// How often the dispatcher looks for due deliveries when nothing wakes it.
    pub poll_interval_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerConfig {
    /// Jobs run at once by this process; 0 pauses job processing (API still accepts jobs).
    pub concurrency: usize,
    /// How long a claimed job stays owned without a heartbeat.
    pub lease_seconds: u64,
    /// How often a running job renews its lease.
    pub heartbeat_seconds: u64,
    /// Attempts before a job whose runs keep crashing or timing out is failed and refunded.
    pub max_attempts: u32,
    /// Fallback poll interval when no in-process wake-up arrives.
    pub poll_interval_ms: u64,
    /// Hard limit on one attempt of one job.
    pub job_timeout_seconds: u64,
    /// On SIGTERM, how long running jobs may finish before they are released to the queue.
    pub shutdown_grace_seconds: u64,
    /// How often lease rescue and retention sweeps run.
    pub maintenance_interval_seconds: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Largest JSON request body accepted.
    pub max_json_body_bytes: u64,
    pub upload_video_max_bytes: u64,
    pub upload_image_max_bytes: u64,
    pub upload_audio_max_bytes: u64,
    /// Largest input fetched from a user URL.
    pub fetch_max_bytes: u64,
    pub fetch_timeout_seconds: u64,
    /// Longest input clip accepted, in seconds.
    pub max_input_seconds: f64,
    /// Submissions are refused with 503 while this many jobs are queued.
    pub max_queue_depth: u64,
    /// Edit inputs: the hosted model's limits by default (2-10 s, sides 240-4096 px,
    /// aspect within 8:1, 100 MB); raise them to accept longer or larger clips.
    pub edit_min_seconds: f64,
    pub edit_max_seconds: f64,
    pub edit_min_side: u32,
    pub edit_max_side: u32,
    pub edit_max_aspect: f64,
    pub edit_max_bytes: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// Sustained requests per second per API key.
    pub per_second: f64,
    /// Bucket size: how many requests a key may burst.
    pub burst: f64,
    /// How long a verified key is trusted without asking the database again. A key revoked
    /// with `recut admin revoke-key` stops working within this time; 0 checks every request.
    pub auth_cache_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    pub result_days: u64,
    pub upload_ttl_seconds: u64,
    pub idempotency_hours: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaSettings {
    pub ffmpeg: PathBuf,
    pub ffprobe: PathBuf,
    /// External processes (ffmpeg, ffprobe) running at once, across all jobs.
    pub max_processes: usize,
    pub probe_timeout_seconds: u64,
}

/// Credits per second of output.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// By variant `<resolution>_<fps>`, e.g. `1080p_30`.
    pub upscale: BTreeMap<String, u64>,
    /// By output resolution, `720p` or `1080p`.
    pub edit: BTreeMap<String, u64>,
}

impl Pricing {
    pub fn upscale_rate(&self, resolution: &str, fps: u32) -> Option<u64> {
        self.upscale.get(&format!("{resolution}_{fps}")).copied()
    }
    pub fn edit_rate(&self, resolution: &str) -> Option<u64> {
        self.edit.get(resolution).copied()
    }
}

impl Default for Config {
    fn default() -> Self {
        let upscale = [
            ("720p_24", 2),
            ("720p_30", 2),
            ("720p_60", 3),
            ("1080p_24", 3),
            ("1080p_30", 3),
            ("1080p_60", 5),
            ("4k_24", 6),
            ("4k_30", 7),
            ("4k_60", 10),
        ];
        let edit = [("720p", 10), ("1080p", 15)];
        Config {
            listen: "127.0.0.1:3000".into(),
            data_dir: PathBuf::from("./recut-data"),
            models_dir: PathBuf::from("./models"),
            public_url: String::new(),
            database_url: String::new(),
            allow_private_networks: false,
            log_format: "pretty".into(),
            role: "all".into(),
            workers: WorkerConfig {
                concurrency: 1,
                lease_seconds: 30,
                heartbeat_seconds: 5,
                max_attempts: 3,
                poll_interval_ms: 1000,
                job_timeout_seconds: 3 * 3600,
                shutdown_grace_seconds: 30,
                maintenance_interval_seconds: 10,
            },
            limits: Limits {
                max_json_body_bytes: 64 * 1024,
                upload_video_max_bytes: 50 * 1000 * 1000,
                upload_image_max_bytes: 25 * 1000 * 1000,
                upload_audio_max_bytes: 25 * 1000 * 1000,
                fetch_max_bytes: 100 * 1000 * 1000,
                fetch_timeout_seconds: 120,
                max_input_seconds: 600.0,
                max_queue_depth: 10_000,
                edit_min_seconds: 2.0,
                edit_max_seconds: 10.0,
                edit_min_side: 240,
                edit_max_side: 4096,
                edit_max_aspect: 8.0,
                edit_max_bytes: 100 * 1024 * 1024,
            },
            rate_limit: RateLimit {
                per_second: 50.0,
                burst: 100.0,
                auth_cache_ms: 2000,
            },
            retention: Retention {
                result_days: 90,
                upload_ttl_seconds: 2 * 3600,
                idempotency_hours: 24,
            },
            media: MediaSettings {
                ffmpeg: PathBuf::from("ffmpeg"),
                ffprobe: PathBuf::from("ffprobe"),
                max_processes: 4,
                probe_timeout_seconds: 30,
            },
            webhooks: WebhookSettings {
                concurrency: 16,
                attempt_timeout_seconds: 15,
                retry_schedule_ms: vec![
                    5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
                ],
                poll_interval_ms: 500,
            },
            storage: StorageSettings {
                backend: "local".into(),
                bucket: String::new(),
                endpoint: String::new(),
                region: "us-east-1".into(),
                access_key_id: String::new(),
                secret_access_key: String::new(),
                prefix: String::new(),
                serve: "proxy".into(),
                presign_seconds: 3600,
            },
            pricing: Pricing {
                upscale: upscale.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
                edit: edit.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            },
        }
    }
}

/// Builds a configuration from its layers. Flags are passed in as already-named keys so the
/// CLI stays the only place that knows flag spellings.
pub struct ConfigLoader {
    tree: toml::Table,
}

impl Default for ConfigLoader {
    fn default() -> Self {
        Self::new()
    }
}

impl ConfigLoader {
    pub fn new() -> Self {
        let tree = toml::Table::try_from(Config::default()).expect("defaults serialise");
        ConfigLoader { tree }
    }

    pub fn file(mut self, path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| ConfigError::Parse {
                path: path.to_owned(),
                message: e.to_string(),
            })?;
        merge(&mut self.tree, table);
        Ok(self)
    }

    /// Applies `RECUT_*` variables from the given iterator (the process environment in
    /// production, an explicit list in tests). `RECUT_CONFIG` names the file and is skipped.
    pub fn env<I: IntoIterator<Item = (String, String)>>(
        mut self,
        vars: I,
    ) -> Result<Self, ConfigError> {
        for (name, value) in vars {
            let Some(rest) = name.strip_prefix("RECUT_") else {
                continue;
            };
            if rest == "CONFIG" || rest.is_empty() {
                continue;
            }
            let path: Vec<String> = rest.split("__").map(|s| s.to_ascii_lowercase()).collect();
            self.set_path(&path, &value, &name)?;
        }
        Ok(self)
    }

    /// Sets one dotted key from a string, typed like the default value at that key.
    pub fn set(mut self, dotted: &str, value: &str) -> Result<Self, ConfigError> {
        let path: Vec<String> = dotted.split('.').map(str::to_owned).collect();
        self.set_path(&path, value, dotted)?;
        Ok(self)
    }

    fn set_path(&mut self, path: &[String], raw: &str, origin: &str) -> Result<(), ConfigError> {
        let (last, parents) = path.split_last().expect("non-empty path");
        let mut table = &mut self.tree;
        for p in parents {
            table = match table
                .entry(p.clone())
                .or_insert_with(|| toml::Value::Table(Default::default()))
            {
                toml::Value::Table(t) => t,
                _ => {
                    return Err(ConfigError::Invalid(format!(
                        "{origin}: `{p}` is not a section"
                    )))
                }
            };
        }
        let value = match table.get(last) {
            Some(toml::Value::String(_)) | None => toml::Value::String(raw.to_owned()),
            Some(toml::Value::Boolean(_)) => match raw.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => toml::Value::Boolean(true),
                "0" | "false" | "no" | "off" => toml::Value::Boolean(false),
                _ => {
                    return Err(ConfigError::Invalid(format!(
                        "{origin}: expected true or false, got {raw:?}"
                    )))
                }
            },
            Some(toml::Value::Integer(_)) => toml::Value::Integer(raw.parse().map_err(|_| {
                ConfigError::Invalid(format!("{origin}: expected an integer, got {raw:?}"))
            })?),
            Some(toml::Value::Float(_)) => toml::Value::Float(raw.parse().map_err(|_| {
                ConfigError::Invalid(format!("{origin}: expected a number, got {raw:?}"))
            })?),
            Some(toml::Value::Array(_)) => toml::Value::Array(
                raw.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        p.parse::<i64>().map(toml::Value::Integer).map_err(|_| {
                            ConfigError::Invalid(format!(
                                "{origin}: expected comma-separated integers, got {raw:?}"
                            ))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(_) => {
                return Err(ConfigError::Invalid(format!(
                    "{origin}: `{last}` is a section, not a value"
                )))
            }
        };
        table.insert(last.clone(), value);
        Ok(())
    }

    pub fn build(self) -> Result<Config, ConfigError> {
        let config: Config = toml::Value::Table(self.tree)
            .try_into()
            .map_err(|e: toml::de::Error| ConfigError::Invalid(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Config {
    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |m: String| Err(ConfigError::Invalid(m));
        if self.listen.parse::<std::net::SocketAddr>().is_err() {
            return bad(format!(
                "listen: {:?} is not an address like 127.0.0.1:3000",
                self.listen
            ));
        }
        if !self.public_url.is_empty()
            && !self.public_url.starts_with("http://")
            && !self.public_url.starts_with("https://")
        {
            return bad(format!(
                "public_url: {:?} must start with http:// or https://",
                self.public_url
            ));
        }
        if self.workers.heartbeat_seconds == 0
            || self.workers.heartbeat_seconds * 2 > self.workers.lease_seconds
        {
            return bad(
                "workers: heartbeat_seconds must be > 0 and at most half of lease_seconds".into(),
            );
        }
        if self.workers.max_attempts == 0 {
            return bad("workers.max_attempts must be at least 1".into());
        }
        if self.rate_limit.per_second <= 0.0 || self.rate_limit.burst < 1.0 {
            return bad("rate_limit: per_second must be > 0 and burst >= 1".into());
        }
        if self.webhooks.concurrency == 0 || self.webhooks.attempt_timeout_seconds == 0 {
            return bad(
                "webhooks: concurrency and attempt_timeout_seconds must be at least 1".into(),
            );
        }
        if !matches!(self.role.as_str(), "all" | "api" | "worker") {
            return bad(format!(
                "role: {:?} is not one of all, api, worker",
                self.role
            ));
        }
        match self.storage.backend.as_str() {
            "local" => {}
            "s3" if self.storage.bucket.is_empty() => {
                return bad("storage.bucket is required when storage.backend = \"s3\"".into())
            }
            "s3" => {}
            other => {
                return bad(format!(
                    "storage.backend: {other:?} is not one of local, s3"
                ))
            }
        }
        if !matches!(self.storage.serve.as_str(), "proxy" | "presigned") {
            return bad(format!(
                "storage.serve: {:?} is not one of proxy, presigned",
                self.storage.serve
            ));
        }
        if self.media.max_processes == 0 {
            return bad("media.max_processes must be at least 1".into());
        }
        for res in ["720p", "1080p", "4k"] {
            for fps in [24, 30, 60] {
                if self.pricing.upscale_rate(res, fps).is_none() {
                    return bad(format!(
                        "pricing.upscale is missing the variant {res}_{fps}"
                    ));
                }
            }
        }
        for res in ["720p", "1080p"] {
            if self.pricing.edit_rate(res).is_none() {
                return bad(format!("pricing.edit is missing {res}"));
            }
        }
        Ok(())
    }

    /// The base URL for links this server hands out, without a trailing slash.
    pub fn public_base_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.listen)
        } else {
            self.public_url.trim_end_matches('/').to_owned()
        }
    }

    pub fn runs_api(&self) -> bool {
        self.role != "worker"
    }

    pub fn runs_workers(&self) -> bool {
        self.role != "api"
    }

    pub fn database_url_or_default(&self) -> String {
        if self.database_url.is_empty() {
            format!("sqlite://{}", self.data_dir.join("recut.db").display())
        } else {
            self.database_url.clone()
        }
    }

    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("config serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_apply_in_order() {
        let dir = std::env::temp_dir().join(format!("recut-config-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("recut.toml");
        std::fs::write(&file, "listen = \"0.0.0.0:8080\"\n[workers]\nconcurrency = 3\n[pricing.upscale]\n4k_60 = 42\n").unwrap();
        let cfg = ConfigLoader::new()
            .file(&file)
            .unwrap()
            .env(vec![
                ("RECUT_WORKERS__CONCURRENCY".to_string(), "5".to_string()),
                (
                    "RECUT_ALLOW_PRIVATE_NETWORKS".to_string(),
                    "true".to_string(),
                ),
                (
                    "RECUT_WEBHOOKS__RETRY_SCHEDULE_MS".to_string(),
                    "10, 20,30".to_string(),
                ),
                ("UNRELATED".to_string(), "x".to_string()),
            ])
            .unwrap()
            .set("listen", "127.0.0.1:9999")
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(cfg.listen, "127.0.0.1:9999");
        assert_eq!(cfg.workers.concurrency, 5);
        assert!(cfg.allow_private_networks);
        assert_eq!(cfg.webhooks.retry_schedule_ms, vec![10, 20, 30]);
        assert_eq!(cfg.pricing.upscale_rate("4k", 60), Some(42));
        assert_eq!(cfg.pricing.upscale_rate("720p", 24), Some(2));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn bad_values_say_what_to_fix() {
        let err = ConfigLoader::new()
            .env(vec![(
                "RECUT_WORKERS__CONCURRENCY".to_string(),
                "many".to_string(),
            )])
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("RECUT_WORKERS__CONCURRENCY"),
            "{err}"
        );
        let err = ConfigLoader::new()
            .set("listen", "nowhere")
            .unwrap()
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("listen"), "{err}");
        let err = ConfigLoader::new()
            .env(vec![("RECUT_NO_SUCH_KEY".to_string(), "1".to_string())])
            .unwrap()
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("no_such_key"), "{err}");
    }
}
