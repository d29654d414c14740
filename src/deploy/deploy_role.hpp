#pragma once
// The execution role a deployment runs as: found or created (trusted by Bedrock or SageMaker
// for this account only), with inline policies scoped to the artifact's bucket and prefix and
// to this account's model resources (data/deploy_roles.json), replaced in place on every
// deploy so a changed artifact location is always covered.

#include <optional>
#include <string>
#include <vector>

#include "nova/enums.hpp"

namespace nova::aws {
class Session;
}

namespace nova::deploy {

struct DeployRoleRequest {
  DeployPlatform platform{DeployPlatform::BEDROCK_OD};  // BEDROCK_* or SAGEMAKER
  std::string role_name;
  std::string artifact_path;  // s3://bucket/prefix
  std::string account;
  std::string region;
  std::optional<std::string> kms_key_arn;
};

struct DeployRolePolicy {
  std::string name;
  std::string document;  // JSON
};

// The inline policies the role gets (pure: unit-testable without AWS).
// @throws nova::ValueError for an artifact path that is not s3://bucket/...
std::vector<DeployRolePolicy> deploy_role_policies(const DeployRoleRequest& request);
// The trust policy: the platform's service principal, limited to `account` (aws:SourceAccount).
std::string deploy_role_trust_policy(DeployPlatform platform, const std::string& account);

// GetRole, else CreateRole; then PutRolePolicy for each policy. Returns the role ARN.
// @throws nova::ServiceError "Failed to find or create the <Bedrock|SageMaker> execution role <name>: ..."
std::string ensure_deploy_role(const aws::Session& session, const DeployRoleRequest& request);

}  // namespace nova::deploy
