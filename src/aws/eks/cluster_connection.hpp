#pragma once
// From a HyperPod cluster name to everything needed to talk to its Kubernetes API server:
// SageMaker DescribeCluster -> Orchestrator.Eks.ClusterArn -> EKS DescribeCluster -> the
// API server endpoint and the CA that signed its certificate. Nothing is written to
// ~/.kube/config; the connection lives in this struct.

#include <string>

namespace nova::aws {
class Session;
}

namespace nova::aws::eks {

struct ClusterConnection {
  std::string hyperpod_cluster_name;
  std::string hyperpod_cluster_arn;  // arn:aws:sagemaker:<r>:<acct>:cluster/<id>
  std::string eks_cluster_name;      // the name the bearer token is bound to (x-k8s-aws-id)
  std::string eks_cluster_arn;
  std::string region;                // of the EKS cluster (from its ARN)
  std::string endpoint;              // https://<host>[:port], no trailing '/'
  std::string ca_pem;                // PEM bundle the API server certificate must chain to
};

// Throws nova::ValueError when the HyperPod cluster does not exist, is not orchestrated by
// EKS (a Slurm cluster), or its EKS cluster is not ACTIVE/UPDATING or has no usable
// endpoint/CA; nova::ServiceError for other AWS errors (e.g. AccessDenied).
ClusterConnection connect_hyperpod_cluster(const Session& session, const std::string& hyperpod_cluster_name);

}  // namespace nova::aws::eks
