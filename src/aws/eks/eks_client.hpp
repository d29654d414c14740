#pragma once
// Amazon EKS (rest-json): DescribeCluster, the one operation the HyperPod connection needs.

#include <string>

#include "aws/core/aws_client.hpp"

namespace nova::aws {

struct EksCluster {
  std::string name;
  std::string arn;
  std::string status;    // CREATING, ACTIVE, DELETING, FAILED, UPDATING, PENDING
  std::string endpoint;  // API server URL, e.g. https://ABC.gr7.us-east-1.eks.amazonaws.com
  std::string certificate_authority_data;  // base64 of the CA PEM bundle
};

class EksClient {
 public:
  explicit EksClient(ClientConfig config);
  /// A missing cluster throws ServiceError ("ResourceNotFoundException").
  EksCluster describe_cluster(const std::string& name);

 private:
  AwsClient client_;
};

}  // namespace nova::aws
