"""Contract tests for `nova recipe export` against the AWS stand-in (aws_standin.py, a real
moto_server behind it) that this script starts on a free port: the hub document is served
by DescribeHubContent, the files it names live on the emulator's S3.
Run by ctest as: python3 test_recipe_export_cli.py NOVA FIXTURES."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova"
del sys.argv[1:]
BUCKET = "nova-export-cli-hub"
IMAGE = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-TJ-SFT-V2-latest"
TEMPLATE = "run:\n  name: '{{name}}'\ntraining_config:\n  max_length: 8192\n"
OVERRIDES = json.dumps({"name": {"type": "string", "default": "run"}})
STANDIN = None


def setUpModule():
    global STANDIN
    STANDIN = StandinServer()
    import boto3
    s3 = boto3.client("s3", endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="recipes/sft_lora_template.yaml", Body=TEMPLATE.encode())
    s3.put_object(Bucket=BUCKET, Key="recipes/sft_lora_override_params.json", Body=OVERRIDES.encode())
    entry = {"Name": "nova_lite_2_0_p5_gpu_lora_sft", "Type": "FineTuning", "CustomizationTechnique": "SFT",
             "Peft": "LORA", "InstanceCount": 4, "SupportedInstanceTypes": ["ml.p5.48xlarge"],
             "SmtjRecipeTemplateS3Uri": f"s3://{BUCKET}/recipes/sft_lora_template.yaml",
             "SmtjOverrideParamsS3Uri": f"s3://{BUCKET}/recipes/sft_lora_override_params.json",
             "SmtjImageUri": IMAGE}
    STANDIN.put_hub_content("nova-textgeneration-lite-v2", {"RecipeCollection": [entry]}, "1.0.20")


def tearDownModule():
    STANDIN.stop()


def run(*args):
    env = isolated_aws_env(STANDIN.endpoint)
    return subprocess.run([NOVA, "recipe", "export", *args], capture_output=True, text=True, env=env)


class RecipeExportCli(unittest.TestCase):
    def setUp(self):
        self.out = tempfile.mkdtemp(prefix="nova-export-cli-")

    def tearDown(self):
        shutil.rmtree(self.out, ignore_errors=True)

    def test_json_report_and_builtin_layout(self):
        p = run("--out", self.out, "--model", "NOVA_LITE_2", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        report = json.loads(p.stdout)
        self.assertEqual(set(report), {"region", "image_accounts", "contents", "files"})
        self.assertEqual(report["region"], "us-east-1")
        self.assertEqual(report["image_accounts"], {"us-east-1": "708977205387"})
        self.assertEqual(report["contents"], [{"hub_content_name": "nova-textgeneration-lite-v2", "version": "1.0.20",
                                               "recipes": 1, "skipped": []}])
        with open(os.path.join(self.out, "hub", "nova-textgeneration-lite-v2.json")) as f:
            entry = json.load(f)["RecipeCollection"][0]
        self.assertEqual(entry["SmtjRecipeTemplateS3Uri"], "builtin://templates/sft_lora_template.yaml")
        self.assertEqual(entry["SmtjOverrideParamsS3Uri"], "builtin://overrides/sft_lora_override_params.json")
        self.assertEqual(entry["SmtjImageUri"], "builtin-image://nova-fine-tune-repo:SM-TJ-SFT-V2-latest")
        with open(os.path.join(self.out, "templates", "sft_lora_template.yaml")) as f:
            self.assertEqual(f.read(), TEMPLATE)
        self.assertIn("export.json", report["files"])
        self.assertEqual(STANDIN.failures(), [])

    def test_missing_hub_content_fails_with_exit_1(self):
        p = run("--out", self.out, "--model", "NOVA_PRO")
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("nova-textgeneration-pro", p.stderr)

    def test_out_is_required(self):
        self.assertEqual(run("--model", "NOVA_LITE_2").returncode, 2)


if __name__ == "__main__":
    unittest.main()
