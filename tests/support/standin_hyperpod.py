"""HyperPod in the AWS stand-in (a service module of aws_standin.py): SageMaker
DescribeCluster, ListClusters and ListClusterNodes with what moto drops (Orchestrator.Eks.ClusterArn,
RestrictedInstanceGroups, instance-group Status, a 12-character cluster id), and EKS
DescribeCluster whose endpoint and CA are those of the Kubernetes stand-in
(k8s_standin.py), so the client can connect to it over verified TLS. Clusters not
registered here are left to moto.

Control API (under /_standin/):
  PUT hyperpod-clusters/<name>  {"eks_cluster_name": "nova-eks", "endpoint": "https://127.0.0.1:P",
                                 "ca_pem": "-----BEGIN CERTIFICATE-----...", "status": "InService",
                                 "eks_status": "ACTIVE", "orchestrator": true,
                                 "instance_groups": [{"InstanceGroupName", "InstanceType", "CurrentCount", ...}],
                                 "restricted_instance_groups": [{..., "EnvironmentConfig": {"S3OutputPath": ...}}]}
  DELETE hyperpod-clusters/<name>
"""
import base64
import hashlib
import urllib.parse

from standin_common import Reply

SERVICES = ("sagemaker", "eks")
ACCOUNT = "123456789012"
REGION = "us-east-1"
CREATED = 1767225600.0


def init_state(state):
    state.ext["hyperpod"] = {}  # HyperPod cluster name -> registration


def _clusters(handler):
    return handler.state.ext["hyperpod"]


def _cluster_id(name):
    return hashlib.sha256(name.encode()).hexdigest()[:12]


def _find(handler, name_or_arn):
    with handler.state.lock:
        for name, entry in _clusters(handler).items():
            if name_or_arn in (name, entry["arn"]):
                return name, entry
    return None, None


def _group(g, restricted):
    out = {"InstanceGroupName": g["InstanceGroupName"], "InstanceType": g["InstanceType"],
           "CurrentCount": g.get("CurrentCount", 1), "TargetCount": g.get("TargetCount", g.get("CurrentCount", 1)),
           "Status": g.get("Status", "InService"),
           "ExecutionRole": g.get("ExecutionRole", f"arn:aws:iam::{ACCOUNT}:role/hyperpod-exec"),
           "ThreadsPerCore": g.get("ThreadsPerCore", 1)}
    if restricted and "EnvironmentConfig" in g:
        out["EnvironmentConfig"] = g["EnvironmentConfig"]
    if not restricted:
        out["LifeCycleConfig"] = {"SourceS3Uri": "s3://sagemaker-lifecycle/hyperpod/", "OnCreate": "on_create.sh"}
    return out


def serve(handler, service, operation, params):
    if service == "sagemaker" and operation == "DescribeCluster":
        name, entry = _find(handler, params["ClusterName"])
        if entry is None:
            return None
        result = {"ClusterArn": entry["arn"], "ClusterName": name, "ClusterStatus": entry.get("status", "InService"),
                  "CreationTime": CREATED,
                  "InstanceGroups": [_group(g, False) for g in entry.get("instance_groups", [])],
                  "RestrictedInstanceGroups": [_group(g, True) for g in entry.get("restricted_instance_groups", [])],
                  "VpcConfig": {"SecurityGroupIds": ["sg-0123456789abcdef0"], "Subnets": ["subnet-0123456789abcdef0"]}}
        if not result["RestrictedInstanceGroups"]:
            del result["RestrictedInstanceGroups"]
        if entry.get("orchestrator", True):
            result["Orchestrator"] = {"Eks": {"ClusterArn": entry["eks_arn"]}}
        return result
    if service == "sagemaker" and operation == "ListClusters":
        with handler.state.lock:
            summaries = [{"ClusterName": n, "ClusterArn": e["arn"], "ClusterStatus": e.get("status", "InService"),
                          "CreationTime": CREATED} for n, e in sorted(_clusters(handler).items())]
        return {"ClusterSummaries": summaries}
    if service == "sagemaker" and operation == "ListClusterNodes":
        name, entry = _find(handler, params["ClusterName"])
        if entry is None:
            return None
        nodes = []
        for g in entry.get("instance_groups", []) + entry.get("restricted_instance_groups", []):
            if params.get("InstanceGroupNameContains", "") not in g["InstanceGroupName"]:
                continue
            for i in range(g.get("CurrentCount", 1)):
                nodes.append({"InstanceGroupName": g["InstanceGroupName"], "InstanceId": f"i-{_cluster_id(g['InstanceGroupName'] + str(i))[:17]}",
                              "InstanceType": g["InstanceType"], "LaunchTime": CREATED,
                              "InstanceStatus": {"Status": "Running", "Message": ""}})
        return {"ClusterNodeSummaries": nodes}
    if service == "eks" and operation == "DescribeCluster":
        with handler.state.lock:
            entry = next((e for e in _clusters(handler).values() if e["eks_cluster_name"] == params["name"]), None)
        if entry is None:
            return None
        return {"cluster": {
            "name": entry["eks_cluster_name"], "arn": entry["eks_arn"], "createdAt": CREATED, "version": "1.31",
            "endpoint": entry["endpoint"], "roleArn": f"arn:aws:iam::{ACCOUNT}:role/eks-cluster",
            "status": entry.get("eks_status", "ACTIVE"),
            "certificateAuthority": {"data": base64.b64encode(entry["ca_pem"].encode()).decode()},
            "platformVersion": "eks.1", "accessConfig": {"authenticationMode": "API_AND_CONFIG_MAP"}}}
    return None


def control(handler, method, path, data):
    if not path.startswith("hyperpod-clusters/"):
        return None
    name = urllib.parse.unquote(path[len("hyperpod-clusters/"):])
    with handler.state.lock:
        if method == "DELETE":
            _clusters(handler).pop(name, None)
            return {}
        if method != "PUT":
            return None
        entry = dict(data)
        entry.setdefault("eks_cluster_name", "nova-eks")
        entry["arn"] = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:cluster/{_cluster_id(name)}"
        entry["eks_arn"] = f"arn:aws:eks:{REGION}:{ACCOUNT}:cluster/{entry['eks_cluster_name']}"
        _clusters(handler)[name] = entry
        return {"arn": entry["arn"], "eks_arn": entry["eks_arn"]}
