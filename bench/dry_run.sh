#!/usr/bin/env bash
# Start-up cost of the training commands (issue #4): wall time of `nova recipe show --offline`
# and `nova train --dry-run` with a warm recipe cache, N runs each, min and median in ms.
# The dry run talks to the local AWS stand-in (moto behind it, tests/support/aws_standin.py)
# with every pre-launch check on (STS, HeadBucket, IAM simulation, the role's trust and
# policies), and once more with --no-validate-iam; loopback, so the numbers are the tool's
# own cost plus a few local HTTP round trips. Usage: bench/dry_run.sh BUILD_DIR [RUNS]
set -euo pipefail
BUILD=${1:-build-bench}
RUNS=${2:-20}
HERE=$(cd "$(dirname "$0")/.." && pwd)
NOVA="$BUILD/cli/nova"
WORK=$(mktemp -d /tmp/nova-bench-cli-XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$HERE/tests/support/aws_standin.py" --port "$PORT" >"$WORK/standin.log" 2>&1 &
STANDIN_PID=$!
trap 'kill "$STANDIN_PID" 2>/dev/null; wait "$STANDIN_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 300); do
  curl -fs "http://127.0.0.1:$PORT/_standin/health" >/dev/null 2>&1 && break
  sleep 0.1
done
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench \
  AWS_SECRET_ACCESS_KEY=bench-secret AWS_EC2_METADATA_DISABLED=true NOVA_CACHE_DIR="$WORK/cache" \
  AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent

python3 - "$NOVA" "$RUNS" <<'PY'
import boto3, json, os, resource, statistics, subprocess, sys, time
nova, runs = sys.argv[1], int(sys.argv[2])
endpoint = os.environ["AWS_ENDPOINT_URL"]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1")
s3.create_bucket(Bucket="nova-bench")
s3.put_object(Bucket="nova-bench", Key="train.jsonl", Body=b"{}\n")
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"},
                                                 "Action": "sts:AssumeRole"}]}
iam.create_role(RoleName="NovaBench", AssumeRolePolicyDocument=json.dumps(trust))
policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
                                                  "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]}]}
arn = iam.create_policy(PolicyName="NovaBenchS3", PolicyDocument=json.dumps(policy))["Policy"]["Arn"]
iam.attach_role_policy(RoleName="NovaBench", PolicyArn=arn)

show = [nova, "recipe", "show", "--model", "nova-lite-2", "--method", "sft_lora", "--platform", "smtj", "--offline"]
train = [nova, "train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", "bench",
         "--instance-type", "ml.p5.48xlarge", "--instance-count", "4",
         "--execution-role", "arn:aws:iam::123456789012:role/NovaBench",
         "--data-s3-path", "s3://nova-bench/train.jsonl", "--output-s3-path", "s3://nova-bench/output", "--dry-run"]
cases = [("nova recipe show --offline", show),
         ("nova train --dry-run (all checks, stand-in)", train),
         ("nova train --dry-run --no-validate-iam (stand-in)", train + ["--no-validate-iam"])]

def cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000

def once(cmd):
    """(wall ms, CPU ms of nova): CPU time shows the tool's own cost on a busy machine."""
    c0, t0 = cpu_ms(), time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall, cpu = (time.perf_counter() - t0) * 1000, cpu_ms() - c0
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.decode()}")
    return wall, cpu

print(f"| command (warm cache, {runs} runs) | wall min | wall median | CPU median |")
print("|---|---|---|---|")
for label, cmd in cases:
    once(cmd)  # warms the recipe cache and the page cache
    samples = [once(cmd) for _ in range(runs)]
    walls = [w for w, _ in samples]
    print(f"| {label} | {min(walls):.1f} ms | {statistics.median(walls):.1f} ms | "
          f"{statistics.median(c for _, c in samples):.1f} ms |")
PY
