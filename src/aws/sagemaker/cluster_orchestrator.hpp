#pragma once
// HyperPod cluster facts beyond DescribeClusterResult: which EKS cluster orchestrates it.

#include <string>

#include "aws/sagemaker/sagemaker_types.hpp"

namespace nova::aws {

// Orchestrator.Eks.ClusterArn of a DescribeCluster answer; "" for a Slurm cluster.
std::string eks_cluster_arn_of(const DescribeClusterResult& cluster);

// The name in an EKS cluster ARN (arn:aws:eks:<r>:<acct>:cluster/<name>) and its region;
// throws nova::ValueError naming the ARN when it is not one.
struct EksClusterArnParts {
  std::string region;
  std::string account;
  std::string name;
};
EksClusterArnParts parse_eks_cluster_arn(const std::string& arn);

}  // namespace nova::aws
