"""Contract tests for the HyperPod side of the CLI against the stand-ins (the AWS stand-in
for SageMaker/EKS DescribeCluster, the Kubernetes stand-in over TLS): nova hyperpod check,
nova train --platform SMHP (dry run and launch), nova job status|stop and nova logs --pods
by job name. Run by ctest as: python3 test_hyperpod_cli.py NOVA FIXTURES."""
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
BUCKET = "nova-hp-cli"
DATA = f"s3://{BUCKET}/train/data.jsonl"
OUTPUT = f"s3://{BUCKET}/output"
STANDINS = None
CACHE = None
HP = ["--platform", "SMHP", "--cluster-name", HyperPodStandins.CLUSTER, "--namespace", HyperPodStandins.NAMESPACE]


def client(service):
    import boto3
    return boto3.client(service, endpoint_url=STANDINS.aws.endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def setUpModule():
    global STANDINS, CACHE
    STANDINS = HyperPodStandins()
    CACHE = tempfile.mkdtemp(prefix="nova-hp-cli-cache-")
    s3 = client("s3")
    s3.create_bucket(Bucket=BUCKET)
    record = {"schemaVersion": "bedrock-conversation-2024", "messages": [
        {"role": "user", "content": [{"text": "hi"}]}, {"role": "assistant", "content": [{"text": "hello"}]}]}
    s3.put_object(Bucket=BUCKET, Key="train/data.jsonl", Body=json.dumps(record).encode() + b"\n")


def tearDownModule():
    STANDINS.stop()
    shutil.rmtree(CACHE, ignore_errors=True)


def run(*args, cwd=None):
    env = isolated_aws_env(STANDINS.aws.endpoint, NOVA_CACHE_DIR=CACHE)
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def train_args(job_name, *extra):
    return ["train", "--model", "nova-lite-2", "--method", "sft_lora", "--job-name", job_name,
            "--instance-type", "ml.p5.48xlarge", "--instance-count", "4", "--data-s3-path", DATA,
            "--output-s3-path", OUTPUT, "--no-validate-iam", *HP, *extra]


def ours(resource, job):
    return [o for o in STANDINS.k8s.control("GET", f"objects/{resource}")
            if o["metadata"].get("labels", {}).get("nova-sdk/job-name") == job]


class HyperPodCheck(unittest.TestCase):
    def test_ready_cluster_exits_0(self):
        r = run("hyperpod", "check", "--cluster-name", HyperPodStandins.CLUSTER, "--namespace", "kubeflow",
                "--instance-type", "ml.p5.48xlarge", "--instance-count", "2", "--json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        self.assertTrue(out["ready"])
        self.assertEqual([c["check"] for c in out["checks"]], ["cluster", "instances", "namespace", "pytorchjob-crd"])

    def test_missing_pieces_exit_1_and_say_what_to_fix(self):
        r = run("hyperpod", "check", "--cluster-name", HyperPodStandins.CLUSTER, "--namespace", "nope",
                "--instance-type", "ml.p5.48xlarge", "--instance-count", "9")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("MISSING  instances", r.stdout)
        self.assertIn("Insufficient capacity", r.stdout)
        self.assertIn("Namespace 'nope' does not exist", r.stdout)
        r = run("hyperpod", "check", "--cluster-name", "no-such-cluster")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("no-such-cluster", r.stdout)

    def test_usage(self):
        self.assertEqual(run("hyperpod", "check").returncode, 2)
        self.assertEqual(run("hyperpod", "check", "--cluster-name", "c", "--namespace", "Bad_NS").returncode, 1)


class TrainOnHyperPod(unittest.TestCase):
    def test_dry_run_prints_the_objects(self):
        r = run(*train_args("hp-dry", "--dry-run", "--json"))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        out = json.loads(r.stdout)
        self.assertRegex(out["job_name"], r"^hp-dry-[a-z0-9]{5}$")
        self.assertIn("kind: PyTorchJob", out["hyperpod"]["objects_yaml"])
        self.assertIn("kind: ConfigMap", out["hyperpod"]["objects_yaml"])
        self.assertEqual(ours("pytorchjobs", out["job_name"]), [])

    def test_train_status_logs_stop(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run(*train_args("hp-cli", "--json", "--save-result", tmp))
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            out = json.loads(r.stdout)
            job = out["job_id"]
            self.assertEqual(out["platform"], "SMHP")
            self.assertTrue(out["result_file"].endswith(f"{job}_SMHP.json"))
            self.assertEqual(len(ours("pytorchjobs", job)), 1)
            self.assertEqual(len(ours("configmaps", job)), 1)

            STANDINS.k8s.control("PUT", f"script/kubeflow/{job}", {"conditions": ["Created", "Running"]})
            STANDINS.k8s.control("POST", f"advance/kubeflow/{job}")
            STANDINS.k8s.control("POST", f"advance/kubeflow/{job}")
            r = run("job", "status", job, *HP, "--json")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(json.loads(r.stdout)["raw_status"], "Running")
            r = run("job", "status", out["result_file"], "--json")
            self.assertEqual(json.loads(r.stdout)["status"], "IN_PROGRESS", r.stdout + r.stderr)

            STANDINS.k8s.control("PUT", f"logs/kubeflow/{job}-master-0", {"text": "step 1 loss 1.0\n", "end": True})
            r = run("logs", job, *HP, "--pods")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn(f"==> {job}-master-0 <==\nstep 1 loss 1.0\n", r.stdout)
            r = run("logs", job, *HP, "--pods", "--follow")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn("step 1 loss 1.0", r.stdout)

            r = run("job", "stop", job, *HP)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(ours("pytorchjobs", job) + ours("configmaps", job), [])
            r = run("job", "status", job, *HP, "--json")
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertEqual(json.loads(r.stdout)["raw_status"], "Stopped")
            self.assertEqual(run("job", "stop", job, *HP).returncode, 1)

    def test_smhp_name_needs_a_cluster(self):
        r = run("job", "status", "some-job-abcde", "--platform", "SMHP")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("--cluster-name", r.stderr)
        r = run("logs", "some-job", "--pods")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)


if __name__ == "__main__":
    unittest.main()
