#!/usr/bin/env python3
"""A loopback stand-in for the AWS operations moto 5.2.1 lacks, in front of a real moto_server.

It starts its own moto_server (moto_harness.MotoServer) and forwards every request it does
not serve to it unchanged. It serves:
  SageMaker (json 1.1, X-Amz-Target): DescribeHubContent, StopTrainingJob, ListMlflowApps,
    ListMlflowTrackingServers; CreateTrainingJob answers ResourceInUse for a name moto
    already holds (moto silently overwrites), and is otherwise forwarded;
  IAM (query, Action=): SimulatePrincipalPolicy;
  json-protocol services of a service module (X-Amz-Target "<targetPrefix>.<Operation>");
  rest-json services of a service module, routed by the SigV4 scope, or for an unsigned
    request by the module's UNSIGNED_SERVICES (IAM Identity Center: standin_sso);
  requests a module's intercept(handler, body) claims (S3 through access points).
Every SageMaker and IAM request is decoded and validated against botocore's input shape for
its operation; every response the stand-in writes is parsed back with botocore's own parser
for the protocol and validated against the output shape. A mismatch answers HTTP 500 with
the reason and is recorded in the failure list.

Control API (JSON over HTTP), under /_standin/:
  GET  health                  readiness
  PUT  hub-content/<name>      {"document": <object or text>, "version": "1.0.0",
                                "hub_name": "SageMakerPublicHub", "type": "Model"}
  PUT  denied-actions          ["s3:GetObject", ...]: SimulatePrincipalPolicy answers
                                implicitDeny for these, allowed for every other action
  PUT  mlflow-apps             [{"Name", "Arn", "Status", ...}] (ListMlflowApps summaries)
  PUT  mlflow-tracking-servers [{"TrackingServerName", ...}]
  PUT  page-size               <n>: items per page of the served List* operations
  PUT  running-jobs/<name>     the training job answers InProgress (moto's jobs complete at once)
                                until StopTrainingJob stops it
  GET  calls                   [{"service", "operation", "params"}] in arrival order
  DELETE calls                 forget the recorded calls
  GET  failures                ["reason", ...]
  DELETE failures              forget them (after a test that provoked one on purpose)

Run: python3 aws_standin.py [--port P]; prints "READY <port>" once it serves. SIGTERM stops
it and its moto_server.
"""
import argparse
import http.client
import importlib
import json
import os
import re
import signal
import sys
import threading
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from moto_harness import MotoServer  # noqa: E402
from standin_common import MODELS, Mismatch, Reply, check_response, normalise, page, validate  # noqa: E402,F401
import standin_restjson  # noqa: E402

# Service modules (tests/support/standin_<service>.py), one line each; see standin_restjson.py
# for what a module declares. Requests are routed to them by the SigV4 credential scope's
# service name and botocore's requestUri of the operation.
SERVICE_MODULES = [
    "standin_sagemaker_endpoints",
    "standin_bedrock_runtime",
    "standin_bedrock",
    "standin_hyperpod",
    "standin_service_quotas",
    "standin_s3_access_points",
    "standin_sso",
]
EXTENSIONS = [importlib.import_module(name) for name in SERVICE_MODULES]

ACCOUNT = "123456789012"
REGION = "us-east-1"
IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/"


def decode_query(shape, form, prefix, used):
    """The query-protocol form fields under `prefix` as botocore's params for `shape`."""
    if shape.type_name == "structure":
        out = {}
        for name, member in shape.members.items():
            key = f"{prefix}.{member.serialization.get('name', name)}" if prefix else member.serialization.get("name", name)
            value = decode_query(member, form, key, used)
            if value is not None:
                out[name] = value
        return out if out or not prefix else None
    if shape.type_name == "list":
        if prefix in form and form[prefix] == "":
            used.add(prefix)
            return []
        items, i = [], 1
        while True:
            value = decode_query(shape.member, form, f"{prefix}.member.{i}", used)
            if value is None:
                break
            items.append(value)
            i += 1
        return items if items else None
    if shape.type_name == "map":
        out, i = {}, 1
        while f"{prefix}.entry.{i}.key" in form:
            used.add(f"{prefix}.entry.{i}.key")
            out[form[f"{prefix}.entry.{i}.key"]] = decode_query(shape.value, form, f"{prefix}.entry.{i}.value", used)
            i += 1
        return out or None
    if prefix not in form:
        return None
    used.add(prefix)
    text = form[prefix]
    if shape.type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            raise Mismatch(f"{prefix}: '{text}' is not an integer") from None
    if shape.type_name == "boolean":
        if text not in ("true", "false"):
            raise Mismatch(f"{prefix}: '{text}' is not true or false")
        return text == "true"
    return text


