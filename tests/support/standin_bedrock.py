"""The Bedrock control plane in the loopback stand-in (moto has no CreateCustomModel, custom-model
deployments or provisioned throughput): imported custom models, on-demand custom-model
deployments, provisioned throughput and their tags (rest-json, requests and answers checked
against botocore's model by standin_restjson).

Resources move through their real statuses: a model Creating -> Active, a deployment
Creating -> Active, a PT Creating -> InService and Updating -> InService (then serving the
desired model), each after `describes_to_ready` Get calls; a deleted deployment or PT is gone
at its next Get. A failure scripted for a name turns its next Get into Failed with the given
failureMessage. A clientRequestToken seen before returns the resource it created. Lists
answer `page_size` items per page so callers must follow nextToken.

Control paths (under /_standin/):
  PUT bedrock/settings        {"describes_to_ready": n, "page_size": n}
  PUT bedrock/fail/<name>     {"message": "..."}: that model/deployment/PT fails at its next Get
  PUT bedrock/throttle        {"count": k, "operation": "GetCustomModel"?}: the next k calls
                              (of that operation, or any) answer ThrottlingException
  PUT bedrock/commitment/<name> {"duration": "OneMonth"}: the PT is under a commitment term
  GET bedrock/state           models, deployments, PTs, tags and the throttles left as stored
"""
import datetime
import hashlib
import threading
import uuid

from standin_common import Reply

SERVICES = ("bedrock",)
ACCOUNT = "123456789012"
REGION = "us-east-1"
_lock = threading.Lock()


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def init_state(state):
    state.ext["bedrock"] = {"models": {}, "deployments": {}, "pts": {}, "tags": {}, "tokens": {},
                            "describes_to_ready": 2, "page_size": 2, "failures": {},
                            "throttle": {"count": 0, "operation": None}}


def _id(seed):
    return hashlib.sha256(seed.encode()).hexdigest()[:12]


def _arn(kind, seed):
    return f"arn:aws:bedrock:{REGION}:{ACCOUNT}:{kind}/{_id(seed)}"


def _not_found(what, identifier):
    return Reply(404, "ResourceNotFoundException", f"The {what} {identifier} could not be found.")


def _find(table, identifier, name_key, what):
    item = table.get(identifier) or next((v for v in table.values() if v[name_key] == identifier), None)
    if item is None:
        raise _not_found(what, identifier)
    return item


def _unique(st, table, name):
    if any(i["name"] == name for i in st[table].values()):
        raise Reply(400, "ConflictException", f"A resource named {name} already exists.")


def _model(st, arn):
    model = st["models"].get(arn)
    if model is None:
        raise _not_found("model", arn)
    return model


def _throttled(st, operation):
    t = st["throttle"]
    if t["count"] > 0 and t["operation"] in (None, operation):
        t["count"] -= 1
        return True
    return False


def serve(handler, service, operation, params):
    st = handler.state.ext["bedrock"]
    fn = globals().get(f"_{operation}")
    if fn is None:
        return None
    with _lock:
        if _throttled(st, operation):
            raise Reply(429, "ThrottlingException", "Too many requests, please wait before trying again.")
        return fn(st, params)


def _remember_token(st, operation, params, make):
    token = params.get("clientRequestToken")
    if token and (operation, token) in st["tokens"]:
        return st["tokens"][(operation, token)]
    arn = make()
    if token:
        st["tokens"][(operation, token)] = arn
    return arn


def _advance(st, item, name_key, ready, table):
    """One Get of `item`: scripted failure, deletion, or the next step towards `ready`."""
    failure = st["failures"].pop(item[name_key], None)
    if failure is not None:
        item.update(status="Failed", failureMessage=failure)
        return
    if item["status"] == "Deleting":
        del table[item["arn"]]
        raise _not_found("resource", item["arn"])
    item["describes"] += 1
    if item["describes"] >= st["describes_to_ready"] and item["status"] in ("Creating", "Updating"):
        if item.get("desiredModelArn"):
            item["modelArn"] = item["desiredModelArn"]
        item["status"] = ready


def _tags(params, key):
    return [{"key": t["key"], "value": t["value"]} for t in params.get(key, [])]


# --- custom models ------------------------------------------------------------------------

