"""Contract tests for `nova whoami` and `nova data ... s3://` against a real moto_server that
this script starts on a free port (and stops). Run by ctest as: python3 test_aws_cli.py NOVA FIXTURES."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import MotoServer, isolated_aws_env  # noqa: E402

NOVA = sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova"
del sys.argv[1:]
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLE = os.path.join(ROOT, "examples", "sample", "qa.csv")
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY"
TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue0123456789"
MOTO = None


def setUpModule():
    global MOTO
    MOTO = MotoServer()


def tearDownModule():
    MOTO.stop()


def run(*args, env=None):
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=env or isolated_aws_env(MOTO.endpoint))


def s3():
    import boto3
    return boto3.client("s3", endpoint_url=MOTO.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


class Whoami(unittest.TestCase):
    def test_json_keys_and_values(self):
        r = run("whoami", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        for key in ("account", "arn", "user_id", "region", "profile", "credential_source", "endpoint"):
            self.assertIn(key, out)
        self.assertEqual(out["account"], "123456789012")
        self.assertIn("arn:aws:", out["arn"])
        self.assertEqual(out["region"], "us-east-1")
        self.assertEqual(out["profile"], "default")
        self.assertEqual(out["credential_source"], "env")
        self.assertEqual(out["endpoint"], MOTO.endpoint)

    def test_text_output(self):
        r = run("whoami")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("123456789012", r.stdout)
        self.assertIn("Credentials:  env", r.stdout)
        self.assertIn(MOTO.endpoint, r.stdout)

    def test_never_prints_a_secret_even_in_debug(self):
        env = isolated_aws_env(MOTO.endpoint, AWS_SECRET_ACCESS_KEY=SECRET, AWS_SESSION_TOKEN=TOKEN, NOVA_LOG="debug")
        for args in (["whoami"], ["whoami", "--json"]):
            r = run(*args, env=env)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("Authorization", r.stderr)  # the debug log is on...
            for secret in (SECRET, TOKEN):
                self.assertNotIn(secret, r.stdout)  # ...and redacted
                self.assertNotIn(secret, r.stderr)

    def test_no_region_is_a_usage_error(self):
        env = isolated_aws_env(MOTO.endpoint)
        del env["AWS_REGION"]
        r = run("whoami", "--json", env=env)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("region", r.stderr)

    def test_no_credentials_is_a_usage_error(self):
        env = isolated_aws_env(MOTO.endpoint)
        del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
        r = run("whoami", env=env)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("credentials", r.stderr.lower())

    def test_an_aws_error_exits_1(self):
        # STS at a path moto does not serve: a real error response from the server.
        env = isolated_aws_env(MOTO.endpoint, AWS_ENDPOINT_URL_STS=MOTO.endpoint + "/no-such-path",
                               AWS_MAX_ATTEMPTS="1")
        r = run("whoami", env=env)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("GetCallerIdentity", r.stderr)
        self.assertIn("404", r.stderr)


class DataOverS3(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bucket = "nova-cli-" + str(os.getpid())
        s3().create_bucket(Bucket=cls.bucket)

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def uri(self, key):
        return f"s3://{self.bucket}/{key}"

    def test_transform_validate_show_split(self):
        out = self.uri("sft.jsonl")
        r = run("data", "transform", SAMPLE, out, "--method", "sft_lora", "--model", "nova-lite-2",
                "--map", "question=prompt", "--map", "answer=completion")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("uploading", r.stderr)  # no progress line when stderr is not a terminal
        head = s3().head_object(Bucket=self.bucket, Key="sft.jsonl")
        self.assertEqual(head["ContentType"], "application/json")

        r = run("data", "validate", out, "--method", "sft_lora", "--model", "nova-lite-2", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(json.loads(r.stdout)["valid"])

        r = run("data", "show", out, "-n", "1")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Row 0:", r.stdout)

        r = run("data", "split", out, "--out-dir", self.uri("splits/"))
        self.assertEqual(r.returncode, 0, r.stderr)
        keys = sorted(o["Key"] for o in s3().list_objects_v2(Bucket=self.bucket, Prefix="splits/")["Contents"])
        self.assertEqual(keys, ["splits/sft_test.jsonl", "splits/sft_train.jsonl", "splits/sft_val.jsonl"])

        # The same split made locally is byte-identical.
        local = os.path.join(self.tmp.name, "sft.jsonl")
        s3().download_file(self.bucket, "sft.jsonl", local)
        r = run("data", "split", local, "--out-dir", os.path.join(self.tmp.name, "splits"))
        self.assertEqual(r.returncode, 0, r.stderr)
        for part in ("train", "val", "test"):
            body = s3().get_object(Bucket=self.bucket, Key=f"splits/sft_{part}.jsonl")["Body"].read()
            with open(os.path.join(self.tmp.name, "splits", f"sft_{part}.jsonl"), "rb") as f:
                self.assertEqual(body, f.read())

    def test_missing_object_names_the_uri(self):
        missing = self.uri("missing.jsonl")
        r = run("data", "validate", missing, "--method", "sft_lora", "--model", "nova-lite-2")
        self.assertEqual(r.returncode, 2)
        self.assertIn(missing, r.stderr)
        self.assertIn("NotFound", r.stderr)

    def test_s3_without_region_is_a_usage_error(self):
        env = isolated_aws_env(MOTO.endpoint)
        del env["AWS_REGION"]
        r = run("data", "show", self.uri("sft.jsonl"), env=env)
        self.assertEqual(r.returncode, 2)
        self.assertIn("region", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
