#!/usr/bin/env python3
"""A loopback Kubernetes API server for tests of the native HyperPod runtime (no real
kube-apiserver can be installed here). It serves, over TLS with a CA it generates at start
(python3 `cryptography`), the subset the SDK uses:

  core v1            namespaces, configmaps, services, secrets, pods (+ /log, with follow)
  apps/v1, batch/v1  statefulsets, deployments, jobs (the other objects of an RFT job; stored
                     and checked as the API server does: names, pod template labels, selectors,
                     containers, restart policy; not run)
  kubeflow.org/v1    pytorchjobs (validated against the CRD's openAPIV3Schema with
                     `jsonschema`; creating one creates its pods <name>-master-0 and
                     <name>-worker-<i> and their headless services, deleted with it)
  apiextensions.k8s.io/v1  customresourcedefinitions/pytorchjobs.kubeflow.org (lookup)
  authorization.k8s.io/v1  selfsubjectaccessreviews

Every request must carry `Authorization: Bearer k8s-aws-v1.<base64url URL>`, checked as EKS
checks it: the URL is a presigned STS GetCallerIdentity for this cluster (x-k8s-aws-id
signed), signed by credentials the stand-in knows, less than 15 minutes old, and its
signature is recomputed with botocore and compared. Otherwise 401. Object names follow
Kubernetes' rules (DNS-1123); errors are `Status` objects as the real server writes them.

Control API (plain HTTP on --control-port, JSON):
  GET  health | ca ({"pem"}) | info ({"endpoint","cluster_name","region"}) | foreign-ca ({"pem"})
  PUT  credentials        {"<access key>": {"secret": "...", "token": null}}
  PUT  namespaces         ["default", ...]
  PUT  crd                {"installed": true|false}
  PUT  deny               [{"verb": "create", "resource": "pytorchjobs", "namespace": "ns"}]
  PUT  faults             [{"method": "GET", "status": 503}]: each answers one matching request
  PUT  script/<ns>/<job>  {"conditions": ["Created","Running",...], "advance_on_get": false}
  POST advance/<ns>/<job> next scripted condition (or {"type": "Failed", "message": ...})
  PUT  logs/<ns>/<pod>    {"text": "...", "append": true, "end": false}; a Pending pod's log
                          answers 400 "waiting to start" as the real server does
  GET  objects/<resource> every stored object of that resource ("pytorchjobs", "configmaps", ...)
  GET  calls | DELETE calls        [{"method","path","query"}]
  GET  rejections | DELETE rejections   ["why a request was refused (401/422/400)", ...]

Run: python3 k8s_standin.py --control-port C [--port P] [--cluster-name my-eks] [--region us-east-1]
prints "READY <port> <control port>".
"""
import argparse
import base64
import datetime
import hmac
import ipaddress
import json
import os
import re
import signal
import ssl
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
except ImportError:  # pragma: no cover - reported to the test, which then says what to install
    sys.exit("k8s_standin.py needs python3's 'cryptography' package (Debian: python3-cryptography; "
             "pip: cryptography) to generate its TLS certificate authority")
try:
    import jsonschema
except ImportError:  # pragma: no cover
    sys.exit("k8s_standin.py needs python3's 'jsonschema' package (Debian: python3-jsonschema; pip: jsonschema) "
             "to validate PyTorchJobs against the CRD schema")
import yaml
import botocore.auth
import botocore.awsrequest
import botocore.credentials

HERE = os.path.dirname(os.path.abspath(__file__))
CRD_FILE = os.environ.get("NOVA_PYTORCHJOB_CRD") or os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "shared", "testdata", "kubernetes", "pytorchjobs.kubeflow.org-crd.yaml"))
TOKEN_PREFIX = "k8s-aws-v1."
TOKEN_LIFETIME = datetime.timedelta(minutes=15)  # EKS: 15 minutes after X-Amz-Date, whatever X-Amz-Expires says
LABEL_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
LABEL_VALUE_RE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
QUALIFIED_NAME_RE = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")


# --- TLS ---------------------------------------------------------------------------------

def make_ca(common_name):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_server_cert(ca_key, ca_cert):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kube-apiserver")]))
            .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode()


# --- Kubernetes helpers ------------------------------------------------------------------

class ApiError(Exception):
    def __init__(self, code, reason, message, details=None, plain=None):
        super().__init__(message)
        self.code, self.reason, self.message, self.details, self.plain = code, reason, message, details, plain


def status_body(code, reason, message, details=None):
    body = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message,
            "reason": reason, "code": code}
    if details:
        body["details"] = details
    return body


