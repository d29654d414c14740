#include "aws/core/config/region.hpp"

#include "aws/core/config/env.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

std::string printable(const std::string& s) {
  std::string out;
  for (char c : s.substr(0, 64)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

}  // namespace

void validate_region(const std::string& region, const std::string& source) {
  bool ok = !region.empty() && region.size() <= 63 && region.front() != '-' && region.back() != '-';
  for (char c : region) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (!ok) {
    throw ConfigError("region '" + printable(region) + "' (from " + source +
                      ") is not a valid region name; expected something like us-east-1");
  }
}

std::optional<RegionResolution> resolve_region(const std::optional<std::string>& explicit_region,
                                               const SharedConfig& config, const ProfileSelection& profile,
                                               const RegionFallback& fallback) {
  std::optional<RegionResolution> found;
  if (explicit_region && !explicit_region->empty()) {
    found = RegionResolution{*explicit_region, "code"};
  } else if (auto r = env_value("AWS_REGION")) {
    found = RegionResolution{*r, "AWS_REGION"};
  } else if (auto d = env_value("AWS_DEFAULT_REGION")) {
    found = RegionResolution{*d, "AWS_DEFAULT_REGION"};
  } else if (const Profile* p = config.profile(profile.name); p != nullptr && p->has("region")) {
    found = RegionResolution{*p->get("region"), "profile:" + profile.name};
  } else if (fallback) {
    if (auto m = fallback()) found = RegionResolution{*m, "imds"};
  }
  if (found) validate_region(found->region, found->source);
  return found;
}

RegionResolution require_region(const std::optional<std::string>& explicit_region, const SharedConfig& config,
                                const ProfileSelection& profile, const RegionFallback& fallback) {
  if (auto r = resolve_region(explicit_region, config, profile, fallback)) return *r;
  throw ConfigError("no region: set AWS_REGION (or AWS_DEFAULT_REGION), pass --region, or add 'region = us-east-1' "
                    "to profile '" + profile.name + "' in " + config.config_path() +
                    (fallback ? " (instance metadata had no region either)" : ""));
}

}  // namespace nova::aws
