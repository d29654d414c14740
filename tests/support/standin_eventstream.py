"""AWS event-stream frames for the stand-in's streaming answers (ConverseStream,
InvokeEndpointWithResponseStream). botocore only decodes event streams, so the encoder lives
here; every stream is decoded back with botocore.eventstream and each event parsed with
botocore's event-stream parser against the operation's event shape before it is sent."""
import binascii
import struct

import botocore.eventstream
import botocore.parsers

from standin_common import Mismatch, validate


def _header(name, value):
    raw = name.encode()
    if isinstance(value, bool):
        return struct.pack("B", len(raw)) + raw + struct.pack("B", 0 if value else 1)
    if isinstance(value, int):
        return struct.pack("B", len(raw)) + raw + struct.pack(">Bi", 4, value)
    data = value.encode()
    return struct.pack("B", len(raw)) + raw + struct.pack(">BH", 7, len(data)) + data


def encode_frame(headers, payload):
    """One frame: prelude (total, headers length, CRC32), headers, payload, CRC32 of all before."""
    head = b"".join(_header(k, v) for k, v in headers.items())
    prelude = struct.pack(">II", 16 + len(head) + len(payload), len(head))
    prelude += struct.pack(">I", binascii.crc32(prelude) & 0xFFFFFFFF)
    body = prelude + head + payload
    return body + struct.pack(">I", binascii.crc32(body) & 0xFFFFFFFF)


def event(event_type, payload, content_type="application/json"):
    return encode_frame({":message-type": "event", ":event-type": event_type, ":content-type": content_type}, payload)


def exception_event(code, payload):
    return encode_frame({":message-type": "exception", ":exception-type": code, ":content-type": "application/json"},
                        payload)


def check_stream(op_model, raw):
    """Decodes `raw` with botocore and parses each event against the operation's event-stream shape."""
    shape = op_model.output_shape.members[op_model.output_shape.serialization["payload"]]
    buffer = botocore.eventstream.EventStreamBuffer()
    buffer.add_data(raw)
    parser = botocore.parsers.EventStreamJSONParser()
    count = 0
    try:
        messages = list(buffer)
    except botocore.eventstream.ParserError as e:
        raise Mismatch(f"event stream of {op_model.name} does not decode with botocore: {e}") from None
    for message in messages:
        count += 1
        response = {"status_code": 200, "headers": message.headers, "body": message.payload}
        parsed = parser.parse(response, shape)
        if message.headers.get(":message-type") == "event":
            name = message.headers[":event-type"]
            if name not in shape.members:
                raise Mismatch(f"event stream of {op_model.name}: no event {name}")
            validate({name: parsed[name]}, shape, f"event {name} of {op_model.name}")
    if count == 0:
        raise Mismatch(f"event stream of {op_model.name} holds no message")
