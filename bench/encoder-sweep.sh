#!/usr/bin/env bash
# Quality per second of libx264's presets, for choosing the engines' default encoder settings
# (issue 3: "pick default encoder settings for quality per second and document them").
#
#   bench/encoder-sweep.sh CLIP [SECONDS] [WxH] [FPS]
#
# Cuts SECONDS (default 10) of CLIP, scaled to WxH (default 1920x1080) at FPS (default 30),
# into a raw YUV4MPEG2 reference, then encodes that reference with every preset at several
# CRFs, one encode at a time, and prints one row per encode: CPU seconds (user + system of
# the ffmpeg process), wall seconds, bitrate, and PSNR-Y and SSIM-Y of the decoded result
# against the reference. Encoding starts from raw frames, so the times are x264's (plus
# reading the file), not a decoder's. Results and the reading of them: docs/benchmarks.md.
set -euo pipefail

clip=${1:?usage: bench/encoder-sweep.sh CLIP [SECONDS] [WxH] [FPS]}
seconds=${2:-10}
size=${3:-1920x1080}
fps=${4:-30}
presets=${PRESETS:-ultrafast superfast veryfast faster fast medium}
crfs=${CRFS:-14 18 22 26}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

width=${size%x*}
height=${size#*x}
ffmpeg -hide_banner -nostdin -v error -i "$clip" -t "$seconds" -an \
  -vf "scale=${width}:${height}:flags=lanczos,setsar=1,fps=${fps}" -pix_fmt yuv420p \
  -f yuv4mpegpipe "$work/ref.y4m"
frames=$(ffprobe -v error -count_frames -select_streams v:0 \
  -show_entries stream=nb_read_frames -of csv=p=0 "$work/ref.y4m")

echo "reference: $clip, ${seconds} s at ${size}, ${fps} fps, ${frames} frames; $(nproc) cores"
echo
echo "| preset | CRF | CPU s | wall s | fps (wall) | kbit/s | PSNR-Y dB | SSIM-Y |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for preset in $presets; do
  for crf in $crfs; do
    out="$work/$preset-$crf.mp4"
    /usr/bin/time -f "%U %S %e" -o "$work/time" \
      ffmpeg -hide_banner -nostdin -v error -y -i "$work/ref.y4m" \
      -c:v libx264 -preset "$preset" -crf "$crf" -pix_fmt yuv420p -f mp4 "$out"
    read -r user sys wall < "$work/time"
    bytes=$(stat -c %s "$out")
    scores=$(ffmpeg -hide_banner -nostdin -i "$out" -i "$work/ref.y4m" -lavfi \
      "[0:v]split[a][b];[1:v]split[c][d];[a][c]psnr;[b][d]ssim" -f null - 2>&1 || true)
    psnr=$(grep -o 'PSNR y:[0-9.inf]*' <<<"$scores" | tail -1 | cut -d: -f2)
    ssim=$(grep -o 'SSIM Y:[0-9.]*' <<<"$scores" | tail -1 | cut -d: -f2)
    awk -v p="$preset" -v c="$crf" -v u="$user" -v s="$sys" -v w="$wall" -v b="$bytes" \
      -v n="$frames" -v f="$fps" -v q="$psnr" -v m="$ssim" 'BEGIN {
        printf "| %s | %d | %.1f | %.1f | %.1f | %.0f | %.2f | %.4f |\n",
          p, c, u + s, w, n / w, b * 8 / (n / f) / 1000, q, m }'
  done
done
