#pragma once
// An AWS session: the configuration every service client shares, resolved once.
//
// Resolves the profile, the region (no silent default: none is a ConfigError), the client
// settings (retry mode, max attempts, CA bundle, FIPS), the default credential chain wrapped
// in the refreshing cache (assume-role and web identity go through STS on this session's
// transport) and one shared CurlTransport whose connections every client reuses. Clients
// it hands out get their endpoint from the override chain (code, AWS_ENDPOINT_URL_<SERVICE>,
// AWS_ENDPOINT_URL, the config file) and their retry settings from ClientSettings.
//
// @par Thread Safety  A Session is immutable after construction; clients may be made and
// used from any number of threads.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "aws/core/aws_client.hpp"
#include "aws/core/config/client_settings.hpp"
#include "aws/core/config/region.hpp"
#include "aws/core/config/shared_config.hpp"
#include "aws/core/endpoints/endpoint_resolver.hpp"
#include "aws/iam/iam_client.hpp"
#include "aws/logs/logs_client.hpp"
#include "aws/s3/s3_client.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/sts/sts_client.hpp"

namespace nova::aws {

struct SessionOptions {
  std::optional<std::string> profile;       // --profile; else AWS_PROFILE, ...
  std::optional<std::string> region;        // --region; else AWS_REGION, ...
  std::optional<std::string> endpoint_url;  // --endpoint-url: every service
  // The transport every client uses (tests put a FaultInjectingTransport here). Default: one
  // CurlTransport with the settings' CA bundle.
  std::shared_ptr<HttpTransport> transport;
  std::shared_ptr<const Clock> clock;  // default: the system clock
  std::function<double()> jitter;      // default: random
  // Credentials instead of the default chain (tests). Still wrapped in the refreshing cache.
  std::shared_ptr<CredentialsProvider> credentials;
};

class Session {
 public:
  // Throws nova::ConfigError for malformed configuration or no region. Credentials are not
  // fetched until a client signs its first request.
  explicit Session(SessionOptions options = {});

  const RegionResolution& region() const { return region_; }
  const ProfileSelection& profile() const { return profile_; }
  const ClientSettings& settings() const { return settings_; }
  const std::shared_ptr<CredentialsProvider>& credentials() const { return credentials_; }
  const std::shared_ptr<HttpTransport>& transport() const { return transport_; }

  // Throws nova::ConfigError for a malformed endpoint override.
  ResolvedEndpoint endpoint(std::string_view service) const;
  // The configuration of a client for `service` ("s3", "sts", ...).
  ClientConfig client_config(std::string_view service) const;

  S3Client s3() const { return S3Client(client_config("s3")); }
  StsClient sts() const { return StsClient(client_config("sts")); }
  SageMakerClient sagemaker() const { return SageMakerClient(client_config("sagemaker")); }
  LogsClient logs() const { return LogsClient(client_config("logs")); }
  // IAM is global: its default endpoint and signing region come from the partition.
  IamClient iam() const { return IamClient(client_config("iam")); }

  // The process-wide session used where no session is passed (dataset s3:// I/O), created
  // from the environment on first use. Throws nova::ConfigError as the constructor does.
  static std::shared_ptr<const Session> shared();
  // Replaces the process-wide session (tests; nullptr: resolve again on next use).
  static void set_shared(std::shared_ptr<const Session> session);

 private:
  SessionOptions options_;
  std::shared_ptr<const SharedConfig> config_;
  ProfileSelection profile_;
  RegionResolution region_;
  ClientSettings settings_;
  std::shared_ptr<const Clock> clock_;
  std::shared_ptr<ClockOffset> clock_offset_{std::make_shared<ClockOffset>()};  // shared by every client
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<CredentialsProvider> credentials_;
};

}  // namespace nova::aws
