"""No file handles or memory leak across 10,000 calls of each kind of boundary crossing that
does not need AWS: result files written and read, deployment files, engine log lines through
`logging`, C++ errors raised as Python exceptions, enum conversions. Open descriptors are
counted in /proc/self/fd, memory is the resident set (VmRSS) before and after."""
import logging
import os
import tempfile
import unittest
from datetime import datetime, timezone

from amzn_nova_customization_sdk import BaseJobResult, DeployPlatform, Model, TrainingMethod, _core
from amzn_nova_customization_sdk.model.model_config import DeploymentResult, EndpointInfo, ModelArtifacts
from amzn_nova_customization_sdk.model.result import SMTJTrainingResult

CALLS = 10000


def open_fds():
    return len(os.listdir("/proc/self/fd"))


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


class NoLeaks(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        logging.getLogger("amzn_nova_customization_sdk").addHandler(logging.NullHandler())

    def assert_no_leak(self, call):
        for _ in range(500):  # warm caches and allocator pools
            call()
        fds, rss = open_fds(), rss_kib()
        for _ in range(CALLS):
            call()
        self.assertEqual(open_fds(), fds, "file descriptors leaked")
        grown = rss_kib() - rss
        self.assertLess(grown, 8 * 1024, f"resident memory grew by {grown} KiB over {CALLS} calls")

    def test_job_result_dump_and_load(self):
        result = SMTJTrainingResult(job_id="leak-job", started_time=datetime(2026, 1, 30, tzinfo=timezone.utc),
                                    method=TrainingMethod.SFT_LORA,
                                    model_artifacts=ModelArtifacts("s3://b/ckpt", "s3://b/out"))

        def call():
            BaseJobResult.load(str(result.dump(file_path=self.tmp.name)))
        self.assert_no_leak(call)

    def test_deployment_dump_and_load(self):
        deployment = DeploymentResult(
            endpoint=EndpointInfo(platform=DeployPlatform.BEDROCK_OD, endpoint_name="leak",
                                  uri="arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/leak",
                                  model_artifact_path="s3://b/ckpt/"),
            created_at=datetime(2026, 1, 30, tzinfo=timezone.utc))

        def call():
            DeploymentResult.load(str(deployment.dump(file_path=self.tmp.name)))
        self.assert_no_leak(call)

    def test_engine_log_lines(self):
        def call():
            _core._log_for_test("customizer/deploy.cpp", 2, "a warning line")
        self.assert_no_leak(call)

    def test_errors_raised_across_the_boundary(self):
        missing = os.path.join(self.tmp.name, "missing.json")

        def call():
            try:
                BaseJobResult.load(missing)
            except ValueError:
                pass
            try:
                Model.from_model_type("amazon.nova-none")
            except ValueError:
                pass
        self.assert_no_leak(call)


if __name__ == "__main__":
    unittest.main()
