//! The guarded HTTP client for URLs that users hand us: input videos and images to
//! download, webhook targets to post to.
//!
//! A user-supplied URL must never make the server talk to itself or its neighbours
//! (loopback, private networks, cloud metadata at 169.254.169.254, ...). The guard works
//! at the one place that cannot be fooled, the address actually dialled:
//!
//! - DNS names are resolved once, by [`GuardedClient`]'s own resolver, which drops every
//!   refused address; the connector only ever dials what that resolver returned, so a
//!   second lookup (DNS rebinding) has nothing to change.
//! - IP-literal hosts never reach a resolver, so they are judged before each request and
//!   on every redirect.
//! - Redirects are re-checked hop by hop; proxies from the environment are ignored.

mod address;
mod client;
mod download;
mod error;
mod post;
mod redirect;
mod resolve;
mod user_url;

pub use address::ip_is_public;
pub use client::{FetchPolicy, GuardedClient};
pub use download::Downloaded;
pub use error::FetchError;
pub use post::PostResponse;
pub use user_url::parse_user_url;
