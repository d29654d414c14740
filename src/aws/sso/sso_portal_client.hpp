#pragma once
// The production SsoPortal: IAM Identity Center's access portal (GetRoleCredentials) and SSO
// OIDC (CreateToken) over AwsClient, unsigned, in the sign-in's own region (sso_region),
// which may differ from the session's.

#include <functional>
#include <string>
#include <string_view>

#include "aws/core/aws_client.hpp"
#include "aws/core/credentials/sso_portal.hpp"

namespace nova::aws {

class SsoPortalClient final : public SsoPortal {
 public:
  // The client configuration (endpoint, transport, retries) for `service` ("sso" or
  // "sso-oidc") in `region`; its credentials are never used.
  using ConfigFor = std::function<ClientConfig(std::string_view service, const std::string& region)>;
  explicit SsoPortalClient(ConfigFor config_for);

  Credentials get_role_credentials(const std::string& sso_region, const std::string& account_id,
                                   const std::string& role_name, const std::string& access_token) override;
  SsoTokenGrant refresh_token(const std::string& sso_region, const std::string& client_id,
                              const std::string& client_secret, const std::string& refresh_token) override;

 private:
  ConfigFor config_for_;
};

}  // namespace nova::aws
