"""Bedrock Runtime Converse and ConverseStream in the loopback stand-in (moto has neither).
The model answers "echo: <last user text>" (cut to inferenceConfig.maxTokens words, then
stopReason max_tokens) unless a reply is scripted; the stream is the same answer, one word per
contentBlockDelta, framed as an AWS event stream checked with botocore.

Control paths (under /_standin/):
  PUT bedrock-runtime/reply    {"text": "...", "stopReason": "end_turn"}: the model's answer
  PUT bedrock-runtime/throttle {"count": n}: the next n calls answer ThrottlingException (429)
  PUT bedrock-runtime/stream-error {"message": "..."}: the next stream ends with a
      modelStreamErrorException event after its first delta
  PUT bedrock-runtime/corrupt-stream {}: the next stream (checked first) has one payload byte
      flipped in its last frame, so that frame's message CRC no longer holds
"""
import json
import threading

from standin_common import MODELS, Reply
from standin_eventstream import check_stream, event, exception_event
from standin_restjson import RawReply

SERVICES = ("bedrock-runtime",)
_lock = threading.Lock()


def init_state(state):
    state.ext["bedrock_runtime"] = {"reply": None, "throttle": 0, "stream_error": None, "corrupt": False}


def _answer(st, params):
    texts = [block.get("text", "") for m in params["messages"] if m["role"] == "user" for block in m["content"]]
    scripted = st["reply"] or {}
    words = scripted.get("text", f"echo: {texts[-1] if texts else ''}").split(" ")
    stop = scripted.get("stopReason", "end_turn")
    limit = params.get("inferenceConfig", {}).get("maxTokens")
    if limit is not None and len(words) > limit:
        words, stop = words[:limit], "max_tokens"
    prompt = sum(len(t.split()) for t in texts) + sum(len(s.get("text", "").split()) for s in params.get("system", []))
    usage = {"inputTokens": prompt, "outputTokens": len(words), "totalTokens": prompt + len(words)}
    return words, stop, usage


def _check_model(handler, model_id):
    """Deployments and provisioned models answer only once the Bedrock module has them ready."""
    bedrock = handler.state.ext.get("bedrock")
    for marker, table, ready in ((":custom-model-deployment/", "deployments", "Active"),
                                 (":provisioned-model/", "pts", "InService")):
        if marker not in model_id or bedrock is None:
            continue
        item = bedrock[table].get(model_id)
        if item is None:
            raise Reply(404, "ResourceNotFoundException", f"The model {model_id} does not exist.")
        if item["status"] != ready:
            raise Reply(429, "ModelNotReadyException", f"Model {model_id} is {item['status']}, not {ready}.")


def serve(handler, service, operation, params):
    st = handler.state.ext["bedrock_runtime"]
    if operation not in ("Converse", "ConverseStream"):
        return None
    _check_model(handler, params["modelId"])
    with _lock:
        if st["throttle"]:
            st["throttle"] -= 1
            raise Reply(429, "ThrottlingException", "Too many requests, please wait before trying again.")
        words, stop, usage = _answer(st, params)
        stream_error, st["stream_error"] = st["stream_error"], None
        corrupt, st["corrupt"] = st["corrupt"], False
    if operation == "Converse":
        return {"output": {"message": {"role": "assistant", "content": [{"text": " ".join(words)}]}},
                "stopReason": stop, "usage": usage, "metrics": {"latencyMs": 1}}
    frames = [event("messageStart", json.dumps({"role": "assistant"}).encode())]
    for i, w in enumerate(words):
        frames.append(event("contentBlockDelta", json.dumps(
            {"delta": {"text": (" " if i else "") + w}, "contentBlockIndex": 0}).encode()))
        if stream_error:
            frames.append(exception_event("modelStreamErrorException", json.dumps(
                {"message": stream_error, "originalStatusCode": 500}).encode()))
            break
    else:
        frames.append(event("contentBlockStop", json.dumps({"contentBlockIndex": 0}).encode()))
        frames.append(event("messageStop", json.dumps({"stopReason": stop}).encode()))
        frames.append(event("metadata", json.dumps({"usage": usage, "metrics": {"latencyMs": 1}}).encode()))
    raw = b"".join(frames)
    check_stream(MODELS["bedrock-runtime"].operation_model("ConverseStream"), raw)
    if corrupt:
        raw = raw[:-6] + bytes([raw[-6] ^ 0x01]) + raw[-5:]
    return RawReply(200, {"Content-Type": "application/vnd.amazon.eventstream"}, raw)


def control(handler, method, path, data):
    if not path.startswith("bedrock-runtime/") or method != "PUT":
        return None
    st = handler.state.ext["bedrock_runtime"]
    rest = path[len("bedrock-runtime/"):]
    with _lock:
        if rest == "reply":
            st["reply"] = data
        elif rest == "throttle":
            st["throttle"] = int(data.get("count", 1))
        elif rest == "corrupt-stream":
            st["corrupt"] = True
        elif rest == "stream-error":
            st["stream_error"] = data.get("message", "model stream error")
        else:
            return None
    return {}
