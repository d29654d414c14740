#include "runtime/hyperpod_capacity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace nova::runtime {

CapacityProblem hyperpod_capacity_problem(const aws::DescribeClusterResult& cluster, const std::string& cluster_name,
                                          const std::string& instance_type, int instance_count) {
  std::vector<std::string> types;
  int most = 0;
  std::string largest_group;
  for (const auto& group : cluster.restricted_instance_groups) {
    types.push_back(group.instance_type);
    if (group.instance_type == instance_type && (largest_group.empty() || group.current_count > most)) {
      most = group.current_count;
      largest_group = group.name;
    }
  }
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  if (largest_group.empty()) {
    return {fmt::format("Instance type '{}' not available in restricted instance groups in cluster '{}'. Available types: [{}]",
                        instance_type, cluster_name, fmt::join(types, ", ")),
            types.empty() ? fmt::format("add a restricted instance group of {} to cluster '{}' (sagemaker UpdateCluster)",
                                        instance_type, cluster_name)
                          : fmt::format("pass --instance-type one of [{}], or add a restricted instance group of {} to "
                                        "cluster '{}' (sagemaker UpdateCluster)",
                                        fmt::join(types, ", "), instance_type, cluster_name)};
  }
  if (most < instance_count) {
    return {fmt::format("Insufficient capacity for instance type '{}' in cluster '{}'. Required: {}, Maximum available: {}",
                        instance_type, cluster_name, instance_count, most),
            fmt::format("pass --instance-count {} or fewer, or raise the InstanceCount of restricted instance group '{}' to "
                        "{} (sagemaker UpdateCluster)",
                        most, largest_group, instance_count)};
  }
  return {};
}

}  // namespace nova::runtime
