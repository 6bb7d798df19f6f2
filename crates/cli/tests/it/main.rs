//! Integration tests: the real router and workers on a real SQLite database, real ffmpeg on
//! clips generated at test time, and the real binary where process behaviour matters.
//! One test binary (modules below) so the workspace links it once.

mod support;

mod api_auth;
mod cli_binary;
mod credits;
mod jobs_list;
mod lifecycle;
mod scale_out;
mod uploads;
mod validation;
mod webhooks;
