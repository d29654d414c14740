"""SageMaker real-time inference in the loopback stand-in (moto's model and endpoint
operations predate ml.p5/ml.g6 and drop EnableNetworkIsolation): models, endpoint configs and
endpoints with their tags and lists (json 1.1, served through aws_standin.py's SageMaker path), and SageMaker Runtime
InvokeEndpoint / InvokeEndpointWithResponseStream (rest-json, event stream).

Endpoints move Creating -> InService after `describes_to_ready` DescribeEndpoint calls,
Updating -> InService the same way (then serving the new config), Deleting -> gone; a failure
scripted for an endpoint turns its next describe into Failed with the given FailureReason.
The model answers OpenAI-style chat completions (deploy.md §3): the reply is
"echo: <last user message>" unless a reply is scripted.

Control paths (under /_standin/):
  PUT sagemaker-endpoints/settings   {"describes_to_ready": n}
  PUT sagemaker-endpoints/fail/<name> {"reason": "..."}: the endpoint fails at its next describe
  PUT sagemaker-endpoints/throttle   {"operation": "DescribeEndpoint", "count": n}: the next n
                                      calls answer ThrottlingException
  PUT sagemaker-endpoints/reply      {"content": "...", "finish_reason": "stop"}: the model's answer
  GET sagemaker-endpoints/state      models, configs and endpoints as stored
"""
import json
import threading
import time

from standin_common import MODELS, Mismatch, Reply
from standin_eventstream import check_stream, event
from standin_restjson import RawReply

SERVICES = ("sagemaker", "sagemaker-runtime")
ACCOUNT = "123456789012"
REGION = "us-east-1"
_lock = threading.Lock()


def _now():
    """Whole seconds: botocore reads timestamps back as datetimes, which keep only microseconds."""
    return int(time.time())


def init_state(state):
    state.ext["sagemaker_endpoints"] = {"models": {}, "configs": {}, "endpoints": {}, "describes_to_ready": 2,
                                        "failures": {}, "throttle": {}, "reply": None}


def _arn(kind, name):
    return f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:{kind}/{name.lower()}"


def _not_found(kind, name):
    return Reply(400, "ValidationException", f'Could not find {kind} "{_arn(kind.replace(" ", "-"), name)}".')


def _in_use(kind, name):
    return Reply(400, "ValidationException", f'Cannot create already existing {kind} "{_arn(kind, name)}".')


def serve(handler, service, operation, params):
    st = handler.state.ext["sagemaker_endpoints"]
    with _lock:
        left = st["throttle"].get(operation, 0)
        if left:
            st["throttle"][operation] = left - 1
            raise Reply(400, "ThrottlingException", "Rate exceeded")
    fn = globals().get(f"_{operation}")
    if fn is None:
        return None
    with _lock:
        return fn(handler, st, params)


# --- control plane -----------------------------------------------------------------------

def _CreateModel(handler, st, p):
    name = p["ModelName"]
    if name in st["models"]:
        raise _in_use("model", name)
    container = p.get("PrimaryContainer")
    if not container or "Image" not in container:
        raise Reply(400, "ValidationException", "PrimaryContainer with an Image is required")
    st["models"][name] = {"ModelName": name, "ModelArn": _arn("model", name), "PrimaryContainer": container,
                          "ExecutionRoleArn": p.get("ExecutionRoleArn", ""),
                          "EnableNetworkIsolation": bool(p.get("EnableNetworkIsolation", False)),
                          "CreationTime": _now(), "Tags": p.get("Tags", [])}
    return {"ModelArn": st["models"][name]["ModelArn"]}


def _DescribeModel(handler, st, p):
    m = st["models"].get(p["ModelName"])
    if m is None:
        raise _not_found("model", p["ModelName"])
    return {k: v for k, v in m.items() if k != "Tags"}


def _DeleteModel(handler, st, p):
    if st["models"].pop(p["ModelName"], None) is None:
        raise _not_found("model", p["ModelName"])
    return {}


def _CreateEndpointConfig(handler, st, p):
    name = p["EndpointConfigName"]
    if name in st["configs"]:
        raise _in_use("endpoint-config", name)
    for v in p["ProductionVariants"]:
        if v.get("ModelName") not in st["models"]:
            raise _not_found("model", v.get("ModelName", ""))
        instance = v.get("InstanceType")
        if instance not in MODELS["sagemaker"].shape_for("ProductionVariantInstanceType").enum:
            raise Reply(400, "ValidationException", f"Value '{instance}' at 'productionVariants.1.member.instanceType' "
                                                    f"failed to satisfy constraint: Member must satisfy enum value set")
    config = {"EndpointConfigName": name, "EndpointConfigArn": _arn("endpoint-config", name),
              "ProductionVariants": p["ProductionVariants"], "CreationTime": _now(), "Tags": p.get("Tags", [])}
    if "KmsKeyId" in p:
        config["KmsKeyId"] = p["KmsKeyId"]
    st["configs"][name] = config
    return {"EndpointConfigArn": config["EndpointConfigArn"]}


