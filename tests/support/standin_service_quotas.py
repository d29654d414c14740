"""Service Quotas in the AWS stand-in (a service module of aws_standin.py; moto 5.2.1 has no
ListServiceQuotas): the applied quotas of a service, served in small pages so that a client
that does not follow NextToken misses quotas and fails its test.

Control API (under /_standin/):
  PUT service-quotas/<service code>  [{"QuotaName": "ml.p5.48xlarge for training job usage",
                                       "Value": 2, "QuotaCode": "L-...", "Adjustable": true}, ...]
  PUT service-quotas-page-size       <n> quotas per page (default 2)
"""
import urllib.parse

from standin_common import Reply, page

SERVICES = ("service-quotas",)
ACCOUNT = "123456789012"
REGION = "us-east-1"


def init_state(state):
    state.ext["service_quotas"] = {"quotas": {}, "page_size": 2}


def _quota(service_code, q, index):
    code = q.get("QuotaCode", f"L-{index:08X}")
    return {"ServiceCode": service_code, "ServiceName": "Amazon SageMaker" if service_code == "sagemaker" else service_code,
            "QuotaArn": f"arn:aws:servicequotas:{REGION}:{ACCOUNT}:{service_code}/{code}", "QuotaCode": code,
            "QuotaName": q["QuotaName"], "Value": float(q["Value"]), "Unit": "None",
            "Adjustable": bool(q.get("Adjustable", True)), "GlobalQuota": False}


def serve(handler, service, operation, params):
    if operation != "ListServiceQuotas":
        raise Reply(400, "InvalidParameterValueException", f"{operation} is not served by the stand-in")
    ext = handler.state.ext["service_quotas"]
    code = params["ServiceCode"]
    with handler.state.lock:
        if code not in ext["quotas"]:
            raise Reply(400, "NoSuchResourceException", f"The request failed because the specified service {code} "
                                                         "does not exist.")
        items = [_quota(code, q, i) for i, q in enumerate(ext["quotas"][code])]
        size = ext["page_size"]
    chunk, following = page(items, params, "NextToken", "MaxResults", size)
    result = {"Quotas": chunk}
    if following is not None:
        result["NextToken"] = str(following)
    return result


def control(handler, method, path, data):
    ext = handler.state.ext["service_quotas"]
    if method == "PUT" and path.startswith("service-quotas/"):
        with handler.state.lock:
            ext["quotas"][urllib.parse.unquote(path[len("service-quotas/"):])] = list(data)
        return {}
    if method == "PUT" and path == "service-quotas-page-size":
        with handler.state.lock:
            ext["page_size"] = int(data)
        return {}
    return None
