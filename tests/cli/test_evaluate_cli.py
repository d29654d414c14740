"""Contract tests for `nova evaluate` and `nova infer` against the AWS stand-in
(aws_standin.py, a real moto_server behind it) that this script starts on a free port. Jobs
and their uploaded recipes are read back with boto3. Run by ctest as:
python3 test_evaluate_cli.py NOVA FIXTURES."""
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
ACCOUNT = "123456789012"
BUCKET = "nova-eval-cli"
OUTPUT = f"s3://{BUCKET}/output"
GOOD = f"s3://{BUCKET}/eval/good.jsonl"
BAD = f"s3://{BUCKET}/eval/bad.jsonl"
ESCROW = f"customer-escrow-{ACCOUNT}-smtj-cli01"
CHECKPOINT = f"s3://{ESCROW}/sft/checkpoint"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/NovaEvalCliExec"
LAMBDA = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:score"
STANDIN = None
CACHE = None


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def setUpModule():
    global STANDIN, CACHE
    STANDIN = StandinServer()
    CACHE = tempfile.mkdtemp(prefix="nova-eval-cli-cache-")
    s3 = client("s3")
    for bucket in (BUCKET, ESCROW):
        s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=ESCROW, Key="sft/checkpoint/model.bin", Body=b"weights")
    good = [{"query": "2+2?", "response": "4"}, {"query": "Capital of France?", "response": "Paris"}]
    s3.put_object(Bucket=BUCKET, Key="eval/good.jsonl", Body="".join(json.dumps(r) + "\n" for r in good).encode())
    s3.put_object(Bucket=BUCKET, Key="eval/bad.jsonl", Body=b'{"query": "a", "response": "b"}\n{"query": "no answer"}\n')
    iam = client("iam")
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="NovaEvalCliExec", AssumeRolePolicyDocument=json.dumps(trust))
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}]}
    arn = iam.create_policy(PolicyName="NovaEvalCliS3", PolicyDocument=json.dumps(policy))["Policy"]["Arn"]
    iam.attach_role_policy(RoleName="NovaEvalCliExec", PolicyArn=arn)


def tearDownModule():
    STANDIN.stop()
    shutil.rmtree(CACHE, ignore_errors=True)


def run(*args):
    env = isolated_aws_env(STANDIN.endpoint, NOVA_CACHE_DIR=CACHE)
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=env)


def jobs_named(part):
    return client("sagemaker").list_training_jobs(NameContains=part)["TrainingJobSummaries"]


def uploaded_recipe(job):
    channels = {c["ChannelName"]: c for c in job["InputDataConfig"]}
    uri = channels["recipe"]["DataSource"]["S3DataSource"]["S3Uri"]
    bucket, _, prefix = uri[len("s3://"):].partition("/")
    name = os.path.basename(job["HyperParameters"]["sagemaker_recipe_local_path"])
    keys = [o["Key"] for o in client("s3").list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
            if o["Key"].endswith("/" + name)]
    return client("s3").get_object(Bucket=bucket, Key=keys[0])["Body"].read().decode()


def common(job_name):
    return ["--model", "nova-lite-2", "--job-name", job_name, "--execution-role", ROLE, "--output-s3-path", OUTPUT]


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def start(self, command, job_name, *extra):
        r = run(command, *common(job_name), "--save-result", self.tmp.name, "--json", *extra)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return json.loads(r.stdout)