def _DescribeEndpointConfig(handler, st, p):
    c = st["configs"].get(p["EndpointConfigName"])
    if c is None:
        raise _not_found("endpoint configuration", p["EndpointConfigName"])
    return {k: v for k, v in c.items() if k != "Tags"}


def _DeleteEndpointConfig(handler, st, p):
    if st["configs"].pop(p["EndpointConfigName"], None) is None:
        raise _not_found("endpoint configuration", p["EndpointConfigName"])
    return {}


def _CreateEndpoint(handler, st, p):
    name = p["EndpointName"]
    if name in st["endpoints"]:
        raise _in_use("endpoint", name)
    if p["EndpointConfigName"] not in st["configs"]:
        raise _not_found("endpoint configuration", p["EndpointConfigName"])
    now = _now()
    st["endpoints"][name] = {"EndpointName": name, "EndpointArn": _arn("endpoint", name),
                             "EndpointConfigName": p["EndpointConfigName"], "EndpointStatus": "Creating",
                             "CreationTime": now, "LastModifiedTime": now, "pending_config": None,
                             "describes": 0, "Tags": p.get("Tags", [])}
    return {"EndpointArn": st["endpoints"][name]["EndpointArn"]}


def _UpdateEndpoint(handler, st, p):
    e = st["endpoints"].get(p["EndpointName"])
    if e is None:
        raise _not_found("endpoint", p["EndpointName"])
    if e["EndpointStatus"] != "InService":
        raise Reply(400, "ValidationException", f"Cannot update in-progress endpoint \"{e['EndpointArn']}\".")
    if p["EndpointConfigName"] not in st["configs"]:
        raise _not_found("endpoint configuration", p["EndpointConfigName"])
    e.update(EndpointStatus="Updating", pending_config=p["EndpointConfigName"], describes=0,
             LastModifiedTime=_now())
    return {"EndpointArn": e["EndpointArn"]}


def _advance(st, e):
    failure = st["failures"].pop(e["EndpointName"], None)
    if failure is not None:
        e.update(EndpointStatus="Failed", FailureReason=failure)
        return
    e["describes"] += 1
    if e["describes"] < st["describes_to_ready"]:
        return
    if e["EndpointStatus"] in ("Creating", "Updating"):
        if e["pending_config"]:
            e["EndpointConfigName"], e["pending_config"] = e["pending_config"], None
        e["EndpointStatus"] = "InService"
        e["LastModifiedTime"] = _now()
    elif e["EndpointStatus"] == "Deleting":
        del st["endpoints"][e["EndpointName"]]


def _DescribeEndpoint(handler, st, p):
    e = st["endpoints"].get(p["EndpointName"])
    if e is None:
        raise _not_found("endpoint", p["EndpointName"])
    _advance(st, e)
    if e["EndpointName"] not in st["endpoints"]:
        raise _not_found("endpoint", p["EndpointName"])
    out = {k: e[k] for k in ("EndpointName", "EndpointArn", "EndpointConfigName", "EndpointStatus", "CreationTime",
                             "LastModifiedTime")}
    if "FailureReason" in e:
        out["FailureReason"] = e["FailureReason"]
    config = st["configs"].get(e["EndpointConfigName"])
    if config and e["EndpointStatus"] == "InService":
        out["ProductionVariants"] = [{"VariantName": v["VariantName"], "CurrentInstanceCount": v["InitialInstanceCount"],
                                      "DesiredInstanceCount": v["InitialInstanceCount"]}
                                     for v in config["ProductionVariants"]]
    return out


def _DeleteEndpoint(handler, st, p):
    e = st["endpoints"].get(p["EndpointName"])
    if e is None:
        raise _not_found("endpoint", p["EndpointName"])
    e.update(EndpointStatus="Deleting", describes=0)
    return {}


