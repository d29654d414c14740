#pragma once
// Amazon Bedrock control plane (rest-json, signing name "bedrock"): custom-model import,
// on-demand custom-model deployments, provisioned throughput and tags. Identifiers (names
// or ARNs, which hold ':' and '/') are percent-encoded as one path segment.

#include <string>
#include <vector>

#include "aws/bedrock/bedrock_types.hpp"
#include "aws/core/aws_client.hpp"

namespace nova::aws {

class BedrockClient {
 public:
  explicit BedrockClient(ClientConfig config);

  // Every call throws nova::ServiceError for an AWS error; a missing resource has code
  // "ResourceNotFoundException" (HTTP 404). Creates carrying a client token are retried.
  std::string create_custom_model(const CreateCustomModelRequest& request);  // -> modelArn
  CustomModel get_custom_model(const std::string& identifier);
  BedrockPage<CustomModel> list_custom_models(const BedrockListRequest& request);
  void delete_custom_model(const std::string& identifier);

  std::string create_custom_model_deployment(const CreateCustomModelDeploymentRequest& request);
  CustomModelDeployment get_custom_model_deployment(const std::string& identifier);
  BedrockPage<CustomModelDeployment> list_custom_model_deployments(const BedrockListRequest& request);
  void delete_custom_model_deployment(const std::string& identifier);

  std::string create_provisioned_model_throughput(const CreateProvisionedThroughputRequest& request);
  ProvisionedThroughput get_provisioned_model_throughput(const std::string& identifier);
  BedrockPage<ProvisionedThroughput> list_provisioned_model_throughputs(const BedrockListRequest& request);
  void update_provisioned_model_throughput(const std::string& identifier, const std::string& desired_model_id);
  void delete_provisioned_model_throughput(const std::string& identifier);

  void tag_resource(const std::string& arn, const std::vector<BedrockTag>& tags);
  std::vector<BedrockTag> list_tags_for_resource(const std::string& arn);

  AwsClient& core() { return client_; }

 private:
  std::string call(const OperationInfo& op, const std::string& method, const std::string& path,
                   std::string query = {}, std::string body = {});
  AwsClient client_;
};

}  // namespace nova::aws
