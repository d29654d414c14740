#pragma once
// Credentials from IAM Identity Center (formerly AWS SSO), where `aws sso login` leaves them.
//
// A profile with `sso_account_id` / `sso_role_name` names the role; the sign-in is either an
// `[sso-session NAME]` section (`sso_session = NAME`: start URL and region, refreshable
// tokens) or, in the legacy form, `sso_start_url` and `sso_region` in the profile itself (the
// rules and messages follow botocore's SSOProvider). The access token comes from the AWS CLI's
// cache, `~/.aws/sso/cache/<sha1 of the session name, or of the start URL>.json`. A session's
// token within 15 minutes of expiry is refreshed through SSO OIDC (CreateToken) and written
// back, atomically and 0600, so the AWS CLI and the other SDKs go on with the same token. The
// token buys the role's temporary credentials from the access portal (GetRoleCredentials);
// the chain's refreshing wrapper asks again before they expire.

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "aws/core/clock.hpp"
#include "aws/core/config/shared_config.hpp"
#include "aws/core/credentials/credentials.hpp"
#include "aws/core/credentials/sso_portal.hpp"

namespace nova::aws {

struct SsoSettings {
  std::string profile;
  std::optional<std::string> session_name;  // sso_session; nullopt in the legacy form
  std::string start_url;
  std::string region;  // sso_region: where the portal and OIDC calls go
  std::string account_id;
  std::string role_name;
};

// The profile's IAM Identity Center role settings; nullopt when it names no role (neither
// sso_account_id nor sso_role_name). Throws nova::ConfigError naming what is missing or
// inconsistent (an unknown sso-session, a start URL that differs from the session's).
std::optional<SsoSettings> sso_settings(const Profile& profile, const SharedConfig& config);

// ~/.aws/sso/cache
std::string default_sso_cache_dir();
// The token file `aws sso login` writes for these settings, in `cache_dir`.
std::string sso_token_cache_file(const SsoSettings& settings, const std::string& cache_dir);

class SsoCredentialsProvider final : public CredentialsProvider {
 public:
  SsoCredentialsProvider(SsoSettings settings, std::shared_ptr<SsoPortal> portal, std::shared_ptr<const Clock> clock,
                         std::string cache_dir = default_sso_cache_dir());

  // Throws nova::ConfigError saying to run `aws sso login --profile P` when there is no
  // usable token, and nova::ServiceError when the portal fails otherwise.
  Credentials get() override;

 private:
  // A token valid now: the cached one, refreshed first when it is close to expiry.
  std::string access_token();
  [[noreturn]] void login_again(const std::string& why) const;

  SsoSettings settings_;
  std::shared_ptr<SsoPortal> portal_;
  std::shared_ptr<const Clock> clock_;
  std::string cache_file_;
  std::mutex mutex_;
};

}  // namespace nova::aws
