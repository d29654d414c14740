#pragma once
// SageMaker ListClusters (json 1.1), every page: what HyperPod clusters the account runs,
// for the quota check's "in use" count.

#include <string>
#include <vector>

#include "aws/sagemaker/sagemaker_client.hpp"

namespace nova::aws {

struct ClusterSummary {
  std::string name, arn, status;
};

std::vector<ClusterSummary> list_clusters(SageMakerClient& sm);

}  // namespace nova::aws
