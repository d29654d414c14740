#pragma once
// Credentials from STS: AssumeRole with credentials from a source provider (source "assume-role:<arn>"),
// and AssumeRoleWithWebIdentity with a token file that is read again on every call, because
// it is rotated (EKS IRSA) (source "web-identity"). Neither caches: wrap them in
// RefreshingCredentialsProvider.

#include <memory>
#include <string>

#include "aws/core/credentials/credentials.hpp"
#include "aws/core/credentials/sts_assumer.hpp"

namespace nova::aws {

class AssumeRoleProvider final : public CredentialsProvider {
 public:
  AssumeRoleProvider(std::shared_ptr<CredentialsProvider> source, std::shared_ptr<StsRoleAssumer> sts,
                     AssumeRoleParams params);
  Credentials get() override;

 private:
  std::shared_ptr<CredentialsProvider> source_;
  std::shared_ptr<StsRoleAssumer> sts_;
  AssumeRoleParams params_;
};

class WebIdentityProvider final : public CredentialsProvider {
 public:
  WebIdentityProvider(std::string token_file, std::shared_ptr<StsRoleAssumer> sts, WebIdentityParams params);
  // Throws nova::ConfigError when the token file cannot be read or is empty.
  Credentials get() override;

 private:
  std::string token_file_;
  std::shared_ptr<StsRoleAssumer> sts_;
  WebIdentityParams params_;  // web_identity_token is filled on each call
};

// "nova-sdk-<milliseconds since the epoch>", the session name when none is configured.
std::string default_role_session_name();

}  // namespace nova::aws
