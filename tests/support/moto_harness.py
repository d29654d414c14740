"""A real moto_server for Python tests and tools: started on a free loopback port, waited
for, and stopped (SIGTERM, then SIGKILL) on exit. The C++ twin is moto_server.hpp.
StandinServer does the same for the AWS stand-in (aws_standin.py; twin standin_server.hpp)."""
import io
import json
import os
import socket
import subprocess
import tarfile
import tempfile
import time
import urllib.parse
import urllib.request


def tar_gz(members):
    """A .tar.gz holding {name: bytes}: job output archives for the tests to place on S3."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def stop_child(proc, log, grace):
    """SIGTERM, up to `grace` seconds to exit, then SIGKILL; the log file is removed."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    log.close()
    os.unlink(log.name)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="nova-moto-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"moto_server exited during start-up; see {self.log.name}")
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"moto_server did not answer within 30 s; see {self.log.name}")

    def stop(self):
        stop_child(self.proc, self.log, grace=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def isolated_aws_env(endpoint=None, **extra):
    """The environment without the machine's AWS settings; pointed at `endpoint` if given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.pop("NOVA_LOG", None)
    env["AWS_CONFIG_FILE"] = "/nonexistent/nova-test-config"
    env["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/nova-test-credentials"
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    # A passing pre-flight report is reused for a minute; tests that change IAM or quotas in
    # between must see the change (the cache's own tests turn it back on).
    env["NOVA_PREFLIGHT_CACHE_SECONDS"] = "0"
    if endpoint:
        env.update({"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing",
                    "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"})
    env.update(extra)
    return env


class StandinServer:
    """The AWS stand-in (aws_standin.py, with its own moto_server behind it) on a free port,
    for CLI tests; the C++ twin is standin_server.hpp. `endpoint` goes where a moto endpoint
    would; the control helpers set what the served operations answer."""

    def __init__(self):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "aws_standin.py")
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="nova-standin-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(["python3", script, "--port", str(self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60  # it starts a moto_server first
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the AWS stand-in exited during start-up; see {self.log.name}")
            try:
                self._control("GET", "health")
                return
            except Exception:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the AWS stand-in did not answer within 60 s; see {self.log.name}")

    def _control(self, method, path, data=None):
        body = None if data is None else json.dumps(data).encode()
        req = urllib.request.Request(f"{self.endpoint}/_standin/{path}", data=body, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read() or b"null")

    def put_hub_content(self, name, document, version="1.0.0"):
        """DescribeHubContent of `name` (type Model, hub SageMakerPublicHub) answers `document`."""
        self._control("PUT", f"hub-content/{urllib.parse.quote(name)}", {"document": document, "version": version})

    def deny_actions(self, actions):
        self._control("PUT", "denied-actions", list(actions))

    def set_mlflow_apps(self, summaries):
        self._control("PUT", "mlflow-apps", list(summaries))

    def set_mlflow_tracking_servers(self, summaries):
        self._control("PUT", "mlflow-tracking-servers", list(summaries))

    def mark_running(self, job_name):
        """The training job answers InProgress until StopTrainingJob stops it."""
        self._control("PUT", f"running-jobs/{urllib.parse.quote(job_name)}")

    def calls(self):
        return self._control("GET", "calls")

    def failures(self):
        return self._control("GET", "failures")

    def stop(self):
        stop_child(self.proc, self.log, grace=15)  # it stops its moto_server on the way out

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def missing_k8s_standin_modules():
    """The python3 packages the Kubernetes stand-in needs that are not importable (empty when
    all are), so a test can say what to install instead of failing obscurely."""
    import importlib.util
    return [name for name in ("cryptography", "jsonschema", "yaml", "botocore") if importlib.util.find_spec(name) is None]


class K8sStandin:
    """The Kubernetes stand-in (k8s_standin.py: TLS with a generated CA, EKS tokens verified
    with botocore) on free ports; the C++ twin is k8s_standin_server.hpp."""

    def __init__(self, eks_cluster_name="nova-eks"):
        missing = missing_k8s_standin_modules()
        if missing:
            raise RuntimeError(f"the Kubernetes stand-in needs python3 packages {missing} "
                               f"(Debian: python3-cryptography python3-jsonschema python3-yaml)")
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "k8s_standin.py")
        self.port, self.control_port = free_port(), free_port()
        self.endpoint = f"https://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="nova-k8s-standin-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(["python3", script, "--port", str(self.port), "--control-port",
                                      str(self.control_port), "--cluster-name", eks_cluster_name],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the Kubernetes stand-in exited during start-up; see {self.log.name}")
            try:
                self.ca_pem = self.control("GET", "ca")["pem"]
                return
            except Exception:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the Kubernetes stand-in did not answer within 30 s; see {self.log.name}")

    def control(self, method, path, data=None):
        body = None if data is None else json.dumps(data).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.control_port}/{path}", data=body, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read() or b"null")

    def stop(self):
        stop_child(self.proc, self.log, grace=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class HyperPodStandins:
    """The AWS stand-in and the Kubernetes stand-in wired together for CLI tests (the C++
    twin is hyperpod_suite.hpp): HyperPod cluster CLUSTER -> EKS cluster EKS_CLUSTER whose
    endpoint and CA are the Kubernetes stand-in's; a restricted group of 4 ml.p5.48xlarge."""
    CLUSTER = "nova-hp"
    EKS_CLUSTER = "nova-eks"
    NAMESPACE = "kubeflow"

    def __init__(self):
        self.aws = StandinServer()
        try:
            self.k8s = K8sStandin(self.EKS_CLUSTER)
        except Exception:
            self.aws.stop()
            raise
        self.register_cluster(self.CLUSTER, self.registration())

    def registration(self):
        return {"eks_cluster_name": self.EKS_CLUSTER, "endpoint": self.k8s.endpoint, "ca_pem": self.k8s.ca_pem,
                "instance_groups": [{"InstanceGroupName": "controller", "InstanceType": "ml.t3.medium",
                                     "CurrentCount": 1}],
                "restricted_instance_groups": [{"InstanceGroupName": "rig-p5", "InstanceType": "ml.p5.48xlarge",
                                                "CurrentCount": 4,
                                                "EnvironmentConfig": {"S3OutputPath": "s3://nova-hp-checkpoints/rig/"}}]}

    def register_cluster(self, name, registration):
        return self.aws._control("PUT", f"hyperpod-clusters/{urllib.parse.quote(name)}", registration)

    def stop(self):
        self.k8s.stop()
        self.aws.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
