#!/usr/bin/env bash
# Runs the whole test suite: unit tests beside the code, and the integration suite against
# the real router, real databases and real ffmpeg on clips generated at test time.
#
# The integration suite runs twice, unchanged: on SQLite, then on PostgreSQL (installed from
# Debian's packages and started here when missing), with an S3-compatible server (s3rver,
# from npm, storing on disk) for the object-storage tests. `--sqlite-only` skips the
# PostgreSQL half for a developer without it. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

sqlite_only=false
args=()
for a in "$@"; do
  if [ "$a" = "--sqlite-only" ]; then sqlite_only=true; else args+=("$a"); fi
done

scripts/ensure-deps.sh
scripts/fetch-models.sh
if [ "$sqlite_only" = false ]; then
  scripts/ensure-test-services.sh
  export RECUT_TEST_S3RVER="$PWD/target/test-tools/node_modules/.bin/s3rver"
fi

echo "== unit and integration tests (SQLite)"
cargo test --workspace --locked "${args[@]}"

if [ "$sqlite_only" = false ]; then
  export RECUT_TEST_DATABASE_URL="${RECUT_TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}"
  echo "== store tests (PostgreSQL)"
  cargo test --locked -p recut-store "${args[@]}"
  echo "== integration tests (PostgreSQL)"
  cargo test --locked -p recut --test it "${args[@]}"
fi
