"""Contract tests for `nova deploy create|status|list|delete` against the AWS stand-in (its
Bedrock control plane and SageMaker endpoints, moto behind it for IAM, S3 and STS): every
command line of issue #7 as written, the --json keys, exit codes 0/1/2, the lineage
`nova deploy status` shows, and no secret in any output (every run has NOVA_LOG=debug and
session credentials). Run by ctest as: python3 test_deploy_cli.py NOVA FIXTURES."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env, tar_gz  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
STANDIN = None
WORK = None
SECRET = "dEpLoYsEcReT0123456789abcdefSECRETKEY"
TOKEN = "dEpLoYsEsSiOnToKeN/AbCdEf0123456789+session=="
ARTIFACT = "s3://customer-escrow-123456789012-smtj-cli/job-9/checkpoint/"
OTHER_ARTIFACT = "s3://customer-escrow-123456789012-smtj-cli/job-10/checkpoint/"
OUTPUT_BUCKET = "nova-deploy-cli-out"
CREATE_KEYS = ["endpoint_name", "platform", "uri", "model_artifact_path", "created_at", "status"]
ISO_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def run(*args):
    """Runs nova with debug logging and session credentials; no output may hold the secrets."""
    env = isolated_aws_env(STANDIN.endpoint, AWS_SECRET_ACCESS_KEY=SECRET, AWS_SESSION_TOKEN=TOKEN, NOVA_LOG="debug")
    proc = subprocess.run([NOVA, *args], capture_output=True, text=True, env=env, cwd=WORK, timeout=120)
    for secret in (SECRET, TOKEN):
        assert secret not in proc.stdout + proc.stderr, f"a secret appeared in the output of {args}"
    if proc.returncode != 2:  # usage errors stop before any request; the rest must have logged requests
        assert "nova debug:" in proc.stderr, f"no debug log from {args}: the secret check saw nothing"
    return proc


def create(*extra, artifact=ARTIFACT):
    return run("deploy", "create", "--model-artifact-path", artifact, "--model", "NOVA_MICRO", "--method", "sft_lora",
               "--poll-interval", "0.01", *extra)


def recorded(operation):
    return [c["params"] for c in STANDIN.calls() if c["operation"] == operation]


def setUpModule():
    global STANDIN, WORK
    STANDIN = StandinServer()
    WORK = tempfile.mkdtemp(prefix="nova-deploy-cli-")
    STANDIN._control("PUT", "bedrock/settings", {"describes_to_ready": 1, "page_size": 2})
    STANDIN._control("PUT", "sagemaker-endpoints/settings", {"describes_to_ready": 1})
    client("s3").create_bucket(Bucket=OUTPUT_BUCKET)


def tearDownModule():
    STANDIN.stop()
    shutil.rmtree(WORK, ignore_errors=True)


class DeployCli(unittest.TestCase):
    def tearDown(self):
        self.assertEqual(STANDIN.failures(), [])

    def test_create_json_then_status_shows_the_lineage(self):
        proc = create("--endpoint-name", "cli-od", "--json", "--wait")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = json.loads(proc.stdout)
        self.assertEqual(list(out), CREATE_KEYS)
        self.assertEqual(out["endpoint_name"], "cli-od")
        self.assertEqual(out["platform"], "BEDROCK_OD")
        self.assertEqual(out["model_artifact_path"], ARTIFACT)
        self.assertEqual(out["status"], "Active")
        self.assertRegex(out["created_at"], ISO_UTC)
        self.assertIn(":custom-model-deployment/", out["uri"])
        self.assertIn("custom model cli-od-", proc.stderr)  # the import's progress, as plain lines

        status = run("deploy", "status", "cli-od", "--json")
        self.assertEqual(status.returncode, 0, status.stderr)
        s = json.loads(status.stdout)
        self.assertEqual(list(s), CREATE_KEYS + ["lineage"])
        self.assertEqual(s["lineage"]["checkpoint"], ARTIFACT)
        self.assertIn(":custom-model/", s["lineage"]["model_arn"])
        text = run("deploy", "status", out["uri"])
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("checkpoint " + ARTIFACT + " -> imported model arn:aws:bedrock:", text.stdout)

        again = create("--endpoint-name", "cli-od")
        self.assertEqual(again.returncode, 1)
        self.assertIn("already exists", again.stderr)

    def test_usage_errors_exit_2(self):
        self.assertEqual(create("--platform", "MOON").returncode, 2)
        self.assertEqual(create("--deployment-mode", "REPLACE").returncode, 2)
        both = run("deploy", "create", "--model-artifact-path", ARTIFACT, "--job-result", "x.json")
        self.assertEqual(both.returncode, 2)
        neither = run("deploy", "create", "--model", "NOVA_MICRO", "--method", "SFT_LORA")
        self.assertEqual(neither.returncode, 2)
        self.assertIn("--model-artifact-path", neither.stderr)
        no_model = run("deploy", "create", "--model-artifact-path", ARTIFACT)
        self.assertEqual(no_model.returncode, 2)
        self.assertIn("--model", no_model.stderr)
        self.assertEqual(run("deploy", "status").returncode, 2)
        self.assertEqual(run("deploy", "list", "--bogus").returncode, 2)

    def test_pt_without_units_is_refused_with_exit_1(self):
        proc = create("--platform", "bedrock_pt", "--endpoint-name", "cli-pt")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("pt_units >= 1", proc.stderr)

    def test_pt_update_if_exists(self):
        first = create("--platform", "BEDROCK_PT", "--pt-units", "1", "--endpoint-name", "cli-pt-upd", "--wait", "--json")
        self.assertEqual(first.returncode, 0, first.stderr)
        pt = json.loads(first.stdout)
        self.assertEqual(pt["platform"], "BEDROCK_PT")
        self.assertEqual(pt["status"], "InService")
        self.assertIn(":provisioned-model/", pt["uri"])
        refused = create("--platform", "BEDROCK_PT", "--pt-units", "1", "--endpoint-name", "cli-pt-upd",
                         artifact=OTHER_ARTIFACT)
        self.assertEqual(refused.returncode, 1)  # FAIL_IF_EXISTS is the default
        updated = create("--platform", "BEDROCK_PT", "--pt-units", "1", "--endpoint-name", "cli-pt-upd",
                         "--deployment-mode", "update_if_exists", "--wait", "--json", artifact=OTHER_ARTIFACT)
        self.assertEqual(updated.returncode, 0, updated.stderr)
        out = json.loads(updated.stdout)
        self.assertEqual(out["uri"], pt["uri"])
        self.assertEqual(out["model_artifact_path"], OTHER_ARTIFACT)
        self.assertEqual(out["status"], "InService")
        self.assertEqual(len(recorded("UpdateProvisionedModelThroughput")), 1)
        status = json.loads(run("deploy", "status", "cli-pt-upd", "--json").stdout)
        self.assertEqual(status["lineage"]["checkpoint"], OTHER_ARTIFACT)

    def test_update_if_exists_on_demand_is_refused_with_why(self):
        self.assertEqual(create("--endpoint-name", "cli-od-upd").returncode, 0)
        proc = create("--endpoint-name", "cli-od-upd", "--deployment-mode", "UPDATE_IF_EXISTS", artifact=OTHER_ARTIFACT)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("only supported for Provisioned Throughput", proc.stderr)

    def test_sagemaker_create_status_list_delete(self):
        proc = create("--platform", "sagemaker", "--instance-type", "ml.g6.12xlarge", "--endpoint-name", "cli-sm",
                      "--wait", "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = json.loads(proc.stdout)
        self.assertEqual(list(out), CREATE_KEYS)
        self.assertEqual(out["platform"], "SAGEMAKER")
        self.assertEqual(out["status"], "InService")
        self.assertIn(":endpoint/cli-sm", out["uri"])
        model = recorded("CreateModel")[-1]
        self.assertTrue(model["EnableNetworkIsolation"])
        self.assertEqual(recorded("CreateEndpointConfig")[-1]["ProductionVariants"][0]["InstanceType"], "ml.g6.12xlarge")

        status = json.loads(run("deploy", "status", "cli-sm", "--json").stdout)
        self.assertEqual(status["lineage"]["checkpoint"], ARTIFACT)
        self.assertIn(":model/cli-sm-model", status["lineage"]["model_arn"])
        listed = run("deploy", "list", "--json")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        entry = [d for d in json.loads(listed.stdout) if d["endpoint_name"] == "cli-sm"]
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry[0]["lineage"], status["lineage"])

        deleted = run("deploy", "delete", out["uri"], "--yes", "--poll-interval", "0.01")
        self.assertEqual(deleted.returncode, 0, deleted.stderr)
        self.assertEqual(run("deploy", "status", "cli-sm").returncode, 1)
        sm = client("sagemaker")
        self.assertEqual([m for m in sm.list_models(NameContains="cli-sm")["Models"]], [])
        self.assertEqual([c for c in sm.list_endpoint_configs(NameContains="cli-sm")["EndpointConfigs"]], [])

    def test_execution_role_name_and_timeout(self):
        proc = create("--endpoint-name", "cli-role", "--execution-role-name", "CliDeployRole", "--timeout", "60",
                      artifact="s3://customer-escrow-123456789012-smtj-cli/job-role/checkpoint/")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("CliDeployRole", [c["RoleName"] for c in recorded("CreateRole")])
        self.assertTrue(recorded("CreateCustomModel")[-1]["roleArn"].endswith(":role/CliDeployRole"))

        STANDIN._control("PUT", "bedrock/settings", {"describes_to_ready": 100000})
        try:
            slow = create("--endpoint-name", "cli-slow", "--timeout", "0.05", artifact=OTHER_ARTIFACT + "slow/")
        finally:
            STANDIN._control("PUT", "bedrock/settings", {"describes_to_ready": 1})
        self.assertEqual(slow.returncode, 1)
        self.assertIn("timeout", slow.stderr)
        self.assertIn("still Creating", slow.stderr)

    def test_create_from_job_result_file(self):
        job = "cli-deploy-trained"
        client("sagemaker").create_training_job(
            TrainingJobName=job, RoleArn="arn:aws:iam::123456789012:role/Exec",
            AlgorithmSpecification={"TrainingImage": "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova:latest",
                                    "TrainingInputMode": "File"},
            OutputDataConfig={"S3OutputPath": f"s3://{OUTPUT_BUCKET}/output"},
            ResourceConfig={"InstanceType": "ml.p5.48xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30},
            StoppingCondition={"MaxRuntimeInSeconds": 3600})
        checkpoint = f"s3://customer-escrow-123456789012-smtj-cli/{job}/checkpoint/"
        client("s3").put_object(Bucket=OUTPUT_BUCKET, Key=f"output/{job}/output/output.tar.gz",
                                Body=tar_gz({"manifest.json": json.dumps({"checkpoint_s3_bucket": checkpoint}).encode()}))
        result_file = os.path.join(WORK, f"{job}_SMTJ.json")
        with open(result_file, "w") as f:
            json.dump({"job_id": job, "started_time": "2026-01-30T12:34:56+00:00", "method": "sft_lora",
                       "model_artifacts": {"checkpoint_s3_path": None, "output_s3_path": f"s3://{OUTPUT_BUCKET}/output"},
                       "model_type": "NOVA_MICRO", "__class_name__": "SMTJTrainingResult"}, f)
        proc = run("deploy", "create", "--job-result", result_file, "--endpoint-name", "cli-from-result",
                   "--poll-interval", "0.01", "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = json.loads(proc.stdout)
        self.assertEqual(out["model_artifact_path"], checkpoint)
        status = json.loads(run("deploy", "status", "cli-from-result", "--json").stdout)
        self.assertEqual(status["lineage"]["training_job"], job)
        self.assertIn(f"training job {job} -> checkpoint {checkpoint}", run("deploy", "status", "cli-from-result").stdout)

    def test_list_and_delete(self):
        self.assertEqual(create("--endpoint-name", "cli-del").returncode, 0)
        listed = run("deploy", "list", "--json")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn("cli-del", [d["endpoint_name"] for d in json.loads(listed.stdout)])
        table = run("deploy", "list")
        self.assertEqual(table.returncode, 0, table.stderr)
        header, *rows = table.stdout.splitlines()
        self.assertEqual(header.split(), ["NAME", "PLATFORM", "STATUS", "CREATED", "URI"])
        row = next(r for r in rows if r.startswith("cli-del "))
        self.assertRegex(row.split()[3], ISO_UTC)
        refused = run("deploy", "delete", "cli-del")  # no terminal, no --yes
        self.assertEqual(refused.returncode, 2)
        deleted = run("deploy", "delete", "cli-del", "--yes", "--poll-interval", "0.01")
        self.assertEqual(deleted.returncode, 0, deleted.stderr)
        gone = run("deploy", "status", "cli-del")
        self.assertEqual(gone.returncode, 1)
        self.assertIn("No deployment 'cli-del'", gone.stderr)
        self.assertEqual(run("deploy", "delete", "cli-del", "--yes").returncode, 1)


if __name__ == "__main__":
    unittest.main()
