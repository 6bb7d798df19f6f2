#!/usr/bin/env bash
# Fetches the models the edit engine runs into ./models: MediaPipe's selfie segmentation
# (landscape and square) and its short-range face detector (Apache-2.0), as shipped inside
# the `mediapipe` wheel on PyPI. Both files are checked against their SHA-256. Safe to run repeatedly;
# nothing is fetched when they are already there. Without them the engine still runs, with
# background-model masks only (the README says what that loses).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=models
wheel=mediapipe-0.10.14-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
wheel_sha=a807328339e7356fda0bb14df12fedbf1d33bdf81649c5f8666b0026b1cc30b4
files=(
  "selfie_segmentation_landscape.tflite a77d03f4659b9f6b6c1f5106947bf40e99d7655094b6527f214ea7d451106edd"
  "selfie_segmentation.tflite 9ee168ec7c8f2a16c56fe8e1cfbc514974cbbb7e434051b455635f1bd1462f5c"
  "face_detection_short_range.tflite bbff11cebd1eb27a1e004cae0b0e63ec8c551cbf34a4451148b4908b8db3eca8"
)

have_all() {
  for entry in "${files[@]}"; do
    set -- $entry
    [ -f "$dir/$1" ] && echo "$2  $dir/$1" | sha256sum -c --status || return 1
  done
}
have_all && exit 0

download=target/model-download
mkdir -p "$dir" "$download"
if ! { [ -f "$download/$wheel" ] && echo "$wheel_sha  $download/$wheel" | sha256sum -c --status; }; then
  echo "fetching the segmentation models (the mediapipe 0.10.14 wheel, 35 MB, from PyPI)" >&2
  python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
    --platform manylinux_2_17_x86_64 --dest "$download" mediapipe==0.10.14
  echo "$wheel_sha  $download/$wheel" | sha256sum -c --status \
    || { echo "the downloaded wheel does not match its SHA-256" >&2; exit 1; }
fi
python3 - "$download/$wheel" "$dir" <<'PY'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for module, name in (
        ("selfie_segmentation", "selfie_segmentation_landscape.tflite"),
        ("selfie_segmentation", "selfie_segmentation.tflite"),
        ("face_detection", "face_detection_short_range.tflite"),
    ):
        data = z.read(f"mediapipe/modules/{module}/{name}")
        with open(f"{out}/{name}", "wb") as f:
            f.write(data)
PY
have_all || { echo "the extracted models do not match their SHA-256" >&2; exit 1; }
echo "segmentation and face models in $dir/" >&2
