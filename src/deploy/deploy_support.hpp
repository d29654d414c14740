#pragma once
// Small pieces the deploy module's files share: the session for AwsOptions, ISO 8601 UTC
// times, and ARN helpers.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "nova/aws.hpp"

namespace nova::aws {
class Session;
}

namespace nova::deploy {

// The session for `aws`, kept alive by the shared pointer.
struct SessionRef {
  std::shared_ptr<const aws::Session> owner;
  const aws::Session& get() const { return *owner; }
};
SessionRef session_ref(const AwsOptions& aws);

// "2026-01-30T12:00:00Z".
std::string iso_utc(std::chrono::system_clock::time_point t);
// Reads "YYYY-MM-DDTHH:MM:SS[.fff][Z|+00:00]" or epoch seconds; nothing when unreadable.
std::optional<std::chrono::system_clock::time_point> parse_iso_utc(const std::string& text);

// The last '/'-separated part of an ARN ("arn:...:endpoint/name" -> "name").
std::string arn_resource_name(const std::string& arn);

}  // namespace nova::deploy
