"""Contract tests for `nova eks token`: the ExecCredential kubectl reads, and a token the
Kubernetes stand-in (which verifies it with botocore, as EKS does) accepts. Run by ctest as:
python3 test_eks_token_cli.py NOVA FIXTURES."""
import base64
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from moto_harness import K8sStandin, isolated_aws_env, missing_k8s_standin_modules  # noqa: E402

NOVA = sys.argv[1] if len(sys.argv) > 1 else "build/cli/nova"
del sys.argv[1:]
K8S = None


def setUpModule():
    global K8S
    missing = missing_k8s_standin_modules()
    if missing:
        raise RuntimeError(f"these tests need python3 packages {missing}: install python3-cryptography "
                           f"python3-jsonschema python3-yaml (scripts/install-deps checks them)")
    K8S = K8sStandin("nova-eks")


def tearDownModule():
    K8S.stop()


def env(**extra):
    # No endpoint: the token is signed offline and must name the real STS host.
    return isolated_aws_env(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION="us-east-1",
                            **extra)


def run(*args, environment=None):
    return subprocess.run([NOVA, *args], capture_output=True, text=True, env=environment or env())


def api_get(path, token):
    context = ssl.create_default_context(cadata=K8S.ca_pem)
    request = urllib.request.Request(K8S.endpoint + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


class EksToken(unittest.TestCase):
    def test_prints_an_exec_credential(self):
        before = time.time()
        r = run("eks", "token", "--cluster-name", "nova-eks")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(list(out), ["kind", "apiVersion", "spec", "status"])
        self.assertEqual(out["kind"], "ExecCredential")
        self.assertEqual(out["apiVersion"], "client.authentication.k8s.io/v1beta1")
        self.assertEqual(out["spec"], {})
        self.assertEqual(list(out["status"]), ["expirationTimestamp", "token"])
        expires = time.mktime(time.strptime(out["status"]["expirationTimestamp"], "%Y-%m-%dT%H:%M:%SZ")) - time.timezone
        self.assertAlmostEqual(expires - before, 14 * 60, delta=5)
        token = out["status"]["token"]
        self.assertTrue(token.startswith("k8s-aws-v1."))
        url = base64.urlsafe_b64decode(token[len("k8s-aws-v1."):] + "==").decode()
        parts = urllib.parse.urlsplit(url)
        self.assertEqual(parts.netloc, "sts.us-east-1.amazonaws.com")
        query = dict(urllib.parse.parse_qsl(parts.query))
        self.assertEqual(query["Action"], "GetCallerIdentity")
        self.assertEqual(query["X-Amz-Expires"], "60")
        self.assertEqual(query["X-Amz-SignedHeaders"], "host;x-k8s-aws-id")

    def test_the_api_server_accepts_the_token_for_its_cluster_only(self):
        good = json.loads(run("eks", "token", "--cluster-name", "nova-eks").stdout)["status"]["token"]
        status, body = api_get("/api/v1/namespaces/kubeflow", good)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["metadata"]["name"], "kubeflow")
        other = json.loads(run("eks", "token", "--cluster-name", "other-eks").stdout)["status"]["token"]
        status, body = api_get("/api/v1/namespaces/kubeflow", other)
        self.assertEqual(status, 401)
        self.assertEqual(body["reason"], "Unauthorized")

    def test_honours_the_version_kubectl_asks_for(self):
        info = json.dumps({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
                           "spec": {"interactive": False}})
        r = run("eks", "token", "--cluster-name", "nova-eks", environment=env(KUBERNETES_EXEC_INFO=info))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["apiVersion"], "client.authentication.k8s.io/v1")

    def test_session_token_is_carried(self):
        r = run("eks", "token", "--cluster-name", "nova-eks",
                environment=env(AWS_SESSION_TOKEN="SESSIONTOKEN"))
        self.assertEqual(r.returncode, 0, r.stderr)
        token = json.loads(r.stdout)["status"]["token"]
        url = base64.urlsafe_b64decode(token[len("k8s-aws-v1."):] + "==").decode()
        self.assertIn("&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Security-Token=SESSIONTOKEN&X-Amz-Signature=", url)

    def test_usage_errors(self):
        r = run("eks", "token")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--cluster-name", r.stderr)
        r = run("eks", "token", "--cluster-name", "nova-eks", environment=isolated_aws_env())
        self.assertEqual(r.returncode, 2, r.stdout)
        self.assertNotIn("k8s-aws-v1", r.stdout)


if __name__ == "__main__":
    unittest.main()
