#!/usr/bin/env python3
"""A loopback fault proxy for the chaos suite: it forwards every request to an upstream (a real
moto_server or the AWS stand-in in front of one) and breaks the ones its rules pick, the way
networks and AWS break: throttling, 500/503, a connection reset before or after the request
reached the server, slow and truncated bodies, a server clock that is off, credentials that
expire. The C++ twin of the in-process faults is src/aws/core/http/fault_injecting_transport.

Control API (JSON over HTTP), under /__proxy__/:
  PUT    rules   [{"op": "CreateTrainingJob" | "match": {"method", "path" (regex), "query"
                   (substring)}, "fault": F, "times": n (default 1, -1 for ever), "skip": k
                   (let the first k matches through), "chunk": bytes, "delay": seconds}]
                 F: throttle | 500 | 503 | 500_after (forwarded, then 500) | reset_before |
                    reset_after | slow | truncate
  PUT    skew    {"seconds": s}: the server's clock runs s seconds off the real one; a request
                 signed more than 5 minutes away from it is refused with the protocol's
                 clock-skew error, and every answer carries Date in the server's time
  PUT    creds   {"lifetime": s}: GET /__creds__ hands out container credentials that expire
                 after s seconds; a request signed with one of them after its expiry (by
                 X-Amz-Date) is refused with ExpiredToken
  GET    log     [{"op", "method", "path", "fault", "key" (access key id)}] in arrival order
  DELETE state   forget rules, skew, credentials and the log

Run: python3 fault_proxy.py --upstream http://127.0.0.1:P [--port N]; prints "READY <port>".
FaultProxy (below) starts and stops one for Python tests.
"""
import argparse
import email.utils
import http.client
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SKEW_LIMIT = 300  # seconds AWS accepts between a signature's time and its own

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "date", "server"}


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.rules = []
        self.skew = 0.0
        self.lifetime = None
        self.issued = {}  # access key id -> expiry (epoch seconds)
        self.log = []
        self.counter = 0

    def server_time(self):
        return time.time() + self.skew


STATE = State()


def operation(method, path, query, headers, body):
    """The AWS operation of a request, as far as the proxy needs to name it."""
    target = headers.get("X-Amz-Target")
    if target:
        return target.split(".")[-1]
    ctype = headers.get("Content-Type", "")
    if ctype.startswith("application/x-www-form-urlencoded"):
        action = urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("Action")
        if action:
            return action[0]
    if service_of(headers) == "s3":
        q = urllib.parse.parse_qs(query, keep_blank_values=True)
        parts = [p for p in path.split("/") if p]
        if method == "POST" and "uploads" in q:
            return "CreateMultipartUpload"
        if method == "PUT" and "partNumber" in q:
            return "UploadPart"
        if method == "POST" and "uploadId" in q:
            return "CompleteMultipartUpload"
        if method == "DELETE" and "uploadId" in q:
            return "AbortMultipartUpload"
        if method == "GET" and "uploads" in q:
            return "ListMultipartUploads"
        if len(parts) <= 1:
            return {"HEAD": "HeadBucket", "GET": "ListObjectsV2", "PUT": "CreateBucket"}.get(method, method)
        return {"HEAD": "HeadObject", "GET": "GetObject", "PUT": "PutObject", "DELETE": "DeleteObject"}.get(method, method)
    return method + " " + path


def service_of(headers):
    m = re.search(r"Credential=[^/]+/\d{8}/[^/]+/([^/]+)/aws4_request", headers.get("Authorization", ""))
    return m.group(1) if m else ""


def key_of(headers):
    m = re.search(r"Credential=([^/]+)/", headers.get("Authorization", ""))
    return m.group(1) if m else ""


def protocol_of(headers):
    if headers.get("X-Amz-Target"):
        return "json"
    if headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
        return "query"
    if service_of(headers) == "s3":
        return "s3"
    return "rest-json"


def error_reply(protocol, status, code, message):
    """(status, headers, body) of an AWS error in the request's protocol."""
    if protocol == "s3":
        body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message>"
                f"<RequestId>FAULTPROXY</RequestId><HostId>fault-proxy</HostId></Error>")
        return status, {"Content-Type": "application/xml", "x-amz-request-id": "FAULTPROXY"}, body.encode()
    if protocol == "query":
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
                f"<RequestId>FAULTPROXY</RequestId></ErrorResponse>")
        return status, {"Content-Type": "text/xml", "x-amzn-RequestId": "FAULTPROXY"}, body.encode()
    body = json.dumps({"__type": code, "message": message}).encode()
    ctype = "application/x-amz-json-1.1" if protocol == "json" else "application/json"
    return status, {"Content-Type": ctype, "x-amzn-ErrorType": code, "x-amzn-RequestId": "FAULTPROXY"}, body