def now_rfc3339():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def dns1123_subdomain_problem(name):
    if not name:
        return "must not be empty"
    if len(name) > 253:
        return "must be no more than 253 characters"
    if not all(LABEL_RE.match(part) for part in name.split(".")):
        return ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                "and must start and end with an alphanumeric character")
    return None


def dns1123_label_problem(name):
    if not name:
        return "must not be empty"
    if len(name) > 63:
        return "must be no more than 63 characters"
    if not LABEL_RE.match(name):
        return ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                "and must start and end with an alphanumeric character")
    return None


def dns1035_label_problem(name):
    problem = dns1123_label_problem(name)
    if problem is None and not name[0].isalpha():
        problem = ("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                   "alphabetic character, and end with an alphanumeric character")
    return problem


def label_problems(labels, field="metadata.labels"):
    out = []
    for key, value in (labels or {}).items():
        prefix, _, name = key.rpartition("/")
        if prefix and dns1123_subdomain_problem(prefix):
            out.append((field, f"{key}: prefix part {dns1123_subdomain_problem(prefix)}"))
        if len(name) > 63 or not QUALIFIED_NAME_RE.match(name):
            out.append((field, f"{key}: name part must be 63 characters or less, alphanumeric, '-', '_' "
                               f"or '.', starting and ending with an alphanumeric character"))
        if not isinstance(value, str) or len(value) > 63 or not LABEL_VALUE_RE.match(value):
            out.append((field, f"Invalid value: {value!r}: a valid label must be an empty string or "
                               f"63 characters or less, alphanumeric, '-', '_' or '.'"))
    return out


def workload_problems(plural, obj):
    """What the API server checks of a Deployment, StatefulSet or Job beyond its name: pod
    template labels, a selector that matches them, named containers, a valid restart policy."""
    spec = obj.get("spec") or {}
    template = spec.get("template") or {}
    labels = (template.get("metadata") or {}).get("labels") or {}
    out = label_problems(labels, "spec.template.metadata.labels")
    if plural in ("deployments", "statefulsets"):
        selector = (spec.get("selector") or {}).get("matchLabels") or {}
        if not selector:
            out.append(("spec.selector", "Required value"))
        elif any(labels.get(k) != v for k, v in selector.items()):
            out.append(("spec.template.metadata.labels", f"Invalid value: {labels!r}: `selector` does not match "
                                                         f"template `labels`"))
    pod = template.get("spec") or {}
    containers = pod.get("containers") or []
    if not containers:
        out.append(("spec.template.spec.containers", "Required value"))
    for i, c in enumerate(containers + (pod.get("initContainers") or [])):
        if dns1123_label_problem(c.get("name", "")) or not c.get("image"):
            out.append((f"spec.template.spec.containers[{i}]", "a container needs a DNS-1123 label name and an image"))
    allowed = ("OnFailure", "Never") if plural == "jobs" else ("Always",)
    if pod.get("restartPolicy", allowed[0]) not in allowed:
        out.append(("spec.template.spec.restartPolicy", f"Unsupported value: {pod.get('restartPolicy')!r}: "
                                                        f"supported values: {', '.join(allowed)}"))
    return out


def selector_matches(selector, labels):
    labels = labels or {}
    for term in filter(None, (t.strip() for t in (selector or "").split(","))):
        if "!=" in term:
            k, v = term.split("!=", 1)
            if labels.get(k.strip()) == v.strip():
                return False
        elif "=" in term:
            k, v = term.replace("==", "=").split("=", 1)
            if labels.get(k.strip()) != v.strip():
                return False
        elif term.startswith("!"):
            if term[1:] in labels:
                return False
        elif term not in labels:
            return False
    return True


# Resources served: (api prefix, plural) -> (kind, naming rule, namespaced)
RESOURCES = {
    ("/api/v1", "namespaces"): ("Namespace", dns1123_label_problem, False),
    ("/api/v1", "configmaps"): ("ConfigMap", dns1123_subdomain_problem, True),
    ("/api/v1", "services"): ("Service", dns1035_label_problem, True),
    ("/api/v1", "pods"): ("Pod", dns1123_subdomain_problem, True),
    ("/api/v1", "secrets"): ("Secret", dns1123_subdomain_problem, True),
    ("/apis/apps/v1", "statefulsets"): ("StatefulSet", dns1123_label_problem, True),
    ("/apis/apps/v1", "deployments"): ("Deployment", dns1123_label_problem, True),
    ("/apis/batch/v1", "jobs"): ("Job", dns1123_label_problem, True),
    ("/apis/kubeflow.org/v1", "pytorchjobs"): ("PyTorchJob", dns1123_label_problem, True),
}
GROUP_OF = {"/api/v1": "", "/apis/kubeflow.org/v1": "kubeflow.org", "/apis/apps/v1": "apps", "/apis/batch/v1": "batch"}


def qualified(prefix, plural):
    group = GROUP_OF[prefix]
    return f"{plural}.{group}" if group else plural


def next_condition(conditions, ctype, reason=None, message=None):
    """training-operator's setCondition: a new condition replaces any of its type and is
    appended last; Running and Restarting replace each other; Succeeded/Failed keep Running
    with status False; nothing changes after Failed."""
    if any(c["type"] == "Failed" and c["status"] == "True" for c in conditions):
        return conditions
    stamp = now_rfc3339()
    out = []
    for c in conditions:
        if c["type"] == ctype or {c["type"], ctype} == {"Running", "Restarting"}:
            continue
        if ctype in ("Succeeded", "Failed") and c["type"] == "Running":
            c = dict(c, status="False", lastUpdateTime=stamp, lastTransitionTime=stamp)
        out.append(c)
    out.append({"type": ctype, "status": "True", "reason": reason or f"PyTorchJob{ctype}",
                "message": message or f"PyTorchJob is {ctype.lower()}.", "lastUpdateTime": stamp,
                "lastTransitionTime": stamp})
    return out


# --- state -------------------------------------------------------------------------------

class State:
    def __init__(self, cluster_name, region):
        self.lock = threading.Condition()
        self.cluster_name = cluster_name
        self.region = region
        self.credentials = {"testing": {"secret": "testing", "token": None}}
        self.crd_installed = True
        self.deny = []
        self.objects = {}  # (prefix, plural, ns, name) -> object
        self.scripts = {}  # (ns, job) -> {"conditions": [...], "next": i, "advance_on_get": bool}
        self.logs = {}     # (ns, pod) -> {"text": str, "ended": bool}
        self.calls = []
        self.rejections = []
        self.faults = []  # [{"method": "GET", "status": 503}]: the next matching requests fail so
        self.version = 1
        with open(CRD_FILE) as f:
            self.crd = yaml.safe_load(f)
        version = next(v for v in self.crd["spec"]["versions"] if v["name"] == "v1")
        self.schema = version["schema"]["openAPIV3Schema"]
        for ns in ("default", "kube-system", "kubeflow"):
            self.put_object("/api/v1", "namespaces", "", {"apiVersion": "v1", "kind": "Namespace",
                                                         "metadata": {"name": ns}, "status": {"phase": "Active"}})

    def put_object(self, prefix, plural, ns, obj):
        meta = obj.setdefault("metadata", {})
        if ns:
            meta["namespace"] = ns
        meta.setdefault("uid", str(uuid.uuid4()))
        meta.setdefault("creationTimestamp", now_rfc3339())
        self.version += 1
        meta["resourceVersion"] = str(self.version)
        meta.setdefault("generation", 1)
        self.objects[(prefix, plural, ns, meta["name"])] = obj
        return obj

    def namespace_exists(self, ns):
        return ("/api/v1", "namespaces", "", ns) in self.objects


# --- the API server ----------------------------------------------------------------------

class ApiHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nova-k8s-standin"

    def log_message(self, fmt, *args):
        pass

    @property
    def state(self):
        return self.server.state

    def setup(self):
        super().setup()
        # The handshake happens here, in the request's own thread (not in accept()).
        self.connection.do_handshake()

    def handle(self):
        try:
            super().handle()
        except (ssl.SSLError, ConnectionError, OSError):
            pass

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def read_body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, code, body, content_type="application/json"):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def reject(self, why):
        with self.state.lock:
            self.state.rejections.append(why)

    def dispatch(self):
        body = self.read_body()
        parsed = urllib.parse.urlsplit(self.path)
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(parsed.query, keep_blank_values=True).items()}
        with self.state.lock:
            self.state.calls.append({"method": self.command, "path": parsed.path, "query": query})
        with self.state.lock:
            fault = next((f for f in self.state.faults if f.get("method", self.command) == self.command), None)
            if fault is not None:
                self.state.faults.remove(fault)
        if fault is not None:
            return self.reply(fault["status"], status_body(fault["status"], fault.get("reason", "ServiceUnavailable"),
                                                           "injected fault"))
        try:
            self.authenticate()
            self.route(parsed.path, query, body)
        except ApiError as e:
            if e.code in (400, 401, 422):
                self.reject(f"{e.code} {self.command} {parsed.path}: {e.message}")
            if e.plain is not None:
                return self.reply(e.code, e.plain.encode(), "text/plain; charset=utf-8")
            self.reply(e.code, status_body(e.code, e.reason, e.message, e.details))
        except Exception as e:  # a stand-in bug: visible to the test rather than a dropped connection
            self.reject(f"500 stand-in error on {self.command} {parsed.path}: {type(e).__name__}: {e}")
            self.reply(500, status_body(500, "InternalError", f"stand-in error: {type(e).__name__}: {e}"))

    # --- authentication (what EKS's aws-iam-authenticator checks) ---

    def authenticate(self):
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            raise ApiError(401, "Unauthorized", "Unauthorized: no bearer token")
        why = verify_token(auth[len("Bearer "):], self.state)
        if why:
            raise ApiError(401, "Unauthorized", f"Unauthorized: {why}")

    # --- routing ---

    def route(self, path, query, body):
        if path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" and self.command == "POST":
            return self.access_review(body)
        m = re.match(r"^/apis/apiextensions\.k8s\.io/v1/customresourcedefinitions/([^/]+)$", path)
        if m and self.command == "GET":
            return self.crd_lookup(m.group(1))
        m = re.match(r"^(/api/v1|/apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?(?:/([^/]+))?$", path)
        if not m:
            raise ApiError(404, "NotFound", "404 page not found", plain="404 page not found\n")
        prefix, ns, plural, name, sub = m.groups()
        if prefix not in GROUP_OF or (prefix, plural) not in RESOURCES:
            raise ApiError(404, "NotFound", "404 page not found", plain="404 page not found\n")
        if prefix == "/apis/kubeflow.org/v1" and not self.state.crd_installed:
            raise ApiError(404, "NotFound", "404 page not found", plain="404 page not found\n")
        ns = urllib.parse.unquote(ns) if ns else ""
        name = urllib.parse.unquote(name) if name else ""
        if plural == "namespaces" and not ns:
            ns, name = "", name
        self.authorize(ns, plural, name, sub)
        if ns and not self.state.namespace_exists(ns) and self.command != "DELETE":
            raise ApiError(404, "NotFound", f'namespaces "{ns}" not found', {"name": ns, "kind": "namespaces"})
        if sub == "log" and plural == "pods" and self.command == "GET":
            return self.pod_log(ns, name, query)
        if sub:
            raise ApiError(404, "NotFound", "404 page not found", plain="404 page not found\n")
        if self.command == "GET" and name:
            return self.reply(200, self.get_object(prefix, plural, ns, name))
        if self.command == "GET":
            return self.list_objects(prefix, plural, ns, query)
        if self.command == "POST" and not name:
            return self.create(prefix, plural, ns, body)
        if self.command == "DELETE" and name:
            return self.delete(prefix, plural, ns, name, query, body)
        raise ApiError(405, "MethodNotAllowed", f"{self.command} is not supported on {path}")

    def authorize(self, ns, plural, name, sub):
        verb = {"POST": "create", "DELETE": "delete", "PUT": "update"}.get(self.command)
        if verb is None:
            verb = "get" if name else "list"
        resource = f"{plural}/{sub}" if sub else plural
        with self.state.lock:
            for rule in self.state.deny:
                if rule.get("verb") in (verb, "*") and rule.get("resource") in (resource, plural, "*") and \
                        rule.get("namespace", ns) in (ns, "*"):
                    raise ApiError(403, "Forbidden",
                                   f'{resource} is forbidden: User "kubernetes-admin" cannot {verb} resource '
                                   f'"{resource}" in API group "" in the namespace "{ns}"',
                                   {"kind": plural, **({"name": name} if name else {})})

    def get_object(self, prefix, plural, ns, name):
        with self.state.lock:
            obj = self.state.objects.get((prefix, plural, ns, name))
            if obj is None:
                raise ApiError(404, "NotFound", f'{qualified(prefix, plural)} "{name}" not found',
                               {"name": name, "group": GROUP_OF[prefix], "kind": plural})
            if plural == "pytorchjobs":
                script = self.state.scripts.get((ns, name))
                if script and script.get("advance_on_get"):
                    advance_job(self.state, ns, name, None)
            return json.loads(json.dumps(obj))

    def list_objects(self, prefix, plural, ns, query):
        kind = RESOURCES[(prefix, plural)][0]
        with self.state.lock:
            items = [json.loads(json.dumps(o)) for (p, r, n, _), o in sorted(self.state.objects.items())
                     if p == prefix and r == plural and (not ns or n == ns)
                     and selector_matches(query.get("labelSelector"), o["metadata"].get("labels"))]
            version = str(self.state.version)
        start = int(query.get("continue") or 0)
        limit = int(query.get("limit") or 0) or len(items) or 1
        page = items[start:start + limit]
        meta = {"resourceVersion": version}
        if start + limit < len(items):
            meta["continue"] = str(start + limit)
        api_version = prefix[len("/apis/"):] if prefix.startswith("/apis/") else "v1"
        self.reply(200, {"kind": f"{kind}List", "apiVersion": api_version, "metadata": meta, "items": page})

    def create(self, prefix, plural, ns, body):
        kind, name_rule, _ = RESOURCES[(prefix, plural)]
        try:
            obj = json.loads(body)
        except ValueError as e:
            raise ApiError(400, "BadRequest", f"the body of the request was not JSON: {e}") from None
        if not isinstance(obj, dict):
            raise ApiError(400, "BadRequest", "the body of the request must be an object")
        api_version = prefix[len("/apis/"):] if prefix.startswith("/apis/") else "v1"
        if obj.get("kind") != kind or obj.get("apiVersion") != api_version:
            raise ApiError(400, "BadRequest", f"the API version in the data ({obj.get('apiVersion')}) and kind "
                                              f"({obj.get('kind')}) do not match {api_version} {kind}")
        meta = obj.get("metadata") or {}
        name = meta.get("name", "")
        if ns and meta.get("namespace", ns) != ns:
            raise ApiError(400, "BadRequest", "the namespace of the provided object does not match the namespace "
                                              "sent on the request")
        causes = []
        problem = name_rule(name)
        if problem:
            causes.append(("metadata.name", f"Invalid value: {name!r}: {problem}"))
        causes += label_problems(meta.get("labels"))
        if plural == "pytorchjobs":
            causes += schema_problems(self.state.schema, obj)
        if plural in ("deployments", "statefulsets", "jobs"):
            causes += workload_problems(plural, obj)
        if causes:
            raise ApiError(422, "Invalid", f'{kind} "{name}" is invalid: ' + "; ".join(f"{f}: {m}" for f, m in causes),
                           {"name": name, "group": GROUP_OF[prefix], "kind": kind,
                            "causes": [{"reason": "FieldValueInvalid", "message": m, "field": f} for f, m in causes]})
        with self.state.lock:
            if (prefix, plural, ns, name) in self.state.objects:
                raise ApiError(409, "AlreadyExists", f'{qualified(prefix, plural)} "{name}" already exists',
                               {"name": name, "group": GROUP_OF[prefix], "kind": plural})
            stored = self.state.put_object(prefix, plural, ns, obj)
            if plural == "pytorchjobs":
                create_job_pods(self.state, ns, stored)
            answer = json.loads(json.dumps(stored))
        self.reply(201, answer)

    def delete(self, prefix, plural, ns, name, query, body):
        options = json.loads(body) if body else {}
        policy = query.get("propagationPolicy") or options.get("propagationPolicy") or "Background"
        with self.state.lock:
            obj = self.state.objects.pop((prefix, plural, ns, name), None)
            if obj is None:
                raise ApiError(404, "NotFound", f'{qualified(prefix, plural)} "{name}" not found',
                               {"name": name, "group": GROUP_OF[prefix], "kind": plural})
            uid = obj["metadata"]["uid"]
            # Garbage collection of dependents (pods, services owned by a job; a namespace's objects).
            for key, other in list(self.state.objects.items()):
                owners = [o.get("uid") for o in other["metadata"].get("ownerReferences", [])]
                if uid in owners or (plural == "namespaces" and key[2] == name):
                    del self.state.objects[key]
                    if key[1] == "pods":
                        end_log(self.state, key[2], key[3])
            self.state.scripts.pop((ns, name), None)
            self.state.lock.notify_all()
        if policy == "Foreground":
            obj["metadata"]["deletionTimestamp"] = now_rfc3339()
            obj["metadata"]["finalizers"] = ["foregroundDeletion"]
            return self.reply(200, obj)
        self.reply(200, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                         "details": {"name": name, "group": GROUP_OF[prefix], "kind": plural, "uid": uid}})

    def crd_lookup(self, name):
        if name != "pytorchjobs.kubeflow.org" or not self.state.crd_installed:
            raise ApiError(404, "NotFound", f'customresourcedefinitions.apiextensions.k8s.io "{name}" not found',
                           {"name": name, "group": "apiextensions.k8s.io", "kind": "customresourcedefinitions"})
        self.reply(200, self.state.crd)

    def access_review(self, body):
        review = json.loads(body)
        attrs = review.get("spec", {}).get("resourceAttributes", {})
        allowed = True
        with self.state.lock:
            for rule in self.state.deny:
                if rule.get("verb") in (attrs.get("verb"), "*") and rule.get("resource") in (attrs.get("resource"), "*") \
                        and rule.get("namespace", attrs.get("namespace")) in (attrs.get("namespace"), "*"):
                    allowed = False
        review["status"] = {"allowed": allowed}
        self.reply(201, review)

    def pod_log(self, ns, pod, query):
        with self.state.lock:
            if ("/api/v1", "pods", ns, pod) not in self.state.objects:
                raise ApiError(404, "NotFound", f'pods "{pod}" not found', {"name": pod, "kind": "pods"})
            container = query.get("container")
            if container and container not in ("pytorch", "init-container"):
                raise ApiError(400, "BadRequest", f"container {container} is not valid for pod {pod}")
            if self.state.objects[("/api/v1", "pods", ns, pod)]["status"]["phase"] == "Pending":
                raise ApiError(400, "BadRequest", f'container "{container or "pytorch"}" in pod "{pod}" is waiting '
                                                  f'to start: ContainerCreating')
            entry = self.state.logs.setdefault((ns, pod), {"text": "", "ended": False})
            text = entry["text"]
        if "tailLines" in query:
            lines = text.splitlines(keepends=True)
            text = "".join(lines[-int(query["tailLines"]):]) if int(query["tailLines"]) > 0 else ""
        if query.get("follow") != "true":
            return self.reply(200, text.encode(), "text/plain")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = len(entry["text"])
        self.chunk(text.encode())
        while True:
            with self.state.lock:
                self.state.lock.wait_for(lambda: len(entry["text"]) > sent or entry["ended"], timeout=1)
                new, ended = entry["text"][sent:], entry["ended"]
                sent += len(new)
            if new:
                self.chunk(new.encode())
            if ended:
                break
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def chunk(self, data):
        if data:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()


