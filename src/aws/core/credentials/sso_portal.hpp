#pragma once
// What the IAM Identity Center credential provider needs from AWS: the access portal's
// GetRoleCredentials and SSO OIDC's CreateToken (refresh). The service layer (src/aws/sso)
// implements it; the provider only knows this interface, so aws/core does not depend on a
// service client. Both calls are unsigned: the bearer token is the authentication.

#include <chrono>
#include <optional>
#include <string>

#include "aws/core/credentials/credentials.hpp"

namespace nova::aws {

// A new access token from a refresh token (CreateToken, grant type refresh_token).
struct SsoTokenGrant {
  std::string access_token;                  // a secret: never log it
  std::chrono::seconds expires_in{0};
  std::optional<std::string> refresh_token;  // a rotated refresh token, when the service sends one
};

class SsoPortal {
 public:
  virtual ~SsoPortal() = default;
  // GetRoleCredentials in `sso_region`: the role's temporary credentials (with expiration).
  // Throws nova::ServiceError (UnauthorizedException for an expired or revoked token).
  virtual Credentials get_role_credentials(const std::string& sso_region, const std::string& account_id,
                                           const std::string& role_name, const std::string& access_token) = 0;
  // CreateToken in `sso_region` with the client registration `aws sso login` cached.
  // Throws nova::ServiceError.
  virtual SsoTokenGrant refresh_token(const std::string& sso_region, const std::string& client_id,
                                      const std::string& client_secret, const std::string& refresh_token) = 0;
};

}  // namespace nova::aws