def canned_fault(protocol, fault):
    if fault == "throttle":
        if protocol == "s3":
            return error_reply(protocol, 503, "SlowDown", "Please reduce your request rate.")
        if protocol == "query":
            return error_reply(protocol, 400, "Throttling", "Rate exceeded")
        return error_reply(protocol, 429 if protocol == "rest-json" else 400, "ThrottlingException", "Rate exceeded")
    if fault in ("500", "500_after"):
        code = "InternalError" if protocol == "s3" else "InternalFailure"
        return error_reply(protocol, 500, code, "We encountered an internal error. Please try again.")
    if fault == "503":
        code = "ServiceUnavailable" if protocol != "json" else "ServiceUnavailableException"
        return error_reply(protocol, 503, code, "Service is unavailable. Please try again.")
    return None


def skew_fault(protocol, signed, server):
    message = (f"Signature expired: {signed} is now earlier than {server} ({server} - 5 min.)")
    if protocol == "s3":
        return error_reply(protocol, 403, "RequestTimeTooSkewed",
                           "The difference between the request time and the current time is too large.")
    if protocol == "query":
        return error_reply(protocol, 403, "SignatureDoesNotMatch", message)
    return error_reply(protocol, 400 if protocol == "json" else 403, "InvalidSignatureException", message)


