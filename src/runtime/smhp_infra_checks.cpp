// SMHPRuntimeManager::check_infrastructure: each piece a HyperPod job needs, with what to
// fix when it is missing.
#include <fmt/format.h>

#include <array>

#include "aws/eks/cluster_connection.hpp"
#include "aws/kubernetes/kube_client.hpp"
#include "aws/kubernetes/kube_paths.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/session/session_for.hpp"
#include "nova/runtime.hpp"
#include "runtime/hyperpod_capacity.hpp"
#include "runtime/hyperpod_readiness.hpp"

namespace nova {
namespace runtime {
namespace {

namespace k8s = aws::kubernetes;

ReadinessCheck skipped(const char* name, const char* why) {
  return {name, false, fmt::format("not checked: {}", why), "fix the checks above first"};
}

// A cluster takes jobs while it runs; being created, deleted or failed it cannot.
bool takes_jobs(const std::string& status) {
  return status == "InService" || status == "Updating" || status == "SystemUpdating";
}

ReadinessCheck check_namespace(k8s::KubeClient& kube, const std::string& ns, const std::string& eks_name) {
  try {
    if (kube.get_if_exists(k8s::namespace_path(ns))) return {"namespace", true, fmt::format("namespace '{}' exists", ns), ""};
    return {"namespace", false, fmt::format("Namespace '{}' does not exist in EKS cluster '{}'", ns, eks_name),
            fmt::format("create it (kubectl create namespace {}) or pass --namespace of an existing one (HyperPod's "
                        "default is kubeflow)",
                        ns)};
  } catch (const k8s::KubeError& e) {
    // Data scientists' roles are often namespaced: not seeing namespaces is not a missing one.
    if (e.http_status() == 403) {
      return {"namespace", true, fmt::format("namespace '{}' assumed (no permission to read namespaces)", ns), ""};
    }
    return {"namespace", false, e.what(), "see the detail: the API server refused to say whether the namespace exists"};
  }
}

ReadinessCheck check_crd(k8s::KubeClient& kube, const std::string& ns) {
  const char* missing = "The PyTorchJob CRD (pytorchjobs.kubeflow.org) is not installed";
  const char* install =
      "install the HyperPod training operator (the Kubeflow training-operator of the HyperPod Helm chart) on the cluster";
  try {
    if (kube.get_if_exists(k8s::crd_path("pytorchjobs.kubeflow.org")))
      return {"pytorchjob-crd", true, "PyTorchJob CRD pytorchjobs.kubeflow.org installed", ""};
    return {"pytorchjob-crd", false, missing, install};
  } catch (const k8s::KubeError& e) {
    if (e.http_status() != 403) return {"pytorchjob-crd", false, e.what(), install};
  }
  // No permission to read CRDs: listing the namespace's PyTorchJobs answers 404 without one.
  try {
    kube.list(k8s::pytorchjob_path(ns));
    return {"pytorchjob-crd", true, fmt::format("PyTorchJobs can be listed in namespace '{}'", ns), ""};
  } catch (const k8s::KubeError& e) {
    if (e.http_status() == 404) return {"pytorchjob-crd", false, missing, install};
    return {"pytorchjob-crd", false, e.what(), install};
  }
}

// What a launch, `nova job status` and `nova job stop` do in the namespace, asked of the
// API server (SelfSubjectAccessReview) rather than found out by a refused launch.
ReadinessCheck check_rbac(k8s::KubeClient& kube, const std::string& ns) {
  struct Need {
    const char* verb;
    const char* group;
    const char* resource;
  };
  static constexpr std::array<Need, 5> needs{{{"create", "", "configmaps"},
                                              {"create", "kubeflow.org", "pytorchjobs"},
                                              {"get", "kubeflow.org", "pytorchjobs"},
                                              {"delete", "kubeflow.org", "pytorchjobs"},
                                              {"delete", "", "configmaps"}}};
  std::vector<std::string> denied;
  try {
    for (const auto& need : needs) {
      if (!kube.allowed(need.verb, need.group, need.resource, ns)) {
        denied.push_back(fmt::format("{} {}{}{}", need.verb, need.resource, *need.group ? "." : "", need.group));
      }
    }
  } catch (const k8s::KubeError& e) {
    // The reviews themselves refused: nothing is known either way; the launch will tell.
    return {"rbac", true, fmt::format("RBAC not reviewed in namespace '{}' ({})", ns, e.what()), ""};
  }
  if (denied.empty()) {
    return {"rbac", true, fmt::format("may create, read and delete ConfigMaps and PyTorchJobs in namespace '{}'", ns), ""};
  }
  return {"rbac", false,
          fmt::format("Kubernetes RBAC does not let you {} in namespace '{}'", fmt::join(denied, ", "), ns),
          fmt::format("bind a Role in namespace '{}' granting these verbs to the Kubernetes user or group your IAM "
                      "identity maps to (an EKS access entry or the aws-auth ConfigMap)",
                      ns)};
}

ReadinessCheck cluster_problem(const ServiceError& e, const std::string& cluster_name, const std::string& region) {
  if (e.code() == "ResourceNotFound" || e.code() == "ValidationException") {
    return {"cluster", false, fmt::format("HyperPod cluster '{}' not found in {}", cluster_name, region),
            "check the name (--cluster-name) and the region (--region)"};
  }
  if (e.code() == "AccessDeniedException" || e.code() == "AccessDenied") {
    return {"cluster", false, "Missing SageMaker permissions: sagemaker:DescribeCluster required",
            "allow sagemaker:DescribeCluster on the cluster (nova iam policy --for hyperpod prints the statement)"};
  }
  return {"cluster", false, fmt::format("Failed to validate cluster infrastructure: {}", e.what()),
          "see the detail: SageMaker refused DescribeCluster"};
}

}  // namespace

std::vector<ReadinessCheck> hyperpod_readiness(const SMHPRuntimeManager& manager, bool check_instances) {
  std::vector<ReadinessCheck> checks;
  const std::string& cluster_name = manager.cluster_name();
  const auto session = aws::session_for(manager.aws_options());
  std::optional<aws::DescribeClusterResult> cluster;
  try {
    cluster = session->sagemaker().describe_cluster(cluster_name);
  } catch (const ServiceError& e) {
    checks.push_back(cluster_problem(e, cluster_name, session->region().region));
  }
  std::optional<aws::eks::ClusterConnection> connection;
  if (cluster && !takes_jobs(cluster->status)) {
    checks.push_back({"cluster", false, fmt::format("HyperPod cluster '{}' is {}, not InService", cluster_name, cluster->status),
                      cluster->status == "Creating" ? "wait until the cluster is InService"
                                                    : "use a cluster that is InService (--cluster-name)"});
  } else if (cluster) {
    try {
      connection = aws::eks::connect_hyperpod_cluster(*session, cluster_name);
      checks.push_back({"cluster", true,
                        fmt::format("HyperPod cluster '{}' ({}) orchestrated by EKS cluster '{}' at {}", cluster_name,
                                    cluster->status, connection->eks_cluster_name, connection->endpoint),
                        ""});
    } catch (const Error& e) {
      checks.push_back({"cluster", false, e.what(), "use an EKS-orchestrated HyperPod cluster whose EKS cluster is ACTIVE"});
    }
  }
  if (check_instances) {
    if (!cluster) {
      checks.push_back(skipped("instances", "no cluster"));
    } else if (auto capacity = hyperpod_capacity_problem(*cluster, cluster_name, manager.instance_type(),
                                                         manager.instance_count());
               !capacity.problem.empty()) {
      checks.push_back({"instances", false, capacity.problem, capacity.fix});
    } else {
      checks.push_back({"instances", true,
                        fmt::format("restricted instance group with {} x {} or more", manager.instance_count(),
                                    manager.instance_type()),
                        ""});
    }
  }
  const std::string& ns = manager.namespace_name();
  constexpr std::array<const char*, 3> kOnTheCluster{"namespace", "pytorchjob-crd", "rbac"};
  if (!connection) {
    for (const char* name : kOnTheCluster) checks.push_back(skipped(name, "no connection to the cluster's API server"));
    return checks;
  }
  const std::size_t before = checks.size();
  try {
    k8s::KubeClient kube(*session, *connection);
    checks.push_back(check_namespace(kube, ns, connection->eks_cluster_name));
    checks.push_back(check_crd(kube, ns));
    checks.push_back(check_rbac(kube, ns));
  } catch (const Error& e) {
    // The API server cannot be reached or refuses our token: every check not yet made says why.
    for (std::size_t i = checks.size() - before; i < kOnTheCluster.size(); ++i) {
      checks.push_back({kOnTheCluster[i], false, e.what(),
                        "let your IAM identity into the EKS cluster (an EKS access entry) and check that its API "
                        "server endpoint is reachable from here"});
    }
  }
  return checks;
}

}  // namespace runtime

std::vector<HyperPodCheck> SMHPRuntimeManager::check_infrastructure(bool check_instances) const {
  std::vector<HyperPodCheck> out;
  for (auto& c : runtime::hyperpod_readiness(*this, check_instances)) {
    out.push_back({std::move(c.name), c.ready, c.fix.empty() ? std::move(c.detail) : c.detail + ": " + c.fix});
  }
  return out;
}

}  // namespace nova
