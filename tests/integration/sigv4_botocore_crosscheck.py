#!/usr/bin/env python3
"""Randomized cross-check of nova's SigV4 signer against botocore.

Generates a few hundred random requests (methods, paths with ':' '/' '+' '=' spaces and
non-ASCII, dot segments and repeated slashes, queries with valueless keys, duplicate and
excluded headers, whitespace to collapse, bodies, session tokens, S3 and non-S3), signs each
with the C++ tool (tests/tools/sigv4_dump) and with botocore's SigV4Auth / S3SigV4Auth
using a frozen timestamp, and compares canonical request, string-to-sign and signature.

usage: sigv4_botocore_crosscheck.py <sigv4_dump> [count] [seed]
"""
import datetime
import hashlib
import json
import random
import subprocess
import sys
from urllib.parse import quote

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

PATH_CHARS = list("abcXYZ019-_.~:+=@!$&'()*,; ") + ["é", "ሴ", "ü", "%", "/"]
QUERY_CHARS = list("abcXYZ019-_.~:+=/ @!*") + ["é", "ሴ", "&", "%"]
HEADER_VALUE_CHARS = list("abcXYZ019-_.~:+=/;,\"()   \t")
EXCLUDED = ["User-Agent", "Expect", "X-Amzn-Trace-Id", "Connection", "Transfer-Encoding"]


def rand_text(rng, pool, lo, hi):
    return "".join(rng.choice(pool) for _ in range(rng.randint(lo, hi)))


def rand_path(rng, s3):
    segments = []
    for _ in range(rng.randint(0, 5)):
        r = rng.random()
        if not s3 and r < 0.08:
            segments.append(rng.choice([".", ".."]))
        elif r < 0.12:
            segments.append("")  # repeated slash
        else:
            segments.append(rand_text(rng, PATH_CHARS, 1, 12))
    raw = "/" + "/".join(segments)
    if rng.random() < 0.2:
        raw += "/"
    # Wire form: every byte outside the unreserved set encoded, '/' kept (as botocore does).
    return quote(raw, safe="/-_.~")


def rand_query(rng):
    parts = []
    for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
        key = rand_text(rng, QUERY_CHARS, 1, 8)
        if rng.random() < 0.15:
            parts.append(quote(key, safe="-_.~"))  # valueless marker like ?uploads
        else:
            parts.append(quote(key, safe="-_.~") + "=" + quote(rand_text(rng, QUERY_CHARS, 0, 10), safe="-_.~"))
    if parts and rng.random() < 0.2:
        parts.append(parts[0])  # repeated key
    return "&".join(parts)


def rand_headers(rng):
    headers = []
    for _ in range(rng.randint(0, 4)):
        name = rng.choice(["X-Amz-Meta-", "My-Header", "x-custom-", "Content-Type", "X-Amz-Target"])
        if name.endswith("-"):
            name += rand_text(rng, list("abcdefxyz0123"), 1, 6)
        name = "".join(c.upper() if rng.random() < 0.3 else c for c in name)
        value = rand_text(rng, HEADER_VALUE_CHARS, 1, 20)
        if value.strip() == "":
            value = "v" + value + "w"
        headers.append((name, value))
        if rng.random() < 0.15:
            headers.append((name, rand_text(rng, HEADER_VALUE_CHARS, 1, 8) + "z"))  # duplicate name
    if rng.random() < 0.3:
        headers.append((rng.choice(EXCLUDED), "excluded-value"))
    return headers


def make_case(rng, i):
    s3 = rng.random() < 0.4
    port = rng.choice([5000, 8443, 4566])
    token = ""
    if rng.random() < 0.5:
        token = rand_text(rng, list("ABCdef0123+/="), 20, 60)
    body = ""
    if rng.random() < 0.5:
        body = rand_text(rng, list("abc {}\":,\n") + ["é", "ሴ"], 0, 200)
    return {
        "method": rng.choice(["GET", "PUT", "POST", "DELETE", "HEAD"]),
        "host": rng.choice(["127.0.0.1", "localhost", "s3.us-west-2.amazonaws.com"]) + f":{port}",
        "path": rand_path(rng, s3),
        "query": rand_query(rng),
        "headers": rand_headers(rng),
        "body": body,
        "s3": s3,
        "region": rng.choice(["us-east-1", "eu-west-3", "ap-southeast-2"]),
        "service": "s3" if s3 else rng.choice(["sagemaker", "bedrock", "sts", "logs", "iam"]),
        "access_key": "AKID" + rand_text(rng, list("ABCDEF0123456789"), 12, 16),
        "secret_key": rand_text(rng, list("abcXYZ0189+/"), 40, 40),
        "token": token,
        "time": 1_500_000_000 + rng.randint(0, 400_000_000) + i,
    }


def botocore_products(case):
    ts = datetime.datetime.fromtimestamp(case["time"], datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    url = "http://" + case["host"] + case["path"] + ("?" + case["query"] if case["query"] else "")
    body = case["body"].encode("utf-8")
    req = AWSRequest(method=case["method"], url=url, data=body)
    for name, value in case["headers"]:
        req.headers[name] = value  # HTTPHeaders appends: duplicates are kept in order
    req.headers["X-Amz-Date"] = ts
    if case["token"]:
        req.headers["X-Amz-Security-Token"] = case["token"]
    if case["s3"]:
        req.headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
    req.context["timestamp"] = ts
    creds = Credentials(case["access_key"], case["secret_key"], case["token"] or None)
    cls = S3SigV4Auth if case["s3"] else SigV4Auth
    auth = cls(creds, case["service"], case["region"])
    creq = auth.canonical_request(req)
    sts = auth.string_to_sign(req, creq)
    return {"canonical_request": creq, "string_to_sign": sts, "signature": auth.signature(sts, req)}


def main():
    tool = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20260830
    rng = random.Random(seed)
    cases = [make_case(rng, i) for i in range(count)]
    stdin = "".join(json.dumps(c) + "\n" for c in cases)
    run = subprocess.run([tool], input=stdin.encode(), capture_output=True, check=True)
    ours = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert len(ours) == len(cases), f"tool printed {len(ours)} results for {len(cases)} requests"
    failures = 0
    kinds = {"s3": 0, "other": 0}
    for case, mine in zip(cases, ours):
        kinds["s3" if case["s3"] else "other"] += 1
        theirs = botocore_products(case)
        for field in ("canonical_request", "string_to_sign", "signature"):
            if mine[field] != theirs[field]:
                failures += 1
                if failures <= 5:
                    print(f"MISMATCH {field} for {json.dumps(case, ensure_ascii=False)}")
                    print(f"--- nova\n{mine[field]}\n--- botocore\n{theirs[field]}")
                break
    print(f"{count - failures}/{count} requests agree with botocore (s3={kinds['s3']}, other={kinds['other']}, seed={seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
