#!/usr/bin/env bash
# Installs what Recut needs at run and test time when it is missing: ffmpeg and ffprobe
# (Debian's package), and Python's pip, which fetches the segmentation models
# (scripts/fetch-models.sh). Safe to run repeatedly.
set -euo pipefail

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
command -v curl >/dev/null 2>&1 || need+=(curl)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3 python3-pip)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "installing: ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo (Rust toolchain) is required: https://rustup.rs" >&2
  exit 1
fi
