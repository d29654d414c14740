"""A real moto_server for Python tests and tools: started on a free loopback port, waited
for, and stopped (SIGTERM, then SIGKILL) on exit. The C++ twin is moto_server.hpp."""
import os
import socket
import subprocess
import tempfile
import time
import urllib.request


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
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        os.unlink(self.log.name)

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
