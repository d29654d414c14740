#pragma once
// Does a HyperPod cluster have a restricted instance group of the type with enough
// instances? (The reference reads restricted instance groups only; so do we.)

#include <string>

#include "aws/sagemaker/sagemaker_types.hpp"

namespace nova::runtime {

struct CapacityProblem {
  std::string problem;  // the reference's message; "" when the capacity is there
  std::string fix;      // what to change: the count, the type, or the cluster's groups
};

CapacityProblem hyperpod_capacity_problem(const aws::DescribeClusterResult& cluster, const std::string& cluster_name,
                                          const std::string& instance_type, int instance_count);

}  // namespace nova::runtime
