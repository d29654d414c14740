#pragma once
/// @file
/// AWS account information for the CLI and bindings: who the configured credentials are.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "nova/error.hpp"

namespace nova {

/// Overrides of the environment and shared config files (the CLI's --profile/--region/--endpoint-url).
struct AwsOptions {
  std::optional<std::string> profile;
  std::optional<std::string> region;
  std::optional<std::string> endpoint_url;
};

/// The identity behind the configured credentials and where requests go. Holds no secret.
struct CallerIdentity {
  std::string account;
  std::string arn;
  std::string user_id;
  std::string region;
  std::string region_source;      ///< "AWS_REGION", "profile:dev", ...
  std::string profile;
  std::string profile_source;     ///< "AWS_PROFILE", "default", ...
  std::string credential_source;  ///< "env", "profile:dev", "assume-role:<arn>", "imds", ...
  std::string endpoint;           ///< the STS endpoint the call went to
  std::string s3_endpoint;        ///< where S3 requests go
};

/// Progress of one S3 transfer (dataset load or save, job output download), reported per range or part.
struct TransferProgress {
  std::string uri;
  bool upload{false};
  std::uint64_t bytes{0};  ///< transferred so far
  std::uint64_t total{0};  ///< 0 when not known yet (uploads before the end)
  bool done{false};
};
using TransferProgressHandler = std::function<void(const TransferProgress&)>;
/// Installs a process-wide progress handler (the CLI's progress line); empty removes it.
/// Called from the thread doing the transfer.
void set_transfer_progress_handler(TransferProgressHandler handler);

/// Calls sts:GetCallerIdentity with the default configuration.
/// @throws ConfigError no region, no credentials or malformed configuration
/// @throws ServiceError STS answered with an error (or could not be reached)
CallerIdentity whoami(const AwsOptions& options = {});

}  // namespace nova
