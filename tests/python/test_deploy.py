"""Deployments from Python against the AWS stand-in (Bedrock, Bedrock Runtime, SageMaker
endpoints and Runtime, moto behind them): deploy() to Bedrock on demand and to SageMaker,
DeploymentResult status / wait / dump / load (files interchangeable with the CLI's),
find / describe / list / delete, and invoke (plain and streamed)."""
import json
import os
import subprocess
import tempfile
import unittest
from datetime import datetime, timezone

from support import AwsStandin

from amzn_nova_customization_sdk import DeployPlatform, Model, NovaModelCustomizer, SMTJRuntimeManager, TrainingMethod
from amzn_nova_customization_sdk.model.deployment import (DeploymentSummary, InvokeResult, delete_deployment,
                                                          describe_deployment, find_deployment, invoke,
                                                          list_deployments)
from amzn_nova_customization_sdk.model.model_config import DeploymentResult, EndpointInfo

NOVA = os.environ.get("NOVA_CLI", "build/cli/nova")
ARTIFACT = "s3://customer-escrow-123456789012-smtj-abc/py-job/checkpoint/"
AWS = None


def setUpModule():
    global AWS
    AWS = AwsStandin()
    AWS.make_role("NovaPyExec")
    AWS.server._control("PUT", "bedrock/settings", {"describes_to_ready": 2, "page_size": 2})
    AWS.server._control("PUT", "sagemaker-endpoints/settings", {"describes_to_ready": 2})


def tearDownModule():
    AWS.stop()


def customizer(model=Model.NOVA_MICRO):
    return NovaModelCustomizer(model=model, method=TrainingMethod.SFT_LORA,
                               infra=SMTJRuntimeManager(instance_type="ml.p5.48xlarge", instance_count=2,
                                                        execution_role="arn:aws:iam::123456789012:role/NovaPyExec"),
                               output_s3_path="s3://nova-python-deploy/output")


def fast_deploy(c, name, **kwargs):
    """deploy() with the import wait polling every 10 ms instead of every minute."""
    return c._deploy(ARTIFACT, DeployPlatform.BEDROCK_OD, None, name, None, "BedrockDeployModelExecutionRole",
                     poll_seconds=0.01, **kwargs)