def schema_problems(schema, obj):
    validator = jsonschema.Draft7Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(obj), key=lambda e: list(e.path)):
        field = ".".join(str(p) for p in error.path) or "<root>"
        problems.append((field, error.message))
    return problems


def create_job_pods(state, ns, job):
    name = job["metadata"]["name"]
    owner = [{"apiVersion": "kubeflow.org/v1", "kind": "PyTorchJob", "name": name, "uid": job["metadata"]["uid"],
              "controller": True, "blockOwnerDeletion": True}]
    specs = job.get("spec", {}).get("pytorchReplicaSpecs", {})
    for rtype in ("Master", "Worker"):
        for i in range(int(specs.get(rtype, {}).get("replicas", 0) or 0)):
            pod = f"{name}-{rtype.lower()}-{i}"
            labels = {"training.kubeflow.org/job-name": name, "training.kubeflow.org/replica-type": rtype.lower(),
                      "training.kubeflow.org/replica-index": str(i),
                      "training.kubeflow.org/operator-name": "pytorchjob-controller"}
            if rtype == "Master":
                labels["training.kubeflow.org/job-role"] = "master"
            state.put_object("/api/v1", "pods", ns, {
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": pod, "labels": labels, "ownerReferences": owner},
                "spec": specs[rtype].get("template", {}).get("spec", {}),
                "status": {"phase": "Pending"}})
            state.put_object("/api/v1", "services", ns, {
                "apiVersion": "v1", "kind": "Service",
                "metadata": {"name": pod, "labels": labels, "ownerReferences": owner},
                "spec": {"clusterIP": "None", "selector": labels, "ports": [{"name": "pytorchjob-port", "port": 23456}]}})
            state.logs[(ns, pod)] = {"text": "", "ended": False}


