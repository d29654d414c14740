#pragma once
// The Bedrock half of a deployment: existing deployments by exact name (every page), the
// custom-model import (reused when a model tagged with the same artifact exists), its wait,
// and the on-demand deployment or provisioned throughput created or updated on top.

#include <optional>
#include <string>
#include <vector>

#include "aws/bedrock/bedrock_client.hpp"
#include "deploy/wait_options.hpp"
#include "nova/enums.hpp"

namespace nova::aws {
class Session;
}

namespace nova::deploy {

aws::BedrockClient bedrock_client(const aws::Session& session);

// The deployment named exactly `name` on BEDROCK_OD / BEDROCK_PT: its ARN, or nothing.
// Follows every page of the list (nameContains narrows it; the match is exact).
std::optional<std::string> find_bedrock_deployment(aws::BedrockClient& bedrock, DeployPlatform platform,
                                                   const std::string& name);

// What the deployment mode makes of an existing deployment `existing_arn` named `name`:
// FAIL_IF_EXISTS refuses; UPDATE_IF_EXISTS is refused for OD (with why) and is an in-place
// update for PT (returns the ARN to update). @throws nova::ValueError
std::string apply_deployment_mode(DeployPlatform platform, DeploymentMode mode, const std::string& name,
                                  const std::string& existing_arn);

struct ImportRequest {
  std::string endpoint_name;
  std::string artifact_path;
  std::string role_arn;
  std::optional<std::string> kms_key_arn;
  std::optional<std::string> training_job;
  WaitOptions wait;
};

struct ImportedModel {
  std::string arn;
  std::string name;
  bool reused{false};
};

// Reuses a model tagged with this artifact (Active, or Creating: waited on); else imports it
// with CreateCustomModel (a derived clientRequestToken, the escrow and lineage tags, the KMS
// key) and waits until it is Active. @throws nova::ServiceError when the import fails
// (AWS's failureMessage) or the wait times out
ImportedModel import_custom_model(aws::BedrockClient& bedrock, const ImportRequest& request);

struct BedrockDeploymentRequest {
  DeployPlatform platform{DeployPlatform::BEDROCK_OD};
  std::string name;
  std::string model_arn;
  int pt_units{1};
  std::optional<std::string> update_arn;  // a PT to point at the new model instead of creating
  std::vector<aws::BedrockTag> tags;
};

// CreateCustomModelDeployment / CreateProvisionedModelThroughput (client token derived from
// the name and model), or UpdateProvisionedModelThroughput. Returns the deployment ARN.
std::string create_or_update_bedrock_deployment(aws::BedrockClient& bedrock, const BedrockDeploymentRequest& request);

// One status poll of a deployment (OD: Active; PT: InService and no pending model change).
PollOutcome poll_bedrock_deployment(aws::BedrockClient& bedrock, DeployPlatform platform, const std::string& arn);

// BEDROCK_OD or BEDROCK_PT from a deployment or provisioned-model ARN; nothing for other ARNs.
std::optional<DeployPlatform> bedrock_platform_of_arn(const std::string& arn);

}  // namespace nova::deploy
