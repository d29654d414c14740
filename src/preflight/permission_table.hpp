#pragma once
// The permissions a planned run needs (data/preflight/permissions.json), rendered with the
// run's exact values. The permission checks simulate these statements and `nova iam policy`
// prints them, so what is checked and what is advised are the same by construction.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "nova/preflight.hpp"

namespace nova::preflight {

using Values = std::map<std::string, std::string>;

struct PolicyStatement {
  std::string sid;
  std::vector<std::string> actions;
  std::vector<std::string> resources;
  std::string condition_json;  // "" or a JSON object
  // A permission only the pre-flight checks use (reading the role, listing quotas): missing,
  // it is a warning, not a reason the run would not start.
  bool advisory{false};
};

// "train", "evaluate", "hyperpod", "deploy_sagemaker", "deploy_bedrock".
std::string purpose_key(PolicyPurpose purpose, const PreflightRequest& request);

// The caller's or the execution role's statements, in table order; statements whose
// 'when' value is not in `values` are left out.
std::vector<PolicyStatement> statements_for(const std::string& purpose, PolicyKind kind, const Values& values);

// The service that assumes the execution role ("sagemaker.amazonaws.com").
std::string service_principal(const std::string& purpose);
// The role the SDK creates when none is given ("" when it creates none).
std::string default_role_name(const std::string& purpose);

// {"Version": "2012-10-17", "Statement": [...]} (pretty-printed when `indent` >= 0).
std::string policy_json(const std::vector<PolicyStatement>& statements, int indent = 2);
std::string statement_json(const PolicyStatement& statement);
// The trust policy letting `service` assume the role, limited to `account`'s resources.
std::string trust_policy_json(const std::string& service, const std::string& account, int indent = 2);

}  // namespace nova::preflight
