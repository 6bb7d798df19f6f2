#!/usr/bin/env bash
# Runs Recut on its embedded defaults: SQLite and files under ./recut-data, listening on
# 127.0.0.1:3000. Extra arguments go to `recut` before `serve` (e.g. --listen 0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# Without the models (no network) the service still runs; subject-aware edits then have the
# background model only.
scripts/fetch-models.sh || echo "warning: no segmentation models; person segmentation is off" >&2
cargo build --release -p recut
exec target/release/recut "$@" serve
