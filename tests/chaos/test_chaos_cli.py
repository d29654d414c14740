"""The chaos suite, end to end: the real `nova` binary talks to the AWS stand-in (a real
moto_server behind it) through the loopback fault proxy (tests/support/fault_proxy.py), which
throttles, fails, resets, slows, truncates, skews the clock and expires credentials. Every
case asserts the final state in the emulator, read directly (not through the proxy): exactly
one resource, the right content, no leftovers.
Run by ctest (label chaos) as: python3 test_chaos_cli.py NOVA."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from fault_proxy import FaultProxy  # noqa: E402
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:2]  # the rest selects tests, as unittest's own arguments
ACCOUNT = "123456789012"
BUCKET = "nova-chaos"
DATA = f"s3://{BUCKET}/train/data.jsonl"
OUTPUT = f"s3://{BUCKET}/output"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/NovaChaosExec"
ESCROW = f"customer-escrow-{ACCOUNT}-smtj-chaos1"
CHECKPOINT = f"s3://{ESCROW}/sft/checkpoint"
STANDIN = None
PROXY = None
WORK = None
BIG = None  # a dataset larger than one 8 MiB multipart part


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def record(i):
    return {"schemaVersion": "bedrock-conversation-2024", "messages": [
        {"role": "user", "content": [{"text": f"question {i}: " + "x" * 200}]},
        {"role": "assistant", "content": [{"text": f"answer {i}"}]}]}


def setUpModule():
    global STANDIN, PROXY, WORK, BIG
    STANDIN = StandinServer()
    PROXY = FaultProxy(STANDIN.endpoint)
    WORK = tempfile.mkdtemp(prefix="nova-chaos-")
    s3 = client("s3")
    for bucket in (BUCKET, ESCROW):
        s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=BUCKET, Key="train/data.jsonl", Body=(json.dumps(record(0)) + "\n").encode())
    s3.put_object(Bucket=ESCROW, Key="sft/checkpoint/model.bin", Body=b"weights")
    BIG = os.path.join(WORK, "big.jsonl")
    with open(BIG, "w") as f:
        for i in range(34000):  # ~9 MB: an 8 MiB part and a small last one
            f.write(json.dumps(record(i)) + "\n")
    iam = client("iam")
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="NovaChaosExec", AssumeRolePolicyDocument=json.dumps(trust))
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}]}
    arn = iam.create_policy(PolicyName="NovaChaosS3", PolicyDocument=json.dumps(policy))["Policy"]["Arn"]
    iam.attach_role_policy(RoleName="NovaChaosExec", PolicyArn=arn)


def tearDownModule():
    PROXY.stop()
    STANDIN.stop()
    shutil.rmtree(WORK, ignore_errors=True)


def nova_env(**extra):
    env = isolated_aws_env(PROXY.endpoint, NOVA_CACHE_DIR=os.path.join(WORK, "cache"))
    env.update(extra)
    return env


def run(*args, env=None, timeout=120):
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=env or nova_env(), cwd=WORK,
                          timeout=timeout)


def jobs_named(part):
    return client("sagemaker").list_training_jobs(NameContains=part)["TrainingJobSummaries"]


def faults_seen(fault=None, op=None):
    return [r for r in PROXY.requests() if (fault is None or r["fault"] == fault) and (op is None or r["op"] == op)]


def train(job_name, *extra):
    return run("train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", job_name,
               "--instance-type", "ml.p5.48xlarge", "--instance-count", "4", "--execution-role", ROLE,
               "--data-s3-path", DATA, "--output-s3-path", OUTPUT, "--save-result", WORK, "--json", *extra)


class Chaos(unittest.TestCase):
    def setUp(self):
        PROXY.reset()
        self.started = time.monotonic()

    def tearDown(self):
        self.assertEqual(STANDIN.failures(), [])


class S3Transfers(Chaos):
    def expected_upload(self):
        # What `nova data transform` writes for data already in the target format.
        local = os.path.join(WORK, "expected.jsonl")
        if not os.path.exists(local):
            r = run("data", "transform", BIG, local, "--method", "SFT_LORA", "--model", "NOVA_LITE_2")
            self.assertEqual(r.returncode, 0, r.stderr)
        with open(local, "rb") as f:
            return f.read()

    def assert_one_object(self, key, content):
        s3 = client("s3")
        listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=key)["Contents"]
        self.assertEqual([o["Key"] for o in listed], [key])
        body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        self.assertEqual(hashlib.sha256(body).hexdigest(), hashlib.sha256(content).hexdigest())
        self.assertEqual(s3.list_multipart_uploads(Bucket=BUCKET, Prefix=key).get("Uploads", []), [])

    def test_multipart_upload_survives_every_fault_with_one_object_and_no_leftover_upload(self):
        expected = self.expected_upload()
        cases = {
            "throttle": [{"op": "UploadPart", "fault": "throttle", "skip": 1}],
            "reset_after_create": [{"op": "CreateMultipartUpload", "fault": "reset_after"}],
            "reset_after_part": [{"op": "UploadPart", "fault": "reset_after"}],
            "500_after_complete": [{"op": "CompleteMultipartUpload", "fault": "500_after"}],
        }
        for name, rules in cases.items():
            with self.subTest(fault=name):
                PROXY.reset()
                PROXY.rules(*rules)
                key = f"transfers/{name}.jsonl"
                r = run("data", "transform", BIG, f"s3://{BUCKET}/{key}", "--method", "SFT_LORA",
                        "--model", "NOVA_LITE_2")
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                self.assertTrue(faults_seen(fault=rules[0]["fault"]), f"the {name} fault never fired")
                self.assert_one_object(key, expected)

    def test_download_survives_truncated_and_slow_bodies(self):
        key = "transfers/source.jsonl"
        with open(BIG, "rb") as f:
            content = f.read()
        client("s3").put_object(Bucket=BUCKET, Key=key, Body=content)
        for fault in ("truncate", "slow", "throttle"):
            with self.subTest(fault=fault):
                PROXY.reset()
                PROXY.rules({"op": "GetObject", "fault": fault, "chunk": 1024 * 1024, "delay": 0.05})
                out = os.path.join(WORK, f"download-{fault}.jsonl")
                r = run("data", "transform", f"s3://{BUCKET}/{key}", out, "--method", "SFT_LORA",
                        "--model", "NOVA_LITE_2")
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                self.assertTrue(faults_seen(fault=fault), f"the {fault} fault never fired")
                with open(out, "rb") as f:
                    self.assertEqual(f.read(), self.expected_upload())

    def test_persistent_failure_is_a_clear_error_with_nothing_left_behind(self):
        PROXY.rules({"op": "UploadPart", "fault": "500", "times": -1})
        key = "transfers/broken.jsonl"
        r = run("data", "transform", BIG, f"s3://{BUCKET}/{key}", "--method", "SFT_LORA", "--model", "NOVA_LITE_2")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("UploadPart", r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        s3 = client("s3")
        self.assertNotIn("Contents", s3.list_objects_v2(Bucket=BUCKET, Prefix=key))
        self.assertEqual(s3.list_multipart_uploads(Bucket=BUCKET, Prefix=key).get("Uploads", []), [])


class Training(Chaos):
    CASES = {
        "reset_after": "reset_after",   # created, answer lost: claimed by DescribeTrainingJob
        "500_after": "500_after",       # created, then a 5xx: ambiguous, claimed
        "reset_before": "reset_before",  # never arrived: looked up, absent, sent again
        "throttle": "throttle",         # refused unread: sent again
        "503": "503",
    }

    def test_create_training_job_under_every_fault_makes_exactly_one_job(self):
        for name, fault in self.CASES.items():
            with self.subTest(fault=name):
                PROXY.reset()
                PROXY.rules({"op": "CreateTrainingJob", "fault": fault})
                job = f"chaos-train-{name.replace('_', '-')}"
                r = train(job)
                self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                out = json.loads(r.stdout)
                self.assertEqual([j["TrainingJobName"] for j in jobs_named(job)], [out["job_id"]])
                self.assertEqual(len(faults_seen(fault=fault, op="CreateTrainingJob")), 1)
                creates = len(faults_seen(op="CreateTrainingJob"))
                # A create whose outcome is unknown is looked up before it is sent again.
                self.assertEqual(creates, 1 if fault in ("reset_after", "500_after") else 2)

    def test_every_call_of_train_throttled_once_still_makes_one_job(self):
        PROXY.rules(*[{"op": op, "fault": "throttle"} for op in
                      ("GetCallerIdentity", "HeadBucket", "PutObject", "SimulatePrincipalPolicy", "GetRole",
                       "CreateTrainingJob", "DescribeTrainingJob")])
        r = train("chaos-train-throttled")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(len(jobs_named("chaos-train-throttled")), 1)
        self.assertGreaterEqual(len(faults_seen(fault="throttle")), 5)

    def test_a_create_that_keeps_failing_ends_with_a_clear_error_and_no_job(self):
        PROXY.rules({"op": "CreateTrainingJob", "fault": "reset_before", "times": -1})
        r = train("chaos-train-down")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("training job 'chaos-train-down-", r.stderr)
        self.assertIn("was not created", r.stderr)
        self.assertEqual(jobs_named("chaos-train-down"), [])


class Evaluation(Chaos):
    def test_lost_create_answer_makes_exactly_one_evaluation_job(self):
        PROXY.rules({"op": "CreateTrainingJob", "fault": "reset_after"})
        r = run("evaluate", "--model", "nova-lite-2", "--job-name", "chaos-eval", "--eval-task", "mmlu",
                "--model-path", CHECKPOINT, "--execution-role", ROLE, "--output-s3-path", OUTPUT,
                "--save-result", WORK, "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual([j["TrainingJobName"] for j in jobs_named("chaos-eval")], [json.loads(r.stdout)["job_id"]])
        self.assertEqual(len(faults_seen(fault="reset_after")), 1)


class Deployment(Chaos):
    def test_lost_import_answer_makes_exactly_one_custom_model(self):
        before = len(client("bedrock").list_custom_models()["modelSummaries"])
        PROXY.rules({"op": "POST /custom-models/create-custom-model", "fault": "reset_after"})
        artifact = f"s3://{ESCROW}/deploy-chaos/checkpoint/"
        r = run("deploy", "create", "--model-artifact-path", artifact, "--model", "NOVA_MICRO", "--method", "sft_lora",
                "--endpoint-name", "chaos-od", "--poll-interval", "0.01", "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(len(faults_seen(fault="reset_after")), 1, PROXY.requests())
        models = client("bedrock").list_custom_models()["modelSummaries"]
        self.assertEqual(len(models), before + 1, models)
        deployments = client("bedrock").list_custom_model_deployments()["modelDeploymentSummaries"]
        self.assertEqual(len([d for d in deployments if d["customModelDeploymentName"] == "chaos-od"]), 1)

    def test_an_import_wait_that_cannot_reach_aws_gives_up_within_its_budget_and_can_be_resumed(self):
        artifact = f"s3://{ESCROW}/deploy-chaos-down/checkpoint/"
        args = ("deploy", "create", "--model-artifact-path", artifact, "--model", "NOVA_MICRO", "--method", "sft_lora",
                "--endpoint-name", "chaos-od-down", "--poll-interval", "0.01", "--json")
        PROXY.rules({"match": {"method": "GET", "path": "^/custom-models/."}, "fault": "503", "times": -1})
        started = time.monotonic()
        r = run(*args, "--max-errors", "2", "--error-timeout", "60", env=nova_env(AWS_MAX_ATTEMPTS="1"), timeout=60)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertLess(time.monotonic() - started, 20)
        self.assertIn("gave up waiting for the custom model chaos-od-down-", r.stderr)
        self.assertIn("2 polls in a row failed", r.stderr)
        self.assertIn(f"resume with `nova deploy create --model-artifact-path {artifact} ...`", r.stderr)
        # The same command once AWS answers again: the model imported by the first run is reused.
        PROXY.reset()
        again = run(*args)
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        models = client("bedrock").list_custom_models(nameContains="chaos-od-down")["modelSummaries"]
        self.assertEqual(len(models), 1, models)
        self.assertEqual(len([r for r in PROXY.requests() if r["op"] == "POST /custom-models/create-custom-model"]), 0)


class Waits(Chaos):
    def running_job(self, name):
        r = train(name)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        STANDIN.mark_running(out["job_id"])
        return out

    def stop_later(self, job_id, after):
        timer = threading.Timer(after, lambda: client("sagemaker").stop_training_job(TrainingJobName=job_id))
        timer.start()
        self.addCleanup(timer.cancel)

    def test_watch_rides_out_throttling_and_server_errors_until_the_job_ends(self):
        out = self.running_job("chaos-watch")
        PROXY.reset()
        # Poll 2 fails all three attempts (throttled twice, then 503); poll 3 survives a 503 and
        # a reset on its way to an answer.
        PROXY.rules({"op": "DescribeTrainingJob", "fault": "throttle", "times": 2, "skip": 1},
                    {"op": "DescribeTrainingJob", "fault": "503", "times": 2},
                    {"op": "DescribeTrainingJob", "fault": "reset_after", "times": 1})
        self.stop_later(out["job_id"], 6)
        r = run("job", "status", out["result_file"], "--watch", "--interval", "0.5", timeout=90)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)  # stopped counts as FAILED
        lines = r.stdout.strip().splitlines()
        self.assertIn("IN_PROGRESS (InProgress)", lines[0])
        self.assertIn("FAILED (Stopped)", lines[-1])
        self.assertEqual(len(faults_seen(op="DescribeTrainingJob", fault="throttle")), 2)
        self.assertEqual(len(faults_seen(op="DescribeTrainingJob", fault="reset_after")), 1)

    def test_a_watch_that_cannot_reach_aws_gives_up_within_its_budget_and_can_be_resumed(self):
        out = self.running_job("chaos-watch-down")
        PROXY.reset()
        PROXY.rules({"op": "DescribeTrainingJob", "fault": "503", "times": -1})
        started = time.monotonic()
        r = run("job", "status", out["result_file"], "--watch", "--interval", "0.2", "--max-errors", "2",
                "--error-timeout", "60", env=nova_env(AWS_MAX_ATTEMPTS="1"), timeout=60)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertLess(time.monotonic() - started, 20)
        self.assertIn("gave up waiting for the status of job " + out["job_id"], r.stderr)
        self.assertIn("2 polls in a row failed", r.stderr)
        self.assertIn("--watch", r.stderr)
        # Resumed from the saved result once AWS answers again.
        PROXY.reset()
        self.stop_later(out["job_id"], 1)
        again = run("job", "status", out["result_file"], "--watch", "--interval", "0.3", timeout=60)
        self.assertEqual(again.returncode, 1, again.stdout + again.stderr)
        self.assertIn("FAILED (Stopped)", again.stdout)

    def test_watch_timeout_ends_a_wait_whose_job_still_runs(self):
        out = self.running_job("chaos-watch-timeout")
        r = run("job", "status", out["result_file"], "--watch", "--interval", "0.5", "--timeout", "1")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("still InProgress after", r.stderr)
        client("sagemaker").stop_training_job(TrainingJobName=out["job_id"])


class ClockAndCredentials(Chaos):
    def test_a_server_clock_20_minutes_ahead_is_corrected_once_per_run(self):
        PROXY.skew(20 * 60)
        r = train("chaos-skew")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(len(jobs_named("chaos-skew")), 1)
        self.assertEqual(len(faults_seen(fault="skew")), 1, [x for x in PROXY.requests() if x["fault"]])

    def test_credentials_that_expire_during_a_long_wait_are_refreshed_unnoticed(self):
        out = Waits.running_job(self, "chaos-creds")
        PROXY.reset()
        PROXY.credentials(lifetime=2)
        env = nova_env(AWS_CONTAINER_CREDENTIALS_FULL_URI=PROXY.endpoint + "/__creds__")
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            env.pop(k, None)
        Waits.stop_later(self, out["job_id"], 6)
        r = run("job", "status", out["result_file"], "--watch", "--interval", "1", env=env, timeout=60)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("FAILED (Stopped)", r.stdout)
        describes = faults_seen(op="DescribeTrainingJob")
        self.assertGreaterEqual(len(describes), 5)
        self.assertEqual(faults_seen(fault="expired"), [])
        # More than one set of credentials was used: they expired and were refreshed mid-wait.
        self.assertGreater(len({d["key"] for d in describes}), 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
