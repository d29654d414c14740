"""Contract tests for the HyperPod side of the CLI against the stand-ins (the AWS stand-in
for SageMaker/EKS DescribeCluster, the Kubernetes stand-in over TLS): nova hyperpod check,
nova train --platform SMHP (dry run and launch), nova job status|stop and nova logs --pods
by job name, nova infer --platform SMHP (an evaluation job, SMHP output and result file). Run by ctest as: python3 test_hyperpod_cli.py NOVA FIXTURES."""
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
        self.assertEqual([c["check"] for c in out["checks"]], ["cluster", "instances", "namespace", "pytorchjob-crd", "rbac"])

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
            with open(out["result_file"]) as f:
                saved = json.load(f)
            # The cluster's only restricted group writes the checkpoints (the reference's rule).
            self.assertEqual(saved["model_artifacts"]["checkpoint_s3_path"], "s3://nova-hp-checkpoints/rig/")
            self.assertEqual((saved["cluster_name"], saved["namespace"]), (HyperPodStandins.CLUSTER, "kubeflow"))
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

    def test_cloudwatch_logs_of_a_job_by_name(self):
        import time
        arn = client("sagemaker").describe_cluster(ClusterName=HyperPodStandins.CLUSTER)["ClusterArn"]
        group = f"/aws/sagemaker/Clusters/{HyperPodStandins.CLUSTER}/{arn.rsplit('/', 1)[1]}"
        logs = client("logs")
        logs.create_log_group(logGroupName=group)
        logs.create_log_stream(logGroupName=group, logStreamName="SagemakerHyperPodTrainingJob/node-1")
        logs.put_log_events(logGroupName=group, logStreamName="SagemakerHyperPodTrainingJob/node-1", logEvents=[
            {"timestamp": int(time.time() * 1000) - 1000, "message": "hp-logs-abcde global_step=1"}])
        r = run("logs", "hp-logs-abcde", *HP)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("hp-logs-abcde global_step=1", r.stdout)

    def test_smhp_name_needs_a_cluster(self):
        r = run("job", "status", "some-job-abcde", "--platform", "SMHP")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("--cluster-name", r.stderr)
        r = run("logs", "some-job", "--pods")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)


class EvaluateOnHyperPod(unittest.TestCase):
    def test_evaluate_creates_the_evaluation_objects_and_an_smhp_result(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run("evaluate", "--model", "nova-lite-2", "--job-name", "hp-eval", "--eval-task", "mmlu",
                    "--output-s3-path", f"s3://{BUCKET}/eval-out", "--no-validate-iam", *HP, "--json",
                    "--save-result", tmp)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            out = json.loads(r.stdout)
            job = out["job_id"]
            self.assertEqual(out["platform"], "SMHP")
            self.assertEqual(out["eval_output_path"], f"s3://{BUCKET}/eval-out/{job}/eval-result/")
            with open(out["result_file"]) as f:
                self.assertEqual(json.load(f)["__class_name__"], "SMHPEvaluationResult")
            (pj,) = ours("pytorchjobs", job)
            pod = pj["spec"]["pytorchReplicaSpecs"]["Master"]["template"]["spec"]
            self.assertTrue(pod["hostNetwork"])
            self.assertIn({"name": "k8s-ca-cert", "mountPath": "/etc/kubernetes/pki/ca.crt", "readOnly": True},
                          pod["containers"][0]["volumeMounts"])
            (cm,) = ours("configmaps", job)
            self.assertIn("task: mmlu", cm["data"]["config.yaml"])
            self.assertEqual(run("job", "stop", job, *HP).returncode, 0)


class BatchInferenceOnHyperPod(unittest.TestCase):
    def test_infer_runs_as_an_evaluation_job_and_reads_the_smhp_output(self):
        s3 = client("s3")
        records = [{"query": "What is the capital of France?", "response": "Paris"}]
        s3.put_object(Bucket=BUCKET, Key="eval/gen_qa.jsonl", Body="".join(json.dumps(r) + "\n" for r in records).encode())
        with tempfile.TemporaryDirectory() as tmp:
            r = run("infer", "--model", "nova-lite-2", "--job-name", "hp-infer", "--input", f"s3://{BUCKET}/eval/gen_qa.jsonl",
                    "--output-s3-path", f"s3://{BUCKET}/inference", "--no-validate-iam", *HP, "--json",
                    "--save-result", tmp)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            out = json.loads(r.stdout)
            job = out["job_id"]
            self.assertRegex(job, r"^hp-infer-[a-z0-9]{5}$")
            self.assertEqual(out["platform"], "SMHP")
            self.assertEqual(out["inference_output_path"], f"s3://{BUCKET}/inference/{job}/eval-result/")
            with open(out["result_file"]) as f:
                saved = json.load(f)
            self.assertEqual(saved["__class_name__"], "SMHPBatchInferenceResult", saved)
            self.assertEqual((saved["cluster_name"], saved["namespace"]), (HyperPodStandins.CLUSTER, "kubeflow"))

            # The evaluation variant of the objects: one Master on the host network, the gen_qa recipe.
            (pj,) = ours("pytorchjobs", job)
            pod = pj["spec"]["pytorchReplicaSpecs"]["Master"]["template"]["spec"]
            self.assertTrue(pod["hostNetwork"])
            self.assertNotIn("Worker", pj["spec"]["pytorchReplicaSpecs"])
            (cm,) = ours("configmaps", job)
            self.assertIn("task: gen_qa", cm["data"]["config.yaml"])

            # Not finished: no records yet. Finished: the records from the loose eval-result objects.
            r = run("results", "show", out["result_file"])
            self.assertIn("still running", r.stdout + r.stderr)
            STANDINS.k8s.control("PUT", f"script/kubeflow/{job}", {"conditions": ["Created", "Running", "Succeeded"]})
            for _ in range(3):
                STANDINS.k8s.control("POST", f"advance/kubeflow/{job}")
            line = {"prompt": "[{'role': 'user', 'content': 'What is the capital of France?'}]",
                    "inference": "['Paris']", "gold": "Paris"}
            s3.put_object(Bucket=BUCKET, Key=f"inference/{job}/eval-result/{job}/eval_results/inference_output.jsonl",
                          Body=(json.dumps(line) + "\n").encode())
            r = run("results", "show", out["result_file"])
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn(f"Inference Results for job_id={job}:", r.stdout)
            self.assertIn('"inference_response": "Paris"', r.stdout)
            self.assertEqual(run("job", "stop", job, *HP).returncode, 0)


if __name__ == "__main__":
    unittest.main()
