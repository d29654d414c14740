#pragma once
// AWS IAM (query protocol). A global service: the session resolves its endpoint and signing
// region (us-east-1 in the aws partition).

#include <functional>
#include <string>
#include <vector>

#include "aws/core/aws_client.hpp"
#include "aws/iam/iam_types.hpp"

namespace nova::aws {

class IamClient {
 public:
  explicit IamClient(ClientConfig config);

  /// @throws nova::ServiceError for every operation below; a missing role or policy has
  /// code "NoSuchEntity" (HTTP 404).
  IamRole get_role(const std::string& role_name);
  IamRole create_role(const std::string& role_name, const std::string& trust_policy_json,
                      const std::string& description = {});
  void attach_role_policy(const std::string& role_name, const std::string& policy_arn);
  /// Creates or replaces the role's inline policy `policy_name` (idempotent).
  void put_role_policy(const std::string& role_name, const std::string& policy_name,
                       const std::string& policy_document_json);
  /// Names of the role's inline policies (every page).
  std::vector<std::string> list_role_policies(const std::string& role_name);
  IamRolePolicy get_role_policy(const std::string& role_name, const std::string& policy_name);
  /// The role's managed policies (every page).
  std::vector<IamAttachedPolicy> list_attached_role_policies(const std::string& role_name);
  IamManagedPolicy get_policy(const std::string& policy_arn);
  IamPolicyVersion get_policy_version(const std::string& policy_arn, const std::string& version_id);
  IamManagedPolicy create_policy(const std::string& policy_name, const std::string& policy_document_json,
                                 const std::string& description = {});
  /// One result per (action, resource) pair (every page).
  std::vector<IamEvaluationResult> simulate_principal_policy(const std::string& policy_source_arn,
                                                             const std::vector<std::string>& action_names,
                                                             const std::vector<std::string>& resource_arns);

  AwsClient& core() { return client_; }

 private:
  // Sends one query request and returns the response body (XML).
  std::string call(const OperationInfo& op, const QueryParams& params);
  // `call` bound to one operation (for the pagination helper).
  std::function<std::string(const QueryParams&)> sender(const OperationInfo& op);
  AwsClient client_;
};

}  // namespace nova::aws
