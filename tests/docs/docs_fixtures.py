"""What the emulator cannot do on its own while the documentation's examples run: the AWS
resources a reader already has (a bucket, an execution role) and what a finished job leaves
behind (its output archive, its logs). Called by test_code_blocks.py (`seed`) and from hidden
`<!-- docs-test sh: ... -->` lines of the documents, with AWS_ENDPOINT_URL set.

  python3 docs_fixtures.py seed
  python3 docs_fixtures.py finish-training RESULT.json...   # output.tar.gz with manifest.json, checkpoint
  python3 docs_fixtures.py finish-evaluation RESULT.json... # eval_results archive
  python3 docs_fixtures.py logs RESULT.json                 # two hosts' CloudWatch streams
  python3 docs_fixtures.py trained-result NAME              # `nova train`, finished, its result file as NAME
  python3 docs_fixtures.py hyperpod-running RESULT.json|JOB   # the PyTorchJob runs; its master pod logs
"""
import glob
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import tar_gz  # noqa: E402

ACCOUNT = "123456789012"
BUCKET = "my-bucket"
ROLE = "NovaExec"


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ["AWS_REGION"])


def make_role(name, service):
    iam = client("iam")
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}]}
    arn = iam.create_policy(PolicyName=name + "S3", PolicyDocument=json.dumps(policy))["Policy"]["Arn"]
    iam.attach_role_policy(RoleName=name, PolicyArn=arn)


def seed():
    client("s3").create_bucket(Bucket=BUCKET)
    record = {"schemaVersion": "bedrock-conversation-2024", "messages": [
        {"role": "user", "content": [{"text": "hi"}]}, {"role": "assistant", "content": [{"text": "hello"}]}]}
    client("s3").put_object(Bucket=BUCKET, Key="fixtures/sft.jsonl", Body=(json.dumps(record) + "\n").encode())
    make_role(ROLE, "sagemaker.amazonaws.com")
    make_role("AmazonSageMaker-DefaultRole", "sagemaker.amazonaws.com")  # moto has no managed policies


def results(patterns):
    files = [f for p in patterns for f in sorted(glob.glob(p))]
    if not files:
        raise SystemExit(f"docs_fixtures: no result file matches {patterns}")
    for name in files:
        with open(name) as f:
            yield json.load(f)


def put(uri, body):
    bucket, key = uri[len("s3://"):].split("/", 1)
    s3 = client("s3")
    try:
        s3.create_bucket(Bucket=bucket)
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    s3.put_object(Bucket=bucket, Key=key, Body=body)


def finish_training(patterns):
    for r in results(patterns):
        job = r["job_id"]
        checkpoint = f"s3://customer-escrow-{ACCOUNT}-smtj-docs/{job}/checkpoint"
        put(checkpoint + "/model.bin", b"weights")
        output = r["model_artifacts"]["output_s3_path"].rstrip("/")
        manifest = json.dumps({"checkpoint_s3_bucket": checkpoint}).encode()
        put(f"{output}/{job}/output/output.tar.gz", tar_gz({"manifest.json": manifest}))


def finish_evaluation(patterns):
    for r in results(patterns):
        job = r["job_id"]
        metrics = {"results": {"mmlu|anatomy|0": {"acc": 0.6815, "acc_stderr": 0.0402}}}
        put(r["eval_output_path"], tar_gz({
            f"{job}/eval_results/results_2026-01-30T12-00-00.json": json.dumps(metrics).encode(),
            f"{job}/eval_results/tensorboard_results/eval/events.out.tfevents.1": b"tf"}))


def logs(patterns):
    group, now = "/aws/sagemaker/TrainingJobs", int(time.time() * 1000)
    cw = client("logs")
    try:
        cw.create_log_group(logGroupName=group)
    except cw.exceptions.ResourceAlreadyExistsException:
        pass
    for r in results(patterns):
        for host, steps in (("algo-1", (0, 2)), ("algo-2", (1, 3))):
            stream = f"{r['job_id']}/{host}-1700000000"
            cw.create_log_stream(logGroupName=group, logStreamName=stream)
            cw.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[
                {"timestamp": now - 1000 + s, "message": f"[{host}] global_step={s} train_loss={2.0 - s / 4:.2f}"}
                for s in steps])


def trained_result(args):
    """A finished SFT LoRA job of Nova 2 Lite whose result file is NAME (a page's placeholder)."""
    import subprocess
    out = subprocess.run(["nova", "train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", "my-sft",
                          "--data-s3-path", f"s3://{BUCKET}/fixtures/sft.jsonl", "--output-s3-path", f"s3://{BUCKET}/output",
                          "--execution-role", f"arn:aws:iam::{ACCOUNT}:role/{ROLE}", "--no-validate-iam", "--json"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"docs_fixtures: nova train failed: {out.stderr}")
    os.replace(json.loads(out.stdout)["result_file"], args[0])
    finish_training(args[:1])


def k8s_control(method, path, data):
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(f"{os.environ['DOCS_K8S_CONTROL']}/{path}", data=body,
                                     method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10):
        pass


def hyperpod_running(args):
    """The training operator's part: the HyperPod job (a result file or a job name, in namespace
    kubeflow) is created, then runs, and its master pod has logged two steps."""
    for arg in args:
        job, namespace = arg, "kubeflow"
        if arg.endswith(".json"):
            r = next(results([arg]))
            job, namespace = r["job_id"], r["namespace"]
        k8s_control("PUT", f"script/{namespace}/{job}", {"conditions": ["Created", "Running"]})
        k8s_control("POST", f"advance/{namespace}/{job}", None)
        k8s_control("POST", f"advance/{namespace}/{job}", None)
        k8s_control("PUT", f"logs/{namespace}/{job}-master-0",
                    {"text": "global_step=1 reduced_train_loss=2.10\nglobal_step=2 reduced_train_loss=1.85\n", "end": True})


COMMANDS = {"trained-result": trained_result, "seed": lambda args: seed(), "finish-training": finish_training,
            "finish-evaluation": finish_evaluation, "logs": logs, "hyperpod-running": hyperpod_running}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        raise SystemExit(f"usage: docs_fixtures.py {'|'.join(COMMANDS)} [RESULT.json...]")
    COMMANDS[sys.argv[1]](sys.argv[2:])
