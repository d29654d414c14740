#pragma once
// HyperPod ListClusterNodes (json 1.1, every page).

#include <string>
#include <vector>

#include "aws/sagemaker/sagemaker_client.hpp"

namespace nova::aws {

struct ClusterNode {
  std::string instance_group_name;
  std::string instance_id;
  std::string instance_type;
  std::string status;  // InstanceStatus.Status: Running, Pending, Failure, ...
  std::string status_message;
};

// Every node of the cluster, optionally only groups whose name contains `group_contains`.
// An unknown cluster throws ServiceError ("ResourceNotFound").
std::vector<ClusterNode> list_cluster_nodes(SageMakerClient& client, const std::string& cluster_name,
                                            const std::string& group_contains = {});

}  // namespace nova::aws
