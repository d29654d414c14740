#pragma once
// AWS credentials and the provider interface every source of them implements.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace nova::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;  // never logged or printed
  std::string session_token;      // never logged or printed
  std::optional<std::chrono::system_clock::time_point> expiration;
  std::string account_id;
  std::string source;  // where they came from: "env", "profile:dev", "process", "assume-role", "imds", ...
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Returns valid credentials, refreshing when needed. Throws nova::ConfigError when this
  // source has none (the chain then tries the next one) or fails.
  virtual Credentials get() = 0;
};

}  // namespace nova::aws
