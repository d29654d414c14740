"""Contract tests for `nova train`, `nova recipe show` and `nova job status|stop` against the AWS
stand-in (aws_standin.py, a real moto_server behind it) that this script starts on a free port.
Jobs are read back with boto3, so what is asserted is what SageMaker was asked to create.
Run by ctest as: python3 test_train_cli.py NOVA FIXTURES."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
ACCOUNT = "123456789012"
BUCKET = "nova-train-cli"
DATA = f"s3://{BUCKET}/train/data.jsonl"
OUTPUT = f"s3://{BUCKET}/output"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/NovaTrainCliExec"
UNTRUSTING_ROLE = f"arn:aws:iam::{ACCOUNT}:role/NovaTrainCliLambda"
STANDIN = None
CACHE = None


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def make_role(name, service):
    iam = client("iam")
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}]}
    arn = iam.create_policy(PolicyName=name + "S3", PolicyDocument=json.dumps(policy))["Policy"]["Arn"]
    iam.attach_role_policy(RoleName=name, PolicyArn=arn)


def setUpModule():
    global STANDIN, CACHE
    STANDIN = StandinServer()
    CACHE = tempfile.mkdtemp(prefix="nova-train-cli-cache-")
    s3 = client("s3")
    s3.create_bucket(Bucket=BUCKET)
    record = {"schemaVersion": "bedrock-conversation-2024", "messages": [
        {"role": "user", "content": [{"text": "hi"}]}, {"role": "assistant", "content": [{"text": "hello"}]}]}
    s3.put_object(Bucket=BUCKET, Key="train/data.jsonl", Body=json.dumps(record).encode() + b"\n")
    make_role("NovaTrainCliExec", "sagemaker.amazonaws.com")
    make_role("NovaTrainCliLambda", "lambda.amazonaws.com")


def tearDownModule():
    STANDIN.stop()
    shutil.rmtree(CACHE, ignore_errors=True)


def run(*args, cwd=None):
    env = isolated_aws_env(STANDIN.endpoint, NOVA_CACHE_DIR=CACHE)
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=env, cwd=cwd)


def jobs_named(part):
    return client("sagemaker").list_training_jobs(NameContains=part)["TrainingJobSummaries"]


def train_args(job_name, *extra):
    return ["train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", job_name,
            "--instance-type", "ml.p5.48xlarge", "--instance-count", "4", "--execution-role", ROLE,
            "--data-s3-path", DATA, "--output-s3-path", OUTPUT, *extra]


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()


class Train(TempDirTest):
    def start(self, job_name, *extra):
        r = run(*train_args(job_name, "--save-result", self.tmp.name, "--json", *extra))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return json.loads(r.stdout)

    def test_json_output_and_the_job_sagemaker_was_asked_for(self):
        out = self.start("cli-sft", "--override", "max_steps=20", "--override", "lr=2e-5")
        self.assertEqual(list(out)[:5], ["job_id", "method", "started_time", "model_artifacts", "result_file"])
        self.assertTrue(out["job_id"].startswith("cli-sft-"))
        self.assertEqual(out["method"], "sft_lora")
        self.assertEqual(out["model_artifacts"]["output_s3_path"], OUTPUT)
        self.assertIn("checkpoint_s3_path", out["model_artifacts"])

        job = client("sagemaker").describe_training_job(TrainingJobName=out["job_id"])
        self.assertEqual(job["RoleArn"], ROLE)
        self.assertIn("nova-fine-tune-repo:SM-TJ-SFT-V2-latest", job["AlgorithmSpecification"]["TrainingImage"])
        self.assertTrue(job["AlgorithmSpecification"]["TrainingImage"].startswith("708977205387.dkr.ecr.us-east-1."))
        self.assertEqual(job["ResourceConfig"]["InstanceType"], "ml.p5.48xlarge")
        self.assertEqual(job["ResourceConfig"]["InstanceCount"], 4)
        self.assertEqual(job["ResourceConfig"]["VolumeSizeInGB"], 30)
        self.assertEqual(job["OutputDataConfig"]["S3OutputPath"], OUTPUT)
        self.assertEqual(job["StoppingCondition"]["MaxRuntimeInSeconds"], 86400)
        channels = {c["ChannelName"]: c for c in job["InputDataConfig"]}
        self.assertEqual(sorted(channels), ["recipe", "train"])
        train = channels["train"]["DataSource"]["S3DataSource"]
        self.assertEqual((train["S3Uri"], train["S3DataType"], train["S3DataDistributionType"]),
                         (DATA, "Converse", "FullyReplicated"))
        recipe_uri = channels["recipe"]["DataSource"]["S3DataSource"]["S3Uri"]
        hp = job["HyperParameters"]
        self.assertTrue(hp["sagemaker_recipe_local_path"].startswith("/opt/ml/input/data/recipe/"))
        self.assertTrue(hp["sagemaker_recipe_local_path"].endswith(".yaml"))
        self.assertEqual(hp["base_model"], "nova-lite-2/prod")

        # The uploaded recipe is the one the job runs: overrides applied.
        bucket, _, prefix = recipe_uri[len("s3://"):].partition("/")
        self.assertEqual(bucket, f"sagemaker-us-east-1-{ACCOUNT}")
        objects = client("s3").list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
        recipe_file = os.path.basename(hp["sagemaker_recipe_local_path"])
        keys = [o["Key"] for o in objects if o["Key"].endswith("/" + recipe_file)]
        self.assertEqual(len(keys), 1, objects)
        body = client("s3").get_object(Bucket=bucket, Key=keys[0])["Body"].read().decode()
        self.assertIn("max_steps: 20", body)
        self.assertIn(f"data_s3_path: {DATA}", body)

        # The result file is the reference's format, in --save-result.
        self.assertEqual(os.path.dirname(out["result_file"]), self.tmp.name)
        with open(out["result_file"]) as f:
            saved = json.load(f)
        self.assertEqual(saved["__class_name__"], "SMTJTrainingResult")
        self.assertEqual(saved["job_id"], out["job_id"])

    def test_tensorboard_and_profiler_settings(self):
        out = self.start("cli-tb")
        job = client("sagemaker").describe_training_job(TrainingJobName=out["job_id"])
        self.assertEqual(job["TensorBoardOutputConfig"]["S3OutputPath"], OUTPUT)
        # moto does not keep ProfilerConfig: read it from the request the stand-in received.
        sent = [c["params"] for c in STANDIN.calls()
                if c["operation"] == "CreateTrainingJob" and c["params"]["TrainingJobName"] == out["job_id"]]
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent[0]["ProfilerConfig"], {"DisableProfiler": True})
        self.assertEqual(sent[0]["TensorBoardOutputConfig"], {"S3OutputPath": OUTPUT})

    def dry_run_request(self, job_name, *extra):
        r = run(*train_args(job_name, "--dry-run", "--json", *extra))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return json.loads(r.stdout)["request"]

    def test_kms_vpc_and_encryption_reach_the_job(self):
        # A key that exists: the pre-flight KMS check refuses one that does not.
        key = client("kms").create_key(Description="cli-vpc")["KeyMetadata"]["KeyId"]
        extra = ["--kms-key-id", key, "--subnet", "subnet-0a1b2c3d",
                 "--subnet", "subnet-4e5f6a7b", "--security-group-id", "sg-0123456789abcdef0",
                 "--encrypt-inter-container-traffic"]
        out = self.start("cli-vpc", *extra)
        job = client("sagemaker").describe_training_job(TrainingJobName=out["job_id"])
        request = self.dry_run_request("cli-vpc-dry", *extra)
        for sent in (request, job):
            self.assertEqual(sent["OutputDataConfig"]["KmsKeyId"], key)
            self.assertEqual(sent["VpcConfig"]["Subnets"], ["subnet-0a1b2c3d", "subnet-4e5f6a7b"])
            self.assertEqual(sent["VpcConfig"]["SecurityGroupIds"], ["sg-0123456789abcdef0"])
            self.assertTrue(sent["EnableInterContainerTrafficEncryption"])

    def test_human_output_names_the_job_and_the_result_file(self):
        r = run(*train_args("cli-text", "--save-result", self.tmp.name))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Started training job cli-text-", r.stdout)
        self.assertIn("Result file: " + self.tmp.name, r.stdout)
        self.assertIn("nova job status", r.stdout)

    def test_default_result_file_goes_to_the_current_directory(self):
        r = run(*train_args("cli-cwd", "--json"), cwd=self.tmp.name)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(os.listdir(self.tmp.name), [out["job_id"] + "_SMTJ.json"])


class DryRun(TempDirTest):
    def test_json_shows_recipe_and_request_and_creates_nothing(self):
        r = run(*train_args("cli-dry", "--dry-run", "--json", "--override", "max_steps=30",
                            "--generated-recipe-dir", self.tmp.name))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        for key in ("dry_run", "job_name", "recipe", "request", "instance_type", "instance_count", "execution_role"):
            self.assertIn(key, out)
        self.assertIs(out["dry_run"], True)
        self.assertTrue(out["job_name"].startswith("cli-dry-"))
        self.assertEqual(sorted(out["recipe"]), ["file", "name", "origin", "yaml"])
        self.assertIn("max_steps: 30", out["recipe"]["yaml"])
        self.assertTrue(out["recipe"]["file"].startswith(self.tmp.name))
        self.assertEqual((out["instance_type"], out["instance_count"], out["execution_role"]),
                         ("ml.p5.48xlarge", 4, ROLE))
        request = out["request"]
        self.assertEqual(request["TrainingJobName"], out["job_name"])
        self.assertEqual(request["RoleArn"], ROLE)
        self.assertEqual(request["ResourceConfig"]["InstanceCount"], 4)
        self.assertEqual(jobs_named("cli-dry"), [])

    def test_text_prints_the_plan_recipe_and_request(self):
        r = run(*train_args("cli-dry-text", "--dry-run"))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        for text in ("Dry run", "--- resolved recipe ---", "training_config:", "--- CreateTrainingJob request ---",
                     '"TrainingJobName": "cli-dry-text-'):
            self.assertIn(text, r.stdout)
        self.assertEqual(jobs_named("cli-dry-text"), [])

    def test_instance_type_and_count_default_to_the_recipe(self):
        r = run("train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", "cli-defaults",
                "--execution-role", ROLE, "--data-s3-path", DATA, "--output-s3-path", OUTPUT, "--dry-run", "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["request"]["ResourceConfig"]["InstanceType"], out["instance_type"])
        self.assertGreaterEqual(out["instance_count"], 1)


class Refusals(unittest.TestCase):
    def test_a_misspelt_override_exits_1_naming_the_closest_key(self):
        r = run(*train_args("cli-bad-override", "--override", "max_stepz=5", "--dry-run"))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("max_stepz", r.stderr)
        self.assertIn("max_steps", r.stderr.replace("max_stepz", ""))
        self.assertEqual(r.stdout, "")

    def test_an_override_without_equals_is_a_usage_error(self):
        r = run(*train_args("cli-no-equals", "--override", "max_steps", "--dry-run"))
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("--override", r.stderr)

    def test_unknown_model_exits_2_naming_the_valid_ones(self):
        r = run("train", "--model", "nova-giant", "--method", "sft_lora", "--job-name", "x", "--dry-run")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("nova-giant", r.stderr)
        self.assertIn("NOVA_LITE_2", r.stderr)

    def test_a_role_that_does_not_trust_sagemaker_exits_1_and_creates_nothing(self):
        args = train_args("cli-untrusted")
        args[args.index(ROLE)] = UNTRUSTING_ROLE
        r = run(*args)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("does not trust sagemaker.amazonaws.com", r.stderr)
        self.assertEqual(jobs_named("cli-untrusted"), [])

    def test_smhp_without_a_cluster_is_a_usage_error(self):
        r = run("train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", "x", "--platform", "smhp",
                "--dry-run")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("--cluster-name", r.stderr)


class RecipeShow(unittest.TestCase):
    def test_json_lists_every_overridable_key(self):
        r = run("recipe", "show", "--model", "nova-lite-2", "--method", "sft_lora", "--platform", "smtj", "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        for key in ("recipe_name", "origin", "hub_content_version", "image_uri", "instance_type", "instance_count",
                    "yaml", "parameters"):
            self.assertIn(key, out)
        self.assertIn("SM-TJ-SFT-V2-latest", out["image_uri"])
        self.assertIn("training_config:", out["yaml"])
        params = {p["key"]: p for p in out["parameters"]}
        for p in out["parameters"]:
            self.assertEqual(sorted(p), ["default", "enum", "key", "max", "min", "required", "type"])
        self.assertIn("max_steps", params)
        self.assertEqual(params["max_steps"]["type"], "integer")
        self.assertIsInstance(params["max_steps"]["default"], int)
        self.assertTrue(params["max_steps"]["min"] is not None or params["max_steps"]["enum"] is not None)

    def test_override_and_instance_type_are_applied(self):
        r = run("recipe", "show", "--model", "nova-lite-2", "--method", "sft_lora", "--instance-type",
                "ml.p5.48xlarge", "--override", "max_steps=42", "--offline", "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["instance_type"], "ml.p5.48xlarge")
        self.assertIn("max_steps: 42", out["yaml"])

    def test_text_has_header_yaml_and_key_table(self):
        r = run("recipe", "show", "--model", "nova-lite-2", "--method", "sft_lora", "--offline")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        for text in ("Recipe:", "Origin:", "Image:", "Instances:", "training_config:", "Overridable keys"):
            self.assertIn(text, r.stdout)
        table = r.stdout[r.stdout.index("Overridable keys"):]
        self.assertRegex(table, r"\nmax_steps +integer +\d+ ")

    def test_an_instance_type_the_recipe_does_not_support_exits_1(self):
        r = run("recipe", "show", "--model", "nova-lite-2", "--method", "sft_lora", "--instance-type",
                "ml.g5.12xlarge", "--offline")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("ml.g5.12xlarge", r.stderr)
        self.assertIn("ml.p5.48xlarge", r.stderr)


class JobStatusAndStop(TempDirTest):
    def test_status_from_the_result_file_and_the_name_then_stop(self):
        r = run(*train_args("cli-status", "--json", "--save-result", self.tmp.name))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        started = json.loads(r.stdout)
        job_id, result_file = started["job_id"], started["result_file"]
        STANDIN.mark_running(job_id)

        r = run("job", "status", result_file)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout, f"{job_id} IN_PROGRESS (InProgress)\n")

        r = run("job", "status", job_id, "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(json.loads(r.stdout), {"job_id": job_id, "status": "IN_PROGRESS",
                                                "raw_status": "InProgress", "platform": "SMTJ"})

        r = run("job", "stop", result_file)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(job_id, r.stdout)
        self.assertEqual(client("sagemaker").describe_training_job(TrainingJobName=job_id)["TrainingJobStatus"],
                         "Stopped")

        # Stopped counts as failed (exit 1); --watch ends at once on a terminal status.
        r = run("job", "status", job_id, "--watch", "--interval", "0.1")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertEqual(r.stdout, f"{job_id} FAILED (Stopped)\n")

    def test_watch_polls_until_the_job_ends(self):
        r = run(*train_args("cli-watch", "--json", "--save-result", self.tmp.name))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        job_id = json.loads(r.stdout)["job_id"]
        STANDIN.mark_running(job_id)
        env = isolated_aws_env(STANDIN.endpoint, NOVA_CACHE_DIR=CACHE)
        watcher = subprocess.Popen([NOVA, "job", "status", job_id, "--watch", "--interval", "0.2"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            first = watcher.stdout.readline()
            self.assertEqual(first, f"{job_id} IN_PROGRESS (InProgress)\n")
            client("sagemaker").stop_training_job(TrainingJobName=job_id)
            rest, err = watcher.communicate(timeout=30)
        finally:
            if watcher.poll() is None:
                watcher.kill()
                watcher.wait()
        self.assertEqual(watcher.returncode, 1, err)
        self.assertTrue(rest.endswith(f"{job_id} FAILED (Stopped)\n"), rest)

    def test_a_completed_job_exits_0_and_watch_ends_at_once(self):
        r = run(*train_args("cli-done", "--json", "--save-result", self.tmp.name))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        job_id = json.loads(r.stdout)["job_id"]  # moto's jobs complete at once
        r = run("job", "status", job_id, "--watch")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout, f"{job_id} COMPLETED (Completed)\n")

    def test_an_unknown_job_name_exits_1(self):
        r = run("job", "status", "no-such-job-anywhere")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("DescribeTrainingJob", r.stderr)

    def test_neither_a_file_nor_a_job_name_is_a_usage_error(self):
        r = run("job", "status", "missing/result.json")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("missing/result.json", r.stderr)


class Help(unittest.TestCase):
    def test_every_command_has_an_example(self):
        for command in (["train"], ["recipe", "show"], ["job", "status"], ["job", "stop"]):
            r = run(*command, "--help")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("Example", r.stdout)
            self.assertIn("nova " + " ".join(command), r.stdout)
            self.assertIn("Exit codes", r.stdout)


if __name__ == "__main__":
    unittest.main()
