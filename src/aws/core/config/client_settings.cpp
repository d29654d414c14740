#include "aws/core/config/client_settings.hpp"

#include <climits>
#include <optional>

#include "aws/core/config/env.hpp"
#include "core/text.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

struct Setting {
  std::string value;
  std::string source;
};

// The env variable, else the profile key.
std::optional<Setting> lookup(const std::string& env_name, const Profile* profile, std::string_view key) {
  if (auto v = env_value(env_name)) return Setting{*v, env_name};
  if (profile != nullptr) {
    if (auto v = profile->get(key)) return Setting{*v, "profile:" + profile->name};
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(RetryMode mode) {
  switch (mode) {
    case RetryMode::kLegacy: return "legacy";
    case RetryMode::kStandard: return "standard";
    case RetryMode::kAdaptive: return "adaptive";
  }
  return "standard";
}

ClientSettings resolve_client_settings(const SharedConfig& config, const ProfileSelection& selection) {
  const Profile* profile = config.profile(selection.name);
  ClientSettings out;
  if (auto mode = lookup("AWS_RETRY_MODE", profile, "retry_mode")) {
    const auto v = core::ascii_lower(mode->value);
    if (v == "legacy") {
      out.retry_mode = RetryMode::kLegacy;
      out.max_attempts = 5;
    } else if (v == "standard") {
      out.retry_mode = RetryMode::kStandard;
    } else if (v == "adaptive") {
      out.retry_mode = RetryMode::kAdaptive;
    } else {
      throw ConfigError("retry mode from " + mode->source + " must be legacy, standard or adaptive");
    }
    out.retry_mode_source = mode->source;
  }
  if (auto attempts = lookup("AWS_MAX_ATTEMPTS", profile, "max_attempts")) {
    out.max_attempts = parse_int_setting(attempts->value, 1, INT_MAX, "max attempts from " + attempts->source);
    out.max_attempts_source = attempts->source;
  }
  if (auto ca = lookup("AWS_CA_BUNDLE", profile, "ca_bundle")) out.ca_bundle = expand_home(ca->value);
  if (auto fips = lookup("AWS_USE_FIPS_ENDPOINT", profile, "use_fips_endpoint")) {
    out.use_fips_endpoint = parse_bool_setting(fips->value, "use_fips_endpoint (from " + fips->source + ")");
  }
  return out;
}

}  // namespace nova::aws
