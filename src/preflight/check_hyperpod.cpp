// HyperPod: the cluster checks of SMHPRuntimeManager::check_infrastructure (cluster in
// service and EKS-orchestrated, restricted instance group capacity, namespace, PyTorchJob
// CRD, RBAC in the namespace), one finding each with its fix.
#include <fmt/format.h>

#include "nova/error.hpp"
#include "nova/runtime.hpp"
#include "preflight/checks.hpp"
#include "runtime/hyperpod_readiness.hpp"

namespace nova::preflight {

void check_hyperpod(const RunContext& c, Checks& out) {
  const PreflightRequest& r = c.request;
  if (r.platform != Platform::SMHP || r.deploy_platform || !c.identity_error.empty()) return;
  if (!r.cluster_name) {
    out.push_back(fail("hyperpod", "no HyperPod cluster named", "pass --cluster-name (and --namespace) for an SMHP run"));
    return;
  }
  const bool instances = r.instance_type.has_value();
  const SMHPRuntimeManager manager(r.instance_type.value_or("ml.p5.48xlarge"), r.instance_count.value_or(1), *r.cluster_name,
                                   r.namespace_name, std::nullopt, r.aws);
  try {
    for (const auto& check : runtime::hyperpod_readiness(manager, instances)) {
      out.push_back(check.ready ? pass("hyperpod:" + check.name, check.detail)
                                : fail("hyperpod:" + check.name, check.detail, check.fix));
    }
  } catch (const Error& e) {
    out.push_back(fail("hyperpod", fmt::format("cluster {} could not be checked: {}", *r.cluster_name, e.what()),
                       "allow sagemaker:DescribeCluster and eks:DescribeCluster, and check the cluster name"));
  }
}

}  // namespace nova::preflight