class Evaluate(TempDirTest):
    def test_json_output_job_and_uploaded_recipe(self):
        out = self.start("evaluate", "cli-eval", "--eval-task", "mmlu", "--subtask", "anatomy",
                         "--model-path", CHECKPOINT, "--override", "max_new_tokens=1024")
        self.assertEqual(list(out), ["job_id", "started_time", "platform", "result_file", "eval_task",
                                     "eval_output_path"])
        self.assertTrue(out["job_id"].startswith("cli-eval-"))
        self.assertEqual(out["eval_task"], "mmlu")
        self.assertEqual(out["platform"], "SMTJ")
        self.assertEqual(out["eval_output_path"], f"{OUTPUT}/{out['job_id']}/output/output.tar.gz")
        job = client("sagemaker").describe_training_job(TrainingJobName=out["job_id"])
        self.assertEqual(job["ResourceConfig"]["InstanceCount"], 1)
        recipe = uploaded_recipe(job)
        for line in ("task: mmlu", "strategy: zs_cot", "metric: accuracy", "subtask: anatomy",
                     "max_new_tokens: 1024", f"model_name_or_path: {CHECKPOINT}"):
            self.assertIn(line, recipe)
        with open(out["result_file"]) as f:
            saved = json.load(f)
        self.assertEqual(saved["__class_name__"], "SMTJEvaluationResult")
        self.assertEqual(saved["eval_output_path"], out["eval_output_path"])

    def test_job_result_file_gives_the_checkpoint_from_the_output_archive(self):
        r = run("train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", "cli-sft-src",
                "--execution-role", ROLE, "--data-s3-path", GOOD, "--output-s3-path", OUTPUT,
                "--instance-type", "ml.p5.48xlarge", "--instance-count", "4", "--save-result", self.tmp.name, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        trained = json.loads(r.stdout)
        manifest = json.dumps({"checkpoint_s3_bucket": CHECKPOINT}).encode()
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz") as tar:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            tar.addfile(info, io.BytesIO(manifest))
        client("s3").put_object(Bucket=BUCKET, Key=f"output/{trained['job_id']}/output/output.tar.gz",
                                Body=buf.getvalue())
        r = run("evaluate", *common("cli-eval-chain"), "--method", "sft_lora", "--eval-task", "gpqa",
                "--job-result", trained["result_file"], "--dry-run", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        plan = json.loads(r.stdout)
        self.assertIn(f"model_name_or_path: {CHECKPOINT}", plan["recipe"]["yaml"])
        self.assertEqual(jobs_named("cli-eval-chain"), [])

    def test_byod_processor_and_data(self):
        out = self.start("evaluate", "cli-genqa", "--eval-task", "gen_qa", "--data-s3-path", GOOD,
                         "--processor", f"lambda_arn={LAMBDA}")
        job = client("sagemaker").describe_training_job(TrainingJobName=out["job_id"])
        channels = {c["ChannelName"]: c for c in job["InputDataConfig"]}
        source = channels["train"]["DataSource"]["S3DataSource"]
        self.assertEqual((source["S3Uri"], source["S3DataType"]), (GOOD, "S3Prefix"))
        self.assertIn(f"lambda_arn: {LAMBDA}", uploaded_recipe(job))

    def test_text_output_names_the_job_and_the_results(self):
        r = run("evaluate", *common("cli-eval-text"), "--eval-task", "bbh", "--save-result", self.tmp.name)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Started evaluation job cli-eval-text-", r.stdout)
        self.assertIn("/output/output.tar.gz", r.stdout)
        self.assertIn("nova job status", r.stdout)


class EvaluateRefusals(unittest.TestCase):
    def refused(self, *args):
        r = run(*args)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        return r.stderr

    def test_invalid_byod_data_exits_1_naming_the_line_and_creates_nothing(self):
        err = self.refused("evaluate", *common("cli-bad-data"), "--eval-task", "gen_qa", "--data-s3-path", BAD)
        self.assertIn("bad.jsonl:2:", err)
        self.assertEqual(jobs_named("cli-bad-data"), [])

    def test_invalid_subtask_names_the_valid_ones(self):
        err = self.refused("evaluate", *common("cli-bad-sub"), "--eval-task", "math", "--subtask", "calculus")
        self.assertIn('Invalid subtask "calculus" for task math', err)
        self.assertIn("algebra", err)

    def test_processor_on_a_benchmark_and_a_bad_rl_env(self):
        err = self.refused("evaluate", *common("cli-bad-proc"), "--eval-task", "mmlu", "--processor",
                           f"lambda_arn={LAMBDA}")
        self.assertIn("'processor' is only used by the gen_qa task", err)
        err = self.refused("evaluate", *common("cli-bad-rl"), "--eval-task", "rft_eval", "--data-s3-path", GOOD,
                           "--rl-env", "reward_lambda_arn=nope")
        self.assertIn("rl_env must contain a reward_lambda_arn", err)

    def test_a_hyperpod_checkpoint_on_smtj_is_a_platform_mismatch(self):
        err = self.refused("evaluate", *common("cli-mismatch"), "--eval-task", "mmlu", "--model-path",
                           f"s3://customer-escrow-{ACCOUNT}-hp-x1/ckpt")
        self.assertIn("Platform mismatch", err)

    def test_an_unknown_task_is_a_usage_error(self):
        r = run("evaluate", *common("cli-bad-task"), "--eval-task", "trivia")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("MMLU", r.stderr)

    def test_a_processor_entry_without_equals_is_a_usage_error(self):
        r = run("evaluate", *common("cli-bad-eq"), "--eval-task", "gen_qa", "--processor", "lambda_arn")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--processor", r.stderr)


class Infer(TempDirTest):
    def test_json_output_and_the_gen_qa_recipe_from_an_sft_customizer(self):
        out = self.start("infer", "cli-infer", "--method", "sft_lora", "--input", GOOD, "--model-path", CHECKPOINT,
                         "--override", "max_new_tokens=256", "--override", "top_logprobs=2")
        self.assertEqual(list(out), ["job_id", "started_time", "platform", "result_file", "inference_output_path"])
        self.assertTrue(out["job_id"].startswith("cli-infer-"))
        self.assertEqual(out["inference_output_path"], f"{OUTPUT}/{out['job_id']}/output/output.tar.gz")
        job = client("sagemaker").describe_training_job(TrainingJobName=out["job_id"])
        recipe = uploaded_recipe(job)
        for line in ("task: gen_qa", "strategy: gen_qa", "metric: all", "max_new_tokens: 256", "top_logprobs: 2"):
            self.assertIn(line, recipe)
        with open(out["result_file"]) as f:
            saved = json.load(f)
        self.assertEqual(saved["__class_name__"], "SMTJBatchInferenceResult")
        self.assertEqual(saved["job_id"], out["job_id"])

    def test_dry_run_creates_nothing(self):
        r = run("infer", *common("cli-infer-dry"), "--input", GOOD, "--dry-run", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(json.loads(r.stdout)["dry_run"])
        self.assertEqual(jobs_named("cli-infer-dry"), [])

    def test_output_s3_path_is_required(self):
        r = run("infer", "--model", "nova-lite-2", "--job-name", "x", "--input", GOOD)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--output-s3-path", r.stderr)

    def test_invalid_input_exits_1(self):
        r = run("infer", *common("cli-infer-bad"), "--input", BAD)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("bad.jsonl:2:", r.stderr)
        self.assertEqual(jobs_named("cli-infer-bad"), [])


if __name__ == "__main__":
    unittest.main()
