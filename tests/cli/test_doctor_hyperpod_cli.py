"""Contract tests for `nova doctor --platform SMHP` against the stand-ins (the AWS stand-in with
moto behind it for STS, IAM, S3, Service Quotas and SageMaker/EKS DescribeCluster; the
Kubernetes stand-in over TLS): a ready HyperPod run exits 0 with every HyperPod check passed,
a cluster that is not ready exits 1 with each failed check's fix, with the same --json keys
as the SMTJ doctor.
Run by ctest as: python3 test_doctor_hyperpod_cli.py NOVA FIXTURES."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import HyperPodStandins, isolated_aws_env  # noqa: E402

NOVA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova")
del sys.argv[1:]
BUCKET = "nova-doctor-hp"
DATA = f"s3://{BUCKET}/train/data.jsonl"
STANDINS = None
CACHE = None
HYPERPOD_CHECKS = ["hyperpod:cluster", "hyperpod:instances", "hyperpod:namespace", "hyperpod:pytorchjob-crd",
                   "hyperpod:rbac"]


def setUpModule():
    global STANDINS, CACHE
    STANDINS = HyperPodStandins()
    CACHE = tempfile.mkdtemp(prefix="nova-doctor-hp-cache-")
    import boto3
    s3 = boto3.client("s3", endpoint_url=STANDINS.aws.endpoint, region_name="us-east-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")
    s3.create_bucket(Bucket=BUCKET)
    record = {"schemaVersion": "bedrock-conversation-2024", "messages": [
        {"role": "user", "content": [{"text": "hi"}]}, {"role": "assistant", "content": [{"text": "hello"}]}]}
    s3.put_object(Bucket=BUCKET, Key="train/data.jsonl", Body=json.dumps(record).encode() + b"\n")
    STANDINS.aws._control("PUT", "service-quotas/sagemaker", [
        {"QuotaName": "ml.p5.48xlarge for training job usage", "Value": 4, "QuotaCode": "L-P5TRAIN"},
        {"QuotaName": "ml.p5.48xlarge for cluster usage", "Value": 8, "QuotaCode": "L-P5CLUSTER"}])


def tearDownModule():
    STANDINS.stop()
    shutil.rmtree(CACHE, ignore_errors=True)


def doctor(*extra, namespace=HyperPodStandins.NAMESPACE):
    args = ["doctor", "--platform", "SMHP", "--cluster-name", HyperPodStandins.CLUSTER, "--namespace", namespace,
            "--model", "nova-lite-2", "--method", "sft_lora", "--instance-type", "ml.p5.48xlarge",
            "--instance-count", "4", "--data-s3-path", DATA, "--output-s3-path", f"s3://{BUCKET}/output", *extra]
    env = isolated_aws_env(STANDINS.aws.endpoint, NOVA_CACHE_DIR=CACHE)
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=env, timeout=120)


class DoctorOnHyperPod(unittest.TestCase):
    def setUp(self):
        STANDINS.aws.deny_actions([])
        STANDINS.k8s.control("PUT", "namespaces", ["default", "kubeflow"])
        STANDINS.k8s.control("PUT", "crd", {"installed": True})
        STANDINS.k8s.control("PUT", "deny", [])

    def test_a_ready_cluster_exits_0_with_every_hyperpod_check_passed(self):
        r = doctor("--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(list(doc), ["ok", "checks"])
        self.assertTrue(doc["ok"])
        self.assertEqual({tuple(check) for check in doc["checks"]}, {("name", "status", "detail", "fix")})
        statuses = {c["name"]: c["status"] for c in doc["checks"]}
        self.assertEqual([c["name"] for c in doc["checks"] if c["name"].startswith("hyperpod")], HYPERPOD_CHECKS)
        for name in HYPERPOD_CHECKS + ["credentials", "region", "recipe", "instance", "quota", "permissions",
                                       "bucket:data", "data"]:
            self.assertEqual(statuses.get(name), "pass", (name, doc))
        details = {c["name"]: c["detail"] for c in doc["checks"]}
        self.assertIn("orchestrated by EKS cluster 'nova-eks'", details["hyperpod:cluster"])
        self.assertIn("'ml.p5.48xlarge for cluster usage' (L-P5CLUSTER) is 8", details["quota"])
        # A HyperPod job runs as the cluster's role: no execution role is asked for.
        self.assertNotIn("execution-role", statuses)

    def test_a_cluster_that_is_not_ready_exits_1_and_prints_each_fix(self):
        STANDINS.k8s.control("PUT", "crd", {"installed": False})
        STANDINS.k8s.control("PUT", "deny", [{"verb": "create", "resource": "configmaps", "namespace": "kubeflow"}])
        r = doctor()
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("FAIL  hyperpod:pytorchjob-crd", r.stdout)
        self.assertIn("fix: install the HyperPod training operator", r.stdout)
        self.assertIn("FAIL  hyperpod:rbac", r.stdout)
        self.assertIn("does not let you create configmaps in namespace 'kubeflow'", r.stdout)
        self.assertIn("fix: bind a Role in namespace 'kubeflow'", r.stdout)
        self.assertIn("pass  hyperpod:cluster", r.stdout)
        self.assertIn("Not ready: 2 checks failed", r.stdout)

    def test_a_missing_namespace_and_too_few_instances_say_what_to_change(self):
        r = doctor("--json", namespace="nova-missing")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        doc = json.loads(r.stdout)
        self.assertFalse(doc["ok"])
        checks = {c["name"]: c for c in doc["checks"]}
        self.assertEqual(checks["hyperpod:namespace"]["status"], "fail")
        self.assertIn("Namespace 'nova-missing' does not exist", checks["hyperpod:namespace"]["detail"])
        self.assertIn("kubectl create namespace nova-missing", checks["hyperpod:namespace"]["fix"])

        small = STANDINS.registration()
        small["restricted_instance_groups"][0]["CurrentCount"] = 2
        STANDINS.register_cluster("nova-hp-doctor-small", small)
        args = ["doctor", "--platform", "SMHP", "--cluster-name", "nova-hp-doctor-small", "--instance-type",
                "ml.p5.48xlarge", "--instance-count", "4", "--json"]
        r = subprocess.run([NOVA, *args], capture_output=True, text=True, timeout=120,
                           env=isolated_aws_env(STANDINS.aws.endpoint, NOVA_CACHE_DIR=CACHE))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        instances = next(c for c in json.loads(r.stdout)["checks"] if c["name"] == "hyperpod:instances")
        self.assertEqual(instances["status"], "fail")
        self.assertIn("Required: 4, Maximum available: 2", instances["detail"])
        self.assertIn("pass --instance-count 2 or fewer", instances["fix"])

    def test_a_missing_cluster_fails_and_names_it(self):
        args = ["doctor", "--platform", "SMHP", "--cluster-name", "nova-hp-nowhere", "--json"]
        r = subprocess.run([NOVA, *args], capture_output=True, text=True, timeout=120,
                           env=isolated_aws_env(STANDINS.aws.endpoint, NOVA_CACHE_DIR=CACHE))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        checks = {c["name"]: c for c in json.loads(r.stdout)["checks"]}
        self.assertEqual(checks["hyperpod:cluster"]["status"], "fail")
        self.assertIn("HyperPod cluster 'nova-hp-nowhere' not found in us-east-1", checks["hyperpod:cluster"]["detail"])
        self.assertIn("--cluster-name", checks["hyperpod:cluster"]["fix"])


if __name__ == "__main__":
    unittest.main()
