//! Command-line flags shared by every subcommand, and how they layer onto the config.

use std::path::PathBuf;

use clap::Args;
use recut_config::{Config, ConfigLoader};

#[derive(Debug, Clone, Args, Default)]
pub struct ConfigArgs {
    /// TOML configuration file (also RECUT_CONFIG).
    #[arg(long, global = true, env = "RECUT_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to listen on, e.g. 127.0.0.1:3000.
    #[arg(long, global = true)]
    pub listen: Option<String>,
    /// Directory for the database and stored files.
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// Base URL clients use to reach this server (for file and result URLs).
    #[arg(long, global = true)]
    pub public_url: Option<String>,
    /// Database URL (sqlite://PATH); default <data-dir>/recut.db.
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    /// Allow user URLs (inputs, webhooks) to reach loopback and private addresses.
    #[arg(long, global = true)]
    pub allow_private_networks: bool,
}

impl ConfigArgs {
    /// defaults -> file -> RECUT_* environment -> flags.
    /// `overrides` are dotted keys set by subcommand flags (e.g. `serve --role`), applied last.
    pub fn load(&self, overrides: &[(&str, &str)]) -> anyhow::Result<Config> {
        let mut loader = ConfigLoader::new();
        if let Some(path) = &self.config {
            loader = loader.file(path)?;
        }
        loader = loader.env(std::env::vars())?;
        if let Some(v) = &self.listen {
            loader = loader.set("listen", v)?;
        }
        if let Some(v) = &self.data_dir {
            loader = loader.set("data_dir", &v.to_string_lossy())?;
        }
        if let Some(v) = &self.public_url {
            loader = loader.set("public_url", v)?;
        }
        if let Some(v) = &self.database_url {
            loader = loader.set("database_url", v)?;
        }
        for (key, value) in overrides {
            loader = loader.set(key, value)?;
        }
        if self.allow_private_networks {
            loader = loader.set("allow_private_networks", "true")?;
        }
        Ok(loader.build()?)
    }
}
