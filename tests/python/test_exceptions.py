"""Exceptions: the C++ engine's errors arrive as the specification's Python types with their
messages (ValueError, DataPrepError, NotImplementedError), AWS errors as ServiceError with the
AWS error code, missing configuration as ConfigError."""
import os
import subprocess
import sys
import tempfile
import unittest

from support import AwsStandin, isolated_aws_env

from amzn_nova_customization_sdk import (DeployPlatform, JSONLDatasetLoader, Model, NovaModelCustomizer, SMHPRuntimeManager,
                                         SMTJRuntimeManager, TrainingMethod, _core)
from amzn_nova_customization_sdk.dataset.dataset_loader import DataPrepError
from amzn_nova_customization_sdk.manager.runtime_manager import JobConfig

AWS = None


def setUpModule():
    global AWS
    AWS = AwsStandin()


def tearDownModule():
    AWS.stop()


class Types(unittest.TestCase):
    def test_data_prep_error_is_an_exception_not_a_value_error(self):
        self.assertTrue(issubclass(DataPrepError, Exception))
        self.assertFalse(issubclass(DataPrepError, ValueError))
        self.assertEqual(DataPrepError.__module__, "amzn_nova_customization_sdk.dataset.dataset_loader")

    def test_bad_arguments_are_value_errors_naming_what_is_valid(self):
        with self.assertRaises(ValueError) as caught:
            SMTJRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=0)
        self.assertIn("instance_count", str(caught.exception))
        with self.assertRaises(ValueError) as caught:
            SMHPRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=1, cluster_name="-bad",
                               namespace="default")
        self.assertIn("-bad", str(caught.exception))
        with self.assertRaises(ValueError) as caught:
            JSONLDatasetLoader().transform(method="SFT_LOLA", model=Model.NOVA_LITE)
        self.assertIn("TrainingMethod.SFT_LORA", str(caught.exception))

    def test_an_unreadable_file_is_a_data_prep_error(self):
        with tempfile.NamedTemporaryFile(suffix=".txt") as f:
            with self.assertRaises(DataPrepError) as caught:
                JSONLDatasetLoader().load(f.name)
        self.assertIn(".jsonl", str(caught.exception))

    def test_deploy_to_provisioned_throughput_without_units_is_a_value_error(self):
        customizer = NovaModelCustomizer(model=Model.NOVA_LITE_2, method=TrainingMethod.SFT_LORA,
                                         infra=SMTJRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=4),
                                         output_s3_path="s3://nova-python-exceptions/out/")
        with self.assertRaises(ValueError) as caught:
            customizer.deploy(model_artifact_path="s3://nova-python-exceptions/model/",
                              deploy_platform=DeployPlatform.BEDROCK_PT)
        self.assertIn("pt_units", str(caught.exception))

    def test_a_missing_s3_object_is_a_data_prep_error_naming_the_uri(self):
        AWS.client("s3").create_bucket(Bucket="nova-python-exceptions")
        with self.assertRaises(DataPrepError) as caught:
            JSONLDatasetLoader().load("s3://nova-python-exceptions/missing.jsonl")
        self.assertIn("s3://nova-python-exceptions/missing.jsonl", str(caught.exception))

    def test_an_aws_error_is_a_service_error_with_its_code(self):
        manager = SMTJRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=1)
        with self.assertRaises(_core.ServiceError) as caught:
            manager.cleanup("no-such-job-anywhere")
        self.assertEqual(caught.exception.service.lower(), "sagemaker")
        self.assertEqual(caught.exception.operation, "StopTrainingJob")
        self.assertEqual(caught.exception.code, "ValidationException")
        self.assertEqual(caught.exception.http_status, 400)
        self.assertIn("StopTrainingJob failed", str(caught.exception))

    def test_no_region_or_credentials_is_a_config_error(self):
        code = ("from amzn_nova_customization_sdk import *\n"
                "from amzn_nova_customization_sdk import _core\n"
                "try:\n"
                "    NovaModelCustomizer(model=Model.NOVA_LITE_2, method=TrainingMethod.SFT_LORA,\n"
                "        infra=SMTJRuntimeManager(instance_type='ml.p5.48xlarge', instance_count=1))\n"
                "except _core.ConfigError as e:\n"
                "    print('ConfigError:', e)\n")
        env = isolated_aws_env()
        env["PYTHONPATH"] = os.environ.get("PYTHONPATH", "")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        self.assertIn("ConfigError:", r.stdout, r.stdout + r.stderr)


class SmhpLaunch(unittest.TestCase):
    def test_smhp_execute_is_bound(self):
        manager = SMHPRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=1, cluster_name="my-cluster",
                                     namespace="default")
        with tempfile.NamedTemporaryFile(suffix=".yaml") as recipe:
            config = JobConfig(job_name="smhp-job", image_uri="img", recipe_path=recipe.name)
            # The empty recipe is refused by the engine (a ValueError), not by the binding.
            with self.assertRaises(ValueError) as caught:
                manager.execute(config)
            self.assertIn("recipe must be one YAML mapping", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