def iam_xml(op_model, result):
    """A query-protocol response document for `result` (a dict shaped as the output)."""
    def render(shape, value):
        if shape.type_name == "structure":
            return "".join(f"<{n}>{render(shape.members[n], v)}</{n}>" for n, v in value.items())
        if shape.type_name == "list":
            return "".join(f"<member>{render(shape.member, v)}</member>" for v in value)
        if shape.type_name == "boolean":
            return "true" if value else "false"
        return escape(str(value))
    op = op_model.name
    body = render(op_model.output_shape, result)
    return (f'<{op}Response xmlns="{IAM_NAMESPACE}"><{op}Result>{body}</{op}Result>'
            f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata></{op}Response>").encode()


# --- state -------------------------------------------------------------------------------

class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.hub_content = {}  # name -> {"document", "version", "hub_name", "type"}
        self.denied_actions = set()
        self.mlflow_apps = []
        self.tracking_servers = []
        self.stopped_jobs = set()
        self.running_jobs = set()
        self.page_size = 100
        self.calls = []
        self.failures = []
        self.ext = {}  # per service module: its own state, set up by its init_state
        for module in EXTENSIONS:
            if hasattr(module, "init_state"):
                module.init_state(self)

    def record_call(self, service, operation, params):
        with self.lock:
            self.calls.append({"service": service, "operation": operation, "params": normalise(params)})

    def record_failure(self, reason):
        with self.lock:
            self.failures.append(reason)


# --- the handler -------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nova-aws-standin"

    def log_message(self, fmt, *args):  # quiet: tests read calls and failures instead
        pass

    @property
    def state(self):
        return self.server.state

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                chunk = self.rfile.read(size)
                self.rfile.readline()
                if size == 0:
                    break
                chunks.append(chunk)
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def send(self, status, body, content_type, extra_headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for k, v in extra_headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def do_PATCH(self):  # rest-json updates (Bedrock UpdateProvisionedModelThroughput)
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def dispatch(self):
        body = self.read_body()
        try:
            if self.path.startswith("/_standin/"):
                return self.control(body)
            target = self.headers.get("X-Amz-Target", "")
            if target.startswith("SageMaker."):
                return self.sagemaker(target.split(".", 1)[1], body)
            if target and self.json_service(target, body):
                return
            if self.command == "POST" and "x-www-form-urlencoded" in self.headers.get("Content-Type", ""):
                form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
                if form.get("Version") == "2010-05-08":
                    return self.iam(form, body)
            if not target and self.rest_json(body):
                return
            if any(hasattr(m, "intercept") and m.intercept(self, body) for m in EXTENSIONS):
                return
            self.forward(body)
        except Mismatch as e:
            self.fail(str(e))
        except Exception as e:  # a stand-in bug: make it visible rather than drop the connection
            self.fail(f"stand-in error on {self.command} {self.path}: {type(e).__name__}: {e}")

    def signing_service(self):
        """The service name of the SigV4 credential scope (".../<region>/<service>/aws4_request")."""
        match = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request", self.headers.get("Authorization", ""))
        return match.group(1) if match else None

    def rest_json(self, body):
        """Serves the request when a service module has its operation; False otherwise."""
        scope = self.signing_service()
        # An unsigned request has no scope: it can only be for a module's unsigned services.
        candidates = [(module, service) for module in EXTENSIONS for service in module.SERVICES
                      if MODELS[service].signing_name == scope
                      or (scope is None and service in getattr(module, "UNSIGNED_SERVICES", ()))]
        for module, service in candidates:
            found = standin_restjson.find_operation([service], self.command, self.path)
            if found is None:
                continue
            _, op_model, uri_params, query = found
            params = standin_restjson.decode_request(op_model, uri_params, query, self.headers, body)
            self.state.record_call(service, op_model.name, params)
            try:
                result = module.serve(self, service, op_model.name, params)
            except Reply as r:
                status, headers, payload = standin_restjson.error_reply(r)
                self.send(status, payload, headers.pop("Content-Type"), list(headers.items()))
                return True
            if result is None:
                return False
            if isinstance(result, standin_restjson.RawReply):
                headers = dict(result.headers)
                self.send(result.status, result.body, headers.pop("Content-Type", "application/octet-stream"),
                          list(headers.items()))
                return True
            status, headers, payload = standin_restjson.encode_response(op_model, result)
            self.send(status, payload, headers.pop("Content-Type"), list(headers.items()))
            return True
        return False

    def fail(self, reason):
        self.state.record_failure(reason)
        self.send(500, json.dumps({"__type": "StandinValidationFailure", "message": reason}).encode(),
                  "application/json")

    # --- forwarding ---

    def forward_raw(self, method, path, headers, body):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.moto_port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.getheaders(), resp.read()
        finally:
            conn.close()

    def forward(self, body, rewrite=None):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("transfer-encoding", "expect")}
        headers["Content-Length"] = str(len(body))
        status, resp_headers, resp_body = self.forward_raw(self.command, self.path, headers, body)
        if rewrite and status == 200:
            resp_body = rewrite(resp_body)
        self.send_response(status)
        for k, v in resp_headers:
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(resp_body)) if self.command != "HEAD" else
                         dict((k.lower(), v) for k, v in resp_headers).get("content-length", "0"))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp_body)

    def moto_sagemaker(self, operation, params):
        headers = {"X-Amz-Target": f"SageMaker.{operation}", "Content-Type": "application/x-amz-json-1.1",
                   "Authorization": self.headers.get("Authorization", "")}
        status, _, body = self.forward_raw("POST", "/", headers, json.dumps(params).encode())
        return status, json.loads(body or b"{}")

    def moto_iam(self, params):
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                   "Authorization": self.headers.get("Authorization", "")}
        status, _, body = self.forward_raw("POST", "/", headers, urllib.parse.urlencode(params).encode())
        return status, body

    # --- SageMaker ---

    def sagemaker(self, operation, body):
        model = MODELS["sagemaker"]
        if operation not in model.operation_names:
            raise Mismatch(f"SageMaker has no operation {operation}")
        op_model = model.operation_model(operation)
        try:
            params = json.loads(body or b"{}")
        except ValueError as e:
            raise Mismatch(f"{operation} body is not JSON: {e}") from None
        validate(params, op_model.input_shape, f"request of {operation}")
        self.state.record_call("sagemaker", operation, params)
        handler = getattr(self, f"sm_{operation}", None)
        try:
            result = handler(params) if handler else self.module_serve("sagemaker", operation, params)
        except Reply as r:
            payload = json.dumps({"__type": r.code, "message": r.message}).encode()
            return self.send(r.status, payload, "application/x-amz-json-1.1", [("x-amzn-ErrorType", r.code)])
        if result is None:  # served by moto after all
            return self.forward(body, self.stopped_rewriter(operation))
        raw = json.dumps(result).encode()
        check_response("json", op_model, raw, result)
        self.send(200, raw, "application/x-amz-json-1.1")

    def json_service(self, target, body):
        """A json-protocol service of a module (X-Amz-Target "<targetPrefix>.<Operation>"):
        validated and answered like SageMaker's; False when no module declares the prefix."""
        prefix, _, operation = target.partition(".")
        services = [s for m in EXTENSIONS for s in m.SERVICES if MODELS[s].metadata.get("targetPrefix") == prefix]
        if not services or services[0] == "sagemaker":
            return False
        service = services[0]
        op_model = MODELS[service].operation_model(operation)
        params = json.loads(body or b"{}")
        validate(params, op_model.input_shape, f"request of {operation}")
        self.state.record_call(service, operation, params)
        content_type = f"application/x-amz-json-{MODELS[service].metadata.get('jsonVersion', '1.1')}"
        try:
            result = self.module_serve(service, operation, params)
        except Reply as r:
            payload = json.dumps({"__type": r.code, "message": r.message}).encode()
            self.send(r.status, payload, content_type, [("x-amzn-ErrorType", r.code)])
            return True
        if result is None:
            return False
        raw = json.dumps(result).encode()
        check_response("json", op_model, raw, result)
        self.send(200, raw, content_type)
        return True

    def module_serve(self, service, operation, params):
        """The answer of the first service module that serves `operation`, or None."""
        for module in EXTENSIONS:
            if service in module.SERVICES:
                result = module.serve(self, service, operation, params)
                if result is not None:
                    return result
        return None

    def stopped_rewriter(self, operation):
        """Describe/List answers of jobs stopped here say Stopped (moto's jobs never stop), of
        jobs marked running InProgress (moto's jobs complete at once)."""
        stopped, running = self.state.stopped_jobs, self.state.running_jobs

        def status_of(name, moto_status):
            return "Stopped" if name in stopped else "InProgress" if name in running else moto_status

        if operation == "DescribeTrainingJob":
            def rewrite(raw):
                doc = json.loads(raw)
                status = status_of(doc.get("TrainingJobName"), doc.get("TrainingJobStatus"))
                if status != doc.get("TrainingJobStatus"):
                    doc["TrainingJobStatus"] = status
                    doc["SecondaryStatus"] = "Training" if status == "InProgress" else status
                return json.dumps(doc).encode()
            return rewrite
        if operation == "ListTrainingJobs":
            def rewrite(raw):
                doc = json.loads(raw)
                for s in doc.get("TrainingJobSummaries", []):
                    s["TrainingJobStatus"] = status_of(s.get("TrainingJobName"), s.get("TrainingJobStatus"))
                return json.dumps(doc).encode()
            return rewrite
        return None

    def sm_CreateTrainingJob(self, params):
        name = params["TrainingJobName"]
        status, existing = self.moto_sagemaker("DescribeTrainingJob", {"TrainingJobName": name})
        if status == 200:
            raise Reply(400, "ResourceInUse", f"Training job names must be unique within an AWS account and region, "
                                              f"and a training job with this name already exists "
                                              f"({existing['TrainingJobArn']})")
        return None

    def sm_StopTrainingJob(self, params):
        name = params["TrainingJobName"]
        status, _ = self.moto_sagemaker("DescribeTrainingJob", {"TrainingJobName": name})
        if status != 200:
            raise Reply(400, "ValidationException", "Requested resource not found.")
        with self.state.lock:
            self.state.stopped_jobs.add(name)
        return {}

    def sm_DescribeHubContent(self, params):
        name = params["HubContentName"]
        with self.state.lock:
            entry = self.state.hub_content.get(name)
        if entry is None or entry["type"] != params["HubContentType"] or entry["hub_name"] != params["HubName"]:
            raise Reply(400, "ResourceNotFound", f"Hub content {name} of type {params['HubContentType']} "
                                                 f"not found in hub {params['HubName']}")
        version = params.get("HubContentVersion", entry["version"])
        if version != entry["version"]:
            raise Reply(400, "ResourceNotFound", f"Hub content {name} has no version {version}")
        hub_arn = f"arn:aws:sagemaker:{REGION}:aws:hub/{entry['hub_name']}"
        return {
            "HubContentName": name,
            "HubContentArn": f"arn:aws:sagemaker:{REGION}:aws:hub-content/{entry['hub_name']}/"
                             f"{entry['type']}/{name}/{entry['version']}",
            "HubContentVersion": entry["version"],
            "HubContentType": entry["type"],
            "DocumentSchemaVersion": "2.0.0",
            "HubName": entry["hub_name"],
            "HubArn": hub_arn,
            "HubContentDocument": entry["document"],
            "HubContentSearchKeywords": [],
            "HubContentStatus": "Available",
            "CreationTime": 1767225600.0,
        }

    def sm_ListMlflowApps(self, params):
        with self.state.lock:
            items, size = list(self.state.mlflow_apps), self.state.page_size
        chunk, following = page(items, params, "NextToken", "MaxResults", size)
        result = {"Summaries": chunk}
        if following is not None:
            result["NextToken"] = str(following)
        return result

    def sm_ListMlflowTrackingServers(self, params):
        with self.state.lock:
            items, size = list(self.state.tracking_servers), self.state.page_size
        chunk, following = page(items, params, "NextToken", "MaxResults", size)
        result = {"TrackingServerSummaries": chunk}
        if following is not None:
            result["NextToken"] = str(following)
        return result

    # --- IAM ---

    def iam(self, form, body):
        operation = form.get("Action", "")
        model = MODELS["iam"]
        if operation not in model.operation_names:
            raise Mismatch(f"IAM has no operation '{operation}'")
        op_model = model.operation_model(operation)
        used = {"Action", "Version"}
        params = decode_query(op_model.input_shape, form, "", used) or {}
        unknown = sorted(set(form) - used)
        if unknown:
            raise Mismatch(f"request of {operation}: members not in the input shape: {unknown}")
        validate(params, op_model.input_shape, f"request of {operation}")
        self.state.record_call("iam", operation, params)
        if operation != "SimulatePrincipalPolicy":
            return self.forward(body)
        try:
            result = self.iam_simulate_principal_policy(params)
        except Reply as r:
            payload = (f'<ErrorResponse xmlns="{IAM_NAMESPACE}"><Error><Type>Sender</Type><Code>{r.code}</Code>'
                       f"<Message>{escape(r.message)}</Message></Error><RequestId>{uuid.uuid4()}</RequestId>"
                       f"</ErrorResponse>").encode()
            return self.send(r.status, payload, "text/xml")
        raw = iam_xml(op_model, result)
        check_response("query", op_model, raw, result)
        self.send(200, raw, "text/xml")

    def iam_simulate_principal_policy(self, params):
        source = params["PolicySourceArn"]
        if ":role/" in source:
            status, _ = self.moto_iam({"Action": "GetRole", "Version": "2010-05-08",
                                       "RoleName": source.rsplit("/", 1)[1]})
            if status != 200:
                raise Reply(404, "NoSuchEntity", f"The role with name {source.rsplit('/', 1)[1]} cannot be found.")
        with self.state.lock:
            denied = set(self.state.denied_actions)
        pairs = [(a, r) for a in params["ActionNames"] for r in params.get("ResourceArns", ["*"])]
        with self.state.lock:
            size = self.state.page_size
        chunk, following = page(pairs, params, "Marker", "MaxItems", size)
        results = [{"EvalActionName": a, "EvalResourceName": r,
                    "EvalDecision": "implicitDeny" if a in denied else "allowed",
                    "MatchedStatements": [], "MissingContextValues": []} for a, r in chunk]
        out = {"EvaluationResults": results, "IsTruncated": following is not None}
        if following is not None:
            out["Marker"] = str(following)
        return out

    # --- control API ---

    def control(self, body):
        path = self.path[len("/_standin/"):]
        method = self.command
        state = self.state
        data = json.loads(body) if body else None
        with state.lock:
            if method == "GET" and path == "health":
                reply = {"ok": True}
            elif method == "GET" and path == "calls":
                reply = state.calls
            elif method == "DELETE" and path == "calls":
                state.calls = []
                reply = {}
            elif method == "GET" and path == "failures":
                reply = state.failures
            elif method == "DELETE" and path == "failures":
                state.failures = []
                reply = {}
            elif method == "PUT" and path.startswith("hub-content/"):
                document = data["document"]
                state.hub_content[urllib.parse.unquote(path[len("hub-content/"):])] = {
                    "document": document if isinstance(document, str) else json.dumps(document),
                    "version": data.get("version", "1.0.0"),
                    "hub_name": data.get("hub_name", "SageMakerPublicHub"),
                    "type": data.get("type", "Model")}
                reply = {}
            elif method == "PUT" and path == "denied-actions":
                state.denied_actions = set(data)
                reply = {}
            elif method == "PUT" and path == "mlflow-apps":
                state.mlflow_apps = list(data)
                reply = {}
            elif method == "PUT" and path == "mlflow-tracking-servers":
                state.tracking_servers = list(data)
                reply = {}
            elif method == "PUT" and path.startswith("running-jobs/"):
                state.running_jobs.add(urllib.parse.unquote(path[len("running-jobs/"):]))
                reply = {}
            elif method == "PUT" and path == "page-size":
                state.page_size = int(data)
                reply = {}
            else:
                reply = None
        if reply is None:
            for module in EXTENSIONS:
                if hasattr(module, "control"):
                    reply = module.control(self, method, path, data)
                    if reply is not None:
                        break
        if reply is None:
            return self.send(404, json.dumps({"error": f"no control endpoint {method} /_standin/{path}"}).encode(),
                             "application/json")
        self.send(200, json.dumps(reply).encode(), "application/json")


class StandinServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, moto_port):
        super().__init__(("127.0.0.1", port), Handler)
        self.state = State()
        self.moto_port = moto_port


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    moto = MotoServer()
    try:
        server = StandinServer(args.port, moto.port)
        print(f"READY {server.server_address[1]}", flush=True)
        server.serve_forever()
    finally:
        moto.stop()


if __name__ == "__main__":
    main()
