// SMHPRuntimeManager::check_infrastructure: each piece a HyperPod job needs, with what to
// fix when it is missing.
#include <fmt/format.h>

#include "aws/eks/cluster_connection.hpp"
#include "aws/kubernetes/kube_client.hpp"
#include "aws/kubernetes/kube_paths.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/session/session_for.hpp"
#include "nova/runtime.hpp"
#include "runtime/hyperpod_capacity.hpp"

namespace nova {
namespace {

namespace k8s = aws::kubernetes;

HyperPodCheck skipped(const char* name, const char* why) { return {name, false, fmt::format("not checked: {}", why)}; }

HyperPodCheck check_namespace(k8s::KubeClient& kube, const std::string& ns, const std::string& eks_name) {
  try {
    if (kube.get_if_exists(k8s::namespace_path(ns)))
      return {"namespace", true, fmt::format("namespace '{}' exists", ns)};
    return {"namespace", false,
            fmt::format("Namespace '{}' does not exist in EKS cluster '{}': create it (kubectl create namespace {}) or "
                        "pass --namespace of an existing one (HyperPod's default is kubeflow).",
                        ns, eks_name, ns)};
  } catch (const k8s::KubeError& e) {
    // Data scientists' roles are often namespaced: not seeing namespaces is not a missing one.
    if (e.http_status() == 403) return {"namespace", true, fmt::format("namespace '{}' assumed (no permission to read namespaces)", ns)};
    return {"namespace", false, e.what()};
  }
}

HyperPodCheck check_crd(k8s::KubeClient& kube, const std::string& ns) {
  const char* missing =
      "The PyTorchJob CRD (pytorchjobs.kubeflow.org) is not installed: install the HyperPod training operator "
      "(the Kubeflow training-operator of the HyperPod Helm chart) on the cluster.";
  try {
    if (kube.get_if_exists(k8s::crd_path("pytorchjobs.kubeflow.org")))
      return {"pytorchjob-crd", true, "PyTorchJob CRD pytorchjobs.kubeflow.org installed"};
    return {"pytorchjob-crd", false, missing};
  } catch (const k8s::KubeError& e) {
    if (e.http_status() != 403) return {"pytorchjob-crd", false, e.what()};
  }
  // No permission to read CRDs: listing the namespace's PyTorchJobs answers 404 without one.
  try {
    kube.list(k8s::pytorchjob_path(ns));
    return {"pytorchjob-crd", true, fmt::format("PyTorchJobs can be listed in namespace '{}'", ns)};
  } catch (const k8s::KubeError& e) {
    return {"pytorchjob-crd", false, e.http_status() == 404 ? std::string(missing) : std::string(e.what())};
  }
}

}  // namespace

std::vector<HyperPodCheck> SMHPRuntimeManager::check_infrastructure(bool check_instances) const {
  std::vector<HyperPodCheck> checks;
  const auto session = aws::session_for(aws_options());
  std::optional<aws::DescribeClusterResult> cluster;
  try {
    cluster = session->sagemaker().describe_cluster(cluster_name_);
  } catch (const ServiceError& e) {
    std::string detail;
    if (e.code() == "ResourceNotFound" || e.code() == "ValidationException") {
      detail = fmt::format("HyperPod cluster '{}' not found in {}: check the name (--cluster-name) and the region "
                           "(--region).", cluster_name_, session->region().region);
    } else if (e.code() == "AccessDeniedException" || e.code() == "AccessDenied") {
      detail = "Missing SageMaker permissions: sagemaker:DescribeCluster required";
    } else {
      detail = fmt::format("Failed to validate cluster infrastructure: {}", e.what());
    }
    checks.push_back({"cluster", false, detail});
  }
  std::optional<aws::eks::ClusterConnection> connection;
  if (cluster) {
    try {
      connection = aws::eks::connect_hyperpod_cluster(*session, cluster_name_);
      checks.push_back({"cluster", true, fmt::format("HyperPod cluster '{}' ({}) orchestrated by EKS cluster '{}' at {}",
                                                     cluster_name_, cluster->status, connection->eks_cluster_name,
                                                     connection->endpoint)});
    } catch (const Error& e) {
      checks.push_back({"cluster", false, e.what()});
    }
  }
  if (check_instances) {
    if (!cluster) {
      checks.push_back(skipped("instances", "no cluster"));
    } else if (auto problem = runtime::hyperpod_capacity_problem(*cluster, cluster_name_, instance_type(), instance_count());
               !problem.empty()) {
      checks.push_back({"instances", false, problem});
    } else {
      checks.push_back({"instances", true, fmt::format("restricted instance group with {} x {} or more", instance_count(),
                                                       instance_type())});
    }
  }
  if (!connection) {
    checks.push_back(skipped("namespace", "no connection to the cluster's API server"));
    checks.push_back(skipped("pytorchjob-crd", "no connection to the cluster's API server"));
    return checks;
  }
  try {
    k8s::KubeClient kube(*session, *connection);
    checks.push_back(check_namespace(kube, namespace_name_, connection->eks_cluster_name));
    checks.push_back(check_crd(kube, namespace_name_));
  } catch (const Error& e) {
    // The API server cannot be reached or refuses our token: both checks say why.
    checks.push_back({"namespace", false, e.what()});
    checks.push_back({"pytorchjob-crd", false, e.what()});
  }
  return checks;
}

}  // namespace nova
