//! The `recut` binary's library half: configuration flags, process assembly and the admin
//! commands, kept here so integration tests build exactly what `recut serve` runs.

pub mod admin;
pub mod app;
pub mod cli;
