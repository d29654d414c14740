"""REST-JSON services in the loopback stand-in (Bedrock, Bedrock Runtime, EKS, SageMaker
Runtime): an operation is found from botocore's `requestUri` templates, its request decoded
from path, query, headers and body into botocore's params and validated against the input
shape, and the answer encoded for the output shape, then parsed back with botocore's own
rest-json parser before it is sent, so a wrong shape fails the test instead of passing it.

A service module (tests/support/standin_<service>.py) declares
  SERVICES = ("bedrock", ...)                 botocore service names it serves
  def serve(handler, service, operation, params) -> dict | RawReply | None
      dict: the output members (encoded here); RawReply: sent as is (event streams);
      None: not served here after all, forwarded to moto. Raise Reply for an AWS error.
  def control(handler, method, path, data) -> reply | None     (optional, /_standin/ paths)
  def init_state(state)                                        (optional, once at start)
A module may also list "sagemaker" in SERVICES: SageMaker's json-1.1 operations the stand-in
does not serve itself are offered to its serve() (validated the same way) before moto.
"""
import datetime
import json
import re
import urllib.parse

import botocore.parsers

from standin_common import MODELS, Mismatch, Reply, normalise, validate


class RawReply:
    """An answer sent byte for byte (for payloads botocore's parser cannot read back whole,
    such as event streams); the module is responsible for its framing."""

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body


class Route:
    def __init__(self, op_model):
        self.op_model = op_model
        uri = op_model.http["requestUri"]
        path, _, fixed_query = uri.partition("?")
        pattern = ""
        for piece in re.split(r"(\{[^}]+\})", path):
            if piece.startswith("{"):
                name = piece[1:-1]
                greedy = name.endswith("+")
                pattern += f"(?P<{name.rstrip('+').replace('-', '_')}>{'.+' if greedy else '[^/]+'})"
            else:
                pattern += re.escape(piece)
        self.regex = re.compile(f"^{pattern}/?$")
        self.fixed_query = dict(urllib.parse.parse_qsl(fixed_query, keep_blank_values=True))
        self.method = op_model.http["method"]

    def match(self, method, path, query):
        if method != self.method:
            return None
        m = self.regex.match(path)
        if not m:
            return None
        if any(query.get(k) != [v] and not (v == "" and k in query) for k, v in self.fixed_query.items()):
            return None
        return {k: urllib.parse.unquote(v) for k, v in m.groupdict().items()}


_routes = {}


def routes(service):
    if service not in _routes:
        model = MODELS[service]
        table = [Route(model.operation_model(name)) for name in model.operation_names]
        # Literal paths before templated ones, longer before shorter: "/a/b" must not be read as "/a/{x}".
        table.sort(key=lambda r: (r.regex.pattern.count("(?P"), -len(r.regex.pattern)))
        _routes[service] = table
    return _routes[service]


def find_operation(services, method, raw_path):
    """(service, operation model, uri params) of the first service whose model has an
    operation at `method raw_path`, or None."""
    parsed = urllib.parse.urlsplit(raw_path)
    query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
    for service in services:
        for route in routes(service):
            uri_params = route.match(method, parsed.path, query)
            if uri_params is not None:
                return service, route.op_model, uri_params, query
    return None


def _scalar(shape, text, where):
    kind = shape.type_name
    if kind in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            raise Mismatch(f"{where}: '{text}' is not an integer") from None
    if kind in ("float", "double"):
        return float(text)
    if kind == "boolean":
        if text not in ("true", "false"):
            raise Mismatch(f"{where}: '{text}' is not true or false")
        return text == "true"
    return text