POD_PHASE = {"Created": "Pending", "Running": "Running", "Restarting": "Pending", "Succeeded": "Succeeded",
             "Failed": "Failed"}


def advance_job(state, ns, name, explicit):
    """Moves the job to its next scripted condition (or `explicit` {"type", "reason", "message"});
    called with the state lock held. Returns the new conditions, or None when nothing is left."""
    job = state.objects.get(("/apis/kubeflow.org/v1", "pytorchjobs", ns, name))
    if job is None:
        raise KeyError(f"no pytorchjob {ns}/{name}")
    if explicit is None:
        script = state.scripts.get((ns, name))
        if not script or script["next"] >= len(script["conditions"]):
            return None
        explicit = {"type": script["conditions"][script["next"]]}
        script["next"] += 1
    status = job.setdefault("status", {})
    status["conditions"] = next_condition(status.get("conditions", []), explicit["type"], explicit.get("reason"),
                                          explicit.get("message"))
    ctype = status["conditions"][-1]["type"]
    stamp = now_rfc3339()
    status["lastReconcileTime"] = stamp
    if ctype == "Running":
        status.setdefault("startTime", stamp)
    if ctype in ("Succeeded", "Failed"):
        status["completionTime"] = stamp
    replicas = {}
    for rtype, spec in job.get("spec", {}).get("pytorchReplicaSpecs", {}).items():
        n = int(spec.get("replicas", 0) or 0)
        key = {"Running": "active", "Succeeded": "succeeded", "Failed": "failed"}.get(ctype)
        replicas[rtype] = {key: n} if key else {}
        replicas[rtype]["selector"] = f"training.kubeflow.org/job-name={name},training.kubeflow.org/replica-type={rtype.lower()}"
    status["replicaStatuses"] = replicas
    for (p, r, n, pod_name), pod in state.objects.items():
        if r == "pods" and n == ns and pod["metadata"].get("labels", {}).get("training.kubeflow.org/job-name") == name:
            pod["status"]["phase"] = POD_PHASE.get(ctype, pod["status"]["phase"])
            if ctype in ("Succeeded", "Failed"):
                end_log(state, ns, pod_name)
    state.version += 1
    job["metadata"]["resourceVersion"] = str(state.version)
    state.lock.notify_all()
    return status["conditions"]


