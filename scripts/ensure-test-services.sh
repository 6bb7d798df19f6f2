#!/usr/bin/env bash
# Installs and starts what the PostgreSQL and S3 halves of the test suite need:
# PostgreSQL (Debian's package, a local cluster with password auth for `postgres`) and
# s3rver (npm, under target/test-tools). Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing: postgresql" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  $sudo pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  $sudo pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 0.2
done
set_password="psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\""
if [ -z "$sudo" ]; then su postgres -c "$set_password" >/dev/null; else sudo -u postgres sh -c "$set_password" >/dev/null; fi

if [ ! -x target/test-tools/node_modules/.bin/s3rver ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "installing: npm" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  mkdir -p target/test-tools
  npm install --silent --no-audit --no-fund --prefix target/test-tools s3rver@3.7.1 >/dev/null
fi
