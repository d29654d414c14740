"""Shared helpers of the Python module tests: the package from the build tree, the AWS
stand-in (moto behind it) with the environment pointed at it, and fixtures on it."""
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from moto_harness import StandinServer, isolated_aws_env  # noqa: E402,F401

ACCOUNT = "123456789012"
EXEC_ROLE = "NovaPythonExec"


class AwsStandin:
    """The stand-in on a free port; os.environ points the SDK (and boto3) at it until stop()."""

    def __init__(self):
        self.server = StandinServer()
        self.saved_env = dict(os.environ)
        self.cache = tempfile.TemporaryDirectory(prefix="nova-python-cache-")
        env = isolated_aws_env(self.server.endpoint, NOVA_CACHE_DIR=self.cache.name)
        os.environ.clear()
        os.environ.update(env)

    @property
    def endpoint(self):
        return self.server.endpoint

    def client(self, service):
        import boto3
        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def make_role(self, name, service="sagemaker.amazonaws.com"):
        """A role `service` may assume, with S3 access; returns its ARN."""
        iam = self.client("iam")
        trust = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}
        role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
        policy = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}]}
        arn = self.client("iam").create_policy(PolicyName=name + "S3", PolicyDocument=json.dumps(policy))
        iam.attach_role_policy(RoleName=name, PolicyArn=arn["Policy"]["Arn"])
        return role

    def put_jsonl(self, bucket, key, records):
        self.client("s3").put_object(Bucket=bucket, Key=key,
                                     Body="".join(json.dumps(r) + "\n" for r in records).encode())

    def stop(self):
        self.server.stop()
        self.cache.cleanup()
        os.environ.clear()
        os.environ.update(self.saved_env)


FORGE_FIXTURES = os.path.join(HERE, "..", "fixtures", "forge")
BUILTIN_HUB = os.path.join(HERE, "..", "..", "data", "recipes", "hub")


def publish_forge_recipes(aws, access_point="nova-forge", bucket="nova-forge-recipes"):
    """The stand-in's hub lists the Nova Forge data-mixing recipe (tests/fixtures/forge/README.md):
    the built-in Nova 2 Lite document plus hub_entry.json, whose templates moto serves through
    the access point `access_point` of the caller's account."""
    with open(os.path.join(FORGE_FIXTURES, "hub_entry.json"), encoding="utf-8") as f:
        entry = json.load(f)
    aws.client("s3").create_bucket(Bucket=bucket)
    for field in ("HpEksPayloadTemplateS3Uri", "HpEksOverrideParamsS3Uri"):
        name = entry[field].rsplit("/", 1)[1]
        with open(os.path.join(FORGE_FIXTURES, name), "rb") as f:
            aws.client("s3").put_object(Bucket=bucket, Key="recipes/" + name, Body=f.read())
    aws.server._control("PUT", f"access-points/{access_point}", {"bucket": bucket})
    with open(os.path.join(BUILTIN_HUB, "nova-textgeneration-lite-v2.json"), encoding="utf-8") as f:
        document = json.load(f)
    document["RecipeCollection"].append(entry)
    aws.server.put_hub_content("nova-textgeneration-lite-v2", document, "1.0.30")


SFT_RECORD = {"schemaVersion": "bedrock-conversation-2024", "messages": [
    {"role": "user", "content": [{"text": "hi"}]}, {"role": "assistant", "content": [{"text": "hello"}]}]}


class HyperPodOnStandin:
    """The Kubernetes stand-in behind HyperPod clusters registered with an AwsStandin's server
    (moto_harness.HyperPodStandins starts its own AWS stand-in; this one shares the test's)."""

    def __init__(self, aws):
        from moto_harness import HyperPodStandins, K8sStandin
        self._standins = HyperPodStandins.__new__(HyperPodStandins)
        self._standins.aws = aws.server
        self._standins.k8s = K8sStandin(HyperPodStandins.EKS_CLUSTER)
        self.k8s = self._standins.k8s

    def register_cluster(self, name):
        """A HyperPod cluster `name` on the Kubernetes stand-in: a restricted group of 4 ml.p5.48xlarge."""
        self._standins.register_cluster(name, self._standins.registration())

    def stop(self):
        self.k8s.stop()
