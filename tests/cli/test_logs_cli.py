"""Contract tests for `nova logs` against the AWS stand-in (moto behind it): log events are
written with boto3 into /aws/sagemaker/TrainingJobs, one stream per host as a training job
writes them, and read back by job name or result file; --follow streams until the job ends.
Run by ctest as: python3 test_logs_cli.py NOVA FIXTURES."""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
GROUP = "/aws/sagemaker/TrainingJobs"
STANDIN = None
WORK = None
NOW_MS = int(time.time() * 1000)


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def job_with_logs(stem, running=False):
    """A training job whose two hosts logged: algo-1 at t+0,2,4, algo-2 at t+1,3 (t: an hour ago)."""
    name = f"{stem}-{uuid.uuid4().hex[:8]}"
    client("sagemaker").create_training_job(
        TrainingJobName=name, RoleArn="arn:aws:iam::123456789012:role/Exec",
        AlgorithmSpecification={"TrainingImage": "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova:latest",
                                "TrainingInputMode": "File"},
        OutputDataConfig={"S3OutputPath": "s3://nova-logs-cli/output"},
        ResourceConfig={"InstanceType": "ml.p5.48xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30},
        StoppingCondition={"MaxRuntimeInSeconds": 3600})
    if running:
        STANDIN.mark_running(name)
    logs = client("logs")
    t = NOW_MS - 3600 * 1000
    for host, stamps in (("algo-1", (0, 2, 4)), ("algo-2", (1, 3))):
        stream = f"{name}/{host}-1700000000"
        logs.create_log_stream(logGroupName=GROUP, logStreamName=stream)
        logs.put_log_events(logGroupName=GROUP, logStreamName=stream,
                            logEvents=[{"timestamp": t + s, "message": f"{host} at {s}"} for s in stamps])
    return name, t


def run(*args, **kw):
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=isolated_aws_env(STANDIN.endpoint), **kw)


def setUpModule():
    global STANDIN, WORK
    STANDIN = StandinServer()
    WORK = tempfile.mkdtemp(prefix="nova-logs-cli-")
    client("logs").create_log_group(logGroupName=GROUP)


def tearDownModule():
    STANDIN.stop()
    shutil.rmtree(WORK, ignore_errors=True)


class LogsTest(unittest.TestCase):
    def test_every_host_merged_in_time_order_by_job_name(self):
        name, _ = job_with_logs("cli-logs")
        r = run("logs", name)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["algo-1 at 0", "algo-2 at 1", "algo-1 at 2", "algo-2 at 3",
                                                 "algo-1 at 4"])

    def test_limit_from_head_and_until(self):
        name, t = job_with_logs("cli-logs-limit")
        self.assertEqual(run("logs", name, "--limit", "2").stdout.splitlines(), ["algo-2 at 3", "algo-1 at 4"])
        self.assertEqual(run("logs", name, "--limit", "2", "--from-head").stdout.splitlines(),
                         ["algo-1 at 0", "algo-2 at 1"])
        self.assertEqual(run("logs", name, "--until", str(t + 1)).stdout.splitlines(),
                         ["algo-1 at 0", "algo-2 at 1"], "events up to and including the end time")
        iso = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime((t + 2000) / 1000)) + "Z"
        self.assertEqual(len(run("logs", name, "--until", iso).stdout.splitlines()), 5)
        bad = run("logs", name, "--until", "tomorrow")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("'tomorrow'", bad.stderr)
        self.assertIn("epoch milliseconds", bad.stderr)

    def test_a_result_file_reads_from_the_jobs_start(self):
        name, t = job_with_logs("cli-logs-result")
        file = os.path.join(WORK, f"{name}_SMTJ.json")
        started = (datetime.datetime.fromtimestamp(0, datetime.timezone.utc)
                   + datetime.timedelta(milliseconds=t + 2)).isoformat()
        with open(file, "w") as f:
            json.dump({"job_id": name, "started_time": started, "method": "sft_lora",
                       "model_artifacts": {"checkpoint_s3_path": None, "output_s3_path": None},
                       "__class_name__": "SMTJTrainingResult"}, f)
        r = run("logs", file)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["algo-1 at 2", "algo-2 at 3", "algo-1 at 4"])

    def test_no_logs_yet_and_bad_arguments(self):
        r = run("logs", "cli-logs-nothing-here")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "No logs found for job cli-logs-nothing-here yet")
        self.assertEqual(run("logs", "not a job!").returncode, 2)
        self.assertEqual(run("logs", "x", "--limit", "0").returncode, 2)
        self.assertEqual(run("logs", "x", "--follow", "--limit", "3").returncode, 2)

    def test_follow_streams_new_events_until_the_job_ends(self):
        name, t = job_with_logs("cli-logs-follow", running=True)
        proc = subprocess.Popen([NOVA, "logs", name, "--follow", "--interval", "0.2"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=isolated_aws_env(STANDIN.endpoint))
        try:
            self.assertEqual(proc.stdout.readline(), "algo-1 at 0\n")
            client("logs").put_log_events(logGroupName=GROUP, logStreamName=f"{name}/algo-2-1700000000",
                                          logEvents=[{"timestamp": t + 5, "message": "algo-2 late"}])
            client("sagemaker").stop_training_job(TrainingJobName=name)
            out = proc.stdout.read()  # until the command ends (not communicate: readline buffered some)
            err = proc.stderr.read()
            proc.wait(timeout=60)
        finally:
            proc.kill()
            proc.stdout.close()
            proc.stderr.close()
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual(out.splitlines(), ["algo-2 at 1", "algo-1 at 2", "algo-2 at 3", "algo-1 at 4",
                                            "algo-2 late"])
        self.assertIn(f"Job {name} ended: FAILED (Stopped)", err)


if __name__ == "__main__":
    unittest.main()
