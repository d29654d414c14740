#pragma once
// Reading IAM policy documents: does an identity policy allow an action on a resource, does
// a trust policy let a service assume the role. Used where IAM's own simulator is not asked
// (the execution role's own policies, read by the caller).

#include <string>
#include <string_view>
#include <vector>

namespace nova::preflight {

// IAM action matching: case-insensitive, `*` and `?` wildcards ("s3:Get*", "*").
bool action_matches(std::string_view pattern, std::string_view action);

// True when some Allow statement of `policy_json` lists `action` (Action string or list,
// wildcards honoured) on a Resource pattern matching `resource`, and no Deny statement
// listing the action matches it. Conditions, NotAction and NotResource are not evaluated
// (a statement using them allows nothing here). A malformed document allows nothing.
bool policy_allows(const std::string& policy_json, std::string_view action, std::string_view resource);

// True when an Allow statement of the trust policy names `service` (e.g.
// "sagemaker.amazonaws.com") in Principal.Service (string or list) with sts:AssumeRole.
bool trust_policy_allows_service(const std::string& trust_policy_json, std::string_view service);

}  // namespace nova::preflight
