#pragma once
// IAM request and result types (query protocol, API version 2010-05-08). Policy documents
// arrive URL-encoded on the wire; every document here is the decoded JSON text.

#include <string>
#include <vector>

namespace nova::aws {

struct IamRole {
  std::string arn;
  std::string role_name;
  std::string role_id;
  std::string path;
  std::string description;
  std::string assume_role_policy_document;  // JSON text
};

struct IamRolePolicy {  // an inline policy
  std::string role_name;
  std::string policy_name;
  std::string policy_document;  // JSON text
};

struct IamAttachedPolicy {
  std::string policy_name;
  std::string policy_arn;
};

struct IamManagedPolicy {
  std::string arn;
  std::string policy_name;
  std::string policy_id;
  std::string default_version_id;
};

struct IamPolicyVersion {
  std::string version_id;
  bool is_default_version{false};
  std::string document;  // JSON text
};

struct IamEvaluationResult {  // one (action, resource) of SimulatePrincipalPolicy
  std::string action;
  std::string resource;
  std::string decision;  // "allowed" | "explicitDeny" | "implicitDeny"
};

}  // namespace nova::aws
