#pragma once
// Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (legacy
// AWS_SECURITY_TOKEN), AWS_CREDENTIAL_EXPIRATION and AWS_ACCOUNT_ID. Source "env".

#include "aws/core/credentials/credentials.hpp"

namespace nova::aws {

class EnvironmentCredentialsProvider final : public CredentialsProvider {
 public:
  // Throws CredentialsNotFound when neither key variable is set, ConfigError when only one is
  // or AWS_CREDENTIAL_EXPIRATION is malformed.
  Credentials get() override;
};

}  // namespace nova::aws
