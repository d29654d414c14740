"""S3 GetObject through an access point, in the AWS stand-in (a module of aws_standin.py).

On AWS an access point answers on its own host, `<name>-<account>.s3-accesspoint.<region>.amazonaws.com`.
A loopback endpoint has no such host, so the SDK sends the access point's ARN path-style where
a bucket name would go (GET /<url-encoded ARN>/<key>). moto 5.2.1 resolves access points only
by that Host header, so the request is validated against botocore's GetObject input shape and
handed to moto with the access point's AWS host and the key as its path; moto answers (the
object, NoSuchKey, ...). An access point moto does not know answers NoSuchAccessPoint (moto
itself fails with a 500 there).

Control API (under /_standin/):
  PUT access-points/<name>   {"bucket": "<bucket>"}: CreateAccessPoint in moto for the
                             stand-in's account; the ARN is arn:aws:s3:us-east-1:<account>:accesspoint/<name>
"""
import re
import urllib.parse

from standin_common import MODELS, Reply, validate

SERVICES = ()
ACCOUNT = "123456789012"
ARN = re.compile(r"^arn:aws:s3:([a-z0-9-]+):(\d{12}):accesspoint/([a-zA-Z0-9.-]{1,63})$")
CONTROL_NS = "http://awss3control.amazonaws.com/doc/2018-08-20/"


def _s3control_headers(account):
    return {"Host": f"{account}.s3-control.us-east-1.amazonaws.com", "x-amz-account-id": account,
            "Authorization": f"AWS4-HMAC-SHA256 Credential=testing/20200101/us-east-1/s3/aws4_request, "
                             "SignedHeaders=host, Signature=0"}


def intercept(handler, body):
    """Serves GET/HEAD /<access-point ARN>/<key>; False for any other request."""
    if handler.command not in ("GET", "HEAD") or handler.signing_service() != "s3":
        return False
    raw_path, _, query = handler.path.partition("?")
    first, _, key = raw_path.lstrip("/").partition("/")
    match = ARN.match(urllib.parse.unquote(first))
    if not match:
        return False
    region, account, name = match.groups()
    key = urllib.parse.unquote(key)
    params = {"Bucket": match.group(0), "Key": key}
    handler.state.record_call("s3", "GetObject", params)
    validate(params, MODELS["s3"].operation_model("GetObject").input_shape, "GetObject through an access point")
    status, _, _ = handler.forward_raw("GET", f"/v20180820/accesspoint/{urllib.parse.quote(name)}",
                                       _s3control_headers(account), b"")
    if status != 200:
        error = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchAccessPoint</Code>"
                 f"<Message>The specified accesspoint does not exist</Message><AccessPointName>{name}"
                 f"</AccessPointName></Error>").encode()
        handler.send(404, error, "application/xml")
        return True
    headers = {k: v for k, v in handler.headers.items() if k.lower() not in ("transfer-encoding", "expect", "host")}
    headers["Host"] = f"{name}-{account}.s3-accesspoint.{region}.amazonaws.com"
    path = "/" + urllib.parse.quote(key, safe="/~") + ("?" + query if query else "")
    status, resp_headers, resp_body = handler.forward_raw(handler.command, path, headers, body)
    handler.send_response(status)
    for k, v in resp_headers:
        if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
            handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(resp_body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(resp_body)
    return True


def control(handler, method, path, data):
    if method != "PUT" or not path.startswith("access-points/"):
        return None
    name = urllib.parse.unquote(path[len("access-points/"):])
    params = {"AccountId": ACCOUNT, "Name": name, "Bucket": data["bucket"]}
    validate(params, MODELS["s3control"].operation_model("CreateAccessPoint").input_shape, "CreateAccessPoint")
    body = (f"<CreateAccessPointRequest xmlns=\"{CONTROL_NS}\"><Bucket>{data['bucket']}</Bucket>"
            "</CreateAccessPointRequest>").encode()
    status, _, answer = handler.forward_raw("PUT", f"/v20180820/accesspoint/{urllib.parse.quote(name)}",
                                            _s3control_headers(ACCOUNT), body)
    if status != 200:
        raise Reply(status, "CreateAccessPointFailed", answer.decode(errors="replace"))
    return {"AccessPointArn": f"arn:aws:s3:us-east-1:{ACCOUNT}:accesspoint/{name}"}