class BedrockOnDemand(unittest.TestCase):
    def test_deploy_wait_dump_load_find_invoke_delete(self):
        result = fast_deploy(customizer(), "py-od")
        self.assertIsInstance(result, DeploymentResult)
        self.assertEqual(result.endpoint.platform, DeployPlatform.BEDROCK_OD)
        self.assertEqual(result.endpoint.endpoint_name, "py-od")
        self.assertEqual(result.endpoint.model_artifact_path, ARTIFACT)
        self.assertIn(":custom-model-deployment/", result.endpoint.uri)
        self.assertIsNotNone(result.created_at.tzinfo)
        self.assertEqual(result.lineage["checkpoint"], ARTIFACT)
        self.assertEqual(result.status, "Creating")
        self.assertEqual(result.wait(poll_seconds=0.01, timeout_seconds=30), "Active")
        self.assertEqual(result.status, "Active")

        with tempfile.TemporaryDirectory() as tmp:
            path = result.dump(file_path=tmp)
            self.assertEqual(str(path), os.path.join(tmp, "py-od_deployment.json"))
            loaded = DeploymentResult.load(str(path))
            self.assertEqual(loaded.endpoint, result.endpoint)
            self.assertEqual(loaded.created_at, result.created_at.replace(microsecond=0))  # files keep seconds
            self.assertEqual(loaded.status, "Active")
            # The CLI's `nova deploy status --json` object is a deployment file too.
            cli = subprocess.run([NOVA, "deploy", "status", "py-od", "--json"], capture_output=True, text=True,
                                 env=dict(os.environ))
            self.assertEqual(cli.returncode, 0, cli.stdout + cli.stderr)
            cli_file = os.path.join(tmp, "cli.json")
            with open(cli_file, "w") as f:
                f.write(cli.stdout)
            self.assertEqual(DeploymentResult.load(cli_file).endpoint, result.endpoint)
            with open(path) as f:
                self.assertEqual(json.loads(cli.stdout)["uri"], json.load(f)["uri"])

        self.assertEqual(find_deployment("py-od"), result.endpoint)
        self.assertEqual(find_deployment(result.endpoint.uri), result.endpoint)
        summary = describe_deployment("py-od")
        self.assertIsInstance(summary, DeploymentSummary)
        self.assertEqual((summary.status, summary.lineage["checkpoint"]), ("Active", ARTIFACT))
        self.assertIn("py-od", [s.endpoint.endpoint_name for s in list_deployments()])

        answer = result.invoke("Capital of France?", max_tokens=50)
        self.assertIsInstance(answer, InvokeResult)
        self.assertEqual(answer.text, "echo: Capital of France?")
        self.assertEqual(answer.stop_reason, "end_turn")
        pieces = []
        streamed = invoke("py-od", [{"role": "user", "content": "one two three"}], on_text=pieces.append)
        self.assertEqual(streamed.text, "echo: one two three")
        self.assertGreater(len(pieces), 1)
        self.assertEqual("".join(pieces), streamed.text)

        delete_deployment(result.endpoint, poll_seconds=0.01, timeout_seconds=30)
        with self.assertRaises(ValueError) as caught:
            find_deployment("py-od")
        self.assertIn("py-od", str(caught.exception))

    def test_a_hand_built_result_asks_aws_about_its_endpoint(self):
        deployed = fast_deploy(customizer(), "py-od-hand")
        hand = DeploymentResult(endpoint=EndpointInfo(platform=DeployPlatform.BEDROCK_OD, endpoint_name="py-od-hand",
                                                      uri=deployed.endpoint.uri, model_artifact_path=ARTIFACT),
                                created_at=datetime(2026, 1, 30, 12, 0))
        self.assertIn(hand.status, ("Creating", "Active"))
        self.assertEqual(hand.created_at, datetime(2026, 1, 30, 12, 0))
        delete_deployment("py-od-hand", poll_seconds=0.01)

    def test_bad_invocations_are_value_errors_naming_the_problem(self):
        endpoint = EndpointInfo(platform=DeployPlatform.BEDROCK_OD, endpoint_name="x",
                                uri="arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/x",
                                model_artifact_path=ARTIFACT)
        with self.assertRaises(ValueError) as caught:
            invoke(endpoint, [{"role": "system", "content": "hi"}])
        self.assertIn("system", str(caught.exception))
        with self.assertRaises(ValueError) as caught:
            invoke(endpoint, [{"who": "user"}])
        self.assertIn("'role' and 'content'", str(caught.exception))
        with self.assertRaises(ValueError):
            DeploymentResult(endpoint=endpoint, created_at=datetime.now(timezone.utc)).wait(poll_seconds=0)

    def test_a_deployment_file_with_a_missing_field_is_a_value_error(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"endpoint_name": "x", "platform": "BEDROCK_OD"}, f)
        self.addCleanup(os.unlink, f.name)
        with self.assertRaises(ValueError) as caught:
            DeploymentResult.load(f.name)
        self.assertIn("uri", str(caught.exception))


class SageMakerEndpoint(unittest.TestCase):
    def test_deploy_to_sagemaker_with_settings_waits_and_answers(self):
        c = customizer()
        result = c.deploy_to_sagemaker(model_artifact_path=ARTIFACT, endpoint_name="py-sm",
                                       instance_type="ml.g6.12xlarge", context_length=8000, max_concurrency=4,
                                       wait_for_deployment=True, poll_seconds=0.01)
        self.assertEqual(result.endpoint.platform, DeployPlatform.SAGEMAKER)
        self.assertIn(":endpoint/py-sm", result.endpoint.uri)
        self.assertEqual(result.status, "InService")
        self.assertEqual(result.invoke([{"role": "user", "content": "hello"}]).text, "echo: hello")
        delete_deployment(result.endpoint, poll_seconds=0.01, timeout_seconds=30)

    def test_the_specifications_deploy_goes_to_sagemaker_too(self):
        result = customizer().deploy(model_artifact_path=ARTIFACT, deploy_platform=DeployPlatform.SAGEMAKER,
                                     endpoint_name="py-sm-spec")
        self.assertEqual(result.endpoint.platform, DeployPlatform.SAGEMAKER)
        self.assertEqual(result.wait(poll_seconds=0.01, timeout_seconds=30), "InService")

    def test_a_tier_the_instance_cannot_serve_is_refused_with_the_valid_ones(self):
        with self.assertRaises(ValueError) as caught:
            customizer().deploy_to_sagemaker(model_artifact_path=ARTIFACT, endpoint_name="py-sm-tier",
                                             instance_type="ml.g6.12xlarge", context_length=8000, max_concurrency=7)
        self.assertIn("max_concurrency <= 6", str(caught.exception))
        with self.assertRaises(ValueError):
            find_deployment("py-sm-tier")


class Errors(unittest.TestCase):
    def test_an_unknown_deployment_is_a_value_error(self):
        with self.assertRaises(ValueError) as caught:
            describe_deployment("py-no-such-deployment")
        self.assertIn("py-no-such-deployment", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
