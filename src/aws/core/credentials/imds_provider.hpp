#pragma once
// EC2 instance metadata (IMDS): IMDSv2 session tokens with fallback to v1, the instance
// role's credentials (source "imds") and the instance region.
//
// Settings: AWS_EC2_METADATA_DISABLED, AWS_EC2_METADATA_SERVICE_ENDPOINT (or profile
// ec2_metadata_service_endpoint), AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6,
// AWS_EC2_METADATA_V1_DISABLED (or profile ec2_metadata_v1_disabled),
// AWS_METADATA_SERVICE_NUM_ATTEMPTS (default 1).

#include <memory>
#include <optional>
#include <string>

#include "aws/core/clock.hpp"
#include "aws/core/credentials/credentials.hpp"
#include "aws/core/http/http_transport.hpp"

namespace nova::aws {

struct Profile;

struct ImdsOptions {
  std::string endpoint{"http://169.254.169.254"};
  bool disabled{false};
  bool v1_disabled{false};
  int attempts{1};
  // From the environment, then the profile (may be nullptr). Throws nova::ConfigError for bad values.
  static ImdsOptions from_environment(const Profile* profile = nullptr);
};

class ImdsClient {
 public:
  ImdsClient(std::shared_ptr<HttpTransport> transport, ImdsOptions options,
             std::shared_ptr<const Clock> clock = system_clock());
  // GET of a metadata path ("/latest/meta-data/..."). nullopt when IMDS cannot be reached or
  // the path does not exist (404). Throws nova::ConfigError on a refused token (400) or when
  // v1 is needed but disabled.
  std::optional<std::string> get(const std::string& path);
  // placement/region, else availability-zone minus its letter. nullopt when unavailable.
  std::optional<std::string> region();
  const ImdsOptions& options() const { return options_; }

 private:
  // nullopt: use IMDSv1 (the token call answered 403/404/405).
  std::optional<std::string> session_token(bool& reachable);
  std::shared_ptr<HttpTransport> transport_;
  ImdsOptions options_;
  std::shared_ptr<const Clock> clock_;
  std::string scheme_, host_, prefix_;
};

class ImdsCredentialsProvider final : public CredentialsProvider {
 public:
  explicit ImdsCredentialsProvider(std::shared_ptr<ImdsClient> client);
  // Throws CredentialsNotFound when IMDS is disabled, unreachable or has no role;
  // nova::ConfigError for a failed or malformed answer.
  Credentials get() override;

 private:
  std::shared_ptr<ImdsClient> client_;
};

}  // namespace nova::aws
