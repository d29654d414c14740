#pragma once
// Pieces shared by the credential providers: the "not configured here" signal the chain
// uses to move on, ISO-8601 expiry times, and the JSON credential documents returned by
// credential_process, the container endpoint and IMDS. Error messages never quote the
// document: it holds the secret.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "aws/core/credentials/credentials.hpp"
#include "nova/error.hpp"

namespace nova::aws {

// Thrown by a provider whose source is not configured at all (no env vars, no profile,
// IMDS disabled). The chain tries the next provider; any other exception stops it, because
// a source that is configured but broken should be fixed, not silently skipped.
class CredentialsNotFound : public ConfigError {
 public:
  using ConfigError::ConfigError;
};

// "2026-11-25T21:05:14Z", with optional fraction and "Z"/"+HH:MM"/"+HHMM"/no zone (UTC).
std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text);
// "2026-11-25T21:05:14Z": whole seconds, UTC (how the AWS CLI writes expiry times).
std::string format_iso8601(std::chrono::system_clock::time_point t);

struct CredentialsJsonFormat {
  const char* token_field;  // "SessionToken" (credential_process) or "Token" (container, IMDS)
  bool require_version_1;   // credential_process documents carry "Version": 1
};

// Parses a credentials document. `what` names the source in errors ("credential_process for
// profile 'dev'"). Throws nova::ConfigError without any of the document's content.
Credentials parse_credentials_json(std::string_view text, const CredentialsJsonFormat& format,
                                   const std::string& what, std::string source);

// A provider that always returns the same credentials (static keys, tests).
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  Credentials get() override { return credentials_; }

 private:
  Credentials credentials_;
};

}  // namespace nova::aws