def _CreateCustomModel(st, p):
    def make():
        name = p["modelName"]
        if any(m["modelName"] == name for m in st["models"].values()):
            raise Reply(400, "ConflictException", f"A model with name {name} already exists.")
        s3_uri = p["modelSourceConfig"]["s3DataSource"]["s3Uri"]
        if not s3_uri.startswith("s3://"):
            raise Reply(400, "ValidationException", f"s3Uri {s3_uri} is not an S3 URI")
        if not p.get("roleArn"):
            raise Reply(400, "ValidationException", "roleArn is required to read the model artifacts")
        arn = f"arn:aws:bedrock:{REGION}:{ACCOUNT}:custom-model/imported/{_id(name)}"
        st["models"][arn] = {"arn": arn, "modelName": name, "status": "Creating", "describes": 0,
                             "creationTime": _now(), "s3Uri": s3_uri, "roleArn": p["roleArn"],
                             "modelKmsKeyArn": p.get("modelKmsKeyArn")}
        st["tags"][arn] = _tags(p, "modelTags")
        return arn
    return {"modelArn": _remember_token(st, "CreateCustomModel", p, make)}


def _model_out(m, summary):
    out = {"modelArn": m["arn"], "modelName": m["modelName"], "creationTime": m["creationTime"],
           "modelStatus": m["status"], "customizationType": "IMPORTED"}
    if summary:
        out.update(baseModelArn="arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0",
                   baseModelName="Nova Micro")
    else:
        if m.get("modelKmsKeyArn"):
            out["modelKmsKeyArn"] = m["modelKmsKeyArn"]
        if m.get("failureMessage"):
            out["failureMessage"] = m["failureMessage"]
    return out


def _GetCustomModel(st, p):
    m = _find(st["models"], p["modelIdentifier"], "modelName", "model")
    _advance(st, m, "modelName", "Active", st["models"])
    return _model_out(m, summary=False)


def _listing(st, items, p, key, render):
    """One page of `items` whose `key` holds nameContains; never more than page_size items,
    whatever maxResults asks, so callers must follow nextToken."""
    chosen = [i for i in items if p.get("nameContains", "") in i[key]]
    start = int(p.get("nextToken") or 0)
    size = min(int(p.get("maxResults") or st["page_size"]), st["page_size"])
    chunk = chosen[start:start + size]
    following = str(start + size) if start + size < len(chosen) else None
    out = {"items": [render(i) for i in chunk]}
    if following:
        out["nextToken"] = following
    return out


def _list_reply(st, table, p, key, render, member):
    out = _listing(st, list(st[table].values()), p, key, render)
    out[member] = out.pop("items")
    return out


def _ListCustomModels(st, p):
    return _list_reply(st, "models", p, "modelName", lambda m: _model_out(m, summary=True), "modelSummaries")


def _DeleteCustomModel(st, p):
    m = _find(st["models"], p["modelIdentifier"], "modelName", "model")
    del st["models"][m["arn"]]
    st["tags"].pop(m["arn"], None)
    return {}


# --- on-demand deployments ------------------------------------------------------------------

def _CreateCustomModelDeployment(st, p):
    def make():
        name = p["modelDeploymentName"]
        _unique(st, "deployments", name)
        model = _model(st, p["modelArn"])
        if model["status"] != "Active":
            raise Reply(400, "ValidationException", f"Model {p['modelArn']} is not Active (status {model['status']}).")
        # Bedrock gives every deployment a new id: one made again under a deleted one's name
        # gets a new ARN.
        arn = _arn("custom-model-deployment", f"{name}#{uuid.uuid4()}")
        st["deployments"][arn] = {"arn": arn, "name": name, "modelArn": p["modelArn"], "status": "Creating",
                                  "describes": 0, "createdAt": _now(), "description": p.get("description")}
        st["tags"][arn] = _tags(p, "tags")
        return arn
    return {"customModelDeploymentArn": _remember_token(st, "CreateCustomModelDeployment", p, make)}


def _deployment_out(d, summary):
    out = {"customModelDeploymentArn": d["arn"], "modelArn": d["modelArn"], "createdAt": d["createdAt"],
           "status": d["status"] if d["status"] != "Deleting" else "Active"}
    out["customModelDeploymentName" if summary else "modelDeploymentName"] = d["name"]
    if d.get("failureMessage"):
        out["failureMessage"] = d["failureMessage"]
    return out


def _GetCustomModelDeployment(st, p):
    d = _find(st["deployments"], p["customModelDeploymentIdentifier"], "name", "custom model deployment")
    _advance(st, d, "name", "Active", st["deployments"])
    return _deployment_out(d, summary=False)


def _ListCustomModelDeployments(st, p):
    return _list_reply(st, "deployments", p, "name", lambda d: _deployment_out(d, summary=True),
                       "modelDeploymentSummaries")


def _DeleteCustomModelDeployment(st, p):
    d = _find(st["deployments"], p["customModelDeploymentIdentifier"], "name", "custom model deployment")
    d["status"] = "Deleting"
    return {}


# --- provisioned throughput -----------------------------------------------------------------

