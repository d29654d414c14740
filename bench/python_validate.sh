#!/usr/bin/env bash
# The Python module against the CLI (issue #8): `JSONLDatasetLoader().load(path); validate(...)`
# from Python vs `nova data validate` on the same generated SFT file (default 200 MB), one
# core each: time ratio (goal <= 1.3x) and peak RSS over the bare interpreter's (goal <= 64 MB).
# Usage: bench/python_validate.sh BUILD_DIR [SIZE_MB]
# BUILD_DIR should be a Release build (the numbers say which build type they come from); the
# generator is the bench's own target when BUILD_DIR has the bench, else it is compiled here.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build-bench}
SIZE_MB=${2:-200}
NOVA="$BUILD/cli/nova"
# The interpreter itself, not a launcher: a pyenv shim is a bash script that adds ~0.3 s per
# start, which would be measured as the module's cost.
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
WORK=$(mktemp -d /tmp/nova-pybench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")
if grep -q '^NOVA_BUILD_BENCH:BOOL=ON' "$BUILD/CMakeCache.txt"; then
  cmake --build "$BUILD" --target nova nova-bench-gen _core >/dev/null
  GEN="$BUILD/bench/nova-bench-gen"
else
  cmake --build "$BUILD" --target nova _core >/dev/null
  GEN="$WORK/nova-bench-gen"
  g++ -std=c++20 -O2 "$SRC/bench/gen_dataset.cpp" -o "$GEN"
fi

"$GEN" sft2 "$SIZE_MB" "$WORK/sft2.jsonl" >/dev/null
cat "$WORK/sft2.jsonl" >/dev/null  # page cache warm: measure the tools, not the disk

run() {  # prints "seconds peak_rss_kb" of the command on core 0
  local t0 t1 rss
  t0=$(date +%s.%N)
  # -o: the command's own stderr is silenced, time's report must not be.
  /usr/bin/time -f '%M' -o "$WORK/rss" taskset -c 0 "$@" >/dev/null 2>/dev/null
  rss=$(tail -1 "$WORK/rss")
  t1=$(date +%s.%N)
  echo "$t0 $t1 $rss"
}

export PYTHONPATH="$BUILD/python${PYTHONPATH:+:$PYTHONPATH}"
cli=$(run "$NOVA" data validate "$WORK/sft2.jsonl" --method sft_lora --model nova-lite-2)
# The call alone is timed inside the process too, so start-up and import show separately.
py=$(run "$PYTHON" -c '
import sys, time
from amzn_nova_customization_sdk import JSONLDatasetLoader, Model, TrainingMethod
t0 = time.perf_counter()
JSONLDatasetLoader().load(sys.argv[1]).validate(TrainingMethod.SFT_LORA, Model.NOVA_LITE_2)
open(sys.argv[2], "w").write(str(time.perf_counter() - t0))' "$WORK/sft2.jsonl" "$WORK/call_seconds")
bare_interpreter=$(run "$PYTHON" -c 'pass')
bare=$(run "$PYTHON" -c 'import amzn_nova_customization_sdk')

"$PYTHON" - "$SIZE_MB" "$cli" "$py" "$bare" "$bare_interpreter" "${BUILD_TYPE:-none}" "$(cat "$WORK/call_seconds")" <<'PY'
import sys
size = int(sys.argv[1])
print(f"build type: {sys.argv[6]}")
def parse(s):
    t0, t1, rss = s.split()
    return float(t1) - float(t0), int(rss) / 1024
cli, py, bare, interpreter = (parse(s) for s in sys.argv[2:6])
call = float(sys.argv[7])
ratio, extra = py[0] / cli[0], py[1] - bare[1]
print("| what | input | time | peak RSS |")
print("|---|---|---|---|")
print(f"| nova data validate (whole process) | {size} MB | {cli[0]:.2f} s | {cli[1]:.1f} MB |")
print(f"| Python load + validate (whole process) | {size} MB | {py[0]:.2f} s | {py[1]:.1f} MB |")
print(f"| Python load + validate (the call alone) | {size} MB | {call:.2f} s | - |")
print(f"| Python import only | - | {bare[0]:.2f} s | {bare[1]:.1f} MB |")
print(f"| Python interpreter only | - | {interpreter[0]:.2f} s | {interpreter[1]:.1f} MB |")
print(f"time ratio Python/CLI: whole process {ratio:.2f}, the call alone {call / cli[0]:.2f} (goal <= 1.3); "
      f"RSS over the bare interpreter: {py[1] - interpreter[1]:.1f} MB, over the interpreter with the module "
      f"imported: {extra:.1f} MB (goal <= 64)")
PY
