#pragma once
// What the credential providers need from STS. The STS client (src/aws/sts) implements it;
// the providers only know this interface, so aws/core does not depend on a service client.

#include <chrono>
#include <optional>
#include <string>

#include "aws/core/credentials/credentials.hpp"

namespace nova::aws {

struct AssumeRoleParams {
  std::string role_arn;
  std::string role_session_name;
  std::string external_id;                      // empty: not sent
  std::optional<std::chrono::seconds> duration;  // DurationSeconds; nullopt: the service default
};

struct WebIdentityParams {
  std::string role_arn;
  std::string role_session_name;
  std::string web_identity_token;  // a secret: never log it
  std::optional<std::chrono::seconds> duration;
};

class StsRoleAssumer {
 public:
  virtual ~StsRoleAssumer() = default;
  // sts:AssumeRole signed with `source`. Returns temporary credentials with an expiration.
  // Throws nova::ServiceError (STS said no) or nova::ConfigError.
  virtual Credentials assume_role(const Credentials& source, const AssumeRoleParams& params) = 0;
  // sts:AssumeRoleWithWebIdentity, unsigned. Same return and throws as assume_role.
  virtual Credentials assume_role_with_web_identity(const WebIdentityParams& params) = 0;
};

}  // namespace nova::aws