def decode_request(op_model, uri_params, query, headers, body):
    """botocore's params for the request, validated against the input shape."""
    shape = op_model.input_shape
    params = {}
    if shape is None:
        return params
    payload_member = shape.serialization.get("payload")
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if location == "uri":
            key = wire.rstrip("+").replace("-", "_")
            if key in uri_params:
                params[name] = _scalar(member, uri_params[key], f"{op_model.name} path {wire}")
        elif location == "querystring":
            if wire in query:
                values = query[wire]
                params[name] = ([_scalar(member.member, v, wire) for v in values] if member.type_name == "list"
                                else _scalar(member, values[0], f"{op_model.name} query {wire}"))
        elif location == "header":
            if headers.get(wire) is not None:
                params[name] = _scalar(member, headers[wire], f"{op_model.name} header {wire}")
    if payload_member:
        member = shape.members[payload_member]
        if member.type_name in ("blob", "string"):
            params[payload_member] = body
        elif body:
            params[payload_member] = _json_body(op_model, body)
    elif body:
        document = _json_body(op_model, body)
        if not isinstance(document, dict):
            raise Mismatch(f"{op_model.name} body is not a JSON object")
        for key, value in document.items():
            member = next((n for n, m in shape.members.items()
                           if m.serialization.get("location") is None and m.serialization.get("name", n) == key), None)
            if member is None:
                raise Mismatch(f"{op_model.name} body has a field '{key}' its input shape does not have")
            params[member] = value
    validate(params, shape, f"request of {op_model.name}")
    return params


def _json_body(op_model, body):
    try:
        return json.loads(body)
    except ValueError as e:
        raise Mismatch(f"{op_model.name} body is not JSON: {e}") from None


def encode_response(op_model, result):
    """(status, headers, body) of the rest-json answer holding `result`, after checking that
    botocore parses it back as `result` and that it fits the output shape."""
    status = op_model.http.get("responseCode", 200)
    shape = op_model.output_shape
    headers, document, body = {}, {}, b""
    if shape is None:
        if result:
            raise Mismatch(f"{op_model.name} has no output members, yet the answer holds {result!r}")
    else:
        payload_member = shape.serialization.get("payload")
        for name, value in result.items():
            if name not in shape.members:
                raise Mismatch(f"response of {op_model.name}: no member {name}")
            member = shape.members[name]
            location = member.serialization.get("location")
            if location == "header":
                headers[member.serialization.get("name", name)] = str(value)
            elif location == "statusCode":
                status = int(value)
            elif name == payload_member:
                body = value if isinstance(value, bytes) else (
                    value.encode() if isinstance(value, str) else json.dumps(value, default=str).encode())
            else:
                document[member.serialization.get("name", name)] = value
        if not payload_member:
            body = json.dumps({k: _to_wire(shape.members[_member_named(shape, k)], v) for k, v in document.items()},
                              default=_json_default).encode()
        parser = botocore.parsers.create_parser("rest-json")
        parsed = parser.parse({"status_code": status, "headers": dict(headers), "body": body}, shape)
        parsed.pop("ResponseMetadata", None)
        validate(parsed, shape, f"response of {op_model.name}")
        if normalise(_readable(parsed)) != normalise(_readable(result)):
            raise Mismatch(f"response of {op_model.name} reads back as {parsed!r}, not {result!r}")
    headers.setdefault("Content-Type", "application/json")
    return status, headers, body


def _member_named(shape, wire_name):
    return next(n for n, m in shape.members.items() if m.serialization.get("name", n) == wire_name)


def _to_wire(shape, value):
    """Timestamps as the shape says AWS sends them (Bedrock: ISO 8601; rest-json's default:
    epoch seconds), so clients read what the real service writes."""
    if shape.type_name == "structure" and isinstance(value, dict):
        return {k: _to_wire(shape.members[_member_named(shape, k)], v) if any(
                    m.serialization.get("name", n) == k for n, m in shape.members.items()) else v
                for k, v in value.items()}
    if shape.type_name == "list" and isinstance(value, list):
        return [_to_wire(shape.member, v) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: _to_wire(shape.value, v) for k, v in value.items()}
    if shape.type_name == "timestamp" and hasattr(value, "timestamp"):
        if shape.serialization.get("timestampFormat") == "iso8601":
            utc = value.astimezone(datetime.timezone.utc)
            return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ" if utc.microsecond else "%Y-%m-%dT%H:%M:%SZ")
        return value.timestamp()
    return value


def _json_default(value):
    if hasattr(value, "timestamp"):
        return value.timestamp()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _readable(value):
    """Streams and bytes compared by content."""
    if isinstance(value, dict):
        return {k: _readable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_readable(v) for v in value]
    if hasattr(value, "read"):
        value = value.read()
    if isinstance(value, bytes):  # botocore reads a blob payload back as text
        return value.decode("utf-8", "surrogateescape")
    return value


def error_reply(reply):
    """(status, headers, body) of a rest-json AWS error."""
    return (reply.status, {"Content-Type": "application/json", "x-amzn-ErrorType": reply.code},
            json.dumps({"message": reply.message}).encode())
