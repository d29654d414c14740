"""What every part of the loopback stand-in shares: botocore's models, request validation,
response checking, AWS error replies and paging."""
import datetime

import botocore.parsers
import botocore.session
import botocore.validate


class Mismatch(Exception):
    """A request or response that does not fit botocore's model."""


# --- botocore checks ---------------------------------------------------------------------

_session = botocore.session.get_session()
_models = {}


def service_model(name):
    """botocore's model of `name` (its endpoint prefix / signing name, e.g. "bedrock")."""
    if name not in _models:
        _models[name] = _session.get_service_model(name)
    return _models[name]


class _Models(dict):
    def __missing__(self, name):
        return service_model(name)


MODELS = _Models()


def validate(params, shape, what):
    try:
        botocore.validate.validate_parameters(params, shape)
    except botocore.exceptions.ParamValidationError as e:
        raise Mismatch(f"{what}: {e}") from None


def check_response(protocol, op_model, raw, expected):
    """Parses `raw` (what the stand-in is about to send) with botocore's parser and checks it
    reads back as `expected` and fits the output shape."""
    if op_model.output_shape is None:  # no output members: an empty document
        if expected:
            raise Mismatch(f"{op_model.name} has no output members, yet the answer holds {expected!r}")
        return
    parser = botocore.parsers.create_parser(protocol)
    parsed = parser.parse({"status_code": 200, "headers": {}, "body": raw}, op_model.output_shape)
    parsed.pop("ResponseMetadata", None)
    validate(parsed, op_model.output_shape, f"response of {op_model.name}")
    if normalise(parsed) != normalise(expected):
        raise Mismatch(f"response of {op_model.name} reads back as {parsed!r}, not {expected!r}")


def normalise(value):
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, bytes):  # blob payloads (InvokeEndpoint Body) recorded as text
        return value.decode("utf-8", "surrogateescape")
    return value


class Reply(Exception):
    """An AWS error answer (status, code, message) in the service's error format."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def page(items, params, token_key, size_key, default_size):
    start = int(params.get(token_key) or 0)
    size = int(params.get(size_key) or default_size)
    chunk = items[start:start + size]
    following = start + size if start + size < len(items) else None
    return chunk, following
