#pragma once
// Per-client settings other than region and endpoint, resolved from env over the profile,
// for the HTTP and retry layers to consume.

#include <string>

#include "aws/core/config/shared_config.hpp"

namespace nova::aws {

enum class RetryMode { kLegacy, kStandard, kAdaptive };

struct ClientSettings {
  RetryMode retry_mode{RetryMode::kStandard};
  std::string retry_mode_source{"default"};  // "AWS_RETRY_MODE", "profile:<name>" or "default"
  // Total attempts including the first. Default 3 (standard, adaptive) or 5 (legacy), as botocore.
  int max_attempts{3};
  std::string max_attempts_source{"default"};  // "AWS_MAX_ATTEMPTS", "profile:<name>" or "default"
  std::string ca_bundle;                       // AWS_CA_BUNDLE or profile ca_bundle; empty = system store
  bool use_fips_endpoint{false};               // AWS_USE_FIPS_ENDPOINT or profile use_fips_endpoint
};

// Env (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS, AWS_CA_BUNDLE, AWS_USE_FIPS_ENDPOINT) over the profile's
// retry_mode, max_attempts, ca_bundle, use_fips_endpoint. Throws nova::ConfigError for bad values.
ClientSettings resolve_client_settings(const SharedConfig& config, const ProfileSelection& profile);

const char* to_string(RetryMode mode);

}  // namespace nova::aws
