"""Contract tests for `nova doctor` and `nova iam policy` against the AWS stand-in
(aws_standin.py, a real moto_server behind it): the flags, the --json keys, exit codes 0/1/2,
a failing check's fix, and the cache a following command reuses.
Run by ctest as: python3 test_doctor_cli.py NOVA FIXTURES."""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
ACCOUNT = "123456789012"
BUCKET = "nova-doctor-cli"
DATA = f"s3://{BUCKET}/train/data.jsonl"
OUTPUT = f"s3://{BUCKET}/output"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/NovaDoctorCliExec"
STANDIN = None
CACHE = None


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def setUpModule():
    global STANDIN, CACHE
    STANDIN = StandinServer()
    CACHE = tempfile.mkdtemp(prefix="nova-doctor-cli-cache-")
    s3 = client("s3")
    s3.create_bucket(Bucket=BUCKET)
    record = {"schemaVersion": "bedrock-conversation-2024", "messages": [
        {"role": "user", "content": [{"text": "hi"}]}, {"role": "assistant", "content": [{"text": "hello"}]}]}
    s3.put_object(Bucket=BUCKET, Key="train/data.jsonl", Body=json.dumps(record).encode() + b"\n")
    iam = client("iam")
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="NovaDoctorCliExec", AssumeRolePolicyDocument=json.dumps(trust))
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}]}
    iam.put_role_policy(RoleName="NovaDoctorCliExec", PolicyName="S3", PolicyDocument=json.dumps(policy))
    STANDIN._control("PUT", "service-quotas/sagemaker", [
        {"QuotaName": "ml.g5.12xlarge for training job usage", "Value": 2},
        {"QuotaName": "ml.p4d.24xlarge for training job usage", "Value": 0},
        {"QuotaName": "ml.p5.48xlarge for training job usage", "Value": 4, "QuotaCode": "L-P5TRAIN"}])


def tearDownModule():
    STANDIN.stop()
    shutil.rmtree(CACHE, ignore_errors=True)


def run(*args, **env_extra):
    env = isolated_aws_env(STANDIN.endpoint, **{"NOVA_CACHE_DIR": CACHE, **env_extra})
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=env)


RUN = ["--model", "nova-lite-2", "--method", "sft_lora", "--instance-type", "ml.p5.48xlarge", "--instance-count", "4",
       "--data-s3-path", DATA, "--output-s3-path", OUTPUT, "--execution-role", ROLE]


class DoctorTest(unittest.TestCase):
    def setUp(self):
        STANDIN.deny_actions([])

    def test_a_ready_run_exits_0_with_every_check_passing(self):
        r = run("doctor", *RUN, "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(list(doc), ["ok", "checks"])
        self.assertTrue(doc["ok"])
        for check in doc["checks"]:
            self.assertEqual(list(check), ["name", "status", "detail", "fix"])
            self.assertIn(check["status"], ("pass", "warn", "fail"))
        names = {c["name"]: c["status"] for c in doc["checks"]}
        for name in ("credentials", "region", "recipe", "instance", "quota", "permissions", "execution-role",
                     "execution-role-permissions", "bucket:data", "bucket:output", "data"):
            self.assertEqual(names.get(name), "pass", (name, doc))

    def test_a_missing_permission_exits_1_and_prints_the_fix(self):
        STANDIN.deny_actions(["iam:PassRole"])
        r = run("doctor", *RUN)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("FAIL  permission:PassTheExecutionRoleToSageMaker", r.stdout)
        self.assertIn(f"may not call iam:PassRole on {ROLE}", r.stdout)
        self.assertIn('fix: add this statement to a policy of', r.stdout)
        self.assertIn('"iam:PassedToService":"sagemaker.amazonaws.com"', r.stdout)
        self.assertIn("Not ready: 1 check failed", r.stdout)

    def test_a_quota_too_small_exits_1(self):
        r = run("doctor", *[a if a != "4" else "5" for a in RUN], "--json")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        quota = next(c for c in json.loads(r.stdout)["checks"] if c["name"] == "quota")
        self.assertEqual(quota["status"], "fail")
        self.assertIn("request-service-quota-increase", quota["fix"])

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("doctor", "--platform", "EC2").returncode, 2)
        self.assertEqual(run("doctor", "--model", "nova-lite-2").returncode, 2)  # --method too
        self.assertEqual(run("doctor", "--platform", "SMHP").returncode, 2)  # --cluster-name
        self.assertEqual(run("doctor", "--deploy-platform", "EC2").returncode, 2)

    def test_a_passing_result_is_reused_by_the_next_command_and_kept_private(self):
        cache = tempfile.mkdtemp(prefix="nova-doctor-cli-reuse-")
        try:
            first = run("doctor", *RUN, "--job-name", "reuse", NOVA_PREFLIGHT_CACHE_SECONDS="60", NOVA_CACHE_DIR=cache)
            self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
            STANDIN._control("DELETE", "calls")
            second = run("doctor", *RUN, "--job-name", "reuse", NOVA_PREFLIGHT_CACHE_SECONDS="60", NOVA_CACHE_DIR=cache)
            self.assertEqual(second.returncode, 0)
            self.assertIn("checked less than a minute ago", second.stdout)
            self.assertEqual(STANDIN.calls(), [])
            files = os.listdir(os.path.join(cache, "preflight"))
            self.assertEqual(len(files), 1)
            mode = os.stat(os.path.join(cache, "preflight", files[0])).st_mode
            self.assertEqual(stat.S_IMODE(mode), 0o600)
        finally:
            shutil.rmtree(cache, ignore_errors=True)


class IamPolicyTest(unittest.TestCase):
    def test_caller_role_and_trust_documents(self):
        r = run("iam", "policy", "--for", "train", *RUN, "--job-name", "my-sft")
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(list(doc), ["caller", "role", "trust"])
        caller = {s["Sid"]: s for s in doc["caller"]["Statement"]}
        self.assertEqual(caller["StartAndFollowTheJob"]["Resource"],
                         [f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:training-job/my-sft*"])
        self.assertEqual(caller["PassTheExecutionRoleToSageMaker"]["Resource"], [ROLE])
        for statement in doc["caller"]["Statement"] + doc["role"]["Statement"]:
            if any(r in ("*",) or r.endswith(":*") for r in statement["Resource"]):
                self.assertIn("Wildcard", statement["Sid"], statement)
        self.assertEqual(doc["trust"]["Statement"][0]["Principal"], {"Service": "sagemaker.amazonaws.com"})

    def test_one_document_and_an_open_job_name(self):
        r = run("iam", "policy", "--for", "train", *RUN, "--caller")
        self.assertEqual(r.returncode, 0, r.stderr)
        sids = [s["Sid"] for s in json.loads(r.stdout)["Statement"]]
        self.assertIn("StartAndFollowTheJobWildcardAnyJobNamePassJobNameToScopeIt", sids)
        trust = json.loads(run("iam", "policy", "--for", "deploy", "--deploy-platform", "BEDROCK_OD", "--trust").stdout)
        self.assertEqual(trust["Statement"][0]["Principal"], {"Service": "bedrock.amazonaws.com"})

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("iam", "policy", "--for", "nothing").returncode, 2)
        self.assertEqual(run("iam", "policy", "--for", "deploy").returncode, 2)
        self.assertEqual(run("iam", "policy", "--for", "hyperpod").returncode, 2)
        self.assertEqual(run("iam", "policy", "--for", "train", "--role", "--trust").returncode, 2)


if __name__ == "__main__":
    unittest.main()
