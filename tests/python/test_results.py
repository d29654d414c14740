"""Job results from Python against the AWS stand-in (moto behind it): dump()/load() files
interchangeable with the `nova` CLI's, statuses, evaluation metrics and inference records
from output archives, and Ctrl-C during a log-following wait."""
import contextlib
import io
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import unittest
import uuid
from datetime import datetime, timezone

from support import AwsStandin
from moto_harness import tar_gz

from amzn_nova_customization_sdk import BaseJobResult, JobStatus, Platform, TrainingMethod
from amzn_nova_customization_sdk.model.model_config import ModelArtifacts
from amzn_nova_customization_sdk.model.result import (SMTJBatchInferenceResult, SMTJEvaluationResult,
                                                      SMTJTrainingResult)
from amzn_nova_customization_sdk.monitor import CloudWatchLogMonitor
from amzn_nova_customization_sdk.recipe import EvaluationTask

NOVA = os.environ.get("NOVA_CLI", "build/cli/nova")
BUCKET = "nova-python-results"
OUTPUT = f"s3://{BUCKET}/output"
AWS = None


def setUpModule():
    global AWS
    AWS = AwsStandin()
    AWS.client("s3").create_bucket(Bucket=BUCKET)


def tearDownModule():
    AWS.stop()


def training_job(stem, archive=None, running=False):
    name = f"{stem}-{uuid.uuid4().hex[:8]}"
    AWS.client("sagemaker").create_training_job(
        TrainingJobName=name, RoleArn="arn:aws:iam::123456789012:role/Exec",
        AlgorithmSpecification={"TrainingImage": "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova:latest",
                                "TrainingInputMode": "File"},
        OutputDataConfig={"S3OutputPath": OUTPUT},
        ResourceConfig={"InstanceType": "ml.p5.48xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        StoppingCondition={"MaxRuntimeInSeconds": 3600})
    if running:
        AWS.server.mark_running(name)
    if archive is not None:
        AWS.client("s3").put_object(Bucket=BUCKET, Key=f"output/{name}/output/output.tar.gz", Body=archive(name))
    return name, f"{OUTPUT}/{name}/output/output.tar.gz"


def nova(*args):
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=dict(os.environ))


class DumpAndLoad(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_python_dump_is_read_by_the_cli_and_loads_back(self):
        name, _ = training_job("py-dump", running=True)
        started = datetime(2026, 1, 30, 12, 0, tzinfo=timezone.utc)
        result = SMTJTrainingResult(job_id=name, started_time=started, method=TrainingMethod.SFT_LORA,
                                    model_artifacts=ModelArtifacts(f"{OUTPUT}/{name}/ckpt", f"{OUTPUT}/{name}"))
        with self.assertLogs("amzn_nova_customization_sdk.model.result.job_result", "INFO") as logs:
            path = result.dump(file_path=self.tmp.name)
        self.assertEqual(str(path), os.path.join(self.tmp.name, f"{name}_SMTJ.json"))
        self.assertIn("Job result saved to", logs.output[0])
        with open(path) as f:
            saved = json.load(f)
        self.assertEqual(saved["__class_name__"], "SMTJTrainingResult")
        self.assertEqual(saved["started_time"], "2026-01-30T12:00:00+00:00")

        r = nova("job", "status", str(path), "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(json.loads(r.stdout)["status"], "IN_PROGRESS")

        loaded = BaseJobResult.load(str(path))
        self.assertIsInstance(loaded, SMTJTrainingResult)
        self.assertEqual((loaded.job_id, loaded.started_time, loaded.method), (name, started, TrainingMethod.SFT_LORA))
        self.assertEqual(loaded.model_artifacts, result.model_artifacts)
        self.assertEqual(loaded.get_job_status(), (JobStatus.IN_PROGRESS, "InProgress"))
        self.assertIs(loaded.platform, Platform.SMTJ)

    def test_a_cli_written_result_loads_in_python(self):
        name, path = training_job("cli-dump", archive=lambda n: tar_gz({f"{n}/eval_results/results_1.json":
                                                                            b'{"results": {"mmlu|x|0": {"acc": 0.5}}}'}))
        file = os.path.join(self.tmp.name, "cli.json")
        with open(file, "w") as f:  # the layout `nova evaluate --save-result` writes (see docs/cli.md)
            json.dump({"job_id": name, "started_time": "2026-01-30T12:00:00+00:00", "eval_task": "mmlu",
                       "eval_output_path": path, "__class_name__": "SMTJEvaluationResult"}, f)
        r = nova("results", "show", file, "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        loaded = BaseJobResult.load(file)
        self.assertIsInstance(loaded, SMTJEvaluationResult)
        self.assertIs(loaded.eval_task, EvaluationTask.MMLU)
        self.assertEqual(loaded.get_job_status()[0], JobStatus.COMPLETED)
        self.assertEqual(loaded.get(), {"results": {"mmlu|x|0": {"acc": 0.5}}})
        with contextlib.redirect_stdout(io.StringIO()) as out:
            loaded.show()
        self.assertIn(f"Evaluation Results for job_id={name}", out.getvalue())
        self.assertTrue(os.path.isdir(loaded._core.cache_directory()))
        loaded.clean()
        self.assertFalse(os.path.exists(loaded._core.cache_directory()))

    def test_load_refuses_an_unknown_class_with_a_value_error(self):
        file = os.path.join(self.tmp.name, "bad.json")
        with open(file, "w") as f:
            json.dump({"job_id": "x", "__class_name__": "Nope"}, f)
        with self.assertRaises(ValueError) as caught:
            BaseJobResult.load(file)
        self.assertIn("Nope", str(caught.exception))


class InferenceRecords(unittest.TestCase):
    def test_get_returns_formatted_records_and_writes_them_to_s3(self):
        line = {"prompt": "[{'role': 'user', 'content': 'Capital of France?'}]", "inference": "['Paris']",
                "gold": "Paris"}
        name, path = training_job("py-infer", archive=lambda n: tar_gz(
            {f"{n}/eval_results/inference_output.jsonl": (json.dumps(line) + "\n").encode()}))
        result = SMTJBatchInferenceResult(job_id=name, started_time=datetime.now(timezone.utc),
                                          inference_output_path=path)
        got = result.get(s3_path=f"s3://{BUCKET}/formatted/{name}.jsonl")
        self.assertEqual(got["inference_results"][0]["inference_response"], "Paris")
        body = AWS.client("s3").get_object(Bucket=BUCKET, Key=f"formatted/{name}.jsonl")["Body"].read()
        self.assertEqual(json.loads(body.splitlines()[0])["query"], "Capital of France?")
        result.clean()


class CtrlC(unittest.TestCase):
    def test_keyboard_interrupt_ends_a_log_follow_wait(self):
        name, _ = training_job("py-follow", running=True)
        monitor = CloudWatchLogMonitor(job_id=name, platform=Platform.SMTJ)
        timer = threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT))
        timer.start()
        started = time.monotonic()
        with self.assertRaises(KeyboardInterrupt):
            monitor.follow(on_event=lambda e: None, stop=lambda: False, poll_seconds=60)
        self.assertLess(time.monotonic() - started, 10)


if __name__ == "__main__":
    unittest.main()
