"""Contract tests for `nova results show|get` against the AWS stand-in (moto behind it):
output archives with the documented layout are built here and put where a finished job
leaves them; result files are written in the reference SDK's dump() format.
Run by ctest as: python3 test_results_cli.py NOVA FIXTURES."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env, tar_gz  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
BUCKET = "nova-results-cli"
OUTPUT = f"s3://{BUCKET}/output"
STANDIN = None
CACHE = None
WORK = None

RESULTS = {"results": {"mmlu|anatomy|0": {"acc": 0.75, "acc_stderr": 0.025},
                       "mmlu|astronomy|0": {"acc": 0.5}}}
LINES = [{"prompt": "[{'role': 'system', 'content': 'Be brief.'}, {'role': 'user', 'content': '2+2?'}]",
          "inference": "['4\\n']", "gold": "4", "metadata": {"id": 1}},
         {"prompt": "[{'role': 'user', 'content': 'Capital of France?'}]", "inference": "['Paris']", "gold": "Paris"}]
RECORDS = [{"system": "Be brief.", "query": "2+2?", "gold_response": "4", "inference_response": "4",
            "metadata": {"id": 1}},
           {"system": "", "query": "Capital of France?", "gold_response": "Paris", "inference_response": "Paris"}]


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def job(stem, archive_for, state="completed"):
    """A training job (moto completes it; `state` running/stopped through the stand-in) with the
    archive `archive_for(name)` at <output>/<name>/output/output.tar.gz."""
    name = f"{stem}-{uuid.uuid4().hex[:8]}"
    client("sagemaker").create_training_job(
        TrainingJobName=name, RoleArn="arn:aws:iam::123456789012:role/Exec",
        AlgorithmSpecification={"TrainingImage": "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova:latest",
                                "TrainingInputMode": "File"},
        OutputDataConfig={"S3OutputPath": OUTPUT},
        ResourceConfig={"InstanceType": "ml.p5.48xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        StoppingCondition={"MaxRuntimeInSeconds": 3600})
    if state == "running":
        STANDIN.mark_running(name)
    elif state == "stopped":
        client("sagemaker").stop_training_job(TrainingJobName=name)
    client("s3").put_object(Bucket=BUCKET, Key=f"output/{name}/output/output.tar.gz", Body=archive_for(name))
    return name, f"{OUTPUT}/{name}/output/output.tar.gz"


def result_file(kind, name, path):
    fields = {"job_id": name, "started_time": "2026-01-30T12:00:00+00:00"}
    if kind == "eval":
        fields.update(eval_task="mmlu", eval_output_path=path, __class_name__="SMTJEvaluationResult")
    else:
        fields.update(inference_output_path=path, __class_name__="SMTJBatchInferenceResult")
    file = os.path.join(WORK, f"{name}_SMTJ.json")
    with open(file, "w") as f:
        json.dump(fields, f)
    return file


def eval_archive(name):
    return tar_gz({f"{name}/eval_results/results_2026.json": json.dumps(RESULTS).encode(),
                   f"{name}/eval_results/tensorboard_results/eval/events.out.tfevents.1": b"tf"})


def inference_archive(name):
    lines = "".join(json.dumps(line) + "\n" for line in LINES)
    return tar_gz({f"{name}/eval_results/inference_output.jsonl": lines.encode()})


def run(*args):
    env = isolated_aws_env(STANDIN.endpoint, NOVA_CACHE_DIR=CACHE)
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=env)


def setUpModule():
    global STANDIN, CACHE, WORK
    STANDIN = StandinServer()
    CACHE = tempfile.mkdtemp(prefix="nova-results-cli-cache-")
    WORK = tempfile.mkdtemp(prefix="nova-results-cli-")
    client("s3").create_bucket(Bucket=BUCKET)


def tearDownModule():
    STANDIN.stop()
    shutil.rmtree(CACHE, ignore_errors=True)
    shutil.rmtree(WORK, ignore_errors=True)


class ResultsShowTest(unittest.TestCase):
    def test_evaluation_metrics_as_a_table_and_json(self):
        name, path = job("cli-eval", eval_archive)
        file = result_file("eval", name, path)
        first = run("results", "show", file)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn(f"Downloading the results of job {name} from {path}", first.stderr)
        lines = first.stdout.splitlines()
        self.assertEqual(lines[0], f"Evaluation Results for job_id={name}, eval_task=mmlu:")
        self.assertEqual([c.strip() for c in lines[1].split(" | ")], ["task", "metric", "value", "stderr"])
        self.assertEqual([c.strip() for c in lines[2].split(" | ")], ["mmlu|anatomy|0", "acc", "0.7500", "0.0250"])
        self.assertEqual([c.strip() for c in lines[3].split(" | ")], ["mmlu|astronomy|0", "acc", "0.5000", "-"])

        cached = run("results", "show", file, "--json")
        self.assertEqual(cached.returncode, 0, cached.stderr)
        self.assertNotIn("Downloading", cached.stderr, "the second call reads the cache")
        out = json.loads(cached.stdout)
        self.assertEqual(out["job_id"], name)
        self.assertEqual(out["status"], "COMPLETED")
        self.assertEqual(out["results"], RESULTS)
        self.assertEqual(out["metrics"][0], {"task": "mmlu|anatomy|0", "metric": "acc", "value": 0.75,
                                             "stderr": 0.025})
        self.assertIsNone(out["metrics"][1]["stderr"])

    def test_inference_records_one_json_line_each_and_as_results(self):
        name, path = job("cli-infer", inference_archive)
        file = result_file("infer", name, path)
        shown = run("results", "show", file)
        self.assertEqual(shown.returncode, 0, shown.stderr)
        lines = shown.stdout.splitlines()
        self.assertEqual(lines[0], f"Inference Results for job_id={name}:")
        self.assertEqual([json.loads(line) for line in lines[1:]], RECORDS)
        as_json = run("results", "show", file, "--json")
        self.assertEqual(json.loads(as_json.stdout), {"results": RECORDS})

    def test_a_running_job_has_no_results_yet(self):
        name, path = job("cli-running", eval_archive, state="running")
        r = run("results", "show", result_file("eval", name, path))
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertIn(f"Job '{name}' is still running", r.stderr)

    def test_a_stopped_job_says_so_and_downloads_nothing(self):
        name, path = job("cli-stopped", inference_archive, state="stopped")
        r = run("results", "show", result_file("infer", name, path))
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"Cannot show inference result. Job '{name}' in Stopped status.", r.stderr)
        self.assertNotIn("Downloading", r.stderr)

    def test_a_corrupt_archive_is_named_and_leaves_no_cache(self):
        name, path = job("cli-corrupt", lambda n: b"\x1f\x8b not really gzip")
        r = run("results", "show", result_file("eval", name, path))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(path, r.stderr)
        self.assertFalse(any(name in entry for entry in os.listdir(os.path.join(CACHE, "results"))))

    def test_a_training_result_is_refused_with_what_to_use(self):
        file = os.path.join(WORK, "training.json")
        with open(file, "w") as f:
            json.dump({"job_id": "j", "started_time": "2026-01-30T12:00:00+00:00", "method": "sft_lora",
                       "model_artifacts": {"checkpoint_s3_path": None, "output_s3_path": None},
                       "__class_name__": "SMTJTrainingResult"}, f)
        r = run("results", "show", file)
        self.assertEqual(r.returncode, 2)
        self.assertIn("SMTJTrainingResult", r.stderr)
        self.assertIn("nova job status", r.stderr)
        self.assertEqual(run("results", "show", os.path.join(WORK, "missing.json")).returncode, 2)


class ResultsGetTest(unittest.TestCase):
    def test_evaluation_metrics_json_to_a_file(self):
        name, path = job("cli-get-eval", eval_archive)
        out = os.path.join(WORK, "sub", "metrics.json")
        r = run("results", "get", result_file("eval", name, path), "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(out, r.stdout)
        with open(out) as f:
            self.assertEqual(json.load(f), RESULTS)
        self.assertEqual(os.listdir(os.path.dirname(out)), ["metrics.json"])
        self.assertEqual(run("results", "get", result_file("eval", name, path), "--out", "s3://b/k").returncode, 2)

    def test_inference_records_as_jsonl_locally_or_on_s3(self):
        name, path = job("cli-get-infer", inference_archive)
        file = result_file("infer", name, path)
        local = os.path.join(WORK, f"{name}.jsonl")
        r = run("results", "get", file, "--out", local)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("2 inference records", r.stdout)
        with open(local, encoding="utf-8") as f:
            self.assertEqual([json.loads(line) for line in f.read().split("\n")], RECORDS)
        r = run("results", "get", file, "--out", f"s3://{BUCKET}/formatted/{name}.jsonl")
        self.assertEqual(r.returncode, 0, r.stderr)
        obj = client("s3").get_object(Bucket=BUCKET, Key=f"formatted/{name}.jsonl")
        self.assertEqual(obj["ContentType"], "application/jsonlines")
        self.assertEqual([json.loads(line) for line in obj["Body"].read().decode().split("\n")], RECORDS)

    def test_an_output_path_in_another_bucket_is_refused(self):
        name, _ = job("cli-otherbucket", inference_archive)
        client("s3").create_bucket(Bucket="nova-results-cli-other")
        client("s3").put_object(Bucket="nova-results-cli-other", Key="x/output.tar.gz", Body=inference_archive(name))
        r = run("results", "get", result_file("infer", name, "s3://nova-results-cli-other/x/output.tar.gz"),
                "--out", os.path.join(WORK, "never.jsonl"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("nova-results-cli-other", r.stderr)
        self.assertIn(OUTPUT, r.stderr)
        self.assertFalse(os.path.exists(os.path.join(WORK, "never.jsonl")))


if __name__ == "__main__":
    unittest.main()
