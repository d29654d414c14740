#pragma once
// STS request and result types (query protocol, API version 2011-06-15).

#include <chrono>
#include <optional>
#include <string>

namespace nova::aws {

struct GetCallerIdentityResult {
  std::string account;
  std::string arn;
  std::string user_id;
};

struct TemporaryCredentials {
  std::string access_key_id;
  std::string secret_access_key;  // never logged
  std::string session_token;      // never logged
  std::chrono::system_clock::time_point expiration;
};

struct AssumeRoleRequest {
  std::string role_arn;           // required
  std::string role_session_name;  // required, 2-64 characters
  std::optional<int> duration_seconds;
  std::string external_id;
  std::string policy;  // inline session policy JSON
};

struct AssumeRoleResult {
  TemporaryCredentials credentials;
  std::string assumed_role_id;
  std::string arn;
};

struct AssumeRoleWithWebIdentityRequest {
  std::string role_arn;            // required
  std::string role_session_name;   // required
  std::string web_identity_token;  // required; never logged
  std::optional<int> duration_seconds;
  std::string provider_id;
  std::string policy;
};

struct AssumeRoleWithWebIdentityResult {
  TemporaryCredentials credentials;
  std::string assumed_role_id;
  std::string arn;
  std::string subject_from_web_identity_token;
  std::string audience;
  std::string provider;
};

}  // namespace nova::aws
