//! Webhook delivery: signing, and the dispatcher that drains the durable outbox.
//!
//! The outbox rows are written by the store in the same transaction as the job change that
//! causes them; this crate only sends what is due, records every attempt, and schedules
//! retries. A process that dies mid-send leaves its deliveries leased; maintenance puts
//! them back to pending, so an event may arrive twice but is never lost (receivers dedupe
//! on `webhook-id`, which is stable across retries).

mod dispatcher;
pub mod signing;

pub use dispatcher::{Dispatcher, DispatcherSettings};
