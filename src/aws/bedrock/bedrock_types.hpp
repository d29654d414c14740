#pragma once
// Request and result types of the Bedrock control-plane client (custom models, on-demand
// custom-model deployments, provisioned throughput, tags). Timestamps stay as AWS wrote
// them (ISO 8601), statuses as raw strings (see the status tables in deploy.md §5).

#include <optional>
#include <string>
#include <vector>

namespace nova::aws {

struct BedrockTag {
  std::string key;
  std::string value;
  bool operator==(const BedrockTag&) const = default;
};

struct CreateCustomModelRequest {
  std::string model_name;
  std::string s3_uri;  // modelSourceConfig.s3DataSource.s3Uri
  std::string role_arn;
  std::optional<std::string> kms_key_arn;
  std::vector<BedrockTag> tags;
  std::string client_request_token;  // empty: none sent
};

struct CustomModel {
  std::string arn;
  std::string name;
  std::string status;  // Creating, Active, Failed
  std::string failure_message;
  std::string creation_time;
};

struct CreateCustomModelDeploymentRequest {
  std::string deployment_name;
  std::string model_arn;
  std::string description;
  std::vector<BedrockTag> tags;
  std::string client_request_token;
};

struct CustomModelDeployment {
  std::string arn;
  std::string name;
  std::string model_arn;
  std::string status;  // Creating, Active, Failed
  std::string failure_message;
  std::string created_at;
  std::string update_status;  // updateDetails.updateStatus, when an update is under way
};

struct CreateProvisionedThroughputRequest {
  std::string name;
  std::string model_id;
  int model_units{1};
  std::vector<BedrockTag> tags;
  std::string client_request_token;
};

struct ProvisionedThroughput {
  std::string arn;
  std::string name;
  std::string model_arn;
  std::string desired_model_arn;
  std::string status;  // Creating, InService, Updating, Failed
  std::string failure_message;
  std::string creation_time;
  int model_units{0};
  std::string commitment_duration;  // empty: no commitment
  std::string commitment_expiration_time;
};

// The filters the deploy code uses on the three List operations.
struct BedrockListRequest {
  std::string name_contains;
  int max_results{0};  // 0: the service default
  std::string next_token;
};

template <typename T>
struct BedrockPage {
  std::vector<T> items;
  std::string next_token;  // empty on the last page
};

}  // namespace nova::aws
