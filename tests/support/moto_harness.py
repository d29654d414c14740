"""A real moto_server for Python tests and tools: started on a free loopback port, waited
for, and stopped (SIGTERM, then SIGKILL) on exit. The C++ twin is moto_server.hpp.
StandinServer does the same for the AWS stand-in (aws_standin.py; twin standin_server.hpp)."""
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request


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
