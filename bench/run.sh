#!/usr/bin/env bash
# End-to-end dataset benchmark (issue #2): `nova data validate` and `nova data transform`
# on a generated ~1 GB file, on one core, with throughput and peak RSS; plus the floor any
# Python tool pays (json.loads of every line). Usage: bench/run.sh BUILD_DIR [SIZE_MB]
set -euo pipefail
BUILD=${1:-build-bench}
SIZE_MB=${2:-1024}
NOVA="$BUILD/cli/nova"
GEN="$BUILD/bench/nova-bench-gen"
WORK=${BENCH_DIR:-$(mktemp -d /tmp/nova-bench-XXXXXX)}
trap 'rm -rf "$WORK"' EXIT

"$GEN" sft2 "$SIZE_MB" "$WORK/sft2.jsonl"
"$GEN" qa "$SIZE_MB" "$WORK/qa.jsonl"
bytes_sft=$(stat -c %s "$WORK/sft2.jsonl")
bytes_qa=$(stat -c %s "$WORK/qa.jsonl")

measure() {  # label bytes command...
  local label=$1 bytes=$2; shift 2
  local t0 t1 rss
  t0=$(date +%s.%N)
  # time's report goes to its own file: the command's output is discarded, the report must not be.
  /usr/bin/time -f '%M' -o "$WORK/rss" taskset -c 0 "$@" >/dev/null 2>&1 || { echo "$label failed" >&2; return 1; }
  rss=$(tail -1 "$WORK/rss")
  t1=$(date +%s.%N)
  python3 - "$label" "$bytes" "$t0" "$t1" "$rss" <<'PY'
import sys
label, size, t0, t1, rss = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
secs = t1 - t0
print(f"| {label} | {size/2**20:.0f} MB | {secs:.2f} s | {size/2**20/secs:.0f} MB/s | {int(rss)/1024:.1f} MB |")
PY
}

# Warm the page cache so the numbers measure the tool, not the disk.
cat "$WORK/sft2.jsonl" "$WORK/qa.jsonl" >/dev/null

echo "| what | input | time | throughput | peak RSS |"
echo "|---|---|---|---|---|"
measure "nova data validate (SFT, Nova 2)" "$bytes_sft" "$NOVA" data validate "$WORK/sft2.jsonl" --method sft_lora --model nova-lite-2
measure "nova data transform (Q/A -> SFT 2)" "$bytes_qa" "$NOVA" data transform "$WORK/qa.jsonl" "$WORK/out.jsonl" --method sft_lora --model nova-lite-2 --map question=question --map answer=answer
measure "python3 json.loads per line (floor)" "$bytes_sft" python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$WORK/sft2.jsonl"

echo
"$(dirname "$0")/dry_run.sh" "$BUILD"
