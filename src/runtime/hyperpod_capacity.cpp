#include "runtime/hyperpod_capacity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace nova::runtime {

std::string hyperpod_capacity_problem(const aws::DescribeClusterResult& cluster, const std::string& cluster_name,
                                      const std::string& instance_type, int instance_count) {
  std::vector<std::string> types;
  int most = 0;
  bool found = false;
  for (const auto& group : cluster.restricted_instance_groups) {
    types.push_back(group.instance_type);
    if (group.instance_type == instance_type) {
      found = true;
      most = std::max(most, group.current_count);
    }
  }
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  if (!found) {
    return fmt::format("Instance type '{}' not available in restricted instance groups in cluster '{}'. Available types: [{}]",
                       instance_type, cluster_name, fmt::join(types, ", "));
  }
  if (most < instance_count) {
    return fmt::format("Insufficient capacity for instance type '{}' in cluster '{}'. Required: {}, Maximum available: {}",
                       instance_type, cluster_name, instance_count, most);
  }
  return {};
}

}  // namespace nova::runtime