def pick_rule(op, method, path, query):
    with STATE.lock:
        for rule in STATE.rules:
            if rule.get("op") and rule["op"] != op:
                continue
            match = rule.get("match", {})
            if match.get("method") and match["method"] != method:
                continue
            if match.get("path") and not re.search(match["path"], path):
                continue
            if match.get("query") and match["query"] not in query:
                continue
            if rule.get("times", 1) == 0:
                continue
            if rule.get("skip", 0) > 0:
                rule["skip"] -= 1
                return None
            if rule.get("times", 1) > 0:
                rule["times"] = rule.get("times", 1) - 1
            return rule
    return None


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None  # (host, port)

    def log_message(self, *args):
        pass

    def date_time_string(self, timestamp=None):
        """Every answer's Date is the server's clock (skewed on request)."""
        return email.utils.formatdate(STATE.server_time(), usegmt=True)

    def do_GET(self):
        self.handle_any()

    def do_PUT(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def do_DELETE(self):
        self.handle_any()

    def do_HEAD(self):
        self.handle_any()

    def do_PATCH(self):
        self.handle_any()

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def head(self, status, headers, length):
        """Status line and headers (send_response adds the server's Date), and the body's full length."""
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def reply(self, status, headers, body, head_only=False, length=None):
        self.head(status, headers, len(body) if length is None else length)
        if not head_only:
            self.wfile.write(body)

    def reset(self):
        """Drops the connection with a TCP RST: the client sees 'connection reset by peer'."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def handle_any(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.read_body()
        if url.path.startswith("/__proxy__/"):
            return self.control(url.path[len("/__proxy__/"):], body)
        if url.path == "/__creds__":
            return self.credentials()
        headers = {k: v for k, v in self.headers.items()}
        op = operation(self.command, url.path, url.query, headers, body)
        protocol = protocol_of(headers)
        rule = pick_rule(op, self.command, url.path, url.query)
        fault = rule["fault"] if rule else None
        with STATE.lock:
            STATE.log.append({"op": op, "method": self.command, "path": url.path, "fault": fault,
                              "key": key_of(headers)})

        refusal = self.refusal(headers, protocol)
        if refusal is not None:
            with STATE.lock:
                STATE.log[-1]["fault"] = refusal[1]
            return self.reply(*refusal[0], head_only=self.command == "HEAD")
        if fault == "reset_before":
            return self.reset()
        if fault in ("throttle", "500", "503"):
            return self.reply(*canned_fault(protocol, fault), head_only=self.command == "HEAD")

        status, reply_headers, reply_body, length = self.forward(url, headers, body)
        if fault == "reset_after":
            return self.reset()
        if fault == "500_after":
            return self.reply(*canned_fault(protocol, fault), head_only=self.command == "HEAD")
        if fault == "truncate" and len(reply_body) > 1 and 200 <= status < 300:
            self.head(status, reply_headers, len(reply_body))
            self.wfile.write(reply_body[: len(reply_body) // 2])
            return self.reset()
        if fault == "slow" and 200 <= status < 300:
            self.head(status, reply_headers, len(reply_body))
            chunk, delay = int(rule.get("chunk", 64 * 1024)), float(rule.get("delay", 0.05))
            if self.command != "HEAD":
                for i in range(0, len(reply_body), chunk):
                    self.wfile.write(reply_body[i:i + chunk])
                    self.wfile.flush()
                    time.sleep(delay)
            return None
        return self.reply(status, reply_headers, reply_body, head_only=self.command == "HEAD", length=length)

    def refusal(self, headers, protocol):
        """((status, headers, body), reason) for a request the 'server' refuses: signed too far
        from its clock, or with expired proxy-issued credentials."""
        amz_date = headers.get("X-Amz-Date")
        if not amz_date or "Authorization" not in headers:
            return None
        signed = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc).timestamp()
        server = STATE.server_time()
        if abs(signed - server) > SKEW_LIMIT:
            fmt = "%Y%m%dT%H%M%SZ"
            return skew_fault(protocol, amz_date, datetime.fromtimestamp(server, timezone.utc).strftime(fmt)), "skew"
        with STATE.lock:
            expiry = STATE.issued.get(key_of(headers))
        if expiry is not None and signed >= expiry:
            code = "ExpiredToken" if protocol in ("query", "s3") else "ExpiredTokenException"
            return error_reply(protocol, 400, code,
                               "The security token included in the request is expired"), "expired"
        return None

    def forward(self, url, headers, body):
        conn = http.client.HTTPConnection(*self.upstream, timeout=120)
        try:
            target = url.path + ("?" + url.query if url.query else "")
            out = {k: v for k, v in headers.items() if k.lower() not in ("connection", "transfer-encoding", "expect")}
            out["Content-Length"] = str(len(body))
            conn.request(self.command, target, body=body if body or self.command not in ("GET", "HEAD") else None,
                         headers=out)
            resp = conn.getresponse()
            data = resp.read()
            kept = {k: v for k, v in resp.getheaders() if k.lower() not in HOP_HEADERS}
            # A HEAD answer's Content-Length is the object's, not its (empty) body's.
            length = int(resp.getheader("Content-Length") or 0) if self.command == "HEAD" else len(data)
            return resp.status, kept, data, length
        finally:
            conn.close()

    def credentials(self):
        with STATE.lock:
            STATE.counter += 1
            key = f"ASIAFAULTPROXY{STATE.counter:06d}"
            lifetime = STATE.lifetime or 3600
            expiry = time.time() + lifetime
            STATE.issued[key] = expiry
        doc = {"AccessKeyId": key, "SecretAccessKey": "proxy-secret-" + key, "Token": "proxy-token-" + key,
               "Expiration": datetime.fromtimestamp(expiry, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        self.reply(200, {"Content-Type": "application/json"}, json.dumps(doc).encode())

    def control(self, path, body):
        data = json.loads(body) if body else None
        reply = {}
        with STATE.lock:
            if self.command == "PUT" and path == "rules":
                STATE.rules = list(data)
            elif self.command == "PUT" and path == "skew":
                STATE.skew = float(data["seconds"])
            elif self.command == "PUT" and path == "creds":
                STATE.lifetime = float(data["lifetime"])
            elif self.command == "GET" and path == "log":
                reply = list(STATE.log)
            elif self.command == "GET" and path == "health":
                reply = {"ok": True}
            elif self.command == "DELETE" and path == "state":
                STATE.clear()
            else:
                reply = None
        if reply is None:
            return self.reply(404, {"Content-Type": "application/json"}, b'{"error": "unknown control path"}')
        return self.reply(200, {"Content-Type": "application/json"}, json.dumps(reply).encode())


class FaultProxy:
    """Starts fault_proxy.py in front of `upstream` on a free loopback port; stop() ends it."""

    def __init__(self, upstream):
        self.log = tempfile.NamedTemporaryFile(prefix="nova-fault-proxy-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--upstream", upstream],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(f"fault proxy did not start; see {self.log.name}")
        self.port = int(line.split()[1])
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def _call(self, method, path, data=None):
        body = None if data is None else json.dumps(data).encode()
        req = urllib.request.Request(self.endpoint + "/__proxy__/" + path, data=body, method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read() or b"null")

    def rules(self, *rules):
        self._call("PUT", "rules", list(rules))

    def skew(self, seconds):
        self._call("PUT", "skew", {"seconds": seconds})

    def credentials(self, lifetime):
        self._call("PUT", "creds", {"lifetime": lifetime})

    def requests(self):
        return self._call("GET", "log")

    def reset(self):
        self._call("DELETE", "state")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.log.close()
        os.unlink(self.log.name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    up = urllib.parse.urlsplit(args.upstream)
    Proxy.upstream = (up.hostname, up.port or 80)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Proxy)
    server.daemon_threads = True
    print(f"READY {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