def end_log(state, ns, pod):
    state.logs.setdefault((ns, pod), {"text": "", "ended": False})["ended"] = True
    state.lock.notify_all()


# --- token verification ------------------------------------------------------------------

def verify_token(token, state):
    """None when `token` is what EKS accepts for this cluster; else why not."""
    if not token.startswith(TOKEN_PREFIX):
        return f"the token does not start with {TOKEN_PREFIX}"
    encoded = token[len(TOKEN_PREFIX):]
    if "=" in encoded or "+" in encoded or "/" in encoded:
        return "the token is not unpadded base64url"
    try:
        url = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return "the token does not decode to a URL"
    parts = urllib.parse.urlsplit(url)
    region = state.region
    if parts.scheme != "https" or parts.netloc not in (f"sts.{region}.amazonaws.com", "sts.amazonaws.com") \
            or parts.path != "/":
        return f"the token's URL is not STS's ({parts.scheme}://{parts.netloc}{parts.path})"
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    params = dict(pairs)
    if len(params) != len(pairs):
        return "the token's URL repeats a query parameter"
    if params.get("Action") != "GetCallerIdentity" or params.get("Version") != "2011-06-15":
        return "the token's URL is not a GetCallerIdentity call (Action, Version 2011-06-15)"
    if params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256":
        return "the token is not signed with AWS4-HMAC-SHA256"
    signed = params.get("X-Amz-SignedHeaders", "").split(";")
    if "x-k8s-aws-id" not in signed or "host" not in signed:
        return "the token's signature does not cover host and x-k8s-aws-id"
    try:
        date = datetime.datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        access_key, scope_date, scope_region, service, terminator = params["X-Amz-Credential"].split("/")
        expires = int(params["X-Amz-Expires"])
        signature = params["X-Amz-Signature"]
    except (KeyError, ValueError):
        return "the token's URL lacks X-Amz-Date, X-Amz-Credential, X-Amz-Expires or X-Amz-Signature"
    now = datetime.datetime.now(datetime.timezone.utc)
    if date > now + datetime.timedelta(minutes=5):
        return "the token is dated in the future"
    if now - date > TOKEN_LIFETIME:
        return f"the token expired (signed at {params['X-Amz-Date']}, valid for 15 minutes)"
    if service != "sts" or terminator != "aws4_request" or scope_date != params["X-Amz-Date"][:8]:
        return "the token's credential scope is not STS's"
    with state.lock:
        known = state.credentials.get(access_key)
        cluster = state.cluster_name
    if known is None:
        return f"the token is signed by unknown credentials ({access_key})"
    if known.get("token") != params.get("X-Amz-Security-Token"):
        return "the token's session token does not match its credentials"
    # Recompute the signature with botocore for this cluster's name: a token made for another
    # cluster (x-k8s-aws-id) or tampered with does not match.
    unsigned = [(k, v) for k, v in pairs if k in ("Action", "Version")]
    request = botocore.awsrequest.AWSRequest(method="GET", url=f"https://{parts.netloc}/?{urllib.parse.urlencode(unsigned)}",
                                             headers={"x-k8s-aws-id": cluster})
    request.context["timestamp"] = params["X-Amz-Date"]
    auth = botocore.auth.SigV4QueryAuth(botocore.credentials.Credentials(access_key, known["secret"], known.get("token")),
                                        "sts", scope_region, expires=expires)
    auth._modify_request_before_signing(request)
    expected = auth.signature(auth.string_to_sign(request, auth.canonical_request(request)), request)
    if not hmac.compare_digest(expected, signature):
        return f"the token's signature does not verify for cluster {cluster} (a token for another cluster or " \
               f"with other credentials)"
    return None


