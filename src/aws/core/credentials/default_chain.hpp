#pragma once
// The default credential chain, in the order common to the AWS SDKs:
//   1. environment variables (skipped when a profile was chosen in code, as in botocore);
//   2. web identity from AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN;
//   3. the selected profile: assume-role (role_arn + source_profile | credential_source |
//      web_identity_token_file), then IAM Identity Center (sso_account_id / sso_role_name),
//      then static keys from the credentials file, then credential_process, then static keys
//      from the config file (botocore's order);
//   4. container credentials (ECS, EKS Pod Identity);
//   5. EC2 instance metadata.
// The first source that is configured decides: if it fails, the chain fails with its error
// (a broken profile is not silently replaced by an instance role). When none is configured
// the error lists every source tried and how to fix it. The chain remembers the source that
// worked; expiring credentials are cached and refreshed ahead of expiry.
//
// @par Thread Safety  get() may be called from any number of threads.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aws/core/clock.hpp"
#include "aws/core/config/shared_config.hpp"
#include "aws/core/credentials/credentials.hpp"
#include "aws/core/credentials/sso_portal.hpp"
#include "aws/core/credentials/sts_assumer.hpp"
#include "aws/core/http/http_transport.hpp"

namespace nova::aws {

struct CredentialChainOptions {
  std::optional<std::string> profile;               // chosen in code (--profile)
  std::shared_ptr<StsRoleAssumer> sts;              // needed for assume-role and web identity
  std::shared_ptr<SsoPortal> sso;                   // needed for IAM Identity Center profiles
  std::shared_ptr<HttpTransport> metadata_transport;  // container + IMDS; nullptr skips both
  std::shared_ptr<const Clock> clock{system_clock()};
  std::shared_ptr<const SharedConfig> config;       // nullptr: SharedConfig::load()
};

// Builds the provider for one profile, following source_profile links (cycles are an error).
// Throws CredentialsNotFound when the profile does not exist or holds no credential settings,
// nova::ConfigError when its settings are inconsistent.
std::shared_ptr<CredentialsProvider> make_profile_provider(const std::string& profile,
                                                           const CredentialChainOptions& options,
                                                           const SharedConfig& config);

class DefaultCredentialsChain final : public CredentialsProvider {
 public:
  // Reads the shared files now (unless options.config is given); nothing else happens until get().
  explicit DefaultCredentialsChain(CredentialChainOptions options);
  Credentials get() override;
  const ProfileSelection& profile() const { return profile_; }

 private:
  std::shared_ptr<CredentialsProvider> select();

  CredentialChainOptions options_;
  std::shared_ptr<const SharedConfig> config_;
  ProfileSelection profile_;
  std::mutex mutex_;
  std::shared_ptr<CredentialsProvider> selected_;
};

}  // namespace nova::aws
