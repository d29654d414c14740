"""Ctrl-C during waits, polling loops and single engine calls, in a child Python as a user
would press it: SIGINT raises KeyboardInterrupt within a second, and every file the loop
wrote is whole (written atomically, no temporary files left). The engine runs these without
the GIL, so the signal reaches it through the engine's own interrupt, not Python's."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest
import uuid

from support import AwsStandin
from fault_proxy import FaultProxy

from amzn_nova_customization_sdk import DeployPlatform, Model, NovaModelCustomizer, SMTJRuntimeManager, TrainingMethod

AWS = None
BUCKET = "nova-python-interrupt"


def setUpModule():
    global AWS
    AWS = AwsStandin()
    AWS.client("s3").create_bucket(Bucket=BUCKET)


def tearDownModule():
    AWS.stop()


def start_child(code, **env):
    """A child python running `code` with this test's environment (the stand-in's endpoint)
    and `env`; returns it once it printed "ready"."""
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=dict(os.environ, **env))
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        out, err = child.communicate()
        raise AssertionError(f"the child did not get ready: {line}{out}{err}")
    return child


def interrupt(test, child):
    """SIGINT to the child; asserts KeyboardInterrupt ended it within a second of the signal."""
    time.sleep(0.5)  # inside the wait, not at its first poll
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    try:
        out, err = child.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        test.fail("the child ignored SIGINT for 10 s")
    took = time.monotonic() - sent
    test.assertIn("KeyboardInterrupt", err)
    test.assertNotEqual(child.returncode, 0)
    test.assertLess(took, 1.5, f"KeyboardInterrupt took {took:.2f} s")
    return out, err


class CtrlC(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_a_deployment_wait_polling_every_minute_stops_at_once(self):
        AWS.server._control("PUT", "sagemaker-endpoints/settings", {"describes_to_ready": 1000000})
        self.addCleanup(AWS.server._control, "PUT", "sagemaker-endpoints/settings", {"describes_to_ready": 2})
        customizer = NovaModelCustomizer(model=Model.NOVA_MICRO, method=TrainingMethod.SFT_LORA,
                                         infra=SMTJRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=2),
                                         output_s3_path=f"s3://{BUCKET}/output")
        deployment = customizer.deploy(model_artifact_path=f"s3://{BUCKET}/ckpt/",
                                       deploy_platform=DeployPlatform.SAGEMAKER, endpoint_name="py-ctrl-c")
        path = deployment.dump(file_path=self.tmp.name)
        child = start_child(f"""
            from amzn_nova_customization_sdk.model.model_config import DeploymentResult
            d = DeploymentResult.load({str(path)!r})
            assert d.status == "Creating", d.status
            print("ready", flush=True)
            d.wait(poll_seconds=60)
            print("the wait ended without an interrupt")
        """)
        out, _ = interrupt(self, child)
        self.assertNotIn("ended", out)

    def slow_describe_endpoint(self, times):
        """A saved deployment, and a fault proxy in front of the stand-in whose first `times`
        DescribeEndpoint replies arrive 16 bytes every 5 s: such a call does not return to
        Python on its own for minutes, so only the engine's interrupt can end it."""
        customizer = NovaModelCustomizer(model=Model.NOVA_MICRO, method=TrainingMethod.SFT_LORA,
                                         infra=SMTJRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=2),
                                         output_s3_path=f"s3://{BUCKET}/output")
        deployment = customizer.deploy(model_artifact_path=f"s3://{BUCKET}/ckpt/",
                                       deploy_platform=DeployPlatform.SAGEMAKER,
                                       endpoint_name=f"py-ctrl-c-slow-{uuid.uuid4().hex[:8]}")
        path = deployment.dump(file_path=self.tmp.name)
        proxy = FaultProxy(AWS.endpoint)
        self.addCleanup(proxy.stop)
        proxy.rules({"op": "DescribeEndpoint", "fault": "slow", "chunk": 16, "delay": 5, "times": times})
        return str(path), proxy

    def test_a_reply_trickling_in_is_cut_inside_the_engine_call(self):
        path, proxy = self.slow_describe_endpoint(times=-1)
        out_dir = os.path.join(self.tmp.name, "after")
        os.makedirs(out_dir)
        child = start_child(f"""
            from amzn_nova_customization_sdk.model.model_config import DeploymentResult
            d = DeploymentResult.load({path!r})
            print("ready", flush=True)
            status = d.status
            d.dump(file_path={out_dir!r})
            print("the call ended without an interrupt:", status)
        """, AWS_ENDPOINT_URL=proxy.endpoint)
        out, err = interrupt(self, child)
        self.assertNotIn("ended", out)
        self.assertNotIn("NovaError", err)
        self.assertIn("DescribeEndpoint", [r.get("op") for r in proxy.requests()])
        self.assertEqual(os.listdir(out_dir), [])

    def test_after_a_caught_interrupt_the_next_call_runs(self):
        # The request ends with the call it cut: a program that catches KeyboardInterrupt and
        # goes on is not stopped again by it.
        path, proxy = self.slow_describe_endpoint(times=1)
        child = start_child(f"""
            from amzn_nova_customization_sdk.model.model_config import DeploymentResult
            d = DeploymentResult.load({path!r})
            print("ready", flush=True)
            try:
                d.status
                print("the call ended without an interrupt")
            except KeyboardInterrupt:
                print("interrupted", flush=True)
            print("then", d.status, flush=True)
        """, AWS_ENDPOINT_URL=proxy.endpoint)
        time.sleep(0.5)
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=20)
        self.assertEqual(child.returncode, 0, err)
        self.assertEqual(out.splitlines()[0], "interrupted")
        self.assertRegex(out.splitlines()[1], r"^then (Creating|InService)$")
        self.assertLess(time.monotonic() - sent, 5)

    def test_a_status_poll_loop_that_dumps_each_round_leaves_whole_files(self):
        name = f"py-poll-{uuid.uuid4().hex[:8]}"
        AWS.client("sagemaker").create_training_job(
            TrainingJobName=name, RoleArn="arn:aws:iam::123456789012:role/Exec",
            AlgorithmSpecification={"TrainingImage": "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova:latest",
                                    "TrainingInputMode": "File"},
            OutputDataConfig={"S3OutputPath": f"s3://{BUCKET}/output"},
            ResourceConfig={"InstanceType": "ml.p5.48xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
            StoppingCondition={"MaxRuntimeInSeconds": 3600})
        AWS.server.mark_running(name)
        out_dir = os.path.join(self.tmp.name, "results")
        os.makedirs(out_dir)
        child = start_child(f"""
            from datetime import datetime, timezone
            from amzn_nova_customization_sdk import TrainingMethod
            from amzn_nova_customization_sdk.model.model_config import ModelArtifacts
            from amzn_nova_customization_sdk.model.result import SMTJTrainingResult
            r = SMTJTrainingResult(job_id={name!r}, started_time=datetime.now(timezone.utc),
                                   method=TrainingMethod.SFT_LORA,
                                   model_artifacts=ModelArtifacts("s3://{BUCKET}/ckpt", "s3://{BUCKET}/out"))
            rounds = 0
            while True:
                r.get_job_status()
                r.dump(file_path={out_dir!r})
                rounds += 1
                if rounds == 3:
                    print("ready", flush=True)
        """)
        interrupt(self, child)
        self.assertEqual(os.listdir(out_dir), [f"{name}_SMTJ.json"])
        with open(os.path.join(out_dir, f"{name}_SMTJ.json")) as f:
            self.assertEqual(json.load(f)["job_id"], name)


if __name__ == "__main__":
    unittest.main()
