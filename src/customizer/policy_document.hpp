#pragma once
// Reading IAM policy documents: does an identity policy allow an action, does a trust
// policy let a service assume the role. Used where IAM's own simulator cannot be asked
// (the execution role, whose policies the caller reads but cannot simulate as itself).

#include <string>
#include <string_view>
#include <vector>

namespace nova::customizer {

// IAM action matching: case-insensitive, `*` and `?` wildcards ("s3:Get*", "*").
bool action_matches(std::string_view pattern, std::string_view action);

// True when some Allow statement of `policy_json` lists `action` (Action string or list,
// wildcards honoured) and no Deny statement on every resource ("*") lists it. Resources and
// conditions of Allow statements are not evaluated. A malformed document allows nothing.
bool policy_allows(const std::string& policy_json, std::string_view action);

// True when an Allow statement of the trust policy names `service` (e.g.
// "sagemaker.amazonaws.com") in Principal.Service (string or list) with sts:AssumeRole.
bool trust_policy_allows_service(const std::string& trust_policy_json, std::string_view service);

}  // namespace nova::customizer
