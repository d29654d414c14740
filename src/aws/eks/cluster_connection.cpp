#include "aws/eks/cluster_connection.hpp"

#include "aws/eks/base64_text.hpp"
#include "aws/eks/eks_client.hpp"
#include "aws/sagemaker/cluster_orchestrator.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"

namespace nova::aws::eks {
namespace {

DescribeClusterResult describe_hyperpod_cluster(const Session& session, const std::string& name) {
  try {
    return session.sagemaker().describe_cluster(name);
  } catch (const ServiceError& e) {
    // The real API answers ResourceNotFound; moto answers ValidationException "Could not find".
    if (e.code() == "ResourceNotFound" || e.code() == "ResourceNotFoundException" ||
        (e.code() == "ValidationException" && std::string(e.what()).find("Could not find") != std::string::npos)) {
      throw ValueError("HyperPod cluster '" + name + "' not found in region " + session.region().region +
                       " (check the name and the region; `aws sagemaker list-clusters` lists them)");
    }
    throw;
  }
}

EksCluster describe_eks_cluster(const Session& session, const std::string& hyperpod_name,
                                const EksClusterArnParts& arn) {
  ClientConfig config = session.client_config("eks");
  try {
    return EksClient(std::move(config)).describe_cluster(arn.name);
  } catch (const ServiceError& e) {
    if (e.code() == "ResourceNotFoundException") {
      throw ValueError("HyperPod cluster '" + hyperpod_name + "' is orchestrated by EKS cluster '" + arn.name +
                       "', which does not exist in region " + arn.region);
    }
    throw;
  }
}

}  // namespace

ClusterConnection connect_hyperpod_cluster(const Session& session, const std::string& hyperpod_cluster_name) {
  const DescribeClusterResult hyperpod = describe_hyperpod_cluster(session, hyperpod_cluster_name);
  const std::string eks_arn = eks_cluster_arn_of(hyperpod);
  if (eks_arn.empty()) {
    throw ValueError("HyperPod cluster '" + hyperpod_cluster_name +
                     "' is not orchestrated by EKS (it has no Orchestrator.Eks.ClusterArn; Slurm clusters are "
                     "not supported): use a HyperPod cluster created with an EKS orchestrator");
  }
  const EksClusterArnParts arn = parse_eks_cluster_arn(eks_arn);
  const EksCluster eks = describe_eks_cluster(session, hyperpod_cluster_name, arn);
  if (eks.status != "ACTIVE" && eks.status != "UPDATING") {
    throw ValueError("EKS cluster '" + arn.name + "' of HyperPod cluster '" + hyperpod_cluster_name + "' is " +
                     (eks.status.empty() ? std::string("in no known state") : eks.status) +
                     "; it must be ACTIVE (or UPDATING) to run jobs");
  }
  const auto ca_pem = decode_base64(eks.certificate_authority_data);
  if (eks.endpoint.rfind("https://", 0) != 0 || !ca_pem || ca_pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    throw ValueError("EKS cluster '" + arn.name + "' reports no usable API server endpoint and certificate authority "
                     "(endpoint '" + eks.endpoint + "'); its endpoint must be https:// and its CA a PEM certificate");
  }
  ClusterConnection out;
  out.hyperpod_cluster_name = hyperpod.name.empty() ? hyperpod_cluster_name : hyperpod.name;
  out.hyperpod_cluster_arn = hyperpod.arn;
  out.eks_cluster_name = arn.name;
  out.eks_cluster_arn = eks.arn.empty() ? eks_arn : eks.arn;
  out.region = arn.region;
  out.endpoint = eks.endpoint;
  while (!out.endpoint.empty() && out.endpoint.back() == '/') out.endpoint.pop_back();
  out.ca_pem = *ca_pem;
  return out;
}

}  // namespace nova::aws::eks
