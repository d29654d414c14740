"""The --json outputs added so that every command that prints data has one (docs/cli.md lists
them): exact keys, values that match what was done, nothing but JSON on stdout.
Run by ctest as: python3 test_json_outputs.py NOVA."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
SAMPLE = os.path.join(HERE, "..", "..", "examples", "sample", "qa.csv")
STANDIN = None
WORK = None


def setUpModule():
    global STANDIN, WORK
    STANDIN = StandinServer()
    WORK = tempfile.mkdtemp(prefix="nova-json-")
    env = isolated_aws_env(STANDIN.endpoint, NOVA_CACHE_DIR=os.path.join(WORK, "cache"))
    subprocess.run([sys.executable, os.path.join(HERE, "docs_fixtures.py"), "seed"], env=env, check=True)
    STANDIN._control("PUT", "bedrock/settings", {"describes_to_ready": 0, "page_size": 2})


def tearDownModule():
    STANDIN.stop()
    shutil.rmtree(WORK, ignore_errors=True)


def nova(*args, code=0):
    env = isolated_aws_env(STANDIN.endpoint, NOVA_CACHE_DIR=os.path.join(WORK, "cache"))
    proc = subprocess.run([NOVA, *args], capture_output=True, text=True, env=env, cwd=WORK, timeout=120)
    assert proc.returncode == code, f"nova {' '.join(args)} exited {proc.returncode}: {proc.stderr}"
    return proc.stdout


def one_object(text):
    lines = text.splitlines()
    assert len(lines) == 1, f"expected one line of JSON, got {text!r}"
    return json.loads(lines[0])


class DataJson(unittest.TestCase):
    def test_transform_split_show(self):
        sft = os.path.join(WORK, "sft.jsonl")
        out = one_object(nova("data", "transform", SAMPLE, sft, "--method", "sft_lora", "--model", "nova-lite-2",
                              "--map", "question=prompt", "--map", "answer=completion", "--json"))
        self.assertEqual(out, {"path": sft, "method": "SFT_LORA", "model": "NOVA_LITE_2"})

        split = one_object(nova("data", "split", sft, "--out-dir", os.path.join(WORK, "splits"), "--json"))
        self.assertEqual(list(split), ["train", "val", "test"])
        self.assertEqual([split[p]["records"] for p in split], [24, 3, 3])
        for part, info in split.items():
            self.assertEqual(info["path"], os.path.join(WORK, "splits", f"sft_{part}.jsonl"))
            with open(info["path"]) as f:
                self.assertEqual(sum(1 for _ in f), info["records"])

        records = [json.loads(l) for l in nova("data", "show", sft, "-n", "2", "--json").splitlines()]
        self.assertEqual(len(records), 2)
        with open(sft) as f:
            self.assertEqual(records, [json.loads(next(f)) for _ in range(2)])
        self.assertEqual(nova("data", "show", sft, "-n", "0", "--json"), "")


class AwsJson(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.result = json.loads(nova(
            "train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", "json-sft",
            "--data-s3-path", "s3://my-bucket/fixtures/sft.jsonl", "--output-s3-path", "s3://my-bucket/output",
            "--execution-role", "arn:aws:iam::123456789012:role/NovaExec", "--json"))["result_file"]
        cls.result = os.path.join(WORK, cls.result)

    def test_logs_one_object_per_event(self):
        env = isolated_aws_env(STANDIN.endpoint)
        subprocess.run([sys.executable, os.path.join(HERE, "docs_fixtures.py"), "logs", self.result], env=env,
                       cwd=WORK, check=True)
        events = [json.loads(l) for l in nova("logs", self.result, "--json").splitlines()]
        self.assertEqual(len(events), 4)
        self.assertEqual([list(e) for e in events], [["timestamp_ms", "log_stream", "message"]] * 4)
        self.assertEqual([e["timestamp_ms"] for e in events], sorted(e["timestamp_ms"] for e in events))
        self.assertEqual({e["log_stream"].split("/")[1].split("-1700")[0] for e in events}, {"algo-1", "algo-2"})

    def test_job_stop(self):
        with open(self.result) as f:
            job_id = json.load(f)["job_id"]
        STANDIN.mark_running(job_id)
        self.assertEqual(one_object(nova("job", "stop", self.result, "--json")),
                         {"job_id": job_id, "platform": "SMTJ", "stop_requested": True})

    def test_deploy_delete(self):
        env = isolated_aws_env(STANDIN.endpoint)
        subprocess.run([sys.executable, os.path.join(HERE, "docs_fixtures.py"), "finish-training", self.result],
                       env=env, cwd=WORK, check=True)
        created = json.loads(nova("deploy", "create", "--job-result", self.result, "--endpoint-name", "json-od",
                                  "--wait", "--json"))
        deleted = one_object(nova("deploy", "delete", "json-od", "--yes", "--json"))
        self.assertEqual(deleted, {"endpoint_name": "json-od", "platform": "BEDROCK_OD", "uri": created["uri"],
                                   "deleted": True})

    def test_results_get(self):
        started = json.loads(nova("evaluate", "--model", "nova-lite-2", "--eval-task", "mmlu", "--job-name", "json-eval",
                                  "--model-path", "s3://my-bucket/checkpoint", "--output-s3-path", "s3://my-bucket/output",
                                  "--execution-role", "arn:aws:iam::123456789012:role/NovaExec", "--json"))
        result = os.path.join(WORK, started["result_file"])
        env = isolated_aws_env(STANDIN.endpoint)
        subprocess.run([sys.executable, os.path.join(HERE, "docs_fixtures.py"), "finish-evaluation", result], env=env,
                       cwd=WORK, check=True)
        out = one_object(nova("results", "get", result, "--out", "metrics.json", "--json"))
        self.assertEqual(out, {"job_id": started["job_id"], "kind": "evaluation", "out": "metrics.json"})
        with open(os.path.join(WORK, "metrics.json")) as f:
            self.assertIn("mmlu|anatomy|0", json.load(f)["results"])


if __name__ == "__main__":
    unittest.main()