# --- control API -------------------------------------------------------------------------

class ControlHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def dispatch(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        data = json.loads(body) if body else None
        path = self.path.lstrip("/")
        try:
            reply = self.control(self.command, path, data)
        except (KeyError, ValueError, TypeError) as e:
            reply, code = {"error": f"{type(e).__name__}: {e}"}, 400
        else:
            code = 200 if reply is not None else 404
            if reply is None:
                reply = {"error": f"no control endpoint {self.command} /{path}"}
        raw = json.dumps(reply).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def control(self, method, path, data):
        server = self.server.api
        state = server.state
        with state.lock:
            if method == "GET" and path == "health":
                return {"ok": True}
            if method == "GET" and path == "ca":
                return {"pem": server.ca_pem}
            if method == "GET" and path == "foreign-ca":
                return {"pem": server.foreign_ca_pem}
            if method == "GET" and path == "info":
                return {"endpoint": f"https://127.0.0.1:{server.server_address[1]}", "cluster_name": state.cluster_name,
                        "region": state.region}
            if method == "PUT" and path == "credentials":
                state.credentials = dict(data)
                return {}
            if method == "PUT" and path == "cluster-name":
                state.cluster_name = data
                return {}
            if method == "PUT" and path == "namespaces":
                for key in [k for k in state.objects if k[1] == "namespaces"]:
                    del state.objects[key]
                for ns in data:
                    state.put_object("/api/v1", "namespaces", "", {"apiVersion": "v1", "kind": "Namespace",
                                                                 "metadata": {"name": ns},
                                                                 "status": {"phase": "Active"}})
                return {}
            if method == "PUT" and path == "crd":
                state.crd_installed = bool(data["installed"])
                return {}
            if method == "PUT" and path == "faults":
                state.faults = list(data)
                return {}
            if method == "PUT" and path == "deny":
                state.deny = list(data)
                return {}
            if method == "PUT" and path.startswith("script/"):
                _, ns, job = path.split("/", 2)
                state.scripts[(ns, job)] = {"conditions": list(data["conditions"]), "next": 0,
                                            "advance_on_get": bool(data.get("advance_on_get"))}
                return {}
            if method == "POST" and path.startswith("advance/"):
                _, ns, job = path.split("/", 2)
                conditions = advance_job(state, ns, job, data)
                return {"conditions": conditions}
            if method == "PUT" and path.startswith("logs/"):
                _, ns, pod = path.split("/", 2)
                entry = state.logs.setdefault((ns, pod), {"text": "", "ended": False})
                entry["text"] = (entry["text"] if data.get("append", True) else "") + data.get("text", "")
                entry["ended"] = entry["ended"] or bool(data.get("end"))
                state.lock.notify_all()
                return {}
            if method == "GET" and path.startswith("objects/"):
                plural = path.split("/", 1)[1]
                return [o for (p, r, n, _), o in sorted(state.objects.items()) if r == plural]
            if method == "GET" and path == "calls":
                return state.calls
            if method == "DELETE" and path == "calls":
                state.calls = []
                return {}
            if method == "GET" and path == "rejections":
                return state.rejections
            if method == "DELETE" and path == "rejections":
                state.rejections = []
                return {}
        return None


class ApiServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, state, context):
        super().__init__(("127.0.0.1", port), ApiHandler)
        self.state = state
        self.socket = context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)


class ControlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, api):
        super().__init__(("127.0.0.1", port), ControlHandler)
        self.api = api


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--control-port", type=int, default=0)
    parser.add_argument("--cluster-name", default="nova-eks")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if not os.path.exists(CRD_FILE):
        sys.exit(f"k8s_standin.py: the PyTorchJob CRD is not at {CRD_FILE} (set NOVA_PYTORCHJOB_CRD)")
    ca_key, ca_cert = make_ca("nova-test-kubernetes-ca")
    server_key, server_cert = make_server_cert(ca_key, ca_cert)
    _, foreign_cert = make_ca("nova-test-foreign-ca")
    with tempfile.TemporaryDirectory(prefix="nova-k8s-standin-") as tmp:
        cert_file, key_file = os.path.join(tmp, "server.pem"), os.path.join(tmp, "server.key")
        with open(cert_file, "w") as f:
            f.write(pem(server_cert))
        with open(key_file, "wb") as f:
            f.write(server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        api = ApiServer(args.port, State(args.cluster_name, args.region), context)
    api.ca_pem = pem(ca_cert)
    api.foreign_ca_pem = pem(foreign_cert)
    control = ControlServer(args.control_port, api)
    threading.Thread(target=control.serve_forever, daemon=True).start()
    print(f"READY {api.server_address[1]} {control.server_address[1]}", flush=True)
    api.serve_forever()


if __name__ == "__main__":
    main()
