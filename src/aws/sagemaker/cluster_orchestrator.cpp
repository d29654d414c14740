#include "aws/sagemaker/cluster_orchestrator.hpp"

#include <regex>

#include "aws/sagemaker/sagemaker_json.hpp"
#include "nova/error.hpp"

namespace nova::aws {

std::string eks_cluster_arn_of(const DescribeClusterResult& cluster) {
  const auto doc = nlohmann::json::parse(cluster.raw_json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return {};
  const auto orchestrator = doc.find("Orchestrator");
  if (orchestrator == doc.end() || !orchestrator->is_object()) return {};
  return sagemaker_json::nested_text(*orchestrator, "Eks", "ClusterArn");
}

EksClusterArnParts parse_eks_cluster_arn(const std::string& arn) {
  // The botocore model's pattern for Orchestrator.Eks.ClusterArn.
  static const std::regex kPattern(R"(^arn:aws[a-z\-]*:eks:([a-z0-9\-]*):([0-9]{12}):cluster/([0-9A-Za-z][A-Za-z0-9\-_]{0,99})$)");
  std::smatch m;
  if (!std::regex_match(arn, m, kPattern)) {
    throw ValueError("'" + arn + "' is not an EKS cluster ARN (expected arn:aws:eks:<region>:<account>:cluster/<name>)");
  }
  return {m[1].str(), m[2].str(), m[3].str()};
}

}  // namespace nova::aws
