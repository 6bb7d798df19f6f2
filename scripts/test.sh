#!/usr/bin/env bash
# Runs the whole test suite: unit tests beside the code and the integration suite against
# the real router, real SQLite and real ffmpeg on clips generated at test time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
cargo test --workspace --locked "$@"
