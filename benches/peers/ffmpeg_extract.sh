#!/usr/bin/env bash
# The ffmpeg command line doing what `vframe extract` does: every frame (or every 10th)
# of one video as JPEG files, in presentation order without frame-rate conversion.
#
#   ffmpeg_extract.sh INPUT OUTDIR all|every10 [THREADS]
#
# -q:v 2 is about libjpeg quality 95 (shared/deps.md measured equal PSNR), so the Rust side
# runs at quality 95 for a like-for-like comparison. THREADS (default: ffmpeg's choice)
# caps both decoder and filter threads.
set -euo pipefail
input=$1
out=$2
mode=$3
threads=${4:-0}
mkdir -p "$out"
select=()
if [[ $mode == every10 ]]; then
  select=(-vf "select=not(mod(n\,10))")
fi
exec ffmpeg -v error -y -threads "$threads" -i "$input" -threads "$threads" \
  "${select[@]}" -fps_mode passthrough -q:v 2 "$out/frame_%04d.jpeg"
