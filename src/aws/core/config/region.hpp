#pragma once
// Region resolution: explicit → AWS_REGION → AWS_DEFAULT_REGION → profile `region` →
// (optionally) instance metadata. There is no silent default: no region is an error.

#include <functional>
#include <optional>
#include <string>

#include "aws/core/config/shared_config.hpp"

namespace nova::aws {

struct RegionResolution {
  std::string region;
  std::string source;  // "code", "AWS_REGION", "AWS_DEFAULT_REGION", "profile:<name>", "imds"
};

// Asked last, only when nothing else names a region; returns nullopt when unavailable.
using RegionFallback = std::function<std::optional<std::string>()>;

// nullopt when no source names a region. Throws nova::ConfigError for a malformed name.
std::optional<RegionResolution> resolve_region(const std::optional<std::string>& explicit_region,
                                               const SharedConfig& config, const ProfileSelection& profile,
                                               const RegionFallback& fallback = {});

// As resolve_region, but throws nova::ConfigError ("no region: set AWS_REGION or ...") when none is found.
RegionResolution require_region(const std::optional<std::string>& explicit_region, const SharedConfig& config,
                                const ProfileSelection& profile, const RegionFallback& fallback = {});

// Throws nova::ConfigError unless `region` looks like a region name (lower-case letters, digits,
// '-'): it becomes part of a host name, so nothing else may get through.
void validate_region(const std::string& region, const std::string& source);

}  // namespace nova::aws
