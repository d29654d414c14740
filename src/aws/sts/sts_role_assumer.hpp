#pragma once
// The production StsRoleAssumer: the assume-role and web-identity credential providers
// (aws/core) call STS through this adapter over StsClient.

#include <memory>

#include "aws/core/aws_client.hpp"
#include "aws/core/credentials/sts_assumer.hpp"

namespace nova::aws {

class StsClientAssumer final : public StsRoleAssumer {
 public:
  // `base` is the STS client configuration (endpoint, region, transport, retries); its
  // credentials are ignored: each call signs with the source credentials it is given.
  explicit StsClientAssumer(ClientConfig base);

  Credentials assume_role(const Credentials& source, const AssumeRoleParams& params) override;
  Credentials assume_role_with_web_identity(const WebIdentityParams& params) override;

 private:
  ClientConfig config_for(const Credentials& source) const;
  ClientConfig base_;
};

}  // namespace nova::aws
