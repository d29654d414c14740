"""Contract tests for `nova invoke NAME|ARN "PROMPT" [--system] [--max-tokens] [--temperature] [--json]`
against the AWS stand-in: a SageMaker endpoint created with boto3 (the stand-in's endpoint
module brings it InService) and a Bedrock on-demand deployment made by `nova deploy create`
are found by name or ARN and asked; text mode streams the answer, --json prints one object.
Every run has NOVA_LOG=debug and session credentials, and no output may hold the secrets.
Run by ctest as: python3 test_invoke_cli.py NOVA FIXTURES."""
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
STANDIN = None
ENDPOINT_ARN = None
DEPLOYMENT_ARN = None
SECRET = "iNvOkEsEcReT0123456789abcdefSECRETKEY"
TOKEN = "iNvOkEsEsSiOnToKeN/AbCdEf0123456789+session=="


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDIN.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def run(*args):
    env = isolated_aws_env(STANDIN.endpoint, AWS_SECRET_ACCESS_KEY=SECRET, AWS_SESSION_TOKEN=TOKEN, NOVA_LOG="debug")
    proc = subprocess.run([NOVA, *args], capture_output=True, text=True, env=env, timeout=120)
    for secret in (SECRET, TOKEN):
        assert secret not in proc.stdout + proc.stderr, f"a secret appeared in the output of {args}"
    if proc.returncode != 2:  # usage errors stop before any request; the rest must have logged requests
        assert "nova debug:" in proc.stderr, f"no debug log from {args}: the secret check saw nothing"
    return proc


def setUpModule():
    global STANDIN, ENDPOINT_ARN, DEPLOYMENT_ARN
    STANDIN = StandinServer()
    STANDIN._control("PUT", "bedrock/settings", {"describes_to_ready": 1})
    deployed = run("deploy", "create", "--model-artifact-path", "s3://customer-escrow-123456789012-smtj-inv/ckpt/",
                   "--model", "nova_micro", "--method", "sft_lora", "--endpoint-name", "cli-od", "--poll-interval",
                   "0.01", "--wait", "--json")
    if deployed.returncode != 0:
        raise RuntimeError(f"nova deploy create failed: {deployed.stderr}")
    DEPLOYMENT_ARN = json.loads(deployed.stdout)["uri"]
    sm = client("sagemaker")
    sm.create_model(ModelName="cli-ep-model", ExecutionRoleArn="arn:aws:iam::123456789012:role/Exec",
                    EnableNetworkIsolation=True,
                    PrimaryContainer={"Image": "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-inference-repo:"
                                               "SM-Inference-latest",
                                      "ModelDataSource": {"S3DataSource": {"S3Uri": "s3://b/ckpt/",
                                                                           "S3DataType": "S3Prefix",
                                                                           "CompressionType": "None"}}})
    sm.create_endpoint_config(EndpointConfigName="cli-ep-config", ProductionVariants=[
        {"VariantName": "primary", "ModelName": "cli-ep-model", "InstanceType": "ml.g6.12xlarge",
         "InitialInstanceCount": 1}])
    ENDPOINT_ARN = sm.create_endpoint(EndpointName="cli-ep", EndpointConfigName="cli-ep-config")["EndpointArn"]
    while sm.describe_endpoint(EndpointName="cli-ep")["EndpointStatus"] != "InService":
        pass


def tearDownModule():
    STANDIN.stop()


class InvokeCliTest(unittest.TestCase):
    def tearDown(self):
        self.assertEqual(STANDIN.failures(), [])

    def test_json_by_name(self):
        r = run("invoke", "cli-ep", "how are you", "--system", "Be brief.", "--max-tokens", "20", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(list(out), ["endpoint_name", "platform", "uri", "text", "stop_reason", "usage"])
        self.assertEqual(out["endpoint_name"], "cli-ep")
        self.assertEqual(out["platform"], "SAGEMAKER")
        self.assertEqual(out["uri"], ENDPOINT_ARN)
        self.assertEqual(out["text"], "echo: how are you")
        self.assertEqual(out["stop_reason"], "stop")
        self.assertEqual(set(out["usage"]), {"input_tokens", "output_tokens", "total_tokens"})
        body = json.loads([c for c in STANDIN.calls() if c["operation"] == "InvokeEndpoint"][-1]["params"]["Body"])
        self.assertEqual(body["messages"][0], {"role": "system", "content": "Be brief."})
        self.assertEqual(body["max_tokens"], 20)

    def test_text_mode_streams_by_arn(self):
        r = run("invoke", ENDPOINT_ARN, "stream me")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "echo: stream me\n")
        self.assertTrue(any(c["operation"] == "InvokeEndpointWithResponseStream" for c in STANDIN.calls()))

    def test_bedrock_deployment_by_name_and_arn(self):
        r = run("invoke", "cli-od", "hi there", "--system", "Be brief.", "--max-tokens", "20", "--temperature", "0.3",
                "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["platform"], "BEDROCK_OD")
        self.assertEqual(out["uri"], DEPLOYMENT_ARN)
        self.assertEqual(out["text"], "echo: hi there")
        self.assertEqual(out["stop_reason"], "end_turn")
        converse = [c for c in STANDIN.calls() if c["operation"] == "Converse"][-1]["params"]
        self.assertEqual(converse["modelId"], DEPLOYMENT_ARN)
        self.assertEqual(converse["system"], [{"text": "Be brief."}])
        self.assertEqual(converse["inferenceConfig"]["maxTokens"], 20)

        streamed = run("invoke", DEPLOYMENT_ARN, "stream me")
        self.assertEqual(streamed.returncode, 0, streamed.stderr)
        self.assertEqual(streamed.stdout, "echo: stream me\n")
        self.assertTrue(any(c["operation"] == "ConverseStream" for c in STANDIN.calls()))

    def test_unknown_deployment_exits_1(self):
        r = run("invoke", "no-such-deployment", "hi")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("no-such-deployment", r.stderr)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("invoke", "cli-ep").returncode, 2)
        self.assertEqual(run("invoke", "cli-ep", "hi", "--max-tokens", "0").returncode, 2)
        self.assertEqual(run("invoke", "cli-ep", "hi", "--temperature", "5").returncode, 2)


if __name__ == "__main__":
    unittest.main()
