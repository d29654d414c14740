#!/usr/bin/env bash
# S3 transfer benchmark (issue #3): upload and download one file (default 1 GiB) to a local
# moto_server with nova-sdk (nova-s3-transfer: S3Client::upload_file / download_file) and
# with boto3 (upload_file / download_file, default TransferConfig), in the same run, against
# the same emulator. Reports wall time, nova/boto3 time ratio and peak RSS (/usr/bin/time %M),
# then SigV4 signatures per second (Google Benchmark).
# Usage: bench/s3_transfer.sh BUILD_DIR [SIZE_MB]   (needs ~3x SIZE_MB free in $TMPDIR)
set -euo pipefail
BUILD=${1:-build-bench}
SIZE_MB=${2:-1024}
TOOL="$BUILD/bench/nova-s3-transfer"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nova-s3-bench-XXXXXX")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
trap 'kill "$MOTO_PID" 2>/dev/null; wait "$MOTO_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/moto-api/" >/dev/null 2>&1 && break; sleep 0.1; done

export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench \
  AWS_SECRET_ACCESS_KEY=bench AWS_EC2_METADATA_DISABLED=true
python3 -c 'import boto3; boto3.client("s3").create_bucket(Bucket="bench")'
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$WORK/src.bin"
sync  # no write-back of the fresh file competing with the first upload

BOTO='
import sys, boto3
s3 = boto3.client("s3")
if sys.argv[1] == "up": s3.upload_file(sys.argv[2], "bench", sys.argv[3])
else: s3.download_file("bench", sys.argv[2], sys.argv[3])
'
declare -A SECS RSS
measure() {  # name command...
  local name=$1 t0 t1; shift
  t0=$(date +%s.%N)
  /usr/bin/time -o "$WORK/rss" -f '%M' "$@" >/dev/null
  RSS[$name]=$(tail -1 "$WORK/rss")
  t1=$(date +%s.%N)
  SECS[$name]=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
}
measure nova_up "$TOOL" up "$WORK/src.bin" bench nova.bin
measure boto_up python3 -c "$BOTO" up "$WORK/src.bin" boto.bin
measure nova_down "$TOOL" down bench nova.bin "$WORK/nova.out"
cmp "$WORK/src.bin" "$WORK/nova.out" && rm "$WORK/nova.out"
measure boto_down python3 -c "$BOTO" down boto.bin "$WORK/boto.out"
cmp "$WORK/src.bin" "$WORK/boto.out" && rm "$WORK/boto.out"

row() {  # label nova boto
  python3 - "$1" "$SIZE_MB" "${SECS[$2]}" "${RSS[$2]}" "${SECS[$3]}" "${RSS[$3]}" <<'PY'
import sys
label, mb, ns, nr, bs, br = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:])
print(f"| {label} | {mb} MiB | {ns:.2f} s ({mb/ns:.0f} MiB/s) | {bs:.2f} s ({mb/bs:.0f} MiB/s) | {ns/bs:.2f} | {nr/1024:.1f} MB | {br/1024:.1f} MB |")
PY
}
echo "| transfer | size | nova-sdk | boto3 | time ratio nova/boto3 | nova peak RSS | boto3 peak RSS |"
echo "|---|---|---|---|---|---|---|"
row upload nova_up boto_up
row download nova_down boto_down
echo
"$BUILD/bench/nova_bench_sigv4" --benchmark_min_time=1 2>/dev/null | grep -E "^BM_|Benchmark"
