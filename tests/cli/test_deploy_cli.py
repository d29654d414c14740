"""Contract tests for `nova deploy create|status|list|delete` against the AWS stand-in (its
Bedrock control plane, moto behind it for IAM, S3 and STS): flags, --json keys, exit codes,
the lineage `nova deploy status` shows, and no secret in any output.
Run by ctest as: python3 test_deploy_cli.py NOVA FIXTURES."""
import json
import os
import sys
import tempfile
import shutil
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
STANDIN = None
WORK = None
SECRET = "dEpLoYsEcReT0123456789abcdefSECRETKEY"
ARTIFACT = "s3://customer-escrow-123456789012-smtj-cli/job-9/checkpoint/"
JSON_KEYS = {"endpoint_name", "platform", "uri", "model_artifact_path", "created_at", "status"}


def run(*args):
    env = isolated_aws_env(STANDIN.endpoint)
    env["AWS_SECRET_ACCESS_KEY"] = SECRET
    proc = subprocess_run([NOVA, *args], env)
    for stream in (proc.stdout, proc.stderr):
        assert SECRET not in stream, f"the secret key appeared in the output of {args}"
    return proc


def subprocess_run(argv, env):
    import subprocess
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=WORK, timeout=120)


def create(*extra):
    return run("deploy", "create", "--model-artifact-path", ARTIFACT, "--model", "NOVA_MICRO", "--method", "sft_lora",
               "--poll-interval", "0.01", *extra)


def setUpModule():
    global STANDIN, WORK
    STANDIN = StandinServer()
    WORK = tempfile.mkdtemp(prefix="nova-deploy-cli-")
    STANDIN._control("PUT", "bedrock/settings", {"describes_to_ready": 1, "page_size": 2})


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
        self.assertTrue(JSON_KEYS <= set(out), out)
        self.assertEqual(out["endpoint_name"], "cli-od")
        self.assertEqual(out["platform"], "BEDROCK_OD")
        self.assertEqual(out["model_artifact_path"], ARTIFACT)
        self.assertEqual(out["status"], "Active")
        self.assertIn(":custom-model-deployment/", out["uri"])

        status = run("deploy", "status", "cli-od", "--json")
        self.assertEqual(status.returncode, 0, status.stderr)
        s = json.loads(status.stdout)
        self.assertTrue(JSON_KEYS <= set(s))
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
        no_model = run("deploy", "create", "--model-artifact-path", ARTIFACT)
        self.assertEqual(no_model.returncode, 2)
        self.assertIn("--model", no_model.stderr)

    def test_pt_without_units_is_refused_with_exit_1(self):
        proc = create("--platform", "bedrock_pt", "--endpoint-name", "cli-pt")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("pt_units >= 1", proc.stderr)

    def test_list_and_delete(self):
        self.assertEqual(create("--endpoint-name", "cli-del").returncode, 0)
        listed = run("deploy", "list", "--json")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn("cli-del", [d["endpoint_name"] for d in json.loads(listed.stdout)])
        table = run("deploy", "list")
        self.assertIn("cli-del", table.stdout)
        refused = run("deploy", "delete", "cli-del")  # no terminal, no --yes
        self.assertEqual(refused.returncode, 2)
        deleted = run("deploy", "delete", "cli-del", "--yes", "--poll-interval", "0.01")
        self.assertEqual(deleted.returncode, 0, deleted.stderr)
        gone = run("deploy", "status", "cli-del")
        self.assertEqual(gone.returncode, 1)
        self.assertIn("No deployment 'cli-del'", gone.stderr)


if __name__ == "__main__":
    unittest.main()