def _CreateProvisionedModelThroughput(st, p):
    def make():
        name = p["provisionedModelName"]
        _unique(st, "pts", name)
        if p["modelUnits"] < 1:
            raise Reply(400, "ValidationException", "modelUnits must be at least 1")
        _model(st, p["modelId"])
        arn = _arn("provisioned-model", name)
        now = _now()
        st["pts"][arn] = {"arn": arn, "name": name, "modelArn": p["modelId"], "desiredModelArn": p["modelId"],
                          "modelUnits": p["modelUnits"], "status": "Creating", "describes": 0,
                          "creationTime": now, "lastModifiedTime": now, "commitmentDuration": p.get("commitmentDuration")}
        st["tags"][arn] = _tags(p, "tags")
        return arn
    return {"provisionedModelArn": _remember_token(st, "CreateProvisionedModelThroughput", p, make)}


def _pt_out(t):
    out = {"provisionedModelName": t["name"], "provisionedModelArn": t["arn"], "modelArn": t["modelArn"],
           "desiredModelArn": t["desiredModelArn"],
           "foundationModelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0",
           "modelUnits": t["modelUnits"], "desiredModelUnits": t["modelUnits"],
           "status": t["status"] if t["status"] != "Deleting" else "InService",
           "creationTime": t["creationTime"], "lastModifiedTime": t["lastModifiedTime"]}
    if t.get("commitmentDuration"):
        out["commitmentDuration"] = t["commitmentDuration"]
        out["commitmentExpirationTime"] = t["creationTime"] + datetime.timedelta(days=30)
    return out


def _GetProvisionedModelThroughput(st, p):
    t = _find(st["pts"], p["provisionedModelId"], "name", "provisioned model")
    _advance(st, t, "name", "InService", st["pts"])
    out = _pt_out(t)
    if t.get("failureMessage"):
        out["failureMessage"] = t["failureMessage"]
    return out


def _ListProvisionedModelThroughputs(st, p):
    return _list_reply(st, "pts", p, "name", _pt_out, "provisionedModelSummaries")


def _UpdateProvisionedModelThroughput(st, p):
    t = _find(st["pts"], p["provisionedModelId"], "name", "provisioned model")
    if t["status"] not in ("InService",):
        raise Reply(400, "ValidationException", f"Provisioned model {t['arn']} is {t['status']} and cannot be updated.")
    if "desiredModelId" in p:
        if p["desiredModelId"] not in st["models"]:
            raise _not_found("model", p["desiredModelId"])
        t.update(desiredModelArn=p["desiredModelId"], status="Updating", describes=0, lastModifiedTime=_now())
    return {}


def _DeleteProvisionedModelThroughput(st, p):
    t = _find(st["pts"], p["provisionedModelId"], "name", "provisioned model")
    if t.get("commitmentDuration"):
        raise Reply(400, "ValidationException",
                    f"Provisioned model {t['arn']} cannot be deleted before the end of its commitment term.")
    t["status"] = "Deleting"
    return {}


# --- tags -------------------------------------------------------------------------------------

def _resource(st, arn):
    for table in ("models", "deployments", "pts"):
        if arn in st[table]:
            return st[table][arn]
    raise _not_found("resource", arn)


def _TagResource(st, p):
    _resource(st, p["resourceARN"])
    tags = {t["key"]: t["value"] for t in st["tags"].get(p["resourceARN"], [])}
    tags.update({t["key"]: t["value"] for t in p["tags"]})
    st["tags"][p["resourceARN"]] = [{"key": k, "value": v} for k, v in tags.items()]
    return {}


def _ListTagsForResource(st, p):
    _resource(st, p["resourceARN"])
    return {"tags": st["tags"].get(p["resourceARN"], [])}


# --- control --------------------------------------------------------------------------------

def control(handler, method, path, data):
    if not path.startswith("bedrock/"):
        return None
    st = handler.state.ext["bedrock"]
    what = path[len("bedrock/"):]
    with _lock:
        if method == "PUT" and what == "settings":
            for key in ("describes_to_ready", "page_size"):
                if key in data:
                    st[key] = int(data[key])
            return {}
        if method == "PUT" and what.startswith("fail/"):
            st["failures"][what[len("fail/"):]] = data.get("message", "scripted failure")
            return {}
        if method == "PUT" and what == "throttle":
            st["throttle"] = {"count": int(data["count"]), "operation": data.get("operation")}
            return {}
        if method == "PUT" and what.startswith("commitment/"):
            name = what[len("commitment/"):]
            for t in st["pts"].values():
                if t["name"] == name:
                    t["commitmentDuration"] = data.get("duration", "OneMonth")
                    return {}
            return {"error": f"no provisioned model {name}"}
        if method == "GET" and what == "state":
            def plain(table):
                return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in i.items()}
                        for i in st[table].values()]
            return {"models": plain("models"), "deployments": plain("deployments"), "pts": plain("pts"),
                    "tags": st["tags"], "throttle": st["throttle"]}
    return None
