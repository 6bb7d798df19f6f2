use clap::{Parser, Subcommand};
use recut::admin::AdminCommand;
use recut::cli::ConfigArgs;
use tokio_util::sync::CancellationToken;

/// Recut: a self-hostable video edit and upscale API (Apiframe v2 video routes).
#[derive(Debug, Parser)]
#[command(name = "recut", version)]
struct Cli {
    #[command(flatten)]
    config: ConfigArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the API, the job workers and maintenance in one process.
    Serve {
        /// all (API, workers, webhooks, maintenance), api, or worker.
        #[arg(long, value_parser = ["all", "api", "worker"])]
        role: Option<String>,
    },
    /// Manage keys and credits (works while `serve` runs on the same data dir).
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Print the effective configuration (defaults, file, environment, flags) as TOML.
    Config,
    /// Run a benchmark against ffmpeg baselines and print (or write) its report.
    Bench {
        #[command(subcommand)]
        command: recut_bench::BenchCommand,
    },
}

fn main() -> std::process::ExitCode {
    recut_engines::keep_freed_buffers();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let overrides: Vec<(&str, &str)> = match &cli.command {
        Command::Serve { role: Some(role) } => vec![("role", role.as_str())],
        _ => Vec::new(),
    };
    let config = cli.config.load(&overrides)?;
    match cli.command {
        Command::Config => {
            print!("{}", config.to_toml());
            Ok(())
        }
        Command::Admin { command } => {
            std::fs::create_dir_all(&config.data_dir)?;
            let store = recut_store::connect(&config.database_url_or_default()).await?;
            let out = recut::admin::run(store.as_ref(), command).await?;
            println!("{out}");
            Ok(())
        }
        Command::Serve { .. } => serve(config).await,
        Command::Bench { command } => recut_bench::run(command).await,
    }
}

async fn serve(config: recut_config::Config) -> anyhow::Result<()> {
    init_tracing(&config.log_format);
    let listen = config.listen.clone();
    let app = recut::app::build(config).await?;
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
    tracing::info!(address = %listener.local_addr()?, public_url = %app.state.public_base_url, "recut listening");
    let stop = CancellationToken::new();
    let signal_stop = stop.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!(
            "shutdown requested: no new jobs are claimed; running jobs get the grace period"
        );
        signal_stop.cancel();
    });
    app.run(listener, stop).await
}

async fn wait_for_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

fn init_tracing(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}