def _page(handler, p, items, member, name_key):
    items = [i for i in items if p.get("NameContains", "") in i[name_key]]
    start = int(p.get("NextToken") or 0)
    size = int(p.get("MaxResults") or handler.state.page_size)
    out = {member: items[start:start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


def _ListEndpoints(handler, st, p):
    items = [{k: e[k] for k in ("EndpointName", "EndpointArn", "CreationTime", "LastModifiedTime", "EndpointStatus")}
             for e in st["endpoints"].values()]
    return _page(handler, p, items, "Endpoints", "EndpointName")


def _ListModels(handler, st, p):
    items = [{k: m[k] for k in ("ModelName", "ModelArn", "CreationTime")} for m in st["models"].values()]
    return _page(handler, p, items, "Models", "ModelName")


def _ListEndpointConfigs(handler, st, p):
    items = [{k: c[k] for k in ("EndpointConfigName", "EndpointConfigArn", "CreationTime")}
             for c in st["configs"].values()]
    return _page(handler, p, items, "EndpointConfigs", "EndpointConfigName")


def _ListTags(handler, st, p):
    arn = p["ResourceArn"]
    for table in ("models", "configs", "endpoints"):
        for item in st[table].values():
            if arn in (item.get("ModelArn"), item.get("EndpointConfigArn"), item.get("EndpointArn")):
                return {"Tags": item.get("Tags", [])}
    raise Reply(400, "ValidationException", f"Resource {arn} does not exist.")


# --- runtime -----------------------------------------------------------------------------

def _serving(st, name):
    e = st["endpoints"].get(name)
    if e is None:
        raise Reply(400, "ValidationError", f"Endpoint {name} of account {ACCOUNT} not found.")
    if e["EndpointStatus"] not in ("InService", "Updating"):
        raise Reply(400, "ValidationError", f"Endpoint {name} is not in service (status {e['EndpointStatus']}).")
    return e


def _chat_request(p):
    body = p.get("Body") or b""
    try:
        doc = json.loads(body)
    except ValueError as e:
        raise Reply(400, "ValidationError", f"Request body is not JSON: {e}") from None
    messages = doc.get("messages") if isinstance(doc, dict) else None
    if not isinstance(messages, list) or not messages:
        raise Reply(400, "ValidationError", "Request body needs a non-empty 'messages' list")
    for m in messages:
        if m.get("role") not in ("system", "user", "assistant") or not isinstance(m.get("content"), (str, list)):
            raise Mismatch(f"chat message is not OpenAI-style {{role, content}}: {m!r}")
    return doc


def _answer(st, doc):
    scripted = st["reply"] or {}
    last_user = next((m["content"] for m in reversed(doc["messages"]) if m["role"] == "user"), "")
    if isinstance(last_user, list):
        last_user = " ".join(part.get("text", "") for part in last_user if isinstance(part, dict))
    content = scripted.get("content", f"echo: {last_user}")
    prompt_tokens = sum(len(str(m["content"]).split()) for m in doc["messages"])
    completion_tokens = len(content.split())
    return content, scripted.get("finish_reason", "stop"), prompt_tokens, completion_tokens


def _InvokeEndpoint(handler, st, p):
    _serving(st, p["EndpointName"])
    doc = _chat_request(p)
    content, finish, prompt_tokens, completion_tokens = _answer(st, doc)
    answer = {"id": "chatcmpl-standin", "object": "chat.completion", "created": _now(), "model": "nova",
              "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                           "finish_reason": finish}],
              "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                        "total_tokens": prompt_tokens + completion_tokens}}
    return {"Body": json.dumps(answer).encode(), "ContentType": "application/json",
            "InvokedProductionVariant": "primary"}


def _InvokeEndpointWithResponseStream(handler, st, p):
    _serving(st, p["EndpointName"])
    doc = _chat_request(p)
    content, finish, prompt_tokens, completion_tokens = _answer(st, doc)
    words = content.split(" ")
    chunks = [{"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}]
    chunks += [{"choices": [{"index": 0, "delta": {"content": (" " if i else "") + w}, "finish_reason": None}]}
               for i, w in enumerate(words)]
    chunks.append({"choices": [{"index": 0, "delta": {}, "finish_reason": finish}],
                   "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                             "total_tokens": prompt_tokens + completion_tokens}})
    sse = b"".join(b"data: " + json.dumps(dict(c, object="chat.completion.chunk")).encode() + b"\n\n"
                   for c in chunks) + b"data: [DONE]\n\n"
    # PayloadPart boundaries are arbitrary on the wire: cut the SSE text every 7 bytes.
    raw = b"".join(event("PayloadPart", sse[i:i + 7], "application/octet-stream") for i in range(0, len(sse), 7))
    check_stream(MODELS["sagemaker-runtime"].operation_model("InvokeEndpointWithResponseStream"), raw)
    return RawReply(200, {"Content-Type": "application/vnd.amazon.eventstream",
                          "X-Amzn-SageMaker-Content-Type": "text/event-stream",
                          "x-Amzn-Invoked-Production-Variant": "primary"}, raw)


# --- control -----------------------------------------------------------------------------

def control(handler, method, path, data):
    if not path.startswith("sagemaker-endpoints/"):
        return None
    st = handler.state.ext["sagemaker_endpoints"]
    rest = path[len("sagemaker-endpoints/"):]
    with _lock:
        if method == "PUT" and rest == "settings":
            st["describes_to_ready"] = int(data.get("describes_to_ready", st["describes_to_ready"]))
        elif method == "PUT" and rest.startswith("fail/"):
            st["failures"][rest[len("fail/"):]] = data.get("reason", "scripted failure")
        elif method == "PUT" and rest == "throttle":
            st["throttle"][data["operation"]] = int(data.get("count", 1))
        elif method == "PUT" and rest == "reply":
            st["reply"] = data
        elif method == "GET" and rest == "state":
            return json.loads(json.dumps({k: st[k] for k in ("models", "configs", "endpoints")}, default=str))
        else:
            return None
    return {}


