//! `recut admin`: key and credit management against the same database `serve` uses. Safe
//! while the server runs: every change is one short transaction.

use clap::Subcommand;
use recut_store::{keys, NewKey, Role};
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an API key (and its team and user if new). Prints one JSON line; the key is
    /// shown only this once.
    CreateKey {
        #[arg(long)]
        team: String,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "OWNER", value_parser = ["OWNER", "ADMIN", "MEMBER", "owner", "admin", "member"])]
        role: String,
        /// Credits granted to the team with the key.
        #[arg(long, default_value_t = 0)]
        credits: i64,
        /// A label for the key.
        #[arg(long, default_value = "default")]
        name: String,
    },
    /// Add credits to a team.
    GrantCredits {
        /// Team name (or id).
        #[arg(long)]
        team: String,
        #[arg(long)]
        amount: i64,
        #[arg(long, default_value = "granted by admin")]
        note: String,
    },
    /// Revoke a key by its id; requests with it then get 403.
    RevokeKey {
        #[arg(long)]
        key_id: Uuid,
    },
    /// List keys (never the keys themselves).
    ListKeys,
}

pub async fn run(
    store: &dyn recut_store::Store,
    cmd: AdminCommand,
) -> anyhow::Result<serde_json::Value> {
    match cmd {
        AdminCommand::CreateKey {
            team,
            email,
            role,
            credits,
            name,
        } => {
            anyhow::ensure!(credits >= 0, "--credits must not be negative");
            anyhow::ensure!(email.contains('@'), "--email must be an email address");
            let generated = keys::generate();
            let created = store
                .create_key(NewKey {
                    team_name: team,
                    email,
                    role: Role::parse(&role).expect("clap validated the role"),
                    key_name: name,
                    key_prefix: generated.display_prefix.clone(),
                    key_hash: generated.hash,
                    initial_credits: credits,
                })
                .await?;
            Ok(
                json!({"apiKey": generated.plaintext, "keyId": created.key_id, "teamId": created.team_id, "userId": created.user_id}),
            )
        }
        AdminCommand::GrantCredits { team, amount, note } => {
            anyhow::ensure!(amount > 0, "--amount must be a positive number of credits");
            let found = match Uuid::parse_str(&team) {
                Ok(id) => store.team(id).await?,
                Err(_) => store.team_by_name(&team).await?,
            };
            let team = found.ok_or_else(|| anyhow::anyhow!("no team named {team:?}"))?;
            let balance = store.grant(team.id, amount, &note).await?;
            Ok(json!({"teamId": team.id, "granted": amount, "credits": balance}))
        }
        AdminCommand::RevokeKey { key_id } => {
            let revoked = store.revoke_key(key_id).await?;
            anyhow::ensure!(revoked, "no active key with id {key_id}");
            Ok(json!({"keyId": key_id, "revoked": true}))
        }
        AdminCommand::ListKeys => Ok(json!({"keys": store.list_keys().await?})),
    }
}
