#include "customizer/infra_checks.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"

namespace nova::customizer {

std::vector<std::string> check_hyperpod_capacity(const aws::Session& session, const std::string& cluster_name,
                                                 const std::string& instance_type, int instance_count) {
  aws::DescribeClusterResult cluster;
  try {
    cluster = session.sagemaker().describe_cluster(cluster_name);
  } catch (const ServiceError& e) {
    if (e.code() == "ResourceNotFound") return {fmt::format("HyperPod cluster '{}' not found in {}", cluster_name, session.region().region)};
    if (e.code() == "AccessDeniedException" || e.code() == "AccessDenied" || e.code() == "UnauthorizedOperation") {
      return {"Missing SageMaker permissions: sagemaker:DescribeCluster required"};
    }
    return {fmt::format("Failed to validate cluster infrastructure: {}", e.what())};
  }
  std::vector<std::string> types;
  int most = 0;
  for (const auto& group : cluster.restricted_instance_groups) {
    types.push_back(group.instance_type);
    if (group.instance_type == instance_type) most = std::max(most, group.current_count);
  }
  if (std::find(types.begin(), types.end(), instance_type) == types.end()) {
    return {fmt::format("Instance type '{}' not available in restricted instance groups in cluster '{}'. Available types: [{}]",
                        instance_type, cluster_name, fmt::join(types, ", "))};
  }
  if (most < instance_count) {
    return {fmt::format("Insufficient capacity for instance type '{}' in cluster '{}'. Required: {}, Maximum available: {}",
                        instance_type, cluster_name, instance_count, most)};
  }
  return {};
}

}  // namespace nova::customizer
